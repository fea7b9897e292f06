"""The batch-oriented core: score a chunk of sentences (an article's, or many articles') as arrays.

Each token type (a lowercase token string) is looked up once in a :class:`TypeTable`, which keeps
what every stage asks of a token (is it a word, a comma, a reporting verb, which cue-index word
and which model n-gram word it is, does it open with a digit...) as numpy columns; a chunk's
tokens become one array of type ids, and the stages read those columns for the whole chunk at
once. Per sentence, Python does only what needs it: the cue matcher at the tokens where a cue
can open, the source finder on sentences with a reporting verb, and one
:class:`~hedgeometer.scoring.scores.SentenceScore` each. The results are exactly those of scoring each
sentence on its own (``benchmarks/identical.py`` hashes them over the corpus).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from itertools import chain
from typing import Sequence

import numpy as np

from ..model.features import count_ids, dense_block
from ..text.segment import Sentence
from ..rules.sources import REPORTING_VERBS, SourceMention, find_sources
from ..text import scanner
from ..text.tokens import DIGITS, Tokens, tokenize_text

# what a type is, as bits of TypeTable.flags
WORD, COMMA, QUOTE, EXCLAMATION, QUESTION, OPENS_DIGIT, HAS_DIGIT, VERB, SINGLE_CUE, PREFIX = (1 << k for k in range(10))
_QUOTES = frozenset('"“”«»')  # the characters of the quote shape feature (one-character tokens)
MAX_TYPES = 200_000  # a table that grows past this starts again (memory stays bounded)


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


class TypeTable:
    """Per token type, what the stages need, computed once and kept: ``flags`` (the bits
    above), ``cue`` (the type's word id in the lexicon's cue index, see
    :meth:`~hedgeometer.rules.lexicon.Lexicon.openers`) and ``word`` (its word id in the model's
    n-gram index after digit runs are folded to 0)."""

    def __init__(self, lexicon, index=None):
        self._lexicon = lexicon
        self._index = index
        self._cue_words, self.cue_size = lexicon.opener_words()
        self.word_size = len(index.words) if index is not None else 0
        self.ids: dict[str, int] = {}
        self.flags = np.zeros(0, dtype=np.int64)
        self.cue = np.zeros(0, dtype=np.int64)
        self.word = np.zeros(0, dtype=np.int64)

    def begin(self) -> None:
        """Start a chunk: a table grown past :data:`MAX_TYPES` starts again."""
        if len(self.ids) > MAX_TYPES:
            self.ids = {}

    def lookup(self, lower: list[str]) -> np.ndarray:
        """The type id of every token of ``lower`` (new types are added)."""
        n = len(lower)
        ids = self.ids
        found = scanner.type_ids(ids, lower)
        if n and found.min() < 0:
            missing = np.flatnonzero(found < 0).tolist()
            self._add(list(dict.fromkeys(lower[i] for i in missing)))
            found[missing] = [ids[lower[i]] for i in missing]
        return found

    def _add(self, types: list[str]) -> None:
        start = len(self.ids)
        size = start + len(types)
        if size > len(self.flags):
            capacity = max(1024, 2 * size)
            for name in ("flags", "cue", "word"):
                grown = np.zeros(capacity, dtype=np.int64)
                grown[:start] = getattr(self, name)[:start]
                setattr(self, name, grown)
        prefixes = self._lexicon._prefixes
        cue_get, cue_size, single = self._cue_words.get, self.cue_size, self._lexicon.opener_singles()
        words = self._index.words.get if self._index is not None else None
        flags, cues, word_ids = [], [], []
        for token in types:
            first = token[0]
            bits = WORD if first.isalnum() else 0
            if token == ",":
                bits |= COMMA
            elif token in _QUOTES:
                bits |= QUOTE
            elif token == "!":
                bits |= EXCLAMATION
            elif token == "?":
                bits |= QUESTION
            if first.isdigit():
                bits |= OPENS_DIGIT
            digits = DIGITS.search(token) is not None
            if digits:
                bits |= HAS_DIGIT
            if token in REPORTING_VERBS:
                bits |= VERB
            cue = cue_get(token, cue_size)
            if cue < cue_size and single[cue]:
                bits |= SINGLE_CUE
            if prefixes and token.startswith(prefixes):
                bits |= PREFIX
            flags.append(bits)
            cues.append(cue)
            if words is not None:
                word_ids.append(words(DIGITS.sub("0", token) if digits else token, self.word_size))
        self.flags[start:size] = flags
        self.cue[start:size] = cues
        if words is not None:
            self.word[start:size] = word_ids
        self.ids.update(zip(types, range(start, size)))


class TextTokens:
    """The tokens of some sentences laid end to end: ``lower``, their type ids ``types`` (in a
    :class:`TypeTable`), and where each sentence's tokens end (``bounds``); a sentence's
    :class:`Tokens` is :meth:`of`, made on first use.

    Made for the sentences of one text (``source``, which their offsets index: its tokens are
    found in one pass), or with :meth:`apart` for sentences that are each a text of their own."""

    __slots__ = ("source", "sentences", "lower", "types", "bounds", "_flags", "_tokens", "_starts", "_spans",
                 "_lowered", "_is_word")

    def __init__(self, table: TypeTable, source: str | None, sentences: Sequence[Sentence],
                 made: list[Tokens] | None = None):
        self.source = source
        self.sentences = sentences
        self._lowered = None
        self._is_word = None
        if made is None and sentences:
            found = tokenize_text(source, [(s.start, s.end) for s in sentences], with_words=False)
            if found is not None:
                self.lower, _, self._starts, self._spans, self._lowered = found
                self._tokens = [None] * len(sentences)
                self.bounds = np.array([last for _, last in self._spans], dtype=np.int64)
                self._set_types(table)
                return
            made = [Tokens(source[s.start:s.end], s.start) for s in sentences]  # the rare text done one by one
        made = made or []
        self._tokens = made
        self.lower = list(chain.from_iterable(t.lower for t in made))
        self.bounds = np.cumsum([len(t.lower) for t in made], dtype=np.int64)
        self._set_types(table)

    def _set_types(self, table: TypeTable) -> None:
        self.types = table.lookup(self.lower)
        self._flags = table.flags  # the table's columns as they are now hold every type seen so far

    @classmethod
    def apart(cls, table: TypeTable, sentences: Sequence[Sentence]) -> "TextTokens":
        """Sentences that are texts of their own (offsets from 0)."""
        return cls(table, None, sentences, [Tokens(s.text, 0) for s in sentences])

    def of(self, k: int) -> Tokens:
        """The :class:`Tokens` of sentence ``k`` (made on first use)."""
        tokens = self._tokens[k]
        if tokens is None:
            if self._is_word is None:
                self._is_word = (self._flags[self.types] & WORD).astype(bool).tolist()
            sentence = self.sentences[k]
            start, end = sentence.start, sentence.end
            first, last = self._spans[k]
            tokens = self._tokens[k] = Tokens._from_parts(
                self.source[start:end], start, self.lower[first:last], self._is_word[first:last],
                self._lowered[start:end])
        return tokens

    def lowered(self) -> str:
        """The lowercased text (or sentences, a space apart), for a substring test."""
        if self._lowered is not None:
            return self._lowered
        return " ".join(t.lowered for t in self._tokens)


class Chunk:
    """Sentences to score together, text by text: each text's :class:`TextTokens`, and per
    sentence its voice map (or None), whether to look for sources in it, and whether its text
    holds a prefix cue's stem. :meth:`close` lays the tokens of all texts end to end."""

    def __init__(self, table: TypeTable):
        self.table = table
        self.texts: list[TextTokens] = []
        self.sentences: list[Sentence] = []
        self.voice_maps: list = []
        self.sources: list[bool] = []
        self.prefixes: list[bool] = []
        self.place: list[tuple[TextTokens, int]] = []  # per sentence: its text and its number there

    def add(self, text: TextTokens, voice_map, sources: Sequence[bool], prefixes: bool) -> None:
        self.texts.append(text)
        self.sentences.extend(text.sentences)
        self.voice_maps.extend([voice_map] * len(text.sentences))
        self.sources.extend(sources)
        self.prefixes.extend([prefixes] * len(text.sentences))
        self.place.extend((text, k) for k in range(len(text.sentences)))

    def close(self) -> None:
        """Lay out the chunk's tokens: ``types`` and ``flags`` per token, per sentence ``sizes``
        (its number of tokens), ``ends`` and ``firsts`` (its slice)."""
        texts = self.texts
        self.lower = list(chain.from_iterable(text.lower for text in texts))
        self.types = np.concatenate([text.types for text in texts]) if texts else np.zeros(0, dtype=np.int64)
        self.flags = self.table.flags[self.types]
        sizes = [np.diff(text.bounds, prepend=0) for text in texts if len(text.bounds)]
        self.sizes = np.concatenate(sizes).astype(np.int64) if sizes else np.zeros(0, dtype=np.int64)
        self.ends = np.cumsum(self.sizes)
        self.firsts = self.ends - self.sizes

    def per_sentence(self, bits: int) -> np.ndarray:
        """How many tokens of each sentence have any of ``bits``."""
        totals = np.concatenate(([0], np.cumsum((self.flags & bits) != 0, dtype=np.int64)))
        return totals[self.ends] - totals[self.firsts]


