"""Score a corpus: records in, one row per article (or per sentence) out, nothing lost.

The run streams: records are read lazily, sent to the engine in small chunks with a bounded
number in flight, and rows are written in input order as soon as their chunk is done, each
article's rows in one write followed by a flush. So memory stays flat however large the corpus,
and a killed run leaves a file of complete rows that ``resume=True`` continues.

Engines: ``local`` (this process for one job, else a process pool) and ``dask`` (an existing
Dask distributed cluster; the loaded analyzer is scattered to every worker once).
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..dimensions import DIMENSIONS
from ..errors import InputError
from .records import Record, path_name, working_folders

ROW_FORMATS = ("csv", "jsonl")
CHUNK = 16  # records per task: big enough to amortise inter-process overhead
# What produced a row: every setting that changes a label (thresholds, threshold_overrides and
# segmentation are compact JSON objects). --resume continues a file only under the same stamp.
STAMP_COLUMNS = ["hedgeometer_version", "lexicon_fingerprint", "model_id", "evidence_mode", "thresholds",
                 "threshold_overrides", "segmentation"]
_JSON_STAMPS = ("thresholds", "threshold_overrides", "segmentation")
ARTICLE_COLUMNS = (
    ["id", "source", "status", "error", "sentences", "words", "flagged_sentences"]
    + [f"{d}_{k}" for d in DIMENSIONS for k in ("share", "sentences", "model_only", "cues", "per_100_words", "mean", "max")]
    + ["headline"] + [f"headline_{d}" for d in DIMENSIONS]
    + ["quoted_sentences", "named_sources", "unnamed_sources", "top_cues",
       "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"]
    + STAMP_COLUMNS
)
SENTENCE_COLUMNS = (
    ["id", "source", "status", "error", "index", "start", "end", "text", "labels"]
    + [f"{d}_score" for d in DIMENSIONS] + ["voice", "cues", "evidence", "is_headline"]
    + STAMP_COLUMNS
)


# --- rows -------------------------------------------------------------------------------


def _carry(row: dict, fields: dict) -> dict:
    for key, value in fields.items():
        name = key if key not in row else f"field_{key}"
        row[name] = value if isinstance(value, (str, int, float, bool)) or value is None else json.dumps(value, ensure_ascii=False)
    return row


def article_row(report, record: Record) -> dict:
    """The article-level figures of one report as a flat row."""
    row = {"id": record.id, "source": record.source, "status": "ok", "error": "",
           "sentences": len(report.sentences), "words": report.words, "flagged_sentences": len(report.flagged)}
    for d in DIMENSIONS:
        s = report.dimensions[d]
        row.update({f"{d}_share": s.share, f"{d}_sentences": s.sentences, f"{d}_model_only": s.model_only, f"{d}_cues": s.cues,
                    f"{d}_per_100_words": s.cues_per_100_words, f"{d}_mean": s.mean_score, f"{d}_max": s.max_score})
    headline = report.headline
    row["headline"] = headline.text if headline else ""
    for d in DIMENSIONS:  # 4 places, like the article scores (the sentence rows keep the report's 6)
        row[f"headline_{d}"] = round(headline.scores[d], 4) if headline else None
    row["quoted_sentences"] = report.voices.get("quoted", {}).get("sentences", 0)
    row["named_sources"] = report.sources.get("named", 0)
    row["unnamed_sources"] = report.sources.get("unnamed", 0)
    row["top_cues"] = "; ".join(f"{c.dimension}:{c.cue}={c.count}" for c in report.top_cues)
    readability = report.readability or {}
    for key in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"):
        row[key] = readability.get(key)
    row.update(_stamp(report.provenance))
    return _carry(row, record.fields)


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _stamp(provenance: dict | None) -> dict:
    """The columns that say what produced a row: version, lexicons, model (``""`` for rules
    only), ``evidence_mode`` (which labels count, any or cue), the ``thresholds`` in use, the
    ones set by the user (``threshold_overrides``, ``{}`` when none) and the segmentation
    settings."""
    if provenance is None:
        return {}
    thresholds = provenance.get("thresholds") or {}
    overrides = {d: thresholds[d] for d in provenance.get("threshold_overrides") or () if d in thresholds}
    return {"hedgeometer_version": provenance["hedgeometer"], "lexicon_fingerprint": provenance["lexicon_fingerprint"],
            "model_id": (provenance.get("model") or {}).get("id", ""), "evidence_mode": provenance.get("evidence", "any"),
            "thresholds": _compact(thresholds), "threshold_overrides": _compact(overrides),
            "segmentation": _compact(provenance.get("segmentation") or {})}


def sentence_rows(report, record: Record) -> list[dict]:
    """One row per sentence (the headline first, when there is one). ``evidence`` is JSON:
    per label, what fired it (``{"dramatic": {"kind": "model", "ngrams": [["sparked", 0.55]]}}``)."""
    rows = []
    sentences = ([report.headline] if report.headline else []) + list(report.sentences)
    stamp = _stamp(report.provenance)
    for sentence in sentences:
        row = {"id": record.id, "source": record.source, "status": "ok", "error": "", "index": sentence.index,
               "start": sentence.start, "end": sentence.end, "text": sentence.text, "labels": ",".join(sentence.labels)}
        for d in DIMENSIONS:
            row[f"{d}_score"] = sentence.scores[d]
        row["voice"] = sentence.voice
        row["cues"] = json.dumps([[c.dimension, c.text, c.start, c.end] for c in sentence.cues], ensure_ascii=False)
        row["evidence"] = json.dumps(sentence.evidence or {}, ensure_ascii=False)
        row["is_headline"] = sentence is report.headline
        row.update(stamp)
        rows.append(_carry(row, record.fields))
    return rows


def error_row(record: Record, sentences: bool, provenance: dict | None = None) -> dict:
    """The row of a record that could not be scored: every figure is None (null in JSONL, an empty
    cell in CSV); the row still says what ran (``provenance``, the analyzer's)."""
    columns = SENTENCE_COLUMNS if sentences else ARTICLE_COLUMNS
    row = dict.fromkeys(columns)
    row.update({"id": record.id, "source": record.source, "status": "error", "error": record.error})
    row.update(_stamp(provenance))
    return _carry(row, record.fields)


# --- the work, in whichever process runs it ----------------------------------------------


def rows_for(analyzer, record: Record, sentences: bool) -> list[dict]:
    """Rows of one record; an unexpected failure becomes an error row, never a lost record."""
    if record.error is not None:
        return [error_row(record, sentences, _provenance(analyzer))]
    try:
        report = analyzer.analyze(record.text, id=record.id, headline=record.headline, markdown=record.markdown)
    except InputError as error:  # the article cannot be scored (a Markdown file with no prose)
        record.error = str(error).removeprefix(f"{record.id}: ")
    except Exception as error:  # one bad article must not stop a corpus run
        record.error = f"analysis failed: {type(error).__name__}: {error}"
    else:
        return sentence_rows(report, record) if sentences else [article_row(report, record)]
    return [error_row(record, sentences, _provenance(analyzer))]


def _provenance(analyzer) -> dict | None:
    try:
        return analyzer.provenance()
    except Exception:  # an analyzer that cannot load fails every record; each still gets its row
        return None


def process_chunk(analyzer, chunk: list[Record], sentences: bool) -> list[list[dict]]:
    return [rows_for(analyzer, record, sentences) for record in chunk]


_WORKER_ANALYZER = None


def _init_worker(settings: dict) -> None:
    global _WORKER_ANALYZER
    import signal

    from ..analyzer import Analyzer

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent handles it

    _WORKER_ANALYZER = Analyzer(**settings)


def _process_in_worker(chunk: list[Record], sentences: bool) -> list[list[dict]]:
    return process_chunk(_WORKER_ANALYZER, chunk, sentences)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_local(analyzer, settings: dict, records: Iterable[Record], sentences: bool, jobs: int) -> Iterator[list[dict]]:
    """Rows per record, in input order, from this process (jobs=1) or a process pool."""
    if jobs <= 1:
        for record in records:
            yield rows_for(analyzer, record, sentences)
        return
    from concurrent.futures import ProcessPoolExecutor

    window = jobs * 3  # chunks in flight: enough to keep every worker busy, few enough to stay flat
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,))
    try:
        pending: deque = deque()
        for chunk in _chunks(records, CHUNK):
            pending.append(pool.submit(_process_in_worker, chunk, sentences))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # an interrupt: drop the chunks not started rather than finish them
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(analyzer, records: Iterable[Record], sentences: bool, scheduler: str) -> Iterator[list[dict]]:
    """Rows per record, in input order, computed on a Dask distributed cluster."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'hedgeometer[dask]'") from None
    _ = (analyzer.lexicon, analyzer.classifier, analyzer.resolved_thresholds)  # load before shipping: workers never read files
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared = client.scatter(analyzer, broadcast=True)  # once per worker, not per article
        window = workers * 4
        pending: deque = deque()
        for chunk in _chunks(records, CHUNK):
            pending.append(client.submit(process_chunk, shared, chunk, sentences, pure=False))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()


# --- output -----------------------------------------------------------------------------


class RowWriter:
    """Appends complete rows to a CSV or JSONL file, flushing after each article.

    CSV rows end with ``\\r\\n`` and values never contain it (newlines inside values are kept as
    ``\\n``), so the end of the last complete row is always the last ``\\r\\n`` in the file.
    """

    def __init__(self, path: Path, fmt: str, columns: list[str], append: bool):
        self.path, self.fmt, self.columns = path, fmt, columns
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
    """What an output that ``--resume`` continues already holds."""

    ids: set[str] = field(default_factory=set)
    failed: int = 0  # its error rows: one per record that failed
    failures: list = field(default_factory=list)  # (id, error), the first 20


def read_earlier_rows(path: Path, fmt: str, columns: list[str], stamp: dict | None = None) -> EarlierRows:
    """The ids and error rows already written to ``path``; what a kill may have left unfinished
    is cut off first: a torn last row, and with sentence rows every row of the last article (a
    kill can stop an article's rows between two of them, so that article is scored again).

    Nothing is cut until the file is known to be an output of this kind of run (``columns``)
    and, given this run's ``stamp`` (:func:`_stamp`), one written under the same settings: a
    mistaken ``-o`` with ``--resume``, or a resume with another model, lexicon, threshold,
    evidence mode or segmentation, is an error that says what differs, never a mixed or
    emptied file.
    """
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
        raise InputError(f"{path}: written by hedgeometer {version}, whose rows lack columns this version writes "
                         f"({names}), so --resume cannot continue it; write to another -o, or drop --resume to "
                         f"score everything again")


_STAMP_NAMES = {"hedgeometer_version": "hedgeometer version", "lexicon_fingerprint": "lexicons (fingerprint)",
                "model_id": "model", "evidence_mode": "--evidence", "thresholds": "thresholds",
                "threshold_overrides": "--threshold", "segmentation": "segmentation"}


def _stamp_value(column: str, value):
    """A stamp as compared: JSON columns parsed (their spelling does not matter), missing as ''."""
    if value is None:
        return ""
    if column in _JSON_STAMPS and isinstance(value, str):
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
            raise InputError(
                f"{path} was written with other settings (row {identifier!r}), so --resume would mix rows scored "
                f"two ways:\n" + "\n".join(f"  {d}" for d in differences)
                + "\nResume with the settings that wrote it, write to another -o, or drop --resume to score "
                  "everything again.")


def _difference(column: str, before, now) -> str:
    """One line of what differs: ``thresholds: dramatic 0.25 in the file, 0.95 now``."""
    if column == "threshold_overrides":
        return ""  # the thresholds themselves are compared; which were set by hand does not change a label
    if column == "model_id":
        def model(value):
            return f"model {value}" if value else "rules only (--no-model)"
        return f"model: {model(before)} in the file, {model(now)} now"
    if column in ("thresholds", "segmentation") and isinstance(before, dict) and isinstance(now, dict):
        def show(value):
            return f"{value:.2f}" if isinstance(value, float) else str(value)
        parts = [f"{key} {show(before.get(key, '(none)'))} in the file, {show(now.get(key, '(none)'))} now"
                 for key in dict.fromkeys([*before, *now]) if before.get(key) != now.get(key)]
        label = "thresholds (--threshold)" if column == "thresholds" else "segmentation (--boilerplate)"
        return f"{label}: " + "; ".join(parts)
    return f"{_STAMP_NAMES[column]}: {before or '(none)'} in the file, {now or '(none)'} now"


def _note(earlier: EarlierRows, identifier: str, status, error) -> None:
    earlier.ids.add(identifier)
    if status == "error":
        earlier.failed += 1
        if len(earlier.failures) < 20:
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
    """--resume must stop, not guess, when -o names a file the tool did not write."""
    where = f"{path}:{lineno}" if lineno else f"{path}"
    kind = ""
    if columns is not None:
        kind = " of batch --sentences" if list(columns) == SENTENCE_COLUMNS else " of batch without --sentences"
    return InputError(f"{where}: not a hedgeometer output{kind}, so --resume cannot continue it; "
                      f"write to another -o, or drop --resume to replace the file")


def _jsonl_row(line: bytes, path: Path, lineno: int) -> dict:
    try:
        row = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        row = None
    if not isinstance(row, dict) or "id" not in row:
        raise _not_ours(path, lineno)
    return row


# --- the run ----------------------------------------------------------------------------


@dataclass
class BatchSummary:
    records: int = 0
    failed: int = 0
    skipped: int = 0  # records whose rows an earlier run wrote (--resume)
    failed_earlier: int = 0  # error rows an earlier run wrote: the output holds them too
    kept: int = 0  # records whose rows the output already held when --resume began
    rows: int = 0
    seconds: float = 0.0
    failures: list = field(default_factory=list)  # (id, error), the first 20
    earlier_failures: list = field(default_factory=list)  # (id, error), the first 20 of failed_earlier
    interrupted: bool = False  # stopped by Ctrl-C (KeyboardInterrupt): the rows written are whole; resume continues

    @property
    def clean(self) -> bool:
        """Whether the output holds no error row, from this run or one it resumed."""
        return not self.failed and not self.failed_earlier


def row_format(output: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson"):
        return "jsonl"
    if suffix == "csv":
        return "csv"
    raise InputError(f"{output}: cannot tell the format from the name; end it in .csv or .jsonl, or pass --format")


def run_batch(records: Iterable[Record], output: Path, *, analyzer, settings: dict, fmt: str, sentences: bool = False,
              jobs: int = 1, engine: str = "local", scheduler: str | None = None, resume: bool = False,
              on_progress: Callable[[BatchSummary], None] | None = None) -> BatchSummary:
    """Score ``records`` into ``output``; returns counts. ``settings`` rebuild the analyzer in
    worker processes."""
    summary = BatchSummary()
    columns = SENTENCE_COLUMNS if sentences else ARTICLE_COLUMNS
    earlier = read_earlier_rows(output, fmt, columns, _stamp(_provenance(analyzer))) if resume else EarlierRows()
    summary.failed_earlier, summary.earlier_failures = earlier.failed, earlier.failures
    summary.kept = len(earlier.ids)
    if earlier.ids:
        records = _skip_done(records, _with_path_spellings(earlier.ids), summary)
    writer = RowWriter(output, fmt, list(columns), append=resume and output.exists())
    start = time.perf_counter()
    try:
        if engine == "dask":
            if not scheduler:
                raise InputError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
            results = run_dask(analyzer, records, sentences, scheduler)
        else:
            results = run_local(analyzer, settings, records, sentences, jobs)
        for rows in results:
            writer.write(rows)
            summary.records += 1
            summary.rows += len(rows)
            if rows[0]["status"] == "error":
                summary.failed += 1
                if len(summary.failures) < 20:
                    summary.failures.append((rows[0]["id"], rows[0]["error"]))
            summary.seconds = time.perf_counter() - start
            if on_progress:
                on_progress(summary)
    except KeyboardInterrupt:  # each article's rows go in one write: what is in the file is whole
        summary.interrupted = True
    finally:
        writer.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _with_path_spellings(ids: set[str]) -> set[str]:
    """``ids`` plus each one's path part in today's spelling (:func:`path_name`), so that a file an
    earlier run named otherwise (``/cwd/b/x.txt``, ``b/../b/x.txt:3``) counts as done. Each id
    also stays as written: an explicit id from an id field is never respelled, so it still
    matches itself."""
    folders = working_folders()
    return ids | {path_name(i, folders) for i in ids if not i.startswith("<stdin>")}


def _skip_done(records: Iterable[Record], done: set[str], summary: BatchSummary) -> Iterator[Record]:
    for record in records:
        if record.id in done:
            summary.skipped += 1
            continue
        yield record


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
