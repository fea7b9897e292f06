"""The classroom notebook must run from top to bottom, offline."""

import os
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "classroom-demo.ipynb"


def test_notebook_is_stored_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_executes(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    # the kernel imports this checkout's hedgeometer, whatever is installed (a relative PYTHONPATH
    # would be read from the notebook's folder)
    path = os.pathsep.join([str(NOTEBOOK.parent.parent), *filter(None, [os.environ.get("PYTHONPATH")])])
    client.execute(env={**os.environ, "PYTHONPATH": path})
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
    assert "BEFORE:" in text and "dramatic     leans hardest: damascus-talks.txt" in text
