"""Corpus runs: one row per record, error rows that name their cause, rows equal to analyze()."""

import csv
import json
import os
from pathlib import Path

import pytest

from hedgeometer import Analyzer, to_frame
from hedgeometer.runs.batch import ARTICLE_COLUMNS, SENTENCE_COLUMNS, STAMP_COLUMNS, article_row, read_earlier_rows, run_batch
from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.errors import InputError
from hedgeometer.runs.records import RecordOptions, iter_records, path_name

SETTINGS = {"model": "default", "readability": False}
TEXTS = [
    "Officials may delay the vote, analysts say.",
    "The council met on Tuesday and approved the budget.",
    "The region stands on the brink of war. The talks will undoubtedly fail.",
    "Shares rose 3 per cent. The firm is expected to announce layoffs.",
    "“We might withdraw,” the minister said. Sources close to him disagreed.",
]


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
                    bad[identifier] = "over --max-chars"
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
    summary = run_batch(iter_records([str(corpus)], options), output, analyzer=analyzer, settings=SETTINGS,
                        fmt="jsonl", jobs=1)
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
            expected = article_row(one_by_one.analyze(record.text, id=record.id), record)
            assert row == json.loads(json.dumps(expected)), record.id
            assert row["outlet"] == record.fields["outlet"]


def test_parallel_rows_equal_serial_rows(tmp_path):
    corpus = tmp_path / "small.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"s{i}", "text": TEXTS[i % 5]}) + "\n" for i in range(120)))
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"rows-{jobs}.csv"
        run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), settings=SETTINGS,
                  fmt="csv", jobs=jobs)
        outputs[jobs] = out.read_bytes()
    assert outputs[1] == outputs[2]
    rows = list(csv.DictReader(outputs[1].decode().splitlines()))
    assert len(rows) == 120 and rows[2]["dramatic_sentences"] == "1"


def test_sentence_rows(tmp_path):
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": "Talks Collapse\n\nThe talks may fail. It rained.", "desk": "world"}) + "\n")
    out = tmp_path / "sentences.jsonl"
    run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), settings=SETTINGS,
              fmt="jsonl", sentences=True)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["text"] for r in rows] == ["Talks Collapse", "The talks may fail.", "It rained."]
    assert rows[0]["is_headline"] is True and rows[1]["labels"].startswith("hedging")
    assert all(r["desk"] == "world" for r in rows)


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
    with pytest.raises(InputError, match="not a hedgeometer output of batch --sentences"):
        read_earlier_rows(out, "jsonl", SENTENCE_COLUMNS)
    out.write_text(_row("a", SENTENCE_COLUMNS))
    with pytest.raises(InputError, match="not a hedgeometer output of batch without --sentences"):
        read_earlier_rows(out, "jsonl", ARTICLE_COLUMNS)
    assert out.read_text() == _row("a", SENTENCE_COLUMNS)


ARTICLE_HEADER = ",".join(ARTICLE_COLUMNS) + ",other_fields\r\n"


@pytest.mark.parametrize("name, content, columns, message", [
    ("other.csv", "name,age\nbob,3\n", ARTICLE_COLUMNS, "not a hedgeometer output of batch without --sentences"),
    ("other.csv", "id,name\r\n1,bob\r\n", ARTICLE_COLUMNS, "not a hedgeometer output of batch without --sentences"),
    ("other.csv", "name,age", ARTICLE_COLUMNS, "not a hedgeometer output"),
    ("articles.csv", ARTICLE_HEADER + "a1,x,ok\r\n", SENTENCE_COLUMNS,
     "not a hedgeometer output of batch --sentences"),
    ("other.jsonl", '{"name": "bob"}\n{"name": "al"}', ARTICLE_COLUMNS, "other.jsonl:1: not a hedgeometer output"),
    ("other.jsonl", '{"name": "bob"}', ARTICLE_COLUMNS, "other.jsonl:1: not a hedgeometer output"),
])
def test_earlier_rows_never_cut_a_file_the_tool_did_not_write(tmp_path, name, content, columns, message):
    out = tmp_path / name
    out.write_bytes(content.encode())
    with pytest.raises(InputError, match=message) as raised:
        read_earlier_rows(out, "csv" if name.endswith(".csv") else "jsonl", columns).ids
    assert str(raised.value).startswith(str(out)) and "another -o" in str(raised.value)
    assert out.read_bytes() == content.encode()


