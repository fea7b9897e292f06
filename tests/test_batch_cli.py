"""The batch command as a user runs it: a real subprocess, killed mid-run, then resumed."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hedgeometer.runs.rows import ARTICLE_COLUMNS
from hedgeometer.cli import main

from conftest import TEXTS


def write_corpus(path, count):
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(json.dumps({"id": f"r{number}", "text": TEXTS[number % 5] + f" Item {number}."}) + "\n")


def batch_command(*args):
    return [sys.executable, "-m", "hedgeometer", "batch", *map(str, args), "--quiet", "--jobs", "1"]


def test_kill_and_resume_equals_an_uninterrupted_run(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3000)
    reference = tmp_path / "reference.csv"
    subprocess.run(batch_command(corpus, "-o", reference), check=True, timeout=300)

    interrupted = tmp_path / "interrupted.csv"
    process = subprocess.Popen(batch_command(corpus, "-o", interrupted))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if interrupted.exists() and interrupted.stat().st_size > 60_000:
            break
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    partial = interrupted.read_bytes()
    assert 0 < len(partial) < len(reference.read_bytes()), "the kill came too late to test anything"

    resumed = subprocess.run(batch_command(corpus, "-o", interrupted, "--resume"), timeout=300)
    assert resumed.returncode == 0
    assert interrupted.read_bytes() == reference.read_bytes()


def test_resume_of_a_finished_run_adds_nothing(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 30)
    out = tmp_path / "rows.jsonl"
    runner = CliRunner()
    assert runner.invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1"]).exit_code == 0
    before = out.read_bytes()
    again = runner.invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--resume"])
    assert again.exit_code == 0 and "30 already done" in again.output
    assert out.read_bytes() == before


def test_failures_set_the_exit_code_and_summary(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "empty", "text": ""}\n{"id": "ok", "text": "Prices may rise."}\n')
    result = CliRunner().invoke(main, ["batch", str(corpus), "-o", str(tmp_path / "r.csv"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "2 articles scored" in result.output and "1 failed" in result.output and "empty: empty text" in result.output


def test_bad_invocations(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.csv")])
    assert missing.exit_code == 1 and "no such file or folder" in missing.output
    unknown = runner.invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "r.parquet")])
    assert unknown.exit_code == 1 and "end it in .csv or .jsonl" in unknown.output
    dask = runner.invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "r.csv"), "--engine", "dask"])
    assert dask.exit_code == 2 and "--scheduler" in dask.output


def test_stdin_jsonl(tmp_path):
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "-o", str(out), "--jobs", "1"],
                                input='{"id": "s1", "text": "It may rain."}\n')
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["hedging_sentences"] == 1


def test_stdin_jsonl_with_a_byte_order_mark(tmp_path):
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "-o", str(out), "--jobs", "1"],
                                input='\ufeff{"id": "s1", "text": "It may rain."}\n'.encode())
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text())
    assert row["id"] == "s1" and row["hedging_sentences"] == 1


_FIRST_ROW = json.dumps({**dict.fromkeys(ARTICLE_COLUMNS), "id": "r0"}) + "\n"


@pytest.mark.parametrize("name, content, where", [
    ("rows.csv", "name,age\r\nbob,3\r\n", ""),  # no id column: was a ValueError
    ("rows.jsonl", _FIRST_ROW + '{"name": "bob"}\n', ":2"),  # a row without an id: was a KeyError
    ("rows.jsonl", _FIRST_ROW + 'not json\n', ":2"),  # a garbage line: was a JSONDecodeError
    ("rows.jsonl", '{"id": "r0"}\n', ""),  # an id but not this run's columns
])
def test_resume_of_an_unreadable_output_is_one_clear_error(tmp_path, name, content, where):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3)
    out = tmp_path / name
    out.write_bytes(content.encode())
    result = CliRunner().invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--resume"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert f"Error: {out}{where}: not a hedgeometer output" in result.output
    assert out.read_bytes() == content.encode()


def test_resume_never_empties_a_file_it_did_not_write(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3)
    out = tmp_path / "other.csv"
    out.write_bytes(b"name,age\nbob,3\n")
    result = CliRunner().invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--resume"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert f"Error: {out}: not a hedgeometer output of article rows (without --sentences)" in result.output
    assert out.read_bytes() == b"name,age\nbob,3\n"


def _ids(path):
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def test_resume_knows_a_file_however_its_path_is_spelled(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PWD", raising=False)
    (tmp_path / "folder" / "sub").mkdir(parents=True)
    for number in range(8):
        (tmp_path / "folder" / ("sub" if number == 7 else "") / f"a{number}.txt").write_text(TEXTS[number % 5])
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "big.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS + TEXTS[:4]))
    runner = CliRunner()
    first = runner.invoke(main, ["batch", "folder", "b/big.jsonl", "-o", "rows.jsonl", "--jobs", "1"])
    assert first.exit_code == 0, first.output
    expected = ([str(Path("folder") / f"a{n}.txt") for n in range(7)] + [str(Path("folder") / "sub" / "a7.txt")]
                + [f"{Path('b') / 'big.jsonl'}:{line}" for line in range(1, 10)])
    assert _ids(tmp_path / "rows.jsonl") == expected
    for spelling in ([str(tmp_path / "folder"), str(tmp_path / "b" / "big.jsonl")],
                     ["./folder/", "./b/../b//big.jsonl"]):
        again = runner.invoke(main, ["batch", *spelling, "-o", "rows.jsonl", "--jobs", "1", "--resume"])
        assert again.exit_code == 0 and "0 articles scored" in again.output and "17 already done" in again.output
        assert _ids(tmp_path / "rows.jsonl") == expected  # was 25 rows, the 8 files twice


def test_resume_continues_an_output_whose_ids_name_files_otherwise(tmp_path, monkeypatch):
    work = tmp_path / "work"
    (work / "folder").mkdir(parents=True)
    for number in range(3):
        (work / "folder" / f"a{number}.txt").write_text(TEXTS[number])
    (work / "folder" / "ids.jsonl").write_text(json.dumps({"id": "./kept/../as typed", "text": TEXTS[3]}) + "\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # outside work: ids are absolute paths, as older outputs' often are
    monkeypatch.delenv("PWD", raising=False)
    runner = CliRunner()
    out = work / "rows.jsonl"
    assert runner.invoke(main, ["batch", str(work / "folder"), "-o", str(out), "--jobs", "1"]).exit_code == 0
    assert _ids(out) == [str(work / "folder" / f"a{n}.txt") for n in range(3)] + ["./kept/../as typed"]
    (work / "folder" / "a3.txt").write_text(TEXTS[4])
    monkeypatch.chdir(work)
    resumed = runner.invoke(main, ["batch", "folder", "-o", "rows.jsonl", "--jobs", "1", "--resume"])
    assert resumed.exit_code == 0 and "1 article scored" in resumed.output and "4 already done" in resumed.output
    assert _ids(out)[4:] == [str(Path("folder") / "a3.txt")]


@pytest.mark.parametrize("name, extra", [("rows.csv", []), ("rows.jsonl", []), ("rows.csv", ["--sentences"])])
def test_a_resumed_run_counts_the_error_rows_it_kept(tmp_path, name, extra):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "empty", "text": ""}\n{"id": "ok", "text": "Prices may rise."}\n')
    out = tmp_path / name
    runner = CliRunner()
    first = runner.invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1", *extra])
    assert first.exit_code == 1 and "1 failed;" in first.output
    with corpus.open("a") as handle:
        handle.write('{"id": "late", "text": "It rained."}\n')
    resumed = runner.invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--resume", *extra])
    assert resumed.exit_code == 1  # was 0: the file it completes holds an error row
    # with --sentences the last article's rows ("ok") are never trusted after a run: scored again
    summary = (r"^2 articles scored in [0-9.]+s, 1 already done, 0 failed, 1 failed earlier; 2 rows added to "
               if extra else r"^1 article scored in [0-9.]+s, 2 already done, 0 failed, 1 failed earlier; 1 row added to ")
    assert re.search(summary, resumed.output, flags=re.M), resumed.output
    assert "  failed earlier: empty: empty text\n" in resumed.output
    finished = runner.invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--resume", *extra])
    assert finished.exit_code == 1 and "0 failed, 1 failed earlier;" in finished.output
    clean = tmp_path / "clean.jsonl"
    clean.write_text('{"id": "late", "text": "It rained."}\n')
    fresh = runner.invoke(main, ["batch", str(clean), "-o", str(out), "--jobs", "1", *extra])
    assert fresh.exit_code == 0 and "failed earlier" not in fresh.output  # without --resume the file is replaced


def test_batch_skips_markdown_syntax_of_md_files_as_report_does(tmp_path):
    """A .md file in a batch is read as Markdown, like `report` reads it: its code block is
    not a sentence and its front matter is no headline."""
    article = tmp_path / "post.md"
    article.write_text("---\ntitle: Notes\n---\n\n# Talks Resume\n\nThe talks resumed on Monday.\n\n"
                       "```\nx = 'may might could'\n```\n", "utf-8")
    plain = tmp_path / "post.txt"
    plain.write_text(article.read_text("utf-8"), "utf-8")
    output = tmp_path / "rows.jsonl"
    result = CliRunner().invoke(main, ["batch", str(article), str(plain), "-o", str(output), "--no-model", "-q"])
    assert result.exit_code == 0, result.output
    markdown_row, text_row = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert markdown_row["headline"] == "Talks Resume"
    assert markdown_row["sentences"] == 1 and markdown_row["hedging_sentences"] == 0
    assert text_row["hedging_sentences"] >= 1  # the same file as .txt scores the code as prose


def test_a_folder_search_takes_upper_case_suffixes(tmp_path):
    """STORY.TXT and NOTES.MD in a folder are articles like story.txt; they were skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "STORY.TXT").write_text("Prices may rise.")
    (folder / "NOTES.MD").write_text("# Notes\n\nThe talks could collapse.\n")
    out = tmp_path / "rows.jsonl"
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--jobs", "1", "--no-model"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(Path(r["id"]).name for r in rows) == ["NOTES.MD", "STORY.TXT"]
    assert next(r for r in rows if r["id"].endswith("NOTES.MD"))["headline"] == "Notes"  # read as Markdown


