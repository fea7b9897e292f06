"""The compiled scanner (hedgeometer/text/_scan.pyx) gives the results of the pure-Python one
(hedgeometer/text/scan.py) on the corpus, the seed and generated text, function by function and
through the whole analyzer.

The compiled side is skipped when the extension is not built, except under
``HEDGEOMETER_REQUIRE_COMPILED=1`` (set by CI), where a missing build fails.
"""

from __future__ import annotations

import json
import random
import sys

from hypothesis import given, settings, strategies as st

from hedgeometer import Analyzer
from hedgeometer.text import scan, scanner
from hedgeometer.learning.corpus import load_corpus
from hedgeometer.text.segment import _tokenizer, split_sentences

from conftest import ROOT


def corpus_texts() -> list[str]:
    return [example.text for example in load_corpus([ROOT / "corpus"])]


def seed_texts() -> list[str]:
    return [(ROOT / "seeds" / "damascus-talks.txt").read_text("utf-8"),
            (ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt").read_text("utf-8")]


# Pieces that make tokens and Punkt's decisions differ: abbreviations, initials, numbers,
# hyphens and apostrophes at a word's edge, underscores, quotes and brackets, odd spaces
# (\x1c-\x1f are space to Python's re but not to nltk's), letters that lowercase to more letters.
PIECES = ["Gen.", "Dr.", "U.S.", "Inc.", "J.", "No. 5", "e.g.", "3.5", "1990.", "2019. The", "2019. and",
          "12-3.", "covid-19.", "Gen-x.", "x.", "é.", "Ⓐ.", "ǅx.", "it.", "him.)", "said.", "Talks", "the",
          "isn't", "Moscow’s", "far-reaching", "-x", "x-", "'quoted'", "’", "don’t-", "a__b", "_", "__init__",
          "snake_case", "(", ")", '"', "“", "”", "‘", "?", "!", "?!", "...", ". . .", "--", "—", ",", ";", ":",
          "\n", "\n\n", "\t", "\xa0", "\x1c", "\x1f", "\x85", "\u2028", "\u200d", "İstanbul", "ΣΑΣ.", "ß", "ﬁ",
          "١٢٣.", "²", "Ⅻ.", "x" * 300, "." * 40, " " * 50]
PIECE_TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map(" ".join)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
SOME_TEXT = PIECE_TEXT | ANY_TEXT | st.text(alphabet="aA1_-'’. !?\n\"”)(", max_size=120) | st.just("")


def generated_texts(count: int, seed: int = 14):
    """Corpus sentences cut, shuffled and joined with the pieces above."""
    lines = corpus_texts()
    rng = random.Random(seed)
    for _ in range(count):
        words = " ".join(rng.sample(lines, rng.randint(1, 6))).split(" ")
        for _ in range(rng.randint(0, 6)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(PIECES))
        yield rng.choice([" ", "\n", "", "\t"]).join(words)


def all_texts() -> list[str]:
    return seed_texts() + corpus_texts() + list(generated_texts(3000))


# --- function by function ---------------------------------------------------------------------

def assert_same_scan(compiled_scan, text: str) -> None:
    whole = [(0, len(text))]
    assert compiled_scan.find_tokens(text, whole) == scan.find_tokens(text, whole)
    lowered = text.lower().replace("’", "'")
    spans = [(s.start, s.end) for s in split_sentences(text)]
    if len(lowered) == len(text):
        tokens, bounds = scan.find_tokens(lowered, spans)
        assert compiled_scan.find_tokens(lowered, spans) == (tokens, bounds)
        for (start, end), (first, last) in zip(spans, bounds):
            assert compiled_scan.token_starts(lowered[start:end], tokens[first:last]) == \
                scan.token_starts(lowered[start:end], tokens[first:last])
    tokens = scan.find_tokens(text, whole)[0]
    assert compiled_scan.token_starts(text, tokens) == scan.token_starts(text, tokens)
    known = {token: k for k, token in enumerate(dict.fromkeys(tokens[::2]))}
    assert compiled_scan.type_ids(known, tokens).tolist() == scan.type_ids(known, tokens).tolist()
    punkt = _tokenizer()
    for collocation_starts in (punkt._collocation_starts, punkt._collocation_starts | {"##number##", "gen"}):
        arguments = (text, punkt._abbreviations, collocation_starts, punkt._breaks)
        assert compiled_scan.punkt_spans(*arguments) == scan.punkt_spans(*arguments)


def test_both_scanners_agree_on_the_corpus_the_seed_and_generated_texts(compiled):
    for text in all_texts():
        assert_same_scan(compiled, text)


@settings(max_examples=600, deadline=None)
@given(SOME_TEXT)
def test_both_scanners_agree_on_any_text(compiled, text):
    assert_same_scan(compiled, text)


PREVIOUS = ["1990", "12-3", "٣", "1-", "-1", "Gen", "gen", "x", "é", "co-gen", "x-gen", "covid-19", "U.S", "it",
            "snake_case", "a--b", "Ⓐ", "", "İ"]
FOLLOWING = [None, "The", "and", "x", "x.y", "a?", "b!", "ǅx", "5", "(", "\x1c\x1f", "\x1cA", "É", "ß"]


def assert_same_decision(compiled_scan, previous, mark, following, number_collocation):
    punkt = _tokenizer()
    starts = punkt._collocation_starts | ({"##number##"} if number_collocation else set())
    assert compiled_scan.decide_plain(previous, mark, following, punkt._abbreviations, starts) == \
        scan.decide_plain(previous, mark, following, punkt._abbreviations, starts), (previous, mark, following)


def test_both_scanners_decide_plain_breaks_alike(compiled):
    for previous in PREVIOUS:
        for mark in ".?!":
            for following in FOLLOWING:
                for number_collocation in (False, True):
                    assert_same_decision(compiled, previous, mark, following, number_collocation)


@settings(max_examples=600, deadline=None)
@given(previous=st.sampled_from(PREVIOUS) | st.text(alphabet="aZ1é٣-_.'", max_size=8) | PIECE_TEXT,
       mark=st.sampled_from(".?!"), following=st.sampled_from(FOLLOWING) | st.text(min_size=1, max_size=8),
       number_collocation=st.booleans())
def test_both_scanners_decide_plain_breaks_alike_on_any_word(compiled, previous, mark, following, number_collocation):
    assert_same_decision(compiled, previous, mark, following, number_collocation)


def test_tokens_of_the_pure_scanner_are_the_pattern_matches():
    # the reference itself, beside the patterns it documents
    text = "Moscow’s far-reaching plan__x, isn't it? -5 “yes”"
    assert scan.find_tokens(text, [(0, len(text))])[0] == scan.TOKEN.findall(text)
    assert scan.find_tokens(text, [(0, 9), (9, len(text))]) == (
        ["Moscow’s"] + scan.TOKEN.findall(text[9:]), [(0, 1), (1, 1 + len(scan.TOKEN.findall(text[9:])))])


# --- through the analyzer ---------------------------------------------------------------------

def reports_on(core: str, analyzer: Analyzer, texts: list[str]) -> list[dict]:
    default = scanner.CORE
    scanner.use(core)
    try:
        found = [analyzer.analyze(text).to_dict() for text in texts]
        found += [s.to_dict() for s in analyzer.score_sentences(texts[:200])]
    finally:
        scanner.use(default)
    for report in found:
        if "produced_by" in report:
            assert report["produced_by"].pop("core") == core
    return found


def test_both_cores_give_the_same_reports(compiled):
    texts = seed_texts() + list(generated_texts(150, seed=7))
    analyzer = Analyzer(readability=False)
    assert reports_on("compiled", analyzer, texts) == reports_on("python", analyzer, texts)


def test_identical_hashes_ignore_the_core():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from identical import without_core
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    report = json.loads(json.dumps(Analyzer(model=None, readability=False).analyze("It may rain.").to_dict()))
    assert "core" not in without_core(report)["produced_by"]
    assert {k: v for k, v in without_core(report).items() if k != "produced_by"} == \
        {k: v for k, v in report.items() if k != "produced_by"}
