"""Tokens keeps parallel string lists instead of one object per token; check it against the
plain definition: every match of the token pattern, with its offsets, lowercased and folded."""

import re

from hypothesis import given, settings, strategies as st

from hedgeometer.model.features import feature_token, feature_tokens, is_feature_token, ngrams
from hedgeometer.text.tokens import Tokens, tokenize

PATTERN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|_+")
NEWSY = st.sampled_from(["Moscow’s", "isn't", "far-reaching", "U.S.", "3.5", "1,200", "İstanbul", "ﬁnal",
                         "STRASSE", "Straße", "covid19", "__", "—", "“", "”", ",", " ", "\n", "\t", "a", "May"])


@settings(max_examples=300, deadline=None)
@given(st.lists(NEWSY | st.text(max_size=5), max_size=30).map(" ".join), st.integers(0, 1000))
def test_tokens_are_the_pattern_matches_with_offsets(text, offset):
    tokens = Tokens(text, offset)
    expected = [(m.start() + offset, m.end() + offset, m.group()) for m in PATTERN.finditer(text)]
    assert [(t.start, t.end, t.text) for t in tokens] == expected
    assert tokens.starts() == [s for s, _, _ in expected] and tokens.ends() == [e for _, e, _ in expected]
    for token in tokens:
        assert token.lower == token.text.lower().replace("’", "'")
        assert token.is_word == token.text[0].isalnum()
        assert text[token.start - offset:token.end - offset] == token.text
    assert tokens.n_words == sum(t.is_word for t in tokens)


@settings(max_examples=200, deadline=None)
@given(st.lists(NEWSY | st.text(max_size=5), max_size=30).map(" ".join))
def test_feature_tokens_fold_digits_and_drop_commas_token_by_token(text):
    grams = [re.sub(r"\d+", "0", t.lower) for t in tokenize(text) if t.text != ","]
    assert ngrams(tokenize(text)) == grams + [f"{a} {b}" for a, b in zip(grams, grams[1:])]
    # the sentence at once is feature_token token by token, with any positions marked
    tokens = tokenize(text)
    other = frozenset(range(0, len(tokens), 3))
    for marked in (frozenset(), other):
        assert feature_tokens(tokens, marked) == [feature_token(t, k in marked) for k, t in enumerate(tokens.lower)
                                                  if is_feature_token(t)]


def test_example():
    tokens = tokenize("Moscow’s move, isn't it? 2,000!")
    assert tokens.lower == ["moscow's", "move", ",", "isn't", "it", "?", "2", ",", "000", "!"]
    assert feature_tokens(tokens) == ["moscow's", "move", "isn't", "it", "?", "0", "0", "!"]
    assert (tokens.start(3), tokens.end(3)) == (15, 20)


def test_a_cue_word_ruled_out_by_its_context_is_another_word_to_the_model():
    from hedgeometer.rules.lexicon import load_lexicons

    lexicon = load_lexicons()
    past = tokenize("As a child she could swim across the lake.")
    matches, other_sense = lexicon.find(past, past.source)
    assert matches == [] and other_sense == {4}
    assert "could:other" in feature_tokens(past, other_sense) and "could" not in feature_tokens(past, other_sense)
    assert "could" in feature_tokens(past)  # the matcher returns the positions; it writes nothing into the tokens
    hedge = tokenize("The reform could cost jobs.")
    matches, other_sense = lexicon.find(hedge, hedge.source)
    assert [m.text for m in matches] == ["could"] and not other_sense
    assert "could" in feature_tokens(hedge, other_sense)


def test_a_whole_text_tokenized_at_once_gives_each_sentence_its_own_tokens_and_offsets(seed_text):
    from hedgeometer.text.segment import split_sentences
    from hedgeometer.text.tokens import Tokens, tokenize_text

    texts = [seed_text, "a_b c_d. e__f g.", "x’s it’s don't. Tab\there\u2028and 2019-20. \x1f odd.", "İstanbul x. Σας."]
    for text in texts:
        sentences = split_sentences(text)
        found = tokenize_text(text, [(s.start, s.end) for s in sentences])
        if found is None:  # lowercasing changes the length, or a final sigma: done one by one
            assert "İ" in text or "Σ" in text
            continue
        lower, is_word, _, bounds, lowered = found
        for sentence, (first, last) in zip(sentences, bounds):
            alone = Tokens(sentence.text, sentence.start)
            made = Tokens(sentence.text, sentence.start,
                          found=(lower[first:last], is_word[first:last], lowered[sentence.start:sentence.end]))
            assert (made.lower, made.is_word, made.starts(), made.ends(), made.text) == \
                   (alone.lower, alone.is_word, alone.starts(), alone.ends(), alone.text)
            position, expected = 0, []  # each token is the next occurrence of its text
            for token in alone.lower:
                position = alone.lowered.find(token, position)
                expected.append(position + sentence.start)
                position += len(token)
            assert made.starts() == expected
