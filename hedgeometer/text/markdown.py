"""Markdown input: blank out what is not prose, so that only the article's sentences are scored.

:func:`blank_non_prose` replaces every character of Markdown syntax and of non-prose regions by a
space (line breaks stay), so the result has the length of the file and every offset into it
indexes the file too. Blanked:

- blocks: front matter (``---`` or ``+++`` on the first line), fenced code (``` and ~~~),
  indented code, tables, HTML comments, ``<script>``/``<style>``/``<pre>`` elements, link
  reference definitions, horizontal rules and setext underlines;
- markers: ``#`` of headings, ``-``/``*``/``+``/``1.`` of list items (and ``[ ]`` task boxes),
  ``>`` of block quotes;
- inline: code spans, images (alt text too), link brackets and targets (the link text stays),
  footnote references, autolinks, HTML tags, emphasis markers and escaping backslashes.

It is a scanner for the Markdown articles are written in, not a full CommonMark parser.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r" {4}| {0,3}\t")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_TABLE_CELL_RULE = re.compile(r"[ \t]*:?-+:?[ \t]*")
_REFERENCE = re.compile(r""" {0,3}\[[^\]^][^\]]*\]:[ \t]*\S+(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$""")
_RULE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
# quote and list markers in any nesting ("> - [ ] item", "- > quote"), then a heading's #s
_MARKERS = re.compile(r"(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])(?:[ \t]+\[[ xX]\](?=[ \t]))?))*[ \t]*(#{1,6}(?=[ \t]|$))?")
_ELEMENTS = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|pre)\b[^<>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)

# a link target: (url), (<url>), with an optional "title"; URLs may hold one level of parentheses
_TARGET = r"""\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)"""
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_IMAGE = re.compile(rf"!\[[^\[\]\n]*\](?:{_TARGET}|\[[^\]\n]*\])")
_LINK = re.compile(rf"(?<!\\)\[([^\[\]\n]*)\](?:{_TARGET}|\[[^\]\n]*\])")
_OTHER_INLINE = re.compile(
    r"\[\^[^\]\s]+\]"  # footnote reference
    r"|<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>"  # autolink
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"  # HTML tag
)
# An emphasis run opens before a word (after a space or punctuation) or closes after one; a
# "*" between spaces (5 * 3) or inside a word (snake_case) is left alone.
_EMPHASIS = re.compile(r"(?<![\w\\*_~])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])|(?<=[^\s\\*_~])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


def blank_non_prose(text: str) -> str:
    """``text`` with Markdown syntax and non-prose regions replaced by spaces (same length).

    >>> blank_non_prose("# Talks **may** fail\\n\\nSee [the memo](http://x.org).")
    '  Talks   may   fail\\n\\nSee  the memo               .'
    """
    # code first (nothing inside it is syntax), then comments and blocks, then inline syntax,
    # each pass reading the text the passes before it have blanked
    for find in (_code_blocks, _elements, _block_syntax, _code_spans, _images, _links, _other_inline, _emphasis):
        text = _blank(text, find(text))
    return text


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if start >= end:
            continue
        pieces += [text[position:start], _NOT_LINE_BREAK.sub(" ", text[start:end])]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, line)`` of every line; ``line`` has no line break or trailing ``\\r``."""
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line), line.removesuffix("\r")))
        start += len(line) + 1
    return lines


