"""Errors carry which setting fixes them: a Python caller reads the parameter, the command line the option."""

import ast
import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from hedgeometer import Analyzer, InputError, ModelFileError
from hedgeometer.cli import main
from hedgeometer.errors import MENTION, Hint, LexiconError, Message
from hedgeometer.runs.batch import run_batch
from hedgeometer.runs.records import RecordOptions, iter_records

from conftest import FIXTURES

PACKAGE = Path(__file__).resolve().parent.parent / "hedgeometer"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_no_module_but_the_cli_imports_click():
    importers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
            if any(name == "click" or name.startswith("click.") for name in names):
                importers.append(path.relative_to(PACKAGE).as_posix())
    assert importers == ["cli.py"]


def test_a_message_reads_its_hints_as_parameters_and_as_the_caller_names_them():
    message = Message("over ", Hint("max_chars", 4000), "; or use ", Hint("model", None), " (see ", Hint("resume"), ")")
    assert message == "over max_chars=4000; or use model=None (see resume)"
    assert message.hints == (Hint("max_chars", 4000), Hint("model", None), Hint("resume", MENTION))
    assert message.phrase(lambda hint: f"<{hint.parameter}>") == "over <max_chars>; or use <model> (see <resume>)"
    assert message.removeprefix("over ").phrase(lambda hint: "#") == "#; or use # (see #)"
    copy = pickle.loads(pickle.dumps(InputError(message)))  # rows and errors come back from worker processes
    assert copy.hints == message.hints and str(copy) == message


def test_a_missing_model_file_names_the_parameter(tmp_path):
    with pytest.raises(ModelFileError) as raised:
        Analyzer(model=str(tmp_path / "missing.json"))
    assert raised.value.hint == Hint("model", str(tmp_path / "missing.json"))
    assert raised.value.hints[-1] == Hint("model", None)
    assert str(raised.value).endswith("to score with the lexicons alone, use model=None")
    assert "--" not in str(raised.value)
    result = cli("report", FIXTURES / "corpus-small.jsonl", "--model", tmp_path / "missing.json")
    assert result.exit_code == 1 and result.output.endswith("to score with the lexicons alone, use --no-model\n")
    assert f"(--model {tmp_path / 'missing.json'})" in result.output


def test_a_damaged_model_file_says_model_none_to_a_caller_and_no_model_to_the_cli(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ModelFileError) as raised:
        Analyzer(model=bad).loaded_model
    assert raised.value.hint == Hint("model", None) and str(raised.value).endswith("or use model=None")
    assert cli("report", FIXTURES / "corpus-small.jsonl", "--model", bad).output.endswith("or use --no-model\n")


def test_a_wrong_text_field_names_text_field_for_a_caller_and_the_flag_for_the_cli(tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "x", "body": "Officials may delay the vote."}) + "\n")
    (record,) = iter_records([str(export)])
    assert record.error == "missing text field 'text' (fields: id, body; pass text_field='body')"
    assert record.error.hints == (Hint("text_field", "body"),)
    out = tmp_path / "rows.jsonl"
    run_batch(iter_records([str(export)]), out, analyzer=Analyzer(model=None), fmt="jsonl")
    assert json.loads(out.read_text())["error"].endswith("pass text_field='body')")
    result = cli("batch", export, "-o", tmp_path / "cli.jsonl", "--no-model")
    assert result.exit_code == 1 and "pass --text-field body)" in result.output
    assert json.loads((tmp_path / "cli.jsonl").read_text())["error"].endswith("pass --text-field body)")


def test_a_too_long_text_names_max_chars_for_a_caller_and_the_flag_for_the_cli(tmp_path):
    corpus = tmp_path / "long.jsonl"
    corpus.write_text(json.dumps({"id": "long", "text": "Prices may rise. " * 20}) + "\n")
    (record,) = iter_records([str(corpus)], RecordOptions(max_chars=100))
    assert record.error == "text is 340 characters, over max_chars=100"
    out = tmp_path / "cli.csv"
    result = cli("batch", corpus, "-o", out, "--no-model", "--max-chars", 100)
    assert result.exit_code == 1 and "failed: long: text is 340 characters, over --max-chars 100" in result.output
    assert "over --max-chars 100" in out.read_text()


def test_a_wrong_encoding_names_the_parameter_for_a_caller(tmp_path):
    from hedgeometer.text.inputs import read_article

    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9 au lait")
    with pytest.raises(InputError) as raised:
        read_article(str(path))
    assert raised.value.hint == Hint("encoding", "latin-1") and str(raised.value).endswith("e.g. encoding='latin-1'")
    assert cli("report", path).output.endswith("e.g. --encoding latin-1\n")


def test_page_furniture_alone_names_boilerplate_keep():
    with pytest.raises(InputError) as raised:
        Analyzer(model=None).analyze("ADVERTISEMENT\nRead more: Why the talks matter\n")
    assert raised.value.hint == Hint("boilerplate", "keep") and "use boilerplate='keep')" in str(raised.value)


def test_a_liwc_dictionary_without_a_map_names_liwc_map():
    with pytest.raises(LexiconError) as raised:
        Analyzer(model=None, lexicons=[FIXTURES / "mini.dic"]).analyze("Maybe.")
    assert [hint.parameter for hint in raised.value.hints] == ["liwc_map"]
    assert "needs liwc_map={'CATEGORY': 'DIMENSION'} to say what it measures" in str(raised.value)
    result = cli("lexicon", "check", FIXTURES / "mini.dic")
    assert result.exit_code == 1 and "needs --liwc-map CATEGORY=DIMENSION to say what it measures" in result.output


