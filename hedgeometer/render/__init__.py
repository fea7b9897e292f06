"""Renderers turn an ArticleReport into text in one format each.

``RENDERERS`` maps a ``--format`` name to a function ``(report, **options) -> str``; the CLI's
choices come from it, so adding a format is adding a module and one entry here.
"""

from __future__ import annotations

from .json_format import render_json
from .text import render_text

RENDERERS = {
    "text": render_text,
    "json": render_json,
}

__all__ = ["RENDERERS"]
