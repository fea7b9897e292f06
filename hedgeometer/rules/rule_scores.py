"""The rules' own score: a noisy-OR of the weights of the cues matched for each dimension.

``1 - prod(1 - w)`` over the weights ``w`` of the cues matched for a dimension: 0 with no cue,
equal to ``w`` with one cue, approaching but never reaching 1 as cues pile up, and unchanged by
the order of the cues. A cue of weight >= 0.5 alone passes the default threshold; weaker cues
need company.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..dimensions import DIMENSION_INDEX, DIMENSIONS
from ..rounding import round6
from .cues import CueMatch


def rule_matrix(match_lists: Sequence[Sequence[CueMatch]]) -> np.ndarray:
    """Rule scores of many sentences, shape (n_sentences, n_dimensions), rounded to 6 places."""
    remaining = np.ones((len(match_lists), len(DIMENSIONS)))
    for row, matches in enumerate(match_lists):
        for match in matches:
            remaining[row, DIMENSION_INDEX[match.dimension]] *= 1.0 - match.weight
    return round6(1.0 - remaining)


def rule_scores(matches: Sequence[CueMatch]) -> dict[str, float]:
    """Noisy-OR of matched cue weights, per dimension.

    >>> from hedgeometer.rules.cues import CueMatch
    >>> rule_scores([CueMatch("hedging", 0, 3, "may", "may", "modal", 0.5)])["hedging"]
    0.5
    """
    return dict(zip(DIMENSIONS, rule_matrix([matches])[0].tolist()))
