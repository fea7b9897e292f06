"""Real annotated corpora (public research data) as partially labelled training examples.

The project's own corpus labels all five dimensions; public corpora label one question each:
CoNLL-2010 and WikiWeasel "is this sentence uncertain", the Szeged Uncertainty Corpus which
uncertainty cues a sentence has (by type), the Propaganda Techniques Corpus which propaganda
techniques a news line uses. Each record becomes an :class:`~hedgeometer.learning.corpus.Example` whose
``known`` names the dimensions its corpus answers; the others are unknown and never taught as
negatives. The mapping follows ``corpus/GUIDELINES.md``:

* **Szeged** (``cue_types``): ``speculation_modal_*`` cues (may, likely, suggest) are hedging;
  ``speculation_hypo_doxastic`` and ``..._investigation`` cues (believe, whether, examine if)
  are speculation; conditionals alone say neither, so both stay unknown. A sentence without
  cues is certain on both. Weasel sourcing is not annotated there: attribution is unknown.
* **CoNLL-2010 biological** (``label``, ``suc_cues``): a certain sentence is negative on
  hedging, speculation and attribution; an uncertain one is positive on the dimensions its
  Szeged cue types name.
* **WikiWeasel** (CoNLL-2010 Wikipedia, ``label``): certain is negative on the three; an
  uncertain sentence whose text Szeged re-annotated with no semantic-uncertainty cue is a
  weasel (vague attribution); with cues, hedging/speculation as Szeged says.
* **PTC** (``label``): Loaded_Language, Exaggeration/Minimisation and Appeal_to_fear lines are
  dramatic, the others are not; nothing else is known. Articles listed in
  ``corpus/realnews/heldout-articles.txt`` are the real-news test set and are refused here.
* **Stand-off annotations** of real text under our guidelines (``corpus/realtrain/``: id,
  labels, cue offsets, SHA-1 of the text; no text) label all five dimensions of the records they
  name in the files above (source ``realnews``); they replace that record's corpus label.

Every example is grouped by its document (``source:doc``) so cross-validation never splits one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from .corpus import Example, read_jsonl, read_standoff, record_kind
from ..dimensions import DIMENSIONS, UNCERTAIN_DIMENSIONS
from ..errors import InputError

HEDGING_TYPES = ("speculation_modal_probable", "speculation_modal_possible")
SPECULATION_TYPES = ("speculation_hypo_doxastic", "speculation_hypo_investigation")
# The corpora a file may hold, told by the fields of its first record (corpus.record_kind).
REAL_KINDS = ("ptc", "szeged", "bio", "wikiweasel")
# Where each corpus comes from and on what terms; the model card repeats these.
REAL_TERMS = {
    "szeged": "Szeged Uncertainty Corpus, Wikipedia part (Szarvas et al. 2012, Computational Linguistics 38(2)); "
              "distributed by its authors for research use; Wikipedia text CC BY-SA",
    "bio": "CoNLL-2010 Shared Task, biological training data (Farkas et al. 2010; BioScope, Vincze et al. 2008); "
           "annotations distributed for research use",
    "wikiweasel": "CoNLL-2010 Shared Task, Wikipedia training data (Farkas et al. 2010); Wikipedia text CC BY-SA",
    "ptc": "Propaganda Techniques Corpus, train and dev articles (Da San Martino et al., EMNLP 2019); "
           "distributed for research use",
    "standoff": "hedgeometer's own annotation of PTC article lines under corpus/GUIDELINES.md (labels and cue "
                "offsets only; the text stays in the PTC file); same terms as the project",
}


def file_sha256(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _read(path: Path) -> list[dict]:
    return [record for _, record in read_jsonl(path)]


def real_kind(path: Path | str, records: list[dict] | None = None) -> str:
    """Which public corpus a JSONL file holds (one of :data:`REAL_KINDS`), told by its fields."""
    path = Path(path)
    kind = record_kind((records or _read(path) or [{}])[0], among=REAL_KINDS)
    if kind is None:
        raise InputError(f"{path}: not a known real corpus (expected PTC, Szeged, CoNLL-2010 bio or WikiWeasel JSONL)")
    return kind


def _types_to_labels(types: Iterable[str]) -> tuple[set[str], set[str]]:
    """Szeged cue types -> (dimensions positive, dimensions known)."""
    types = set(types)
    if not types:
        return set(), {"hedging", "speculation"}
    positive = {"hedging"} if types & set(HEDGING_TYPES) else set()
    positive |= {"speculation"} if types & set(SPECULATION_TYPES) else set()
    # a conditional says neither, so beside one only the positive dimensions are known
    conditional = bool(types - set(HEDGING_TYPES) - set(SPECULATION_TYPES))
    return positive, (positive if conditional else {"hedging", "speculation"})


def load_real(paths: Iterable[Path | str], heldout_articles: Iterable[str] = (),
              standoff: Iterable[Path | str] = ()) -> tuple[list[Example], list[dict]]:
    """Load real corpora (any of :data:`REAL_KINDS`, told by their fields) as partially labelled
    examples, plus a record per file (name, kind, records used, SHA-256) for the model card.

    The Szeged file, when given, also tells WikiWeasel's weasel sentences from its hedges.
    ``standoff`` files label all five dimensions of the records they name."""
    heldout = set(heldout_articles)
    standoff = list(map(Path, standoff))
    annotations = read_standoff(standoff)

    loaded = []
    for path in map(Path, paths):
        if not path.is_file():
            raise InputError(f"{path}: no such real corpus file")
        records = _read(path)
        loaded.append((path, real_kind(path, records), records))
    szeged_by_text = {_normal(r["text"]): r for _, kind, records in loaded if kind == "szeged" for r in records}
    # PTC repeats lines across articles (poll widgets, reposted paragraphs): a line that is
    # also in a held-out article is kept out wherever it stands.
    heldout_texts = {_normal(r["text"]) for _, kind, records in loaded if kind == "ptc" for r in records
                     if str(r["article"]) in heldout}
    examples: list[Example] = []
    sources = []
    for path, kind, records in loaded:
        used = 0
        for number, r in enumerate(records):
            text = r.get("text")
            if not isinstance(text, str) or not text.strip() or _normal(text) in heldout_texts:
                continue
            labels: set[str] = set()
            if kind == "ptc":
                if str(r["article"]) in heldout:
                    continue
                labels = {"dramatic"} if r["label"] else set()
                known, group = {"dramatic"}, f"ptc:{r['article']}"
            elif kind == "szeged":
                labels, known = _types_to_labels(r["cue_types"])
                group = f"szeged:{r['doc']}"
            elif kind == "bio":
                if not r["label"]:
                    known = set(UNCERTAIN_DIMENSIONS)
                else:
                    labels, known = _types_to_labels(t for t, _ in r["suc_cues"])
                    known = known if labels else set()  # uncertain, but no typed cue says how
                group = f"bio:{r['doc']}"
            else:  # wikiweasel: no document ids; consecutive records come from one article
                twin = szeged_by_text.get(_normal(text))
                if not r["label"]:
                    known = set(UNCERTAIN_DIMENSIONS)
                else:
                    if twin is None:
                        known = set()
                    elif not twin["cue_types"]:
                        labels, known = {"attribution"}, {"attribution"}
                    else:
                        labels, known = _types_to_labels(twin["cue_types"])
                # the same Wikipedia text as a Szeged sentence: one document, so one fold
                group = f"szeged:{twin['doc']}" if twin is not None else f"wikiweasel:{number // 20}"
            uncertain = bool(r["label"]) if kind in ("bio", "wikiweasel") else None
            identifier = str(r.get("id", f"{path.stem}-{number}"))
            source = kind
            if identifier in annotations:
                annotation = annotations[identifier]
                annotation.check_text(text, path)
                labels, known, source = set(annotation.labels), set(DIMENSIONS), "realnews"
            examples.append(Example(identifier, text, tuple(sorted(labels)), split="train", group=group,
                                    uncertain=uncertain, meta={"source": source, "known": tuple(sorted(known))}))
            used += 1
        sources.append({"file": path.name, "kind": kind, "records": len(records), "used": used,
                        "sha256": file_sha256(path)})
    present = {str(r.get("id")) for _, _, records in loaded for r in records}
    missing = [i for i in annotations if i not in present]
    if missing:
        raise InputError(f"{len(missing)} stand-off annotations name records not in the real corpora given "
                         f"(first: {missing[0]})")
    refused = [i for i in annotations if i in present and annotations[i].record.get("article") in heldout]
    if refused:
        raise InputError(f"{len(refused)} stand-off annotations name lines of held-out articles (first: {refused[0]})")
    joined = {e.id for e in examples if e.meta["source"] == "realnews"}
    for path in standoff:
        ids = [i for i, annotation in annotations.items() if annotation.path == path]
        sources.append({"file": path.name, "kind": "standoff", "records": len(ids), "used": len(joined.intersection(ids)),
                        "sha256": file_sha256(path)})
    return examples, sources


def read_heldout_articles(path: Path | str) -> list[str]:
    """Article ids, one a line (``#`` comments)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
