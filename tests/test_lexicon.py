import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedgeometer.errors import LexiconError
from hedgeometer.rules.lexicon import load_lexicons, read_lexicon_file
from hedgeometer.rules.patterns import regular_inflections
from hedgeometer.text.tokens import tokenize

from conftest import write_lexicon


def matches(lexicon, sentence):
    return [(m.dimension, m.text) for m in lexicon.match_tokens(tokenize(sentence), sentence)]


@pytest.fixture
def lexicon(tmp_path):
    write_lexicon(tmp_path / "hedging.tsv", "hedging", [
        "may\tepistemic-modal\t0.55\tHyland\tnot_month",
        "might\tepistemic-modal\t0.55\tHyland\tnot_noun",
        "suggest~\tepistemic-verb\t0.5\tHyland",
        "appear~ to\tepistemic-verb\t0.6\tHyland",
        "some\tapproximator\t0.3\tHyland",
    ])
    write_lexicon(tmp_path / "dramatic.tsv", "dramatic", [
        "on the brink|verge of\tcliche\t0.8\tAP\tnot_literal",
        "on the brink\tcliche\t0.6\tAP\tnot_literal",
        "shrouded in (a veil of)?\tcliche\t0.8\tnews",
        "specter|spectre of _{1,3} loom~\tcliche\t0.8\tnews",
        "send~ ripples through\tcliche\t0.8\tnews",
    ])
    (tmp_path / "inflections.tsv").write_text("lemma\tforms\nsend\tsends,sent,sending\n", encoding="utf-8")
    return load_lexicons(lexicon_dir=tmp_path)


def test_multiword_optional_gap_and_inflections(lexicon):
    assert matches(lexicon, "The talks, shrouded in a veil of secrecy, ended.") == [("dramatic", "shrouded in a veil of")]
    assert matches(lexicon, "The talks were shrouded in secrecy.") == [("dramatic", "shrouded in")]
    assert matches(lexicon, "even as the specter of a long war looms") == [("dramatic", "specter of a long war looms")]
    assert matches(lexicon, "The move sent ripples through the markets.") == [("dramatic", "sent ripples through")]
    assert matches(lexicon, "The data suggested it; she suggests it.") == [("hedging", "suggested"), ("hedging", "suggests")]


def test_phrase_alternatives_in_a_group(tmp_path):
    write_lexicon(tmp_path / "speculation.tsv", "speculation", [
        "(no one|nobody) knows\tunknown\t0.6\tnews",
        "(rumour has it|rumor has it|word is)\trumour\t0.7\tnews",
        "remains to be seen (whether|if the)?\tunknown\t0.6\tnews",
    ])
    lexicon = load_lexicons(lexicon_dir=tmp_path)
    assert matches(lexicon, "No one knows when the talks end.") == [("speculation", "No one knows")]
    assert matches(lexicon, "Nobody knows.") == [("speculation", "Nobody knows")]
    assert matches(lexicon, "No nobody knows it.") == [("speculation", "nobody knows")]  # not "no nobody"
    assert matches(lexicon, "Rumor has it that he left; word is she stays.") == [
        ("speculation", "Rumor has it"), ("speculation", "word is")]
    assert matches(lexicon, "It remains to be seen if the deal holds.") == [("speculation", "remains to be seen if the")]
    assert matches(lexicon, "It remains to be seen.") == [("speculation", "remains to be seen")]


@pytest.mark.parametrize("pattern, problem", [
    ("(no one||nobody) knows", "empty or badly spaced alternative"),
    ("(no one |nobody) knows", "empty or badly spaced alternative"),
    ("((no one)|nobody) knows", "no nesting"),
    ("(no one|nobody knows", "no nesting"),
    (" ".join(["(a b|c d)"] * 10), "too many variants"),
])
def test_bad_groups_are_reported(tmp_path, pattern, problem):
    path = write_lexicon(tmp_path / "speculation.tsv", "speculation", [f"{pattern}\tunknown\t0.6\tnews"])
    with pytest.raises(LexiconError) as caught:
        load_lexicons([path])
    assert problem in caught.value.problems[0]


def test_longest_match_wins_within_a_dimension(lexicon):
    assert matches(lexicon, "A world on the brink of change.") == [("dramatic", "on the brink of")]


def test_gaps_do_not_cross_punctuation(lexicon):
    assert matches(lexicon, "The specter of war, it looms.") == []


def test_matching_is_case_insensitive_and_word_bounded(lexicon):
    assert matches(lexicon, "Prices MAY rise.") == [("hedging", "MAY")]
    assert matches(lexicon, "The mayor and somebody left.") == []


def test_false_friends_are_guarded(lexicon):
    assert matches(lexicon, "The meeting is in May.") == []
    assert matches(lexicon, "The vote was held on May 5.") == []
    assert matches(lexicon, "He pushed with all his might.") == []
    assert matches(lexicon, "He stood on the brink of the cliff.") == []
    assert matches(lexicon, "Prices might rise.") == [("hedging", "might")]


