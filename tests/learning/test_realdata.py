"""Real annotated corpora as training data and as evaluation sets: the label mapping, the
held-out articles, stand-off annotations joined by id and checked by hash, training from them,
and evaluation with baselines. The fixtures are sentences written for these tests in the shape
of each corpus (the corpora themselves are never copied into the repository)."""

import json

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main
from hedgeometer.learning.corpus import load_examples, load_standoff
from hedgeometer.errors import InputError
from hedgeometer.learning.evaluate import keyword_predictions
from hedgeometer.learning.realdata import REAL_KINDS, load_real, real_kind

from conftest import FIXTURES

REAL = FIXTURES / "real"
SMALL_CORPUS = FIXTURES / "corpus-small.jsonl"


def by_id(examples):
    return {e.id: e for e in examples}


def test_each_corpus_is_told_by_its_fields():
    assert [real_kind(REAL / f"{name}-mini.jsonl") for name in ("ptc", "szeged", "bio", "wikiweasel")] == \
        ["ptc", "szeged", "bio", "wikiweasel"] == list(REAL_KINDS)
    with pytest.raises(InputError, match="not a known real corpus"):
        real_kind(FIXTURES / "corpus-small.jsonl")


def test_szeged_cue_types_map_to_hedging_and_speculation():
    examples, _ = load_real([REAL / "szeged-mini.jsonl"])
    found = by_id(examples)
    # a modal cue: hedging; and with no other type, speculation is known to be absent
    assert found["sz-1"].labels == ("hedging",) and set(found["sz-1"].meta["known"]) == {"hedging", "speculation"}
    assert found["sz-3"].labels == ("speculation",)
    # a conditional alone says neither
    assert found["sz-4"].labels == () and found["sz-4"].meta["known"] == ()
    # no cue: certain on both, and attribution (weasels are not annotated there) stays unknown
    assert found["sz-2"].labels == () and "attribution" not in found["sz-2"].meta["known"]
    assert {e.group for e in examples} == {"szeged:Bridge_1", "szeged:Tower_2", "szeged:Wall_3"}


def test_bio_and_wikiweasel_certain_sentences_are_negative_on_the_uncertain_dimensions():
    examples, _ = load_real([REAL / "bio-mini.jsonl", REAL / "wikiweasel-mini.jsonl"])
    found = by_id(examples)
    for certain in ("bio-2", "ww-2"):
        assert found[certain].labels == () and set(found[certain].meta["known"]) == {"hedging", "speculation", "attribution"}
    assert found["bio-1"].labels == ("hedging",) and found["bio-3"].labels == ("speculation",)
    # uncertain with no typed cue: nothing known about which dimension
    assert found["bio-4"].meta["known"] == () and found["bio-4"].uncertain is True


def test_a_weasel_is_wikiweasel_uncertain_text_that_szeged_found_no_hedge_in():
    examples, _ = load_real([REAL / "szeged-mini.jsonl", REAL / "wikiweasel-mini.jsonl"])
    found = by_id(examples)
    assert found["ww-1"].labels == ("attribution",)  # "widely regarded": Szeged has no cue there
    assert found["ww-3"].labels == ("speculation",)  # Szeged's doxastic "believe"
    assert found["ww-4"].meta["known"] == ()  # not in Szeged: unknown which dimension
    assert found["ww-1"].group == "szeged:Tower_2"  # the same text is one document, so one fold


def test_held_out_articles_never_reach_training():
    examples, sources = load_real([REAL / "ptc-mini.jsonl"], heldout_articles=["900002"])
    # articles 900001 and 900003 repeat 900002's lines word for word, so they are kept out
    # too; 900004 words its lines differently
    assert {e.group for e in examples} == {"ptc:900004"}
    assert len(load_real([REAL / "ptc-mini.jsonl"])[0]) == 24
    texts = {e.text for e in examples}
    heldout_texts = {json.loads(line)["text"] for line in (REAL / "ptc-mini.jsonl").read_text().splitlines()
                     if json.loads(line)["article"] == "900002"}
    assert not texts & heldout_texts
    assert sources[0]["used"] == len(examples) and len(sources[0]["sha256"]) == 64


