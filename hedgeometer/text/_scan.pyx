# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled twin of :mod:`hedgeometer.text.scan`: the same functions with the same results,
walking the characters in C instead of running regular expressions and Python loops.

Character classes are those of Python's ``re`` for ``str`` patterns: ``\\w`` is
``Py_UNICODE_ISALNUM`` or ``_``, ``\\s`` is ``Py_UNICODE_ISSPACE``, ``\\d`` is
``Py_UNICODE_ISDECIMAL`` (which ``Py_UCS4.isalnum()``, ``.isspace()`` and ``.isdecimal()`` compile
to). ``tests/test_scan.py`` checks every function against the pure-Python one; a change here is
made there too, and ``SCAN_VERSION`` raised in both.
"""

import numpy as np

from cpython.dict cimport PyDict_GetItem
from cpython.object cimport PyObject

from .scan import REALIGNMENT

SCAN_VERSION = 1


# --- tokens -----------------------------------------------------------------------------------

cdef inline bint _joiner(Py_UCS4 c):
    return c == u"-" or c == u"'" or c == u"\u2019"


def find_tokens(str text, spans):
    """The tokens of each ``(start, end)`` span of ``text`` laid end to end, and each span's
    ``(first, last)`` slice of them."""
    cdef list tokens = []
    cdef list bounds = []
    cdef Py_ssize_t start, end, i, j, first
    cdef Py_UCS4 c
    for start, end in spans:
        first = len(tokens)
        i = start
        while i < end:
            c = text[i]
            if c.isalnum():  # [^\W_]+(?:[-'’][^\W_]+)*
                j = i + 1
                while True:
                    while j < end and text[j].isalnum():
                        j += 1
                    if j + 1 < end and _joiner(text[j]) and text[j + 1].isalnum():
                        j += 2
                    else:
                        break
                tokens.append(text[i:j])
                i = j
            elif c == u"_":  # _+ (only in text with "_"; without it, \w is [^\W_])
                j = i + 1
                while j < end and text[j] == u"_":
                    j += 1
                tokens.append(text[i:j])
                i = j
            elif c.isspace():
                i += 1
            else:  # [^\w\s]
                tokens.append(text[i:i + 1])
                i += 1
        bounds.append((first, len(tokens)))
    return tokens, bounds


def token_starts(str text, list tokens):
    """Where each of ``tokens`` (the tokens of ``text``, in order, as :func:`find_tokens` finds
    them) starts in ``text``."""
    cdef list starts = []
    cdef Py_ssize_t position = 0, n = len(text)
    cdef str token
    for token in tokens:
        # only whitespace lies between tokens, and no token opens with it
        while 0 <= position < n and text[position].isspace():
            position += 1
        if not text.startswith(token, position):
            position = text.find(token, position)
        starts.append(position)
        position += len(token)
    return starts


def type_ids(dict ids, list tokens):
    """``ids[token]`` of every token as an int64 array, -1 where a token is not in ``ids``."""
    cdef Py_ssize_t n = len(tokens), k
    found = np.empty(n, dtype=np.int64)
    cdef long long[::1] out = found
    cdef PyObject* value
    for k in range(n):
        value = PyDict_GetItem(ids, tokens[k])
        out[k] = -1 if value is NULL else <long long>(<object>value)
    return found


# --- sentence breaks ----------------------------------------------------------------------------

cdef inline bint _space(Py_UCS4 c):
    """nltk's \\s: whitespace but the separators \\x1c-\\x1f."""
    return c.isspace() and not (0x1c <= c <= 0x1f)


cdef inline bint _non_word(Py_UCS4 c):
    """NON_WORD_CHARS: characters that cannot appear within words."""
    return c in u")\";}]*:@'({[“”‘’!?"


cdef inline bint _whitespace(Py_UCS4 c):
    """string.whitespace, as nltk uses."""
    return c in u" \t\n\r\x0b\x0c"


cdef bint _plain_word(str word):
    """[^\\W_]+(?:-[^\\W_]+)* matches the whole of ``word``."""
    cdef Py_ssize_t i = 0, n = len(word)
    while True:
        if i >= n or not word[i].isalnum():
            return False
        i += 1
        while i < n and word[i].isalnum():
            i += 1
        if i == n:
            return True
        if word[i] != u"-":
            return False
        i += 1


cdef bint _plain_number(str word):
    """\\d[\\d-]* matches the whole of ``word``."""
    cdef Py_ssize_t i, n = len(word)
    cdef Py_UCS4 c
    if n == 0 or not word[0].isdecimal():
        return False
    for i in range(1, n):
        c = word[i]
        if not (c.isdecimal() or c == u"-"):
            return False
    return True


