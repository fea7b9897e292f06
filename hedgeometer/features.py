"""Sentence features for the classifier, computed with plain Python and numpy.

Two blocks, in this column order:

* **n-grams**: word unigrams and bigrams (lowercased, digit runs folded to ``0``), weighted
  tf-idf with sublinear tf and L2-normalised, exactly as scikit-learn's ``TfidfVectorizer`` does
  when given :func:`ngrams` as its analyzer (``train.py`` relies on that; a test checks it).
* **dense**: per dimension the lexicon evidence (cue count, summed weight, strongest weight,
  noisy-OR rule score), then a few shape features (length, digits, quotes, question, exclamation).
"""

from __future__ import annotations

import math
import re
from typing import Mapping, Sequence

import numpy as np

from .dimensions import DIMENSIONS
from .lexicon import CueMatch
from .scoring import rule_scores
from .tokens import Token

_DIGITS = re.compile(r"\d+")
_QUOTES = frozenset('"“”«»')

LEXICON_FEATURES = tuple(f"{d}:{kind}" for d in DIMENSIONS for kind in ("count", "weight_sum", "weight_max", "rule_score"))
SHAPE_FEATURES = ("shape:length", "shape:digit", "shape:quote", "shape:question", "shape:exclamation")
DENSE_FEATURES = LEXICON_FEATURES + SHAPE_FEATURES


def ngrams(tokens: Sequence[Token]) -> list[str]:
    """Unigrams and bigrams of a sentence's tokens (punctuation included, commas dropped)."""
    grams = [_DIGITS.sub("0", t.lower) for t in tokens if t.text != ","]
    return grams + [f"{a} {b}" for a, b in zip(grams, grams[1:])]


def dense_features(tokens: Sequence[Token], matches: Sequence[CueMatch]) -> list[float]:
    """The :data:`DENSE_FEATURES` of one sentence."""
    values: list[float] = []
    rules = rule_scores(matches)
    for dimension in DIMENSIONS:
        weights = [m.weight for m in matches if m.dimension == dimension]
        values += [min(len(weights), 3) / 3, min(sum(weights), 2.0) / 2, max(weights, default=0.0), rules[dimension]]
    n_words = sum(1 for t in tokens if t.is_word)
    values += [
        min(math.log1p(n_words) / 4, 1.5),
        float(any(t.text[0].isdigit() for t in tokens)),
        float(any(t.text in _QUOTES for t in tokens)),
        float(bool(tokens) and tokens[-1].text == "?"),
        float(any(t.text == "!" for t in tokens)),
    ]
    return values


def tfidf_rows(token_lists: Sequence[Sequence[Token]], vocabulary: Mapping[str, int], idf: np.ndarray):
    """Sparse tf-idf rows as (row indices, column indices, values) arrays, L2-normalised."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, tokens in enumerate(token_lists):
        counts: dict[int, int] = {}
        for gram in ngrams(tokens):
            column = vocabulary.get(gram)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            continue
        weights = [(1.0 + math.log(n)) * idf[c] for c, n in counts.items()]
        norm = math.sqrt(sum(w * w for w in weights))
        rows.extend([row] * len(counts))
        cols.extend(counts)
        vals.extend(w / norm for w in weights)
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=np.float64)


def dense_matrix(token_lists, match_lists) -> np.ndarray:
    """The dense block for many sentences, shape (n_sentences, len(DENSE_FEATURES))."""
    if not token_lists:
        return np.zeros((0, len(DENSE_FEATURES)))
    return np.asarray([dense_features(t, m) for t, m in zip(token_lists, match_lists)], dtype=np.float64)
