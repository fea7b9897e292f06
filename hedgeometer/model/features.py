"""Sentence features for the classifier, computed with plain Python and numpy.

Two blocks, in this column order:

* **n-grams**: word unigrams and bigrams (lowercased, digit runs folded to ``0``, a cue word
  that a context guard ruled out written ``word:other``, so "could" of past ability is not the
  hedge "could" to the model), weighted
  tf-idf with sublinear tf and L2-normalised, exactly as scikit-learn's ``TfidfVectorizer`` does
  when given :func:`ngrams` as its analyzer (``train.py`` relies on that; a test checks it).
  :func:`term_counts` finds them; the model does the tf-idf arithmetic.
* **dense**: per dimension the lexicon evidence (cue count, summed weight, strongest weight,
  noisy-OR rule score), then a few shape features (length, digits, quotes, question, exclamation).
"""

from __future__ import annotations

import re
from functools import reduce
from itertools import chain, compress, repeat
from operator import or_
from typing import Mapping, Sequence

import numpy as np

from ..dimensions import DIMENSIONS
from ..rules.cues import CueMatch
from ..rules.rule_scores import CueTable, cue_table, rule_matrix
from ..text.tokens import Tokens

LEXICON_FEATURES = tuple(f"{d}:{kind}" for d in DIMENSIONS for kind in ("count", "weight_sum", "weight_max", "rule_score"))
SHAPE_FEATURES = ("shape:length", "shape:digit", "shape:quote", "shape:question", "shape:exclamation")
DENSE_FEATURES = LEXICON_FEATURES + SHAPE_FEATURES

# --- the feature spelling of a token: the one home of it (scoring.core spells through it too) ---

DIGITS = re.compile(r"\d+")  # a run of digits, folded to "0": "2024" and "1999" are one n-gram
OTHER_SENSE = ":other"  # the mark of a cue word a context guard ruled out
DROPPED = ","  # the one token the model does not read


def feature_token(lower: str, other: bool = False) -> str:
    """How the model spells the token ``lower`` (lowercase, as :attr:`Tokens.lower` has it):
    digit runs folded to ``0``, and with ``other`` (a cue word a context guard ruled out, as
    :meth:`hedgeometer.rules.lexicon.Lexicon.find` says) marked ``:other``, so the model does not
    read "could" of past ability as the hedge "could".

    >>> feature_token("covid19"), feature_token("could", other=True)
    ('covid0', 'could:other')
    """
    spelled = DIGITS.sub("0", lower) if DIGITS.search(lower) is not None else lower
    return spelled + OTHER_SENSE if other else spelled


def is_feature_token(lower: str) -> bool:
    """Whether the model reads the token ``lower`` at all (commas it does not)."""
    return lower != DROPPED


def feature_tokens(tokens: Tokens, other_sense=()) -> list[str]:
    """A sentence's feature tokens: ``[feature_token(t, k in other_sense) for k, t in
    enumerate(tokens.lower) if is_feature_token(t)]`` (``other_sense``: the positions a context
    guard ruled out), done in a few C-level passes."""
    lower = tokens.lower
    if DIGITS.search(tokens.source):
        # digit runs lie inside word tokens and no token holds a space, so fold them in
        # the space-joined tokens and split again: the token boundaries stay put
        lower = DIGITS.sub("0", " ".join(lower)).split(" ")
    if other_sense:
        lower = [t + OTHER_SENSE if k in other_sense and t != DROPPED else t for k, t in enumerate(lower)]
    return list(filter(DROPPED.__ne__, lower)) if DROPPED in lower else lower


# --- the shape features: the one definition of what each tests (scoring.core reads it too) ---

QUOTE_MARKS = frozenset('"“”«»')  # the quote shape feature's characters (each is a token of its own)
# What a token type shows toward the shape features, as bits (see token_shape); flags of other
# kinds kept beside them (scoring.core's) use bits from SHAPE_BITS up.
OPENS_DIGIT, HOLDS_DIGIT, QUOTE, QUESTION, EXCLAMATION = (1 << k for k in range(5))
SHAPE_BITS = 5


def token_shape(lower: str) -> int:
    """The shape bits of the token ``lower`` (lowercase, not empty): it opens with a digit,
    it holds a digit run (``\\d``: "²" opens with a digit to ``str.isdigit`` but is no run),
    it is a quotation mark, a "?", a "!"."""
    bits = OPENS_DIGIT if lower[0].isdigit() else 0
    if DIGITS.search(lower) is not None:
        bits |= HOLDS_DIGIT
    if lower in QUOTE_MARKS:
        bits |= QUOTE
    elif lower == "?":
        bits |= QUESTION
    elif lower == "!":
        bits |= EXCLAMATION
    return bits


