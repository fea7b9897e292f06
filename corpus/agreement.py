"""Agreement between independent annotations of a corpus sample and the corpus labels.

    python corpus/agreement.py corpus/agreement/annotator-a.tsv corpus/agreement/annotator-b.tsv

Each file has one line per sentence, ``id<TAB>labels`` (comma-separated, empty for none). For
every dimension it prints Cohen's kappa of each annotator against the corpus label, of the
annotators against each other, and F1 of each annotator taking the corpus label as the answer
(the same measure `hedgeometer evaluate` gives the model), with their macro averages.
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hedgeometer.learning.corpus import corpus_files, load_corpus  # noqa: E402
from hedgeometer.dimensions import DIMENSIONS  # noqa: E402
from hedgeometer.learning.evaluate import confusion, f1_score  # noqa: E402


def read_annotation(path: Path) -> dict[str, set[str]]:
    labels = {}
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        identifier, _, names = line.partition("\t")
        found = {name.strip() for name in names.split(",") if name.strip()}
        unknown = found - set(DIMENSIONS)
        if unknown or identifier in labels:
            raise SystemExit(f"{path}:{lineno}: {'unknown label ' + ', '.join(sorted(unknown)) if unknown else 'id again'}")
        labels[identifier] = found
    return labels


def matrix(labels: dict[str, set[str]], ids: list[str]) -> np.ndarray:
    return np.array([[d in labels[i] for d in DIMENSIONS] for i in ids], dtype=bool)


def main(paths: list[str]) -> None:
    corpus = {e.id: set(e.labels) for e in load_corpus(corpus_files([HERE]))}
    annotations = {Path(p).stem: read_annotation(Path(p)) for p in paths}
    ids = sorted(set.intersection(*(set(a) for a in annotations.values())))
    missing = [i for i in ids if i not in corpus]
    if missing:
        raise SystemExit(f"ids not in the corpus: {', '.join(missing[:5])}")
    gold = matrix(corpus, ids)
    tables = {name: matrix(labels, ids) for name, labels in annotations.items()}
    pairs = [("corpus", name) for name in tables] + list(combinations(tables, 2))
    columns = {"corpus": gold, **tables}
    print(f"{len(ids)} sentences; Cohen's kappa per dimension, then F1 against the corpus labels\n")
    header = "".join(f"  {f'{a} vs {b}':>26}" for a, b in pairs) + "".join(f"  {f'F1 {n}':>16}" for n in tables)
    print(f"{'dimension':<12}{header}")
    kappas = {pair: [] for pair in pairs}
    f1s = {name: [] for name in tables}
    for k, dimension in enumerate(DIMENSIONS):
        cells = []
        for a, b in pairs:
            kappa = cohen_kappa_score(columns[a][:, k], columns[b][:, k])
            kappas[(a, b)].append(kappa)
            cells.append(f"  {kappa:>26.3f}")
        for name, table in tables.items():
            f1 = f1_score(*confusion(gold[:, k], table[:, k]))
            f1s[name].append(f1)
            cells.append(f"  {f1:>16.3f}")
        print(f"{dimension:<12}" + "".join(cells))
    print(f"{'mean':<12}" + "".join(f"  {np.mean(v):>26.3f}" for v in kappas.values())
          + "".join(f"  {np.mean(v):>16.3f}" for v in f1s.values()))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1:])
