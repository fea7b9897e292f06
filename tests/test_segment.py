import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from nltk.tokenize.punkt import PunktSentenceTokenizer

from hedgeometer.segment import _tokenizer, looks_like_headline, split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gen. Smith arrived in the U.S. on Monday. Talks began.", ["Gen. Smith arrived in the U.S. on Monday.", "Talks began."]),
        ("Mr. J. R. Smith of Acme Inc. spoke in Jan. 2020. The deal fell through.",
         ["Mr. J. R. Smith of Acme Inc. spoke in Jan. 2020.", "The deal fell through."]),
        ("Dr. Lee met Prof. Kim at St. Mary's. They talked.", ["Dr. Lee met Prof. Kim at St. Mary's.", "They talked."]),
        ("She said: “It is over.” Then she left.", ["She said: “It is over.”", "Then she left."]),
        ("The vote failed. (It was close.) Work resumed.", ["The vote failed.", "(It was close.)", "Work resumed."]),
        ("Talks were held in the U.S. The officials left.", ["Talks were held in the U.S.", "The officials left."]),
        ("Is it over? Nobody knows! Perhaps.", ["Is it over?", "Nobody knows!", "Perhaps."]),
        ("No punctuation at all here", ["No punctuation at all here"]),
    ],
)
def test_splits_news_sentences(text, expected):
    assert texts(text) == expected


def test_headline_without_full_stop_is_its_own_sentence():
    text = "Russia and Syria Strengthen Ties\n\nIn a move that surprised many, talks began."
    assert texts(text) == ["Russia and Syria Strengthen Ties", "In a move that surprised many, talks began."]


def test_windows_line_endings_split_like_unix_ones():
    unix = "Minister Could Quit\n\nThe minister may resign, sources said. Talks resume.\n\n# Next\n- an item\n"
    windows = unix.replace("\n", "\r\n")
    assert texts(windows) == texts(unix) == ["Minister Could Quit", "The minister may resign, sources said.",
                                             "Talks resume.", "# Next", "- an item"]
    sentences = split_sentences(windows)
    assert looks_like_headline(windows, sentences)
    assert all(windows[s.start:s.end] == s.text for s in sentences)


def test_markdown_blocks_end_sentences():
    text = "# Title\nSome text. More text.\n- item one\n- item two"
    assert texts(text) == ["# Title", "Some text.", "More text.", "- item one", "- item two"]


def test_hard_wrapped_lines_stay_one_sentence():
    text = "The talks were\nshrouded in secrecy, officials\nsaid on Monday."
    assert texts(text) == ["The talks were\nshrouded in secrecy, officials\nsaid on Monday."]


def test_offsets_slice_the_original(seed_text):
    sentences = split_sentences(seed_text)
    assert len(sentences) == 19
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert seed_text[sentence.start:sentence.end] == sentence.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.text(alphabet="ab .!?\n\"”“()'Mr.U.S", max_size=200))
def test_sentences_tile_any_text(text):
    sentences = split_sentences(text)
    position = 0
    for sentence in sentences:
        assert sentence.start >= position, "sentences overlap or go backwards"
        assert text[position:sentence.start].strip() == "", "non-space text fell between sentences"
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        position = sentence.end
    assert text[position:].strip() == ""


# --- the fast segmentation loop must decide exactly as nltk's Punkt does --------------------

NEWSY = st.sampled_from([
    "Gen.", "Dr.", "U.S.", "Inc.", "Jan.", "St.", "J.", "R.", "No.", "vs.", "e.g.", "3.5", "1990.",
    "said.", "Talks", "the", "May", "(", ")", '"', "“", "”", "’", "'", "?", "!", "...", "..", "--",
    "—", ",", ";", ":", "\n", "\n\n", " ", "\t", "\xa0", "\x1f", "\x85", "\u2028", "it.", "him.)",
    "2019.", "12-3.", "1600s.", "9pm.", "clear-out.", "Gen-x.", "covid-19.", "and", "ǅx", "No.", "5", "2019!",
])


def _nltk_spans(text):
    # nltk's own generator chain, with the same parameters and language rules
    return list(PunktSentenceTokenizer.span_tokenize(_tokenizer(), text))


@settings(max_examples=400, deadline=None)
@given(st.lists(NEWSY | st.text(max_size=6), max_size=40).map(" ".join) | st.text(max_size=200))
def test_fast_loop_equals_nltk_punkt(text):
    assert _tokenizer().spans(text) == _nltk_spans(text)


def test_fast_loop_equals_nltk_punkt_on_the_corpus():
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    lines = [json.loads(line)["text"] for path in sorted(corpus.glob("*.jsonl"))
             for line in path.read_text("utf-8").splitlines() if line.strip()]
    for start in range(0, len(lines), 8):
        text = " ".join(lines[start:start + 8])
        assert _tokenizer().spans(text) == _nltk_spans(text), text
