"""Nothing silent: every output says what scored it, and --resume continues only under the
settings that wrote the file."""

import csv
import json

import pytest
from click.testing import CliRunner

from hedgeometer import __version__
from hedgeometer.analyzer import Analyzer
from hedgeometer.cli import main
from hedgeometer.render.compare import COMPARE_RENDERERS

from test_batch import TEXTS


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def write_corpus(path, count=60):
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(json.dumps({"id": f"r{number}", "text": TEXTS[number % 5] + f" Item {number}."}) + "\n")
    return path


# --- 1. --resume refuses other settings ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("change, says", [
    (["--threshold", "0.95"], "thresholds (--threshold): hedging 0.50 in the file, 0.95 now"),
    (["--threshold", "dramatic=0.25"], "dramatic 0.50 in the file, 0.25 now"),
    (["--evidence", "cue"], "--evidence: any in the file, cue now"),
    (["--boilerplate", "keep"], "segmentation (--boilerplate): boilerplate skip in the file, keep now"),
])
def test_resume_refuses_other_settings_and_says_what_differs(tmp_path, fmt, change, says):
    corpus = write_corpus(tmp_path / "s60.jsonl")
    out = tmp_path / f"mix.{fmt}"
    assert run("batch", corpus, "-o", out, "--no-model", "--jobs", "1", "-q").exit_code == 0
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:31]))  # as if killed after 30 rows
    before = out.read_bytes()
    result = run("batch", corpus, "-o", out, "--resume", "--no-model", "--jobs", "1", *change)
    assert result.exit_code == 1, result.output
    assert "was written with other settings" in result.output and says in result.output, result.output
    assert out.read_bytes() == before, "a refused resume must leave the file alone"
    same = run("batch", corpus, "-o", out, "--resume", "--no-model", "--jobs", "1")
    assert same.exit_code == 0 and "already done" in same.output


def test_resume_refuses_another_model(tmp_path):
    corpus = write_corpus(tmp_path / "s60.jsonl", 20)
    out = tmp_path / "mix.jsonl"
    assert run("batch", corpus, "-o", out, "--jobs", "1", "-q").exit_code == 0
    out.write_text("".join(out.read_text().splitlines(keepends=True)[:10]))
    result = run("batch", corpus, "-o", out, "--resume", "--no-model", "--jobs", "1")
    assert result.exit_code == 1 and "model: model " in result.output and "rules only (--no-model) now" in result.output


def test_resume_refuses_sentence_rows_of_other_settings(tmp_path):
    corpus = write_corpus(tmp_path / "s60.jsonl", 10)
    out = tmp_path / "sentences.csv"
    assert run("batch", corpus, "-o", out, "--sentences", "--no-model", "--jobs", "1", "-q").exit_code == 0
    result = run("batch", corpus, "-o", out, "--sentences", "--resume", "--no-model", "--threshold", "hedging=0.9")
    assert result.exit_code == 1 and "hedging 0.50 in the file, 0.90 now" in result.output


def test_resume_of_an_older_versions_output_says_so(tmp_path):
    out = tmp_path / "old.jsonl"
    out.write_text(json.dumps({"id": "a", "source": "a", "status": "ok", "error": "", "hedgeometer_version": "0.0.9"}) + "\n")
    result = run("batch", write_corpus(tmp_path / "c.jsonl", 3), "-o", out, "--resume", "--no-model")
    assert result.exit_code == 1 and "written by hedgeometer 0.0.9" in result.output
    assert "drop --resume" in result.output


# --- 2. every format states what scored it -----------------------------------------------


def test_provenance_names_every_setting_that_changes_a_label():
    provenance = Analyzer(model=None, thresholds={"dramatic": 0.95}, boilerplate="keep").provenance()
    assert provenance["hedgeometer"] == __version__ and provenance["lexicon_fingerprint"] and provenance["model"] is None
    assert provenance["thresholds"] == {"hedging": 0.5, "speculation": 0.5, "dramatic": 0.95, "attribution": 0.5,
                                        "booster": 0.5}
    assert provenance["threshold_defaults"]["dramatic"] == 0.5 and provenance["threshold_overrides"] == ["dramatic"]
    assert provenance["segmentation"] == {"boilerplate": "keep"} and provenance["evidence"] == "any"
    assert Analyzer(model=None).provenance()["threshold_overrides"] == []
    assert Analyzer(model=None, thresholds=0.6).provenance()["threshold_overrides"] == [
        "hedging", "speculation", "dramatic", "attribution", "booster"]


