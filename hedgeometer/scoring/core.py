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

from ..model.features import SHAPE_BITS, count_ids, dense_block, feature_token, is_feature_token, token_shape
from ..text.segment import Sentence
from ..rules.sources import REPORTING_VERBS, SourceMention, find_sources
from ..text import scanner
from ..text.tokens import Tokens, tokenize_text

# what a type is, as bits of TypeTable.flags: the low bits are its shape (model.features.token_shape),
# these above them (DROPPED: not a feature token, see model.features.is_feature_token)
WORD_BIT = SHAPE_BITS
WORD, DROPPED, VERB, SINGLE_CUE, PREFIX = (1 << k for k in range(WORD_BIT, WORD_BIT + 5))
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
        if n and np.minimum.reduce(found) < 0:
            missing = (found < 0).nonzero()[0].tolist()
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
        prefixes = self._lexicon.prefix_stems
        cue_get, cue_size, single = self._cue_words.get, self.cue_size, self._lexicon.opener_singles()
        words = self._index.words.get if self._index is not None else None
        flags, cues, word_ids = [], [], []
        for token in types:
            bits = token_shape(token)
            if token[0].isalnum():
                bits |= WORD
            if not is_feature_token(token):
                bits |= DROPPED
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
                word_ids.append(words(feature_token(token), self.word_size))
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
            tokens = self._tokens[k] = Tokens(self.source[start:end], start, found=(
                self.lower[first:last], self._is_word[first:last], self._lowered[start:end]))
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
        (its number of tokens), ``ends`` and ``firsts`` (its slice), ``any_flags`` (the flags of
        its tokens or-ed together) and ``words`` (its number of word tokens)."""
        texts = self.texts
        if len(texts) == 1:  # one article: nothing to lay end to end
            text = texts[0]
            self.lower, self.types = text.lower, text.types
            self.ends = text.bounds
        else:
            self.lower = list(chain.from_iterable(text.lower for text in texts))
            self.types = np.concatenate([text.types for text in texts]) if texts else np.zeros(0, dtype=np.int64)
            shifts = np.cumsum([0] + [len(text.lower) for text in texts[:-1]])
            self.ends = (np.concatenate([text.bounds + shift for text, shift in zip(texts, shifts.tolist())])
                         if texts else np.zeros(0, dtype=np.int64))
        self.flags = flags = self.table.flags[self.types]
        self.sizes = self.ends.copy()  # np.diff(ends, prepend=0), without its Python-level steps
        self.sizes[1:] -= self.ends[:-1]
        self.firsts = self.ends - self.sizes
        # per sentence, over its tokens, in two reductions for the whole chunk (an empty
        # sentence, from score_sentences, has no token and none of the flags)
        n = len(self.sizes)
        if n and len(flags) and np.minimum.reduce(self.sizes) > 0:
            self.any_flags = np.bitwise_or.reduceat(flags, self.firsts)
            self.words = np.add.reduceat(flags & WORD, self.firsts) >> WORD_BIT
        else:
            self.any_flags = np.zeros(n, dtype=np.int64)
            self.words = np.zeros(n, dtype=np.int64)
            kept = self.sizes.nonzero()[0]
            if len(kept):
                self.any_flags[kept] = np.bitwise_or.reduceat(flags, self.firsts[kept])
                self.words[kept] = np.add.reduceat(flags & WORD, self.firsts[kept]) >> WORD_BIT

    def having(self, bits: int) -> np.ndarray:
        """Whether each sentence has a token with any of ``bits``."""
        return (self.any_flags & bits) != 0


def match_chunk(lexicon, chunk: Chunk):
    """Cue matches and other-sense positions of every sentence of ``chunk``, the matcher run
    only on sentences with a token where a cue can open, at those tokens."""
    n = len(chunk.sentences)
    match_lists: list[list] = [[] for _ in range(n)]
    other_senses: list[frozenset] = [frozenset()] * n
    if not len(chunk.types):
        return match_lists, other_senses
    # (array methods, not np.* functions: numpy's Python-level wrappers cost more than the work here)
    prefixes = np.asarray(chunk.prefixes, dtype=bool).repeat(chunk.sizes)
    openers = lexicon.openers_of(chunk.table.cue[chunk.types], (chunk.flags & SINGLE_CUE) != 0,
                                 chunk.ends.repeat(chunk.sizes), prefixes & ((chunk.flags & PREFIX) != 0)).nonzero()[0]
    if not len(openers):
        return match_lists, other_senses
    sentence_of = chunk.ends.searchsorted(openers, side="right")
    local = (openers - chunk.firsts[sentence_of]).tolist()
    # the openers of one sentence lie together: where the sentence changes, a new group starts
    change = np.empty(len(sentence_of) + 1, dtype=bool)
    change[0] = change[-1] = True
    np.not_equal(sentence_of[1:], sentence_of[:-1], out=change[1:-1])
    edges = change.nonzero()[0].tolist()
    rows = sentence_of[edges[:-1]].tolist()
    # prefix cues are tried only in sentences with a word that opens with a stem
    stems = ((chunk.any_flags & PREFIX) != 0).tolist()
    for row, a, b in zip(rows, edges, edges[1:]):
        text, k = chunk.place[row]
        sentence = chunk.sentences[row]
        match_lists[row], other_senses[row] = lexicon.find(text.of(k), sentence.text, sentence.start,
                                                           chunk.prefixes[row] and stems[row], local[a:b])
    return match_lists, other_senses


def sources_chunk(chunk: Chunk, match_lists) -> list[list[SourceMention]]:
    """Source mentions per sentence: unnamed ones from attribution cues, named ones looked for
    only in sentences with a reporting verb."""
    found = []
    has_verb = chunk.having(VERB).tolist()
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
    return chunk.words.tolist()


def features_chunk(model, chunk: Chunk, match_lists, other_senses, rules, cues=None):
    """The model's inputs for every sentence of ``chunk``: its n-gram counts (``(rows, columns,
    tf)``, as :meth:`hedgeometer.model.linear.LinearModel.term_counts`) and its dense block, counted
    over all the chunk's tokens at once (``cues``: the matches' cue table, when known)."""
    index = model.term_index
    flags = chunk.flags
    # feature tokens (model.features.feature_token): ruled-out cue words marked, commas dropped
    ids = chunk.table.word[chunk.types]
    if any(other_senses):
        firsts = chunk.firsts.tolist()
        lower = chunk.lower
        index_words = index.words
        for row, other in enumerate(other_senses):
            for position in other:
                at = firsts[row] + position
                ids[at] = index_words.get(feature_token(lower[at], other=True), len(index_words))
    kept = ((flags & DROPPED) == 0).nonzero()[0]
    row_of = np.arange(len(chunk.sizes)).repeat(chunk.sizes)
    terms = count_ids(ids[kept], row_of[kept], index)
    # the shape features read the shape bits of the flags: all a sentence's tokens' or-ed
    # together, and its last token's (none for an empty sentence)
    if len(flags):
        last = flags[np.maximum(chunk.ends - 1, 0)] * (chunk.sizes > 0)
    else:
        last = np.zeros(len(chunk.sizes), dtype=np.int64)
    dense = dense_block(match_lists, rules, chunk.words, chunk.any_flags, last, cues)
    return terms, dense
