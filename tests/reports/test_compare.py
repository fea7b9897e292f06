"""Comparing reports (hedgeometer.reports.compare): who leans hardest on each dimension, and
each article's top cues counted as the report counts them."""

import json

from hedgeometer import Analyzer
from hedgeometer.reports.compare import Comparison
from hedgeometer.render.compare import COMPARE_RENDERERS

from conftest import ROOT

# One cue three times: plain, capitalised with Markdown bold inside, and across a line break.
BRINK = ("Markets are on the brink of collapse.\n\n"
         "Talks were On the **brink** of failing.\n\n"
         "The region is on the brink\nof war.")
CALM = "Talks resume on Monday. Officials may attend."


def _pair(rules_analyzer):
    loud = rules_analyzer.analyze(BRINK, id="loud", markdown=True)
    calm = rules_analyzer.analyze(CALM, id="calm")
    return loud, calm, Comparison((loud, calm))


def test_compare_counts_one_cue_as_the_report_does(rules_analyzer):
    loud, _, comparison = _pair(rules_analyzer)
    assert [c.text for s in loud.sentences for c in s.cues if "brink" in c.text] == [
        "on the brink of", "On the **brink** of", "on the brink\nof"]
    in_report = {c.cue: c.count for c in loud.top_cues if c.dimension == "dramatic"}
    assert in_report["on the brink of"] == 3
    assert comparison.top_cues(loud, "dramatic") == [("on the brink of", 3), ("collapse", 1)]
    listed = comparison.to_dict()["articles"][0]["top_cues"]["dramatic"]
    assert listed == [{"cue": "on the brink of", "count": 3}, {"cue": "collapse", "count": 1}]


def test_compare_leaders_and_ranking_follow_share_then_density(rules_analyzer):
    loud, calm, comparison = _pair(rules_analyzer)
    # loud: 3 sentences, all dramatic; calm: 2 sentences, one hedged ("may"), none dramatic
    assert loud.dimensions["dramatic"].share == 1.0 and calm.dimensions["dramatic"].sentences == 0
    assert comparison.leader("dramatic") is loud and comparison.ranking("dramatic") == [loud, calm]
    assert comparison.leader("hedging") is calm and calm.dimensions["hedging"].share == 0.5
    assert comparison.leaders("booster") == [] and comparison.leader("booster") is None
    data = comparison.to_dict()
    assert data["most"] == {"hedging": "calm", "speculation": None, "dramatic": "loud", "attribution": None,
                            "booster": None}
    assert [a["id"] for a in data["articles"]] == ["loud", "calm"]


def test_tied_reports_have_no_single_leader(rules_analyzer):
    first = rules_analyzer.analyze(CALM, id="first")
    second = rules_analyzer.analyze(CALM, id="second")
    comparison = Comparison((first, second))
    assert [r.id for r in comparison.leaders("hedging")] == ["first", "second"]
    assert comparison.leader("hedging") is None


def test_compare_ranks_seed_above_calm_rewrite():
    analyzer = Analyzer()
    seed = analyzer.analyze((ROOT / "seeds" / "damascus-talks.txt").read_text("utf-8"), id="seed")
    calm = analyzer.analyze((ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt").read_text("utf-8"), id="calm")
    comparison = Comparison((calm, seed))
    assert comparison.leader("dramatic").id == "seed"
    assert comparison.leader("hedging").id == "seed"
    data = json.loads(COMPARE_RENDERERS["json"](comparison))
    assert data["most"]["dramatic"] == "seed" and data["ranking"]["hedging"][0] == "seed"
    for name, render in COMPARE_RENDERERS.items():
        assert "seed" in render(comparison) and "calm" in render(comparison), name
