"""Terminal report: flagged sentences with their cues marked, then the article summary.

Cues are wrapped in ``[[...]]`` followed by their dimension initials (``[[may]]H``), so the
marking survives without colour; with ``color=True`` each dimension also gets its own colour.
A label the model gave without a cue is tagged ``(model only)``; with a model, each label's
strongest n-grams follow its sentence's cues. Lines wrap to ``width`` (default: the terminal's
width, at most 120).
"""

from __future__ import annotations

import re
import shutil
import textwrap

from ..dimensions import DIMENSIONS, LETTERS
from .common import (MODEL_ONLY, cue_segments, evidence_head, evidence_items, ngram_items, plural, provenance_line,
                     readability_line)

COLORS = {"hedging": "cyan", "speculation": "magenta", "dramatic": "red", "attribution": "yellow", "booster": "green"}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


# ANSI SGR codes: the 8 basic foreground colours, bold, and reset-all after each styled piece
_FOREGROUND = {name: 30 + number for number, name in
               enumerate(("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"))}


def style(text: str, color: str | None, enabled: bool, bold: bool = False) -> str:
    """``text`` in ``color`` (and bold) for a terminal when ``enabled``, else unchanged."""
    if not enabled:
        return text
    return (f"\x1b[{_FOREGROUND[color]}m" if color else "") + ("\x1b[1m" if bold else "") + f"{text}\x1b[0m"


def mark_cues(sentence, color: bool = False) -> str:
    """The sentence text (newlines folded) with each cue marked ``[[cue]]DIMS``; a quoted cue
    gets a ``q`` after its initials."""
    out = []
    for piece, cues in cue_segments(sentence, merge=True):
        piece = re.sub(r"\s+", " ", piece)
        if cues:
            dims = "".join(LETTERS[d] for d in DIMENSIONS if any(c.dimension == d for c in cues))
            quoted = "q" if all(c.voice == "quoted" for c in cues) else ""
            out.append(style(f"[[{piece}]]{dims}{quoted}", COLORS[cues[0].dimension], color, bold=True))
        else:
            out.append(piece)
    return "".join(out)


def _wrap(text: str, width: int, indent: str) -> list[str]:
    """Wrap by visible width, so colour codes do not shorten lines."""
    words = text.split(" ")
    lines, current, visible = [], indent, len(indent)
    for word in words:
        length = len(_ANSI.sub("", word))
        if visible > len(indent) and visible + 1 + length > width:
            lines.append(current)
            current, visible = indent + word, len(indent) + length
        else:
            current += ("" if visible == len(indent) else " ") + word
            visible += (0 if visible == len(indent) else 1) + length
    lines.append(current)
    return lines


def _bar(share: float, width: int = 20) -> str:
    filled = round(share * width)
    return "#" * filled + "." * (width - filled)


def _tags(sentence, color) -> str:
    model_only = sentence.model_only
    return " · ".join(style(f"{d} {sentence.scores[d]:.2f}", COLORS[d], color) + (f" ({MODEL_ONLY})" if d in model_only else "")
                      for d in sentence.labels)


def _evidence_lines(sentence, width: int, indent: str) -> list[str]:
    """One entry per label with evidence beyond its cues, ``dramatic    model only: "sparked"
    +0.55, ...``, wrapped between n-grams (never inside one) under the first n-gram."""
    lines = []
    for dimension, kind, ngrams in evidence_items(sentence):
        line = f"{indent}  {dimension:<11} {evidence_head(kind)}:"
        hang = " " * min(len(line) + 1, max(len(indent) + 4, width // 2))
        items = ngram_items(ngrams)
        for k, item in enumerate(items):
            item += "," if k < len(items) - 1 else ""
            if len(line) + 1 + len(item) > width and line.strip() and not line.endswith(":"):
                lines.append(line)
                line = hang + item
            else:
                line += " " + item
        lines.append(line)
    return lines


def render_text(report, color: bool = False, width: int | None = None, **options) -> str:
    width = max(50, width or min(shutil.get_terminal_size((100, 24)).columns, 120))
    indent = "      "
    lines = [style(f"hedgeometer report: {report.id or 'article'}", None, color, bold=True),
             f"{plural(len(report.sentences), 'sentence')}, {plural(report.words, 'word')}, {len(report.flagged)} flagged"]
    if report.headline is not None:
        h = report.headline
        scores = ", ".join(f"{d} {h.scores[d]:.2f}" for d in DIMENSIONS if h.scores[d] > 0) or "no cues"
        lines.append(f"Headline: {mark_cues(h, color)}")
        lines.extend(_wrap(f"{_tags(h, color) or 'no labels'}  ({scores})", width, indent))
        lines.extend(_evidence_lines(h, width, indent))
    lines.append("")
    for sentence in report.flagged:
        voice = f"  ({sentence.voice} voice)" if sentence.voice != "reporter" else ""
        lines.append(f"[{sentence.index}] {_tags(sentence, color)}{voice}")
        lines.extend(_wrap(mark_cues(sentence, color), width, indent))
        for cue in sentence.cues:
            quoted = ", in a quote" if cue.voice == "quoted" else ""
            lines.append(f"{indent}  {cue.dimension:<11} \"{cue.text}\"  ({cue.pattern}, w={cue.weight:g}{quoted})")
        lines.extend(_evidence_lines(sentence, width, indent))
        lines.append("")
    misses = report.near_misses()
    if misses:
        lines.append(style("Near misses (just under a threshold)", None, color, bold=True))
        for sentence, dimension, score in misses[:10]:
            snippet = textwrap.shorten(sentence.text, width=max(30, width - 34), placeholder="...")
            lines.append(f"  [{sentence.index}] almost {dimension}: {score:.2f}  {snippet}")
        lines.append("")
    lines.append(style("Summary", None, color, bold=True))
    with_model = bool(report.provenance.get("model"))  # rules only: every label has a cue
    model_column = f"  {MODEL_ONLY:>10}" if with_model else ""
    lines.append(f"  {'dimension':<12} {'sentences':>9} {'share':>6}  {'':20}  {'cues/100w':>9}  {'reporter/quoted cues':>20}"
                 f"{model_column}")
    total = len(report.sentences)
    for dimension in DIMENSIONS:
        s = report.dimensions[dimension]
        by_voice = f"{report.voices.get('reporter', {}).get(dimension, {}).get('cues', 0)}/{report.voices.get('quoted', {}).get(dimension, {}).get('cues', 0)}"
        lines.append(
            f"  {style(f'{dimension:<12}', COLORS[dimension], color)} {f'{s.sentences}/{total}':>9} "
            f"{s.share:>6.0%}  {_bar(s.share)}  {s.cues_per_100_words:>9.2f}  {by_voice:>20}"
            + (f"  {s.model_only:>10}" if with_model else "")
        )
    lines.append("")
    if report.sources:
        src = report.sources
        lines.append(f"  Sources: {src['named']} named, {src['unnamed']} unnamed or vague ({src['unnamed_share']:.0%} unnamed)")
    if report.top_cues:
        top = ", ".join(f"\"{c.cue}\" ({c.dimension}, {c.count})" for c in report.top_cues)
        lines.extend(_wrap("Top cues: " + top, width, "  "))
    if report.most_loaded:
        lines.append("  Most loaded sentences: " + ", ".join(f"[{i}]" for i in report.most_loaded))
    readability = readability_line(report)
    if readability:
        lines.append(f"  Readability: {readability}")
    lines.extend(_wrap(provenance_line(report), width, "  "))
    return "\n".join(lines) + "\n"
