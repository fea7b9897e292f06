"""Row shapes (hedgeometer.runs.rows): a report as article or sentence rows, error rows with null figures."""

import csv
import json

import pytest

from hedgeometer import Analyzer
from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.runs.batch import run_batch
from hedgeometer.runs.records import iter_records
from hedgeometer.runs.rows import ARTICLE_COLUMNS, SENTENCE_COLUMNS, STAMP_COLUMNS


def test_sentence_rows(tmp_path):
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": "Talks Collapse\n\nThe talks may fail. It rained.", "desk": "world"}) + "\n")
    out = tmp_path / "sentences.jsonl"
    run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), fmt="jsonl", sentences=True)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["text"] for r in rows] == ["Talks Collapse", "The talks may fail.", "It rained."]
    assert rows[0]["is_headline"] is True and rows[1]["labels"].startswith("hedging")
    assert all(r["desk"] == "world" for r in rows)


MEASURED = [c for c in ARTICLE_COLUMNS if c not in ("id", "source", "status", "error", *STAMP_COLUMNS)]


STAMP = STAMP_COLUMNS


def test_missing_numbers_are_null_in_jsonl_and_empty_in_csv(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "plain", "text": "Officials may delay the vote."}) + "\n"  # no headline
                      + json.dumps({"id": "empty", "text": " "}) + "\n")
    rows = {}
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"rows.{fmt}"
        run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), fmt=fmt)
        with out.open(newline="") as handle:
            rows[fmt] = ([json.loads(line) for line in handle] if fmt == "jsonl" else list(csv.DictReader(handle)))
    (plain, empty), (plain_cells, empty_cells) = rows["jsonl"], rows["csv"]
    absent = [f"headline_{d}" for d in DIMENSIONS] + ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"]
    assert [plain[c] for c in absent] == [None] * 8  # was "" in JSONL
    assert [plain_cells[c] for c in absent] == [""] * 8
    assert empty["status"] == "error" and [empty[c] for c in MEASURED] == [None] * len(MEASURED)
    assert [empty_cells[c] for c in MEASURED] == [""] * len(MEASURED)
    assert [empty[c] for c in STAMP] == [plain[c] for c in STAMP] == [empty_cells[c] for c in STAMP]  # were empty
    assert all(plain[c] for c in STAMP[:2])
    pd = pytest.importorskip("pandas")
    frame = pd.read_json(tmp_path / "rows.jsonl", lines=True)
    assert all(pd.api.types.is_numeric_dtype(frame[c]) for c in MEASURED if c not in ("headline", "top_cues")), \
        frame.dtypes[frame.dtypes == object]


def test_sentence_error_rows_have_null_figures(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "empty", "text": ""}) + "\n")
    out = tmp_path / "rows.jsonl"
    run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), fmt="jsonl",
              sentences=True)
    row = json.loads(out.read_text())
    assert row["status"] == "error" and row["error"] == "empty text"
    figures = [c for c in SENTENCE_COLUMNS[4:] if c not in STAMP_COLUMNS]
    assert [row[c] for c in figures] == [None] * len(figures)
    assert row["evidence_mode"] == "any" and row["hedgeometer_version"]  # an error row still says what ran


def test_headline_scores_have_four_places_like_the_other_article_scores(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "h", "text": "The talks may fail, sources say.",
                                  "headline": "Talks Teeter On The Brink As Rivals Dig In"}) + "\n")
    rows = {}
    for sentences in (False, True):
        out = tmp_path / f"rows-{sentences}.jsonl"
        run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), fmt="jsonl", sentences=sentences)
        rows[sentences] = [json.loads(line) for line in out.read_text().splitlines()]
    (article,), headline = rows[False], rows[True][0]
    assert headline["is_headline"] is True
    for d in DIMENSIONS:
        assert article[f"headline_{d}"] == round(headline[f"{d}_score"], 4), d  # was the 6-place score
        assert article[f"{d}_max"] == round(article[f"{d}_max"], 4)
