"""Split an article into sentences with character offsets into the original text.

Segmentation is the Punkt algorithm (Kiss & Strunk 2006) as nltk's ``PunktSentenceTokenizer``
runs it, with parameters shipped in ``hedgeometer/data/punkt_en.json`` (abbreviations such as
U.S., Gen., Jan., Inc. and single-letter initials), so nothing is downloaded. The decisions are
made here with the standard library, so that scoring an article does not import nltk (whose
package import pulls in scipy and scikit-learn, over a second); ``tests/text/test_segment.py`` checks
every span against nltk's tokenizer with the same parameters on tens of thousands of texts.
Blank lines and Markdown block markers also end a sentence, which keeps a headline with no full
stop apart from the paragraph under it; so does a line that stands apart from the prose around it
(a photo caption, an embedded post: see :mod:`hedgeometer.text.boilerplate`), which never runs into
the next sentence.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .boilerplate import standalone_spans
from .scan import NON_SPACE, NON_WORD_CHARS, SPACE
from . import scanner


class Sentence(NamedTuple):
    """One sentence: ``text == article[start:end]``."""

    index: int
    start: int
    end: int
    text: str


# --- Punkt's language rules: nltk's English ones plus curly quotes (the rest, for the candidate
# scan, in hedgeometer.text.scan) ----------------------------------------------------------------------
_SPACE, _NON_SPACE = SPACE, NON_SPACE
WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,“”‘’]"  # characters that cannot start a word
MULTI_CHAR_PUNCT = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"  # dashes and ellipses

_MULTI = MULTI_CHAR_PUNCT.replace(r"\s", _SPACE)
_WORD_TOKEN = re.compile(  # Punkt's word tokens: full stops stay on their word, other punctuation apart
    rf"{_MULTI}"
    rf"|(?={WORD_START}){_NON_SPACE}+?(?={_SPACE}|$|{NON_WORD_CHARS}|{_MULTI}|,(?=$|{_SPACE}|{NON_WORD_CHARS}|{_MULTI}))"
    rf"|{_NON_SPACE}")
_ELLIPSIS = re.compile(r"\.\.+$")
_NUMERIC = re.compile(r"-?[.,]?\d[\d,.-]*\.?")  # a number's type is ##number##
_PUNCTUATION = frozenset(";:,.!?")  # tokens that never start a sentence

_JOINERS = frozenset("\u200c\u200d")  # word characters to the regex engine (Join_Control)

# first-pass annotations of a token
_BREAK, _ABBREVIATION, _ELLIPSIS_MARK = 1, 2, 3


def _unassigned_here(text: str) -> bool:
    """Whether ``text`` has characters this Python's Unicode data does not know, or symbols the
    regex engine counts as letters (circled letters): there, classes follow that engine."""
    return not text.isascii() and any(unicodedata.category(c) in ("Cn", "So") for c in text)


@lru_cache(maxsize=1)
def _engine_patterns():
    """The initial and number patterns compiled with the engine nltk uses, for the rare tokens
    whose character classes depend on its newer Unicode data."""
    import regex

    return regex.compile(r"[^\W\d]\.$"), regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")


def _is_initial(token: str) -> bool:
    """A letter and a full stop ("J."), letter as Punkt's ``[^\\W\\d]`` reads it."""
    if len(token) != 2 or token[1] != ".":
        return False
    c = token[0]
    if c.isascii():
        return c.isalpha() or c == "_"
    category = unicodedata.category(c)
    if category in ("Cn", "So"):
        return _engine_patterns()[0].match(token) is not None
    return category[0] in "LM" or category in ("Nl", "Pc") or c in _JOINERS


def _token_type(token: str) -> str:
    """Punkt's type: lowercase, any number ``##number##``."""
    lowered = token.lower()
    if _unassigned_here(lowered):
        return _engine_patterns()[1].sub("##number##", lowered)
    return "##number##" if _NUMERIC.fullmatch(lowered) else lowered


