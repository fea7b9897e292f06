import pytest
from hypothesis import given, strategies as st

from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.rules.lexicon import CueMatch
from hedgeometer.scoring.scores import combine, resolve_thresholds, rule_scores


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


def test_combine_mixes_and_falls_back_to_rules():
    rules = dict.fromkeys(DIMENSIONS, 0.8)
    model = dict.fromkeys(DIMENSIONS, 0.2)
    assert combine(rules, None, {}) == rules
    mixed = combine(rules, model, dict.fromkeys(DIMENSIONS, 0.25))
    assert mixed["hedging"] == pytest.approx(0.35)


def test_resolve_thresholds():
    assert resolve_thresholds(None) == dict.fromkeys(DIMENSIONS, 0.5)
    assert resolve_thresholds(0.7)["booster"] == 0.7
    partial = resolve_thresholds({"hedging": 0.3}, defaults=dict.fromkeys(DIMENSIONS, 0.45))
    assert partial["hedging"] == 0.3 and partial["dramatic"] == 0.45
    with pytest.raises(ValueError):
        resolve_thresholds({"hedging": 0})