def test_earlier_rows_accept_lf_rows_and_cut_only_the_torn_one(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": TEXTS[i], "note": "two\nlines"}) + "\n"
                              for i in range(5)))
    reference = tmp_path / "reference.csv"
    run_batch(iter_records([str(corpus)]), reference, analyzer=Analyzer(readability=False), settings=SETTINGS,
              fmt="csv")
    rows = reference.read_bytes().split(b"\r\n")  # values hold "\n", never "\r\n"
    kept = b"\n".join(rows[:4]) + b"\n"  # the header and three rows, re-saved with LF line endings
    out = tmp_path / "rows.csv"
    out.write_bytes(kept + b'n3,src,ok,,"torn\nin a quoted value')  # a torn row holding a newline
    assert read_earlier_rows(out, "csv", ARTICLE_COLUMNS).ids == {"n0", "n1", "n2"}
    assert out.read_bytes() == kept
    run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), settings=SETTINGS, fmt="csv",
              resume=True)
    with reference.open(newline="") as a, out.open(newline="") as b:
        assert list(csv.reader(a)) == list(csv.reader(b))


def test_to_frame(tmp_path):
    pytest.importorskip("pandas")
    reports = list(Analyzer(readability=False).analyze_many([{"id": "p", "text": TEXTS[0]}, {"id": "q", "text": TEXTS[1]}]))
    frame = to_frame(reports)
    assert list(frame["id"]) == ["p", "q"] and frame.loc[0, "hedging_sentences"] == 1
    assert len(to_frame(reports, sentences=True)) == 2


