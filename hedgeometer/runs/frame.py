"""pandas DataFrames for notebook users (pandas is optional: ``pip install pandas``)."""

from __future__ import annotations

from typing import Iterable

from ..errors import MissingDependencyError
from .rows import article_row, sentence_rows


def to_frame(reports: Iterable, sentences: bool = False):
    """A DataFrame with one row per article (or per sentence) of ``reports``.

    ``reports`` are :class:`ArticleReport` objects (from ``Analyzer.analyze_many``) or row
    dicts (from ``hedgeometer batch --format jsonl``, read back with ``json.loads``).

    >>> from hedgeometer import Analyzer, to_frame
    >>> frame = to_frame(Analyzer(model=None).analyze_many(["Prices may rise.", "It rained."]))
    >>> frame[["id", "sentences", "hedging_share"]]
      id  sentences  hedging_share
    0  0          1            1.0
    1  1          1            0.0
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("to_frame needs pandas: pip install pandas (or 'hedgeometer[pandas]')") from None
    rows: list[dict] = []
    for number, item in enumerate(reports):
        if isinstance(item, dict):
            rows.append(item)
            continue
        identifier, source = (item.id if item.id is not None else str(number)), item.id or ""
        rows.extend(sentence_rows(item, identifier, source) if sentences else [article_row(item, identifier, source)])
    return pd.DataFrame(rows)
