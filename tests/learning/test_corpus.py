"""The corpus format (hedgeometer.learning.corpus): records become examples, a split follows the
group (so no article is in two splits), and a bad record is named by file and line."""

import json

import pytest

from hedgeometer.errors import InputError
from hedgeometer.learning.corpus import corpus_files, corpus_sha256, load_corpus, split_for_group


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_records_become_examples_and_a_group_keeps_one_split(tmp_path):
    groups = [f"g{n:03d}" for n in range(400)]
    splits = [split_for_group(g) for g in groups]
    assert {s: splits.count(s) for s in ("train", "dev", "test")} == pytest.approx(
        {"train": 280, "dev": 60, "test": 60}, abs=30)
    path = write(tmp_path / "a.jsonl", [
        {"id": "g001-1", "group": "g001", "text": "Talks may fail.", "labels": ["hedging"], "topic": "x"},
        {"id": "g001-2", "group": "g001", "text": "It rained.", "labels": []},
        {"id": "other", "group": "g002", "split": "dev", "text": "Sources say so.", "labels": ["attribution"]}])
    first, second, third = load_corpus([tmp_path])
    assert (first.labels, first.meta, first.is_uncertain) == (("hedging",), {"topic": "x"}, True)
    assert first.split == second.split == split_for_group("g001") and not second.is_uncertain
    assert third.split == "dev"  # a given split wins over the hash
    assert corpus_files([tmp_path]) == [path]


def test_the_hash_follows_the_content(tmp_path):
    path = write(tmp_path / "a.jsonl", [{"text": "Talks may fail.", "labels": ["hedging"]}])
    before = corpus_sha256([path])
    assert corpus_sha256([path]) == before
    write(path, [{"text": "Talks may fail.", "labels": []}])
    assert corpus_sha256([path]) != before


@pytest.mark.parametrize("record, message", [
    ({"text": " ", "labels": []}, "missing or empty 'text'"),
    ({"text": "Talks may fail.", "labels": ["doubt"]}, "'labels' must be a list of hedging"),
    ({"text": "Talks may fail.", "labels": [], "split": "holdout"}, "split 'holdout' is not one of"),
])
def test_a_bad_record_is_named_by_file_and_line(tmp_path, record, message):
    path = write(tmp_path / "bad.jsonl", [{"text": "Fine.", "labels": []}, record])
    with pytest.raises(InputError, match=f"bad.jsonl:2: {message}"):
        load_corpus([path])


def test_duplicate_ids_and_missing_files_are_refused(tmp_path):
    path = write(tmp_path / "dup.jsonl", [{"id": "x", "text": "One.", "labels": []}, {"id": "x", "text": "Two.", "labels": []}])
    with pytest.raises(InputError, match="dup.jsonl:2: duplicate id 'x'"):
        load_corpus([path])
    with pytest.raises(InputError, match="no such corpus file or folder"):
        corpus_files([tmp_path / "nowhere"])
