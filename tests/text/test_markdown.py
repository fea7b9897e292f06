"""Markdown input: syntax and non-prose regions are not scored, offsets still index the file."""

import pytest
from hypothesis import given, settings, strategies as st

from hedgeometer.text.markdown import blank_non_prose

ARTICLE = """---
title: Talks may collapse
tags: [diplomacy]
---
# Talks on the **Brink** #

Officials [may delay](https://example.com/may-suggest-possibly "perhaps") the vote, analysts say.
![the deal may be doomed](img/deal-may-fail.png)

```python
maybe = possibly()  # may
```

~~~
it may well be
~~~

    indented code that may possibly run

| cue | may |
|-----|:---:|
| perhaps | likely |

<!-- editor: this may possibly need a source -->
- The minister *undoubtedly* left.
- > Talks resume on Monday.
"""


def sentences(rules_analyzer, text):
    report = rules_analyzer.analyze(text, markdown=True)
    return report, [s.text for s in report.sentences]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab #*_-+>|`~[]()!<>:=\\/.1\t\r\n ")) | st.characters(), max_size=200))
def test_blanking_keeps_length_and_line_breaks(text):
    prose = blank_non_prose(text)
    assert len(prose) == len(text)
    # every character is kept or blanked to a space; line breaks always stay
    assert all(p == t or p == " " and t not in "\r\n" for p, t in zip(prose, text))


def test_front_matter_is_blank_and_the_heading_after_it_is_the_headline(rules_analyzer):
    report, texts = sentences(rules_analyzer, ARTICLE)
    assert report.headline.text == "Talks on the **Brink**"  # no '#' before or after it
    assert report.headline.start == ARTICLE.index("Talks on the")
    assert not any("title:" in t or "---" in t for t in texts)


def test_only_the_prose_is_scored(rules_analyzer):
    report, texts = sentences(rules_analyzer, ARTICLE)
    assert texts == [
        'Officials [may delay](https://example.com/may-suggest-possibly "perhaps") the vote, analysts say.',
        "The minister *undoubtedly* left.",
        "Talks resume on Monday.",
    ]
    cues = [(c.dimension, c.text) for s in report.sentences for c in s.cues]
    assert ("hedging", "may") in cues and ("booster", "undoubtedly") in cues
    assert not any(c.text.lower() in ("possibly", "perhaps", "likely", "suggest") for s in report.sentences for c in s.cues)
    # the link's target is not counted: 'Officials may delay the vote, analysts say' has 7 words
    assert report.words == 7 + 4 + 4


def test_offsets_index_the_file(rules_analyzer):
    report, _ = sentences(rules_analyzer, ARTICLE)
    for sentence in (report.headline, *report.sentences):
        assert ARTICLE[sentence.start:sentence.end] == sentence.text
        for cue in sentence.cues:
            assert ARTICLE[cue.start:cue.end] == cue.text


@pytest.mark.parametrize("markdown, expected", [
    ("Talks *may* fail.\n\n    This may be code.\n", ["Talks *may* fail."]),
    ("1. Talks may fail.\n\n    They may resume later.\n", ["Talks may fail.", "They may resume later."]),  # list continuation
    ("Intro.\n\n```\nmay\n\nStill code.\n", ["Intro."]),  # an unclosed fence runs to the end
    ("Use ``a `may` b`` here.", ["Use ``a `may` b`` here."]),
    ("A | B may\n---|---\n1 | 2\n\nAfter the table.", ["After the table."]),
    ("Setext Title\n============\nBody text here.", ["Setext Title", "Body text here."]),
    ("[ref]: http://example.com/may\n\nText.", ["Text."]),
    ("5 * 3 is snake_case maths.", ["5 * 3 is snake_case maths."]),
])
def test_markdown_blocks(rules_analyzer, markdown, expected):
    report = rules_analyzer.analyze(markdown, markdown=True)
    headline = [report.headline.text] if report.headline else []
    assert headline + [s.text for s in report.sentences] == expected


def test_prose_without_markdown_syntax_scores_as_text(rules_analyzer, seed_text):
    as_text = rules_analyzer.analyze(seed_text).to_dict()
    as_markdown = rules_analyzer.analyze(seed_text, markdown=True).to_dict()
    assert as_markdown == as_text


@pytest.mark.parametrize("text", [
    "".join("`" * k + "a " for k in range(1, 1200)),  # 1,199 backtick runs that never close
    "<pre " * 30_000, "![a " * 30_000, "[a](b " * 20_000,
    "a | b\n|--" + " " * 100_000 + "x\n", "# a" + " " * 100_000 + "x\n",
])
def test_blanking_takes_linear_time(text):
    import time

    start = time.perf_counter()
    assert len(blank_non_prose(text)) == len(text)
    assert time.perf_counter() - start < 2  # about 0.1 s; the first backtick case took 35 s with a regex


def test_top_cues_count_a_phrase_by_its_words_not_its_marks(rules_analyzer):
    """'may be', '*may* be' and '**may** be' are one phrase in the top cues, and a link target
    inside a cue is not part of it; the cue spans still show the file's own text."""
    text = "# Title\n\nBody **may** be wrong. It *may* be so. It may be.\n\n[Analysts](https://x.org/a) say it fails.\n"
    report = rules_analyzer.analyze(text, markdown=True)
    top = {(c.dimension, c.cue): c.count for c in report.top_cues}
    assert top[("speculation", "may be")] == 3
    assert ("attribution", "analysts say") in top
    assert {c.text for s in report.sentences for c in s.cues if c.dimension == "speculation"} == {"may** be", "may* be", "may be"}


def test_markdown_with_no_prose_is_an_error_not_an_empty_report(rules_analyzer, tmp_path):
    """Only front matter or only code is nothing to score, like an empty .txt: an error in
    report, an error row in batch (it was an 'ok' report of 0 sentences and 0.0 figures)."""
    import json

    from click.testing import CliRunner

    from hedgeometer.cli import main
    from hedgeometer.errors import InputError

    with pytest.raises(InputError, match="no prose to score"):
        rules_analyzer.analyze("---\ntitle: x\n---\n", id="fm.md", markdown=True)
    page = tmp_path / "code.md"
    page.write_text("```\nx = 'may'\n```\n")
    result = CliRunner().invoke(main, ["report", str(page), "--no-model"])
    assert result.exit_code == 1 and "no prose to score" in result.output and "Traceback" not in result.output
    rows = tmp_path / "rows.jsonl"
    CliRunner().invoke(main, ["batch", str(page), "-o", str(rows), "--no-model", "--jobs", "1"])
    row = json.loads(rows.read_text())
    assert row["status"] == "error" and row["error"].startswith("no prose to score") and row["sentences"] is None
