"""Sentences and headlines (hedgeometer.text.segment): Punkt with shipped parameters, offsets that
tile the text, and the first line scored apart when it reads as a headline."""

import json
import random
import re
import subprocess
import sys
from importlib import resources

import pytest
from hypothesis import given, settings, strategies as st
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from hedgeometer.text.segment import _tokenizer, looks_like_headline, split_sentences

from conftest import ROOT


def texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gen. Smith arrived in the U.S. on Monday. Talks began.", ["Gen. Smith arrived in the U.S. on Monday.", "Talks began."]),
        ("Mr. J. R. Smith of Acme Inc. spoke in Jan. 2020. The deal fell through.",
         ["Mr. J. R. Smith of Acme Inc. spoke in Jan. 2020.", "The deal fell through."]),
        ("Dr. Lee met Prof. Kim at St. Mary's. They talked.", ["Dr. Lee met Prof. Kim at St. Mary's.", "They talked."]),
        ("She said: “It is over.” Then she left.", ["She said: “It is over.”", "Then she left."]),
        ("The vote failed. (It was close.) Work resumed.", ["The vote failed.", "(It was close.)", "Work resumed."]),
        ("Talks were held in the U.S. The officials left.", ["Talks were held in the U.S.", "The officials left."]),
        ("Is it over? Nobody knows! Perhaps.", ["Is it over?", "Nobody knows!", "Perhaps."]),
        ("No punctuation at all here", ["No punctuation at all here"]),
    ],
)
def test_splits_news_sentences(text, expected):
    assert texts(text) == expected


def test_headline_without_full_stop_is_its_own_sentence():
    text = "Russia and Syria Strengthen Ties\n\nIn a move that surprised many, talks began."
    assert texts(text) == ["Russia and Syria Strengthen Ties", "In a move that surprised many, talks began."]


def test_windows_line_endings_split_like_unix_ones():
    unix = "Minister Could Quit\n\nThe minister may resign, sources said. Talks resume.\n\n# Next\n- an item\n"
    windows = unix.replace("\n", "\r\n")
    assert texts(windows) == texts(unix) == ["Minister Could Quit", "The minister may resign, sources said.",
                                             "Talks resume.", "# Next", "- an item"]
    sentences = split_sentences(windows)
    assert looks_like_headline(windows, sentences)
    assert all(windows[s.start:s.end] == s.text for s in sentences)


def test_markdown_blocks_end_sentences():
    text = "# Title\nSome text. More text.\n- item one\n- item two"
    assert texts(text) == ["# Title", "Some text.", "More text.", "- item one", "- item two"]


def test_hard_wrapped_lines_stay_one_sentence():
    text = "The talks were\nshrouded in secrecy, officials\nsaid on Monday."
    assert texts(text) == ["The talks were\nshrouded in secrecy, officials\nsaid on Monday."]


def test_offsets_slice_the_original(seed_text):
    sentences = split_sentences(seed_text)
    assert len(sentences) == 19
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert seed_text[sentence.start:sentence.end] == sentence.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.text(alphabet="ab .!?\n\"”“()'Mr.U.S", max_size=200))
def test_sentences_tile_any_text(text):
    sentences = split_sentences(text)
    position = 0
    for sentence in sentences:
        assert sentence.start >= position, "sentences overlap or go backwards"
        assert text[position:sentence.start].strip() == "", "non-space text fell between sentences"
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        position = sentence.end
    assert text[position:].strip() == ""


# --- segmentation must decide exactly as nltk's Punkt does ----------------------------------
# The reference: nltk's own PunktSentenceTokenizer with the shipped parameters and the language
# rules hedgeometer uses (nltk's English ones, curly quotes closing a sentence and never
# starting a word), written out here independently of hedgeometer.text.segment.


class _NewsLanguageVars(PunktLanguageVars):
    _re_word_start = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,“”‘’]"
    _re_non_word_chars = r"(?:[)\";}\]\*:@\'\({\[“”‘’!?])"
    re_boundary_realignment = re.compile(r"[\"\')\]}”’]+?(?:\s+|(?=--)|$)", re.MULTILINE)


