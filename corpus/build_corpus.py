"""Turn the compact annotation files in corpus/source/*.txt into corpus/*.jsonl.

    python corpus/build_corpus.py

Source format (one group = an article excerpt):

    #GROUP REGISTER TOPIC
    sentence text | label,label | cue text;cue text
    sentence text | |

Each cue is the exact substring of the sentence; its dimension is the label at the same
position in the label list (the last label for any extra cues), or set explicitly as
``dimension=cue text``. The split comes from a hash of the group id
(``hedgeometer.corpus.split_for_group``), so no group is ever in two splits.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hedgeometer.corpus import split_for_group  # noqa: E402
from hedgeometer.dimensions import DIMENSIONS  # noqa: E402


def parse(path: Path) -> list[dict]:
    records, group, register, topic, number = [], None, None, None, 0
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{lineno}"
        if line.startswith("#"):
            group, register, topic = line[1:].split()[:3]
            number = 0
            continue
        text, labels, cues = (part.strip() for part in line.split(" | ")) if line.count(" | ") == 2 else \
            (line.split("|")[0].strip(), line.split("|")[1].strip(), line.split("|")[2].strip())
        labels = [label for label in labels.split(",") if label]
        for label in labels:
            if label not in DIMENSIONS:
                raise SystemExit(f"{where}: unknown label {label!r}")
        spans = []
        for k, cue in enumerate(c for c in cues.split(";") if c):
            dimension = labels[min(k, len(labels) - 1)] if labels else None
            if "=" in cue and cue.split("=", 1)[0] in DIMENSIONS:
                dimension, cue = cue.split("=", 1)
            if dimension is None or cue not in text:
                raise SystemExit(f"{where}: cue {cue!r} is not in the sentence or has no label")
            start = text.index(cue)
            spans.append({"dimension": dimension, "text": cue, "start": start, "end": start + len(cue)})
        number += 1
        records.append({
            "id": f"{group}-{number:02d}", "group": group, "register": register, "topic": topic,
            "split": split_for_group(group), "text": text, "labels": labels, "cues": spans,
        })
    return records


def main() -> None:
    for source in sorted((HERE / "source").glob("*.txt")):
        records = parse(source)
        target = HERE / f"{source.stem}.jsonl"
        with target.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{target.name}: {len(records)} sentences")


if __name__ == "__main__":
    main()