def _without_period(token_type: str) -> str:
    return token_type[:-1] if len(token_type) > 1 and token_type[-1] == "." else token_type


class _Punkt:
    """Punkt sentence boundaries with fixed parameters: nltk's ``span_tokenize``, decided here.

    Each candidate break ("word. Next") is decided from its context (the word before, the mark,
    and what follows) as Punkt's two annotation passes decide it: first by the token alone (a
    "?" or "!" breaks; an abbreviation does not; a full stop after another word does), then by
    the next token (the frequent sentence starters after an abbreviation, initials and numbers
    before a lowercase word or punctuation, initials before a capital). No orthographic
    statistics are shipped, so the orthographic heuristic only ever says "not a sentence start"
    (before punctuation or a lowercase word) or "unknown".

    The common candidate, after a word of letters and digits, is decided by a few lookups
    (:func:`hedgeometer.text.scan.decide_plain`); anything else tokenizes the context as Punkt does
    (:meth:`_breaks`).
    """

    def __init__(self, abbreviations, sentence_starters, collocations=()):
        self._abbreviations = frozenset(abbreviations)
        self._sentence_starters = frozenset(sentence_starters)
        self._collocations = frozenset(tuple(pair) for pair in collocations)
        self._collocation_starts = frozenset(first for first, _ in self._collocations)

    def _first_pass(self, token: str) -> int:
        """Punkt's annotation of a token by its type alone."""
        if token in (".", "?", "!"):
            return _BREAK
        if _ELLIPSIS.match(token):
            return _ELLIPSIS_MARK
        if token.endswith(".") and not token.endswith(".."):
            base = token[:-1].lower()
            if base in self._abbreviations or base.split("-")[-1] in self._abbreviations:
                return _ABBREVIATION
            return _BREAK
        return 0

    def _is_break(self, token: str, following: str) -> bool:
        """Whether ``token`` ends a sentence, given the token after it (Punkt's second pass)."""
        mark = self._first_pass(token)
        if not token.endswith("."):
            return mark == _BREAK
        kind = _without_period(_token_type(token))
        next_type = _token_type(following)
        if self._first_pass(following) == _BREAK:
            next_type = _without_period(next_type)
        initial = _is_initial(token)
        if (kind, next_type) in self._collocations:
            return False
        # with no orthographic data, a token opens a sentence "never" before punctuation or a
        # lowercase word, and "unknown" otherwise
        not_a_start = following in _PUNCTUATION or following[0].islower()
        if mark in (_ABBREVIATION, _ELLIPSIS_MARK) and not initial:
            if following[0].isupper() and next_type in self._sentence_starters:
                return True
        if initial or kind == "##number##":
            if not_a_start:
                return False
            if initial and following[0].isupper():
                return False
        return mark == _BREAK

    def _breaks(self, context: str) -> bool:
        """Whether Punkt finds a break in ``context`` with a token after it (nltk's
        ``text_contains_sentbreak``): words are found line by line, blank lines skipped."""
        tokens = [token for line in context.split("\n") if line.strip() for token in _WORD_TOKEN.findall(line)]
        return any(self._is_break(tokens[k], tokens[k + 1]) for k in range(len(tokens) - 1))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``list(span_tokenize(text))``: the candidate scan and the common decisions are
        :func:`hedgeometer.text.scan.punkt_spans` (compiled when built), the rest :meth:`_breaks`."""
        return scanner.punkt_spans(text, self._abbreviations, self._collocation_starts, self._breaks)


# A blank line, or a newline next to a Markdown block marker (heading, list item, quote),
# separates blocks; Punkt runs inside each block. "\r" counts as blank, so a file saved with
# Windows line endings ("\r\n\r\n") splits like one with "\n\n" (the text is not rewritten:
# offsets still index it as read).
_BLOCK_BREAK = re.compile(
    r"\n[ \t\r]*\n\s*"  # blank line(s)
    r"|\n(?=[ \t]*(?:#{1,6}\s|[-*+]\s|>\s|\d{1,3}[.)]\s))",  # next line opens a Markdown block
)
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}\s[^\n]*$", re.MULTILINE)


@lru_cache(maxsize=1)
def _tokenizer() -> _Punkt:
    raw = json.loads(resources.files("hedgeometer").joinpath("data/punkt_en.json").read_text("utf-8"))
    if raw.get("ortho_context"):
        raise ValueError("punkt_en.json: orthographic statistics are not supported (see _Punkt)")
    return _Punkt(raw["abbrev_types"], raw["sent_starters"], raw["collocations"])


def _blocks(text: str, prose: str):
    """Yield ``(start, end)`` of each non-blank block of ``prose``. Blocks are cut where either
    text breaks: blanked Markdown keeps the blank lines of the file, but not its markers. A
    standalone line of ``prose`` (a caption, an embedded post) is a block of its own."""
    cuts = {0, len(text)}
    for layer in (text,) if prose is text else (text, prose):
        for match in _BLOCK_BREAK.finditer(layer):
            cuts.add(match.start())
            cuts.add(match.end())
        for match in _HEADING_LINE.finditer(layer):
            cuts.add(match.start())
            cuts.add(match.end())
    for start, end in standalone_spans(prose):
        cuts.update((start, end))
    ordered = sorted(cuts)
    for start, end in zip(ordered, ordered[1:]):
        if prose[start:end].strip():
            yield start, end


def split_sentences(text: str, prose: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences.

    Sentences come in order, never overlap, have no leading or trailing whitespace, and every
    non-whitespace character of ``prose`` lies in exactly one of them. ``prose`` is ``text``
    with what is not prose blanked (Markdown, see :mod:`hedgeometer.text.markdown`), of the same
    length: sentences are found in it, and their ``text`` is still ``text[start:end]``.

    >>> [s.text for s in split_sentences("Gen. Smith arrived in the U.S. on Monday. Talks began.")]
    ['Gen. Smith arrived in the U.S. on Monday.', 'Talks began.']
    """
    if prose is None:
        prose = text
    elif len(prose) != len(text):
        raise ValueError("prose must have the length of text, so that offsets index both")
    tokenizer = _tokenizer()
    spans = []
    for block_start, block_end in _blocks(text, prose):
        block = prose[block_start:block_end]
        for start, end in tokenizer.spans(block):
            piece = block[start:end]
            # Punkt's spans are already trimmed; this guards odd Unicode whitespace.
            stripped = piece.strip()
            if not stripped:
                continue
            start = block_start + start + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(stripped)))
    if prose is not text:
        spans = _with_glued_marks(text, prose, spans)
    return [Sentence(index, start, end, text[start:end]) for index, (start, end) in enumerate(spans)]