def test_folder_and_csv_inputs(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Prices may rise.")
    (folder / "sub" / "b.md").write_text("# Title\n\nIt is clearly over.")
    (folder / "c.bin").write_bytes(b"\x00\x01")  # not matched by the glob
    (folder / "d.txt").write_bytes(b"caf\xe9")  # bad encoding: an error record
    table = tmp_path / "table.csv"
    table.write_text("id,text,outlet\n1,Prices may rise.,A\n2,,B\n")
    records = list(iter_records([str(folder), str(table)]))
    assert [r.id for r in records] == [str(folder / "a.txt"), str(folder / "d.txt"), str(folder / "sub" / "b.md"), "1", "2"]
    assert "not valid utf-8" in records[1].error
    assert records[3].fields == {"outlet": "A"} and records[4].error == "empty text"


def test_a_leading_byte_order_mark_is_dropped_from_record_files(tmp_path):
    table = tmp_path / "excel.csv"  # Excel's "CSV UTF-8" starts with a byte-order mark
    table.write_bytes(b"\xef\xbb\xbfid,text,outlet\r\n1,Prices may rise.,A\r\n")
    lines = tmp_path / "rows.jsonl"
    lines.write_bytes(b'\xef\xbb\xbf{"id": "j1", "text": "It may rain."}\n')
    records = list(iter_records([str(table), str(lines)]))
    assert [(r.id, r.text, r.fields, r.error) for r in records] == [
        ("1", "Prices may rise.", {"outlet": "A"}, None), ("j1", "It may rain.", {}, None)]


def test_ragged_csv_rows_become_error_rows(tmp_path):
    table = tmp_path / "ragged.csv"
    table.write_text("id,text,outlet\n1,Prices may rise.,A\n2,Prices, they say, may rise.,B\n3,Prices fell.\n"
                     "4,It rained.,C\n5\n")
    out = tmp_path / "rows.jsonl"
    summary = run_batch(iter_records([str(table)]), out, analyzer=Analyzer(readability=False), settings=SETTINGS,
                        fmt="jsonl")
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert summary.records == 5 and summary.failed == 3
    assert [(r["id"], r["status"], r["error"]) for r in rows] == [
        ("1", "ok", ""),
        (f"{table}:3", "error", "row has 5 fields, the header has 3"),
        (f"{table}:4", "error", "row has 2 fields, the header has 3"),
        ("4", "ok", ""),
        (f"{table}:6", "error", "row has 1 field, the header has 3"),  # was "text field 'text' is NoneType"
    ]


def test_path_name_spells_a_file_one_way(tmp_path, monkeypatch):
    work = tmp_path / "work"
    (work / "b").mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.delenv("PWD", raising=False)
    inside = str(Path("b") / "x.txt")
    assert [path_name(p) for p in ("b/x.txt", "./b/x.txt", "b//x.txt", "b/../b/x.txt", work / "b" / "x.txt",
                                   f"{work}/./b/x.txt")] == [inside] * 6
    outside = str(tmp_path / "other" / "y.txt")
    assert [path_name(p) for p in ("../other/y.txt", f"{tmp_path}/other//y.txt", f"{work}/../other/y.txt")] == [outside] * 3


def test_path_name_takes_the_working_folder_as_the_shell_spells_it(tmp_path, monkeypatch):
    real = tmp_path / "real"
    (real / "b").mkdir(parents=True)
    link = tmp_path / "link"  # like macOS's /tmp, a link to /private/tmp
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(link)  # os.getcwd() gives the real folder, $PWD the link a shell shows
    monkeypatch.setenv("PWD", str(link))
    assert os.getcwd() == str(real)
    assert path_name(link / "b" / "x.txt") == path_name(real / "b" / "x.txt") == str(Path("b") / "x.txt")


MEASURED = [c for c in ARTICLE_COLUMNS if c not in ("id", "source", "status", "error", *STAMP_COLUMNS)]
STAMP = STAMP_COLUMNS


def test_missing_numbers_are_null_in_jsonl_and_empty_in_csv(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "plain", "text": "Officials may delay the vote."}) + "\n"  # no headline
                      + json.dumps({"id": "empty", "text": " "}) + "\n")
    rows = {}
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"rows.{fmt}"
        run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), settings=SETTINGS, fmt=fmt)
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
    run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), settings=SETTINGS, fmt="jsonl",
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
        run_batch(iter_records([str(corpus)]), out, analyzer=Analyzer(readability=False), settings=SETTINGS,
                  fmt="jsonl", sentences=sentences)
        rows[sentences] = [json.loads(line) for line in out.read_text().splitlines()]
    (article,), headline = rows[False], rows[True][0]
    assert headline["is_headline"] is True
    for d in DIMENSIONS:
        assert article[f"headline_{d}"] == round(headline[f"{d}_score"], 4), d  # was the 6-place score
        assert article[f"{d}_max"] == round(article[f"{d}_max"], 4)


@pytest.mark.parametrize("name, content, error", [
    ("export.jsonl", json.dumps({"id": "x", "body": "Officials may delay the vote.", "url": "https://e.org/x",
                                 "headline": "A much longer headline than the body field holds, for once"}) + "\n",
     "missing text field 'text' (fields: id, body, url, headline; pass --text-field body)"),
    ("export.csv", "id,article body\n1,Prices may rise.\n",
     "missing text field 'text' (fields: id, article body; pass --text-field 'article body')"),
    ("export.jsonl", json.dumps({"id": "x", "n": 3}) + "\n",
     "missing text field 'text' (fields: id, n; none of them holds text)"),
    ("export.jsonl", "{}\n", "missing text field 'text' (the record has no fields)"),
])
def test_a_missing_text_field_names_the_fields_and_the_fix(tmp_path, name, content, error):
    path = tmp_path / name
    path.write_text(content)
    (record,) = iter_records([str(path)])
    assert record.error == error
