"""Build the stand-off annotation files of a blind double annotation (no text in the repo).

    python corpus/standoff.py realnews --texts ../shared/data/real/ptc-train.jsonl --drafts DIR
    python corpus/standoff.py test-v1.1 --texts corpus --drafts DIR
    python corpus/standoff.py realtrain --texts ../shared/data/real/ptc-train.jsonl --drafts DIR --single

With ``--single`` (training data, one annotator per item), DIR's ``annotator-*.jsonl`` files
label disjoint items and are merged into one ``annotations.jsonl``.

DIR holds the two annotators' files (``annotator-*.jsonl``: id, labels, cues as exact
substrings) and the adjudicator's decisions on the items where they differ
(``adjudicated.jsonl``). Where the two agree on the labels, that is the gold label; where they
differ, the adjudicator's. Cue texts become character offsets into the record's text, and each
record keeps a SHA-1 of its text, so a loader can check it joins the right text.

Writes ``corpus/<name>/gold.jsonl`` and one ``annotator-X.jsonl`` per annotator (labels and cue
offsets only), and prints Cohen's kappa per dimension.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sklearn.metrics import cohen_kappa_score  # noqa: E402

from hedgeometer.dimensions import DIMENSIONS  # noqa: E402


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def texts_by_id(source: Path) -> dict[str, dict]:
    files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
    return {str(r["id"]): r for path in files for r in read_jsonl(path)}


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def offsets(text: str, cues: list[dict]) -> list[dict]:
    found = []
    for cue in cues:
        start = -1
        for _ in range(cue.get("occurrence", 1)):
            start = text.find(cue["text"], start + 1)
        if start < 0:
            raise SystemExit(f"cue {cue['text']!r} not found in {text!r}")
        found.append({"dimension": cue["dimension"], "start": start, "end": start + len(cue["text"])})
    return sorted(found, key=lambda c: (c["start"], c["end"], c["dimension"]))


def merge_single(args, texts: dict[str, dict]) -> None:
    rows, annotators = [], {}
    for path in sorted(args.drafts.glob("annotator-*.jsonl")):
        for record in read_jsonl(path):
            if record["id"] in annotators:
                raise SystemExit(f"{record['id']} is labelled by {annotators[record['id']]} and {path.name}")
            annotators[record["id"]] = path.name
            source = texts[record["id"]]
            rows.append({"id": record["id"], **{k: source[k] for k in ("article", "line") if k in source},
                         "labels": [d for d in DIMENSIONS if d in record["labels"]],
                         "cues": offsets(source["text"], record.get("cues", [])),
                         "text_sha1": text_sha1(source["text"]), "annotator": path.stem.split("-", 1)[1]})
    out = HERE / args.name
    out.mkdir(exist_ok=True)
    (out / "annotations.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    counts = {d: sum(d in r["labels"] for r in rows) for d in DIMENSIONS}
    print(f"{len(rows)} items from {len(set(annotators.values()))} annotators: {counts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name")
    parser.add_argument("--texts", type=Path, required=True)
    parser.add_argument("--drafts", type=Path, required=True)
    parser.add_argument("--single", action="store_true", help="one annotator per item: merge, no agreement")
    args = parser.parse_args()
    texts = texts_by_id(args.texts)
    if args.single:
        merge_single(args, texts)
        return
    annotators = {p.stem.split("-", 1)[1]: {r["id"]: r for r in read_jsonl(p)} for p in sorted(args.drafts.glob("annotator-*.jsonl"))}
    if len(annotators) != 2:
        raise SystemExit(f"expected two annotator-*.jsonl files in {args.drafts}, found {sorted(annotators)}")
    (first, a), (second, b) = annotators.items()
    adjudicated = {r["id"]: r for r in read_jsonl(args.drafts / "adjudicated.jsonl")}
    out = HERE / args.name
    out.mkdir(exist_ok=True)

    def standoff(record: dict, extra: dict | None = None) -> dict:
        source = texts[record["id"]]
        row = {"id": record["id"]}
        for key in ("article", "line", "group"):
            if key in source:
                row[key] = source[key]
        row.update({"labels": [d for d in DIMENSIONS if d in record["labels"]],
                    "cues": offsets(source["text"], record.get("cues", [])), "text_sha1": text_sha1(source["text"])})
        return {**row, **(extra or {})}

    gold, disagreements = [], 0
    for item_id, record in a.items():
        other = b[item_id]
        if set(record["labels"]) == set(other["labels"]):
            gold.append(standoff(record))
        else:
            disagreements += 1
            decision = adjudicated[item_id]
            gold.append(standoff(decision, {"adjudicated": decision.get("why", "")}))
    if set(a) != set(b):
        raise SystemExit("the annotators labelled different ids")
    for name, records in ((f"annotator-{first}", a), (f"annotator-{second}", b), ("gold", {r["id"]: r for r in gold})):
        rows = [standoff(records[i]) if name != "gold" else records[i] for i in a]
        (out / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"{len(gold)} items, {disagreements} adjudicated; Cohen's kappa {first} vs {second}:")
    for d in DIMENSIONS:
        x, y = [d in a[i]["labels"] for i in a], [d in b[i]["labels"] for i in a]
        print(f"  {d:<12} {cohen_kappa_score(x, y):.3f}  ({sum(x)} / {sum(y)} items)")


if __name__ == "__main__":
    main()
