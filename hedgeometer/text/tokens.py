"""Word tokens of one sentence, shared by the lexicon matcher, context guards, source finder and
model features (which spell them their own way: :func:`hedgeometer.model.features.feature_token`).

Tokenizing is the hot path of the whole analyzer, so a sentence's tokens are kept as parallel
lists of strings (made by one C-level ``findall``) rather than one object per token; character
offsets, which only matched cues and named sources need, are worked out on first use.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Iterator, NamedTuple

from .scan import TOKEN as _TOKEN
from . import scanner

_FIRST_CHARACTER = itemgetter(0)


def _find_tokens(text: str) -> list[str]:
    return scanner.find_tokens(text, ((0, len(text)),))[0]


class Token(NamedTuple):
    """One token, for code that wants an object per token (see :meth:`Tokens.__getitem__`)."""

    start: int
    end: int
    text: str
    lower: str  # lowercase, curly apostrophe folded to "'"
    is_word: bool


class Tokens:
    """The tokens of ``source``, offsets shifted by ``offset`` (a sentence's start in its article).

    ``lower[i]`` is token ``i`` lowercased with ’ folded to ', ``is_word[i]`` says whether it
    is a word (not punctuation), ``text[i]`` is its original spelling and ``start(i)``/``end(i)``
    its character offsets. Indexing gives a :class:`Token`.

    >>> tokens = tokenize("Moscow’s move, isn't it?")
    >>> tokens.lower
    ["moscow's", 'move', ',', "isn't", 'it', '?']
    >>> tokens[0]
    Token(start=0, end=8, text='Moscow’s', lower="moscow's", is_word=True)
    """

    __slots__ = ("source", "offset", "lower", "is_word", "_lowered", "_text", "_starts")

    def __init__(self, source: str, offset: int = 0, *, found: tuple | None = None):
        """``found``: the tokens when already found, ``(lower, is_word, lowered)`` (see
        :func:`tokenize_text`; ``lowered`` is ``source`` lowercased, of the same length)."""
        self.source = source
        self.offset = offset
        self._text: list[str] | None = None
        self._starts: list[int] | None = None
        if found is not None:
            self.lower, self.is_word, self._lowered = found
            return
        lowered = source.lower().replace("’", "'")
        if len(lowered) == len(source):
            lower = _find_tokens(lowered)
            self._lowered = lowered  # same offsets as ``source``
        else:
            # Rare: lowercasing changed the length (e.g. "İ"); lowercase token by token.
            lower = [t.lower().replace("’", "'") for t in _TOKEN.findall(source)]
            self._lowered = None
        self.lower: list[str] = lower
        self.is_word: list[bool] = list(map(str.isalnum, map(_FIRST_CHARACTER, lower)))

    def __len__(self) -> int:
        return len(self.lower)

    def __getitem__(self, i: int) -> Token:
        return Token(self.start(i), self.end(i), self.text[i], self.lower[i], self.is_word[i])

    def __iter__(self) -> Iterator[Token]:
        return (self[i] for i in range(len(self.lower)))

    @property
    def lowered(self) -> str:
        """The whole source lowercased, ’ folded to '."""
        return self._lowered if self._lowered is not None else self.source.lower().replace("’", "'")

    @property
    def text(self) -> list[str]:
        """Tokens as written (original case)."""
        if self._text is None:
            self._text = _find_tokens(self.source)
        return self._text

    def starts(self) -> list[int]:
        """Start offset of every token (shifted by ``offset``)."""
        offset = self.offset
        return [s + offset for s in self._offsets()] if offset else list(self._offsets())

    def ends(self) -> list[int]:
        """End offset of every token (shifted by ``offset``)."""
        offset = self.offset
        return [s + len(t) + offset for s, t in zip(self._offsets(), self._spelled())]

    def _offsets(self) -> list[int]:
        if self._starts is None:
            if self._lowered is not None:
                self._starts = scanner.token_starts(self._lowered, self.lower)
            else:
                # Each token is the next occurrence of its text.
                starts, position, find = [], 0, self.source.find
                for token in self.text:
                    position = find(token, position)
                    starts.append(position)
                    position += len(token)
                self._starts = starts
        return self._starts

    def start(self, i: int) -> int:
        return self._offsets()[i] + self.offset

    def end(self, i: int) -> int:
        return self._offsets()[i] + len(self._spelled()[i]) + self.offset

    def _spelled(self) -> list[str]:
        # tokens whose lengths are the source's (lowercase ones, unless lowercasing changed them)
        return self.lower if self._lowered is not None else self.text

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The character span of tokens ``first`` to ``last`` (shifted by ``offset``): a matched
        cue's. When the offsets are not worked out yet and the pure-Python scanner runs, the
        lowered text is walked token by token up to ``last``: only whitespace lies between
        tokens, so each is the next occurrence of its text; for one span that is cheaper than
        every offset of the sentence (the compiled scanner finds them all faster)."""
        if self._starts is None and self._lowered is not None and scanner.CORE == "python":
            lower, find = self.lower, self._lowered.find
            end = 0
            for k in range(first):
                end = find(lower[k], end) + len(lower[k])
            start = find(lower[first], end)
            end = start + len(lower[first])
            for k in range(first + 1, last + 1):
                end = find(lower[k], end) + len(lower[k])
            return start + self.offset, end + self.offset
        offsets = self._offsets()
        return offsets[first] + self.offset, offsets[last] + len(self._spelled()[last]) + self.offset

    @property
    def n_words(self) -> int:
        return sum(self.is_word)


def tokenize_text(text: str, spans, with_words: bool = True):
    """The tokens of the ``(start, end)`` spans of ``text`` (in order, apart, with only
    whitespace outside them), with the text lowercased once: ``(lower, is_word, None, bounds,
    lowered)``, the lowercase tokens and their word flags laid end to end, each span's
    ``(first, last)`` slice of them, and the lowercased text (offsets are worked out later, for
    the spans that need them). The same tokens as ``Tokens(text[start:end], start)`` gives for
    each span. None when the text needs that one-by-one way (lowercasing changes its length,
    or a final sigma, whose form depends on its neighbours). ``with_words=False`` leaves
    ``is_word`` None."""
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text) or "Σ" in text:
        return None
    lower, bounds = scanner.find_tokens(lowered, spans)
    is_word = list(map(str.isalnum, map(_FIRST_CHARACTER, lower))) if with_words else None
    return lower, is_word, None, bounds, lowered


def tokenize(text: str, offset: int = 0) -> Tokens:
    """Tokenize ``text``; offsets are shifted by ``offset`` (a sentence's start in its article)."""
    return Tokens(text, offset)
