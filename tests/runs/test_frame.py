"""Reports as pandas DataFrames (hedgeometer.runs.frame: to_frame), in the corpus runs' row shapes."""

import pytest

from hedgeometer import Analyzer, to_frame

from conftest import TEXTS


def test_to_frame(tmp_path):
    pytest.importorskip("pandas")
    reports = list(Analyzer(readability=False).analyze_many([{"id": "p", "text": TEXTS[0]}, {"id": "q", "text": TEXTS[1]}]))
    frame = to_frame(reports)
    assert list(frame["id"]) == ["p", "q"] and frame.loc[0, "hedging_sentences"] == 1
    assert len(to_frame(reports, sentences=True)) == 2
