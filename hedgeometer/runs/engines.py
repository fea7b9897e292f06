"""Engines: rows for a stream of records, in input order, computed here, in a process pool or on
a Dask distributed cluster.

Every engine is the same loop (:func:`_in_order`): records go out in chunks, at most a window of
chunks is in flight, and each chunk's rows come back in order before the next is sent. So
memory stays flat however large the corpus. Every worker gets the analyzer loaded once (a
process pool's workers when they start; Dask's by scattering it), never a file to read.
"""

from __future__ import annotations

import os
from collections import deque
from typing import Callable, Iterable, Iterator

from ..errors import Hint, InputError, Message, ParameterError
from .records import Record
from .rows import article_row, error_row, sentence_rows

ENGINES = ("local", "dask")  # run_local, run_dask; the first is the default
CHUNK = 16  # records per task: big enough to amortise inter-process overhead


# --- the work, in whichever process runs it ----------------------------------------------


def score_record(analyzer, record: Record):
    """The report of one record, or None with ``record.error`` saying why it has none. An
    unexpected failure becomes an error, never a lost record."""
    try:
        report = analyzer.analyze(record.text, id=record.id, headline=record.headline, markdown=record.markdown)
    except Exception as error:  # one bad article must not stop a corpus run
        report = error
    return _report_of(record, report)


def _report_of(record: Record, outcome):
    """``outcome`` (a report, or the exception analysing ``record`` raised) as a report, or None
    with ``record.error`` saying why. The one place that words a record's failure."""
    if isinstance(outcome, InputError):  # the article cannot be scored (a Markdown file with no prose)
        record.error = outcome.message.removeprefix(f"{record.id}: ")
    elif isinstance(outcome, Exception):
        record.error = f"analysis failed: {type(outcome).__name__}: {outcome}"
    else:
        return outcome
    return None


def rows_for(analyzer, record: Record, sentences: bool) -> list[dict]:
    """Rows of one record: its report's, or its error row."""
    return _rows(analyzer, record, score_record(analyzer, record) if record.error is None else None, sentences)


def _rows(analyzer, record: Record, report, sentences: bool) -> list[dict]:
    if report is not None:
        return (sentence_rows(report, record.id, record.source, record.fields) if sentences
                else [article_row(report, record.id, record.source, record.fields)])
    return [error_row(record.id, record.source, record.error, sentences, record.fields, provenance_or_none(analyzer))]


def provenance_or_none(analyzer) -> dict | None:
    """The analyzer's provenance stamp, or None when it cannot load (its records still get rows)."""
    try:
        return analyzer.provenance()
    except Exception:  # an analyzer that cannot load fails every record; each still gets its row
        return None


def score_chunk(analyzer, chunk: list[Record], sentences: bool) -> list[list[dict]]:
    """Rows of each record of ``chunk``, in order: one task of an engine. The chunk's articles
    are scored in one batch (:meth:`~hedgeometer.analyzer.Analyzer.analyze_batch`: the rows
    :func:`rows_for` gives record by record, faster)."""
    readable = [record for record in chunk if record.error is None]
    try:
        outcomes = iter(analyzer.analyze_batch([(r.text, r.id, r.headline, r.markdown) for r in readable]))
    except Exception:  # the analyzer cannot load: record by record, each gets its own error row
        return [rows_for(analyzer, record, sentences) for record in chunk]
    return [_rows(analyzer, record, _report_of(record, next(outcomes)) if record.error is None else None, sentences)
            for record in chunk]


def loaded(analyzer):
    """``analyzer`` with its lexicon, model and thresholds loaded, ready to ship to workers (a
    bad lexicon or model fails here, before any row)."""
    _ = (analyzer.loaded_lexicon, analyzer.loaded_model, analyzer.resolved_thresholds)
    return analyzer


# --- the one loop ------------------------------------------------------------------------


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(submit: Callable, records: Iterable[Record], size: int, window: int) -> Iterator[list[dict]]:
    """Rows per record, in input order: chunks of ``size`` records go to ``submit`` (which
    returns a future), at most ``window`` chunks in flight."""
    pending: deque = deque()
    for chunk in _chunks(records, size):
        pending.append(submit(chunk))
        while len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class _Done:
    """The future of work done at once, in this process."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


# --- local: this process, or a process pool ------------------------------------------------

_WORKER_ANALYZER = None


def _init_worker(analyzer) -> None:
    global _WORKER_ANALYZER
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent handles it
    _WORKER_ANALYZER = analyzer


def _score_in_worker(chunk: list[Record], sentences: bool) -> list[list[dict]]:
    return score_chunk(_WORKER_ANALYZER, chunk, sentences)


def run_local(analyzer, records: Iterable[Record], sentences: bool, jobs: int) -> Iterator[list[dict]]:
    """Rows per record, in input order, from this process (jobs=1, a chunk's rows as soon as it
    is scored) or a pool of ``jobs`` processes."""
    if jobs <= 1:
        yield from _in_order(lambda chunk: _Done(score_chunk(analyzer, chunk, sentences)), records, CHUNK, 1)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(loaded(analyzer),))
    try:  # chunks in flight: enough to keep every worker busy, few enough to stay flat
        yield from _in_order(lambda chunk: pool.submit(_score_in_worker, chunk, sentences), records, CHUNK, jobs * 3)
    finally:  # an interrupt: drop the chunks not started rather than finish them
        pool.shutdown(wait=True, cancel_futures=True)


# --- dask: an existing cluster ------------------------------------------------------------


def run_dask(analyzer, records: Iterable[Record], sentences: bool, scheduler: str) -> Iterator[list[dict]]:
    """Rows per record, in input order, computed on the Dask distributed cluster at ``scheduler``."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(Message(Hint("engine", "dask"), " needs Dask: pip install 'hedgeometer[dask]'")) from None
    analyzer = loaded(analyzer)
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared = client.scatter(analyzer, broadcast=True)  # once per worker, not per article
        yield from _in_order(lambda chunk: client.submit(score_chunk, shared, chunk, sentences, pure=False),
                             records, CHUNK, workers * 4)
    finally:
        client.close()


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def check_engine(engine: str) -> str:
    """``engine`` when it is one of :data:`ENGINES`; else :class:`ParameterError`."""
    if engine not in ENGINES:
        raise ParameterError("engine", engine, " or ".join(map(repr, ENGINES)), ENGINES)
    return engine