def _with_glued_marks(text: str, prose: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Widen each span over the blanked marks glued to its ends, so that a sentence shows
    ``**Brink**`` or ``[talks](url)`` whole, never half a pair; whitespace (after ``#``, ``-``,
    ``>``) and the next sentence stop it."""
    def blanked(i: int) -> bool:
        return prose[i] != text[i] and not text[i].isspace()

    widened, floor = [], 0
    for k, (start, end) in enumerate(spans):
        ceiling = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        while start > floor and blanked(start - 1):
            start -= 1
        while end < ceiling and blanked(end):
            end += 1
        widened.append((start, end))
        floor = end
    return widened


def looks_like_headline(text: str, sentences: list[Sentence]) -> bool:
    """True when the first sentence reads as a headline: the whole first line, followed by a
    blank line, no final full stop, and title case or short (at most 14 words)."""
    if len(sentences) < 2:
        return False
    first = sentences[0]
    line_end = text.find("\n", first.start)
    if line_end == -1 or text[first.end:line_end].strip() or text[:first.start].strip():
        return False
    if not re.match(r"\n[ \t\r]*\n", text[line_end:]):
        return False
    title = first.text.lstrip("#").strip()
    if not title or title.endswith("."):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", title)
    long_words = [w for w in words if len(w) > 3]
    title_case = bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
    return title_case or len(words) <= 14
