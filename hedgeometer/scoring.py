"""Per-sentence scores: turn cue matches (and model probabilities) into 0..1 scores and labels.

Rule score
    ``1 - prod(1 - w)`` over the weights ``w`` of the cues matched for a dimension (a noisy-OR):
    0 with no cue, equal to ``w`` with one cue, approaching but never reaching 1 as cues pile up,
    and unchanged by the order of the cues. A cue of weight >= 0.5 alone passes the default
    threshold; weaker cues need company.

Combined score
    With a model, ``mix * rule + (1 - mix) * model`` with ``mix`` stored per dimension in the
    model file (tuned on the dev split); without one, the rule score.

Labels are the dimensions whose score is at least their threshold (default 0.5).
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

import numpy as np

from .dimensions import DEFAULT_THRESHOLD, DIMENSION_INDEX, DIMENSIONS
from .lexicon import CueMatch


def rule_matrix(match_lists: Sequence[Sequence[CueMatch]]) -> np.ndarray:
    """Rule scores of many sentences, shape (n_sentences, n_dimensions), rounded to 6 places."""
    remaining = np.ones((len(match_lists), len(DIMENSIONS)))
    for row, matches in enumerate(match_lists):
        for match in matches:
            remaining[row, DIMENSION_INDEX[match.dimension]] *= 1.0 - match.weight
    return round6(1.0 - remaining)


def round6(matrix: np.ndarray) -> np.ndarray:
    """Round to 6 decimal places exactly as Python's ``round`` does.

    ``np.round`` scales by 1e6 first, so a value whose scaled form lies within an ulp of a
    half (0.0580015) can round the other way; away from halves both give the same float. So
    round with numpy and redo the few values near a half with Python."""
    rounded = np.round(matrix, 6)
    scaled = matrix * 1e6
    near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near_half.any():
        rounded[near_half] = [round(v, 6) for v in matrix[near_half].tolist()]
    return rounded


def rule_scores(matches: Sequence[CueMatch]) -> dict[str, float]:
    """Noisy-OR of matched cue weights, per dimension.

    >>> from hedgeometer.lexicon import CueMatch
    >>> rule_scores([CueMatch("hedging", 0, 3, "may", "may", "modal", 0.5)])["hedging"]
    0.5
    """
    return dict(zip(DIMENSIONS, rule_matrix([matches])[0].tolist()))


def combine_matrix(rules: np.ndarray, model: np.ndarray | None, mix: Mapping[str, float]) -> np.ndarray:
    """Blend rule and model score matrices per dimension (rules alone when there is no model)."""
    if model is None:
        return rules
    weights = np.array([mix[d] for d in DIMENSIONS])
    return round6(np.clip(weights * rules + (1 - weights) * model, 0.0, 1.0))


def combine(rules: Mapping[str, float], model: Mapping[str, float] | None, mix: Mapping[str, float]) -> dict[str, float]:
    """Blend rule and model scores of one sentence (rules alone when there is no model)."""
    if model is None:
        return dict(rules)
    row = combine_matrix(np.array([[rules[d] for d in DIMENSIONS]]), np.array([[model[d] for d in DIMENSIONS]]), mix)
    return dict(zip(DIMENSIONS, row[0].tolist()))


def resolve_thresholds(thresholds: float | Mapping[str, float] | None,
                       defaults: Mapping[str, float] | None = None) -> dict[str, float]:
    """One number for all dimensions, a partial mapping (others keep their default), or None.

    ``defaults`` are the model's tuned thresholds when a model is in use, else 0.5 throughout.
    """
    base = dict(defaults) if defaults else dict.fromkeys(DIMENSIONS, DEFAULT_THRESHOLD)
    if thresholds is None:
        return base
    if isinstance(thresholds, (int, float)):
        resolved = dict.fromkeys(DIMENSIONS, float(thresholds))
    else:
        unknown = set(thresholds) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown dimension(s) {', '.join(sorted(unknown))}; expected {', '.join(DIMENSIONS)}")
        resolved = {d: float(thresholds.get(d, base[d])) for d in DIMENSIONS}
    for dimension, value in resolved.items():
        if not 0.0 < value <= 1.0:
            raise ValueError(f"threshold for {dimension} must be in (0, 1], got {value}")
    return resolved


class SentenceScore(NamedTuple):
    """A scored sentence. Offsets index the analysed text; cue offsets too.

    An immutable tuple rather than a dataclass: it is made once per sentence, on the hot path."""

    index: int
    start: int
    end: int
    text: str
    scores: dict[str, float]
    labels: tuple[str, ...]
    cues: tuple[CueMatch, ...]
    rule_scores: dict[str, float]
    model_scores: dict[str, float] | None = None
    voice: str = "reporter"  # "reporter", "quoted" or "mixed"

    @property
    def load(self) -> float:
        """Sum of the dimension scores: how rhetorically loaded the sentence is overall."""
        return sum(self.scores.values())

    def strongest(self) -> str | None:
        """The labelled dimension with the highest score, or None."""
        if not self.labels:
            return None
        return max(self.labels, key=lambda d: self.scores[d])

    def to_dict(self) -> dict:
        data = {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "scores": self.scores,
            "labels": list(self.labels),
            "cues": [c.to_dict() for c in self.cues],
            "rule_scores": self.rule_scores,
            "model_scores": self.model_scores,
            "voice": self.voice,
        }
        return data


def score_rows(spans, match_lists, rules: np.ndarray, model: np.ndarray | None, mix, thresholds,
               voices: Sequence[str] | None = None) -> list[SentenceScore]:
    """Build :class:`SentenceScore` objects for sentences given as (index, start, end, text), their
    cue matches, and their rule and (rounded) model score matrices."""
    combined = combine_matrix(rules, model, mix or {})
    # labels as a bit mask per sentence, then the matching tuple of dimension names
    masks = ((combined >= np.array([thresholds[d] for d in DIMENSIONS])) @ _BITS).tolist()
    combined_rows, rule_rows = combined.tolist(), rules.tolist()
    model_rows = model.tolist() if model is not None else [None] * len(spans)
    voices = voices or ["reporter"] * len(spans)
    make = tuple.__new__  # skips the NamedTuple's Python-level __new__: one call per sentence
    return [
        make(SentenceScore, (index, start, end, text, dict(zip(DIMENSIONS, scores)), _LABEL_SETS[mask], tuple(matches),
                             dict(zip(DIMENSIONS, rule_row)), dict(zip(DIMENSIONS, model_row)) if model_row is not None else None,
                             voice))
        for (index, start, end, text), matches, scores, mask, rule_row, model_row, voice in zip(
            spans, match_lists, combined_rows, masks, rule_rows, model_rows, voices)
    ]


_BITS = 1 << np.arange(len(DIMENSIONS))
_LABEL_SETS = [tuple(d for k, d in enumerate(DIMENSIONS) if mask >> k & 1) for mask in range(1 << len(DIMENSIONS))]
