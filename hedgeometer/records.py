"""Corpus inputs for ``batch``: files, folders, stdin, JSONL and CSV records, read lazily.

Every input record becomes exactly one :class:`Record`, in input order. A record that cannot be
analysed (unreadable file, bad encoding, empty text, missing text field, too long, bad JSON line,
CSV row with more or fewer fields than its header) still becomes a Record, with ``error`` set, so
that the run can report it as a row and go on.
Only a bad invocation (an input path that does not exist) raises :class:`InputError`.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .inputs import (BYTE_ORDER_MARK, HTML_SUFFIXES, MARKDOWN_SUFFIXES, decode, html_to_text, resolve_format,
                     without_byte_order_mark)

DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl", "*.csv")
DEFAULT_MAX_CHARS = 1_000_000
_RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv"}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts are long CSV fields


@dataclass
class Record:
    """One article to analyse, or the reason it cannot be."""

    id: str
    text: str | None
    source: str
    fields: dict = field(default_factory=dict)  # other input fields, carried to the output
    error: str | None = None
    headline: str | None = None
    markdown: bool = False  # a .md file: its syntax is not scored (see hedgeometer.markdown)


@dataclass
class RecordOptions:
    text_field: str = "text"
    id_field: str = "id"
    headline_field: str = "headline"
    encoding: str = "utf-8"
    max_chars: int = DEFAULT_MAX_CHARS
    globs: tuple[str, ...] = DEFAULT_GLOBS


def _checked(record: Record, options: RecordOptions) -> Record:
    if record.error is None:
        if record.text is None or not str(record.text).strip():
            record.error = "empty text"
            record.text = None
        elif len(record.text) > options.max_chars:
            record.error = f"text is {len(record.text):,} characters, over --max-chars {options.max_chars:,}"
            record.text = None
    return record


def _missing_text_field(data: dict, options: RecordOptions) -> str:
    """The error of a record without the text field: the fields it has, and the likely fix (the
    field with the longest text, other than the id and headline fields)."""
    message = f"missing text field {options.text_field!r}"
    if not data:
        return f"{message} (the record has no fields)"
    names = ", ".join(map(str, data))
    texts = [k for k, v in data.items() if isinstance(v, str) and v.strip()
             and k not in (options.id_field, options.headline_field)]
    if not texts:
        return f"{message} (fields: {names}; none of them holds text)"
    likely = max(texts, key=lambda k: len(data[k]))
    return f"{message} (fields: {names}; pass --text-field {shlex.quote(str(likely))})"


def _from_mapping(data: dict, fallback_id: str, source: str, options: RecordOptions) -> Record:
    identifier = data.get(options.id_field)
    identifier = fallback_id if identifier in (None, "") else str(identifier)
    fields = {k: v for k, v in data.items() if k not in (options.text_field, options.id_field)}
    headline = fields.pop(options.headline_field, None)
    if options.text_field not in data:
        return Record(identifier, None, source, fields, _missing_text_field(data, options))
    text = data[options.text_field]
    if not isinstance(text, str):
        return Record(identifier, None, source, fields, f"text field {options.text_field!r} is {type(text).__name__}, not text")
    return _checked(Record(identifier, text, source, fields, None, headline if isinstance(headline, str) else None), options)


def _jsonl_records(lines: Iterable[str], name: str, options: RecordOptions) -> Iterator[Record]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Record(where, None, where, {}, f"invalid JSON ({error.msg})")
            continue
        if not isinstance(data, dict):
            yield Record(where, None, where, {}, "a JSONL record must be a JSON object")
            continue
        yield _from_mapping(data, where, where, options)


_MISSING = object()  # a cell a short CSV row lacks (csv gives every cell it has as a str)


def _csv_records(handle, name: str, options: RecordOptions) -> Iterator[Record]:
    reader = csv.DictReader(handle, restval=_MISSING)
    for number, row in enumerate(reader, 1):
        where = f"{name}:{reader.line_num}"
        header = reader.fieldnames
        if None in row:  # more cells than header columns, kept under None
            cells = len(header) + len(row[None])
        else:  # fewer: the columns past the last cell hold _MISSING
            cells = len(header)
            while cells and row[header[cells - 1]] is _MISSING:
                cells -= 1
        if cells != len(header):  # cells no longer line up with their columns: no field can be trusted
            yield Record(where, None, where, {},
                         f"row has {cells} field{'s' if cells != 1 else ''}, the header has {len(header)}")
            continue
        yield _from_mapping(dict(row), f"{name}#{number}", where, options)


def _decoded_lines(path: Path, options: RecordOptions) -> Iterator[str]:
    """Lines of a record file, decoded lazily; a bad byte sequence ends the file with an error."""
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            try:
                line = raw.decode(options.encoding)
            except UnicodeDecodeError as error:
                raise _LineDecodeError(f"{path}:{lineno}", error) from None
            yield without_byte_order_mark(line) if lineno == 1 else line


class _LineDecodeError(Exception):
    def __init__(self, where, error):
        self.where, self.error = where, error


def _skip_byte_order_mark(handle) -> None:
    """Drop a leading byte-order mark, as decode() does for text files: Excel's "CSV UTF-8"
    starts with one, which would otherwise become part of the first column's name."""
    if handle.read(1) != BYTE_ORDER_MARK:
        handle.seek(0)


def working_folders() -> list[str]:
    """The working folder, and its spelling in ``$PWD`` when that differs (a shell that reached it
    through a symbolic link, like macOS's ``/tmp`` for ``/private/tmp``), so that a path typed
    from ``pwd`` counts as inside it."""
    folder = os.getcwd()
    logical = os.environ.get("PWD")
    if logical and logical != folder and os.path.isabs(logical):
        try:
            if os.path.samefile(logical, folder):
                return [folder, logical]
        except OSError:
            pass
    return [folder]


