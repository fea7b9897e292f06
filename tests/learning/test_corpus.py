"""The corpus format (hedgeometer.learning.corpus): records become examples, a split follows the
group (so no article is in two splits), a bad record is named by file and line, stand-off
annotations are checked as they are read, and a file's kind is told by its first record."""

import json

import pytest

from hedgeometer.errors import InputError
from hedgeometer.learning.corpus import (corpus_files, corpus_sha256, load_corpus, load_examples, read_jsonl,
                                         read_standoff, split_for_group)


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


def test_jsonl_skips_blank_lines_and_names_a_bad_line_by_file_and_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('\n{"id": "a"}\n  \n{"id": "b"}\n', encoding="utf-8")
    assert list(read_jsonl(path)) == [(2, {"id": "a"}), (4, {"id": "b"})]
    path.write_text('{"id": "a"}\n\n{"id": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"a.jsonl:3: not valid JSON \(Expecting value\)"):
        list(read_jsonl(path))
    path.write_text('{"id": "a"}\n["b"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="a.jsonl:2: expected a JSON object"):
        list(read_jsonl(path))


STANDOFF = {"id": "t-1", "labels": ["hedging"], "cues": [], "text_sha1": "0" * 40}


@pytest.mark.parametrize("second, message", [
    ({**STANDOFF, "id": 7}, "b.jsonl:2: 'id' must be a non-empty string, not 7"),
    ({**STANDOFF, "labels": ["doubt"], "id": "t-2"}, "b.jsonl:2: 'labels' must be a list of hedging"),
    ({**STANDOFF, "labels": "hedging", "id": "t-2"}, "b.jsonl:2: 'labels' must be a list of hedging"),
    (STANDOFF, r"b.jsonl:2: id 't-1' is annotated twice \(first at .*a.jsonl:1\)"),
])
def test_a_bad_stand_off_annotation_is_named_by_file_and_line(tmp_path, second, message):
    first = write(tmp_path / "a.jsonl", [STANDOFF])
    other = write(tmp_path / "b.jsonl", [{**STANDOFF, "id": "t-0"}, second])
    with pytest.raises(InputError, match=message):
        read_standoff([first, other])
    with pytest.raises(InputError, match="nowhere.jsonl: no such stand-off annotation file"):
        read_standoff([tmp_path / "nowhere.jsonl"])


def test_an_empty_or_broken_evaluation_file_is_refused_by_name(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.jsonl: no records"):
        load_examples(empty)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('\n{"text": \n', encoding="utf-8")
    with pytest.raises(InputError, match="broken.jsonl:2: not valid JSON"):
        load_examples(broken)
