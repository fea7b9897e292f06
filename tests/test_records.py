"""Every input record becomes exactly one row, ok or error, named by the line it starts on, and
an error says what is wrong in the file's own terms."""

import json

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main
from hedgeometer.runs.records import RecordOptions, count_records, iter_records


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
                       "another encoding, pass it, e.g. --encoding latin-1"),
        ("a3", None)]
    assert [(i, e) for i, _, e in records(lines)] == [
        ("j1", None),
        (f"{lines}:2", "not valid utf-8 (byte 27 of the line: invalid start byte); if the file uses another "
                       "encoding, pass it, e.g. --encoding latin-1"),
        ("j3", None)]