def _code_blocks(text: str) -> list[tuple[int, int]]:
    """Front matter, fenced code and indented code."""
    lines = _lines(text)
    spans, i = [], 0
    if lines[0][2].rstrip() in ("---", "+++"):  # front matter, when it is closed
        closers = ("---", "...") if lines[0][2].rstrip() == "---" else ("+++",)
        closing = next((j for j in range(1, len(lines)) if lines[j][2].rstrip() in closers), None)
        if closing is not None:
            spans.append((0, lines[closing][1]))
            i = closing + 1
    after_blank, in_list = True, False
    while i < len(lines):
        start, end, line = lines[i]
        fence = _FENCE.match(line)
        if fence and "`" in line[fence.end():] and fence.group(1)[0] == "`":
            fence = None  # ``` `code` ``` is a code span, not a fence
        if fence:
            mark = fence.group(1)
            closing = re.compile(rf" {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
            j = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j][2])), len(lines) - 1)
            spans.append((start, lines[j][1]))  # an unclosed fence runs to the end, as in CommonMark
            in_list = in_list and line[0].isspace()
            i, after_blank = j + 1, True
            continue
        # indented code starts after a blank line; in a list, indented lines continue the item
        if after_blank and not in_list and line.strip() and _INDENTED.match(line):
            j = i
            while j < len(lines) and (not lines[j][2].strip() or _INDENTED.match(lines[j][2])):
                j += 1
            spans.append((start, lines[j - 1][1]))
            i, after_blank = j, True
            continue
        if line.strip():
            if _LIST_ITEM.match(line):
                in_list = True
            elif not line[0].isspace() and (after_blank or line[0] in "#>"):
                in_list = False  # a paragraph or another block at the margin ends the list
        after_blank = not line.strip()
        i += 1
    return spans


def _elements(text: str) -> list[tuple[int, int]]:
    """HTML comments and script, style and pre elements."""
    return [match.span() for match in _ELEMENTS.finditer(text)]


def _block_syntax(text: str) -> list[tuple[int, int]]:
    """Tables, reference definitions, rules and setext underlines, and block markers."""
    lines = _lines(text)
    spans, i = [], 0
    while i < len(lines):
        start, end, line = lines[i]
        if "|" in line and i + 1 < len(lines) and _is_table_rule(lines[i + 1][2]):
            j = i + 2
            while j < len(lines) and lines[j][2].strip() and "|" in lines[j][2]:
                j += 1
            spans.append((start, lines[j - 1][1]))
            i = j
            continue
        if _REFERENCE.match(line) or _RULE.match(line):
            spans.append((start, end))
        else:
            markers = _MARKERS.match(line)
            spans.append((start, start + markers.end()))
            if markers.group(1):  # a heading's closing #s ("## Title ##")
                text_end = len(line.rstrip())
                title_end = len(line[:text_end].rstrip("#"))
                if title_end < text_end and line[title_end - 1:title_end] in (" ", "\t"):
                    spans.append((start + title_end, start + text_end))
        i += 1
    return spans


def _is_table_rule(line: str) -> bool:
    """``|---|:-:|``: the line under a table's header row."""
    cells = line.strip().strip("|").split("|")
    return "|" in line and all(_TABLE_CELL_RULE.fullmatch(cell) for cell in cells)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """A run of backticks opens a code span that the next run of the same length in its
    paragraph closes. Found by lookups, not a regex search per run: linear time, however
    many runs never close."""
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    breaks = [match.start() for match in _PARAGRAPH_BREAK.finditer(text)]
    by_length: dict[int, list[int]] = {}  # run length -> indices of the runs of that length
    for k, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(k)
    spans, k = [], 0
    while k < len(runs):
        start, end = runs[k]
        same = by_length[end - start]
        following = bisect_right(same, k)
        if following < len(same) and text[start - 1:start] != "\\":
            closer = same[following]
            next_break = bisect_right(breaks, end)
            paragraph_end = breaks[next_break] if next_break < len(breaks) else len(text)
            if runs[closer][0] < paragraph_end:
                spans.append((start, runs[closer][1]))
                k = closer + 1
                continue
        k += 1
    return spans


def _images(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _IMAGE.finditer(text)]


def _links(text: str) -> list[tuple[int, int]]:
    """The brackets and target of each link; its text stays."""
    spans = []
    for match in _LINK.finditer(text):
        spans += [(match.start(), match.start(1)), (match.end(1), match.end())]
    return spans


def _other_inline(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _OTHER_INLINE.finditer(text)]


def _emphasis(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _EMPHASIS.finditer(text)] + [match.span() for match in _ESCAPE.finditer(text)]