def test_a_resume_of_another_file_names_resume_and_output(tmp_path):
    from hedgeometer.runs.rows import ARTICLE_COLUMNS
    from hedgeometer.runs.writer import read_earlier_rows

    other = tmp_path / "other.jsonl"
    other.write_text('{"name": "bob"}\n')
    with pytest.raises(InputError) as raised:
        read_earlier_rows(other, "jsonl", ARTICLE_COLUMNS)
    assert {hint.parameter for hint in raised.value.hints} == {"resume", "output"}
    assert str(raised.value).endswith("so resume=True cannot continue it; write to another output, or drop "
                                      "resume=True to replace the file")


def test_stand_off_annotations_without_their_texts_name_texts():
    from hedgeometer.learning.corpus import load_standoff

    gold = Path(__file__).resolve().parent.parent / "corpus" / "realnews" / "gold.jsonl"
    with pytest.raises(InputError) as raised:
        load_standoff(gold, None)
    assert raised.value.hint == Hint("texts") and str(raised.value).endswith("give the file they annotate (texts)")
    result = cli("evaluate", "--corpus", gold)
    assert result.exit_code == 1 and result.output.endswith("give the file they annotate (--texts)\n")


def test_a_step_is_named_by_the_api_for_a_caller_and_by_the_command_on_the_command_line(tmp_path):
    """What to run next (train a model, score many articles) is an Action: the API function in
    the library's messages, never a command; the command line names its command as before."""
    from hedgeometer.errors import Action
    from hedgeometer.text.inputs import read_article

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ModelFileError) as raised:
        Analyzer(model=bad).loaded_model
    assert str(raised.value).endswith("retrain it with hedgeometer.learning.train.train_model or use model=None")
    assert raised.value.hints == (Hint("model", None),)  # a step is not a setting
    assert cli("report", FIXTURES / "corpus-small.jsonl", "--model", bad).output.endswith(
        "retrain it with 'hedgeometer train' or use --no-model\n")
    truncated = tmp_path / "truncated.json"
    truncated.write_text('{"format": ')
    with pytest.raises(ModelFileError, match="Retrain with hedgeometer.learning.train.train_model or use model=None"):
        Analyzer(model=truncated).loaded_model

    with pytest.raises(InputError) as folder:
        read_article(tmp_path)
    assert str(folder.value).endswith("give a file, or use hedgeometer.runs.batch.run_batch for folders")
    assert cli("report", tmp_path).output.endswith("give a file, or use 'hedgeometer batch' for folders\n")
    big = tmp_path / "big.txt"
    big.write_text("Prices may rise. " * 100_000)
    with pytest.raises(InputError) as large:
        read_article(big, max_bytes=1024 * 1024)
    assert str(large.value).endswith("split it into articles and use Analyzer.analyze_many")
    for error in (raised.value, folder.value, large.value):
        assert "hedgeometer train" not in str(error) and "hedgeometer batch" not in str(error)
        assert pickle.loads(pickle.dumps(error)).message.pieces == error.message.pieces  # from worker processes
    assert isinstance(folder.value.message.pieces[1], Action)


def test_a_parameter_error_names_its_parameter_as_a_hint_and_survives_a_worker_process():
    from hedgeometer import ParameterError

    error = ParameterError("max_chars", 0, "a whole number, 1 or more")
    assert str(error) == "max_chars=0: expected a whole number, 1 or more"
    assert error.hint == Hint("max_chars", 0) and error.hints == (Hint("max_chars", 0),)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.parameter, copy.value, copy.expected, str(copy)) == ("max_chars", 0, error.expected, str(error))
    assert cli("serve", "--max-chars", "0").exit_code == 2  # the option's own range check comes first


def test_the_same_mistake_raises_the_same_error_everywhere(tmp_path, monkeypatch):
    import sys

    import hedgeometer
    from hedgeometer import MissingDependencyError, MissingResourceError, ParameterError, to_frame
    from hedgeometer.resources import resource_dir, seed_text
    from hedgeometer.serve import read_submitted
    from hedgeometer.text.inputs import INPUT_FORMATS, read_article

    article = tmp_path / "a.txt"
    article.write_text("Prices may rise.")
    with pytest.raises(ParameterError) as from_file:
        read_article(article, format="pdf")
    with pytest.raises(ParameterError) as from_page:
        read_submitted({"text": "Prices may rise.", "format": "pdf"}, 0, 1, 1000)
    for raised in (from_file, from_page):
        assert (raised.value.parameter, raised.value.value, raised.value.choices) == ("format", "pdf", INPUT_FORMATS)

    with pytest.raises(ParameterError) as unknown:
        resource_dir("corpus")
    assert unknown.value.parameter == "name" and isinstance(unknown.value, ValueError)
    with pytest.raises(MissingResourceError, match="no seed article 'nope.txt'") as missing:
        seed_text("nope.txt")
    assert isinstance(missing.value, FileNotFoundError)

    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(MissingDependencyError, match="to_frame needs pandas") as no_pandas:
        to_frame([])
    assert isinstance(no_pandas.value, ImportError)
    assert {"MissingDependencyError", "MissingResourceError"} <= set(hedgeometer.__all__)
