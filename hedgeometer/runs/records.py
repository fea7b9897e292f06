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
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Hint, InputError, Message
from ..text.inputs import (BYTE_ORDER_MARK, HTML_SUFFIXES, MARKDOWN_SUFFIXES, decode, html_to_text, resolve_format,
                     without_byte_order_mark)

TEXT_SUFFIXES = (".txt",)  # in a folder; a file named on its own is text whatever its suffix
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")  # files of many records
# what a folder gives: every suffix this module reads as something other than plain text, and .txt
DEFAULT_GLOBS = tuple(f"*{suffix}" for suffix in (*TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *RECORD_SUFFIXES))
DEFAULT_MAX_CHARS = 1_000_000

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
    markdown: bool = False  # a .md file: its syntax is not scored (see hedgeometer.text.markdown)


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
            record.error = Message(f"text is {len(record.text):,} characters, over ", Hint("max_chars", options.max_chars))
            record.text = None
    return record


def _missing_text_field(data: dict, options: RecordOptions) -> str | Message:
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
    return Message(f"{message} (fields: {names}; pass ", Hint("text_field", str(likely)), ")")


def json_kind(value) -> str:
    """A JSON value's kind in the words of the file, not of Python: ``null``, ``a number (42)``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a string ({value!r})" if isinstance(value, str) else type(value).__name__


_CONTROL_NAMES = {"\t": ("a tab", "\\t"), "\n": ("a line break", "\\n"), "\r": ("a carriage return", "\\r")}


def describe_json_error(error: json.JSONDecodeError, line: str) -> str:
    """What is wrong with a JSONL line, said whole and with its column: ``invalid JSON: a tab
    inside a string at column 25; JSON writes it as \\t`` (the decoder's own message is cut
    off and names no place)."""
    column, position = error.colno, error.pos
    rest = line[position:].rstrip("\r\n")
    near = f" (before: {rest[:20]})" if rest.strip() else ""
    at_end = not rest.strip()
    message = error.msg
    if message.startswith("Invalid control character"):
        char = line[position] if position < len(line) else "\x00"
        name, escaped = _CONTROL_NAMES.get(char, (f"the control character U+{ord(char):04X}", f"\\u{ord(char):04x}"))
        detail = f"{name} inside a string at column {column}; JSON writes it as {escaped}"
    elif message.startswith("Unterminated string"):
        detail = f"the string that starts at column {column} never ends (a closing quote is missing, or the line was cut short)"
    elif at_end and message.startswith(("Expecting value", "Expecting ',' delimiter", "Expecting ':' delimiter",
                                        "Expecting property name")):
        detail = f"the line ends at column {column} before the record does (was it cut short?)"
    elif message.startswith("Expecting value"):
        detail = f"no value at column {column}{near}; strings need double quotes"
    elif message.startswith("Expecting ',' delimiter"):
        detail = f"a comma is missing at column {column}{near}"
    elif message.startswith("Expecting ':' delimiter"):
        detail = f"a colon is missing at column {column}{near}"
    elif message.startswith("Expecting property name"):
        detail = (f"a comma before the closing brace at column {column}" if rest.lstrip().startswith("}")
                  else f"a field name at column {column} is not in double quotes{near}")
    elif message.startswith("Extra data"):
        detail = f"more after the end of the record at column {column}{near}; a JSONL line holds one object"
    elif message.startswith("Invalid \\escape"):
        detail = f"an unknown backslash escape at column {column}{near}; JSON writes a backslash as \\\\"
    else:
        detail = f"{message.removesuffix(' at')} at column {column}"
    return f"invalid JSON: {detail}"


def _from_mapping(data: dict, fallback_id: str, source: str, options: RecordOptions) -> Record:
    identifier = data.get(options.id_field)
    identifier = fallback_id if identifier in (None, "") else str(identifier)
    fields = {k: v for k, v in data.items() if k not in (options.text_field, options.id_field)}
    headline = fields.pop(options.headline_field, None)
    if options.text_field not in data:
        return Record(identifier, None, source, fields, _missing_text_field(data, options))
    text = data[options.text_field]
    if not isinstance(text, str):
        return Record(identifier, None, source, fields, f"text field {options.text_field!r} is {json_kind(text)}, not text")
    return _checked(Record(identifier, text, source, fields, None, headline if isinstance(headline, str) else None), options)


def _not_decodable(options: RecordOptions, detail: str) -> Message:
    return Message(f"not valid {options.encoding} ({detail}); if the file uses another encoding, pass it, e.g. ",
                   Hint("encoding", "latin-1"))


def _jsonl_records(lines: Iterable, name: str, options: RecordOptions) -> Iterator[Record]:
    for lineno, line in enumerate(lines, 1):
        where = f"{name}:{lineno}"
        if isinstance(line, UnicodeDecodeError):  # one bad line, not the rest of the file
            yield Record(where, None, where, {}, _not_decodable(options, f"byte {line.start + 1} of the line: {line.reason}"))
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line.rstrip("\r\n"))  # columns in an error count on the line as shown
        except json.JSONDecodeError as error:
            yield Record(where, None, where, {}, describe_json_error(error, line.rstrip("\r\n")))
            continue
        if not isinstance(data, dict):
            yield Record(where, None, where, {}, f"the line holds {json_kind(data)}, not a record (a JSON object, {{...}})")
            continue
        yield _from_mapping(data, where, where, options)


def _csv_cells(line: str) -> tuple[list[str] | None, str | None]:
    """One physical line read alone as a CSV row: its cells, or None and why it cannot be read."""
    try:
        rows = list(csv.reader([line], strict=True))
    except csv.Error as error:
        if "unexpected end of data" in str(error) or "newline inside string" in str(error):
            column = _open_quote_column(line)
            return None, (f"a quote (\") at column {column} opens a field that is never closed; if it belongs in the "
                          f"text, double it (\"\") or quote the whole field")
        return None, f"not valid CSV ({error})"
    return (rows[0] if rows else []), None


def _open_quote_column(line: str) -> int:
    """The 1-based column of the quote that opens a field and is never closed on ``line``."""
    inside, opened, previous = False, 0, ","
    for column, char in enumerate(line, 1):
        if char == '"':
            if not inside and previous == ",":
                inside, opened = True, column
            elif inside:
                inside = False
        previous = char if not inside else previous
    return opened or line.find('"') + 1


def _strictly_one_row(lines: list[tuple[int, str]]) -> bool:
    """Whether lines a reader took as one record read as one under strict CSV rules: a closing
    quote followed by more text (what a stray opening quote leads to) is not."""
    try:
        return len(list(csv.reader(io.StringIO("".join(line for _, line in lines), newline=""), strict=True))) == 1
    except csv.Error:
        return False


def _fields_phrase(count: int, header: list) -> str:
    return f"row has {count} field{'s' if count != 1 else ''}, the header has {len(header)}"


def _csv_records(handle, name: str, options: RecordOptions) -> Iterator[Record]:
    """One Record per CSV record, with the line it starts on; never one for several.

    A stray quote at the start of a field makes a CSV reader take every line up to the next
    quote as one record, so the records on those lines would vanish into one bad row. A record
    that spans lines and is malformed (it does not line up with the header, or a closing quote
    is followed by more text) is read again line by line when any of its lines is a whole row:
    each such line becomes its record, the others error rows naming their line (the one with the
    stray quote says so). A well-formed record whose quoted text holds line breaks is one
    record, as it should be."""
    taken: list[tuple[int, str]] = []  # the physical lines the reader has taken for the current row

    def lines():
        for lineno, line in enumerate(handle, 1):
            taken.append((lineno, line))
            yield line

    reader = csv.reader(lines())
    header: list[str] | None = None
    number = 0

    def record(cells, start):
        nonlocal number
        number += 1
        where = f"{name}:{start}"
        if len(cells) != len(header):  # cells no longer line up with their columns: no field can be trusted
            return Record(where, None, where, {}, _fields_phrase(len(cells), header))
        for column, cell in zip(header, cells):  # one bad record, not the rest of the file
            bad = _UNDECODED.search(cell)
            if bad:
                return Record(where, None, where, {}, _not_decodable(
                    options, f"field {column!r}, character {bad.start() + 1}: a byte that is not {options.encoding}"))
        return _from_mapping(dict(zip(header, cells)), f"{name}#{number}", where, options)

    def failed(start, why):
        nonlocal number
        number += 1
        where = f"{name}:{start}"
        return Record(where, None, where, {}, why)

    while True:
        try:
            row = next(reader)
            problem = None
        except StopIteration:
            break
        except csv.Error as error:  # a NUL byte, a field over the size limit
            row, problem = None, f"not valid CSV ({error})"
        consumed = taken[:]
        taken.clear()
        if not consumed:
            continue
        start = consumed[0][0]
        if header is None:
            if problem is not None:
                yield failed(start, f"the header cannot be read: {problem}")
                return
            if row:
                header = row
            continue
        if problem is not None:
            yield failed(start, problem)
            continue
        if not row:  # a blank line
            continue
        if len(consumed) == 1 or len(row) == len(header) and _strictly_one_row(consumed):
            yield record(row, start)
            continue
        singles = [(lineno, *_csv_cells(line)) for lineno, line in consumed]
        if not any(cells is not None and len(cells) == len(header) for _, cells, _ in singles):
            yield record(row, start)  # one record that spans lines: one error row
            continue
        for lineno, cells, why in singles:  # records swallowed by a stray quote: each its own
            if cells == [] or (cells is None and why is None):
                continue
            yield failed(lineno, why) if cells is None else record(cells, lineno)


def _decoded_lines(path: Path, options: RecordOptions) -> Iterator[str | UnicodeDecodeError]:
    """Lines of a record file, decoded lazily; a line that cannot be decoded is given as its
    error, so that it becomes one error row and the lines after it are still read."""
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            try:
                line = raw.decode(options.encoding)
            except UnicodeDecodeError as error:
                yield error
                continue
            yield without_byte_order_mark(line) if lineno == 1 else line


_UNDECODED = re.compile("[\udc80-\udcff]")  # a byte the encoding could not read, kept by surrogateescape


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
    if suffix in RECORD_SUFFIXES:
        try:
            if suffix == ".csv":
                # undecodable bytes are kept as surrogates, so that they fail their record alone
                with path.open(encoding=options.encoding, errors="surrogateescape", newline="") as handle:
                    _skip_byte_order_mark(handle)
                    yield from _csv_records(handle, name, options)
            else:
                yield from _jsonl_records(_decoded_lines(path, options), name, options)
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
        message = error.message if isinstance(error, InputError) else str(error)
        yield Record(name, None, name, {}, message.removeprefix(f"{name}: "))
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
            yield Record("<stdin>", None, "<stdin>", {}, error.message.removeprefix("<stdin>: "))
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


def describe_no_records(inputs: Iterable[str], options: RecordOptions | None = None) -> Message:
    """Why ``inputs`` yielded no record, input by input: a folder with no file matching the
    globs, a CSV file with only its header, an empty record file."""
    options = options or RecordOptions()
    reasons: list[tuple] = []
    for item in inputs:
        path = Path(item)
        if item == "-":
            reasons.append(("standard input is empty",))
        elif path.is_dir():
            reasons.append((f"the folder {item} has no file matching ", Hint("globs", tuple(options.globs))))
        elif path.suffix.lower() == ".csv" and path.stat().st_size:
            reasons.append((f"{item} has a header but no rows",))
        else:
            reasons.append((f"{item} holds no records",))
    return Message(*[piece for number, reason in enumerate(reasons) for piece in (("; ",) if number else ()) + reason])


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
                    total += sum(1 for _ in _csv_records(handle, "", options))
            else:
                total += 1
    return total
