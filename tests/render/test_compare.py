"""The comparison renderers (hedgeometer.render.compare: COMPARE_RENDERERS, hedgeometer compare):
every format names each article and who leans hardest on each dimension, with names escaped."""

import json
import re

from hedgeometer.reports.compare import Comparison
from hedgeometer.render.compare import COMPARE_RENDERERS

LOUD = "The region stands on the brink of war. The talks will undoubtedly fail."
CALM = "Talks resume on Monday. Officials may attend."


def comparison(rules_analyzer, loud_id="loud"):
    return Comparison((rules_analyzer.analyze(LOUD, id=loud_id), rules_analyzer.analyze(CALM, id="calm")))


def test_text_and_markdown_name_the_leaders(rules_analyzer):
    both = comparison(rules_analyzer)
    text = COMPARE_RENDERERS["text"](both)
    assert re.search(r"^most dramatic +loud$", text, re.M) and re.search(r"^most hedged +calm$", text, re.M)
    assert "\x1b[" not in text and "\x1b[" in COMPARE_RENDERERS["text"](both, color=True)
    markdown = COMPARE_RENDERERS["markdown"](both)
    assert "| | loud | calm |" in markdown and "- **most dramatic:** loud" in markdown
    assert "- **most vaguely sourced:** none (no sentence labelled)" in markdown


def test_json_is_the_comparisons_dict(rules_analyzer):
    both = comparison(rules_analyzer)
    data = json.loads(COMPARE_RENDERERS["json"](both))
    assert data == json.loads(json.dumps(both.to_dict()))
    assert data["most"]["dramatic"] == "loud" and [a["id"] for a in data["articles"]] == ["loud", "calm"]


def test_article_names_are_escaped(rules_analyzer):
    both = comparison(rules_analyzer, loud_id="<script>x</script>*bold*")
    html = COMPARE_RENDERERS["html"](both)
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    markdown = COMPARE_RENDERERS["markdown"](both)
    assert "<script>" not in markdown and r"\*bold\*" in markdown
