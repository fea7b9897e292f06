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

from dataclasses import dataclass
from typing import Mapping, Sequence

from .dimensions import DEFAULT_THRESHOLD, DIMENSIONS
from .lexicon import CueMatch


def rule_scores(matches: Sequence[CueMatch]) -> dict[str, float]:
    """Noisy-OR of matched cue weights, per dimension.

    >>> from hedgeometer.lexicon import CueMatch
    >>> rule_scores([CueMatch("hedging", 0, 3, "may", "may", "modal", 0.5)])["hedging"]
    0.5
    """
    remaining = dict.fromkeys(DIMENSIONS, 1.0)
    for match in matches:
        remaining[match.dimension] *= 1.0 - match.weight
    return {d: round(1.0 - remaining[d], 6) for d in DIMENSIONS}


def combine(rules: Mapping[str, float], model: Mapping[str, float] | None, mix: Mapping[str, float]) -> dict[str, float]:
    """Blend rule and model scores per dimension (rules alone when there is no model)."""
    if model is None:
        return dict(rules)
    return {d: round(min(1.0, max(0.0, mix[d] * rules[d] + (1 - mix[d]) * model[d])), 6) for d in DIMENSIONS}


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


@dataclass(frozen=True)
class SentenceScore:
    """A scored sentence. Offsets index the analysed text; cue offsets too."""

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


def score_sentence(index, start, end, text, matches, thresholds, model_probabilities=None, mix=None,
                   voice: str = "reporter") -> SentenceScore:
    """Build a :class:`SentenceScore` from a sentence's cue matches and model probabilities."""
    rules = rule_scores(matches)
    scores = combine(rules, model_probabilities, mix or {})
    labels = tuple(d for d in DIMENSIONS if scores[d] >= thresholds[d])
    return SentenceScore(index, start, end, text, scores, labels, tuple(matches), rules, model_probabilities, voice)