def path_name(path: str | Path, folders: list[str] | None = None) -> str:
    """How ids and sources name a file, whatever spelling was typed: relative to the working folder
    when inside it (``./b/x.txt`` and ``/cwd/b/x.txt`` are both ``b/x.txt``), else absolute, and
    in normal form either way (no ``.``, ``..`` or doubled separators). ``folders`` are
    :func:`working_folders`, given when naming many paths."""
    name = os.fspath(path)
    if not os.path.isabs(name):
        normal = os.path.normpath(name)
        if normal != os.pardir and not normal.startswith(os.pardir + os.sep):
            return normal
    absolute = os.path.abspath(name)
    for folder in folders or working_folders():
        try:
            relative = os.path.relpath(absolute, folder)
        except ValueError:  # another drive (Windows)
            continue
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return relative
    return absolute


def _file_records(path: Path, options: RecordOptions, folders: list[str]) -> Iterator[Record]:
    name = path_name(path, folders)
    suffix = path.suffix.lower()
    if suffix in _RECORD_SUFFIXES:
        try:
            if suffix == ".csv":
                with path.open(encoding=options.encoding, newline="") as handle:
                    _skip_byte_order_mark(handle)
                    yield from _csv_records(handle, name, options)
            else:
                yield from _jsonl_records(_decoded_lines(path, options), name, options)
        except _LineDecodeError as failure:
            yield Record(failure.where, None, failure.where, {},
                         f"not valid {options.encoding} ({failure.error.reason}); the rest of the file was skipped")
        except UnicodeDecodeError as error:
            yield Record(name, None, name, {}, f"not valid {options.encoding} ({error.reason}); the file was skipped")
        except OSError as error:
            yield Record(name, None, name, {}, f"cannot read ({error.strerror})")
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Record(name, None, name, {}, f"cannot read ({error.strerror})")
        return
    try:
        text = decode(data, name, options.encoding)
        if suffix in HTML_SUFFIXES and text.strip():
            text = html_to_text(text, name)
    except Exception as error:  # InputError from decode/html_to_text: one bad file, not a bad run
        message = str(error)
        yield Record(name, None, name, {}, message.split(": ", 1)[1] if message.startswith(name) else message)
        return
    yield _checked(Record(name, text, name, markdown=suffix in MARKDOWN_SUFFIXES), options)


def _matches(path: Path, globs: tuple[str, ...]) -> bool:
    """Whether a file found in a folder is read: by name, without regard to case (STORY.TXT is
    a text file on every system, as its suffix tells the readers)."""
    name = path.name.lower()
    return any(fnmatch.fnmatchcase(name, pattern.lower()) for pattern in globs)


def _walk(directory: Path, options: RecordOptions) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        if path.is_file() and _matches(path, options.globs):
            yield path


def _stdin_records(options: RecordOptions) -> Iterator[Record]:
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding=options.encoding, errors="strict")
    try:
        first = without_byte_order_mark(stream.readline())
    except UnicodeDecodeError as error:
        yield Record("<stdin>", None, "<stdin>", {}, f"not valid {options.encoding} ({error.reason})")
        return
    if first.lstrip().startswith("{"):
        def lines():
            yield first
            yield from stream
        yield from _jsonl_records(lines(), "<stdin>", options)
    else:
        try:
            text = first + stream.read()
            if resolve_format("<stdin>", text) == "html":  # a page piped in, as report reads it
                text = html_to_text(text, "<stdin>")
        except UnicodeDecodeError as error:
            yield Record("<stdin>", None, "<stdin>", {}, f"not valid {options.encoding} ({error.reason})")
            return
        except InputError as error:  # no article text in the page, or no HTML extractor
            yield Record("<stdin>", None, "<stdin>", {}, str(error).removeprefix("<stdin>: "))
            return
        yield _checked(Record("<stdin>", text, "<stdin>"), options)


def check_inputs(inputs: Iterable[str]) -> None:
    """Fail early, before any output is written, when an input path does not exist."""
    for item in inputs:
        if item != "-" and not Path(item).exists():
            raise InputError(f"{item}: no such file or folder")


def iter_records(inputs: Iterable[str], options: RecordOptions | None = None) -> Iterator[Record]:
    """Yield every record of ``inputs`` lazily, in order.

    A record's id is its id field's value, unchanged; without one, its place: the file's
    :func:`path_name`, ``name:line`` for a JSONL line (or an unreadable CSV row), ``name#n`` for
    the n-th CSV record, ``<stdin>``. Ids are made unique (``id~2``)."""
    options = options or RecordOptions()
    inputs = list(inputs)
    check_inputs(inputs)
    seen: dict[str, int] = {}
    folders = working_folders()  # once per run, not per file

    def raw():
        for item in inputs:
            if item == "-":
                yield from _stdin_records(options)
                continue
            path = Path(item)
            if path.is_dir():
                for file in _walk(path, options):
                    yield from _file_records(file, options, folders)
            else:
                yield from _file_records(path, options, folders)

    for record in raw():
        count = seen.get(record.id, 0) + 1
        seen[record.id] = count
        if count > 1:
            record.id = f"{record.id}~{count}"
        yield record


def count_records(inputs: Iterable[str], options: RecordOptions | None = None) -> int | None:
    """A quick count of the records ``inputs`` will yield (for progress ETA), or None for stdin."""
    options = options or RecordOptions()
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        files = _walk(path, options) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in (".jsonl", ".ndjson"):
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix == ".csv":
                with file.open(encoding=options.encoding, errors="replace", newline="") as handle:
                    total += max(0, sum(1 for _ in csv.reader(handle)) - 1)
            else:
                total += 1
    return total
