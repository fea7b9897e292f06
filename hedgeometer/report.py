"""The article report: sentence scores plus article-level figures, as frozen data.

Renderers (``hedgeometer.render``) read an :class:`ArticleReport`; nothing here formats text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from .dimensions import DIMENSIONS
from .scoring import SentenceScore
from .sources import summarise_sources

SCHEMA_VERSION = "1"
TOP_CUES = 10
MOST_LOADED = 3


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

    def to_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "share": self.share,
            "cues": self.cues,
            "cues_per_100_words": self.cues_per_100_words,
            "mean_score": self.mean_score,
            "max_score": self.max_score,
        }


@dataclass(frozen=True)
class TopCue:
    dimension: str
    cue: str  # the matched text, lowercased
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

    def near_misses(self, margin: float = 0.1) -> list[tuple[SentenceScore, str, float]]:
        """(sentence, dimension, score) for scores within ``margin`` below the threshold."""
        found = []
        for sentence in self.sentences:
            for dimension in DIMENSIONS:
                score = sentence.scores[dimension]
                if self.thresholds[dimension] - margin <= score < self.thresholds[dimension]:
                    found.append((sentence, dimension, score))
        return found

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


def summarise_voices(sentences: Sequence[SentenceScore]) -> dict:
    """Per voice and dimension: labelled sentences, their share, and cues.

    A sentence counts as quoted when at least 80% of it is inside quotation marks; cues count
    by their own position, so a hedge inside a quote in a reporter's sentence counts as quoted.
    """
    result = {}
    for voice in ("reporter", "quoted"):
        members = [s for s in sentences if (s.voice == "quoted") == (voice == "quoted")]
        result[voice] = {"sentences": len(members)}
        for dimension in DIMENSIONS:
            labelled = sum(1 for s in members if dimension in s.labels)
            cues = sum(1 for s in sentences for c in s.cues if c.dimension == dimension and c.voice == voice)
            result[voice][dimension] = {
                "sentences": labelled,
                "share": round(labelled / len(members), 4) if members else 0.0,
                "cues": cues,
            }
    return result


def build_report(text, sentences, word_counts, thresholds, readability, provenance, id=None,
                 headline=None, sources=()) -> ArticleReport:
    """Summarise scored body ``sentences`` of ``text`` into an :class:`ArticleReport`."""
    words = sum(word_counts)
    total = len(sentences)
    summaries = {}
    for dimension in DIMENSIONS:
        labelled = sum(1 for s in sentences if dimension in s.labels)
        cues = sum(1 for s in sentences for c in s.cues if c.dimension == dimension)
        scores = [s.scores[dimension] for s in sentences]
        summaries[dimension] = DimensionSummary(
            dimension,
            labelled,
            round(labelled / total, 4) if total else 0.0,
            cues,
            round(100 * cues / words, 3) if words else 0.0,
            round(sum(scores) / total, 4) if total else 0.0,
            round(max(scores), 4) if scores else 0.0,
        )
    counter: Counter = Counter()
    strength: dict[tuple[str, str], float] = {}
    for sentence in sentences:
        for cue in sentence.cues:
            key = (cue.dimension, cue.text.lower().replace("’", "'"))
            counter[key] += 1
            strength[key] = max(strength.get(key, 0.0), cue.weight)
    # most frequent first; among equals, the strongest cue, so salient phrases lead
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], -strength[kv[0]], DIMENSIONS.index(kv[0][0]), kv[0][1]))
    top = tuple(TopCue(d, cue, n) for (d, cue), n in ranked[:TOP_CUES])
    loaded = sorted((s for s in sentences if s.labels), key=lambda s: (-s.load, s.index))
    return ArticleReport(
        text=text,
        sentences=tuple(sentences),
        words=words,
        dimensions=summaries,
        top_cues=top,
        most_loaded=tuple(s.index for s in loaded[:MOST_LOADED]),
        readability=readability,
        thresholds=dict(thresholds),
        provenance=provenance,
        id=id,
        headline=headline,
        voices=summarise_voices(sentences),
        sources=summarise_sources(sources),
    )