def test_offsets_shift_with_the_sentence(lexicon):
    article = "First sentence. Prices may rise."
    sentence = "Prices may rise."
    start = article.index(sentence)
    [match] = lexicon.match_tokens(tokenize(sentence, start), sentence, start)
    assert article[match.start:match.end] == "may"


def test_inflections():
    assert {"suggests", "suggested", "suggesting"} <= regular_inflections("suggest")
    assert {"hoped", "hoping"} <= regular_inflections("hope")
    assert {"stopped", "stopping"} <= regular_inflections("stop")
    assert {"worries", "worried"} <= regular_inflections("worry")


def test_all_problems_reported_with_file_and_line(tmp_path):
    path = write_lexicon(tmp_path / "hedging.tsv", "hedging", [
        "may\tmodal\t0.5\tok",
        "(unclosed\tmodal\t0.5\tbad",
        "might\tmodal\theavy\tbad weight",
        "could\tmodal\t1.5\tout of range",
        "seem~\tverb\t0.5\tx\tnot_a_guard",
        "a.*b\tregex\t0.5\tregex is not allowed",
        "only three\tfields",
        "may\tmodal\t0.4\tduplicate",
    ])
    with pytest.raises(LexiconError) as caught:
        load_lexicons([path])
    problems = caught.value.problems
    assert len(problems) == 7
    lines = [p.split(":")[1] for p in problems]
    assert lines == ["6", "7", "8", "9", "10", "11", "12"]
    assert all(p.startswith(str(path)) for p in problems)
    assert "weight 'heavy' is not a number" in problems[1]
    assert "unknown guard not_a_guard" in problems[3]


def test_unknown_dimension_is_an_error(tmp_path):
    path = tmp_path / "wobble.tsv"
    path.write_text("pattern\tcategory\tweight\tnotes\nfoo\tx\t0.5\ty\n")
    cues, problems = read_lexicon_file(path)
    assert cues == [] and "unknown dimension 'wobble'" in problems[0]


def test_user_file_extends_and_overrides(tmp_path, lexicon):
    shipped_dir = tmp_path
    extra = write_lexicon(tmp_path / "extra.txt", "hedging", [
        "may\tepistemic-modal\t0\tswitched off",
        "kind of\tshield\t0.6\tmine",
    ])
    combined = load_lexicons([extra], lexicon_dir=shipped_dir)
    assert matches(combined, "It may be kind of late.") == [("hedging", "kind of")]
    assert combined.fingerprint != lexicon.fingerprint


def test_a_weight_0_row_switches_off_the_phrases_it_spells_in_any_row(tmp_path):
    """A user row at weight 0 silences its own word sequences even when a shipped row spells
    them among alternatives or in a group; the other alternatives stay on."""
    shipped = write_lexicon(tmp_path / "dramatic.tsv", "dramatic", [
        "on the brink|verge of\tcliche\t0.85\tshipped",
        "(no one|nobody) knows\tcliche\t0.6\tshipped",
        "specter of _{1,3} loom~\tcliche\t0.9\tshipped",
    ])
    (tmp_path / "mine").mkdir()
    mine = write_lexicon(tmp_path / "mine" / "dramatic.tsv", "dramatic", [
        "on the verge of\tcliche\t0\tnot in our house style",
        "no one knows\tcliche\t0\tplain enough",
        "specter of _{1,3} loom~\tcliche\t0\tsame pattern, as written",
    ])
    combined = load_lexicons([mine], lexicon_dir=shipped.parent)
    assert matches(combined, "The deal is on the verge of collapse.") == []
    assert matches(combined, "The deal is on the brink of collapse.") == [("dramatic", "on the brink of")]
    assert matches(combined, "No one knows why.") == []
    assert matches(combined, "Nobody knows why.") == [("dramatic", "Nobody knows")]
    assert matches(combined, "The specter of war looms.") == []


def test_pathological_input_is_fast(lexicon):
    sentence = " ".join(["specter of"] * 20000)
    start = time.perf_counter()
    lexicon.match_tokens(tokenize(sentence), sentence)
    assert time.perf_counter() - start < 5


def test_a_byte_order_mark_is_ignored(tmp_path):
    """Notepad and Excel save "UTF-8" with a byte-order mark; it must not become part of a pattern."""
    path = write_lexicon(tmp_path / "hedging.tsv", "hedging", ["tea leaves\tmetaphor\t0.7\tmine"])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    lexicon = load_lexicons([path])
    assert matches(lexicon, "Reading the tea leaves is hard.")[-1] == ("hedging", "tea leaves")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab May could’s -'_,.?!\"\n\t2İΣ")), max_size=60), st.integers(0, 5))
def test_a_match_span_walked_from_the_start_is_the_tokens_offsets(text, shift):
    """The matcher finds one match's characters without working out every offset
    (Tokens.span); they are the tokens' own offsets."""
    for first in range(len(tokenize(text))):
        for last in range(first, min(first + 3, len(tokenize(text)))):
            tokens = tokenize(text, shift)
            assert tokens.span(first, last) == (tokens.start(first), tokens.end(last))
