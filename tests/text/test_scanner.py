"""Which scanner runs (hedgeometer.text.scanner): the compiled one when built, the pure-Python one
when forced or asked for, and every report says which."""

import os
import subprocess
import sys

import pytest

from hedgeometer import Analyzer
from hedgeometer.text import scan, scanner

from conftest import ROOT


def test_provenance_says_which_core_runs():
    analyzer = Analyzer(model=None, readability=False)
    assert analyzer.provenance()["core"] == scanner.CORE
    assert analyzer.analyze("It may rain.").to_dict()["produced_by"]["core"] == scanner.CORE
    code = "from hedgeometer import Analyzer; print(Analyzer(model=None).provenance()['core'])"
    forced = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                            env={**os.environ, "HEDGEOMETER_PURE_PYTHON": "1"})
    assert forced.stdout.strip() == "python"


def test_the_compiled_core_runs_by_default_when_built(compiled):
    code = "from hedgeometer.text import scanner; print(scanner.CORE)"
    env = {key: value for key, value in os.environ.items() if key != "HEDGEOMETER_PURE_PYTHON"}
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, env=env)
    assert found.stdout.strip() == "compiled"


def test_use_rejects_an_unknown_core():
    with pytest.raises(ValueError):
        scanner.use("fortran")


@pytest.fixture
def restore_core():
    before = scanner.CORE
    yield
    scanner.use(before)


def test_use_switches_every_function_at_once(restore_core):
    text = "Officials may delay the vote, analysts say. It is far-reaching."
    expected = Analyzer(model=None, readability=False).analyze(text).to_dict()
    scanner.use("python")
    assert scanner.CORE == "python"
    assert (scanner.find_tokens, scanner.token_starts, scanner.type_ids, scanner.punkt_spans) == \
        (scan.find_tokens, scan.token_starts, scan.type_ids, scan.punkt_spans)
    found = Analyzer(model=None, readability=False).analyze(text).to_dict()
    assert found["produced_by"].pop("core") == "python"
    expected["produced_by"].pop("core")
    assert found == expected


def test_use_compiled_takes_the_built_twin_or_says_it_is_not_built(restore_core):
    scanner.use("python")
    if scanner.compiled_scan is None:
        with pytest.raises(RuntimeError, match="not built"):
            scanner.use("compiled")
        assert scanner.CORE == "python" and scanner.find_tokens is scan.find_tokens  # a refused switch changes nothing
    else:
        scanner.use("compiled")
        assert scanner.CORE == "compiled" and scanner.find_tokens is scanner.compiled_scan.find_tokens
