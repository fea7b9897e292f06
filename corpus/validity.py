"""Print the validity tables of the README ("How well it works") from the held-out sets and
the shipped model's training record.

    python corpus/validity.py [--shared ../shared] [--model PATH] [--bootstrap 1000]

Sets, in the order the README gives them:

1. the real-news test: 665 lines of 16 PTC articles held out of all training and tuning,
   annotated on all five dimensions by two annotators working apart and adjudicated
   (``corpus/realnews/gold.jsonl``; the text is read from ``ptc-train.jsonl`` in ``--shared``);
2. the cross-validated figures on the real training corpora, as the training record keeps them
   (folds by document; these chose the settings, so they are a little optimistic);
3. the in-house test split, guidelines v1.1 labels (the reference) and, once, the v1 labels.

Every figure comes from ``hedgeometer.learning.evaluate`` on the files; nothing is typed in by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hedgeometer import Analyzer  # noqa: E402
from hedgeometer.learning.corpus import load_corpus, load_standoff  # noqa: E402
from hedgeometer.dimensions import DIMENSIONS  # noqa: E402
from hedgeometer.learning.evaluate import evaluate  # noqa: E402

SHOWN = ("majority", "keywords", "rules", "combined")
NAMES = {"majority": "majority class", "keywords": "keyword list", "rules": "lexicon rules", "combined": "hedgeometer"}


def cell(m: dict, with_ci: bool = True) -> str:
    if not with_ci or "f1_ci95" not in m:
        return f"{m['precision']:.2f} / {m['recall']:.2f} / **{m['f1']:.2f}**"
    p, r, f = (m[f"{s}_ci95"] for s in ("precision", "recall", "f1"))
    return (f"{m['precision']:.2f} ({p[0]:.2f}-{p[1]:.2f}) / {m['recall']:.2f} ({r[0]:.2f}-{r[1]:.2f}) / "
            f"**{m['f1']:.2f}** ({f[0]:.2f}-{f[1]:.2f})")


def multilabel_table(result: dict) -> str:
    systems = [s for s in SHOWN if s in result["systems"]]
    lines = ["| dimension | " + " | ".join(f"{NAMES[s]} P / R / F1" for s in systems) + " |",
             "|---|" + "---|" * len(systems)]
    for d in DIMENSIONS:
        row = [cell(result["systems"][s]["dimensions"][d], s == "combined") for s in systems]
        support = result["systems"][systems[0]]["dimensions"][d]["support"]
        lines.append(f"| {d} ({support}) | " + " | ".join(row) + " |")
    macro = []
    for s in systems:
        ci = result["systems"][s].get("macro_f1_ci95")
        macro.append(f"**{result['systems'][s]['macro_f1']:.2f}**" + (f" ({ci[0]:.2f}-{ci[1]:.2f})" if ci else ""))
    lines.append("| **macro-F1** | " + " | ".join(macro) + " |")
    return "\n".join(lines)


def cv_table(training: dict) -> str:
    names = {"inhouse": "in-house corpus", "realnews": "real news (our annotation)", "ptc": "PTC lines",
             "szeged": "Szeged Wikipedia", "bio": "CoNLL-2010 bio", "wikiweasel": "WikiWeasel"}
    lines = ["| dimension | corpus | sentences (positive) | P / R / F1 (95% intervals, documents resampled) |",
             "|---|---|---:|---|"]
    for d in DIMENSIONS:
        for source, m in training["cv_scores"][d]["by_source"].items():
            lines.append(f"| {d} | {names.get(source, source)} | {m['sentences']:,} ({m['support']:,}) | "
                         f"{cell(m)} |")
    for source, m in training.get("cv_uncertain", {}).items():
        lines.append(f"| uncertain (H, S or A) | {names.get(source, source)} | {m['sentences']:,} ({m['support']:,}) | "
                     f"{cell(m)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--model", default="default")
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args()
    analyzer = Analyzer(model=args.model, readability=False)
    ptc = args.shared / "data" / "real" / "ptc-train.jsonl"

    print("## Real news, held out (corpus/realnews, 665 lines of 16 PTC articles)\n")
    if ptc.exists():
        result = evaluate(analyzer, load_standoff(HERE / "realnews" / "gold.jsonl", ptc), "multilabel", args.bootstrap)
        print(multilabel_table(result) + "\n")
    else:
        print(f"(skipped: {ptc} not found)\n")

    print("## Cross-validated on the real training corpora (folds by document)\n")
    print(cv_table(analyzer.classifier.training) + "\n")

    test = [e for e in load_corpus([HERE]) if e.split == "test"]
    print(f"## In-house test split, guidelines v1.1 ({len(test)} sentences)\n")
    print(multilabel_table(evaluate(analyzer, test, "multilabel", args.bootstrap)) + "\n")
    v1 = load_standoff(HERE / "test-v1" / "gold.jsonl", HERE)
    print("## In-house test split, the earlier v1 labels (for comparison, once)\n")
    print(multilabel_table(evaluate(analyzer, v1, "multilabel", args.bootstrap)))


if __name__ == "__main__":
    main()
