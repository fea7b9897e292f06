"""The rules' own score (hedgeometer.rules.rule_scores): a noisy-OR of cue weights."""

import pytest
from hypothesis import given, strategies as st

from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.rules.cues import CueMatch
from hedgeometer.rules.rule_scores import rule_scores


def cue(dimension, weight):
    return CueMatch(dimension, 0, 1, "x", "x", "c", weight)


def test_noisy_or():
    assert rule_scores([])["hedging"] == 0.0
    assert rule_scores([cue("hedging", 0.4)])["hedging"] == 0.4
    assert rule_scores([cue("hedging", 0.5), cue("hedging", 0.5)])["hedging"] == 0.75
    assert rule_scores([cue("hedging", 0.5)])["booster"] == 0.0


@given(st.lists(st.tuples(st.sampled_from(DIMENSIONS), st.floats(0, 1)), max_size=30))
def test_rule_scores_bounded_and_order_free(pairs):
    scores = rule_scores([cue(d, w) for d, w in pairs])
    reversed_scores = rule_scores([cue(d, w) for d, w in reversed(pairs)])
    for d in DIMENSIONS:
        assert 0.0 <= scores[d] <= 1.0
        assert scores[d] == pytest.approx(reversed_scores[d], abs=1e-6)
