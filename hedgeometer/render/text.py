"""Terminal report: flagged sentences with their cues marked, then the article summary.

Cues are wrapped in ``[[...]]`` with their dimension initial (``[[may]]h``) so the marking
survives without colour; with ``color=True`` each dimension also gets its own colour.
"""

from __future__ import annotations

import shutil
import textwrap

import click

from ..dimensions import DIMENSIONS

COLORS = {"hedging": "cyan", "speculation": "magenta", "dramatic": "red", "attribution": "yellow", "booster": "green"}
SHORT = {"hedging": "H", "speculation": "S", "dramatic": "D", "attribution": "A", "booster": "B"}


def _style(text, color, enabled, **kw):
    return click.style(text, fg=color, **kw) if enabled else text


def mark_cues(sentence, color: bool) -> str:
    """The sentence text with each cue marked; overlapping cues are merged into one mark."""
    text, base = sentence.text, sentence.start
    spans = sorted(sentence.cues, key=lambda c: (c.start, -c.end))
    out, position = [], 0
    for cue in spans:
        start, end = cue.start - base, cue.end - base
        if start < position:
            continue  # overlaps an earlier mark (another dimension on the same words)
        dims = "".join(SHORT[c.dimension] for c in spans if c.start - base == start and c.end - base == end)
        out.append(text[position:start])
        out.append(_style(f"[[{text[start:end]}]]{dims}", COLORS[cue.dimension], color, bold=True))
        position = end
    out.append(text[position:])
    return "".join(out)


def _bar(share: float, width: int = 20) -> str:
    filled = round(share * width)
    return "#" * filled + "." * (width - filled)


def render_text(report, color: bool = False, width: int | None = None, near_misses: bool = True, **options) -> str:
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    lines = []
    title = report.id or "article"
    lines.append(_style(f"hedgeometer report: {title}", None, color, bold=True))
    lines.append(f"{len(report.sentences)} sentences, {report.words} words, {len(report.flagged)} flagged")
    lines.append("")
    indent = "      "
    for sentence in report.flagged:
        tags = " · ".join(
            _style(f"{d} {sentence.scores[d]:.2f}", COLORS[d], color) for d in sentence.labels
        )
        lines.append(f"[{sentence.index}] {tags}")
        body = mark_cues(sentence, color)
        lines.extend(textwrap.wrap(body, width=max(40, width), initial_indent=indent, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False) or [indent])
        for cue in sentence.cues:
            lines.append(f"{indent}  {cue.dimension:<11} \"{cue.text}\"  ({cue.pattern}, w={cue.weight:g})")
        lines.append("")
    if near_misses:
        misses = report.near_misses()
        if misses:
            lines.append(_style("Near misses (just under the threshold)", None, color, bold=True))
            for sentence, dimension, score in misses[:10]:
                snippet = textwrap.shorten(sentence.text, width=max(30, width - 30), placeholder="...")
                lines.append(f"  [{sentence.index}] almost {dimension}: {score:.2f}  {snippet}")
            lines.append("")
    lines.append(_style("Summary", None, color, bold=True))
    lines.append(f"  {'dimension':<12} {'sentences':>9} {'share':>6}  {'':20}  {'cues/100w':>9}")
    total = len(report.sentences)
    for dimension in DIMENSIONS:
        s = report.dimensions[dimension]
        lines.append(
            f"  {_style(f'{dimension:<12}', COLORS[dimension], color)} {f'{s.sentences}/{total}':>9} "
            f"{s.share:>6.0%}  {_bar(s.share)}  {s.cues_per_100_words:>9.2f}"
        )
    if report.top_cues:
        lines.append("")
        lines.append("  Top cues: " + ", ".join(f"\"{c.cue}\" ({c.dimension}, {c.count})" for c in report.top_cues))
    if report.most_loaded:
        lines.append("  Most loaded sentences: " + ", ".join(f"[{i}]" for i in report.most_loaded))
    r = report.readability
    if r and r.get("flesch_reading_ease") is not None:
        sampled = " (sampled)" if r.get("sampled") else ""
        lines.append(
            f"  Readability{sampled}: Flesch reading ease {r['flesch_reading_ease']}, "
            f"Flesch-Kincaid grade {r['flesch_kincaid_grade']}, Gunning fog {r['gunning_fog']}"
        )
    p = report.provenance
    model = p.get("model")
    lines.append(
        f"  Scored by hedgeometer {p['hedgeometer']}, lexicons {p['lexicon_fingerprint']} "
        f"({p['lexicon_cues']} cues), " + (f"model {model['name']} ({model['id']})" if model else "rules only")
    )
    return "\n".join(lines) + "\n"
