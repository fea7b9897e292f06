import json

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main

from conftest import NEUTRAL_TEXT, SEED, write_lexicon


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(main, [str(a) for a in args], input=input)


def test_report_text_on_seed(runner):
    result = run(runner, "report", SEED)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"hedgeometer report: {SEED}\n18 sentences,")
    assert "[[on the brink of]]D" in result.output
    assert "Summary" in result.output and "Readability" in result.output


def test_report_json_stamps_what_produced_it(runner):
    result = run(runner, "report", SEED, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == "1"
    produced = data["produced_by"]
    assert produced["hedgeometer"] and len(produced["lexicon_fingerprint"]) == 12
    assert data["summary"]["sentences"] == 18 and data["headline"]["index"] == 0
    text = SEED.read_text("utf-8")
    for sentence in data["sentences"] + [data["headline"]]:
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
        for cue in sentence["cues"]:
            assert text[cue["start"]:cue["end"]] == cue["text"]


def test_report_from_stdin_and_to_file(runner, tmp_path):
    out = tmp_path / "r.json"
    result = run(runner, "report", "-", "-f", "json", "-o", out, input=NEUTRAL_TEXT)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text())["summary"]["sentences"] == 8


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ("dir", "is a directory"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"caf\xe9 au lait", "not valid utf-8 text"),
    (b"   \n\n  ", "is empty"),
])
def test_bad_input_is_one_clear_error(runner, tmp_path, content, message):
    path = tmp_path / "input.txt"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = run(runner, "report", path)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output.lower()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["report", "batch"])
def test_output_into_a_missing_folder_is_one_clear_error(runner, tmp_path, command):
    result = run(runner, command, SEED, "-o", tmp_path / "missing" / "out.csv")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "missing does not exist" in result.output
    assert not isinstance(result.exception, OSError)


