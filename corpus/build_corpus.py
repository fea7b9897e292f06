"""Turn the compact annotation files in corpus/source/*.txt into corpus/*.jsonl.

    python corpus/build_corpus.py

Source format (one group = an article excerpt):

    #GROUP REGISTER TOPIC [split=train]
    sentence text | label,label | cue text;cue text
    sentence text | |

Each cue is the exact substring of the sentence. In a sentence with one label the cue carries
that label; with several labels each cue names its dimension, ``dimension=cue text`` (a word
that carries two dimensions, such as "reportedly", is written once for each). So the corpus
depends on nothing but these files: a lexicon change never moves a cue. The split comes from a
hash of the group id (``hedgeometer.learning.corpus.split_for_group``), so no group is ever in two splits;
a group written after the dev and test splits were frozen says ``split=train`` in its header.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hedgeometer.learning.corpus import split_for_group  # noqa: E402
from hedgeometer.dimensions import DIMENSIONS  # noqa: E402


def parse(path: Path) -> list[dict]:
    records, group, register, topic, split, number = [], None, None, None, None, 0
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{lineno}"
        if line.startswith("#"):
            group, register, topic, *options = line[1:].split()
            # Groups written after the test split was frozen say "split=train" (see the README).
            split = split_for_group(group)
            for option in options:
                if option not in ("split=train",):
                    raise SystemExit(f"{where}: unknown group option {option!r} (only split=train)")
                split = "train"
            number = 0
            continue
        text, labels, cues = (part.strip() for part in line.split(" | ")) if line.count(" | ") == 2 else \
            (line.split("|")[0].strip(), line.split("|")[1].strip(), line.split("|")[2].strip())
        labels = [label for label in labels.split(",") if label]
        for label in labels:
            if label not in DIMENSIONS:
                raise SystemExit(f"{where}: unknown label {label!r}")
        spans = []
        for cue in (c for c in cues.split(";") if c):
            dimension = None
            if "=" in cue and cue.split("=", 1)[0] in DIMENSIONS:
                dimension, cue = cue.split("=", 1)
            if not labels or cue not in text:
                raise SystemExit(f"{where}: cue {cue!r} is not in the sentence or has no label")
            if dimension is None:
                if len(labels) > 1:
                    raise SystemExit(f"{where}: cue {cue!r} needs its dimension (dimension={cue}): "
                                     f"the sentence has several labels")
                dimension = labels[0]
            start = text.index(cue)
            spans.append({"dimension": dimension, "text": cue, "start": start, "end": start + len(cue)})
        number += 1
        records.append({
            "id": f"{group}-{number:02d}", "group": group, "register": register, "topic": topic,
            "split": split, "text": text, "labels": labels, "cues": spans,
        })
    return records


def test_labels_v11() -> dict[str, dict]:
    """The test split's labels under guidelines v1.1 (blind double annotation, adjudicated):
    ``test-v1.1/gold.jsonl``, by id. They replace the source files' (v1) test labels."""
    path = HERE / "test-v1.1" / "gold.jsonl"
    return {r["id"]: r for r in map(json.loads, path.read_text("utf-8").splitlines())} if path.exists() else {}


def relabel(records: list[dict], gold: dict[str, dict]) -> list[dict]:
    """Records with the v1.1 labels and cues of ``gold`` where it has them."""
    out = []
    for record in records:
        if record["id"] in gold:
            new = gold[record["id"]]
            text = record["text"]
            record = {**record, "labels": new["labels"],
                      "cues": [{"dimension": c["dimension"], "text": text[c["start"]:c["end"]], "start": c["start"],
                                "end": c["end"]} for c in new["cues"]]}
        out.append(record)
    return out


def main() -> None:
    gold = test_labels_v11()
    # The two files written directly as JSONL get the v1.1 test labels in place.
    for direct in ("analysis.jsonl", "sport.jsonl"):
        path = HERE / direct
        records = relabel([json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()], gold)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    for source in sorted((HERE / "source").glob("*.txt")):
        records = relabel(parse(source), gold)
        target = HERE / f"{source.stem}.jsonl"
        with target.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{target.name}: {len(records)} sentences")


if __name__ == "__main__":
    main()