def sentence_shapes(token_lists: Sequence[Tokens]) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence, the :func:`token_shape` bits of its tokens or-ed together, and those of
    its last token (0 for a sentence without one): what :func:`shape_columns` reads."""
    shapes = {}
    for tokens in token_lists:
        shapes.update(dict.fromkeys(tokens.lower))
    shapes = dict(zip(shapes, map(token_shape, shapes)))
    get = shapes.__getitem__
    n = len(token_lists)
    any_bits = np.fromiter((reduce(or_, map(get, t.lower), 0) for t in token_lists), dtype=np.int64, count=n)
    last_bits = np.fromiter((get(t.lower[-1]) if t.lower else 0 for t in token_lists), dtype=np.int64, count=n)
    return any_bits, last_bits


def shape_columns(any_bits: np.ndarray, last_bits: np.ndarray):
    """The four yes/no shape features per sentence, from its tokens' shape bits or-ed together
    (``any_bits``) and its last token's (``last_bits``), as arrays: a digit (a token opening
    with a digit, and a digit run somewhere), a quotation mark, a final "?", a "!"."""
    digit = (any_bits & (OPENS_DIGIT | HOLDS_DIGIT)) == (OPENS_DIGIT | HOLDS_DIGIT)
    quote = (any_bits & QUOTE) != 0
    question = (last_bits & QUESTION) != 0
    exclamation = (any_bits & EXCLAMATION) != 0
    return digit, quote, question, exclamation


def ngrams(tokens: Tokens, other_sense=()) -> list[str]:
    """Unigrams and bigrams of a sentence's tokens (punctuation included, commas dropped; the
    positions ``other_sense`` a context guard ruled out spelled ``word:other``)."""
    return gram_pairs(feature_tokens(tokens, other_sense))


def gram_pairs(grams: list[str]) -> list[str]:
    """The unigrams ``grams`` (feature tokens, see :func:`feature_tokens`) and their bigrams."""
    return grams + list(map(" ".join, zip(grams, grams[1:])))


class TermIndex:
    """A vocabulary of unigrams and bigrams (``"a b"``) arranged for vectorized lookup.

    Every word gets an integer id (``words``); a word's unigram column is ``unigram_column[id]``
    (-1 when only bigrams use it) and a bigram is found by its code ``left_id * n_words +
    right_id`` in the sorted ``bigram_codes``. So scoring looks each token up once in a dict,
    and pairs them up in numpy: no bigram string or tuple is built per token.
    """

    def __init__(self, vocabulary: Mapping[str, int]):
        # built with few Python steps per term: a model has tens of thousands of terms, and
        # loading it is part of every command's start-up
        terms = list(vocabulary)
        columns = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(terms))
        spaced = np.fromiter(map(str.__contains__, terms, repeat(" ")), dtype=bool, count=len(terms))
        unigrams = list(compress(terms, ~spaced))
        bigrams = list(compress(terms, spaced))
        halves = " ".join(bigrams).split(" ") if bigrams else []
        if len(halves) != 2 * len(bigrams):
            raise ValueError("a vocabulary term has more than one space (terms are unigrams and bigrams)")
        self.words: dict[str, int] = dict(zip(unigrams, range(len(unigrams))))
        words = self.words
        for word in dict.fromkeys(halves):  # words only bigrams use, in order of first use
            if word not in words:
                words[word] = len(words)
        n_words = len(words)
        self.unigram_column = np.full(n_words + 1, -1, dtype=np.int64)  # last slot: unknown word
        self.unigram_column[: len(unigrams)] = columns[~spaced]
        ids = np.fromiter(map(words.__getitem__, halves), dtype=np.int64, count=len(halves))
        codes = ids[0::2] * n_words + ids[1::2]
        order = np.argsort(codes, kind="stable")
        self.bigram_codes = codes[order]
        # the codes with a last one above any real code, so a search never runs off the end
        self.bigram_codes_ended = np.append(self.bigram_codes, np.iinfo(np.int64).max)
        self.bigram_column = columns[spaced][order]
        self.width = len(vocabulary)


def term_counts(token_lists: Sequence[Tokens], index: TermIndex, other_senses: Sequence | None = None):
    """The in-vocabulary n-grams of many sentences as arrays ``(rows, columns, tf)``.

    One entry per distinct (sentence, term), sorted by sentence; ``tf`` is the sublinear term
    frequency ``1 + log(count)``. The same terms as :func:`ngrams` finds, looked up for all
    sentences at once. The tf-idf arithmetic is done on these arrays by the model.
    ``other_senses`` gives per sentence the token positions a context guard ruled out (as
    :meth:`hedgeometer.rules.lexicon.Lexicon.find` returns them).
    """
    if other_senses is None:
        gram_lists = list(map(feature_tokens, token_lists))
    else:
        gram_lists = list(map(feature_tokens, token_lists, other_senses))
    grams = list(chain.from_iterable(gram_lists))
    row_of = np.repeat(np.arange(len(token_lists)), list(map(len, gram_lists)))
    return count_terms(grams, row_of, index)


def count_terms(grams: Sequence[str], row_of: np.ndarray, index: TermIndex):
    """:func:`term_counts` of the feature tokens ``grams`` of many sentences laid end to end,
    ``row_of`` giving each one's sentence (in order)."""
    n_words = len(index.words)
    return count_ids(np.fromiter(map(index.words.get, grams, repeat(n_words)), dtype=np.int64, count=len(grams)),
                     row_of, index)


