"""The classifier's features (hedgeometer.model.features), worked out by hand on one sentence:
its n-grams, their counts against a vocabulary, and the dense block."""

import math

import numpy as np
import pytest

from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.model.features import DENSE_FEATURES, SHAPE_FEATURES, TermIndex, dense_matrix, ngrams, term_counts
from hedgeometer.rules.cues import CueMatch
from hedgeometer.text.tokens import Tokens, tokenize

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


# Sentences that set each shape feature, and the cases at its edges: a digit that is no digit
# run ("²"), quotation marks of other languages, "?" not last, no token at all.
SHAPED = ['He said: "No."', "Really?", "Stop! Now.", "It cost 2,000 dollars.", "x² rose sharply.",
          "« Non », dit-il ?", "Why? Because.", "", "?!", "A 3.5% rise — why?", "İstanbul grew in 2024!",
          "“Could it collapse?” she asked.", "As a child she could swim."]


def test_the_training_and_scoring_paths_give_the_same_features(analyzer, seed_text):
    """The features of training (dense_matrix and term_counts, sentence by sentence) are those
    of scoring (scoring.core.features_chunk, from a chunk's token-type table), on every corpus
    sentence, the shaped ones above and the seed article tokenized whole: n-gram counts and the
    dense block, every shape feature included."""
    from hedgeometer.learning.corpus import corpus_files, load_corpus
    from hedgeometer.scoring.core import Chunk, TextTokens, TypeTable, features_chunk, match_chunk
    from hedgeometer.rules.rule_scores import rule_matrix
    from hedgeometer.text.segment import Sentence, split_sentences

    from conftest import ROOT

    lexicon, model = analyzer.loaded_lexicon, analyzer.loaded_model
    texts = [e.text for e in load_corpus(corpus_files([ROOT / "corpus"]))] + SHAPED
    table = TypeTable(lexicon, model.term_index)
    chunk = Chunk(table)
    chunk.add(TextTokens.apart(table, [Sentence(k, 0, len(t), t) for k, t in enumerate(texts)]), None,
              [False] * len(texts), True)
    for whole in (seed_text, "İstanbul grew. Σας 2024?"):  # tokenized at once, and the one-by-one way
        sentences = split_sentences(whole)
        chunk.add(TextTokens(table, whole, sentences), None, [False] * len(sentences), True)
    chunk.close()
    match_lists, other_senses = match_chunk(lexicon, chunk)
    terms, dense = features_chunk(model, chunk, match_lists, other_senses, rule_matrix(match_lists))

    token_lists = [Tokens(s.text, s.start) for s in chunk.sentences]
    found = [lexicon.find(tokens, s.text, s.start) for tokens, s in zip(token_lists, chunk.sentences)]
    assert [matches for matches, _ in found] == match_lists and [other for _, other in found] == other_senses
    assert np.array_equal(dense, dense_matrix(token_lists, match_lists))
    expected = model.term_counts(token_lists, other_senses)
    assert all(np.array_equal(a, b) for a, b in zip(terms, expected))
    shapes = dense[:, len(DENSE_FEATURES) - len(SHAPE_FEATURES) + 1:]
    assert shapes.any(axis=0).all() and not shapes.all(axis=0).any()  # each shape is met, and missed
