"""The classifier's features (hedgeometer.model.features), worked out by hand on one sentence:
its n-grams, their counts against a vocabulary, and the dense block."""

import math

import numpy as np
import pytest

from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.model.features import DENSE_FEATURES, TermIndex, dense_matrix, ngrams, term_counts
from hedgeometer.rules.cues import CueMatch
from hedgeometer.text.tokens import tokenize

# 9 words ("2024" is one) and 3 punctuation marks; "may" twice.
SENTENCE = "Officials may, or may not, delay 2024 talks again?"


def test_ngrams_are_lowercased_unigrams_then_bigrams_digits_folded_commas_dropped():
    assert ngrams(tokenize(SENTENCE)) == [
        "officials", "may", "or", "may", "not", "delay", "0", "talks", "again", "?",
        "officials may", "may or", "or may", "may not", "not delay", "delay 0", "0 talks", "talks again", "again ?"]


def test_term_counts_are_sublinear_and_only_in_vocabulary():
    vocabulary = {"may": 0, "may not": 1, "0": 2, "talks again": 3, "?": 4, "unseen": 5, "again ?": 6, "not may": 7}
    rows, columns, tf = term_counts([tokenize(SENTENCE), tokenize("Unseen words only.")], TermIndex(vocabulary))
    # sentence 0 has every term but "unseen" and "not may" ("may not" is there, the other way
    # round); sentence 1 has "unseen" once (the index is lowercase)
    assert rows.tolist() == [0, 0, 0, 0, 0, 0, 1]
    assert columns.tolist() == [0, 1, 2, 3, 4, 6, 5]
    assert tf.tolist() == pytest.approx([1 + math.log(2), 1, 1, 1, 1, 1, 1])  # "may" twice: 1 + ln 2


def test_dense_block_by_hand():
    matches = [CueMatch("hedging", 10, 13, "may", "may", "modal", 0.55),
               CueMatch("hedging", 18, 25, "may not", "may not", "modal", 0.3),
               CueMatch("dramatic", 0, 9, "officials", "officials", "test", 0.9)]
    dense = dense_matrix([tokenize(SENTENCE)], [matches])
    assert dense.shape == (1, len(DENSE_FEATURES))
    row = dict(zip(DENSE_FEATURES, dense[0].tolist()))
    expected = dict.fromkeys(DENSE_FEATURES, 0.0)
    expected.update({
        "hedging:count": 2 / 3,  # count, capped at 3, over 3
        "hedging:weight_sum": 0.85 / 2,  # summed weight, capped at 2, over 2
        "hedging:weight_max": 0.55,
        "hedging:rule_score": 0.685,  # 1 - (1 - 0.55) * (1 - 0.3)
        "dramatic:count": 1 / 3,
        "dramatic:weight_sum": 0.45,
        "dramatic:weight_max": 0.9,
        "dramatic:rule_score": 0.9,
        "shape:length": math.log(1 + 9) / 4,  # log(1 + words) / 4, capped at 1.5
        "shape:digit": 1.0,  # "2024" opens with a digit
        "shape:question": 1.0,
    })
    assert row == pytest.approx(expected)


def test_dense_block_shape_flags_and_the_length_cap():
    long_text = " ".join(["word"] * 1000) + '! "Quoted."'
    dense = dense_matrix([tokenize(long_text), tokenize("No flags here.")], [[], []])
    shape = {name: dense[:, DENSE_FEATURES.index(name)].tolist() for name in DENSE_FEATURES if name.startswith("shape:")}
    assert shape["shape:length"] == [1.5, pytest.approx(math.log(4) / 4)]  # log(1001) / 4 > 1.5: capped
    assert shape["shape:exclamation"] == [1.0, 0.0] and shape["shape:quote"] == [1.0, 0.0]
    assert shape["shape:digit"] == [0.0, 0.0] and shape["shape:question"] == [0.0, 0.0]
    assert not dense[:, : 4 * len(DIMENSIONS)].any()  # no cues: the lexicon block is zero
    assert dense_matrix([], []).shape == (0, len(DENSE_FEATURES))
    assert np.array_equal(dense_matrix([tokenize("A.")], [[]]), dense_matrix([tokenize("A.")], [[]], np.zeros((1, 5))))
