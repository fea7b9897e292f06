"""Reading articles: HTML through the optional extractor, Markdown as it is."""

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main
from hedgeometer.inputs import read_article

PAGE = """<html><head><title>Site</title></head><body><nav>Home | World | Sport</nav>
<article><h1>Talks Teeter on the Brink</h1>
<p>The talks may collapse, analysts say. The ministry has yet to confirm the meeting.</p>
<p>Officials said the plan would undoubtedly succeed.</p></article>
<footer>Copyright 2026</footer></body></html>"""


def test_html_article_text_is_extracted(tmp_path):
    pytest.importorskip("trafilatura")
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    text = read_article(path)
    assert text.startswith("Talks Teeter on the Brink\n\nThe talks may collapse")
    assert "Home | World" not in text and "Copyright" not in text
    result = CliRunner().invoke(main, ["report", str(path), "-f", "json", "--no-model"])
    assert result.exit_code == 0, result.output
    assert '"text": "Talks Teeter on the Brink"' in result.output  # scored as the headline


def test_html_without_article_text(tmp_path):
    pytest.importorskip("trafilatura")
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(path)])
    assert result.exit_code == 1 and "no article text found" in result.output


def test_markdown_is_read_as_it_is(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("# Draft\n\nThe **talks** may collapse.\n", encoding="utf-8")
    assert read_article(path) == "# Draft\n\nThe **talks** may collapse.\n"
