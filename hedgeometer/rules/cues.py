"""Cues and their matches: one validated lexicon row, and one place a text matched it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Cue:
    """One lexicon row, validated."""

    dimension: str
    pattern: str
    category: str
    weight: float
    notes: str = ""
    guards: tuple[str, ...] = ()
    source: str = ""  # "file:line" the row came from

    @property
    def id(self) -> str:
        """Stable rule id, e.g. ``dramatic:on-the-brink|verge-of``."""
        return f"{self.dimension}:{'-'.join(self.pattern.split())}"


class CueMatch(NamedTuple):
    """A cue found in a text; ``start``/``end`` are character offsets into the analysed text.

    An immutable tuple rather than a dataclass: matches are made by the thousand per article."""

    dimension: str
    start: int
    end: int
    text: str
    pattern: str
    category: str
    weight: float
    voice: str = "reporter"  # "quoted" inside a direct quotation (set by the analyzer)

    def to_dict(self) -> dict:
        return {
            "dimension": self.dimension,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "pattern": self.pattern,
            "category": self.category,
            "weight": self.weight,
            "voice": self.voice,
        }
