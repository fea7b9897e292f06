"""The article report: sentence scores plus article-level figures, as frozen data.

Renderers (``hedgeometer.render``) read an :class:`ArticleReport`; nothing here formats text.
"""

from __future__ import annotations

import re

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import numpy as np

from ..dimensions import DIMENSION_INDEX, DIMENSIONS
from ..scoring.scores import SentenceScore
from ..rules.sources import summarise_sources

SCHEMA_VERSION = "1"
TOP_CUES = 10
MOST_LOADED = 3
# A score this close below its threshold is a near miss: the report lists it, the HTML view marks it.
NEAR_MISS_MARGIN = 0.1


@dataclass(frozen=True)
class DimensionSummary:
    """Article-level figures for one dimension."""

    dimension: str
    sentences: int  # sentences labelled with the dimension
    share: float  # ... as a share of all sentences
    cues: int  # cue matches of the dimension
    cues_per_100_words: float
    mean_score: float
    max_score: float
    model_only: int = 0  # labelled sentences with no cue of the dimension: the model's labels alone

    def to_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "model_only": self.model_only,
            "share": self.share,
            "cues": self.cues,
            "cues_per_100_words": self.cues_per_100_words,
            "mean_score": self.mean_score,
            "max_score": self.max_score,
        }


@dataclass(frozen=True)
class TopCue:
    dimension: str
    cue: str  # the matched text's words, lowercased (cue_words)
    count: int

    def to_dict(self) -> dict:
        return {"dimension": self.dimension, "cue": self.cue, "count": self.count}


@dataclass(frozen=True)
class ArticleReport:
    """Everything hedgeometer found in one article."""

    text: str
    sentences: tuple[SentenceScore, ...]
    words: int
    dimensions: dict[str, DimensionSummary]
    top_cues: tuple[TopCue, ...]
    most_loaded: tuple[int, ...]  # sentence indices, most loaded first
    readability: dict
    thresholds: dict[str, float]
    provenance: dict
    id: str | None = None
    headline: SentenceScore | None = None
    voices: dict = field(default_factory=dict)  # voice -> dimension -> {sentences, share, cues}
    sources: dict = field(default_factory=dict)  # named, unnamed, unnamed_share, mentions

    def sentence(self, index: int) -> SentenceScore:
        """The body sentence with this index (indices count the headline, when there is one)."""
        for sentence in self.sentences:
            if sentence.index == index:
                return sentence
        raise KeyError(index)

    @property
    def flagged(self) -> tuple[SentenceScore, ...]:
        """Sentences with at least one label."""
        return tuple(s for s in self.sentences if s.labels)

    def near_misses(self, margin: float = NEAR_MISS_MARGIN) -> list[tuple[SentenceScore, str, float]]:
        """(sentence, dimension, score) for scores within ``margin`` below the threshold."""
        found = []
        for sentence in self.sentences:
            for dimension in DIMENSIONS:
                score = sentence.scores[dimension]
                if self.thresholds[dimension] - margin <= score < self.thresholds[dimension]:
                    found.append((sentence, dimension, score))
        return found

    def _repr_html_(self) -> str:
        """Jupyter shows a report as the HTML report's highlighted view, inline (the renderer is
        imported on first use, so the report stays plain data)."""
        from ..render.html import inline_html

        return inline_html(self)

    def _repr_pretty_(self, printer, cycle) -> None:
        """IPython's plain-text view: one line, not every field of every sentence."""
        printer.text(f"<ArticleReport {self.id or 'article'}: {len(self.sentences)} sentences, "
                     f"{len(self.flagged)} flagged>")

    def to_dict(self, include_text: bool = False) -> dict:
        data = {
            "schema_version": SCHEMA_VERSION,
            "produced_by": self.provenance,
            "id": self.id,
            "summary": {
                "sentences": len(self.sentences),
                "words": self.words,
                "flagged_sentences": len(self.flagged),
                "dimensions": {d: s.to_dict() for d, s in self.dimensions.items()},
                "top_cues": [c.to_dict() for c in self.top_cues],
                "most_loaded": list(self.most_loaded),
                "readability": self.readability,
                "thresholds": self.thresholds,
            },
            "headline": self.headline.to_dict() if self.headline else None,
            "sentences": [s.to_dict() for s in self.sentences],
        }
        data["summary"]["voices"] = self.voices
        data["summary"]["sources"] = self.sources
        if include_text:
            data["text"] = self.text
        return data


def summarise_voices(sentences: Sequence[SentenceScore], labelled=None) -> dict:
    """Per voice and dimension: labelled sentences, their share, and cues.

    A sentence counts as quoted when at least :data:`~hedgeometer.text.voice.QUOTED_SHARE` of it is
    inside quotation marks; cues count by their own position, so a hedge inside a quote in a
    reporter's sentence counts as quoted.
    ``labelled``: the sentences' labels as a boolean matrix (n_sentences, n_dimensions), when known.
    """
    if labelled is None:
        labelled = _label_matrix(sentences)
    quoted = np.fromiter((s.voice == "quoted" for s in sentences), dtype=bool, count=len(sentences))
    n_quoted = int(quoted.sum())
    members = {"reporter": len(sentences) - n_quoted, "quoted": n_quoted}
    by_voice = {"quoted": np.add.reduce(labelled[quoted], axis=0).tolist(),
                "reporter": np.add.reduce(labelled[~quoted], axis=0).tolist()}
    cues = {voice: dict.fromkeys(DIMENSIONS, 0) for voice in members}
    for sentence in sentences:
        for cue in sentence.cues:
            cues["quoted" if cue.voice == "quoted" else "reporter"][cue.dimension] += 1
    result = {}
    for voice, n in members.items():
        result[voice] = {"sentences": n}
        for k, dimension in enumerate(DIMENSIONS):
            count = by_voice[voice][k]
            result[voice][dimension] = {
                "sentences": count,
                "share": round(count / n, 4) if n else 0.0,
                "cues": cues[voice][dimension],
            }
    return result


