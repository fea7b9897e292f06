"""Read articles from files or stdin, with clear errors for anything that is not text.

The input format is told by the file's suffix, or given (``--input-format``). Plain text and
Markdown are returned as they are (offsets index the file's own text, after a UTF-8 byte-order
mark, which is dropped); Markdown is marked so the analyzer skips its syntax. HTML is reduced
to its main article text first with trafilatura (the optional ``hedgeometer[html]`` extra), so
offsets then index the extracted text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

from ..errors import Action, Hint, InputError, Message, ParameterError

INPUT_FORMATS = ("auto", "text", "markdown", "html")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Standard input has no suffix: a page piped in is recognised by how it starts.
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
# One article larger than this is refused with a message pointing to scoring many articles:
# scoring 20 MB takes about 40 s and several GB, and no real article is that long.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# where a message sends what is not one article (the command line: 'hedgeometer batch')
SCORE_FOLDERS = Action("hedgeometer.runs.batch.run_batch")
SCORE_MANY = Action("Analyzer.analyze_many")
# Notepad and Excel start "UTF-8" files with a byte-order mark; every reader drops it.
BYTE_ORDER_MARK = "\ufeff"


def without_byte_order_mark(text: str) -> str:
    return text.removeprefix(BYTE_ORDER_MARK)


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode bytes to text, rejecting binary data and naming the fix for a wrong encoding."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(Message(
            f"{source}: not valid {encoding} text (byte {error.start}: {error.reason}); "
            f"if it uses another encoding, pass it, e.g. ", Hint("encoding", "latin-1")
        )) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    return without_byte_order_mark(text)


def html_to_text(html: str, source: str = "<html>") -> str:
    """Extract the main article text of an HTML page (needs ``pip install hedgeometer[html]``)."""
    try:
        import trafilatura
    except ImportError as error:
        raise InputError(
            f"{source}: reading HTML needs the optional extractor: pip install 'hedgeometer[html]' ({error})"
        ) from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in the HTML")
    # trafilatura puts each heading and paragraph on a line; a blank line between them keeps a
    # heading apart from the paragraph under it, as in a text file.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


class Article(NamedTuple):
    """One article as read: ``source`` names it (the path, or ``<stdin>``), ``format`` is
    ``"text"`` or ``"markdown"`` (HTML has been reduced to text)."""

    source: str
    text: str
    format: str


def resolve_format(source: str, text: str, requested: str = "auto") -> str:
    """``requested``, or for ``auto`` the format the suffix of ``source`` says: HTML
    (.html .htm .xhtml), Markdown (.md .markdown) or text; stdin is HTML when it starts like a page."""
    if requested != "auto":
        return requested
    suffix = Path(source).suffix.lower()
    if suffix in HTML_SUFFIXES or source == "<stdin>" and _HTML_START.match(text):
        return "html"
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def read_article(path: str | Path, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES,
                 format: str = "auto") -> Article:
    """Read one article from ``path`` (``-`` is stdin) as ``format`` (one of ``INPUT_FORMATS``).

    Raises :class:`ParameterError` for another ``format``, :class:`InputError` for a missing path, a directory, a binary or undecodable file,
    an empty file, one larger than ``max_bytes``, and HTML without the optional extractor.
    """
    if format not in INPUT_FORMATS:
        raise ParameterError("format", format, " or ".join(map(repr, INPUT_FORMATS)), INPUT_FORMATS)
    source = "<stdin>" if str(path) == "-" else str(path)
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(path)
        if not path.exists():
            raise InputError(f"{source}: no such file")
        if path.is_dir():
            raise InputError(Message(f"{source}: is a directory; give a file, or use ", SCORE_FOLDERS, " for folders"))
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"{source}: cannot read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(Message(f"{source}: larger than {max_bytes // (1024 * 1024)} MB, too big for one article; "
                                 f"split it into articles and use ", SCORE_MANY))
    text = decode(data, source, encoding)
    if not text.strip():
        raise InputError(f"{source}: is empty (no text to analyse)")
    format = resolve_format(source, text, format)
    if format == "html":
        return Article(source, html_to_text(text, source), "text")
    return Article(source, text, format)
