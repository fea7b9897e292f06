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

Evidence
    Each label says what fired it: ``"cue"`` when the sentence has a cue of that dimension,
    ``"model"`` when it has none and the model alone carried the score over the threshold; with
    a model, also the n-grams that pushed hardest toward the label. ``evidence="cue"`` keeps only
    the labels with a cue (see :data:`EVIDENCE_MODES`).
"""

from __future__ import annotations

from typing import Callable, Mapping, NamedTuple, Sequence

import numpy as np

from ..dimensions import DEFAULT_THRESHOLD, DIMENSION_INDEX, DIMENSIONS
from ..errors import ParameterError
from ..rules.lexicon import CueMatch

# Which labels count: "any" keeps every label, "cue" only those with a cue of their dimension.
EVIDENCE_MODES = ("any", "cue")


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

    >>> from hedgeometer.rules.lexicon import CueMatch
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
    # per label: {"kind": "cue" | "model", "ngrams": [[term, contribution], ...]} (n-grams with a model)
    evidence: dict[str, dict] | None = None

    def evidence_kind(self, dimension: str) -> str | None:
        """``"cue"`` or ``"model"`` for a label, None for a dimension the sentence is not labelled with."""
        entry = (self.evidence or {}).get(dimension)
        return entry["kind"] if entry else None

    @property
    def model_only(self) -> tuple[str, ...]:
        """The labels the model gave without a cue of their dimension in the sentence."""
        evidence = self.evidence or {}
        return tuple(d for d in self.labels if d in evidence and evidence[d]["kind"] == "model")

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
            "evidence": {d: {"kind": e["kind"], "ngrams": [list(pair) for pair in e["ngrams"]]}
                         for d, e in (self.evidence or {}).items()},
        }
        return data


def check_evidence(evidence: str) -> str:
    """``evidence`` if it is one of :data:`EVIDENCE_MODES`, else a :class:`ParameterError`."""
    if evidence not in EVIDENCE_MODES:
        raise ParameterError("evidence", evidence, " or ".join(map(repr, EVIDENCE_MODES)), EVIDENCE_MODES)
    return evidence


def score_rows(sentences, match_lists, rules: np.ndarray, model: np.ndarray | None, mix, thresholds,
               voices: Sequence[str] | None = None, evidence: str = "any",
               explain: Callable[[np.ndarray], list] | None = None) -> list[SentenceScore]:
    """Build :class:`SentenceScore` objects for ``sentences`` (:class:`hedgeometer.text.segment.Sentence`:
    index, start, end, text), their cue matches, and their rule and (rounded) model score matrices.

    ``evidence="cue"`` drops the labels without a cue of their dimension. ``explain`` (with a
    model) takes the final label matrix and returns per sentence None or ``{dimension:
    n-grams}``, as :meth:`hedgeometer.model.linear.LinearModel.top_ngrams` does; it is called once, and
    only when some sentence is labelled."""
    check_evidence(evidence)
    combined = combine_matrix(rules, model, mix or {})
    labelled = combined >= np.array([thresholds[d] for d in DIMENSIONS])
    # labels as a bit mask per sentence (the matching tuple of dimension names is _LABEL_SETS[mask]);
    # cue presence as a mask too, worked out only for labelled sentences (the others need no evidence)
    masks = (labelled @ _BITS).tolist()
    cue_masks = {}
    for row, mask in enumerate(masks):
        if mask:
            cue_mask = 0
            for match in match_lists[row]:
                cue_mask |= _BIT[match.dimension]
            cue_masks[row] = cue_mask
            if evidence == "cue":
                masks[row] = mask & cue_mask
    if evidence == "cue":
        labelled = (np.array(masks)[:, None] & _BITS) != 0 if masks else labelled
    ngrams = explain(labelled) if explain is not None and cue_masks else None
    evidences = [{} for _ in masks]
    for row, cue_mask in cue_masks.items():
        row_ngrams = (ngrams[row] if ngrams is not None else None) or {}
        evidences[row] = {d: {"kind": "cue" if cue_mask & bit else "model", "ngrams": row_ngrams.get(d, [])}
                          for d, bit in _LABEL_BITS[masks[row]]}
    combined_rows, rule_rows = combined.tolist(), rules.tolist()
    model_rows = model.tolist() if model is not None else [None] * len(sentences)
    voices = voices or ["reporter"] * len(sentences)
    make = tuple.__new__  # skips the NamedTuple's Python-level __new__: one call per sentence
    return [
        make(SentenceScore, (index, start, end, text, dict(zip(DIMENSIONS, scores)), _LABEL_SETS[mask], tuple(matches),
                             dict(zip(DIMENSIONS, rule_row)), dict(zip(DIMENSIONS, model_row)) if model_row is not None else None,
                             voice, found))
        for (index, start, end, text), matches, scores, mask, rule_row, model_row, voice, found in zip(
            sentences, match_lists, combined_rows, masks, rule_rows, model_rows, voices, evidences)
    ]


_BITS = 1 << np.arange(len(DIMENSIONS))
_BIT = {d: 1 << k for k, d in enumerate(DIMENSIONS)}
_LABEL_SETS = [tuple(d for k, d in enumerate(DIMENSIONS) if mask >> k & 1) for mask in range(1 << len(DIMENSIONS))]
_LABEL_BITS = [tuple((d, _BIT[d]) for d in labels) for labels in _LABEL_SETS]
