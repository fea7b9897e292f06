"""Which scanner runs (hedgeometer.text.scanner): the compiled one when built, the pure-Python one
when forced or asked for, and every report says which."""

import os
import subprocess
import sys

import pytest

from hedgeometer import Analyzer
from hedgeometer.text import scanner

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
