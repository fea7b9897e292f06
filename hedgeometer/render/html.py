"""Self-contained HTML report: the article's own text with flagged sentences shaded by their
strongest dimension and cues underlined, a legend, and a header of figures with inline SVG bars.

Rendered with Jinja2 with autoescaping on, so article text can never become markup or script.
No external assets: the page works offline, from a USB stick, and printed. Colour is never the
only signal: each dimension also has its own underline style and a letter badge. A label the
model gave without a cue gets a dashed "model only" chip after its sentence (and a dashed tag),
whose note lists the n-grams that weighed most; with a model, cue notes list them too.

Every sentence takes focus (a click or the Tab key) and then shows why it was labelled: its
cues with their patterns, the model's strongest n-grams and each dimension's score against its
threshold. That is CSS alone (no script), so it works in the saved page, in a notebook and in
``hedgeometer serve``, which all show the same view: :func:`report_fragment` is the report
without the page around it, its styles scoped to a ``.hedgeometer`` element so they leave a
notebook's own styles alone (:func:`inline_html`).
"""

from __future__ import annotations

import re
import secrets
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..dimensions import DESCRIPTIONS, DIMENSIONS, LETTERS
from ..reports.article import NEAR_MISS_MARGIN
from .common import (MODEL_ONLY, cue_segments, evidence_items, evidence_phrase, format_ngrams, plural,
                     provenance_line, readability_line)

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


def _quote(term: str) -> str:
    return f"“{term}”"


def _why(sentence, thresholds):
    """What the sentence's explanation panel shows: each dimension's score against its threshold
    (with the rule and model parts), the cues with their patterns, the model's n-grams per label."""
    labels = set(sentence.labels)
    evidence = sentence.evidence or {}
    rows = []
    for d in DIMENSIONS:
        score, threshold = sentence.scores[d], thresholds[d]
        entry = evidence.get(d)
        rows.append({
            "dimension": d,
            "score": score,
            "threshold": threshold,
            "labelled": d in labels,
            "kind": entry["kind"] if entry else None,
            "near": d not in labels and threshold - NEAR_MISS_MARGIN <= score < threshold,
            "rule": sentence.rule_scores[d],
            "model": sentence.model_scores[d] if sentence.model_scores else None,
        })
    cues = [{"text": c.text, "dimension": c.dimension, "pattern": c.pattern, "category": c.category,
             "weight": f"{c.weight:g}", "quoted": c.voice == "quoted"} for c in sentence.cues]
    ngrams = [{"dimension": d, "model_only": kind == "model", "text": format_ngrams(found, _quote)}
              for d, kind, found in evidence_items(sentence)]
    return {"rows": rows, "cues": cues, "ngrams": ngrams, "model": sentence.model_scores is not None}


def _sentence_view(sentence, thresholds, prefix=""):
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
        "id": f"{prefix}s{sentence.index}",
        "why_id": f"{prefix}why{sentence.index}",
        "why": _why(sentence, thresholds),
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
        "near": [d for d in DIMENSIONS if thresholds[d] - NEAR_MISS_MARGIN <= sentence.scores[d] < thresholds[d]],
    }


def article_paragraphs(report, prefix=""):
    """The article text as paragraphs of plain runs and sentence views, in text order. Sentences
    cover every word of plain text, so a run with words in it is Markdown or page furniture
    that was not scored.
    ``prefix`` starts every element id (two reports on one page need different ones)."""
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
        view = _sentence_view(sentence, report.thresholds, prefix)
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


def _report_context(report, prefix="", title=None, page=False):
    headline = report.headline
    return {
        "report": report,
        "page": page,
        "prefix": prefix,
        "title": title or (headline.text if headline else None) or report.id or "hedgeometer report",
        "paragraphs": article_paragraphs(report, prefix),
        "bars": _bars(report),
        "most_loaded": [_sentence_view(report.sentence(i), report.thresholds, prefix) for i in report.most_loaded],
        "near_misses": [(s.index, d, score, s.text) for s, d, score in report.near_misses()],
        "readability": readability_line(report),
        "provenance": provenance_line(report),
        "headline_detached": headline is not None and headline.index < 0,
        "headline_view": _sentence_view(headline, report.thresholds, prefix) if headline is not None else None,
    }


def render_html(report, **options) -> str:
    """The report as a whole page (``--format html``)."""
    return environment().get_template("report.html.j2").render(**_report_context(report, title=options.get("title"),
                                                                                  page=True))


def report_fragment(report, prefix: str = "", title: str | None = None) -> str:
    """The report without the page around it: header of figures, legend, highlighted text and
    footer, for a page that brings the styles (:func:`stylesheet`) inside a ``.hedgeometer``
    element. ``prefix`` starts every element id, so that several reports can share a page."""
    return environment().get_template("report_body.html.j2").render(**_report_context(report, prefix, title))


def stylesheet() -> str:
    """The report's styles, every rule scoped to ``.hedgeometer`` (no page-wide rule)."""
    return environment().get_template("report.css.j2").render()


def unique_prefix() -> str:
    """A short random id prefix (``hm3fa9c1-``): outputs of a notebook share one page, kernel
    restarts and all, so a counter could repeat."""
    return f"hm{secrets.token_hex(3)}-"


def inline_html(report) -> str:
    """The report as a notebook shows it (``ArticleReport._repr_html_``): the same view as the
    page, its styles scoped to the report, its ids unique on the notebook's page."""
    return (f'<div class="hedgeometer hm-inline"><style>{stylesheet()}</style>\n'
            f"{report_fragment(report, unique_prefix())}</div>")
