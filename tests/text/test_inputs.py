"""Reading articles: HTML through the optional extractor, Markdown without its syntax, the
format told by the suffix or given with --input-format."""

import json
import sys

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main
from hedgeometer.text.inputs import read_article, resolve_format

PAGE = """<html><head><title>Site</title></head><body><nav>Home | World | Sport</nav>
<article><h1>Talks Teeter on the Brink</h1>
<p>The talks may collapse, analysts say. The ministry has yet to confirm the meeting.</p>
<p>Officials said the plan would undoubtedly succeed.</p></article>
<footer>Copyright 2026</footer></body></html>"""


def test_html_article_text_is_extracted(tmp_path):
    pytest.importorskip("trafilatura")
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.format == "text" and article.source == str(path)
    text = article.text
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
    assert read_article(path) == (str(path), "# Draft\n\nThe **talks** may collapse.\n", "markdown")


MARKDOWN = """---
title: Draft
---
# Talks on the Brink

The talks **may** collapse, [analysts say](https://example.com/possibly-likely).

```
perhaps = maybe()
```

| cue | weight |
|---|---|
| possibly | 0.5 |
"""


def report_json(*args, input=None):
    result = CliRunner().invoke(main, ["report", *map(str, args), "-f", "json", "--no-model"], input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_markdown_file_scores_only_its_prose(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    data = report_json(path, "--include-text")
    assert data["headline"]["text"] == "Talks on the Brink"
    assert [s["text"] for s in data["sentences"]] == [
        "The talks **may** collapse, [analysts say](https://example.com/possibly-likely)."]
    assert data["summary"]["words"] == 6
    assert [c["text"] for c in data["sentences"][0]["cues"]] == ["may", "collapse", "analysts say"]
    text = data["text"]
    assert text == MARKDOWN  # the file's own text: offsets index it
    for sentence in [data["headline"], *data["sentences"]]:
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
        for cue in sentence["cues"]:
            assert text[cue["start"]:cue["end"]] == cue["text"]


def test_input_format_is_told_or_taken_from_the_suffix(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(MARKDOWN, encoding="utf-8")
    as_text = report_json(path)
    assert as_text["sentences"][0]["text"].startswith("---\ntitle: Draft")  # a .txt is read as it is
    assert report_json(path, "--input-format", "markdown")["headline"]["text"] == "Talks on the Brink"
    from_stdin = report_json("-", "--input-format", "markdown", input=MARKDOWN)
    assert from_stdin["headline"]["text"] == "Talks on the Brink" and from_stdin["id"] == "<stdin>"


def test_html_on_stdin_is_recognised_or_declared():
    pytest.importorskip("trafilatura")
    data = report_json("-", input="<!DOCTYPE html>\n" + PAGE)
    assert data["headline"]["text"] == "Talks Teeter on the Brink"
    assert "Home | World" not in json.dumps(data)
    fragment = PAGE.split("<body>")[1].split("</body>")[0]  # no <html> to recognise it by
    assert report_json("-", "--input-format", "html", input=fragment)["headline"]["text"] == "Talks Teeter on the Brink"


def test_batch_reads_a_page_on_stdin_as_report_does(tmp_path):
    pytest.importorskip("trafilatura")
    out = tmp_path / "rows.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "-o", str(out), "--no-model", "--jobs", "1"],
                                input="<!DOCTYPE html>\n" + PAGE)
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text())
    report = report_json("-", input="<!DOCTYPE html>\n" + PAGE)
    assert row["headline"] == "Talks Teeter on the Brink" and row["sentences"] == len(report["sentences"])


def test_html_without_the_extractor_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if the [html] extra were not installed
    result = CliRunner().invoke(main, ["report", "-", "--input-format", "html"], input=PAGE)
    assert result.exit_code == 1
    assert "<stdin>: reading HTML needs the optional extractor: pip install 'hedgeometer[html]'" in result.output
    assert "Traceback" not in result.output


def test_resolve_format():
    assert resolve_format("a.MD", "x") == "markdown" and resolve_format("a.markdown", "x") == "markdown"
    assert resolve_format("a.htm", "x") == "html" and resolve_format("a.txt", "<html>") == "text"
    assert resolve_format("<stdin>", "  <!doctype HTML><p>x") == "html"
    assert resolve_format("<stdin>", "<html lang='en'>") == "html"
    assert resolve_format("<stdin>", "<p>x</p>") == "text"
    assert resolve_format("a.html", "x", "markdown") == "markdown"
