"""Sentence features for the classifier, computed with plain Python and numpy.

Two blocks, in this column order:

* **n-grams**: word unigrams and bigrams (lowercased, digit runs folded to ``0``), weighted
  tf-idf with sublinear tf and L2-normalised, exactly as scikit-learn's ``TfidfVectorizer`` does
  when given :func:`ngrams` as its analyzer (``train.py`` relies on that; a test checks it).
  :func:`term_counts` finds them; the model does the tf-idf arithmetic.
* **dense**: per dimension the lexicon evidence (cue count, summed weight, strongest weight,
  noisy-OR rule score), then a few shape features (length, digits, quotes, question, exclamation).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Mapping, Sequence

import numpy as np

from .dimensions import DIMENSIONS
from .lexicon import CueMatch
from .scoring import rule_matrix
from .tokens import Tokens

_DIGITS = re.compile(r"\d+")
_QUOTES = frozenset('"“”«»')

LEXICON_FEATURES = tuple(f"{d}:{kind}" for d in DIMENSIONS for kind in ("count", "weight_sum", "weight_max", "rule_score"))
SHAPE_FEATURES = ("shape:length", "shape:digit", "shape:quote", "shape:question", "shape:exclamation")
DENSE_FEATURES = LEXICON_FEATURES + SHAPE_FEATURES


def ngrams(tokens: Tokens) -> list[str]:
    """Unigrams and bigrams of a sentence's tokens (punctuation included, commas dropped)."""
    grams = tokens.grams
    return grams + list(map(" ".join, zip(grams, grams[1:])))


def dense_features(tokens: Tokens, matches: Sequence[CueMatch]) -> list[float]:
    """The :data:`DENSE_FEATURES` of one sentence."""
    return dense_matrix([tokens], [matches])[0].tolist()


def term_counts(token_lists: Sequence[Tokens], vocabulary: Mapping[str, int]):
    """The in-vocabulary n-grams of many sentences, flat: ``(rows, starts, columns, tf)``.

    ``rows`` lists the sentences with at least one term, ``starts[i]`` is where row ``rows[i]``
    begins in ``columns``, and ``tf`` is the sublinear term frequency ``1 + log(count)`` of each
    (row, column) pair. The tf-idf arithmetic is done on these arrays by the model.
    """
    rows: list[int] = []
    starts: list[int] = []
    columns: list[int] = []
    tf: list[float] = []
    get = vocabulary.get
    for row, tokens in enumerate(token_lists):
        found = [c for c in map(get, ngrams(tokens)) if c is not None]
        if not found:
            continue
        rows.append(row)
        starts.append(len(columns))
        if len(set(found)) == len(found):
            columns += found
            tf += [1.0] * len(found)
        else:
            counts = Counter(found)
            columns += counts
            tf += [1.0 + math.log(n) for n in counts.values()]
    return rows, starts, columns, tf


_NO_CUES = [0.0] * len(LEXICON_FEATURES)


def dense_matrix(token_lists: Sequence[Tokens], match_lists: Sequence[Sequence[CueMatch]],
                 rules: np.ndarray | None = None) -> np.ndarray:
    """The dense block for many sentences, shape (n_sentences, len(DENSE_FEATURES)).

    ``rules`` is :func:`hedgeometer.scoring.rule_matrix` of ``match_lists`` when already known.
    """
    if rules is None:
        rules = rule_matrix(match_lists)
    rows = []
    for tokens, matches, rule_row in zip(token_lists, match_lists, rules.tolist()):
        if matches:
            values = []
            for k, dimension in enumerate(DIMENSIONS):
                weights = [m.weight for m in matches if m.dimension == dimension]
                values += [min(len(weights), 3) / 3, min(sum(weights), 2.0) / 2, max(weights, default=0.0), rule_row[k]]
        else:
            values = _NO_CUES
        lower, source = tokens.lower, tokens.source
        rows.append(values + [
            min(math.log1p(tokens.n_words) / 4, 1.5),
            float(bool(_DIGITS.search(source)) and any(t[0].isdigit() for t in lower)),
            float(not _QUOTES.isdisjoint(source)),
            float(bool(lower) and lower[-1] == "?"),
            float("!" in source),
        ])
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(DENSE_FEATURES))
