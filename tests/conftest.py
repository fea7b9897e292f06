from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "damascus-talks.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL_CORPUS = FIXTURES / "corpus-small.jsonl"  # 80 annotated sentences: trains a model in seconds

# Plain factual sentences: a control text that should get no labels or nearly none.
NEUTRAL_TEXT = """City Council Approves Budget

The city council approved a budget of 4.2 million dollars on Tuesday by a vote of seven to two.
The plan funds two new fire stations and the repair of 14 kilometres of road.
Mayor Ana Ruiz signed the measure in the afternoon, her office said in a statement.
Work on the first station begins in March and is scheduled to finish in October.
The council meets again on 12 June to review the school transport contract.
Last year the city spent 3.9 million dollars, according to the annual accounts.
Residents can read the full budget on the council's website.
The finance committee held three public hearings before the vote.
"""

# Short articles of every kind of sentence, for corpus runs.
TEXTS = [
    "Officials may delay the vote, analysts say.",
    "The council met on Tuesday and approved the budget.",
    "The region stands on the brink of war. The talks will undoubtedly fail.",
    "Shares rose 3 per cent. The firm is expected to announce layoffs.",
    "“We might withdraw,” the minister said. Sources close to him disagreed.",
]


# An article that tries to inject markup and script into every output format.
EVIL = 'Officials may resign. <script>document.body.setAttribute("data-pwned", "1")</script> "><img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')"> It is *clearly* [over](javascript:alert(1)).'


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/ from current output.")


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def rules_analyzer():
    from hedgeometer import Analyzer

    return Analyzer(model=None)


@pytest.fixture(scope="session")
def analyzer():
    from hedgeometer import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """A model trained on the small corpus: (model, training record, its saved file)."""
    from hedgeometer.learning.train import train_model
    from hedgeometer.model.linear import save_model
    from hedgeometer.rules.lexicon import load_lexicons

    model, record = train_model([SMALL_CORPUS], lexicon=load_lexicons(), seed=0, name="small")
    path = tmp_path_factory.mktemp("model") / "small.json"
    save_model(model, path)
    return model, record, path


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


def write_lexicon(path: Path, dimension: str, rows: list[str]) -> Path:
    header = f"# hedgeometer lexicon\n# format: 1\n# dimension: {dimension}\npattern\tcategory\tweight\tnotes\tguards\n"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path