def _label_matrix(sentences: Sequence[SentenceScore]) -> np.ndarray:
    labelled = np.zeros((len(sentences), len(DIMENSIONS)), dtype=bool)
    for row, sentence in enumerate(sentences):
        labelled[row, [DIMENSION_INDEX[d] for d in sentence.labels]] = True
    return labelled


# A link target inside a Markdown cue ("analysts](https://...) say") is not part of its words.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@lru_cache(maxsize=1 << 16)
def cue_words(text: str) -> str:
    """A cue's canonical words, as every count of cues (the report's top cues, ``compare``) keys
    them: its words, lowercased, one space apart, so that the same phrase across a line break or
    with Markdown marks in it counts as one.

    >>> cue_words("On the **brink**\\nof")
    'on the brink of'
    """
    return " ".join(_WORD.findall(_LINK_TARGET.sub(" ", text.lower().replace("’", "'"))))


def build_report(text, sentences, word_counts, thresholds, readability, provenance, id=None,
                 headline=None, sources=(), scores=None, labelled=None, model_only=None) -> ArticleReport:
    """Summarise scored body ``sentences`` of ``text`` into an :class:`ArticleReport`.

    The article figures are worked out from the sentences' ``scores``, ``labelled`` and
    ``model_only`` matrices (n_sentences, n_dimensions; see
    :class:`hedgeometer.scoring.scores.ScoredRows`), made from the sentences when not given; only the
    cues are gone through one by one."""
    total = len(sentences)
    if scores is None:
        scores = np.array([[s.scores[d] for d in DIMENSIONS] for s in sentences], dtype=np.float64).reshape(total, -1)
        labelled = _label_matrix(sentences)
        model_only = np.array([[d in s.model_only for d in DIMENSIONS] for s in sentences], dtype=bool).reshape(total, -1)
    words = sum(word_counts)
    labelled_counts = np.add.reduce(labelled, axis=0).tolist()
    model_only_counts = np.add.reduce(model_only, axis=0).tolist()
    if total:
        # a running sum down each column (cumsum adds in order, as a loop would; sum() pairs up)
        score_sums = np.add.accumulate(scores, axis=0)[-1].tolist()
        score_maxima = np.maximum(np.maximum.reduce(scores, axis=0), 0.0).tolist()
    else:
        score_sums = score_maxima = [0.0] * len(DIMENSIONS)
    cue_counts: Counter = Counter()
    strength: dict[tuple[str, str], float] = {}
    for sentence in sentences:
        for cue in sentence.cues:
            key = (cue.dimension, cue_words(cue.text))
            cue_counts[key] += 1
            if cue.weight > strength.get(key, 0.0):
                strength[key] = cue.weight
    per_dimension_cues = Counter()
    for (dimension, _), n in cue_counts.items():
        per_dimension_cues[dimension] += n
    summaries = {}
    for k, dimension in enumerate(DIMENSIONS):
        cues = per_dimension_cues[dimension]
        summaries[dimension] = DimensionSummary(
            dimension,
            labelled_counts[k],
            round(labelled_counts[k] / total, 4) if total else 0.0,
            cues,
            round(100 * cues / words, 3) if words else 0.0,
            round(score_sums[k] / total, 4) if total else 0.0,
            round(score_maxima[k], 4),
            model_only_counts[k],
        )
    # most frequent first; among equals, the strongest cue, so salient phrases lead
    ranked = sorted(cue_counts.items(), key=lambda kv: (-kv[1], -strength.get(kv[0], 0.0), DIMENSIONS.index(kv[0][0]), kv[0][1]))
    top = tuple(TopCue(d, cue, n) for (d, cue), n in ranked[:TOP_CUES])
    return ArticleReport(
        text=text,
        sentences=tuple(sentences),
        words=words,
        dimensions=summaries,
        top_cues=top,
        most_loaded=_most_loaded(sentences, scores, labelled),
        readability=readability,
        thresholds=dict(thresholds),
        provenance=provenance,
        id=id,
        headline=headline,
        voices=summarise_voices(sentences, labelled),
        sources=summarise_sources(sources),
    )


def _most_loaded(sentences, scores: np.ndarray, labelled: np.ndarray) -> tuple[int, ...]:
    """The indices of the :data:`MOST_LOADED` labelled sentences with the highest load (the sum
    of their scores, see :attr:`SentenceScore.load`), the first in the text among equals."""
    rows = np.logical_or.reduce(labelled, axis=1).nonzero()[0]
    if not len(rows):
        return ()
    loads = np.add.accumulate(scores[rows], axis=1)[:, -1]  # summed left to right, as sum() does
    indices = np.array([sentences[row].index for row in rows.tolist()])
    order = np.lexsort((indices, -loads))[:MOST_LOADED]
    return tuple(indices[order].tolist())
