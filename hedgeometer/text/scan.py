"""The per-character and per-token loops of tokenizing and segmenting, in pure Python: the
reference, and the fallback when the compiled twin (``_scan.pyx``) is not built.

Callers import these functions through :mod:`hedgeometer.text.scanner`, which picks the compiled
twin when it is importable (``HEDGEOMETER_PURE_PYTHON=1`` forces this module). Both give the
same results, checked by ``tests/test_scan.py`` on the corpus, the seed and generated text; so a
change here must be made in ``_scan.pyx`` too, and :data:`SCAN_VERSION` raised in both (the
scanner only uses a compiled twin of the same version).

Here the loops are regular expressions run by ``re`` (its C engine), which is the fastest
pure-Python form; the twin walks the characters itself and decides the common sentence break
without leaving C.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import sub

import numpy as np

SCAN_VERSION = 1

# --- tokens -----------------------------------------------------------------------------------
# A word is letters/digits with inner hyphens or apostrophes ("far-reaching", "isn't",
# "Moscow’s"); every other non-space character is a one-character punctuation token.
TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|_+", re.UNICODE)
# The same tokens for text without "_" (nearly all text), where [^\W_] is just \w: faster.
TOKEN_NO_UNDERSCORE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
# Each token with the whitespace before it (only whitespace lies between tokens).
_SPACED = {pattern: re.compile(rf"\s*(?:{pattern.pattern})", re.UNICODE) for pattern in (TOKEN, TOKEN_NO_UNDERSCORE)}


def find_tokens(text: str, spans) -> tuple[list[str], list[tuple[int, int]]]:
    """The tokens of each ``(start, end)`` span of ``text`` laid end to end, and each span's
    ``(first, last)`` slice of them."""
    findall = (TOKEN if "_" in text else TOKEN_NO_UNDERSCORE).findall
    tokens: list[str] = []
    bounds = []
    for start, end in spans:
        first = len(tokens)
        tokens += findall(text, start, end)  # (no anchors or lookarounds: as findall of the slice)
        bounds.append((first, len(tokens)))
    return tokens, bounds


def token_starts(text: str, tokens: list[str]) -> list[int]:
    """Where each of ``tokens`` (the tokens of ``text``, in order, as :func:`find_tokens` finds
    them) starts in ``text``."""
    # Only whitespace lies between tokens: each token with the whitespace before it, and the
    # running sum of their lengths is every token's end (all at C speed)
    spaced = _SPACED[TOKEN if "_" in text else TOKEN_NO_UNDERSCORE].findall(text)
    if len(spaced) == len(tokens):
        return list(map(sub, accumulate(map(len, spaced)), map(len, tokens)))
    # Each token is the next occurrence of its text.
    starts, position = [], 0
    for token in tokens:
        position = text.find(token, position)
        starts.append(position)
        position += len(token)
    return starts


def type_ids(ids: dict, tokens: list[str]) -> np.ndarray:
    """``ids[token]`` of every token as an int64 array, -1 where a token is not in ``ids``."""
    return np.fromiter(map(ids.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))


# --- sentence breaks: Punkt's language rules, nltk's English ones plus curly quotes -------------
# A closing ” or ’ after the full stop stays with the sentence it closes and never starts a
# word. nltk compiles these with the third-party ``regex`` engine, whose \s leaves out the
# separators \x1c-\x1f that the standard engine counts as space, so \s and \S are spelled out.
SPACE, NON_SPACE = r"[^\S\x1c-\x1f]", r"[\S\x1c-\x1f]"
NON_WORD_CHARS = r"(?:[)\";}\]\*:@\'\({\[“”‘’!?])"  # characters that cannot appear within words
# closing punctuation after a break that belongs to the sentence before (standard engine)
BOUNDARY_REALIGNMENT = r"[\"\')\]}”’]+?(?:\s+|(?=--)|$)"

CANDIDATE = re.compile(  # a possible sentence end and what follows it
    rf"[.?!](?=(?P<after_tok>{NON_WORD_CHARS}|{SPACE}+(?P<next_tok>{NON_SPACE}+)))")
REALIGNMENT = re.compile(BOUNDARY_REALIGNMENT, re.MULTILINE)
# A candidate break whose previous word is letters and digits (inner hyphens allowed) needs none
# of the token machinery to decide (see decide_plain). Such a word is a number to Punkt when it
# is digits and hyphens only.
_PLAIN_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_PLAIN_NUMBER = re.compile(r"\d[\d-]*")
_WHITESPACE = frozenset(" \t\n\r\x0b\x0c")  # string.whitespace, as nltk uses
CLOSERS = frozenset("\"')]}”’")  # what BOUNDARY_REALIGNMENT can start with


def decide_plain(previous: str, mark: str, following: str | None, abbreviations: frozenset,
                 collocation_starts: frozenset) -> int:
    """Punkt's decision on a candidate break ``previous`` + ``mark`` before the token
    ``following`` (None when a non-word character follows the mark at once), where it needs no
    tokens: 1 a break, 0 none, -1 undecided (then Punkt's token passes decide; see
    ``hedgeometer.text.segment._Punkt``)."""
    # (Punkt strips lines with str.strip, so a "token" of \x1c-\x1f separators is no token)
    if following and not following.isspace() and _PLAIN_WORD.fullmatch(previous):
        if mark != ".":
            return 1  # "!" and "?" are tokens of their own, and always break
        lowered = previous.lower()
        if lowered not in abbreviations and _PLAIN_NUMBER.fullmatch(previous):
            # a number: with no orthographic statistics shipped, Punkt breaks before a
            # capitalised word and not before a lowercase one ("in 2019. The" / "in 2019. and");
            # it also breaks when the next chunk holds a break of its own ("him.)")
            if "##number##" not in collocation_starts:
                if following[0].isupper():
                    return 1
                if following[0].islower() and not any(m in following for m in ".?!"):
                    return 0
        elif len(previous) > 1 and lowered not in abbreviations and lowered.rsplit("-", 1)[-1] not in abbreviations \
                and lowered not in collocation_starts:
            return 1  # a word (one letter would be an initial), not an abbreviation
    return -1


def punkt_spans(text: str, abbreviations: frozenset, collocation_starts: frozenset, breaks) -> list[tuple[int, int]]:
    """nltk's ``list(PunktSentenceTokenizer.span_tokenize(text))`` with fixed parameters, in
    one loop: ``breaks(context)`` decides the candidates :func:`decide_plain` leaves undecided.

    nltk chains three generators (candidate contexts, slices, boundary realignment) and builds a
    context string per candidate; this is the same logic, step for step, without them.
    ``tests/test_segment.py`` checks it against ``span_tokenize``.
    """
    # 1. candidates and the word before each (nltk's _match_potential_end_contexts)
    candidates = []
    previous_match, previous_start, previous_stop = None, 0, 0
    for match in CANDIDATE.finditer(text):
        match_start = match.start()
        i = match_start - 1
        while i >= previous_stop and text[i] not in _WHITESPACE:
            i -= 1
        # nltk treats whitespace at the very start of the gap as no whitespace
        word_start = i + 1 if i > previous_stop else previous_start
        if previous_match is not None and previous_stop <= word_start:
            candidates.append((previous_match, previous_start, previous_stop))
        previous_match, previous_start, previous_stop = match, word_start, match_start
    if previous_match is not None:
        candidates.append((previous_match, previous_start, previous_stop))
    # 2. slices at the candidates that are breaks (nltk's _slices_from_text)
    slices = []
    last_break = 0
    for match, word_start, word_stop in candidates:
        previous, mark, following = text[word_start:word_stop], match.group(), match.group("next_tok")
        decision = decide_plain(previous, mark, following, abbreviations, collocation_starts)
        if decision < 0:
            decision = breaks(previous + mark + match.group("after_tok"))
        if decision:
            slices.append((last_break, match.end()))
            last_break = match.start("next_tok") if following else match.end()
    slices.append((last_break, len(text.rstrip())))
    # 3. closing punctuation after a break joins the sentence it closes (_realign_boundaries)
    spans = []
    realign = 0
    for k, (start, stop) in enumerate(slices):
        start += realign
        if k + 1 == len(slices):
            if start < stop:
                spans.append((start, stop))
            break
        next_start, next_stop = slices[k + 1]
        found = REALIGNMENT.match(text[next_start:next_stop]) if text[next_start:next_start + 1] in CLOSERS else None
        if found:
            spans.append((start, next_start + len(found.group(0).rstrip())))
            realign = found.end()
        else:
            realign = 0
            if start < stop:
                spans.append((start, stop))
    return spans
