"""Corpus runs: one row per record, error rows that name their cause, rows equal to analyze()."""

import csv
import json

from hedgeometer import Analyzer
from hedgeometer.runs.batch import run_batch
from hedgeometer.runs.records import RecordOptions, iter_records
from hedgeometer.runs.rows import article_row

from conftest import TEXTS


def build_corpus(tmp_path):
    """2,000 good JSONL records plus ten bad ones of five kinds, mixed in."""
    path = tmp_path / "corpus.jsonl"
    bad = {}
    with path.open("w", encoding="utf-8") as handle:
        for number in range(2010):
            if number % 201 == 100 and len(bad) < 10:
                kind = len(bad) % 5
                identifier = f"bad-{len(bad)}"
                if kind == 0:
                    handle.write(json.dumps({"id": identifier, "text": "   "}) + "\n")
                    bad[identifier] = "empty text"
                elif kind == 1:
                    handle.write(json.dumps({"id": identifier, "body": "no text field"}) + "\n")
                    bad[identifier] = "missing text field"
                elif kind == 2:
                    handle.write(json.dumps({"id": identifier, "text": "x" * 5000}) + "\n")
                    bad[identifier] = "over max_chars=4000"
                elif kind == 3:
                    handle.write('{"id": "broken", "text": \n')
                    bad[f"{path}:{number + 1}"] = "invalid JSON"
                else:
                    handle.write(json.dumps({"id": identifier, "text": 42}) + "\n")
                    bad[identifier] = "is a number (42), not text"
                continue
            text = TEXTS[number % len(TEXTS)] + f" Item {number}."
            handle.write(json.dumps({"id": f"a{number}", "text": text, "outlet": f"o{number % 3}"}) + "\n")
    return path, bad


def test_two_thousand_articles_nothing_lost(tmp_path):
    corpus, bad = build_corpus(tmp_path)
    output = tmp_path / "rows.jsonl"
    analyzer = Analyzer(readability=False)
    options = RecordOptions(max_chars=4000)
    records = list(iter_records([str(corpus)], options))
    summary = run_batch(iter_records([str(corpus)], options), output, analyzer=analyzer, fmt="jsonl", jobs=1)
    rows = [json.loads(line) for line in output.read_text().splitlines()]
    assert len(records) == 2010 and len(rows) == 2010 == summary.records
    assert summary.failed == 10
    errors = {row["id"]: row["error"] for row in rows if row["status"] == "error"}
    assert set(errors) == set(bad)
    for identifier, cause in bad.items():
        assert cause in errors[identifier], (identifier, errors[identifier])
    assert [row["id"] for row in rows] == [record.id for record in records]  # input order
    one_by_one = Analyzer(readability=False)
    for record, row in zip(records, rows):
        if record.error is None:
            expected = article_row(one_by_one.analyze(record.text, id=record.id), record.id, record.source, record.fields)
            assert row == json.loads(json.dumps(expected)), record.id
            assert row["outlet"] == record.fields["outlet"]


def test_parallel_rows_equal_serial_rows(tmp_path):
    corpus = tmp_path / "small.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"s{i}", "text": TEXTS[i % 5]}) + "\n" for i in range(120)))
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"rows-{jobs}.csv"
        run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), fmt="csv", jobs=jobs)
        outputs[jobs] = out.read_bytes()
    assert outputs[1] == outputs[2]
    rows = list(csv.DictReader(outputs[1].decode().splitlines()))
    assert len(rows) == 120 and rows[2]["dramatic_sentences"] == "1"


def test_ragged_csv_rows_become_error_rows(tmp_path):
    table = tmp_path / "ragged.csv"
    table.write_text("id,text,outlet\n1,Prices may rise.,A\n2,Prices, they say, may rise.,B\n3,Prices fell.\n"
                     "4,It rained.,C\n5\n")
    out = tmp_path / "rows.jsonl"
    summary = run_batch(iter_records([str(table)]), out, analyzer=Analyzer(readability=False), fmt="jsonl")
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert summary.records == 5 and summary.failed == 3
    assert [(r["id"], r["status"], r["error"]) for r in rows] == [
        ("1", "ok", ""),
        (f"{table}:3", "error", "row has 5 fields, the header has 3"),
        (f"{table}:4", "error", "row has 2 fields, the header has 3"),
        ("4", "ok", ""),
        (f"{table}:6", "error", "row has 1 field, the header has 3"),  # was "text field 'text' is NoneType"
    ]


def test_an_unknown_engine_is_refused_before_the_output_is_touched(tmp_path):
    import pytest

    from hedgeometer.errors import ParameterError
    from hedgeometer.runs.engines import ENGINES

    out = tmp_path / "rows.jsonl"
    out.write_text("kept\n")
    with pytest.raises(ParameterError) as caught:
        run_batch([], out, analyzer=Analyzer(model=None), fmt="jsonl", engine="spark")
    assert (caught.value.parameter, caught.value.value, caught.value.choices) == ("engine", "spark", ENGINES)
    assert out.read_text() == "kept\n"  # not emptied
    with pytest.raises(ParameterError, match="fmt='xml'"):
        run_batch([], out, analyzer=Analyzer(model=None), fmt="xml")
    assert out.read_text() == "kept\n"