FOOTER = ("rules only; thresholds hedging 0.50, speculation 0.50, dramatic 0.95 (set; default 0.50), "
          "attribution 0.50, booster 0.50; evidence any (every label counts); boilerplate lines skipped.")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_report_format_states_version_lexicon_model_and_thresholds(fmt):
    result = run("report", "-", "-f", fmt, "--no-model", "--threshold", "dramatic=0.95", input="Prices may rise.\n")
    assert result.exit_code == 0
    output = " ".join(result.output.split())  # the text footer wraps
    assert f"Scored by hedgeometer {__version__}, lexicons " in output
    assert FOOTER in output, output[-600:]


def test_the_json_report_states_thresholds_and_overrides():
    result = run("report", "-", "-f", "json", "--no-model", "--threshold", "dramatic=0.95", input="Prices may rise.\n")
    produced_by = json.loads(result.output)["produced_by"]
    assert produced_by["thresholds"]["dramatic"] == 0.95 and produced_by["threshold_overrides"] == ["dramatic"]
    assert produced_by["threshold_defaults"]["dramatic"] == 0.5
    assert produced_by["segmentation"] == {"boilerplate": "skip"}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("sentences", [False, True])
def test_batch_rows_state_thresholds_and_overrides(tmp_path, fmt, sentences):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Prices may rise."}\n{"id": "b", "text": ""}\n')
    out = tmp_path / f"rows.{fmt}"
    result = run("batch", corpus, "-o", out, "--no-model", "--threshold", "dramatic=0.95", "--jobs", "1", "-q",
                 *(["--sentences"] if sentences else []))
    assert result.exit_code == 1  # "b" is empty
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    else:
        rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["status"] for r in rows} == {"ok", "error"}
    for row in rows:  # error rows too
        assert row["hedgeometer_version"] == __version__ and row["lexicon_fingerprint"] and row["model_id"] == ""
        assert json.loads(row["thresholds"])["dramatic"] == 0.95 and json.loads(row["thresholds"])["hedging"] == 0.5
        assert json.loads(row["threshold_overrides"]) == {"dramatic": 0.95}
        assert json.loads(row["segmentation"]) == {"boilerplate": "skip"} and row["evidence_mode"] == "any"


# --- 3. compare: provenance, and no "most" without a labelled sentence ----------------------


@pytest.fixture
def pair(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The council met on Tuesday. It approved the budget. Officials may clearly resign.\n")
    b.write_text("The council met on Wednesday. It approved the plan.\n")
    return a, b


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_compare_states_thresholds_in_every_format(pair, fmt):
    result = run("compare", *pair, "-f", fmt, "--no-model", "--threshold", "dramatic=0.95")
    assert result.exit_code == 0
    assert FOOTER.replace("booster 0.50; ", "booster 0.50; ") in " ".join(result.output.split())


def test_compare_json_states_thresholds(pair):
    data = json.loads(run("compare", *pair, "-f", "json", "--no-model", "--threshold", "dramatic=0.95").output)
    assert data["produced_by"]["thresholds"]["dramatic"] == 0.95 and data["produced_by"]["threshold_overrides"] == ["dramatic"]


def test_compare_names_no_most_when_no_sentence_is_labelled(pair):
    # "clearly" is a booster cue under the 0.95 threshold: a cue, but no sentence labelled anywhere
    args = [*pair, "--no-model", "--threshold", "booster=0.95"]
    text = run("compare", *args).output
    assert "most boosted           none (no sentence labelled)" in text
    assert "- **most boosted:** none (no sentence labelled)" in run("compare", *args, "-f", "markdown").output
    html = run("compare", *args, "-f", "html").output
    assert "★ most boosted" not in html
    data = json.loads(run("compare", *args, "-f", "json").output)
    assert data["most"]["booster"] is None and data["leaders"]["booster"] == []
    # with the default threshold "clearly" labels its sentence: one article leads
    assert f"most boosted           {pair[0]}" in run("compare", *pair, "--no-model").output


def test_compare_says_when_articles_tie(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Prices may rise. Rents fell.\n")
    b.write_text("Wages may rise. Costs fell.\n")
    text = run("compare", a, b, "--no-model").output
    assert f"most hedged            {a}, {b} (tied)" in text
    data = json.loads(run("compare", a, b, "--no-model", "-f", "json").output)
    assert data["most"]["hedging"] is None and data["leaders"]["hedging"] == [str(a), str(b)]
    assert "(tied)" in run("compare", a, b, "--no-model", "-f", "html").output


def test_compare_renderers_need_no_cli(rules_analyzer):
    from hedgeometer.reports.compare import Comparison

    reports = (rules_analyzer.analyze("Prices may rise.", id="a"), rules_analyzer.analyze("Rents fell.", id="b"))
    text = COMPARE_RENDERERS["text"](Comparison(reports))
    assert "most hedged            a\n" in text and "thresholds hedging 0.50" in text
