"""Self-contained HTML report: the article's own text with flagged sentences shaded by their
strongest dimension and cues underlined, a legend, and a header of figures with inline SVG bars.

Rendered with Jinja2 with autoescaping on, so article text can never become markup or script.
No external assets: the page works offline, from a USB stick, and printed. Colour is never the
only signal: each dimension also has its own underline style and a letter badge. A label the
model gave without a cue gets a dashed "model only" chip after its sentence (and a dashed tag),
whose note lists the n-grams that weighed most; with a model, cue notes list them too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..dimensions import DESCRIPTIONS, DIMENSIONS
from .common import MODEL_ONLY, cue_segments, evidence_items, evidence_phrase, plural, provenance_line, readability_line

LETTERS = {"hedging": "H", "speculation": "S", "dramatic": "D", "attribution": "A", "booster": "B"}
# Strong hues for underlines and bars; pale tints of the same hue behind sentences keep dark
# text readable on a projector (contrast above 7:1 for the text on every tint).
PALETTE = {
    "hedging": ("#1565c0", "#e3f0fd", "solid"),
    "speculation": ("#6a1b9a", "#f3e8fa", "dashed"),
    "dramatic": ("#c62828", "#fdeaea", "double"),
    "attribution": ("#8d5a00", "#fff3d6", "dotted"),
    "booster": ("#2e7d32", "#e7f5e8", "wavy"),
}
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("hedgeometer", "render/templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(DIMENSIONS=DIMENSIONS, DESCRIPTIONS=DESCRIPTIONS, LETTERS=LETTERS, PALETTE=PALETTE, plural=plural,
                       MODEL_ONLY=MODEL_ONLY)
    return env


def _sentence_view(sentence, thresholds):
    strongest = sentence.strongest()
    pieces = []
    for text, cues in cue_segments(sentence):
        if cues:
            lead = max(cues, key=lambda c: c.weight)
            pieces.append({
                "text": text,
                "dimension": lead.dimension,
                "dimensions": sorted({c.dimension for c in cues}, key=DIMENSIONS.index),
                "details": [f"{c.dimension}: “{c.pattern}” ({c.category}, weight {c.weight:g}"
                            f"{', quoted' if c.voice == 'quoted' else ''})" for c in cues],
                "quoted": all(c.voice == "quoted" for c in cues),
            })
        else:
            pieces.append({"text": text})
    return {
        "index": sentence.index,
        "strongest": strongest,
        "labels": sentence.labels,
        "model_only": sentence.model_only,
        "evidence": [f"{d}, {evidence_phrase(kind, ngrams, lambda term: f'“{term}”')}"
                     for d, kind, ngrams in evidence_items(sentence)],
        "scores_line": f"sentence [{sentence.index}]: " + ", ".join(f"{d} {sentence.scores[d]:.2f}" for d in DIMENSIONS),
        "badge": "·".join(LETTERS[d] for d in sentence.labels),
        "scores": sentence.scores,
        "voice": sentence.voice,
        "pieces": pieces,
        "near": [d for d in DIMENSIONS if thresholds[d] - 0.1 <= sentence.scores[d] < thresholds[d]],
    }


def article_paragraphs(report):
    """The article text as paragraphs of plain runs and sentence views, in text order. Sentences
    cover every word of plain text, so a run with words in it is Markdown or page furniture that was
    not scored."""
    sentences = list(report.sentences)
    if report.headline is not None and report.headline.index >= 0:  # a headline taken from the text
        sentences = [report.headline, *sentences]
    paragraphs, current, position = [], [], 0
    breaks = [m.span() for m in _PARAGRAPH.finditer(report.text)]

    def flush_plain(upto):
        nonlocal position, current
        while position < upto:
            next_break = next(((a, b) for a, b in breaks if a >= position and a < upto), None)
            if next_break is None:
                if report.text[position:upto].strip():
                    current.append({"plain": report.text[position:upto], "unscored": True})
                position = upto
            else:
                if report.text[position:next_break[0]].strip():
                    current.append({"plain": report.text[position:next_break[0]], "unscored": True})
                if current:
                    paragraphs.append(current)
                current, position = [], next_break[1]

    for sentence in sentences:
        flush_plain(sentence.start)
        if current:
            current.append({"plain": " "})
        view = _sentence_view(sentence, report.thresholds)
        view["headline"] = sentence is report.headline
        current.append({"sentence": view})
        position = sentence.end
    flush_plain(len(report.text))
    if current:
        paragraphs.append(current)
    return paragraphs


def _bars(report):
    total = max(1, len(report.sentences))
    densest = max([report.dimensions[d].cues_per_100_words for d in DIMENSIONS] + [1.0])
    return [{
        "dimension": d,
        "share": report.dimensions[d].share,
        "sentences": report.dimensions[d].sentences,
        "total": total,
        "density": report.dimensions[d].cues_per_100_words,
        "density_fraction": report.dimensions[d].cues_per_100_words / densest,
    } for d in DIMENSIONS]


def render_html(report, **options) -> str:
    headline = report.headline
    context = {
        "report": report,
        "title": options.get("title") or (headline.text if headline else None) or report.id or "hedgeometer report",
        "paragraphs": article_paragraphs(report),
        "bars": _bars(report),
        "most_loaded": [_sentence_view(report.sentence(i), report.thresholds) for i in report.most_loaded],
        "near_misses": [(s.index, d, score, s.text) for s, d, score in report.near_misses()],
        "readability": readability_line(report),
        "provenance": provenance_line(report),
        "headline_detached": headline is not None and headline.index < 0,
        "headline_view": _sentence_view(headline, report.thresholds) if headline is not None else None,
    }
    return environment().get_template("report.html.j2").render(**context)
