"""The Markdown report (hedgeometer.render.markdown): summary table, bold cues, escaped article text."""

from hedgeometer import Analyzer
from hedgeometer.render import RENDERERS
from hedgeometer.render.markdown import escape

from conftest import EVIL


def test_markdown_has_summary_table_and_bold_cues(seed_report):
    out = RENDERERS["markdown"](seed_report)
    assert "| dimension | sentences | share |" in out
    assert "**on the brink of**<sub>dramatic</sub>" in out
    assert "## Flagged sentences" in out


def test_markdown_escapes_article_text():
    assert escape("*a* [b](c) <d> | e") == r"\*a\* \[b\](c) &lt;d&gt; \| e"  # no link without [ ]
    report = Analyzer(model=None).analyze(EVIL)
    out = RENDERERS["markdown"](report)
    assert "<script>" not in out and "<img" not in out
