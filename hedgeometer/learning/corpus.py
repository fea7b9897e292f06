"""Annotated data: the project's corpus format, plus the binary uncertainty formats used to test
generalization (CoNLL-2010 Shared Task XML, and JSONL with a 0/1 ``label``).

Corpus records (``corpus/*.jsonl``, one sentence per line)::

    {"id": "wire-007-03", "group": "wire-007", "register": "wire", "topic": "energy",
     "split": "train", "text": "...", "labels": ["hedging"],
     "cues": [{"dimension": "hedging", "text": "may", "start": 12, "end": 15}]}

Splits are by group (an article excerpt), so no article is in two splits. A record without a
``split`` gets one from a hash of its group: about 70% train, 15% dev, 15% test.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..dimensions import DIMENSIONS, UNCERTAIN_DIMENSIONS
from ..errors import Hint, InputError, Message

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Example:
    """One annotated sentence. ``labels`` for multi-label data; ``uncertain`` for binary data."""

    id: str
    text: str
    labels: tuple[str, ...] = ()
    split: str = "test"
    group: str = ""
    uncertain: bool | None = None
    meta: dict = field(default_factory=dict)

    @property
    def is_uncertain(self) -> bool:
        if self.uncertain is not None:
            return self.uncertain
        return any(label in UNCERTAIN_DIMENSIONS for label in self.labels)


def split_for_group(group: str) -> str:
    """Deterministic split of a group id: ~70% train, ~15% dev, ~15% test."""
    bucket = int(hashlib.sha256(group.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def corpus_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand directories to their ``*.jsonl`` files, sorted, so hashing and order are stable."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.jsonl")))
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such corpus file or folder")
    if not files:
        raise InputError("no corpus files found (expected *.jsonl)")
    return files


def corpus_sha256(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """The records of a JSONL file with their line numbers; blank lines are skipped, and a line
    that is not a JSON object raises InputError naming file:line."""
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{lineno}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{lineno}: expected a JSON object")
            yield lineno, record


# What a JSONL file holds, told by the fields of its first record: (fields it has, fields it
# lacks), tried in this order (stand-off annotations may name PTC techniques, PTC lines have a
# label too). Each reader asks only about the kinds it reads.
_KIND_FIELDS = {
    "standoff": (("text_sha1",), ("text",)),
    "ptc": (("techniques",), ()),
    "szeged": (("cue_types",), ()),
    "bio": (("suc_cues",), ()),
    "wikiweasel": (("label", "text"), ()),
    "binary": (("label",), ("labels",)),
}


def first_record(path: Path) -> dict | None:
    """The first record of a JSONL file (None when it has none), read without the rest."""
    records = read_jsonl(path)
    try:
        return next(records, (0, None))[1]
    finally:
        records.close()


def record_kind(record: dict, among: Iterable[str]) -> str | None:
    """The first of the kinds ``among`` (names in ``_KIND_FIELDS``) whose fields ``record`` has,
    or None."""
    among = set(among)
    for kind, (present, absent) in _KIND_FIELDS.items():
        if kind in among and all(name in record for name in present) and not any(name in record for name in absent):
            return kind
    return None


def load_corpus(paths: Iterable[Path | str]) -> list[Example]:
    """Load multi-label corpus records; every problem raises InputError naming file:line."""
    examples: list[Example] = []
    seen: set[str] = set()
    for path in corpus_files(paths):
        for lineno, record in read_jsonl(path):
            where = f"{path}:{lineno}"
            text, labels = record.get("text"), record.get("labels")
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{where}: missing or empty 'text'")
            if not isinstance(labels, list) or any(label not in DIMENSIONS for label in labels):
                raise InputError(f"{where}: 'labels' must be a list of {', '.join(DIMENSIONS)}")
            identifier = str(record.get("id", f"{path.stem}-{lineno}"))
            if identifier in seen:
                raise InputError(f"{where}: duplicate id {identifier!r}")
            seen.add(identifier)
            group = str(record.get("group", identifier))
            split = record.get("split") or split_for_group(group)
            if split not in SPLITS:
                raise InputError(f"{where}: split {split!r} is not one of {', '.join(SPLITS)}")
            meta = {k: record[k] for k in ("register", "topic", "cues") if k in record}
            examples.append(Example(identifier, text, tuple(labels), split, group, None, meta))
    return examples


def load_binary_jsonl(path: Path | str) -> list[Example]:
    """JSONL with ``text`` and a 0/1 ``label`` (1 = uncertain), e.g. the WikiWeasel dev set."""
    examples = []
    for lineno, record in read_jsonl(Path(path)):
        if "text" not in record or record.get("label") not in (0, 1):
            raise InputError(f"{path}:{lineno}: expected 'text' and a 0/1 'label'")
        examples.append(Example(str(record.get("id", lineno)), record["text"], uncertain=bool(record["label"]),
                                split=record.get("split", "test"), group=str(record.get("doc", ""))))
    return examples


def load_conll_xml(path: Path | str) -> list[Example]:
    """CoNLL-2010 Shared Task XML: ``<sentence certainty="certain|uncertain">`` elements.

    The text is the sentence's full text including its ``<ccue>`` children.
    """
    import xml.etree.ElementTree as ElementTree  # here: the command line reads SPLITS at start

    path = Path(path)
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise InputError(f"{path}: not well-formed XML ({error})") from None
    examples = []
    for number, element in enumerate(root.iter("sentence")):
        certainty = element.get("certainty")
        if certainty not in ("certain", "uncertain"):
            raise InputError(f"{path}: sentence {element.get('id', number)} has certainty={certainty!r}")
        text = " ".join("".join(element.itertext()).split())
        examples.append(Example(element.get("id", str(number)), text, uncertain=certainty == "uncertain"))
    if not examples:
        raise InputError(f"{path}: no <sentence certainty=...> elements found")
    return examples


def load_ptc_lines(path: Path | str) -> list[Example]:
    """Propaganda Techniques Corpus lines (``label`` 1 when a Loaded_Language,
    Exaggeration/Minimisation or Appeal_to_fear span overlaps the line): gold for dramatic."""
    examples = []
    for lineno, record in read_jsonl(Path(path)):
        if "text" not in record or record.get("label") not in (0, 1):
            raise InputError(f"{path}:{lineno}: expected 'text' and a 0/1 'label'")
        examples.append(Example(str(record.get("id", lineno)), record["text"], ("dramatic",) if record["label"] else (),
                                group=str(record.get("article", "")), meta={"techniques": record.get("techniques", [])}))
    return examples


@dataclass(frozen=True)
class Annotation:
    """One stand-off annotation: its record and where it was read (``file:line``)."""

    path: Path
    lineno: int
    record: dict

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.record["labels"])

    def check_text(self, text: str, source: Path | str) -> None:
        """Refuse a text (read from ``source``) that differs from the one annotated."""
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != self.record.get("text_sha1"):
            raise InputError(f"{self.path}:{self.lineno}: the text of {self.id} in {source} is not the one annotated")


def read_standoff(paths: Iterable[Path | str]) -> dict[str, Annotation]:
    """Stand-off annotations (id, labels, cue offsets, SHA-1 of the text; no text) by id, in file
    order. Each id is a string annotated once across the files, and its labels are dimensions."""
    annotations: dict[str, Annotation] = {}
    for path in map(Path, paths):
        if not path.is_file():
            raise InputError(f"{path}: no such stand-off annotation file")
        for lineno, record in read_jsonl(path):
            where, identifier, labels = f"{path}:{lineno}", record.get("id"), record.get("labels")
            if not isinstance(identifier, str) or not identifier:
                raise InputError(f"{where}: 'id' must be a non-empty string, not {identifier!r}")
            if identifier in annotations:
                earlier = annotations[identifier]
                raise InputError(f"{where}: id {identifier!r} is annotated twice (first at {earlier.path}:{earlier.lineno})")
            if not isinstance(labels, list) or any(label not in DIMENSIONS for label in labels):
                raise InputError(f"{where}: 'labels' must be a list of {', '.join(DIMENSIONS)}")
            annotations[identifier] = Annotation(path, lineno, record)
    return annotations


def load_standoff(path: Path | str, texts: Path | str | None) -> list[Example]:
    """Stand-off annotations (see :func:`read_standoff`) joined by id with the records of
    ``texts`` (a JSONL file or folder). A text that differs from the one annotated is refused."""
    if texts is None:
        raise InputError(Message(f"{path}: stand-off annotations hold no text; give the file they annotate (",
                                 Hint("texts"), ")"))
    by_id = {str(r.get("id")): (file, r) for file in corpus_files([texts]) for _, r in read_jsonl(file)}
    examples = []
    for identifier, annotation in read_standoff([path]).items():
        if identifier not in by_id:
            raise InputError(f"{annotation.path}:{annotation.lineno}: id {identifier!r} is not in {texts}")
        file, source = by_id[identifier]
        text = source["text"]
        annotation.check_text(text, file)
        record = annotation.record
        group = str(record.get("article", record.get("group", identifier)))
        examples.append(Example(identifier, text, annotation.labels, "test", group, None, {"cues": record.get("cues", [])}))
    return examples


def load_examples(path: Path | str, texts: Path | str | None = None) -> tuple[list[Example], str]:
    """Load any supported evaluation file; return the examples and the kind: ``"multilabel"``
    (the corpus format, or stand-off annotations joined with ``texts``), ``"dramatic"`` (PTC
    lines) or ``"binary"`` (uncertain or not: CoNLL-2010 XML, WikiWeasel or bio JSONL)."""
    path = Path(path)
    if path.suffix.lower() == ".xml":
        return load_conll_xml(path), "binary"
    if path.is_file():
        record = first_record(path)
        if record is None:
            raise InputError(f"{path}: no records (an empty JSONL file)")
        kind = record_kind(record, among=("standoff", "ptc", "binary"))
        if kind == "standoff":
            return load_standoff(path, texts), "multilabel"
        if kind == "ptc":
            return load_ptc_lines(path), "dramatic"
        if kind == "binary":
            return load_binary_jsonl(path), "binary"
    return load_corpus([path]), "multilabel"
