"""Check a corpus draft file: python3 corpus/drafts/check_draft.py corpus/drafts/NAME.jsonl"""
import json, sys, collections

DIMS = ("hedging", "speculation", "dramatic", "attribution", "booster")
path = sys.argv[1]
errors, counts, groups, ids = [], collections.Counter(), set(), set()
n = none = 0
cue_texts = collections.Counter()
for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"{lineno}: bad JSON: {e}"); continue
    for key in ("id", "group", "register", "topic", "text", "labels", "cues"):
        if key not in r:
            errors.append(f"{lineno}: missing {key}")
    if r.get("id") in ids:
        errors.append(f"{lineno}: duplicate id {r.get('id')}")
    ids.add(r.get("id"))
    groups.add(r.get("group"))
    labels = r.get("labels", [])
    for lab in labels:
        if lab not in DIMS:
            errors.append(f"{lineno}: unknown label {lab!r}")
    if len(set(labels)) != len(labels):
        errors.append(f"{lineno}: repeated label")
    for cue in r.get("cues", []):
        if cue.get("dimension") not in labels:
            errors.append(f"{lineno}: cue {cue} has a dimension not in labels")
        if cue.get("text", "") not in r.get("text", "") or not cue.get("text"):
            errors.append(f"{lineno}: cue text {cue.get('text')!r} is not an exact substring of the sentence")
        cue_texts[cue.get("text", "").lower()] += 1
    n += 1
    none += not labels
    counts.update(labels)
print(f"{n} sentences, {len(groups)} groups, {none} unlabelled ({none / max(n, 1):.0%})")
for d in DIMS:
    print(f"  {d:12} {counts[d]}")
print("most repeated cue texts:", cue_texts.most_common(12))
if errors:
    print(f"{len(errors)} errors:")
    print("\n".join(errors[:50]))
    sys.exit(1)
print("OK")
