"""The output of a corpus run: rows appended to a CSV or JSONL file, one article at a time, and
what an earlier run left in it, for a resumed run to continue.

A resumed run continues a file only when the file is an output of this kind of run and was
written under the same settings (its rows' stamp columns): otherwise it refuses and says what
differs, leaving the file alone.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Hint, InputError, Message, ParameterError
from .rows import ARTICLE_COLUMNS, JSON_STAMPS, SENTENCE_COLUMNS, STAMP_COLUMNS

FAILURES_LISTED = 20  # failed records a summary names one by one (the rest are counted)

# the settings these messages name (a front end phrases them: the CLI says --resume, -o, --sentences)
RESUME, OUTPUT, SENTENCES = Hint("resume", True), Hint("output"), Hint("sentences", True)


ROW_FORMATS = ("csv", "jsonl")


def check_row_format(fmt: str) -> str:
    """``fmt`` when it is one of :data:`ROW_FORMATS`; else :class:`ParameterError`."""
    if fmt not in ROW_FORMATS:
        raise ParameterError("fmt", fmt, " or ".join(map(repr, ROW_FORMATS)), ROW_FORMATS)
    return fmt


class RowWriter:
    """Appends complete rows to a CSV or JSONL file, flushing after each article.

    CSV rows end with ``\\r\\n`` and values never contain it (newlines inside values are kept as
    ``\\n``), so the end of the last complete row is always the last ``\\r\\n`` in the file.
    """

    def __init__(self, path: Path, fmt: str, columns: list[str], append: bool):
        self.path, self.fmt, self.columns = path, check_row_format(fmt), columns
        if not path.parent.is_dir():
            raise InputError(f"{path}: the folder {path.parent} does not exist")
        try:
            self.handle = path.open("a" if append else "w", encoding="utf-8", newline="")
        except OSError as error:
            raise InputError(f"{path}: cannot write ({error.strerror or error})") from None
        self.extra_columns: list[str] | None = None
        if fmt == "csv" and append and path.stat().st_size > 0:
            with path.open(encoding="utf-8", newline="") as existing:
                self.extra_columns = next(csv.reader(existing))[len(columns):]

    def _csv_line(self, values: list) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(
            [str(v).replace("\r\n", "\n") if isinstance(v, str) else v for v in values])
        return buffer.getvalue()

    def write(self, rows: list[dict]) -> None:
        if self.fmt == "jsonl":
            text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        else:
            if self.extra_columns is None:  # the first row decides the carried-field columns
                self.extra_columns = [k for k in rows[0] if k not in self.columns] + ["other_fields"]
                self.handle.write(self._csv_line(self.columns + self.extra_columns))
            lines = []
            for row in rows:
                known = self.columns + self.extra_columns
                other = {k: v for k, v in row.items() if k not in known}
                row = {**row, "other_fields": json.dumps(other, ensure_ascii=False) if other else ""}
                lines.append(self._csv_line([row.get(c, "") for c in known]))
            text = "".join(lines)
        self.handle.write(text)
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


@dataclass
class EarlierRows:
    """What an output that a resumed run continues already holds."""

    ids: set[str] = field(default_factory=set)
    failed: int = 0  # its error rows: one per record that failed
    failures: list = field(default_factory=list)  # (id, error), the first FAILURES_LISTED


def read_earlier_rows(path: Path, fmt: str, columns: list[str], stamp: dict | None = None) -> EarlierRows:
    """The ids and error rows already written to ``path``; what a kill may have left unfinished
    is cut off first: a torn last row, and with sentence rows every row of the last article (a
    kill can stop an article's rows between two of them, so that article is scored again).

    Nothing is cut until the file is known to be an output of this kind of run (``columns``)
    and, given this run's ``stamp`` (:func:`hedgeometer.runs.rows.stamp`), one written under the
    same settings: a resumed run given the wrong output, or a resume with another model, lexicon, threshold,
    evidence mode or segmentation, is an error that says what differs, never a mixed or
    emptied file.
    """
    check_row_format(fmt)
    earlier = EarlierRows()
    if not path.exists() or path.stat().st_size == 0:
        return earlier
    data = path.read_bytes()
    keep = _complete_rows_length(data, fmt)
    if keep == 0 and not _starts_like_output(data, fmt, columns):
        raise _not_ours(path, 1 if fmt == "jsonl" else None, None if fmt == "jsonl" else columns)
    rows = _jsonl_rows(data[:keep], path, columns) if fmt == "jsonl" else _csv_rows(data[:keep], path, columns)
    if stamp:
        _check_stamps(path, rows, stamp)
    if list(columns) == SENTENCE_COLUMNS and rows:
        last = rows[-1][0]
        while rows and rows[-1][0] == last:
            keep = rows.pop()[3]
    for identifier, status, error, _, _ in rows:
        _note(earlier, identifier, status, error)
    if keep != len(data):
        with path.open("r+b") as handle:
            handle.truncate(keep)
    return earlier


def _jsonl_rows(data: bytes, path: Path, columns: list[str]) -> list[tuple]:
    """``(id, status, error, byte offset of the row, stamp)`` of each JSONL row; the first must
    have every column, so an output of the other kind of run is refused."""
    rows, offset = [], 0
    for lineno, line in enumerate(data.split(b"\n"), 1):  # not splitlines(): values may hold U+2028
        if line.strip():
            row = _jsonl_row(line, path, lineno)
            if not rows and not set(columns) <= set(row):
                _check_version(path, row, set(columns) - set(row))
                raise _not_ours(path, columns=columns)
            rows.append((str(row["id"]), row.get("status"), row.get("error"), offset,
                         {c: row.get(c) for c in STAMP_COLUMNS}))
        offset += len(line) + 1
    return rows


def _csv_rows(data: bytes, path: Path, columns: list[str]) -> list[tuple]:
    """``(id, status, error, byte offset of the row)`` of each CSV row after the header, which
    must be this kind of run's."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _not_ours(path, columns=columns) from None
    ends = [0]  # byte offset after each physical line the reader has taken

    def lines():
        for line in io.StringIO(text, newline=""):
            ends.append(ends[-1] + len(line.encode("utf-8")))
            yield line

    reader = csv.reader(lines())
    header = next(reader, None)
    if header is None:
        return []
    if header[:len(columns)] != list(columns):
        if "hedgeometer_version" in header:
            first = next(reader, None) or []
            _check_version(path, dict(zip(header, first)), set(columns) - set(header))
        raise _not_ours(path, columns=columns)
    status, error = columns.index("status"), columns.index("error")
    stamps = [columns.index(c) for c in STAMP_COLUMNS]
    rows, start = [], ends[-1]
    for row in reader:
        if row:
            rows.append((row[0], row[status] if len(row) > status else None,
                         row[error] if len(row) > error else None, start,
                         {c: row[k] if len(row) > k else None for c, k in zip(STAMP_COLUMNS, stamps)}))
        start = ends[-1]
    return rows


def _check_version(path: Path, row: dict, missing: set) -> None:
    """An output of another hedgeometer version, whose rows have other columns: say so (it is
    ours, just not continuable), rather than that it is not a hedgeometer output at all."""
    version = row.get("hedgeometer_version")
    if missing and version and {"id", "status", "error"} <= set(row):
        names = ", ".join(c for c in STAMP_COLUMNS + ARTICLE_COLUMNS + SENTENCE_COLUMNS if c in missing)
        raise InputError(Message(f"{path}: written by hedgeometer {version}, whose rows lack columns this version "
                                 f"writes ({names}), so ", RESUME, " cannot continue it; write to another ", OUTPUT,
                                 ", or drop ", RESUME, " to score everything again"))


_STAMP_NAMES = {"hedgeometer_version": "hedgeometer version", "lexicon_fingerprint": "lexicons (fingerprint)",
                "model_id": "model", "evidence_mode": Hint("evidence"), "thresholds": "thresholds",
                "threshold_overrides": Hint("thresholds"), "segmentation": "segmentation"}


def _stamp_value(column: str, value):
    """A stamp as compared: JSON columns parsed (their spelling does not matter), missing as ''."""
    if value is None:
        return ""
    if column in JSON_STAMPS and isinstance(value, str):
        try:
            return json.loads(value) if value else {}
        except json.JSONDecodeError:
            return value
    return value


def _check_stamps(path: Path, rows: list[tuple], stamp: dict) -> None:
    """Refuse to continue rows written under other settings, naming each that differs."""
    expected = {c: _stamp_value(c, stamp.get(c)) for c in STAMP_COLUMNS}
    for identifier, _, _, _, found in rows:
        if not found.get("hedgeometer_version"):  # a row of an analyzer that never loaded: no stamp to compare
            continue
        if all(found.get(c) == stamp.get(c) for c in STAMP_COLUMNS):
            continue
        differences = []
        for column in STAMP_COLUMNS:
            before, now = _stamp_value(column, found.get(column)), expected[column]
            if before != now:
                differences.append(_difference(column, before, now))
        differences = [d for d in differences if d]
        if differences:
            lines = [piece for difference in differences for piece in ("\n  ", *difference)]
            raise InputError(Message(
                f"{path} was written with other settings (row {identifier!r}), so ", RESUME, " would mix rows scored "
                "two ways:", *lines, "\nResume with the settings that wrote it, write to another ", OUTPUT,
                ", or drop ", RESUME, " to score everything again."))


def _difference(column: str, before, now) -> tuple:
    """The pieces of one line of what differs: ``thresholds: dramatic 0.25 in the file, 0.95 now``."""
    if column == "threshold_overrides":
        return ()  # the thresholds themselves are compared; which were set by hand does not change a label
    if column == "model_id":
        def model(value):
            return (f"model {value}",) if value else ("rules only (", Hint("model", None), ")")
        return ("model: ", *model(before), " in the file, ", *model(now), " now")
    if column in ("thresholds", "segmentation") and isinstance(before, dict) and isinstance(now, dict):
        def show(value):
            return f"{value:.2f}" if isinstance(value, float) else str(value)
        parts = [f"{key} {show(before.get(key, '(none)'))} in the file, {show(now.get(key, '(none)'))} now"
                 for key in dict.fromkeys([*before, *now]) if before.get(key) != now.get(key)]
        setting = Hint("thresholds") if column == "thresholds" else Hint("boilerplate")
        return (f"{column} (", setting, "): " + "; ".join(parts))
    return (_STAMP_NAMES[column], f": {before or '(none)'} in the file, {now or '(none)'} now")


def _note(earlier: EarlierRows, identifier: str, status, error) -> None:
    earlier.ids.add(identifier)
    if status == "error":
        earlier.failed += 1
        if len(earlier.failures) < FAILURES_LISTED:
            earlier.failures.append((identifier, error))


def _complete_rows_length(data: bytes, fmt: str) -> int:
    """Bytes up to the end of the last complete row: its ``\\n``, which also ends a ``\\r\\n`` row.

    A CSV value may hold a newline, so in CSV only a newline outside quotes ends a row: one after
    an even number of ``"`` (a quoted value doubles the quotes it holds).
    """
    end = len(data)
    quotes = data.count(b'"') if fmt == "csv" else 0
    while (newline := data.rfind(b"\n", 0, end)) >= 0:
        if fmt == "csv":
            quotes -= data.count(b'"', newline, end)
        if quotes % 2 == 0:
            return newline + 1
        end = newline
    return 0


def _starts_like_output(data: bytes, fmt: str, columns: list[str]) -> bool:
    """A file with no complete row is ours only if it begins as our header (or first JSONL row) does."""
    start = b'{"id": ' if fmt == "jsonl" else ",".join(columns).encode()
    return data.startswith(start) or start.startswith(data)


def _not_ours(path: Path, lineno: int | None = None, columns: list[str] | None = None) -> InputError:
    """A resumed run must stop, not guess, when its output is a file the tool did not write."""
    where = f"{path}:{lineno}" if lineno else f"{path}"
    kind: tuple = ()
    if columns is not None:
        kind = ((" of sentence rows (", SENTENCES, ")") if list(columns) == SENTENCE_COLUMNS
                else (" of article rows (without ", SENTENCES, ")"))
    return InputError(Message(f"{where}: not a hedgeometer output", *kind, ", so ", RESUME, " cannot continue it; "
                              "write to another ", OUTPUT, ", or drop ", RESUME, " to replace the file"))


def _jsonl_row(line: bytes, path: Path, lineno: int) -> dict:
    try:
        row = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        row = None
    if not isinstance(row, dict) or "id" not in row:
        raise _not_ours(path, lineno)
    return row


def row_format(output: Path, fmt: str | None) -> str:
    """``fmt`` (checked), or the row format ``output``'s name gives."""
    if fmt:
        return check_row_format(fmt)
    suffix = output.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson"):
        return "jsonl"
    if suffix == "csv":
        return "csv"
    raise InputError(Message(f"{output}: cannot tell the format from the name; end it in .csv or .jsonl, or pass ",
                             Hint("fmt")))
