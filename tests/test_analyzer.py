import re

import pytest
from hypothesis import given, settings, strategies as st

from hedgeometer import DIMENSIONS, Analyzer
from hedgeometer.errors import InputError

from conftest import NEUTRAL_TEXT, TEXTS, write_lexicon

SEED_MOVES = [
    ("on the brink of transformation", {"dramatic"}),
    ("shrouded in a veil of strategic ambiguity", {"dramatic"}),
    ("sent ripples", {"dramatic"}),
    ("the specter of war looms", {"dramatic"}),
    ("a crucible for diplomacy", {"dramatic"}),
    ("could have far-reaching implications", {"speculation", "hedging"}),
    ("is widely seen as", {"speculation", "hedging"}),
    ("are expected to converge", {"speculation", "hedging"}),
    ("speculation", {"speculation", "hedging"}),
    ("citing unnamed sources", {"attribution"}),
    ("undoubtedly", {"booster"}),
    ("unwavering", {"booster"}),
]


@pytest.fixture(scope="module", params=["combined", "rules only"])
def seed_report(request, seed_text):
    analyzer = Analyzer() if request.param == "combined" else Analyzer(model=None)
    return analyzer.analyze(seed_text)


@pytest.mark.parametrize("phrase, dimensions", SEED_MOVES, ids=[p for p, _ in SEED_MOVES])
def test_seed_article_moves_light_up(seed_report, seed_text, phrase, dimensions):
    start = seed_text.index(phrase)
    end = start + len(phrase)
    [sentence] = [s for s in seed_report.sentences if s.start <= start < s.end]
    fired = {c.dimension for c in sentence.cues if c.start < end and start < c.end} & dimensions
    assert fired, f"no {dimensions} cue on {phrase!r}: {[(c.dimension, c.text) for c in sentence.cues]}"
    assert fired & set(sentence.labels), f"{phrase!r}: sentence labelled {sentence.labels}, scores {sentence.scores}"


def test_neutral_control_text_is_nearly_unlabelled(analyzer, rules_analyzer):
    for each in (analyzer, rules_analyzer):
        report = each.analyze(NEUTRAL_TEXT)
        assert report.headline is not None and len(report.sentences) == 8
        assert len(report.flagged) <= 1, [(s.text, s.labels) for s in report.flagged]


@pytest.mark.parametrize("sentence", [
    "The meeting is in May.",
    "May 5 was the hottest day of the year.",
    "With all his might, he pushed the cart up the hill.",
    "She left her house to her nephew in her will.",
    "As a child she could swim across the lake.",
    "The match will kick off at 3pm on Saturday.",
    "The boat drifted to the edge of the weir.",
])
def test_false_friends_are_not_hedging(analyzer, rules_analyzer, sentence):
    for each in (analyzer, rules_analyzer):
        [scored] = each.score_sentences([sentence])
        assert "hedging" not in scored.labels and "speculation" not in scored.labels, (sentence, scored.scores, scored.cues)


def test_negated_hedge_is_still_hedging_and_no_doubt_is_a_booster(rules_analyzer):
    hedged, boosted = rules_analyzer.score_sentences(["It is not likely that the bill passes.", "There is no doubt the rules were broken."])
    assert "hedging" in hedged.labels
    assert "booster" in boosted.labels


def test_score_sentences_offsets_are_per_sentence(rules_analyzer):
    results = rules_analyzer.score_sentences(["Prices may rise.", "Analysts say it is clearly over."])
    assert [r.index for r in results] == [0, 1]
    for result in results:
        assert result.start == 0 and result.end == len(result.text)
        for cue in result.cues:
            assert result.text[cue.start:cue.end] == cue.text


def test_article_figures(rules_analyzer, seed_text):
    report = rules_analyzer.analyze(seed_text)
    body = seed_text[report.sentences[0].start:]
    assert report.words == len(re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", body))
    dramatic = report.dimensions["dramatic"]
    assert dramatic.share == round(dramatic.sentences / 18, 4)
    assert dramatic.cues_per_100_words == round(100 * dramatic.cues / report.words, 3)
    assert len(report.most_loaded) == 3
    loads = [report.sentence(i).load for i in report.most_loaded]
    assert loads == sorted(loads, reverse=True)
    assert report.top_cues and report.top_cues[0].count >= report.top_cues[-1].count
    assert report.readability["flesch_reading_ease"] is not None
    data = report.to_dict()
    assert set(data["summary"]["dimensions"]) == set(DIMENSIONS)


def test_non_text_input_raises_input_error(rules_analyzer):
    with pytest.raises(InputError):
        rules_analyzer.analyze(b"bytes")
    with pytest.raises(InputError):
        rules_analyzer.score_sentences(["fine", 3])


def test_thresholds_validate():
    with pytest.raises(ValueError):
        Analyzer(model=None, thresholds={"wobble": 0.5}).analyze("Text.")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ["may", "May", "might", "on the brink of", "analysts say", "undoubtedly", "“", "”", ".", "!", "\n\n", " ", "could", "U.S."]
), max_size=60).map(" ".join))
def test_properties_on_any_text(text):
    try:
        report = _ANALYZER.analyze(text)
    except InputError as error:  # a text of page furniture alone ("TRENDING") is refused, and says so
        assert "page furniture" in str(error) and text.strip()
        return
    position = 0
    for sentence in report.sentences:
        assert sentence.start >= position
        assert text[sentence.start:sentence.end] == sentence.text
        position = sentence.end
        for cue in sentence.cues:
            assert sentence.start <= cue.start < cue.end <= sentence.end
            assert text[cue.start:cue.end] == cue.text
        for dimension in DIMENSIONS:
            assert 0.0 <= sentence.scores[dimension] <= 1.0
            assert 0.0 <= sentence.rule_scores[dimension] <= 1.0


