"""Sentence scores (hedgeometer.scoring.scores): rules and model blended, thresholds resolved."""

import pytest

from hedgeometer.dimensions import DIMENSIONS
import numpy as np

from hedgeometer import Analyzer
from hedgeometer.scoring.scores import combine_matrix, resolve_thresholds


def test_combine_mixes_and_falls_back_to_rules():
    rules = np.full((2, len(DIMENSIONS)), 0.8)
    model = np.full((2, len(DIMENSIONS)), 0.2)
    assert combine_matrix(rules, None, {}) is rules
    mixed = combine_matrix(rules, model, dict.fromkeys(DIMENSIONS, 0.25))
    assert mixed.tolist() == [[0.35] * len(DIMENSIONS)] * 2  # 0.25 * 0.8 + 0.75 * 0.2, rounded to 6 places


def test_evidence_kind_says_what_a_label_rests_on():
    (cued, plain) = Analyzer(model=None).score_sentences(["Officials may delay the vote.", "Talks resume on Monday."])
    assert cued.labels == ("hedging",) and cued.evidence_kind("hedging") == "cue"
    assert cued.evidence_kind("dramatic") is None and plain.evidence_kind("hedging") is None


def test_resolve_thresholds():
    assert resolve_thresholds(None) == dict.fromkeys(DIMENSIONS, 0.5)
    assert resolve_thresholds(0.7)["booster"] == 0.7
    partial = resolve_thresholds({"hedging": 0.3}, defaults=dict.fromkeys(DIMENSIONS, 0.45))
    assert partial["hedging"] == 0.3 and partial["dramatic"] == 0.45
    with pytest.raises(ValueError):
        resolve_thresholds({"hedging": 0})


def test_a_wrong_threshold_is_a_parameter_error_naming_thresholds():
    from hedgeometer.errors import Hint, ParameterError

    with pytest.raises(ParameterError) as out_of_range:
        resolve_thresholds({"hedging": 2.0})
    assert out_of_range.value.hint == Hint("thresholds", {"hedging": 2.0})
    assert str(out_of_range.value) == "thresholds={'hedging': 2.0}: expected thresholds in (0, 1]"
    with pytest.raises(ParameterError, match=r"\(unknown dimension: hedge\)") as unknown:
        resolve_thresholds({"hedge": 0.4, "hedging": 0.4})
    assert unknown.value.choices == DIMENSIONS
