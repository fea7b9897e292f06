import pytest

from hedgeometer import Analyzer


@pytest.fixture(scope="package")
def seed_report(seed_text):
    """The seed article's report with the shipped model, shared by the renderers' tests."""
    return Analyzer().analyze(seed_text, id="seeds/damascus-talks.txt")