def test_a_resume_that_matches_nothing_kept_says_so(tmp_path, monkeypatch):
    """Resuming from another working folder names the same files otherwise, so every file is
    scored again: the run cannot know, but it can say that no kept id matched."""
    (tmp_path / "work" / "folder").mkdir(parents=True)
    for k in range(3):
        (tmp_path / "work" / "folder" / f"a{k}.txt").write_text(TEXTS[k])
    out = tmp_path / "rows.jsonl"
    monkeypatch.chdir(tmp_path / "work")
    runner = CliRunner()
    assert runner.invoke(main, ["batch", "folder", "-o", str(out), "--jobs", "1", "--no-model"]).exit_code == 0
    again = runner.invoke(main, ["batch", "folder", "-o", str(out), "--jobs", "1", "--no-model", "--resume"])
    assert "Warning" not in again.output
    monkeypatch.chdir(tmp_path)
    elsewhere = runner.invoke(main, ["batch", "work/folder", "-o", str(out), "--jobs", "1", "--no-model", "--resume"])
    assert "Warning: none of the 3 records already in" in elsewhere.output


# --- nothing silent: empty inputs, interrupts ---------------------------------------------


@pytest.mark.parametrize("make, says", [
    (lambda d: (d / "empty").mkdir() or d / "empty", "has no file matching --glob"),
    (lambda d: (d / "h.csv").write_text("id,text\n") and d / "h.csv", "has a header but no rows"),
    (lambda d: (d / "n.jsonl").write_text("\n\n") and d / "n.jsonl", "holds no records"),
])
def test_inputs_with_nothing_to_score_fail_and_write_nothing(tmp_path, make, says):
    source = make(tmp_path)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "nothing to score" in result.output and says in result.output and "0 articles scored" not in result.output
    assert not out.exists()


