"""Real pages: page furniture is not scored, captions and embedded posts stand apart."""

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from hedgeometer import Analyzer
from hedgeometer.text.boilerplate import blank_boilerplate, is_boilerplate, is_standalone
from hedgeometer.cli import main
from hedgeometer.text.segment import split_sentences

from conftest import ROOT

# A news page copied as text, as a reader would paste it: furniture and a caption on lines of
# their own, none ending in a full stop. Written for the test.
PAGE = """Talks on the Brink in Damascus

SPONSORED
By Jane Doe
Published: 3 March 2024
Russian and Syrian officials met in Damascus on Monday, the ministry said. The talks may resume next week, sources said.
A man walks past a damaged building in Damascus Photograph: Omar Sanadiki/Reuters
Advertisement
The delegation undoubtedly wants a deal, analysts say. Negotiators left the hall at noon.
The talks have collapsed, a source tells me pic.twitter.com/abc123
— Jane Doe (@janedoe) March 3, 2024
Read more: Why the talks matter
Officials are expected to meet again in Geneva, the ministry said.
"""

PROSE = [
    "Russian and Syrian officials met in Damascus on Monday, the ministry said.",
    "The talks may resume next week, sources said.",
    "A man walks past a damaged building in Damascus Photograph: Omar Sanadiki/Reuters",
    "The delegation undoubtedly wants a deal, analysts say.",
    "Negotiators left the hall at noon.",
    "The talks have collapsed, a source tells me pic.twitter.com/abc123",
    "Officials are expected to meet again in Geneva, the ministry said.",
]

HTML_PAGE = """<!DOCTYPE html><html><head><title>Talks</title></head><body>
<article>
<h1>Talks on the Brink in Damascus</h1>
<p class="kicker">SPONSORED</p>
<p>Russian and Syrian officials met in Damascus on Monday, the ministry said. The talks may resume next week, sources said.</p>
<p>Advertisement</p>
<p>The delegation undoubtedly wants a deal, analysts say. Negotiators left the hall at noon.</p>
<blockquote class="twitter-tweet"><p lang="en">The talks have collapsed, a source tells me pic.twitter.com/abc123</p>&mdash; Jane Doe (@janedoe) <a href="https://twitter.com/x">March 3, 2024</a></blockquote>
<p>Read more: Why the talks matter</p>
<p>Officials are expected to meet again in Geneva, the ministry said.</p>
</article></body></html>
"""


def test_furniture_is_not_scored_and_captions_stand_apart(rules_analyzer):
    report = rules_analyzer.analyze(PAGE)
    assert report.headline.text == "Talks on the Brink in Damascus"
    assert [s.text for s in report.sentences] == PROSE
    assert all(PAGE[s.start:s.end] == s.text for s in report.sentences)
    assert report.sources["unnamed"] == 2  # "sources said", "analysts say"; no byline counted


def test_boilerplate_keep_scores_each_furniture_line_as_its_own_sentence():
    report = Analyzer(model=None, boilerplate="keep").analyze(PAGE)
    texts = [s.text for s in report.sentences]
    assert texts[:4] == ["SPONSORED", "By Jane Doe", "Published: 3 March 2024", PROSE[0]]
    assert "Advertisement" in texts and "— Jane Doe (@janedoe) March 3, 2024" in texts
    assert not any("\n" in t for t in texts), "a line of its own never runs into the next"


def test_html_pages_lose_their_furniture_too(tmp_path):
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(page), "-f", "json", "--no-model"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    texts = [s["text"] for s in data["sentences"]]
    assert data["headline"]["text"] == "Talks on the Brink in Damascus"
    assert texts == [t for t in PROSE if "Photograph" not in t]
    assert data["produced_by"]["segmentation"] == {"boilerplate": "skip"}


def test_a_text_of_furniture_alone_is_a_clear_error(tmp_path):
    article = tmp_path / "ad.txt"
    article.write_text("ADVERTISEMENT\nRead more: Why the talks matter\n")
    result = CliRunner().invoke(main, ["report", str(article), "--no-model"])
    assert result.exit_code == 1 and "no prose to score" in result.output and "--boilerplate keep" in result.output
    kept = CliRunner().invoke(main, ["report", str(article), "--no-model", "--boilerplate", "keep"])
    assert kept.exit_code == 0


@pytest.mark.parametrize("line", [
    "SPONSORED", "Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Read more: Why it matters",
    "RELATED: The talks", "Photo: Reuters", "Photograph: Omar Sanadiki/Reuters", "Image source, Getty Images",
    "Dibyangshu Sarkar/AFP/Getty Images", "(Reuters photo: Giorgio Perottino)", "© 2024 Reuters", "By Jane Doe",
    "By Jane Doe and John Roe", "Published: 3 March 2024", "Updated 10:15 GMT", "— Jane Doe (@janedoe) March 3, 2024",
    "A post shared by Jane (@jane)", "Share this article", "Email *",
])
def test_furniture_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "The talks collapsed on Monday.", "posted a loss of 3 million dollars", "source, who asked not to be named, said",
    "more - than ever", "the minister told Reuters", "By Monday the talks had failed.", "The vote was 5/3, AP reported.",
    "Read the statement in full.", "Share prices fell 3 per cent.", "Updated figures show a fall.",
    "Analysis of the vote shows a split.", "Photographs of the meeting were released on Monday.",
])
def test_prose_lines_are_not_furniture(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "A man walks past a damaged building in Damascus Photograph: Omar Sanadiki/Reuters",
    "Protesters in Beirut on Monday. (Photo: AFP)", "Image caption, Protesters gather outside parliament",
    "Smoke rises over Aleppo on Sunday | Getty Images", "The talks have collapsed pic.twitter.com/abc123",
])
def test_caption_and_post_lines_stand_apart(line):
    assert is_standalone(line) and not is_boilerplate(line)
    text = f"Officials met on Monday\n{line}\nThe talks resumed later"
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[0] == "Officials met on Monday" and sentences[-1] == "The talks resumed later"
    assert " ".join(sentences[1:-1]) == line


def test_hard_wrapped_prose_stays_one_sentence():
    text = "The company said on Monday that it\nposted a loss, a source, who asked not to be\nnamed, said."
    assert [s.text for s in Analyzer(model=None).analyze(text).sentences] == [text]


def test_no_line_of_the_corpus_is_furniture():
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                assert not any(is_boilerplate(part) for part in text.split("\n")), (path.name, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["SPONSORED", "Advertisement", "By Jane Doe", "Photo: AP", "Talks resumed.",
                                 "It may rain", "Caption: a man", "x pic.twitter.com/a", "\r", "", "  "])
                | st.text(max_size=30), max_size=12).map("\n".join))
def test_blanking_keeps_length_and_sentences_tile_the_prose(text):
    prose = blank_boilerplate(text)
    assert len(prose) == len(text) and all(p == t or p == " " for p, t in zip(prose, text))
    position = 0
    for sentence in split_sentences(text, prose):
        assert prose[position:sentence.start].strip() == ""
        assert text[sentence.start:sentence.end] == sentence.text
        position = sentence.end
    assert prose[position:].strip() == ""


def test_the_seeds_read_as_before():
    for name in ("damascus-talks.txt", "rewrites/damascus-talks-calm.txt"):
        seed = (ROOT / "seeds" / name).read_text("utf-8")
        assert blank_boilerplate(seed) == seed
