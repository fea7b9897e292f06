"""Measuring (hedgeometer.learning.evaluate): the evaluate command on a corpus and CoNLL XML,
bootstrap intervals over article groups, and the one F1."""

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from hedgeometer.cli import main

from conftest import FIXTURES, SMALL_CORPUS


def test_evaluate_corpus_and_conll_xml():
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "--corpus", str(SMALL_CORPUS), "--split", "all", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["systems"]) == {"majority", "keywords", "rules", "model", "combined"}
    assert 0 <= data["systems"]["combined"]["macro_f1"] <= 1
    xml = runner.invoke(main, ["evaluate", "--corpus", str(FIXTURES / "conll-sample.xml"), "--format", "json"])
    assert xml.exit_code == 0, xml.output
    scores = json.loads(xml.output)
    assert scores["kind"] == "binary" and scores["sentences"] == 6
    assert scores["systems"]["rules"]["uncertain"]["support"] == 3
    text = runner.invoke(main, ["evaluate", "--corpus", str(FIXTURES / "conll-sample.xml")])
    assert "uncertain" in text.output and "combined" in text.output


def test_evaluate_reports_a_bootstrap_interval_around_macro_f1():
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "--corpus", str(SMALL_CORPUS), "--split", "all", "--format", "json"])
    data = json.loads(result.output)
    assert data["bootstrap"]["unit"] == "article group"
    for name, system in data["systems"].items():
        if name == "majority":  # never labels a rare class: F1 0 in every resample
            assert system["macro_f1"] == 0 and system["macro_f1_ci95"] == [0, 0]
            continue
        low, high = system["macro_f1_ci95"]
        assert 0 <= low <= system["macro_f1"] <= high <= 1 and low < high
    text = runner.invoke(main, ["evaluate", "--corpus", str(SMALL_CORPUS), "--split", "all"]).output
    assert "95% CI" in text and "bootstrap resamples of article groups" in text
    plain = json.loads(runner.invoke(main, ["evaluate", "--corpus", str(SMALL_CORPUS), "--split", "all", "--format", "json",
                                             "--bootstrap", "0"]).output)
    assert "bootstrap" not in plain and "macro_f1_ci95" not in plain["systems"]["rules"]


def test_bootstrap_interval_resamples_whole_groups():
    from hedgeometer.learning.evaluate import bootstrap_interval

    gold = np.array([[True], [True], [False], [False]] * 10)
    perfect = bootstrap_interval(gold, gold.copy(), np.arange(40), 200)
    assert perfect == [1.0, 1.0]
    # half the groups all right, half all wrong: the interval is wide around 0.5 when groups are
    # the unit, and narrower when the same 40 sentences are (wrongly) treated as independent
    predicted = gold.copy()
    predicted[20:] = ~predicted[20:]
    by_group = bootstrap_interval(gold, predicted, np.repeat([0, 1], 20), 500)
    by_sentence = bootstrap_interval(gold, predicted, np.arange(40), 500)
    assert by_group[0] < by_sentence[0] <= 0.5 <= by_sentence[1] < by_group[1]


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60))
@settings(max_examples=200, deadline=None)
def test_the_one_f1_agrees_with_scikit_learn(pairs):
    """evaluate.f1_score is the F1 of training, evaluate and the bootstrap; it must be
    scikit-learn's, 0 included when nothing is there to find or found."""
    from sklearn.metrics import precision_recall_fscore_support

    from hedgeometer.learning.evaluate import confusion, f1_score, prf

    gold = np.array([g for g, _ in pairs], dtype=bool)
    predicted = np.array([p for _, p in pairs], dtype=bool)
    precision, recall, f1, _ = precision_recall_fscore_support(gold, predicted, average="binary", zero_division=0)
    assert f1_score(*confusion(gold, predicted)) == pytest.approx(f1, abs=1e-12)
    assert prf(gold, predicted) == {"precision": round(precision, 4), "recall": round(recall, 4),
                                    "f1": round(f1, 4), "support": int(gold.sum())}
