"""The HTML report (hedgeometer.render.html): self-contained, escaped, cues and sentences marked."""

import re

from hedgeometer import Analyzer
from hedgeometer.render import RENDERERS

from conftest import EVIL


def test_html_is_self_contained_and_escaped():
    report = Analyzer(model=None).analyze(EVIL)
    page = RENDERERS["html"](report)
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "&lt;script&gt;" in page
    assert "<img" not in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "external asset"
    assert "Content-Security-Policy" in page


def test_html_shows_unscored_markdown_apart(seed_report):
    text = "# Talks May Collapse\n\n```\nmaybe = possibly()\n```\n\nThe talks may collapse.\n"
    page = RENDERERS["html"](Analyzer(model=None).analyze(text, markdown=True))
    assert '<span class="unscored" title="not scored (Markdown syntax, code, tables, page furniture)">```\nmaybe = possibly()\n```</span>' in page
    assert 'class="unscored"' not in RENDERERS["html"](seed_report)  # in plain text every word is scored


def test_html_marks_cues_and_shows_header(seed_report):
    page = RENDERERS["html"](seed_report)
    assert re.search(r'<span class="cue c-dramatic[^"]*" data-tip="[^"]*">on the brink of</span>', page)
    # the sentence, not each cue, takes focus, and explains itself
    assert re.search(r'<span id="s\d+" class="sent [^"]*" data-badge="[^"]*" tabindex="0" aria-describedby="why\d+">', page)
    for dimension in ("hedging", "speculation", "dramatic", "attribution", "booster"):
        assert f"s-{dimension}" in page
    assert "Legend" in page and "<svg" in page and "Readability" in page and "Most loaded sentences" in page
