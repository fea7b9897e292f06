"""hedgeometer serve as a person uses it: headless Chromium loads the page, text goes in as it
is typed or a file is chosen or dropped, the mouse clicks and the Tab key moves the focus.

One server (127.0.0.1, a free port, a thread) and one browser serve the module; both stop at
its end. Assertions are on structure and on what any reasonable model gives (the seed's first
sentence is dramatic, with the cue "sent ripples through"), never on exact scores."""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from hedgeometer.serve import DEFAULT_MAX_CHARS, INTERNAL_ERROR, make_server

from cdp import Browser
from conftest import EVIL, ROOT, SEED

CALM = ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt"


@pytest.fixture(scope="module")
def server(analyzer):
    server = make_server(analyzer, host="127.0.0.1", port=0)  # the default size limit, as users get it
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Browser(tmp_path_factory.mktemp("chromium-profile"), width=1280, height=1000) as browser:
        yield browser


@pytest.fixture
def page(browser, server):
    """The served page, freshly loaded, its script ready."""
    browser.events.clear()
    browser.goto(server.url)
    browser.wait_for("document.getElementById('hm-form') && document.querySelector('script[src=\"/app.js\"]')")
    return browser


def type_into(page, selector, text):
    page.click(selector)
    page.insert_text(text)


def score(page):
    page.click("#hm-score")
    page.wait_for("document.querySelector('#hm-result .hm-report, #hm-result .hm-compare') "
                  "|| !document.getElementById('hm-error').hidden")


def visible(page, selector) -> bool:
    return page.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                         f" return !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0; }})()")


def text_of(page, selector) -> str:
    return page.evaluate(f"document.querySelector({json.dumps(selector)}).textContent")


def test_seed_is_highlighted_and_a_focused_sentence_explains_itself(page, analyzer, tmp_path):
    seed = SEED.read_text("utf-8")
    type_into(page, "#hm-text-0", seed)
    score(page)
    assert page.evaluate("document.getElementById('hm-error').hidden")
    assert page.evaluate("document.querySelectorAll('#hm-result .sent').length") == 19  # headline + 18
    # figures: the bars of all five dimensions and the legend
    assert page.evaluate("document.querySelectorAll('#hm-result svg.chart rect.track').length") == 10
    assert "Legend" in text_of(page, "#hm-result .legend")
    # the first sentence: shaded as dramatic, "sent ripples through" underlined as a dramatic cue
    first = "#r-s1"
    assert "D" in page.evaluate(f"document.querySelector('{first}').dataset.badge").split("·")
    cues = page.evaluate(f"[...document.querySelectorAll('{first} .cue.c-dramatic')].map(e => e.textContent)")
    assert "sent ripples through" in cues
    assert page.evaluate(f"getComputedStyle(document.querySelector('{first} .cue.c-dramatic')).textDecorationLine") == "underline"
    assert not visible(page, "#r-why1")  # the explanation waits for focus

    page.click(first)  # a click focuses the sentence and opens its explanation
    assert page.evaluate("document.activeElement.id") == "r-s1"
    assert visible(page, "#r-why1")
    why = text_of(page, "#r-why1")
    expected = analyzer.analyze(seed).sentences[0]
    cue = next(c for c in expected.cues if c.text == "sent ripples through")
    assert "Why [1] is labelled" in why and "dramatic" in why
    assert f"“sent ripples through” · dramatic, pattern {cue.pattern}, {cue.category}, weight {cue.weight:g}" in why
    for dimension, score_ in expected.scores.items():  # every dimension's score against its threshold
        row = text_of(page, f"#r-why1 .why-row[data-dimension={dimension}]")
        assert f"{score_:.2f}" in row
    assert page.evaluate("document.querySelector('#r-why1 .why-row[data-dimension=dramatic]').classList.contains('on')")
    if expected.evidence["dramatic"]["ngrams"]:
        assert "The model's strongest n-grams" in why
    # the page from its top to the open explanation: the README's picture
    page.screenshot(tmp_path / "serve.png", until="#r-why1")
    assert (tmp_path / "serve.png").stat().st_size > 50_000
    assert page.evaluate("document.activeElement.id") == "r-s1"  # the screenshot took no focus away
    if os.environ.get("HEDGEOMETER_SCREENSHOTS"):  # HEDGEOMETER_SCREENSHOTS=docs refreshes docs/serve-screenshot.png
        shutil.copy(tmp_path / "serve.png", Path(os.environ["HEDGEOMETER_SCREENSHOTS"]) / "serve-screenshot.png")

    page.press("Tab", 9)  # the keyboard moves on to the next sentence, which explains itself
    assert page.evaluate("document.activeElement.id") == "r-s2"
    assert visible(page, "#r-why2") and not visible(page, "#r-why1")
    assert "Why [2]" in text_of(page, "#r-why2")
    assert page.problems() == []