def count_ids(ids: np.ndarray, row_of: np.ndarray, index: TermIndex):
    """:func:`count_terms` of feature tokens given by their word ids in ``index`` (its number
    of words for a word it lacks)."""
    n_words, width = len(index.words), index.width
    if not len(ids):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    unigrams = index.unigram_column[ids]
    found = [(row_of * width + unigrams)[unigrams >= 0]]
    # bigrams: neighbouring known words of one sentence, looked up by code in the sorted codes
    known = ids < n_words
    pairs = known[:-1] & known[1:] & (row_of[:-1] == row_of[1:])
    codes = ids[:-1][pairs] * n_words + ids[1:][pairs]
    pair_rows = row_of[:-1][pairs]
    n_rows = int(row_of[-1]) + 1
    if n_words * n_words * n_rows < 1 << 62:
        # looked up in code order (each sentence in the low digits), the search walks the big
        # table of codes forward instead of jumping about it: several times faster
        packed = codes * n_rows + pair_rows
        packed.sort()
        codes, pair_rows = np.divmod(packed, n_rows)
    slots = index.bigram_codes_ended.searchsorted(codes)
    hit = index.bigram_codes_ended[slots] == codes
    found.append(pair_rows[hit] * width + index.bigram_column[slots[hit]])
    # one entry per (sentence, term) with its count: sorted, runs of equal keys
    keys = np.concatenate(found)
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = first.nonzero()[0]
    counts = np.empty_like(starts)  # np.diff(starts, append=len(keys)), without its Python-level steps
    counts[:-1] = starts[1:] - starts[:-1]
    counts[-1:] = len(keys) - starts[-1:]
    rows, columns = np.divmod(keys[starts], width)
    return rows, columns, 1.0 + np.log(counts)


def dense_matrix(token_lists: Sequence[Tokens], match_lists: Sequence[Sequence[CueMatch]],
                 rules: np.ndarray | None = None) -> np.ndarray:
    """The dense block for many sentences, shape (n_sentences, len(DENSE_FEATURES)).

    ``rules`` is :func:`hedgeometer.rules.rule_scores.rule_matrix` of ``match_lists`` when already known.
    """
    n = len(token_lists)
    if not n:
        return np.zeros((0, len(DENSE_FEATURES)))
    if rules is None:
        rules = rule_matrix(match_lists)
    n_words = np.fromiter((sum(t.is_word) for t in token_lists), dtype=np.float64, count=n)
    return dense_block(match_lists, rules, n_words, *sentence_shapes(token_lists))


def dense_block(match_lists: Sequence[Sequence[CueMatch]], rules: np.ndarray, n_words, any_bits, last_bits,
                cues: CueTable | None = None) -> np.ndarray:
    """The dense block from its parts, per sentence: cue matches, rule scores, word count, and
    the shape bits of its tokens or-ed together and of its last token (see
    :func:`shape_columns`; ``cues``: the matches' :func:`~hedgeometer.rules.rule_scores.cue_table`,
    when known)."""
    n = len(match_lists)
    n_dims = len(DIMENSIONS)
    dense = np.zeros((n, len(DENSE_FEATURES)))
    if not n:
        return dense
    if cues is None:
        cues = cue_table(match_lists)
    # lexicon block: per dimension cue count, summed weight, strongest weight, rule score
    flat = cues.rows * n_dims + cues.columns
    sums = np.bincount(flat, weights=cues.weights, minlength=n * n_dims).reshape(n, n_dims)  # in match order
    strongest = np.zeros((n, n_dims))
    np.maximum.at(strongest, (cues.rows, cues.columns), cues.weights)
    lexicon = dense[:, : 4 * n_dims]
    lexicon[:, 0::4] = np.minimum(cues.counts, 3) / 3
    lexicon[:, 1::4] = np.minimum(sums, 2.0) / 2
    lexicon[:, 2::4] = strongest
    lexicon[:, 3::4] = rules
    # shape block
    shape = 4 * n_dims
    dense[:, shape] = np.minimum(np.log1p(np.asarray(n_words, dtype=np.float64)) / 4, 1.5)
    for k, column in enumerate(shape_columns(any_bits, last_bits), shape + 1):
        dense[:, k] = column
    return dense
