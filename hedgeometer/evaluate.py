"""Compare rules only, model only and the combined score against annotated data.

Multi-label data (the corpus format) is scored per dimension: precision, recall, F1 and the
macro-F1 over the five dimensions. Binary uncertainty data (CoNLL-2010 XML, WikiWeasel JSONL)
is scored as one class: a sentence is predicted uncertain when it is labelled hedging,
speculation or attribution.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .corpus import UNCERTAIN_DIMENSIONS, Example
from .dimensions import DEFAULT_THRESHOLD, DIMENSIONS

SYSTEMS = ("rules", "model", "combined")


def prf(gold: np.ndarray, predicted: np.ndarray) -> dict:
    tp = int(np.sum(gold & predicted))
    fp = int(np.sum(~gold & predicted))
    fn = int(np.sum(gold & ~predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": int(gold.sum())}


def system_predictions(analyzer, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Boolean (n, n_dimensions) predictions of each system available to ``analyzer``."""
    scored = analyzer.score_sentences(texts)
    thresholds = analyzer.resolved_thresholds
    rules = np.array([[s.rule_scores[d] >= DEFAULT_THRESHOLD for d in DIMENSIONS] for s in scored], dtype=bool)
    predictions = {"rules": rules.reshape(len(scored), len(DIMENSIONS))}
    if analyzer.classifier is not None:
        predictions["model"] = np.array([[s.model_scores[d] >= thresholds[d] for d in DIMENSIONS] for s in scored],
                                        dtype=bool).reshape(len(scored), len(DIMENSIONS))
        predictions["combined"] = np.array([[d in s.labels for d in DIMENSIONS] for s in scored],
                                           dtype=bool).reshape(len(scored), len(DIMENSIONS))
    return predictions


def evaluate(analyzer, examples: Sequence[Example], kind: str) -> dict:
    """Scores of every available system on ``examples`` (``kind``: multilabel or binary)."""
    predictions = system_predictions(analyzer, [e.text for e in examples])
    result = {"kind": kind, "sentences": len(examples), "systems": {}}
    if kind == "multilabel":
        gold = np.array([[d in e.labels for d in DIMENSIONS] for e in examples], dtype=bool).reshape(len(examples), len(DIMENSIONS))
        for system, predicted in predictions.items():
            per_dimension = {d: prf(gold[:, k], predicted[:, k]) for k, d in enumerate(DIMENSIONS)}
            result["systems"][system] = {
                "dimensions": per_dimension,
                "macro_f1": round(float(np.mean([s["f1"] for s in per_dimension.values()])), 4),
            }
    else:
        gold = np.array([e.is_uncertain for e in examples], dtype=bool)
        columns = [DIMENSIONS.index(d) for d in UNCERTAIN_DIMENSIONS]
        for system, predicted in predictions.items():
            uncertain = predicted[:, columns].any(axis=1)
            scores = prf(gold, uncertain)
            scores["accuracy"] = round(float(np.mean(gold == uncertain)), 4)
            result["systems"][system] = {"uncertain": scores}
    return result


def format_evaluation(result: dict) -> str:
    """A plain-text table of :func:`evaluate`'s result."""
    lines = [f"{result['sentences']} sentences ({result['kind']})", ""]
    systems = list(result["systems"])
    if result["kind"] == "multilabel":
        header = f"{'dimension':<12}" + "".join(f"  {s + ' P/R/F1':>20}" for s in systems)
        lines += [header, "-" * len(header)]
        for d in DIMENSIONS:
            cells = []
            for s in systems:
                m = result["systems"][s]["dimensions"][d]
                cells.append(f"  {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}")
            lines.append(f"{d:<12}" + "".join(cells))
        lines.append(f"{'macro-F1':<12}" + "".join(f"  {'':>13}{result['systems'][s]['macro_f1']:>7.3f}" for s in systems))
    else:
        lines.append(f"{'system':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8}  (uncertain = hedging, speculation or attribution)")
        for s in systems:
            m = result["systems"][s]["uncertain"]
            lines.append(f"{s:<10} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} {m['accuracy']:>8.3f}")
    return "\n".join(lines) + "\n"
