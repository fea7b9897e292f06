"""Whose voice: find direct quotations so each cue and sentence knows if it is quoted speech.

Quotations are found by a single left-to-right scan with a stack, so it handles straight and
curly double quotes, single quotes used as quotation marks (British style and nested quotes),
quotes that run across sentences, and never crashes on unbalanced marks: a quotation still open
at a paragraph break is closed there (news style reopens a continuing quote in the next
paragraph), and a stray closing mark is ignored. Apostrophes ("Moscow's", "the workers' union")
are told apart from single quotes by the letters around them.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_MARKS = re.compile(r"[\"“„«”»'‘’]|\n(?=[ \t]*\n)")

# A sentence at least this much inside quotation marks is quoted speech, not the reporter's voice.
QUOTED_SHARE = 0.8


def _is_letter(char: str) -> bool:
    return char.isalnum()


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the outermost direct quotations, marks included."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (kind, start)
    n = len(text)
    # Only quotation marks and paragraph breaks matter, so jump between them.
    for mark in _MARKS.finditer(text):
        i = mark.start()
        char = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if char == "\n":
            if stack:  # a paragraph break closes any open quotation
                spans.append((stack[0][1], i))
                stack.clear()
        elif char == '"':
            if stack and stack[-1][0] == '"':
                start = stack.pop()[1]
                if not stack:
                    spans.append((start, i + 1))
            elif not after.isspace() or not stack:
                stack.append(('"', i))
        elif char in _OPEN_DOUBLE:
            stack.append(("“", i))
        elif char in _CLOSE_DOUBLE:
            while stack and stack[-1][0] not in ("“",):
                stack.pop()  # single quotes left open inside close with their double quote
            if stack:
                start = stack.pop()[1]
                if not stack:
                    spans.append((start, i + 1))
        else:  # ' ‘ ’
            opening = (before.isspace() or before in "(“\"—–-") and _is_letter(after) and char in "'‘"
            closing = stack and stack[-1][0] == "'" and not before.isspace() and not _is_letter(after)
            if char == "‘" and not opening:
                opening = not _is_letter(before)
            if closing:
                start = stack.pop()[1]
                if not stack:
                    spans.append((start, i + 1))
            elif opening:
                stack.append(("'", i))
    if stack:
        spans.append((stack[0][1], n))
    return _merge(spans)


def _merge(spans):
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


class VoiceMap:
    """Answers "is this span quoted?" for one text in O(log n) per question."""

    def __init__(self, text: str):
        self.spans = quote_spans(text)
        self._starts = [s for s, _ in self.spans]

    def _containing(self, position: int) -> tuple[int, int] | None:
        k = bisect_right(self._starts, position) - 1
        if k >= 0 and self.spans[k][0] <= position < self.spans[k][1]:
            return self.spans[k]
        return None

    def voice_of(self, start: int, end: int) -> str:
        """``"quoted"`` when the span lies inside one quotation, else ``"reporter"``."""
        span = self._containing(start)
        return "quoted" if span and end <= span[1] else "reporter"

    def quoted_share(self, start: int, end: int) -> float:
        """Share of the characters of ``[start, end)`` that are inside quotations."""
        if end <= start or not self.spans:
            return 0.0
        # spans are sorted and disjoint: only those from the one containing ``start`` on can overlap
        k = max(bisect_right(self._starts, start) - 1, 0)
        inside = 0
        for a, b in self.spans[k:]:
            if a >= end:
                break
            if b > start:
                inside += min(end, b) - max(start, a)
        return inside / (end - start)

    def sentence_voice(self, start: int, end: int) -> str:
        """``quoted`` (wholly or mostly quoted), ``mixed`` (partly) or ``reporter``."""
        share = self.quoted_share(start, end)
        return "quoted" if share >= QUOTED_SHARE else "mixed" if share > 0 else "reporter"