def test_ctrl_c_says_how_to_resume_and_the_resume_completes_the_run(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3000)
    reference = tmp_path / "reference.csv"
    subprocess.run(batch_command(corpus, "-o", reference), check=True, timeout=300)
    out = tmp_path / "out.csv"
    # as from a terminal: a test runner started in the background may pass SIGINT on ignored
    process = subprocess.Popen(batch_command(corpus, "-o", out), stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out.exists() and out.stat().st_size > 60_000):
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Aborted!" not in stderr and "Interrupted: " in stderr and "every row in" in stderr
    command = stderr.strip().splitlines()[-1].strip()
    assert command.startswith("hedgeometer batch ") and command.endswith(" --resume")
    assert len(out.read_bytes()) < len(reference.read_bytes()), "the interrupt came too late to test anything"
    resumed = subprocess.run([sys.executable, "-m", "hedgeometer", *command.split()[1:]], timeout=300,
                             capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference.read_bytes()


def test_an_interrupt_before_any_row_says_so(tmp_path, monkeypatch):
    import hedgeometer.runs.batch

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(hedgeometer.runs.batch, "run_batch", interrupted)
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3)
    result = CliRunner().invoke(main, ["batch", str(corpus), "-o", str(tmp_path / "o.csv"), "--no-model"])
    assert result.exit_code == 130 and "Aborted!" not in result.output
    assert "no row was written yet" in result.output and f"-o {tmp_path / 'o.csv'} --no-model --resume" in result.output


@pytest.mark.parametrize("name", ["out.csv", "out.jsonl"])
@pytest.mark.parametrize("sentences", [[], ["--sentences"]])
def test_resume_accepts_the_empty_output_an_early_interrupt_leaves(tmp_path, name, sentences):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 12)
    reference, out = tmp_path / f"reference-{name}", tmp_path / name
    runner = CliRunner()
    assert runner.invoke(main, ["batch", str(corpus), "-o", str(reference), "--jobs", "1", *sentences]).exit_code == 0
    out.write_bytes(b"")  # killed before the first row
    resumed = runner.invoke(main, ["batch", str(corpus), "-o", str(out), "--jobs", "1", "--resume", *sentences])
    assert resumed.exit_code == 0, resumed.output
    assert out.read_bytes() == reference.read_bytes()
