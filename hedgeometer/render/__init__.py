"""Renderers turn an ArticleReport into text in one format each.

``RENDERERS`` maps a ``--format`` name to a function ``(report, **options) -> str``; the CLI's
choices come from it, so adding a format is adding a module and one entry here.
"""

from __future__ import annotations

from .html import render_html
from .json_format import render_json
from .markdown import render_markdown
from .text import render_text

RENDERERS = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
}

__all__ = ["RENDERERS"]