def test_wrong_encoding_names_the_fix(runner, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café may close.".encode("latin-1"))
    assert "--encoding latin-1" in run(runner, "report", path).output
    assert run(runner, "report", path, "--encoding", "latin-1").exit_code == 0


def test_text_without_sentence_punctuation(runner, tmp_path):
    path = tmp_path / "flat.txt"
    path.write_text("officials say the talks may collapse " * 50)
    result = run(runner, "report", path, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["sentences"] == 1


def test_large_file_gets_a_report(runner, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text((SEED.read_text("utf-8") + "\n\n") * 400)  # about 1.6 MB
    result = run(runner, "report", path, "-f", "json", "--no-model")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["sentences"] == 19 * 400 - 1  # the first line is the headline


def test_oversized_file_is_refused_with_advice(runner, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("The talks may fail. " * 1_100_000)  # 22 MB
    result = run(runner, "report", path)
    assert result.exit_code == 1 and "too big for one article" in result.output and "hedgeometer batch" in result.output


def test_usage_errors_exit_2(runner):
    assert run(runner, "report", SEED, "--format", "pdf").exit_code == 2
    assert run(runner, "report", SEED, "--threshold", "hedging=2").exit_code == 2
    assert run(runner, "report", SEED, "--threshold", "wobble=0.5").exit_code == 2
    assert run(runner, "report", SEED, "--no-model", "--model", "x.json").exit_code == 2


def test_threshold_changes_labels(runner):
    low = json.loads(run(runner, "report", SEED, "-f", "json", "--threshold", "0.05").stdout)
    high = json.loads(run(runner, "report", SEED, "-f", "json", "--threshold", "0.99").stdout)
    assert low["summary"]["flagged_sentences"] > high["summary"]["flagged_sentences"]
    assert low["summary"]["thresholds"]["hedging"] == 0.05


def test_bad_user_lexicon_names_file_and_line(runner, tmp_path):
    path = write_lexicon(tmp_path / "hedging.tsv", "hedging", ["may\tmodal\tlots\tx"])
    result = run(runner, "report", SEED, "--lexicon", path)
    assert result.exit_code == 1
    assert f"{path}:5: weight 'lots' is not a number" in result.output


def test_user_lexicon_adds_a_cue(runner, tmp_path):
    path = write_lexicon(tmp_path / "mine.tsv", "hedging", ["telephone conversation\tmine\t0.9\ttest"])
    result = run(runner, "report", SEED, "-f", "json", "--lexicon", path, "--no-model")
    cues = [c["text"] for s in json.loads(result.stdout)["sentences"] for c in s["cues"]]
    assert "telephone conversation" in cues


def test_lexicon_commands(runner):
    check = run(runner, "lexicon", "check")
    assert check.exit_code == 0 and check.output.rstrip().splitlines()[-1].startswith("OK: ")
    listing = run(runner, "lexicon", "list", "--dimension", "dramatic")
    assert listing.exit_code == 0
    assert any(line.startswith("dramatic\ton the brink") for line in listing.output.splitlines())
    explain = run(runner, "lexicon", "explain", "The talks are on the brink of collapse.", "--no-model")
    assert "dramatic" in explain.output and "labels: dramatic" in explain.output


@pytest.mark.parametrize("command", [[], ["report"], ["lexicon"], ["lexicon", "check"], ["lexicon", "list"],
                                     ["lexicon", "explain"], ["train"], ["evaluate"]])
def test_every_command_has_help(runner, command):
    result = run(runner, *command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_stdin_article_is_named_stdin_in_every_format(runner):
    text = run(runner, "report", "-", "--no-model", input=NEUTRAL_TEXT).output
    assert text.startswith("hedgeometer report: <stdin>\n")
    data = json.loads(run(runner, "report", "-", "-f", "json", "--no-model", input=NEUTRAL_TEXT).stdout)
    assert data["id"] == "<stdin>"
    markdown = run(runner, "report", "-", "-f", "markdown", "--no-model", input=NEUTRAL_TEXT).output
    assert markdown.startswith("# hedgeometer report: &lt;stdin&gt;\n")


def test_compare_columns_stay_aligned_and_take_color(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short names: the values are wider than them
    (tmp_path / "a.txt").write_text("Prices may possibly rise.\n")  # 100% hedged, 50 cues per 100 words
    (tmp_path / "b.txt").write_text(SEED.read_text("utf-8"))
    result = run(runner, "compare", "a.txt", "b.txt", "--no-model", "--no-color")
    assert result.exit_code == 0, result.output
    table = result.output.splitlines()[2:11]  # names, sentences, words, five dimensions, reading ease
    assert table[3].startswith("hedging") and "100% · 50.00/100w" in table[3]
    assert table[-1].startswith("reading ease")
    assert len({len(line) for line in table}) == 1  # every row ends in the same column
    assert "\x1b[" not in result.output
    colored = run(runner, "compare", "a.txt", "b.txt", "--no-model", "--color").output
    assert "\x1b[36mhedging" in colored and "\x1b[1mhedgeometer compare" in colored


def test_report_color_is_kept_in_a_pipe(runner):
    assert "\x1b[1mhedgeometer report:" in run(runner, "report", "-", "--no-model", "--color", input=NEUTRAL_TEXT).output


def test_counts_are_pluralised_and_the_markdown_footer_is_not_escaped(runner):
    result = run(runner, "report", "-", "-f", "markdown", "--no-model", input="Prices may rise.\n")
    assert "1 sentence, 3 words, 1 flagged." in result.output
    assert "| hedging | 1/1 | 100% | 1 | 33.33 | 1 cue | 0 cues |" in result.output
    assert "\\(" not in result.output and (
        " cues), rules only; thresholds hedging 0.50, speculation 0.50, dramatic 0.50, attribution 0.50, booster 0.50; "
        "evidence any (every label counts); boilerplate lines skipped." in result.output)
    text = run(runner, "report", "-", "--no-model", input="Prices may rise.\n").output
    assert "\n1 sentence, 3 words, 1 flagged\n" in text


def test_threshold_list_points_to_the_repeatable_option(runner):
    result = run(runner, "report", SEED, "--threshold", "hedging=0.4,booster=0.3")
    assert result.exit_code == 2
    assert "--threshold hedging=0.4 --threshold booster=0.3" in result.output
    assert "is not a dimension" not in result.output


@pytest.mark.parametrize("sentence", ["", "   "])
def test_lexicon_explain_refuses_an_empty_sentence(runner, sentence):
    result = run(runner, "lexicon", "explain", sentence, "--no-model")
    assert result.exit_code == 2
    assert "Invalid value for SENTENCE: it is empty" in result.output and "scores:" not in result.output


def test_lexicon_check_says_fields_need_tabs(runner, tmp_path):
    path = tmp_path / "hedging.tsv"
    path.write_text("# dimension: hedging\nmaybe    modal    0.5    mine\n", encoding="utf-8")
    result = run(runner, "lexicon", "check", path)
    assert result.exit_code == 1
    assert f"{path}:2: expected 4 or 5 tab-separated fields" in result.output
    assert "found 1 (no tab in the row: fields must be separated by tabs, not spaces)" in result.output


def test_report_refuses_a_text_over_max_chars(runner):
    text = "Officials may delay the vote. " * 20
    result = runner.invoke(main, ["report", "-", "--max-chars", "100"], input=text)
    assert result.exit_code == 1
    assert result.output == (f"Error: <stdin>: text is {len(text):,} characters, over --max-chars 100; raise "
                             f"--max-chars, or score long texts with 'hedgeometer batch'\n")
    assert runner.invoke(main, ["report", "-", "--max-chars", str(len(text))], input=text).exit_code == 0


def test_option_defaults_are_the_librarys():
    """The command line repeats no library default: each is read from the library."""
    import click

    from hedgeometer import serve
    from hedgeometer.learning import evaluate as evaluation, train as training
    from hedgeometer.runs.records import RecordOptions

    expected = {
        ("serve", "host"): serve.DEFAULT_HOST, ("serve", "port"): serve.DEFAULT_PORT,
        ("serve", "max_chars"): serve.DEFAULT_MAX_CHARS,
        ("batch", "max_chars"): RecordOptions.max_chars, ("batch", "text_field"): RecordOptions.text_field,
        ("batch", "id_field"): RecordOptions.id_field, ("batch", "headline_field"): RecordOptions.headline_field,
        ("evaluate", "bootstrap"): evaluation.DEFAULT_BOOTSTRAP,
        ("train", "seed"): training.DEFAULT_SEED, ("train", "name"): training.DEFAULT_NAME,
    }
    for (command, name), value in expected.items():
        option = next(p for p in main.commands[command].params if p.name == name)
        with click.Context(main.commands[command]) as ctx:
            assert option.get_default(ctx) == value, (command, name)
