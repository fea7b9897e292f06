"""Renderers for ``hedgeometer compare``: several articles side by side. The HTML page shows the
figures in a table, then each article highlighted as the HTML report shows it, in columns."""

from __future__ import annotations

import json

from markupsafe import Markup

from ..dimensions import DIMENSIONS
from .common import provenance_line
from .html import environment, report_fragment, stylesheet, unique_prefix
from .markdown import escape
from .text import COLORS, style

SUPERLATIVE = {"hedging": "most hedged", "speculation": "most speculative", "dramatic": "most dramatic",
               "attribution": "most vaguely sourced", "booster": "most boosted"}


def _name(report) -> str:
    return report.id or "article"


def leader_phrase(comparison, dimension: str, name=_name) -> str:
    """Who leans hardest on ``dimension``, in words: one name, ``a, b (tied)``, or that no
    article has a sentence labelled with it."""
    leaders = comparison.leaders(dimension)
    if not leaders:
        return "none (no sentence labelled)"
    names = ", ".join(name(r) for r in leaders)
    return f"{names} (tied)" if len(leaders) > 1 else names


def _or_dash(value) -> str:
    return "-" if value is None else str(value)


def render_compare_text(comparison, color: bool = False, **options) -> str:
    reports = comparison.reports
    rows = [("", [_name(r) for r in reports]),
            ("sentences", [str(len(r.sentences)) for r in reports]),
            ("words", [str(r.words) for r in reports])]
    rows += [(d, [f"{r.dimensions[d].share:.0%} · {r.dimensions[d].cues_per_100_words:.2f}/100w" for r in reports])
             for d in DIMENSIONS]
    rows.append(("reading ease", [_or_dash(r.readability.get("flesch_reading_ease")) for r in reports]))
    # each column as wide as its widest cell, so a long name or value never shifts the others
    widths = [max(12, *(len(cells[k]) for _, cells in rows)) for k in range(len(reports))]
    lines = [style("hedgeometer compare", None, color, bold=True), ""]
    for label, cells in rows:
        padded = style(f"{label:<14}", COLORS[label], color) if label in COLORS else f"{label:<14}"
        lines.append(padded + "".join(f"  {cell:>{width}}" for cell, width in zip(cells, widths)))
    lines.append("")
    lines.append("(share of sentences labelled · cues per 100 words)")
    lines.append("")
    for d in DIMENSIONS:
        lines.append(f"{SUPERLATIVE[d]:<22} {leader_phrase(comparison, d)}")
    lines.append("")
    lines.append("Cues each uses most:")
    for r in reports:
        used = []
        for d in DIMENSIONS:
            used += [f'"{c}" ({d}, {n})' for c, n in comparison.top_cues(r, d, 2)]
        lines.append(f"  {_name(r)}: {', '.join(used) or 'none'}")
    lines += ["", _footer(comparison)]
    return "\n".join(lines) + "\n"


def _footer(comparison) -> str:
    """What scored the articles (one analyzer scores them all, so the first report's stamp)."""
    return provenance_line(comparison.reports[0]) if comparison.reports else ""


def render_compare_markdown(comparison, **options) -> str:
    reports = comparison.reports
    lines = ["# hedgeometer compare", "", "| | " + " | ".join(escape(_name(r)) for r in reports) + " |",
             "|---|" + "---:|" * len(reports)]
    lines.append("| sentences | " + " | ".join(str(len(r.sentences)) for r in reports) + " |")
    lines.append("| words | " + " | ".join(str(r.words) for r in reports) + " |")
    for d in DIMENSIONS:
        lines.append(f"| {d} | " + " | ".join(f"{r.dimensions[d].share:.0%} · {r.dimensions[d].cues_per_100_words:.2f}" for r in reports) + " |")
    lines.append("| reading ease | " + " | ".join(_or_dash(r.readability.get("flesch_reading_ease")) for r in reports) + " |")
    lines += ["", "Cells: share of sentences labelled · cues per 100 words.", ""]
    for d in DIMENSIONS:
        lines.append(f"- **{SUPERLATIVE[d]}:** {leader_phrase(comparison, d, lambda r: escape(_name(r)))}")
    lines += ["", "## Cues each uses most", ""]
    for r in reports:
        used = [f"**{escape(c)}** ({d}, {n})" for d in DIMENSIONS for c, n in comparison.top_cues(r, d, 2)]
        lines.append(f"- {escape(_name(r))}: {', '.join(used) or 'none'}")
    lines += ["", f"<sub>{escape(_footer(comparison))}</sub>"]
    return "\n".join(lines) + "\n"


def render_compare_json(comparison, **options) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _compare_context(comparison, prefix: str = "") -> dict:
    names = [_name(r) for r in comparison.reports]
    # each report's ids start with its column's prefix, so the columns can share a page
    columns = [{"name": name, "html": Markup(report_fragment(report, f"{prefix}{k}-"))}
               for k, (name, report) in enumerate(zip(names, comparison.reports))]
    return {"comparison": comparison, "reports": comparison.reports, "names": names, "superlative": SUPERLATIVE,
            "provenance": _footer(comparison), "columns": columns}


def render_compare_html(comparison, **options) -> str:
    return environment().get_template("compare.html.j2").render(**_compare_context(comparison, "a"))


def comparison_fragment(comparison, prefix: str = "a") -> str:
    """The comparison without the page around it (the table, then each article highlighted),
    for a page that brings :func:`compare_stylesheet` inside a ``.hedgeometer`` element."""
    return environment().get_template("compare_body.html.j2").render(**_compare_context(comparison, prefix))


def compare_stylesheet() -> str:
    """The report's styles and the comparison's, all scoped to ``.hedgeometer``."""
    return stylesheet() + environment().get_template("compare.css.j2").render()


def inline_compare_html(comparison) -> str:
    """The comparison as a notebook shows it (``Comparison._repr_html_``)."""
    return (f'<div class="hedgeometer hm-inline hm-wide"><style>{compare_stylesheet()}</style>\n'
            f"{comparison_fragment(comparison, unique_prefix())}</div>")


COMPARE_RENDERERS = {
    "text": render_compare_text,
    "markdown": render_compare_markdown,
    "json": render_compare_json,
    "html": render_compare_html,
}
