"""Compare several article reports: figures side by side and who leans hardest on each dimension."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..dimensions import DIMENSIONS
from .article import ArticleReport


@dataclass(frozen=True)
class Comparison:
    reports: tuple[ArticleReport, ...]

    def ranking(self, dimension: str) -> list[ArticleReport]:
        """Reports from most to least marked on ``dimension``: share of sentences labelled, then
        cues per 100 words, then mean score."""
        return sorted(self.reports, key=lambda r: (-r.dimensions[dimension].share,
                                                    -r.dimensions[dimension].cues_per_100_words,
                                                    -r.dimensions[dimension].mean_score))

    def leaders(self, dimension: str) -> list[ArticleReport]:
        """The reports that lean hardest on ``dimension``: the highest share of sentences labelled,
        then the most cues per 100 words (the two figures every format shows). Empty when no
        article has a sentence labelled with it (cues below the threshold make no article the
        "most" anything); several when they tie on both figures."""
        ranked = self.ranking(dimension)
        if not ranked or not ranked[0].dimensions[dimension].sentences:
            return []

        def shown(report):
            summary = report.dimensions[dimension]
            return summary.share, summary.cues_per_100_words

        return [r for r in ranked if shown(r) == shown(ranked[0])]

    def leader(self, dimension: str) -> ArticleReport | None:
        """The one report that leans hardest on ``dimension``, or None when none does (no
        sentence labelled anywhere) or several tie (see :meth:`leaders`)."""
        leaders = self.leaders(dimension)
        return leaders[0] if len(leaders) == 1 else None

    @staticmethod
    def top_cues(report: ArticleReport, dimension: str, count: int = 3) -> list[tuple[str, int]]:
        counter = Counter(c.text.lower() for s in report.sentences for c in s.cues if c.dimension == dimension)
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:count]

    def _repr_html_(self) -> str:
        """Jupyter shows a comparison as ``compare --format html`` does: the figures side by
        side, then each article highlighted."""
        from ..render.compare import inline_compare_html

        return inline_compare_html(self)

    def _repr_pretty_(self, printer, cycle) -> None:
        """IPython's plain-text view: which articles, in one line."""
        printer.text(f"<Comparison of {', '.join(r.id or 'article' for r in self.reports)}>")

    def to_dict(self) -> dict:
        return {
            "produced_by": self.reports[0].provenance if self.reports else None,
            "articles": [
                {
                    "id": r.id,
                    "sentences": len(r.sentences),
                    "words": r.words,
                    "dimensions": {d: r.dimensions[d].to_dict() for d in DIMENSIONS},
                    "top_cues": {d: [{"cue": c, "count": n} for c, n in self.top_cues(r, d)] for d in DIMENSIONS},
                    "readability": r.readability,
                    "sources": {k: v for k, v in r.sources.items() if k != "mentions"},
                }
                for r in self.reports
            ],
            "most": {d: (self.leader(d).id if self.leader(d) else None) for d in DIMENSIONS},
            "leaders": {d: [r.id for r in self.leaders(d)] for d in DIMENSIONS},
            "ranking": {d: [r.id for r in self.ranking(d)] for d in DIMENSIONS},
        }
