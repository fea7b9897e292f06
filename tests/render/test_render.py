import re

import pytest

from hedgeometer import Analyzer
from hedgeometer.render import RENDERERS
from hedgeometer.render.common import cue_segments
from hedgeometer.render.markdown import escape

from conftest import EVIL


@pytest.fixture(scope="module")
def seed_report(seed_text):
    return Analyzer().analyze(seed_text, id="seeds/damascus-talks.txt")


def test_every_format_renders_the_seed(seed_report):
    for name, render in RENDERERS.items():
        out = render(seed_report)
        assert isinstance(out, str) and len(out) > 500, name


def test_cue_segments_rebuild_the_sentence(seed_report):
    for sentence in seed_report.sentences:
        pieces = cue_segments(sentence)
        assert "".join(p for p, _ in pieces) == sentence.text
        for piece, cues in pieces:
            for cue in cues:
                assert piece in cue.text


def _segments_by_definition(sentence, merge=False):
    """cue_segments as its docstring defines it, checking every cue at every cut (quadratic)."""
    base = sentence.start
    cuts = sorted(c for c in {0, len(sentence.text), *(x - base for c in sentence.cues for x in (c.start, c.end))}
                  if 0 <= c <= len(sentence.text))
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [c for c in sentence.cues if c.start - base <= start and end <= c.end - base]
        if pieces and [id(c) for c in covering] == [id(c) for c in pieces[-1][1]]:
            pieces[-1] = (pieces[-1][0] + sentence.text[start:end], covering)
        else:
            pieces.append((sentence.text[start:end], covering))
    if not merge:
        return pieces
    merged = []
    for piece, cues in pieces:
        if merged and cues and merged[-1][1]:
            known = {id(c) for c in merged[-1][1]}
            merged[-1] = (merged[-1][0] + piece, merged[-1][1] + [c for c in cues if id(c) not in known])
        else:
            merged.append((piece, list(cues)))
    return merged


def test_cue_segments_follow_their_definition_on_random_cues():
    import random

    from hedgeometer.rules.cues import CueMatch
    from hedgeometer.scoring.scores import SentenceScore

    rng = random.Random(7)
    for _ in range(3000):
        base, length = rng.randint(0, 5), rng.randint(0, 30)
        cues = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(-3, length + 3)
            cues.append(CueMatch(rng.choice(["hedging", "dramatic", "booster"]), base + start,
                                 base + start + rng.randint(0, 8), "x", "p", "c", 0.5))
        sentence = SentenceScore(0, base, base + length, "".join(rng.choice("ab cd") for _ in range(length)),
                                 {}, (), tuple(cues), {})
        for merge in (False, True):
            expected = [(piece, [id(c) for c in found]) for piece, found in _segments_by_definition(sentence, merge)]
            assert [(piece, [id(c) for c in found]) for piece, found in cue_segments(sentence, merge)] == expected


def test_a_long_sentence_full_of_cues_renders_in_linear_time():
    """Half a megabyte with no full stop and a cue every few words: one sentence with some
    36,000 cues (it took 84 s as text when every cut checked every cue)."""
    import time

    text = ("officials may possibly delay the talks on the brink of collapse, sources say it is likely "
            "that the plan will undoubtedly fail ") * 4500
    report = Analyzer(readability=False).analyze(text)
    assert len(report.sentences) == 1 and len(report.sentences[0].cues) > 30_000
    start = time.process_time()
    for render in RENDERERS.values():
        render(report)
    assert time.process_time() - start < 20


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


def test_text_report_colour_and_width(seed_report):
    plain = RENDERERS["text"](seed_report, color=False, width=60)
    coloured = RENDERERS["text"](seed_report, color=True, width=60)
    assert "\x1b[" not in plain and "\x1b[" in coloured
    # wrapped sentence text: 6-space indent (cue details use 8 and may run long)
    body = [line for line in plain.splitlines() if line.startswith("      ") and not line.startswith("        ")]
    assert body and max(len(line) for line in body) <= 60 + 25  # a long cue mark cannot be broken
