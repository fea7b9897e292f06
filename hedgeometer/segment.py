"""Split an article into sentences with character offsets into the original text.

Segmentation is nltk's Punkt algorithm run with parameters shipped in
``hedgeometer/data/punkt_en.json`` (abbreviations such as U.S., Gen., Jan., Inc. and single-letter
initials), so nothing is downloaded. Blank lines and Markdown block markers also end a sentence,
which keeps a headline with no full stop apart from the paragraph under it; so does a line that
stands apart from the prose around it (a photo caption, an embedded post: see
:mod:`hedgeometer.boilerplate`), which never runs into the next sentence.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from .boilerplate import standalone_spans


class Sentence(NamedTuple):
    """One sentence: ``text == article[start:end]``."""

    index: int
    start: int
    end: int
    text: str


class _NewsLanguageVars(PunktLanguageVars):
    """Punkt's English rules, plus curly quotes: a closing ” or ’ after the full stop stays
    with the sentence it closes and never starts a word."""

    _re_word_start = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,“”‘’]"
    _re_non_word_chars = r"(?:[)\";}\]\*:@\'\({\[“”‘’!?])"
    re_boundary_realignment = re.compile(r"[\"\')\]}”’]+?(?:\s+|(?=--)|$)", re.MULTILINE)


# A candidate break whose previous word is letters and digits (inner hyphens allowed) needs none
# of Punkt's token machinery to decide (see _NewsPunkt._decide); anything else goes to Punkt's
# own annotation. Such a word is a number to Punkt when it is digits and hyphens only.
_PLAIN_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_PLAIN_NUMBER = re.compile(r"\d[\d-]*")
_WHITESPACE = frozenset(" \t\n\r\x0b\x0c")  # string.whitespace, as nltk uses
_CLOSERS = frozenset("\"')]}”’")  # what _NewsLanguageVars.re_boundary_realignment can start with


class _NewsPunkt(PunktSentenceTokenizer):
    """Punkt with a fast path for the common candidate break.

    nltk decides each candidate ("word. Next") by tokenizing and annotating its context with
    Punkt objects, which dominates the cost of segmentation. When the word before the mark is
    letters and digits, Punkt's annotation reduces to a few lookups: "!" or "?" always break; "."
    after a word breaks unless the word (or its last hyphenated part) is a known abbreviation or
    opens a known collocation; "." after a number breaks before a capital, not before a lowercase
    word (initials and ellipses are left to Punkt). ``tests/test_segment.py`` checks the shortcut
    against nltk's own decision on every candidate in the corpus and on generated text.
    """

    def __init__(self, params, lang_vars):
        super().__init__(params, lang_vars=lang_vars)
        self._abbreviations = frozenset(params.abbrev_types)
        self._collocation_starts = frozenset(first for first, _ in params.collocations)
        # nltk's candidate pattern, compiled with the standard library (3x faster here than the
        # third-party engine nltk uses; the pattern is fixed and linear, so the timeout guard nltk
        # adds for caller-supplied patterns is not needed). That engine's \s leaves out the
        # separators \x1c-\x1f, which the standard one counts as space, so spell that out.
        nltk_pattern = lang_vars.period_context_re()
        if nltk_pattern.pattern.count(r"\s+(?P<next_tok>\S+)") == 1:
            pattern = nltk_pattern.pattern.replace(r"\s+(?P<next_tok>\S+)", r"[^\S\x1c-\x1f]+(?P<next_tok>[\S\x1c-\x1f]+)")
            self._candidates = re.compile(pattern, re.UNICODE | re.VERBOSE)
        else:  # a future nltk changed the pattern: use its own engine, slower but exact
            self._candidates = nltk_pattern

    def _decide(self, match, previous: str) -> bool:
        """Is the candidate ``match`` (after the word ``previous``) a sentence break?"""
        following = match.group("next_tok")
        # (Punkt strips lines with str.strip, so a "token" of \x1c-\x1f separators is no token)
        if following and not following.isspace() and _PLAIN_WORD.fullmatch(previous):
            if match.group() != ".":
                return True  # "!" and "?" are tokens of their own, and always break
            lowered = previous.lower()
            known = self._abbreviations
            if lowered not in known and _PLAIN_NUMBER.fullmatch(previous):
                # a number: with no orthographic statistics shipped, Punkt breaks before a
                # capitalised word and not before a lowercase one ("in 2019. The" / "in 2019. and");
                # it also breaks when the next chunk holds a break of its own ("him.)")
                if "##number##" not in self._collocation_starts:
                    if following[0].isupper():
                        return True
                    if following[0].islower() and not any(mark in following for mark in ".?!"):
                        return False
            elif len(previous) > 1 and lowered not in known and lowered.rsplit("-", 1)[-1] not in known \
                    and lowered not in self._collocation_starts:
                return True  # a word (one letter would be an initial), not an abbreviation
        return self.text_contains_sentbreak(previous + match.group() + match.group("after_tok"))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``list(span_tokenize(text))``, in one loop.

        nltk chains three generators (candidate contexts, slices, boundary realignment) and
        builds a context string per candidate; this is the same logic, step for step, without
        them. ``tests/test_segment.py`` checks it against ``span_tokenize``.
        """
        # 1. candidates and the word before each (nltk's _match_potential_end_contexts)
        candidates = []
        previous_match, previous_start, previous_stop = None, 0, 0
        for match in self._candidates.finditer(text):
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
            if self._decide(match, text[word_start:word_stop]):
                slices.append((last_break, match.end()))
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        slices.append((last_break, len(text.rstrip())))
        # 3. closing punctuation after a break joins the sentence it closes (_realign_boundaries)
        spans = []
        realign = 0
        realignment = self._lang_vars.re_boundary_realignment
        for k, (start, stop) in enumerate(slices):
            start += realign
            if k + 1 == len(slices):
                if start < stop:
                    spans.append((start, stop))
                break
            next_start, next_stop = slices[k + 1]
            found = realignment.match(text[next_start:next_stop]) if text[next_start:next_start + 1] in _CLOSERS else None
            if found:
                spans.append((start, next_start + len(found.group(0).rstrip())))
                realign = found.end()
            else:
                realign = 0
                if start < stop:
                    spans.append((start, stop))
        return spans


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
def _tokenizer() -> "_NewsPunkt":
    raw = json.loads(resources.files("hedgeometer").joinpath("data/punkt_en.json").read_text("utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(raw["abbrev_types"])
    params.sent_starters = set(raw["sent_starters"])
    params.collocations = {tuple(pair) for pair in raw["collocations"]}
    return _NewsPunkt(params, lang_vars=_NewsLanguageVars())


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
    with what is not prose blanked (Markdown, see :mod:`hedgeometer.markdown`), of the same
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