cdef bint _all_space(str word):
    cdef Py_UCS4 c
    for c in word:
        if not c.isspace():
            return False
    return len(word) > 0


cdef int _decide_plain(str previous, Py_UCS4 mark, str following, frozenset abbreviations,
                       frozenset collocation_starts, bint number_collocation):
    cdef str lowered
    cdef Py_UCS4 head
    cdef Py_ssize_t dash
    if following is None or _all_space(following) or not _plain_word(previous):
        return -1
    if mark != u".":
        return 1
    lowered = previous.lower()
    if lowered not in abbreviations and _plain_number(previous):
        if not number_collocation:
            head = following[0]
            if head.isupper():
                return 1
            if head.islower() and not (u"." in following or u"?" in following or u"!" in following):
                return 0
    elif len(previous) > 1 and lowered not in abbreviations and lowered not in collocation_starts:
        dash = lowered.rfind(u"-")
        if dash < 0 or lowered[dash + 1:] not in abbreviations:
            return 1
    return -1


def decide_plain(str previous, str mark, following, frozenset abbreviations, frozenset collocation_starts):
    """Punkt's decision on a candidate break where it needs no tokens: 1 a break, 0 none, -1
    undecided (as :func:`hedgeometer.text.scan.decide_plain`)."""
    return _decide_plain(previous, mark[0], following, abbreviations, collocation_starts,
                         u"##number##" in collocation_starts)


def punkt_spans(str text, frozenset abbreviations, frozenset collocation_starts, breaks):
    """nltk's ``list(PunktSentenceTokenizer.span_tokenize(text))`` with fixed parameters:
    ``breaks(context)`` decides the candidates :func:`decide_plain` leaves undecided."""
    cdef Py_ssize_t n = len(text), i, j, k, after_end, next_start, next_end, word_start
    cdef Py_ssize_t previous_start = 0, previous_stop = 0, last_break = 0, start, stop, realign
    cdef Py_ssize_t previous_after = 0, previous_next = -1, previous_next_end = -1
    cdef bint previous_found = False
    cdef bint number_collocation = u"##number##" in collocation_starts
    cdef Py_UCS4 c
    cdef list candidates = []
    cdef list slices = []
    cdef list spans = []
    cdef int decision
    cdef str previous, following
    # 1. candidates and the word before each (nltk's _match_potential_end_contexts): a mark, then
    # a non-word character, or spaces and a token
    for i in range(n):
        c = text[i]
        if not (c == u"." or c == u"?" or c == u"!") or i + 1 >= n:
            continue
        c = text[i + 1]
        next_start = next_end = -1
        if _non_word(c):
            after_end = i + 2
        elif _space(c):
            j = i + 2
            while j < n and _space(text[j]):
                j += 1
            if j >= n:
                continue
            k = j + 1
            while k < n and not _space(text[k]):
                k += 1
            next_start, next_end, after_end = j, k, k
        else:
            continue
        j = i - 1
        while j >= previous_stop and not _whitespace(text[j]):
            j -= 1
        # nltk treats whitespace at the very start of the gap as no whitespace
        word_start = j + 1 if j > previous_stop else previous_start
        if previous_found and previous_stop <= word_start:
            candidates.append((previous_start, previous_stop, previous_after, previous_next, previous_next_end))
        previous_found = True
        previous_start, previous_stop = word_start, i
        previous_after, previous_next, previous_next_end = after_end, next_start, next_end
    if previous_found:
        candidates.append((previous_start, previous_stop, previous_after, previous_next, previous_next_end))
    # 2. slices at the candidates that are breaks (nltk's _slices_from_text)
    for word_start, i, after_end, next_start, next_end in candidates:
        previous = text[word_start:i]
        following = text[next_start:next_end] if next_start >= 0 else None
        decision = _decide_plain(previous, text[i], following, abbreviations, collocation_starts, number_collocation)
        if decision < 0:
            decision = 1 if breaks(previous + text[i:after_end]) else 0
        if decision:
            slices.append((last_break, i + 1))
            last_break = next_start if next_start >= 0 else i + 1
    slices.append((last_break, len(text.rstrip())))
    # 3. closing punctuation after a break joins the sentence it closes (_realign_boundaries)
    realign = 0
    for k in range(len(slices)):
        start, stop = slices[k]
        start += realign
        if k + 1 == len(slices):
            if start < stop:
                spans.append((start, stop))
            break
        next_start, next_end = slices[k + 1]
        found = None
        if next_start < n and text[next_start] in u"\"')]}”’":
            found = REALIGNMENT.match(text[next_start:next_end])
        if found:
            spans.append((start, next_start + len(found.group(0).rstrip())))
            realign = found.end()
        else:
            realign = 0
            if start < stop:
                spans.append((start, stop))
    return spans
