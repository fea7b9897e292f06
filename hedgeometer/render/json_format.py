"""JSON report: the ArticleReport's ``to_dict()``, stable key order, UTF-8."""

from __future__ import annotations

import json


def render_json(report, **options) -> str:
    return json.dumps(report.to_dict(include_text=options.get("include_text", False)), ensure_ascii=False, indent=2) + "\n"