def _reference_tokenizer() -> PunktSentenceTokenizer:
    raw = json.loads(resources.files("hedgeometer").joinpath("data/punkt_en.json").read_text("utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(raw["abbrev_types"])
    params.sent_starters = set(raw["sent_starters"])
    params.collocations = {tuple(pair) for pair in raw["collocations"]}
    return PunktSentenceTokenizer(params, lang_vars=_NewsLanguageVars())


REFERENCE = _reference_tokenizer()

NEWSY = st.sampled_from([
    "Gen.", "Dr.", "U.S.", "Inc.", "Jan.", "St.", "J.", "R.", "No.", "vs.", "e.g.", "3.5", "1990.",
    "said.", "Talks", "the", "May", "(", ")", '"', "“", "”", "’", "'", "?", "!", "...", "..", "--",
    "—", ",", ";", ":", "\n", "\n\n", " ", "\t", "\xa0", "\x1f", "\x85", "\u2028", "it.", "him.)",
    "2019.", "12-3.", "1600s.", "9pm.", "clear-out.", "Gen-x.", "covid-19.", "and", "ǅx", "No.", "5", "2019!",
])


def _nltk_spans(text):
    return list(REFERENCE.span_tokenize(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(NEWSY | st.text(max_size=6), max_size=40).map(" ".join) | st.text(max_size=200))
def test_fast_loop_equals_nltk_punkt(text):
    assert _tokenizer().spans(text) == _nltk_spans(text)


def _corpus_lines():
    return [json.loads(line)["text"] for path in sorted((ROOT / "corpus").glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_fast_loop_equals_nltk_punkt_on_the_corpus():
    lines = _corpus_lines()
    for start in range(0, len(lines), 8):
        text = " ".join(lines[start:start + 8])
        assert _tokenizer().spans(text) == _nltk_spans(text), text


# What a sentence's end can turn into, what can be put inside it, and what joins sentences:
# the shapes that make Punkt's decisions differ (abbreviations, initials, numbers, ellipses,
# closing quotes and brackets, a lowercase or digit next word, line breaks).
_ENDINGS = [".", ".", ".", "?", "!", "...", ". . .", '."', ".”", ".’", ".)", "?”", "!)", ".--", ".;", ". ", ".\x1f", ""]
_INSERTS = ["Gen.", "Dr.", "U.S.", "Inc.", "Jan.", "St.", "J.", "R. J.", "No. 5", "vs.", "e.g.", "i.e.,", "3.5",
            "1990.", "12-3.", "p.m.", "a.m. on", "Mr. Smith", "(see above.)", "“Quoted.”", "etc.", "co.", "...",
            "--", "U.K.-based", "Ph.D.", "No.", "x.", "é.", "Ⓐ.", "5.", "2019. The", "2019. and", "the U.S. The"]
_JOINS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n ", "\xa0", "\u2028"]


def generated_texts(count: int, seed: int = 20261208):
    """``count`` varied texts from the corpus sentences, shuffled, cut and joined."""
    lines = _corpus_lines()
    rng = random.Random(seed)
    for _ in range(count):
        pieces = []
        for sentence in rng.sample(lines, rng.randint(1, 8)):
            words = sentence.split(" ")
            if rng.random() < 0.5:
                words.insert(rng.randrange(len(words) + 1), rng.choice(_INSERTS))
            text = " ".join(words)
            if text.endswith(".") and rng.random() < 0.6:
                text = text[:-1] + rng.choice(_ENDINGS)
            if rng.random() < 0.25:
                text = text[0].lower() + text[1:]
            elif rng.random() < 0.1:
                text = rng.choice(["2", "(", "“", "'", "-", "ǅ", "9pm"]) + text
            pieces.append(text)
            pieces.append(rng.choice(_JOINS))
        yield "".join(pieces[:-1])


def test_spans_equal_nltk_punkt_on_12000_generated_texts():
    tokenizer = _tokenizer()
    differ = [text for text in generated_texts(12_000) if tokenizer.spans(text) != _nltk_spans(text)]
    assert not differ, f"{len(differ)} texts differ, e.g. {differ[0]!r}"


def test_segmentation_does_not_import_nltk():
    code = ("import sys; from hedgeometer import Analyzer; Analyzer(model=None).analyze('Gen. Smith met J. R. Lee. "
            "Talks began.'); print('nltk' in sys.modules, 'scipy' in sys.modules, 'sklearn' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert found.stdout.split() == ["False", "False", "False"]


def test_seed_headline_is_scored_apart(rules_analyzer, seed_text):
    report = rules_analyzer.analyze(seed_text)
    assert report.headline.text == "Russia and Syria Strengthen Military Ties Amid Strategic Ambiguity"
    assert report.headline.index == 0
    assert len(report.sentences) == 18 and report.sentences[0].index == 1
    assert report.to_dict()["headline"]["text"] == report.headline.text


def test_article_without_headline(rules_analyzer):
    report = rules_analyzer.analyze("The council met on Tuesday. It approved the budget.")
    assert report.headline is None and len(report.sentences) == 2


def test_a_first_line_ending_in_a_full_stop_is_body(rules_analyzer):
    report = rules_analyzer.analyze("The council met on Tuesday.\n\nIt approved the budget.")
    assert report.headline is None and len(report.sentences) == 2


def test_headline_given_by_option(rules_analyzer):
    report = rules_analyzer.analyze("The council met on Tuesday. It approved the budget.",
                                    headline="Council on the brink of collapse")
    assert report.headline.index == -1
    assert "dramatic" in report.headline.labels
    assert len(report.sentences) == 2
