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
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        first = word[0]
        is_word = first.isalnum()
        lower = word.lower()
        if "’" in lower:
            lower = lower.replace("’", "'")
        tokens.append(Token(match.start() + offset, match.end() + offset, word, lower, is_word))
    return tokens


def words(text: str) -> list[str]:
    """Lowercased word tokens only (no punctuation), for counting and features."""
    return [t.lower for t in tokenize(text) if t.is_word]
