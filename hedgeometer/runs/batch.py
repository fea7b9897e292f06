"""Score a corpus: records in, one row per article (or per sentence) out, nothing lost.

The run streams: records are read lazily (:mod:`.records`), scored by an engine in input order
with a bounded number in flight (:mod:`.engines`), and each article's rows are written in one
write followed by a flush (:mod:`.writer`). So memory stays flat however large the corpus, and a
killed run leaves a file of complete rows that ``resume=True`` continues.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import Hint, InputError, Message, phrase
from .engines import ENGINES, check_engine, provenance_or_none, run_dask, run_local
from .records import Record, path_name, working_folders
from .rows import columns as row_columns, stamp
from .writer import FAILURES_LISTED, EarlierRows, RowWriter, check_row_format, read_earlier_rows


@dataclass
class BatchSummary:
    records: int = 0
    failed: int = 0
    skipped: int = 0  # records whose rows an earlier run wrote (resume)
    failed_earlier: int = 0  # error rows an earlier run wrote: the output holds them too
    kept: int = 0  # records whose rows the output already held when the resumed run began
    rows: int = 0
    seconds: float = 0.0
    failures: list = field(default_factory=list)  # (id, error), the first FAILURES_LISTED
    earlier_failures: list = field(default_factory=list)  # (id, error), the first FAILURES_LISTED of failed_earlier
    interrupted: bool = False  # stopped by Ctrl-C (KeyboardInterrupt): the rows written are whole; resume continues

    @property
    def clean(self) -> bool:
        """Whether the output holds no error row, from this run or one it resumed."""
        return not self.failed and not self.failed_earlier


def run_batch(records: Iterable[Record], output: Path, *, analyzer, fmt: str, sentences: bool = False,
              jobs: int = 1, engine: str = ENGINES[0], scheduler: str | None = None, resume: bool = False,
              on_progress: Callable[[BatchSummary], None] | None = None,
              name_hint: Callable[[Hint], str] = str) -> BatchSummary:
    """Score ``records`` into ``output`` (``fmt`` "csv" or "jsonl") with ``analyzer``; returns counts.

    ``engine`` "local" runs ``jobs`` processes, "dask" the cluster at ``scheduler``. An error
    row's text names the settings that would fix it as ``name_hint`` says (by default as this
    library's parameters, ``max_chars=4000``; the command line gives its options)."""
    check_row_format(fmt), check_engine(engine)  # before the output is opened (and emptied)
    summary = BatchSummary()
    columns = row_columns(sentences)
    earlier = read_earlier_rows(output, fmt, columns, stamp(provenance_or_none(analyzer))) if resume else EarlierRows()
    summary.failed_earlier, summary.earlier_failures = earlier.failed, earlier.failures
    summary.kept = len(earlier.ids)
    if earlier.ids:
        records = _skip_done(records, _with_path_spellings(earlier.ids), summary)
    writer = RowWriter(output, fmt, list(columns), append=resume and output.exists())
    start = time.perf_counter()
    try:
        if engine == "dask":
            if not scheduler:
                raise InputError(Message(Hint("engine", "dask"), " needs a scheduler address, e.g. ",
                                         Hint("scheduler", "tcp://10.0.0.5:8786")))
            results = run_dask(analyzer, records, sentences, scheduler)
        else:
            results = run_local(analyzer, records, sentences, jobs)
        for rows in results:
            if rows[0]["status"] == "error":  # an error row has no other: one per record
                rows[0]["error"] = phrase(rows[0]["error"], name_hint)
            writer.write(rows)
            summary.records += 1
            summary.rows += len(rows)
            if rows[0]["status"] == "error":
                summary.failed += 1
                if len(summary.failures) < FAILURES_LISTED:
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