def match_chunk(lexicon, chunk: Chunk):
    """Cue matches and other-sense positions of every sentence of ``chunk``, the matcher run
    only on sentences with a token where a cue can open, at those tokens."""
    n = len(chunk.sentences)
    match_lists: list[list] = [[] for _ in range(n)]
    other_senses: list[frozenset] = [frozenset()] * n
    if not len(chunk.types):
        return match_lists, other_senses
    prefixes = np.repeat(np.asarray(chunk.prefixes, dtype=bool), chunk.sizes)
    openers = np.flatnonzero(lexicon.openers_of(chunk.table.cue[chunk.types], (chunk.flags & SINGLE_CUE) != 0,
                                                np.repeat(chunk.ends, chunk.sizes),
                                                prefixes & ((chunk.flags & PREFIX) != 0)))
    if not len(openers):
        return match_lists, other_senses
    sentence_of = np.searchsorted(chunk.ends, openers, side="right")
    local = (openers - chunk.firsts[sentence_of]).tolist()
    edges = np.flatnonzero(np.r_[True, sentence_of[1:] != sentence_of[:-1], True]).tolist()
    rows = sentence_of[edges[:-1]].tolist()
    for row, a, b in zip(rows, edges, edges[1:]):
        text, k = chunk.place[row]
        sentence = chunk.sentences[row]
        match_lists[row], other_senses[row] = lexicon.find(text.of(k), sentence.text, sentence.start,
                                                           chunk.prefixes[row], local[a:b])
    return match_lists, other_senses


