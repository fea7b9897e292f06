"""Reports and comparisons render themselves inline in Jupyter (``_repr_html_``): the HTML
report's highlighted view, its styles kept to itself, its ids unique on the notebook's page."""

import re

import pytest

from hedgeometer import Analyzer
from hedgeometer.reports.compare import Comparison

from cdp import Browser
from conftest import EVIL, ROOT

CALM = ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt"


@pytest.fixture(scope="module")
def reports(analyzer, seed_text):
    return analyzer.analyze(seed_text, id="damascus-talks.txt"), analyzer.analyze(CALM.read_text("utf-8"), id="calm")


def rules(css: str) -> list[str]:
    """The selectors of a stylesheet's rules, at-rules opened (``@container``, ``@media``)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = []
    for head in re.findall(r"([^{}]+)\{", css):
        head = head.strip()
        if not head.startswith("@"):
            selectors += [part.strip() for part in head.split(",")]
    return selectors


def test_report_renders_inline_with_scoped_styles(reports):
    html = reports[0]._repr_html_()
    match = re.match(r'<div class="hedgeometer hm-inline"><style>(.*?)</style>\n<div class="hm-report">', html, re.S)
    assert match and html.endswith("</div>")
    selectors = rules(match.group(1))
    assert len(selectors) > 50
    assert all(s.startswith(".hedgeometer") for s in selectors), [s for s in selectors if not s.startswith(".hedgeometer")]
    assert "<html" not in html and "<body" not in html and "<main" not in html and "<script" not in html
    prefix = re.search(r'<span id="(hm[0-9a-f]{6}-)s1"', html).group(1)
    assert f'aria-describedby="{prefix}why1"' in html and f'<span class="why" id="{prefix}why1" role="note">' in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and all(i.startswith(prefix) for i in ids)
    assert prefix not in reports[0]._repr_html_()  # another output, other ids
    assert ">sent ripples through</span>" in html and "Most loaded sentences" in html


def test_comparison_renders_inline(reports):
    html = Comparison(reports)._repr_html_()
    assert html.startswith('<div class="hedgeometer hm-inline hm-wide"><style>')
    assert '<table class="compare">' in html and html.count('<div class="hm-report">') == 2
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert all(s.startswith(".hedgeometer") for s in rules(html.split("<style>")[1].split("</style>")[0]))


def test_inline_report_escapes_the_text():
    html = Analyzer(model=None).analyze(EVIL)._repr_html_()
    assert "&lt;script&gt;" in html and "<script" not in html.split("</style>")[1] and "<img" not in html


def test_inline_report_in_a_page_like_a_notebook(reports, tmp_path):
    """In Chromium, two outputs in a page with styles of its own (as a notebook's): the page keeps
    its look, each report its own, and a clicked sentence explains itself."""
    notebook = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>body { font-family: monospace; color: rgb(0, 0, 128); }"
                " h1 { color: rgb(255, 0, 0); } p { margin: 3px; }</style></head><body><h1>Notebook</h1>"
                f"<div class='output'>{reports[0]._repr_html_()}</div><div class='output'>{Comparison(reports)._repr_html_()}</div>"
                "<p id='after'>next cell</p></body></html>")
    page_file = tmp_path / "notebook.html"
    page_file.write_text(notebook, encoding="utf-8")
    with Browser(tmp_path / "profile", width=1100, height=900) as page:
        page.goto(page_file.as_uri())
        style = "(s => [getComputedStyle(s).color, getComputedStyle(s).fontFamily])"
        assert page.evaluate(f"{style}(document.querySelector('body > h1'))")[0] == "rgb(255, 0, 0)"
        assert page.evaluate(f"{style}(document.getElementById('after'))") == ["rgb(0, 0, 128)", "monospace"]
        report_h1 = page.evaluate(f"{style}(document.querySelector('.hedgeometer h1'))")
        assert report_h1[0] == "rgb(26, 26, 26)" and "Georgia" in report_h1[1]
        first = page.evaluate("document.querySelector('.hedgeometer .sent[id$=\"-s1\"]').id")
        why = first.replace("-s1", "-why1")
        assert page.evaluate(f"getComputedStyle(document.getElementById('{why}')).display") == "none"
        page.click(f"#{first}")
        assert page.evaluate("document.activeElement.id") == first
        assert page.evaluate(f"getComputedStyle(document.getElementById('{why}')).display") == "block"
        assert "Why [1] is labelled" in page.evaluate(f"document.getElementById('{why}').textContent")
        assert page.evaluate("document.querySelectorAll('.hedgeometer .hm-column .hm-report').length") == 2
        page.screenshot(tmp_path / "notebook.png")
        assert page.problems() == []
