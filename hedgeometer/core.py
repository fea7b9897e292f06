"""The batch-oriented core: score a chunk of sentences (an article's, or many articles') as arrays.

Per sentence, Python does only what needs it: the cue matcher at the tokens where a cue can
open (found with numpy over the whole chunk), the source finder on sentences with a reporting
verb, and one :class:`~hedgeometer.scoring.SentenceScore` each. Tokens are found once per text;
the model's features (n-grams, word counts, digits, quotes) are counted over the whole chunk.
The results are exactly those of scoring each sentence on its own (``benchmarks/identical.py``).
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import Sequence

import numpy as np

from .features import count_terms, dense_block
from .segment import Sentence
from .sources import REPORTING_VERBS, SourceMention, find_sources
from .tokens import _DIGITS, Tokens, tokenize_text

_QUOTE = re.compile('["“”«»]')
_EXCLAMATION = re.compile("!")
_FIRST_CHARACTER = itemgetter(0)


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a chunk is scored.

    Scoring makes tens of thousands of small containers (token lists, cue matches, score
    dicts), none of them in a reference cycle, so reference counting frees them all; but each
    allocation burst also sets off the cyclic collector, whose passes over every live object
    cost a fifth of the time when a caller keeps many reports. It is switched back on after
    (if it was on), also when scoring fails."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class TextTokens:
    """The tokens of some sentences laid end to end: ``lower``, ``is_word``, and where each
    sentence's tokens end (``bounds``); a sentence's :class:`Tokens` is :meth:`of`.

    Made for the sentences of one text (``source``, which their offsets index: its tokens are
    found in one pass), or with :meth:`apart` for sentences that are each a text of their own."""

    __slots__ = ("source", "sentences", "lower", "is_word", "bounds", "_tokens", "_starts", "_spans", "_lowered")

    def __init__(self, source: str | None, sentences: Sequence[Sentence], made: list[Tokens] | None = None):
        self.source = source
        self.sentences = sentences
        self._lowered = None
        if made is None and sentences:
            found = tokenize_text(source, [(s.start, s.end) for s in sentences])
            if found is not None:
                self.lower, self.is_word, self._starts, self._spans, self._lowered = found
                self._tokens = [None] * len(sentences)
                self.bounds = np.array([last for _, last in self._spans], dtype=np.int64)
                return
            made = [Tokens(source[s.start:s.end], s.start) for s in sentences]  # the rare text done one by one
        made = made or []
        self._tokens = made
        self.lower = list(chain.from_iterable(t.lower for t in made))
        self.is_word = list(chain.from_iterable(t.is_word for t in made))
        self.bounds = np.cumsum([len(t.lower) for t in made], dtype=np.int64)

    @classmethod
    def apart(cls, sentences: Sequence[Sentence]) -> "TextTokens":
        """Sentences that are texts of their own (offsets from 0)."""
        return cls(None, sentences, [Tokens(s.text, 0) for s in sentences])

    def of(self, k: int) -> Tokens:
        """The :class:`Tokens` of sentence ``k`` (made on first use)."""
        tokens = self._tokens[k]
        if tokens is None:
            sentence = self.sentences[k]
            start, end = sentence.start, sentence.end
            first, last = self._spans[k]
            tokens = self._tokens[k] = Tokens._from_parts(
                self.source[start:end], start, self.lower[first:last], self.is_word[first:last],
                self._lowered[start:end], (self._starts, first, last))
        return tokens

    def lowered(self) -> str:
        """The lowercased text (or sentences, a space apart), for a substring test."""
        if self._lowered is not None:
            return self._lowered
        return " ".join(t.lowered for t in self._tokens)

    def marks(self, pattern: re.Pattern) -> list[bool]:
        """Whether each sentence holds a match of ``pattern``: found once in the whole text."""
        if self.source is None:
            return [pattern.search(t.source) is not None for t in self._tokens]
        at = [m.start() for m in pattern.finditer(self.source)]
        if not at:
            return [False] * len(self.sentences)
        found = np.asarray(at)
        starts = np.searchsorted(found, [s.start for s in self.sentences])
        ends = np.searchsorted(found, [s.end for s in self.sentences])
        return (ends > starts).tolist()


class Chunk:
    """Sentences to score together, text by text: each text's :class:`TextTokens`, and per
    sentence its voice map (or None), whether to look for sources in it, and whether its text
    holds a prefix cue's stem."""

    def __init__(self):
        self.texts: list[TextTokens] = []
        self.sentences: list[Sentence] = []
        self.voice_maps: list = []
        self.sources: list[bool] = []
        self.prefixes: list[bool] = []

    def add(self, text: TextTokens, voice_map, sources: Sequence[bool], prefixes: bool) -> None:
        self.texts.append(text)
        self.sentences.extend(text.sentences)
        self.voice_maps.extend([voice_map] * len(text.sentences))
        self.sources.extend(sources)
        self.prefixes.extend([prefixes] * len(text.sentences))

    def tokens(self) -> list[Tokens]:
        return [text.of(k) for text in self.texts for k in range(len(text.sentences))]