def sources_chunk(chunk: Chunk, match_lists) -> list[list[SourceMention]]:
    """Source mentions per sentence: unnamed ones from attribution cues, named ones looked for
    only in sentences with a reporting verb."""
    found = []
    has_verb = (chunk.per_sentence(VERB) > 0).tolist()
    for row, (wanted, matches) in enumerate(zip(chunk.sources, match_lists)):
        if not wanted:
            found.append([])
        elif has_verb[row]:
            text, k = chunk.place[row]
            sentence = chunk.sentences[row]
            found.append(find_sources(text.of(k), matches, sentence.text, sentence.start))
        else:
            found.append([SourceMention("unnamed", c.text, c.start, c.end) for c in matches
                          if c.dimension == "attribution"] if matches else [])
    return found


def word_counts(chunk: Chunk) -> list[int]:
    return chunk.per_sentence(WORD).tolist()


def features_chunk(model, chunk: Chunk, match_lists, other_senses, rules, n_words):
    """The model's inputs for every sentence of ``chunk``: its n-gram counts (``(rows, columns,
    tf)``, as :meth:`hedgeometer.model.linear.LinearModel.term_counts`) and its dense block, counted
    over all the chunk's tokens at once."""
    index = model._terms
    flags = chunk.flags
    # feature tokens: digit runs folded to 0, ruled-out cue words marked, commas dropped
    ids = chunk.table.word[chunk.types]
    if any(other_senses):
        firsts = chunk.firsts.tolist()
        lower = chunk.lower
        for row, other in enumerate(other_senses):
            for position in other:
                at = firsts[row] + position
                index_words = index.words
                ids[at] = index_words.get(DIGITS.sub("0", lower[at]) + ":other", len(index_words))
    kept = (flags & COMMA) == 0
    row_of = np.repeat(np.arange(len(chunk.sizes)), chunk.sizes)
    terms = count_ids(ids[kept], row_of[kept], index)
    # shape features per sentence: a token opening with a digit (and a digit in the sentence), a
    # quotation mark, a final "?", a "!"
    digit = ((chunk.per_sentence(OPENS_DIGIT) > 0) & (chunk.per_sentence(HAS_DIGIT) > 0)).tolist()
    quote = (chunk.per_sentence(QUOTE) > 0).tolist()
    exclamation = (chunk.per_sentence(EXCLAMATION) > 0).tolist()
    last = np.maximum(chunk.ends - 1, 0)
    question = ((chunk.sizes > 0) & ((flags[last] & QUESTION) != 0)).tolist() if len(flags) else [False] * len(chunk.sizes)
    dense = dense_block(match_lists, rules, n_words, digit, quote, question, exclamation)
    return terms, dense
