"""Read articles from files or stdin, with clear errors for anything that is not text.

Plain text and Markdown are analysed as they are (offsets index the file's own text, after a
UTF-8 byte-order mark, which is dropped). HTML is
reduced to its main article text first with trafilatura (the optional ``hedgeometer[html]``
extra), so offsets then index the extracted text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# One article larger than this is refused with a message pointing to ``batch``: scoring 20 MB
# takes about 40 s and several GB, and no real article is that long.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
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
        raise InputError(
            f"{source}: not valid {encoding} text (byte {error.start}: {error.reason}); "
            f"if it uses another encoding, pass it, e.g. --encoding latin-1"
        ) from None
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


def read_article(path: str | Path, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read one article from ``path`` (``-`` is stdin) and return its text.

    Raises :class:`InputError` for a missing path, a directory, a binary or undecodable file,
    an empty file, or one larger than ``max_bytes``.
    """
    source = "<stdin>" if str(path) == "-" else str(path)
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(path)
        if not path.exists():
            raise InputError(f"{source}: no such file")
        if path.is_dir():
            raise InputError(f"{source}: is a directory; give a file, or use 'hedgeometer batch' for folders")
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"{source}: cannot read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{source}: larger than {max_bytes // (1024 * 1024)} MB, too big for one article; "
                         f"split it into articles and use 'hedgeometer batch'")
    text = decode(data, source, encoding)
    if not text.strip():
        raise InputError(f"{source}: is empty (no text to analyse)")
    if Path(source).suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text, source)
    return text
