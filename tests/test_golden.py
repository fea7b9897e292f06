"""Golden reports: the rules-only text and Markdown reports of the seed, byte for byte.

Run ``pytest --update-golden`` after an intended change to the lexicons or the renderers, and
review the diff of tests/golden/ like any other change.
"""

from pathlib import Path

import pytest

from hedgeometer import Analyzer
from hedgeometer.render import RENDERERS

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("fmt, name", [("text", "seed-rules.txt"), ("markdown", "seed-rules.md")])
def test_seed_report_matches_golden(seed_text, update_golden, fmt, name):
    report = Analyzer(model=None).analyze(seed_text, id="seeds/damascus-talks.txt")
    rendered = RENDERERS[fmt](report, color=False, width=100)
    path = GOLDEN / name
    if update_golden or not path.exists():
        path.write_text(rendered, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{path} did not exist; it has been written, review it and rerun")
    assert rendered == path.read_text("utf-8")
