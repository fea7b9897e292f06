import pytest
from click.testing import CliRunner

from hedgeometer import Analyzer
from hedgeometer.cli import main
from hedgeometer.errors import LexiconError
from hedgeometer.rules.liwc import parse_liwc_map, read_liwc_file

from conftest import FIXTURES

MAP = {"tentat": "hedging", "certain": "booster"}


def test_dic_loads_maps_and_flags():
    cues, problems = read_liwc_file(FIXTURES / "mini.dic", MAP)
    assert problems == []
    assert {(c.dimension, c.pattern) for c in cues} == {
        ("hedging", "maybe"), ("hedging", "perhaps"), ("hedging", "guess*"), ("hedging", "sort of"),
        ("booster", "definitely"), ("booster", "absolut*"),
    }
    analyzer = Analyzer(model=None, lexicons=[FIXTURES / "mini.dic"], liwc_map=MAP, include_shipped_lexicons=False)
    scored = analyzer.score_sentences(["I guessed it was sort of absolutely fine.", "We were happy."])
    assert [(c.dimension, c.text) for c in scored[0].cues] == [
        ("hedging", "guessed"), ("hedging", "sort of"), ("booster", "absolutely")]
    assert set(scored[0].labels) == {"hedging", "booster"}
    assert scored[1].cues == ()


def test_malformed_dic_names_the_line():
    cues, problems = read_liwc_file(FIXTURES / "malformed.dic", {"tentat": "hedging"})
    assert any(p.endswith("malformed.dic:5: category 7 is not declared in the header") for p in problems)
    assert any("malformed.dic:6:" in p for p in problems)


def test_dic_without_map_is_an_error():
    with pytest.raises(LexiconError, match="needs liwc_map="):
        Analyzer(model=None, lexicons=[FIXTURES / "mini.dic"]).analyze("Maybe.")


def test_liwc_map_parsing():
    assert parse_liwc_map("tentat=hedging, certain=booster") == MAP
    with pytest.raises(ValueError):
        parse_liwc_map("tentat=wobble")


def test_cli_accepts_dic():
    result = CliRunner().invoke(main, ["lexicon", "explain", "Perhaps it is definitely over.", "--no-model",
                                       "--lexicon", str(FIXTURES / "mini.dic"), "--liwc-map", "tentat=hedging,certain=booster",
                                       "--only-lexicon"])
    assert result.exit_code == 0, result.output
    assert "labels: hedging, booster" in result.output
    bad = CliRunner().invoke(main, ["lexicon", "check", str(FIXTURES / "malformed.dic"), "--liwc-map", "tentat=hedging"])
    assert bad.exit_code == 1 and "malformed.dic:5" in bad.output


def test_dic_adds_cues_but_never_replaces_a_guarded_shipped_row(tmp_path):
    dic = tmp_path / "w.dic"
    dic.write_text("%\n1\ttentat\n%\nmay\t1\nperchance\t1\n", encoding="utf-8")
    analyzer = Analyzer(model=None, lexicons=[dic], liwc_map={"tentat": "hedging"})
    month, modal, new = analyzer.score_sentences(["The talks began in May.", "Prices may rise.", "Perchance so."])
    assert month.cues == ()  # the shipped "may" keeps its not_month guard
    assert [(c.pattern, c.weight) for c in modal.cues] == [("may", 0.55)]  # and its weight
    assert [(c.pattern, c.category) for c in new.cues] == [("perchance", "liwc-tentat")]
