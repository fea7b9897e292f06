"""Every input record becomes exactly one row, ok or error, named by the line it starts on, and
an error says what is wrong in the file's own terms."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main
from hedgeometer.runs.records import RecordOptions, count_records, iter_records, path_name


def records(path):
    return [(r.id, r.source, r.error) for r in iter_records([str(path)])]


# --- 4. a stray quote loses no record; lines are where a record starts -----------------------


def test_a_stray_quote_loses_no_record(tmp_path):
    table = tmp_path / "m.csv"
    table.write_text('id,text,outlet\n'
                     'r1,Prices may rise.,A\n'
                     'r2,"He said it was over and left,B\n'  # the stray quote: never closed
                     'r3,It rained.,C\n'
                     'r4,"Sun, then rain.",D\n'
                     'r5,Quote "here" now.,E\n'
                     'r6,Fine.,F\n')
    found = records(table)
    assert len(found) == 6
    assert [f[0] for f in found] == ["r1", f"{table}:3", "r3", "r4", "r5", "r6"]
    assert [f[1] for f in found] == [f"{table}:{n}" for n in range(2, 8)]
    assert 'a quote (") at column 4 opens a field that is never closed' in found[1][2]
    assert [f[2] for f in found if f[0] != f"{table}:3"] == [None] * 5
    assert count_records([str(table)]) == 6


def test_the_issue_example_six_records_six_rows(tmp_path):
    table = tmp_path / "m.csv"
    table.write_text('id,text,outlet\n'
                     'r1,Prices may rise.,A\n'
                     'r2,"Talks, he said, may fail.,B\n'
                     'r3,It rained.,C\n'
                     'r4,Officials may resign.,D\n'
                     'r5,"Sources ""close"" to him disagreed",E\n'
                     'r6,Fine.,F\n')
    out = tmp_path / "rows.jsonl"
    result = CliRunner().invoke(main, ["batch", str(table), "-o", str(out), "--no-model", "--jobs", "1"])
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 6 and result.exit_code == 1  # one error row
    assert [(r["id"], r["status"], r["source"]) for r in rows] == [
        ("r1", "ok", f"{table}:2"), (f"{table}:3", "error", f"{table}:3"), ("r3", "ok", f"{table}:4"),
        ("r4", "ok", f"{table}:5"), ("r5", "ok", f"{table}:6"), ("r6", "ok", f"{table}:7")]
    assert "6 articles scored" in result.output and "1 failed" in result.output


def test_a_record_with_line_breaks_is_one_record_named_by_its_first_line(tmp_path):
    body = "\n".join(["The minister, who arrived Monday, spoke.", "Officials, aides, and guards, left."] * 15)
    table = tmp_path / "corpus.csv"
    table.write_text(f'id,text,outlet\na1,"{body}",X\na2,Short one.,Y\n')
    found = list(iter_records([str(table)]))
    assert [(r.id, r.source, r.error) for r in found] == [("a1", f"{table}:2", None), ("a2", f"{table}:32", None)]
    assert found[0].text == body


def test_a_multi_line_record_that_does_not_line_up_is_one_error_row(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text('id,text,outlet\na1,"first line\nsecond line"\na2,Fine.,Y\n')
    assert records(table) == [(f"{table}:2", f"{table}:2", "row has 2 fields, the header has 3"),
                              ("a2", f"{table}:4", None)]


def test_blank_lines_and_a_leading_blank_header_line_are_skipped(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text('\nid,text\n\na1,Fine.\n\n')
    assert records(table) == [("a1", f"{table}:4", None)]


# --- 7. messages in the reader's terms, with where ------------------------------------------


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "text": "tab\there"}', "invalid JSON: a tab inside a string at column 25; JSON writes it as \\t"),
    ('{"id": "a", "text": ', "invalid JSON: the line ends at column 21 before the record does (was it cut short?)"),
    ('{"id": "a" "text": "x"}', "invalid JSON: a comma is missing at column 12 (before: \"text\": \"x\"})"),
    ('{"id": "a", "text": "x",}', "invalid JSON: a comma before the closing brace at column 25"),
    ("{id: 1}", "invalid JSON: a field name at column 2 is not in double quotes (before: id: 1})"),
    ('{"text": "\\q"}', "invalid JSON: an unknown backslash escape at column 11 (before: \\q\"})"),
    ('{"text": "x"} {"text": "y"}', "invalid JSON: more after the end of the record at column 15"),
    ('{"text": "unterminated', "invalid JSON: the string that starts at column 10 never ends"),
    ("[1, 2]", "the line holds a list, not a record (a JSON object, {...})"),
    ('{"id": "a", "text": null}', "text field 'text' is null, not text"),
    ('{"id": "a", "text": 42}', "text field 'text' is a number (42), not text"),
    ('{"id": "a", "text": ["x"]}', "text field 'text' is a list, not text"),
    ('{"id": "a", "text": true}', "text field 'text' is true, not text"),
])
def test_jsonl_errors_say_what_is_wrong_and_where(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "text": "Fine."}\n' + line + "\n")
    (_, _, first), (identifier, source, error) = records(path)
    assert first is None and source == f"{path}:2"
    assert error.startswith(message), error
    assert "NoneType" not in error and "Invalid control character at" not in error


def test_error_rows_carry_the_whole_message(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "tab\there"}\n{"id": "b", "text": null}\n')
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(main, ["batch", str(path), "-o", str(out), "--no-model"])
    assert result.exit_code == 1
    assert f"failed: {path}:1: invalid JSON: a tab inside a string at column 25; JSON writes it as \\t" in result.output
    assert "failed: b: text field 'text' is null, not text" in result.output


def test_record_options_default():
    assert RecordOptions().text_field == "text"


def test_a_line_that_is_not_utf8_fails_alone_and_the_rest_of_the_file_is_read(tmp_path):
    table, lines = tmp_path / "enc.csv", tmp_path / "enc.jsonl"
    table.write_bytes(b"id,text\na1,Fine one.\na2,Bad \xff byte.\na3,Fine three.\n")
    lines.write_bytes(b'{"id": "j1", "text": "ok."}\n{"id": "j2", "text": "bad \xff"}\n{"id": "j3", "text": "ok."}\n')
    assert [(i, e) for i, _, e in records(table)] == [
        ("a1", None),
        (f"{table}:3", "not valid utf-8 (field 'text', character 5: a byte that is not utf-8); if the file uses "
                       "another encoding, pass it, e.g. encoding='latin-1'"),
        ("a3", None)]
    assert [(i, e) for i, _, e in records(lines)] == [
        ("j1", None),
        (f"{lines}:2", "not valid utf-8 (byte 27 of the line: invalid start byte); if the file uses another "
                       "encoding, pass it, e.g. encoding='latin-1'"),
        ("j3", None)]


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


@pytest.mark.parametrize("name, content, error", [
    ("export.jsonl", json.dumps({"id": "x", "body": "Officials may delay the vote.", "url": "https://e.org/x",
                                 "headline": "A much longer headline than the body field holds, for once"}) + "\n",
     "missing text field 'text' (fields: id, body, url, headline; pass text_field='body')"),
    ("export.csv", "id,article body\n1,Prices may rise.\n",
     "missing text field 'text' (fields: id, article body; pass text_field='article body')"),
    ("export.jsonl", json.dumps({"id": "x", "n": 3}) + "\n",
     "missing text field 'text' (fields: id, n; none of them holds text)"),
    ("export.jsonl", "{}\n", "missing text field 'text' (the record has no fields)"),
])
def test_a_missing_text_field_names_the_fields_and_the_fix(tmp_path, name, content, error):
    path = tmp_path / name
    path.write_text(content)
    (record,) = iter_records([str(path)])
    assert record.error == error


def test_a_folder_gives_every_file_kind_that_a_named_file_is_read_as(tmp_path):
    """The default globs come from the suffixes read as HTML and as record files: a folder of
    .xhtml pages and .ndjson lines is scored as the same files named one by one are."""
    from hedgeometer.runs.records import DEFAULT_GLOBS

    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "page.xhtml").write_text("<!DOCTYPE html><html><body><article><p>Officials said the talks may "
                                       "collapse before the summit, and nobody could yet say when the ministers "
                                       "would meet again to settle the matter.</p></article></body></html>")
    (folder / "lines.ndjson").write_text('{"id": "n1", "text": "Prices may rise."}\n'
                                         '{"id": "n2", "text": "It is over."}\n')
    from_folder = [(r.id, r.text, r.error) for r in iter_records([str(folder)])]
    named = [(r.id, r.text, r.error) for r in iter_records([str(folder / "lines.ndjson"), str(folder / "page.xhtml")])]
    assert from_folder == named and len(from_folder) == 3
    assert all(error is None for _, _, error in from_folder) and "talks may collapse" in from_folder[2][1]
    assert {"*.xhtml", "*.ndjson"} <= set(DEFAULT_GLOBS)