def match_chunk(lexicon, chunk: Chunk):
    """Cue matches and other-sense positions of every sentence of ``chunk``, the matcher run
    only on sentences with a token where a cue can open, at those tokens."""
    n = len(chunk.sentences)
    match_lists: list[list] = [[] for _ in range(n)]
    other_senses: list[frozenset] = [frozenset()] * n
    row = 0
    for text in chunk.texts:
        count = len(text.sentences)
        if not text.lower:
            row += count
            continue
        sizes = np.diff(text.bounds, prepend=0)
        ends = np.repeat(text.bounds, sizes)
        with_prefixes = chunk.prefixes[row] if count else False
        openers = np.flatnonzero(lexicon.openers(text.lower, ends, with_prefixes))
        if len(openers):
            sentence_of = np.searchsorted(text.bounds, openers, side="right")
            firsts = text.bounds - sizes
            local = (openers - firsts[sentence_of]).tolist()
            edges = np.flatnonzero(np.r_[True, sentence_of[1:] != sentence_of[:-1], True]).tolist()
            for a, b in zip(edges, edges[1:]):
                k = int(sentence_of[a])
                sentence = text.sentences[k]
                matches, other = lexicon.find(text.of(k), sentence.text, sentence.start, with_prefixes, local[a:b])
                match_lists[row + k] = matches
                other_senses[row + k] = other
        row += count
    return match_lists, other_senses


def sources_chunk(chunk: Chunk, match_lists) -> list[list[SourceMention]]:
    """Source mentions per sentence: unnamed ones from attribution cues, named ones looked for
    only in sentences with a reporting verb."""
    found = []
    row = 0
    verbs = REPORTING_VERBS.__contains__
    for text in chunk.texts:
        count = len(text.sentences)
        if count:
            with_verb = np.concatenate(([0], np.cumsum(np.fromiter(map(verbs, text.lower), dtype=np.int64,
                                                                   count=len(text.lower)))))
            ends = text.bounds
            has_verb = (with_verb[ends] > with_verb[ends - np.diff(ends, prepend=0)]).tolist()
        for k in range(count):
            matches = match_lists[row]
            if not chunk.sources[row]:
                found.append([])
            elif has_verb[k]:
                sentence = text.sentences[k]
                found.append(find_sources(text.of(k), matches, sentence.text, sentence.start))
            else:
                found.append([SourceMention("unnamed", c.text, c.start, c.end) for c in matches
                              if c.dimension == "attribution"] if matches else [])
            row += 1
    return found


def word_counts(chunk: Chunk) -> list[int]:
    counts = []
    for text in chunk.texts:
        totals = np.concatenate(([0], np.cumsum(text.is_word, dtype=np.int64)))
        ends = text.bounds
        counts.extend((totals[ends] - totals[ends - np.diff(ends, prepend=0)]).tolist())
    return counts


def features_chunk(model, chunk: Chunk, match_lists, other_senses, rules, n_words):
    """The model's inputs for every sentence of ``chunk``: its n-gram counts (``(rows, columns,
    tf)``, as :meth:`hedgeometer.model.LinearModel.term_counts`) and its dense block."""
    grams: list[str] = []
    sizes: list[int] = []
    digit, quote, question, exclamation = [], [], [], []
    row = 0
    for text in chunk.texts:
        sentences = text.sentences
        lower = text.lower
        # digit runs folded to 0 (no token holds a space, so fold the space-joined tokens)
        joined = " ".join(lower)
        folded = _DIGITS.sub("0", joined).split(" ") if lower and _DIGITS.search(joined) else list(lower)
        start = 0
        for k, end in enumerate(text.bounds.tolist()):
            other = other_senses[row + k]
            if other:
                for position in other:
                    folded[start + position] += ":other"
            start = end
        keep = [token != "," for token in folded]
        grams.extend(compress(folded, keep))
        kept = np.concatenate(([0], np.cumsum(keep, dtype=np.int64)))
        sizes.extend(np.diff(kept[text.bounds], prepend=0).tolist() if len(sentences) else [])
        has_digit = text.marks(_DIGITS)
        opens_digit = list(map(str.isdigit, map(_FIRST_CHARACTER, lower)))
        start = 0
        for k, end in enumerate(text.bounds.tolist()):
            digit.append(has_digit[k] and any(opens_digit[start:end]))
            question.append(end > start and lower[end - 1] == "?")
            start = end
        quote.extend(text.marks(_QUOTE))
        exclamation.extend(text.marks(_EXCLAMATION))
        row += len(sentences)
    row_of = np.repeat(np.arange(len(sizes)), sizes)
    terms = count_terms(grams, row_of, model._terms)
    dense = dense_block(match_lists, rules, n_words, digit, quote, question, exclamation)
    return terms, dense
