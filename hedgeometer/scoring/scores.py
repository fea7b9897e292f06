"""Per-sentence scores: turn cue matches (and model probabilities) into 0..1 scores and labels.

Rule score
    The noisy-OR of the weights of the cues matched for a dimension: the rules' own score, from
    :mod:`hedgeometer.rules.rule_scores`.

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

from functools import partial
from itertools import repeat
from typing import Callable, Mapping, NamedTuple, Sequence

import numpy as np

from ..dimensions import DEFAULT_THRESHOLD, DIMENSIONS
from ..errors import ParameterError
from ..rounding import round6
from ..rules.cues import CueMatch
from ..rules.rule_scores import CueTable, cue_table

# Which labels count: "any" keeps every label, "cue" only those with a cue of their dimension.
EVIDENCE_MODES = ("any", "cue")
DEFAULT_EVIDENCE = "any"


def combine_matrix(rules: np.ndarray, model: np.ndarray | None, mix: Mapping[str, float]) -> np.ndarray:
    """Blend rule and model score matrices per dimension (rules alone when there is no model)."""
    if model is None:
        return rules
    weights = np.array([mix[d] for d in DIMENSIONS])
    return round6(np.clip(weights * rules + (1 - weights) * model, 0.0, 1.0))


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
        unknown = sorted(set(thresholds) - set(DIMENSIONS))
        if unknown:
            raise ParameterError("thresholds", thresholds, f"thresholds of the dimensions {', '.join(DIMENSIONS)} "
                                 f"(unknown dimension{'s' if len(unknown) > 1 else ''}: {', '.join(map(str, unknown))})",
                                 DIMENSIONS)
        resolved = {d: float(thresholds.get(d, base[d])) for d in DIMENSIONS}
    if not all(0.0 < value <= 1.0 for value in resolved.values()):
        raise ParameterError("thresholds", thresholds, "thresholds in (0, 1]")
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


class ScoredRows(NamedTuple):
    """What :func:`score_rows` gives: the :class:`SentenceScore` objects and, for article
    figures, their final scores, labels and model-only labels as matrices (n_sentences,
    n_dimensions)."""

    sentences: list[SentenceScore]
    scores: np.ndarray
    labelled: np.ndarray
    model_only: np.ndarray


def score_rows(sentences, match_lists, rules: np.ndarray, model: np.ndarray | None, mix, thresholds,
               voices: Sequence[str] | None = None, evidence: str = "any",
               explain: Callable[[np.ndarray], list] | None = None, cues: CueTable | None = None) -> ScoredRows:
    """Score ``sentences`` (:class:`hedgeometer.text.segment.Sentence`) from their cue matches and
    their rule and (rounded) model score matrices (``cues``: the matches' :func:`~hedgeometer.rules.rule_scores.cue_table`,
    when known).

    ``evidence="cue"`` drops the labels without a cue of their dimension. ``explain`` (with a
    model) takes the final label matrix and returns per sentence None or ``{dimension:
    n-grams}``, as :meth:`hedgeometer.model.linear.LinearModel.top_ngrams` does; it is called once, and
    only when some sentence is labelled."""
    check_evidence(evidence)
    if cues is None:
        cues = cue_table(match_lists)
    combined = combine_matrix(rules, model, mix or {})
    labelled = combined >= np.array([thresholds[d] for d in DIMENSIONS])
    has_cue = cues.counts > 0
    if evidence == "cue":
        labelled &= has_cue
    model_only = labelled & ~has_cue
    # labels as a bit mask per sentence (the matching tuple of dimension names is _LABEL_SETS[mask])
    masks = (labelled @ _BITS).tolist()
    evidences = [{} for _ in masks]
    labelled_rows = [row for row, mask in enumerate(masks) if mask]
    if labelled_rows:
        ngrams = explain(labelled) if explain is not None else None
        model_masks = (model_only @ _BITS).tolist()
        for row in labelled_rows:
            alone = model_masks[row]
            row_ngrams = (ngrams[row] if ngrams is not None else None) or {}
            evidences[row] = {d: {"kind": "model" if alone & bit else "cue", "ngrams": row_ngrams.get(d, [])}
                              for d, bit in _LABEL_BITS[masks[row]]}
    n = len(sentences)
    indices, starts, ends, texts = zip(*sentences) if n else ((),) * 4
    as_dicts = _as_dicts
    # every field as a column, zipped into the tuples; no Python-level step per sentence
    scored = list(map(_make_score, zip(
        indices, starts, ends, texts, as_dicts(combined), map(_LABEL_SETS.__getitem__, masks), map(tuple, match_lists),
        as_dicts(rules), as_dicts(model) if model is not None else repeat(None, n), voices or repeat("reporter", n),
        evidences)))
    return ScoredRows(scored, combined, labelled, model_only)


def _as_dicts(matrix: np.ndarray):
    """Each row of a score matrix as ``{dimension: score}``."""
    return map(dict, map(zip, repeat(DIMENSIONS), matrix.tolist()))


# a SentenceScore from its fields, skipping the NamedTuple's Python-level __new__
_make_score = partial(tuple.__new__, SentenceScore)
_BITS = 1 << np.arange(len(DIMENSIONS))
_BIT = {d: 1 << k for k, d in enumerate(DIMENSIONS)}
_LABEL_SETS = [tuple(d for k, d in enumerate(DIMENSIONS) if mask >> k & 1) for mask in range(1 << len(DIMENSIONS))]
_LABEL_BITS = [tuple((d, _BIT[d]) for d in labels) for labels in _LABEL_SETS]
