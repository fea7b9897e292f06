"""Identical output: a SHA-256 of ``to_dict()`` over the whole corpus and the seed.

    python benchmarks/identical.py [--expect FILE] [--write FILE]

Speed work must not change what hedgeometer says. This script scores a fixed set of texts and
prints one hash per setting:

* the corpus (``corpus/*.jsonl``) with each group's sentences joined into an article, one
  sentence a line after a title line every third article (so headlines are found), plus the
  seed article and its calm rewrite, and the seed read as Markdown;
* with the model and readability, rules only, the model with ``evidence="cue"``, and the model
  with ``evidence_ngrams=0``;
* ``score_sentences`` over every corpus sentence, with the model;
* ``analyze_many`` over the same texts as records (every fourth with a headline given), and
  ``analyze`` with a headline given, and as Markdown, on every text.

The hashes in ``identical-hashes.json`` are those of the shipped model ``62db578152d5`` and the
lexicons as of 2026-12-08, made by the code before the speed work was merged (and checked equal
after it): a change meant to keep output identical must keep them; a change to the model or the
lexicons writes them anew (``--write``).

The reports' provenance (``produced_by``) is hashed without its ``core`` field, which says
whether the compiled scanner or the pure-Python one ran: both must give the same hashes (run
once more with ``HEDGEOMETER_PURE_PYTHON=1`` to check the fallback).

``--write`` saves the hashes as JSON; ``--expect`` compares with a saved file and exits 1 on a
difference, naming the settings that changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hedgeometer import Analyzer  # noqa: E402
from hedgeometer.learning.corpus import load_corpus  # noqa: E402


def corpus_groups() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for example in load_corpus([ROOT / "corpus"]):
        groups.setdefault(example.group, []).append(example.text)
    return groups


def articles() -> list[tuple[str, str, bool]]:
    """(id, text, markdown) of every text scored."""
    found = []
    seed = (ROOT / "seeds" / "damascus-talks.txt").read_text("utf-8")
    calm = (ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt").read_text("utf-8")
    found += [("seed", seed, False), ("calm", calm, False), ("seed-md", seed, True)]
    for number, (group, sentences) in enumerate(corpus_groups().items()):
        if number % 3 == 0:
            text = f"Report {group.title()} On The Day\n\n" + "\n".join(sentences)
        elif number % 3 == 1:
            text = " ".join(sentences)
        else:
            half = len(sentences) // 2
            text = " ".join(sentences[:half]) + "\n\n" + " ".join(sentences[half:])
        found.append((group, text, False))
    return found


def without_core(item: dict) -> dict:
    """A report's ``to_dict()`` without ``produced_by["core"]`` (which scanner ran)."""
    produced_by = item.get("produced_by")
    if isinstance(produced_by, dict) and "core" in produced_by:
        item = {**item, "produced_by": {k: v for k, v in produced_by.items() if k != "core"}}
    return item


def digest(items) -> str:
    hasher = hashlib.sha256()
    for item in map(without_core, items):
        hasher.update(json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        hasher.update(b"\n")
    return hasher.hexdigest()


SETTINGS = {
    "model+readability": dict(readability=True),
    "rules-only": dict(model=None, readability=False),
    "model, evidence cue": dict(readability=False, evidence="cue"),
    "model, no n-grams": dict(readability=False, evidence_ngrams=0),
}


def hashes() -> dict[str, str]:
    texts = articles()
    result = {}
    for name, options in SETTINGS.items():
        analyzer = Analyzer(**options)
        result[name] = digest(analyzer.analyze(text, id=id, markdown=markdown).to_dict()
                              for id, text, markdown in texts)
    sentences = [s for group in corpus_groups().values() for s in group]
    result["score_sentences"] = digest(s.to_dict() for s in Analyzer(readability=False).score_sentences(sentences))
    analyzer = Analyzer(readability=False)
    records = [{"id": id, "text": text, **({"headline": f"Talks On The Brink Over {id}"} if k % 4 == 0 else {})}
               for k, (id, text, _) in enumerate(texts)]
    result["analyze_many"] = digest(report.to_dict() for report in analyzer.analyze_many(records))
    result["headline given"] = digest(analyzer.analyze(text, id=id, headline="Officials may delay the vote").to_dict()
                                      for id, text, _ in texts)
    result["markdown"] = digest(analyzer.analyze(text, id=id, markdown=True).to_dict() for id, text, _ in texts)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--expect", type=Path, help="saved hashes to compare with")
    parser.add_argument("--write", type=Path, help="save the hashes here")
    args = parser.parse_args()
    found = hashes()
    from hedgeometer.text.scanner import CORE

    print(f"scanner core: {CORE}")
    for name, value in found.items():
        print(f"{name:22} {value}")
    if args.write:
        args.write.write_text(json.dumps(found, indent=1) + "\n", "utf-8")
    if args.expect:
        expected = json.loads(args.expect.read_text("utf-8"))
        changed = [name for name in expected if expected[name] != found.get(name)]
        if changed:
            print(f"DIFFERENT: {', '.join(changed)}")
            sys.exit(1)
        print("identical to", args.expect)


if __name__ == "__main__":
    main()
