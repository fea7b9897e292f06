"""The classroom notebook must run from top to bottom, offline, wherever a teacher saves it."""

import configparser
import os
import shutil
from pathlib import Path

import pytest

from hedgeometer.resources import seed_text

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "classroom-demo.ipynb"

# Run after the notebook, in its kernel: the horizontal lines of the plot are the thresholds in use.
CHECK_THRESHOLD_LINES = """
drawn = sorted(round(float(l.get_ydata()[0]), 6) for l in ax.get_lines()
               if list(l.get_xdata()) == [0, 1] and len(set(l.get_ydata())) == 1)
in_use = sorted(round(analyzer.resolved_thresholds[d], 6) for d in DIMENSIONS)
print("THRESHOLD LINES", drawn, in_use)
assert drawn == in_use, (drawn, in_use)
"""


def test_notebook_is_stored_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_executes_when_copied_outside_the_repository(tmp_path, monkeypatch):
    """A teacher saves the notebook on its own and opens it there: it finds the seed articles in
    the installed package, and its plot draws the thresholds in use, not a fixed 0.5."""
    # the kernel starts in tmp_path: it must import this checkout's hedgeometer, whatever else is installed
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    copy = tmp_path / "classroom-demo.ipynb"
    shutil.copy(NOTEBOOK, copy)
    notebook = nbformat.read(copy, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(CHECK_THRESHOLD_LINES))
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the plot did not render"
    pages = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any(page.startswith('<div class="hedgeometer hm-inline">') and 'class="why"' in page for page in pages), \
        "the report did not render inline"
    assert any('<table class="compare">' in page and "most dramatic" in page and page.count('class="hm-report"') == 2
               for page in pages), "the comparison did not render inline"
    plain = [o["data"]["text/plain"] for o in outputs if "text/html" in o.get("data", {})]
    assert "<ArticleReport damascus-talks.txt: 18 sentences, " in plain[0] and len(plain[0]) < 100
    text = "".join(o.get("text", "") for o in outputs)
    assert "BEFORE:" in text and "dramatic     leans hardest: damascus-talks.txt" in text and "THRESHOLD LINES" in text
    assert "axhline(0.5" not in NOTEBOOK.read_text("utf-8")


def test_the_seed_articles_are_read_from_the_repository_seeds():
    for name in ("damascus-talks.txt", "rewrites/damascus-talks-calm.txt"):
        assert seed_text(name) == (ROOT / "seeds" / name).read_text("utf-8")
    with pytest.raises(FileNotFoundError, match="no seed article"):
        seed_text("nope.txt")


def test_a_notebook_extra_brings_jupyterlab_and_ci_opens_the_notebook_as_a_teacher_would():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    extras = config["options.extras_require"]
    assert "jupyterlab" in extras["notebook"] and "nbconvert" in extras["notebook"]
    assert "matplotlib" in extras["notebook"]
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "pip install -e '.[notebook]'" in readme and "jupyter lab notebooks/classroom-demo.ipynb" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "-e '.[notebook]'" in ci and "jupyter\" nbconvert --to notebook --execute" in ci