def test_standoff_annotations_label_all_five_dimensions_and_are_checked_by_hash(tmp_path):
    examples, sources = load_real([REAL / "ptc-mini.jsonl"], standoff=[REAL / "standoff-mini.jsonl"])
    annotated = [e for e in examples if e.meta["source"] == "realnews"]
    assert len(annotated) == 6 and all(len(e.meta["known"]) == 5 for e in annotated)
    assert by_id(examples)["ptc-900003-2"].labels == ("speculation",)
    assert sources[-1]["kind"] == "standoff" and sources[-1]["used"] == 6
    record = json.loads((REAL / "standoff-mini.jsonl").read_text().splitlines()[0])
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({**record, "text_sha1": "0" * 40}) + "\n")
    with pytest.raises(InputError, match="not the one annotated"):
        load_real([REAL / "ptc-mini.jsonl"], standoff=[wrong])
    with pytest.raises(InputError, match="held-out"):
        load_real([REAL / "ptc-mini.jsonl"], heldout_articles=["900003"], standoff=[REAL / "standoff-mini.jsonl"])
    stray = tmp_path / "stray.jsonl"
    stray.write_text(json.dumps({**record, "id": "nowhere-1"}) + "\n")
    with pytest.raises(InputError, match="not in the real corpora"):
        load_real([REAL / "ptc-mini.jsonl"], standoff=[stray])



def test_a_stand_off_text_that_changed_is_refused_the_same_way_for_training_and_evaluation(tmp_path):
    record = json.loads((REAL / "standoff-mini.jsonl").read_text().splitlines()[0])
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({**record, "text_sha1": "0" * 40}) + "\n")
    with pytest.raises(InputError) as training:
        load_real([REAL / "ptc-mini.jsonl"], standoff=[wrong])
    with pytest.raises(InputError) as evaluation:
        load_standoff(wrong, REAL / "ptc-mini.jsonl")
    expected = f"{wrong}:1: the text of {record['id']} in {REAL / 'ptc-mini.jsonl'} is not the one annotated"
    assert str(training.value) == str(evaluation.value) == expected


def test_a_stand_off_file_is_checked_the_same_way_for_training_and_evaluation(tmp_path):
    record = json.loads((REAL / "standoff-mini.jsonl").read_text().splitlines()[0])
    twice = tmp_path / "twice.jsonl"
    twice.write_text(json.dumps(record) + "\n\n" + json.dumps(record) + "\n")
    for load in (lambda: load_real([REAL / "ptc-mini.jsonl"], standoff=[twice]),
                 lambda: load_examples(twice, REAL / "ptc-mini.jsonl")):
        with pytest.raises(InputError, match=f"twice.jsonl:3: id '{record['id']}' is annotated twice"):
            load()


def test_a_real_corpus_line_that_is_not_an_object_is_named_by_file_and_line(tmp_path):
    lines = (REAL / "ptc-mini.jsonl").read_text().splitlines()
    broken = tmp_path / "ptc.jsonl"
    broken.write_text("\n".join([lines[0], "[1, 2]", *lines[1:]]) + "\n")
    with pytest.raises(InputError, match="ptc.jsonl:2: expected a JSON object"):
        load_real([broken])
    # one table tells the kinds; each reader asks only about those it reads
    assert real_kind(REAL / "standoff-mini.jsonl", [{"text_sha1": "0", "techniques": []}]) == "ptc"
    assert load_examples(REAL / "ptc-mini.jsonl")[1] == "dramatic"

@pytest.fixture(scope="module")
def trained_with_real(tmp_path_factory):
    path = tmp_path_factory.mktemp("real") / "model.json"
    args = ["train", "--corpus", str(SMALL_CORPUS), "-o", str(path), "--name", "real-mini"]
    for name in ("ptc", "szeged", "bio", "wikiweasel"):
        args += ["--real", str(REAL / f"{name}-mini.jsonl")]
    result = CliRunner().invoke(main, args + ["--standoff", str(REAL / "standoff-mini.jsonl")])
    assert result.exit_code == 0, result.output
    return args, path


