"""Where the shipped data is (hedgeometer.resources): the lexicons, the model and the seeds, read
from the same tree as the code (here the checkout's top-level folders)."""

import pytest

from hedgeometer.errors import ParameterError

from hedgeometer.resources import SHIPPED, checkout_dir, resource_dir, seed_text

from conftest import ROOT


def test_each_shipped_folder_is_found_with_its_files():
    assert SHIPPED == ("lexicons", "models", "seeds")
    assert {"hedging.tsv", "booster.tsv"} <= {p.name for p in resource_dir("lexicons").glob("*.tsv")}
    assert (resource_dir("models") / "default.json").is_file()
    # in a source checkout the data is the top-level folder of that name
    assert resource_dir("seeds").resolve() == (ROOT / "seeds").resolve()


def test_data_that_does_not_ship_is_refused():
    with pytest.raises(ParameterError, match="expected data that ships with hedgeometer") as raised:
        resource_dir("corpus")
    assert (raised.value.parameter, raised.value.value, raised.value.choices) == ("name", "corpus", SHIPPED)
    assert isinstance(raised.value, ValueError)
    assert checkout_dir("corpus").resolve() == (ROOT / "corpus").resolve()  # the checkout has it


def test_seed_text_reads_the_seeds_and_names_them_when_one_is_missing():
    assert seed_text() == (ROOT / "seeds" / "damascus-talks.txt").read_text("utf-8")
    calm = "rewrites/damascus-talks-calm.txt"
    assert seed_text(calm) == (ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt").read_text("utf-8")
    with pytest.raises(FileNotFoundError, match="shipped: .*damascus-talks.txt") as raised:
        seed_text("no-such-article.txt")
    assert calm in str(raised.value)
