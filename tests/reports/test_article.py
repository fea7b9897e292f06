"""The article report (hedgeometer.reports.article): its figures worked out by hand on small
texts, near misses, top cues counted by their words."""

import pytest

from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.reports.article import NEAR_MISS_MARGIN, build_report, cue_words
from hedgeometer.rules.cues import CueMatch
from hedgeometer.scoring.scores import SentenceScore

THRESHOLDS = dict.fromkeys(DIMENSIONS, 0.5)


def scored(index, text, scores, cues=()):
    """A sentence scored by hand: the rules only, labelled where a score reaches 0.5."""
    scores = {d: scores.get(d, 0.0) for d in DIMENSIONS}
    labels = tuple(d for d in DIMENSIONS if scores[d] >= 0.5)
    evidence = {d: {"kind": "cue", "ngrams": []} for d in labels}
    return SentenceScore(index, 0, len(text), text, scores, labels, tuple(cues), dict(scores), None, "reporter",
                         evidence)


def cue(dimension, text, weight):
    return CueMatch(dimension, 0, len(text), text, text.lower(), "test", weight)


# Four sentences of 5, 7, 4 and 3 words (19 in all).
SENTENCES = [
    scored(0, "Officials may delay the vote.", {"hedging": 0.55}, [cue("hedging", "may", 0.55)]),
    scored(1, "Markets are on the brink of collapse.", {"dramatic": 0.88},  # 1 - (1 - 0.8) * (1 - 0.4)
           [cue("dramatic", "on the brink of", 0.8), cue("dramatic", "collapse", 0.4)]),
    scored(2, "Talks resume on Monday.", {"hedging": 0.45}),
    scored(3, "Prices might rise.", {"hedging": 0.45}, [cue("hedging", "might", 0.45)]),
]


@pytest.fixture(scope="module")
def report():
    return build_report("(the text)", SENTENCES, [5, 7, 4, 3], THRESHOLDS, {}, {"model": None}, id="hand")


def test_share_density_mean_and_max_of_a_dimension(report):
    hedging = report.dimensions["hedging"]
    assert hedging.sentences == 1 and hedging.share == 0.25  # 1 labelled sentence of 4
    assert hedging.cues == 2 and hedging.cues_per_100_words == 10.526  # 100 * 2 / 19, to 3 places
    assert hedging.mean_score == 0.3625 and hedging.max_score == 0.55  # (0.55 + 0 + 0.45 + 0.45) / 4
    dramatic = report.dimensions["dramatic"]
    assert (dramatic.sentences, dramatic.share, dramatic.cues, dramatic.cues_per_100_words) == (1, 0.25, 2, 10.526)
    assert dramatic.mean_score == 0.22 and dramatic.max_score == 0.88
    booster = report.dimensions["booster"]
    assert (booster.sentences, booster.share, booster.cues, booster.cues_per_100_words, booster.max_score) == (0, 0.0, 0, 0.0, 0.0)
    assert report.words == 19 and [s.index for s in report.flagged] == [0, 1]


def test_top_cues_most_loaded_and_the_dict(report):
    # every cue once: the strongest first
    assert [(c.dimension, c.cue, c.count) for c in report.top_cues] == [
        ("dramatic", "on the brink of", 1), ("hedging", "may", 1), ("hedging", "might", 1), ("dramatic", "collapse", 1)]
    assert report.most_loaded == (1, 0)  # loads 0.88 and 0.55
    summary = report.to_dict()["summary"]
    assert summary["sentences"] == 4 and summary["words"] == 19 and summary["flagged_sentences"] == 2
    assert summary["dimensions"]["hedging"]["share"] == 0.25
    assert summary["voices"]["reporter"]["hedging"] == {"sentences": 1, "share": 0.25, "cues": 2}


def test_near_misses_lie_within_the_margin_below_the_threshold(report):
    assert NEAR_MISS_MARGIN == 0.1
    assert [(s.index, d, score) for s, d, score in report.near_misses()] == [(2, "hedging", 0.45), (3, "hedging", 0.45)]
    assert report.near_misses(margin=0.04) == []


def test_the_same_cue_written_three_ways_counts_three_times():
    sentences = [scored(k, text, {"dramatic": 0.8}, [cue("dramatic", text, 0.8)])
                 for k, text in enumerate(["on the brink of", "On the **brink** of", "on the brink\nof"])]
    report = build_report("", sentences, [4, 4, 4], THRESHOLDS, {}, {})
    assert [(c.cue, c.count) for c in report.top_cues] == [("on the brink of", 3)]
    assert cue_words("analysts](https://example.org) say") == "analysts say"
    assert cue_words("Moscow’s") == "moscow's"


def test_report_of_a_small_text_by_hand(rules_analyzer):
    # 5 + 4 words; "may" (a hedge of weight 0.55) in the first sentence only
    report = rules_analyzer.analyze("Officials may delay the vote. Talks resume on Monday.")
    assert report.words == 9 and len(report.sentences) == 2
    hedging = report.dimensions["hedging"]
    assert (hedging.sentences, hedging.share, hedging.cues) == (1, 0.5, 1)
    assert hedging.cues_per_100_words == 11.111  # 100 * 1 / 9
    assert hedging.mean_score == 0.275 and hedging.max_score == 0.55  # (0.55 + 0) / 2
    assert report.top_cues[0].cue == "may" and report.most_loaded == (0,)