def test_train_learns_from_real_corpora_and_names_each_with_its_hash(trained_with_real):
    _, path = trained_with_real
    training = json.loads(path.read_text())["training"]
    kinds = [r["kind"] for r in training["real_corpora"]]
    assert kinds == ["ptc", "szeged", "bio", "wikiweasel", "standoff"]
    assert all(len(r["sha256"]) == 64 and r["terms"] for r in training["real_corpora"])
    assert training["heldout_articles"] > 0  # the repo's held-out list was applied
    assert set(training["cv_scores"]["dramatic"]) >= {"C", "real_weight", "mix", "threshold", "by_source"}
    for scores in training["cv_scores"]["dramatic"]["by_source"].values():  # intervals from whole documents
        for statistic in ("precision", "recall", "f1"):
            low, high = scores[f"{statistic}_ci95"]
            assert 0 <= low <= scores[statistic] <= high <= 1


def test_train_with_real_corpora_is_reproducible(tmp_path, trained_with_real):
    args, path = trained_with_real
    again = tmp_path / "again.json"
    result = CliRunner().invoke(main, [a if a != str(path) else str(again) for a in args]
                                + ["--standoff", str(REAL / "standoff-mini.jsonl")])
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == path.read_bytes()


def test_evaluate_ptc_lines_scores_dramatic_beside_the_baselines():
    result = CliRunner().invoke(main, ["evaluate", "--corpus", str(REAL / "ptc-mini.jsonl"), "--no-model",
                                       "--format", "json", "--bootstrap", "50"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "dramatic" and data["target"] == "dramatic"
    assert set(data["systems"]) == {"majority", "keywords", "rules"}
    assert data["systems"]["rules"]["dramatic"]["support"] == 12
    assert data["systems"]["majority"]["dramatic"]["f1"] == 0.0  # never predicts the rarer class
    assert data["bootstrap"]["unit"] == "article group"


def test_evaluate_standoff_annotations_joins_texts_by_id(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "--corpus", str(REAL / "standoff-mini.jsonl"), "--texts",
                                  str(REAL / "ptc-mini.jsonl"), "--no-model", "--format", "json", "--bootstrap", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "multilabel" and data["sentences"] == 6
    assert data["systems"]["rules"]["dimensions"]["speculation"]["support"] == 1
    missing = runner.invoke(main, ["evaluate", "--corpus", str(REAL / "standoff-mini.jsonl"), "--no-model"])
    assert missing.exit_code == 1 and "--texts" in missing.output and "Traceback" not in missing.output
    with pytest.raises(InputError, match="not the one annotated"):
        load_examples(REAL / "standoff-mini.jsonl", _changed_texts(tmp_path))


def _changed_texts(tmp_path):
    changed = tmp_path / "ptc-changed.jsonl"
    lines = [json.loads(line) for line in (REAL / "ptc-mini.jsonl").read_text().splitlines()]
    changed.write_text("".join(json.dumps({**r, "text": r["text"] + " Indeed."}) + "\n" for r in lines))
    return changed


def test_keyword_baseline_matches_whole_words_only():
    found = keyword_predictions(["Prices may rise.", "Mayors met.", "Critics said the plan was a disaster."])
    assert found[0].tolist() == [True, False, False, False, False]
    assert not found[1].any()
    assert found[2].tolist() == [False, False, True, True, False]


def test_every_dimension_gets_intervals_for_precision_recall_and_f1():
    result = CliRunner().invoke(main, ["evaluate", "--corpus", str(SMALL_CORPUS), "--split", "all", "--no-model",
                                       "--format", "json", "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    for scores in json.loads(result.output)["systems"]["rules"]["dimensions"].values():
        for statistic in ("precision", "recall", "f1"):
            low, high = scores[f"{statistic}_ci95"]
            assert 0 <= low <= scores[statistic] <= high <= 1