_ANALYZER = Analyzer(readability=False)


def test_common_api_mistakes_fail_early_and_clearly():
    from hedgeometer.errors import ModelFileError

    with pytest.raises(InputError, match="list of sentences"):
        Analyzer(model=None).score_sentences("Prices may rise.")  # would be scored letter by letter
    with pytest.raises(ValueError, match="unknown dimension"):
        Analyzer(thresholds={"hedge": 0.9})
    with pytest.raises(ModelFileError, match="no such model file"):
        Analyzer(model="no-such-model.json")


def test_one_lexicon_path_needs_no_list(tmp_path):
    extra = write_lexicon(tmp_path / "mine.tsv", "hedging", ["tea leaves\tmetaphor\t0.7\tmine"])
    report = Analyzer(lexicons=str(extra), model=None).analyze("Reading the tea leaves is hard.")
    assert [c.text for s in report.sentences for c in s.cues] == ["tea leaves"]


def test_a_long_text_without_full_stops_scores_in_linear_time():
    """Guards, overlap checks and source finding once scanned the whole sentence per match, so a
    transcript with no full stop took minutes; now each looks at a bounded neighbourhood."""
    import time

    chunk = "as a child she could swim and May said it could rain while Anna Smith said the crucible may loom "
    text = chunk * 1000  # about 100 kB, 20,000 words, one sentence
    start = time.perf_counter()
    report = Analyzer(readability=False).analyze(text)
    assert time.perf_counter() - start < 3  # 0.1 s on the development machine; 5.4 s before
    assert len(report.sentences) == 1 and len(report.sentences[0].cues) > 1000


# --- the batch core: the same reports, however the articles are grouped ---------------------


def test_analyze_many_in_batches_gives_analyze_reports(analyzer, seed_text):
    import gc

    texts = [seed_text, "Officials may delay the vote. Talks resume on Monday.", "No cue here at all.",
             "Minister Could Quit\n\nThe minister may resign, sources said.", "İstanbul talks may fail. Σ is a letter."] * 3
    records = [{"id": str(k), "text": text, **({"headline": "Talks on the brink"} if k % 4 == 1 else {})}
               for k, text in enumerate(texts)]
    one_by_one = [analyzer.analyze(r["text"], id=r["id"], headline=r.get("headline")).to_dict() for r in records]
    for size in (1, 7, 10_000):
        assert [r.to_dict() for r in analyzer.analyze_many(records, batch_sentences=size)] == one_by_one
    assert gc.isenabled()


def test_analyze_many_yields_the_reports_before_a_bad_record(analyzer):
    import gc

    found = analyzer.analyze_many(["Officials may delay the vote.", "Talks resume.", {"text": 42}, "Never reached."])
    assert [r.sentences[0].text for r in (next(found), next(found))] == ["Officials may delay the vote.", "Talks resume."]
    with pytest.raises(InputError):
        next(found)
    assert gc.isenabled()


def test_the_collector_is_paused_only_while_scoring(analyzer):
    import gc

    gc.disable()
    try:
        analyzer.analyze("Officials may delay the vote.")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
    with pytest.raises(InputError):
        analyzer.analyze(None)
    assert gc.isenabled()


def test_a_full_type_table_starts_again_with_the_same_results(monkeypatch, seed_text):
    import hedgeometer.scoring.core as core

    fresh = Analyzer()
    expected = fresh.analyze(seed_text).to_dict()
    many = [fresh.analyze(seed_text, id=str(k)).to_dict() for k in range(2)]
    monkeypatch.setattr(core, "MAX_TYPES", 10)
    small = Analyzer()
    for _ in range(3):
        assert small.analyze(seed_text).to_dict() == expected
        assert [r.to_dict() for r in small.analyze_many([seed_text, seed_text], batch_sentences=5)] == many
    assert len(small._type_table().ids) < 2 * len(set(fresh._type_table().ids)) + 10


def test_analyze_batch_returns_each_articles_report_or_its_error():
    from hedgeometer.errors import InputError

    analyzer = Analyzer(readability=False)
    items = [(TEXTS[0], "a", None, False), (42, "bad", None, False), (TEXTS[2], "c", "A headline", False)]
    first, bad, third = analyzer.analyze_batch(items)
    assert first.to_dict() == analyzer.analyze(TEXTS[0], id="a").to_dict()
    assert isinstance(bad, InputError)
    assert third.to_dict() == analyzer.analyze(TEXTS[2], id="c", headline="A headline").to_dict()
