"""Turn the compact annotation files in corpus/source/*.txt into corpus/*.jsonl.

    python corpus/build_corpus.py

Source format (one group = an article excerpt):

    #GROUP REGISTER TOPIC
    sentence text | label,label | cue text;cue text
    sentence text | |

Each cue is the exact substring of the sentence. Its dimension is set explicitly as
``dimension=cue text``, or else taken from the sentence's labels: the label whose shipped
lexicon cues overlap the span, then a label suggested by the cue's words (a reporting verb or a
source noun means attribution), then the label at the same position in the list. The split comes from a hash of the group id
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
from hedgeometer.lexicon import load_lexicons  # noqa: E402
from hedgeometer.tokens import tokenize  # noqa: E402

LEXICON = load_lexicons()
_SOURCE_WORDS = set("""say says said warn warned warns fear fears believe believes claim claimed argue argued suspect
suspects think thought describe described sources insiders analysts experts critics officials observers according
citing anonymously understood legend reports reported reportedly allegedly some many few others""".split())
_HEDGE_WORDS = set("""may might could about around nearly almost roughly up least likely unlikely probably perhaps
possibly appear appears appeared seem seems seemed suggest suggests suggested unclear uncertain sceptical""".split())


def cue_dimension(text: str, start: int, end: int, labels: list[str], position: int) -> str:
    """The label a cue span most plausibly carries (see the module docstring)."""
    overlap: dict[str, int] = {}
    for match in LEXICON.match_tokens(tokenize(text), text):
        if match.dimension in labels and match.start < end and start < match.end:
            overlap[match.dimension] = overlap.get(match.dimension, 0) + min(end, match.end) - max(start, match.start)
    if overlap:
        return max(overlap, key=lambda d: (overlap[d], -labels.index(d)))
    words = set(text[start:end].lower().replace(",", " ").split())
    if "attribution" in labels and words & _SOURCE_WORDS and not words & _HEDGE_WORDS:
        return "attribution"
    if "hedging" in labels and words & _HEDGE_WORDS:
        return "hedging"
    return labels[min(position, len(labels) - 1)]


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
            dimension = None
            if "=" in cue and cue.split("=", 1)[0] in DIMENSIONS:
                dimension, cue = cue.split("=", 1)
            if not labels or cue not in text:
                raise SystemExit(f"{where}: cue {cue!r} is not in the sentence or has no label")
            start = text.index(cue)
            dimension = dimension or cue_dimension(text, start, start + len(cue), labels, k)
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