def test_thresholds_and_downloads_match_the_report(page, tmp_path):
    seed = SEED.read_text("utf-8")
    type_into(page, "#hm-text-0", seed)
    score(page)
    links = page.evaluate("[...document.querySelectorAll('#hm-downloads a')].map(a => [a.textContent, a.download])")
    assert links == [["JSON", "pasted-text.hedgeometer.json"], ["Markdown", "pasted-text.hedgeometer.md"]]
    data = json.loads(page.download("#hm-downloads a:nth-of-type(1)", tmp_path).read_text("utf-8"))
    assert data["text"] == seed and len(data["sentences"]) == 18
    thresholds = data["summary"]["thresholds"]
    for sentence in data["sentences"][:3]:
        for dimension in thresholds:
            row = text_of(page, f"#r-why{sentence['index']} .why-row[data-dimension={dimension}] .why-score")
            sign = "≥" if sentence["scores"][dimension] >= thresholds[dimension] else "<"
            assert row == f"{sentence['scores'][dimension]:.2f} {sign} {thresholds[dimension]:.2f}"
    markdown = page.download("#hm-downloads a:nth-of-type(2)", tmp_path).read_text("utf-8")
    assert markdown.startswith("# hedgeometer report: pasted text")


def test_injected_markup_stays_text(page, tmp_path):
    type_into(page, "#hm-text-0", EVIL)
    page.evaluate("document.getElementById('hm-text-0').dispatchEvent(new ClipboardEvent('paste', {bubbles: true}))")
    page.wait_for("document.querySelector('#hm-result .hm-report')")  # a paste scores at once
    assert page.evaluate("document.body.dataset.pwned === undefined")
    assert page.evaluate("document.querySelectorAll('#hm-result script, #hm-result img').length") == 0
    shown = text_of(page, "#hm-result .article")
    assert '<script>document.body.setAttribute("data-pwned", "1")</script>' in shown
    assert "<img src=x onerror=" in shown
    # a file whose name is markup: shown as its name
    evil_file = tmp_path / '"><img src=x onerror="document.body.dataset.pwned=3">.txt'
    evil_file.write_text("The talks may collapse, officials said.", encoding="utf-8")
    page.set_files("#hm-file-1", [evil_file])
    page.wait_for("document.querySelector('#hm-result .hm-compare')")
    assert page.evaluate("document.body.dataset.pwned === undefined")
    assert page.evaluate("document.querySelectorAll('#hm-result img, #hm-result script').length") == 0
    assert evil_file.name in text_of(page, "#hm-result table.compare thead")
    assert text_of(page, "#hm-name-1") == evil_file.name
    assert page.problems() == []  # nothing even tried to run (the CSP would report it)


def test_size_limit_and_errors_show_in_the_page(page, server, monkeypatch):
    assert DEFAULT_MAX_CHARS == 200_000
    type_into(page, "#hm-text-0", "It may rain. " * 15_400)  # 200,200 characters
    score(page)
    assert not page.evaluate("document.getElementById('hm-error').hidden")
    message = text_of(page, "#hm-error")
    assert message == ("Too long: the text has 200,200 characters, and this page takes at most 200,000 a text. "
                       "Score a part of it here, or the whole file with 'hedgeometer report FILE'.")
    assert page.evaluate("document.getElementById('hm-result').children.length") == 0

    class Broken:
        def analyze(self, *args, **kwargs):
            raise RuntimeError("internal detail")

    monkeypatch.setattr(server, "analyzer", Broken())
    page.evaluate("document.getElementById('hm-text-0').value = 'It may rain.'")
    score(page)
    assert text_of(page, "#hm-error") == INTERNAL_ERROR
    assert "Traceback" not in page.evaluate("document.body.innerText")


def test_a_dropped_file_and_a_rewrite_compare_side_by_side(page):
    # a Markdown file dropped on the first box, as a drag from the file manager delivers it
    markdown = SEED.read_text("utf-8").replace("Russia and Syria Strengthen", "# Russia and Syria Strengthen", 1)
    page.evaluate(f"""(() => {{
        const data = new DataTransfer();
        data.items.add(new File([{json.dumps(markdown)}], "seed.md", {{type: "text/markdown"}}));
        const zone = document.getElementById("hm-box-0");
        zone.dispatchEvent(new DragEvent("dragover", {{dataTransfer: data, bubbles: true, cancelable: true}}));
        zone.dispatchEvent(new DragEvent("drop", {{dataTransfer: data, bubbles: true, cancelable: true}}));
    }})()""")
    page.wait_for("document.querySelector('#hm-result .hm-report')")
    assert page.evaluate("document.getElementById('hm-format-0').value") == "markdown"
    assert page.evaluate("document.getElementById('hm-text-0').value") == markdown
    assert text_of(page, "#hm-name-0") == "seed.md"
    # the rewrite chosen as a file in the second box: scored at once, beside the first
    page.set_files("#hm-file-1", [CALM])
    page.wait_for("document.querySelector('#hm-result .hm-compare')")
    header = page.evaluate("[...document.querySelectorAll('#hm-result table.compare thead th')].map(e => e.textContent)")
    assert header == ["dimension", "seed.md", CALM.name]
    assert page.evaluate("document.querySelectorAll('#hm-result .hm-column .hm-report').length") == 2
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    dramatic = page.evaluate("[...document.querySelectorAll('#hm-result table.compare tbody tr')]"
                             ".find(r => r.textContent.includes('dramatic')).querySelectorAll('td')[0].className")
    assert dramatic == "lead"  # the original leans harder on drama than its calm rewrite
    page.click("#c1-s1")  # explanations work in the columns too
    assert visible(page, "#c1-why1")
    downloads = page.evaluate("[...document.querySelectorAll('#hm-downloads a')].map(a => a.download)")
    assert downloads[:2] == ["comparison.hedgeometer.json", "comparison.hedgeometer.md"] and len(downloads) == 6
    assert page.problems() == []
