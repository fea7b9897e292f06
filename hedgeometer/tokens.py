"""Word tokens with character offsets, shared by the lexicon matcher and the model features."""

from __future__ import annotations

import re
from typing import NamedTuple

# A word is letters/digits with inner hyphens or apostrophes ("far-reaching", "isn't",
# "Moscow’s"); every other non-space character is a one-character punctuation token.
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|_+", re.UNICODE)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str  # lowercase, curly apostrophe folded to "'"
    is_word: bool


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokenize ``text``; offsets are shifted by ``offset`` (a sentence's start in its article).

    >>> [t.lower for t in tokenize("Moscow’s move, isn't it?")]
    ["moscow's", 'move', ',', "isn't", 'it', '?']
    """
    lowered = text.lower().replace("’", "'")
    make = tuple.__new__  # skips namedtuple's Python-level __new__: tokenizing is the hot path
    if len(lowered) == len(text):
        return [make(Token, (a + offset, b + offset, text[a:b], lowered[a:b], text[a].isalnum()))
                for a, b in map(_span, _TOKEN.finditer(text))]
    # Rare: lowercasing changed the length (e.g. "İ"), so lowercase token by token.
    return [make(Token, (a + offset, b + offset, text[a:b], text[a:b].lower().replace("’", "'"), text[a].isalnum()))
            for a, b in map(_span, _TOKEN.finditer(text))]


_span = re.Match.span


def words(text: str) -> list[str]:
    """Lowercased word tokens only (no punctuation), for counting and features."""
    return [t.lower for t in tokenize(text) if t.is_word]
