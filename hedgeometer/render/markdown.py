"""Markdown report: a summary table and the flagged sentences with cues in bold, for a paper's
appendix or an issue comment; under a sentence, each label's model evidence (a label the model
gave without a cue is marked *model only*). Article text is escaped so it cannot break the
Markdown."""

from __future__ import annotations

import re

from ..dimensions import DIMENSIONS
from .common import MODEL_ONLY, cue_segments, evidence_items, evidence_phrase, plural, provenance_line, readability_line

# ( and ) need no escape: with [ and ] escaped they can never close a link
_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~])")


def escape(text: str) -> str:
    """Backslash-escape Markdown syntax, turn < > & into entities (so no renderer sees HTML)
    and fold newlines, so article text renders literally."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def marked_sentence(sentence) -> str:
    out = []
    for piece, cues in cue_segments(sentence, merge=True):
        if cues:
            dims = "/".join(sorted({c.dimension for c in cues}, key=DIMENSIONS.index))
            quoted = " (quoted)" if all(c.voice == "quoted" for c in cues) else ""
            out.append(f"**{escape(piece)}**<sub>{dims}{quoted}</sub>")
        else:
            out.append(escape(piece))
    return "".join(out)


def _scores(sentence) -> str:
    model_only = sentence.model_only
    return ", ".join(f"{d} {sentence.scores[d]:.2f}" + (f" ({MODEL_ONLY})" if d in model_only else "")
                     for d in sentence.labels)


def _quoted(term: str) -> str:
    return f"“{escape(term)}”"


def evidence_bullets(sentence, indent: str = "  ") -> list[str]:
    """``  - dramatic, model only: “sparked” +0.55, ...``: one nested item per label with evidence
    beyond its cues."""
    return [f"{indent}- {d}, {evidence_phrase(kind, ngrams, _quoted)}" for d, kind, ngrams in evidence_items(sentence)]


def summary_table(report) -> list[str]:
    with_model = bool(report.provenance.get("model"))  # rules only: every label has a cue
    lines = [
        "| dimension | sentences | share | cues | cues per 100 words | reporter's voice | quoted |"
        + (f" {MODEL_ONLY} |" if with_model else ""),
        "|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if with_model else ""),
    ]
    total = len(report.sentences)
    for d in DIMENSIONS:
        s = report.dimensions[d]
        reporter = report.voices.get("reporter", {}).get(d, {})
        quoted = report.voices.get("quoted", {}).get(d, {})
        lines.append(
            f"| {d} | {s.sentences}/{total} | {s.share:.0%} | {s.cues} | {s.cues_per_100_words:.2f} "
            f"| {plural(reporter.get('cues', 0), 'cue')} | {plural(quoted.get('cues', 0), 'cue')} |"
            + (f" {s.model_only} |" if with_model else "")
        )
    return lines


def render_markdown(report, **options) -> str:
    lines = [f"# hedgeometer report: {escape(report.id or 'article')}", ""]
    lines.append(f"{plural(len(report.sentences), 'sentence')}, {plural(report.words, 'word')}, "
                 f"{len(report.flagged)} flagged.")
    lines.append("")
    if report.headline is not None:
        h = report.headline
        labels = _scores(h) or "no labels"
        lines += [f"**Headline:** {marked_sentence(h)} ({labels})", *evidence_bullets(h, ""), ""]
    lines += summary_table(report)
    lines.append("")
    sources = report.sources
    if sources:
        lines.append(f"**Sources:** {sources['named']} named, {sources['unnamed']} unnamed or vague "
                     f"({sources['unnamed_share']:.0%} unnamed).")
    if report.top_cues:
        lines.append("**Top cues:** " + ", ".join(f"{escape(c.cue)} ({c.dimension}, {c.count})" for c in report.top_cues) + ".")
    readability = readability_line(report)
    if readability:
        lines.append(f"**Readability:** {readability}.")
    lines += ["", "## Flagged sentences", ""]
    if not report.flagged:
        lines.append("No sentence passed a threshold.")
    for sentence in report.flagged:
        voice = f", {sentence.voice} voice" if sentence.voice != "reporter" else ""
        lines.append(f"- **[{sentence.index}]** _{_scores(sentence)}{voice}_: {marked_sentence(sentence)}")
        lines.extend(evidence_bullets(sentence))
    misses = report.near_misses()
    if misses:
        lines += ["", "## Near misses", ""]
        for sentence, dimension, score in misses:
            lines.append(f"- **[{sentence.index}]** almost {dimension}: {score:.2f}: {escape(sentence.text)}")
    lines += ["", f"<sub>{escape(provenance_line(report))}</sub>", ""]
    return "\n".join(lines)
