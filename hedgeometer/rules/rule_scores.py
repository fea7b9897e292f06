"""The rules' own score: a noisy-OR of the weights of the cues matched for each dimension.

``1 - prod(1 - w)`` over the weights ``w`` of the cues matched for a dimension: 0 with no cue,
equal to ``w`` with one cue, approaching but never reaching 1 as cues pile up, and unchanged by
the order of the cues. A cue of weight >= 0.5 alone passes the default threshold; weaker cues
need company.
"""

from __future__ import annotations

from itertools import chain
from operator import itemgetter
from typing import NamedTuple, Sequence

import numpy as np

from ..dimensions import DIMENSION_INDEX, DIMENSIONS
from ..rounding import round6
from .cues import CueMatch


class CueTable(NamedTuple):
    """The cue matches of many sentences as arrays, in match order: each match's sentence
    (``rows``), dimension column (``columns``) and ``weights``; per sentence and dimension the
    number of matches (``counts``, shape (n_sentences, n_dimensions))."""

    rows: np.ndarray
    columns: np.ndarray
    weights: np.ndarray
    counts: np.ndarray


_DIMENSION_OF = itemgetter(0)  # CueMatch fields, read by position (a NamedTuple): dimension, weight
_WEIGHT_OF = itemgetter(6)


def cue_table(match_lists: Sequence[Sequence[CueMatch]]) -> CueTable:
    """:class:`CueTable` of ``match_lists``: one pass over the matches, the rest in numpy."""
    n = len(match_lists)
    matches = list(chain.from_iterable(match_lists))
    rows = np.arange(n).repeat(list(map(len, match_lists)))
    columns = np.fromiter(map(DIMENSION_INDEX.__getitem__, map(_DIMENSION_OF, matches)), dtype=np.intp, count=len(matches))
    weights = np.fromiter(map(_WEIGHT_OF, matches), dtype=np.float64, count=len(matches))
    counts = np.bincount(rows * len(DIMENSIONS) + columns, minlength=n * len(DIMENSIONS)).reshape(n, len(DIMENSIONS))
    return CueTable(rows, columns, weights, counts)


def rule_matrix(match_lists: Sequence[Sequence[CueMatch]], cues: CueTable | None = None) -> np.ndarray:
    """Rule scores of many sentences, shape (n_sentences, n_dimensions), rounded to 6 places
    (``cues``: their :func:`cue_table`, when known)."""
    if cues is None:
        cues = cue_table(match_lists)
    remaining = np.empty((len(match_lists), len(DIMENSIONS)))
    remaining.fill(1.0)
    # one product per sentence and dimension, in match order (as a running product would)
    np.multiply.at(remaining, (cues.rows, cues.columns), 1.0 - cues.weights)
    return round6(1.0 - remaining)


def rule_scores(matches: Sequence[CueMatch]) -> dict[str, float]:
    """Noisy-OR of matched cue weights, per dimension.

    >>> from hedgeometer.rules.cues import CueMatch
    >>> rule_scores([CueMatch("hedging", 0, 3, "may", "may", "modal", 0.5)])["hedging"]
    0.5
    """
    return dict(zip(DIMENSIONS, rule_matrix([matches])[0].tolist()))
