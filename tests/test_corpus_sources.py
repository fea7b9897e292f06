"""The corpus JSONL files are exactly what corpus/build_corpus.py makes of corpus/source/*.txt."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _builder():
    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("source", sorted((CORPUS / "source").glob("*.txt")), ids=lambda p: p.name)
def test_jsonl_matches_its_source(source):
    builder = _builder()
    built = builder.relabel(builder.parse(source), builder.test_labels_v11())
    shipped = [json.loads(line) for line in (CORPUS / f"{source.stem}.jsonl").read_text("utf-8").splitlines() if line.strip()]
    assert built == shipped


def test_the_test_split_carries_the_adjudicated_v11_labels():
    """The test split was re-annotated blind under guidelines v1.1; those labels are the
    reference, in every corpus file, and each sentence's text is the one annotated."""
    import hashlib

    gold = _builder().test_labels_v11()
    test = [json.loads(line) for path in sorted(CORPUS.glob("*.jsonl")) for line in path.read_text("utf-8").splitlines()
            if line.strip() and json.loads(line)["split"] == "test"]
    assert len(test) == len(gold) == 759
    for record in test:
        annotation = gold[record["id"]]
        assert record["labels"] == annotation["labels"]
        assert [(c["start"], c["end"]) for c in record["cues"]] == [(c["start"], c["end"]) for c in annotation["cues"]]
        assert hashlib.sha1(record["text"].encode()).hexdigest() == annotation["text_sha1"]


def test_a_cue_of_a_multilabel_sentence_must_name_its_dimension(tmp_path):
    source = tmp_path / "bad.txt"
    source.write_text("#bad001 wire politics\nAnalysts say the deal could collapse. | attribution,hedging | Analysts say;could\n", "utf-8")
    with pytest.raises(SystemExit, match="needs its dimension"):
        _builder().parse(source)
    source.write_text("#bad001 wire politics\nAnalysts say the deal could collapse. | attribution,hedging | attribution=Analysts say;hedging=could\n", "utf-8")
    record, = _builder().parse(source)
    assert [(c["dimension"], c["text"], c["start"]) for c in record["cues"]] == [("attribution", "Analysts say", 0), ("hedging", "could", 22)]


def test_a_group_written_after_the_freeze_can_only_go_to_train(tmp_path):
    """Groups added after the dev and test splits were frozen say split=train; no other option
    exists, so no new group can slip into dev or test."""
    from hedgeometer.learning.corpus import split_for_group
    group = next(g for g in (f"frz{n:03d}" for n in range(100)) if split_for_group(g) == "test")
    source = tmp_path / "late.txt"
    source.write_text(f"#{group} wire politics split=train\nThe vote is on Tuesday. | |\n", "utf-8")
    record, = _builder().parse(source)
    assert record["split"] == "train"
    source.write_text(f"#{group} wire politics split=test\nThe vote is on Tuesday. | |\n", "utf-8")
    with pytest.raises(SystemExit, match="unknown group option"):
        _builder().parse(source)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.jsonl")), ids=lambda p: p.name)
def test_every_label_has_a_cue_and_every_cue_a_label(path):
    """The guidelines ask for a cue span wherever a cue is explicit; an old build step left
    hundreds of labels without one (mended in the 2026-11 audit), so keep it from coming back."""
    problems = []
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        cued = {cue["dimension"] for cue in record["cues"]}
        problems += [f"{record['id']}: {label} has no cue" for label in record["labels"] if label not in cued]
        problems += [f"{record['id']}: cue {cue['text']!r} is filed under {cue['dimension']}, not a label"
                     for cue in record["cues"] if cue["dimension"] not in record["labels"]]
        problems += [f"{record['id']}: cue {cue['text']!r} is not at {cue['start']}"
                     for cue in record["cues"] if record["text"][cue["start"]:cue["end"]] != cue["text"]]
    assert problems == []


def test_the_agreement_sample_is_train_and_dev_only_and_its_table_runs():
    """The agreement annotations (corpus/agreement/*.tsv) name only train and dev sentences, never
    test ones, and corpus/agreement.py turns them into the table the corpus README quotes."""
    import subprocess
    import sys

    annotations = sorted((CORPUS / "agreement").glob("*.tsv"))
    assert len(annotations) == 2
    splits = {json.loads(line)["id"]: json.loads(line)["split"]
              for path in CORPUS.glob("*.jsonl") for line in path.read_text("utf-8").splitlines() if line.strip()}
    for path in annotations:
        ids = [line.split("\t")[0] for line in path.read_text("utf-8").splitlines() if line.strip()]
        assert len(ids) == 413 and {splits[i] for i in ids} <= {"train", "dev"}
    table = subprocess.run([sys.executable, str(CORPUS / "agreement.py"), *map(str, annotations)],
                           capture_output=True, text=True, check=True).stdout
    assert table.startswith("413 sentences")
    assert "0.922" in table.splitlines()[-1] and "0.957" in table.splitlines()[-1]
