"""The writer's side of resume: what an earlier run left is read back, a torn row cut, and a file
the tool did not write (or wrote with other settings) never touched."""

import csv
import json

import pytest

from hedgeometer import Analyzer
from hedgeometer.errors import InputError
from hedgeometer.runs.batch import run_batch
from hedgeometer.runs.records import iter_records
from hedgeometer.runs.rows import ARTICLE_COLUMNS, SENTENCE_COLUMNS
from hedgeometer.runs.writer import read_earlier_rows

from conftest import TEXTS


def _row(identifier, columns=ARTICLE_COLUMNS, **values):
    return json.dumps({**dict.fromkeys(columns), "id": identifier, **values}, ensure_ascii=False) + "\n"


def test_earlier_rows_cut_a_torn_row(tmp_path):
    out = tmp_path / "rows.jsonl"
    out.write_text(_row("a") + _row("b") + '{"id": "c", "tor')
    assert read_earlier_rows(out, "jsonl", ARTICLE_COLUMNS).ids == {"a", "b"}
    assert out.read_text() == _row("a") + _row("b")


def test_earlier_rows_read_rows_holding_line_separators(tmp_path):
    out = tmp_path / "rows.jsonl"  # JSON leaves U+2028 and U+0085 unescaped; they do not end a row
    out.write_text(_row("a", text="one\u2028two\x85three"), encoding="utf-8")
    assert read_earlier_rows(out, "jsonl", ARTICLE_COLUMNS).ids == {"a"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_sentence_rows_of_the_last_article_are_cut_and_scored_again(tmp_path, fmt):
    """A kill can stop between two sentence rows of one article (rows reach the disk in
    buffer-sized pieces), so the last article's rows are never trusted: they are cut, and the
    article is not counted as done."""
    out = tmp_path / f"rows.{fmt}"
    rows = [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
    if fmt == "jsonl":
        out.write_text("".join(_row(i, SENTENCE_COLUMNS, index=k, text="Née — ok.") for i, k in rows), encoding="utf-8")
    else:
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(SENTENCE_COLUMNS)
            for i, k in rows:
                writer.writerow([{"id": i, "index": k, "text": "Née —\nok."}.get(c, "") for c in SENTENCE_COLUMNS])
    kept = out.read_bytes()
    assert read_earlier_rows(out, fmt, SENTENCE_COLUMNS).ids == {"a"}
    cut = out.read_bytes()
    assert kept.startswith(cut) and cut.count(b"\xc3\xa9") == 2  # both rows of "a", whole
    assert read_earlier_rows(out, fmt, SENTENCE_COLUMNS).ids == set()  # "a" is now the last article


def test_resume_refuses_jsonl_rows_of_the_other_kind(tmp_path):
    out = tmp_path / "rows.jsonl"
    out.write_text(_row("a"))
    with pytest.raises(InputError, match="not a hedgeometer output of sentence rows \\(sentences=True\\)"):
        read_earlier_rows(out, "jsonl", SENTENCE_COLUMNS)
    out.write_text(_row("a", SENTENCE_COLUMNS))
    with pytest.raises(InputError, match="not a hedgeometer output of article rows \\(without sentences=True\\)"):
        read_earlier_rows(out, "jsonl", ARTICLE_COLUMNS)
    assert out.read_text() == _row("a", SENTENCE_COLUMNS)


ARTICLE_HEADER = ",".join(ARTICLE_COLUMNS) + ",other_fields\r\n"


@pytest.mark.parametrize("name, content, columns, message", [
    ("other.csv", "name,age\nbob,3\n", ARTICLE_COLUMNS, "not a hedgeometer output of article rows \\(without sentences=True\\)"),
    ("other.csv", "id,name\r\n1,bob\r\n", ARTICLE_COLUMNS, "not a hedgeometer output of article rows \\(without sentences=True\\)"),
    ("other.csv", "name,age", ARTICLE_COLUMNS, "not a hedgeometer output"),
    ("articles.csv", ARTICLE_HEADER + "a1,x,ok\r\n", SENTENCE_COLUMNS,
     "not a hedgeometer output of sentence rows \\(sentences=True\\)"),
    ("other.jsonl", '{"name": "bob"}\n{"name": "al"}', ARTICLE_COLUMNS, "other.jsonl:1: not a hedgeometer output"),
    ("other.jsonl", '{"name": "bob"}', ARTICLE_COLUMNS, "other.jsonl:1: not a hedgeometer output"),
])
def test_earlier_rows_never_cut_a_file_the_tool_did_not_write(tmp_path, name, content, columns, message):
    out = tmp_path / name
    out.write_bytes(content.encode())
    with pytest.raises(InputError, match=message) as raised:
        read_earlier_rows(out, "csv" if name.endswith(".csv") else "jsonl", columns).ids
    assert str(raised.value).startswith(str(out)) and "another output" in str(raised.value)
    assert out.read_bytes() == content.encode()


def test_earlier_rows_accept_lf_rows_and_cut_only_the_torn_one(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": TEXTS[i], "note": "two\nlines"}) + "\n"
                              for i in range(5)))
    reference = tmp_path / "reference.csv"
    run_batch(iter_records([str(corpus)]), reference, analyzer=Analyzer(readability=False), fmt="csv")
    rows = reference.read_bytes().split(b"\r\n")  # values hold "\n", never "\r\n"
    kept = b"\n".join(rows[:4]) + b"\n"  # the header and three rows, re-saved with LF line endings
    out = tmp_path / "rows.csv"
    out.write_bytes(kept + b'n3,src,ok,,"torn\nin a quoted value')  # a torn row holding a newline
    assert read_earlier_rows(out, "csv", ARTICLE_COLUMNS).ids == {"n0", "n1", "n2"}
    assert out.read_bytes() == kept
    run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), fmt="csv",
              resume=True)
    with reference.open(newline="") as a, out.open(newline="") as b:
        assert list(csv.reader(a)) == list(csv.reader(b))


def test_a_row_format_other_than_csv_or_jsonl_is_refused(tmp_path):
    from hedgeometer.errors import ParameterError
    from hedgeometer.runs.writer import ROW_FORMATS, RowWriter, row_format

    assert ROW_FORMATS == ("csv", "jsonl")
    out = tmp_path / "rows.xml"
    for attempt in (lambda: RowWriter(out, "xml", list(ARTICLE_COLUMNS), append=False),
                    lambda: row_format(out, "xml"), lambda: read_earlier_rows(out, "xml", list(ARTICLE_COLUMNS))):
        with pytest.raises(ParameterError) as caught:
            attempt()
        assert (caught.value.parameter, caught.value.value, caught.value.choices) == ("fmt", "xml", ROW_FORMATS)
    assert not out.exists()  # refused before anything was written
    assert row_format(out, "jsonl") == "jsonl" and row_format(tmp_path / "rows.ndjson", None) == "jsonl"
