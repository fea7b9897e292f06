"""Compare rules only, model only and the combined score against annotated data.

Multi-label data (the corpus format) is scored per dimension: precision, recall, F1 and the
macro-F1 over the five dimensions. Binary uncertainty data (CoNLL-2010 XML, WikiWeasel JSONL)
is scored as one class: a sentence is predicted uncertain when it is labelled hedging,
speculation or attribution.

The headline figure (macro-F1, or F1 of the uncertain class) comes with a 95% bootstrap
confidence interval. Sentences of one article are not independent, so whole article groups
are resampled when the data has them (the corpus format), single sentences otherwise.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .corpus import UNCERTAIN_DIMENSIONS, Example
from .dimensions import DEFAULT_THRESHOLD, DIMENSIONS

SYSTEMS = ("rules", "model", "combined")
BOOTSTRAP_SEED = 0


def confusion(gold: np.ndarray, predicted: np.ndarray) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of boolean arrays."""
    return int(np.sum(gold & predicted)), int(np.sum(~gold & predicted)), int(np.sum(gold & ~predicted))


def f1_score(tp, fp, fn):
    """F1 from counts, 0 where there is nothing to find or found; numbers or arrays (the
    bootstrap passes a row per resample). The one F1 of the project: training tunes with it."""
    tp, fp, fn = (np.asarray(x, dtype=np.float64) for x in (tp, fp, fn))
    denominator = 2 * tp + fp + fn
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(denominator), where=denominator > 0)
    return float(f1) if f1.ndim == 0 else f1


def prf(gold: np.ndarray, predicted: np.ndarray) -> dict:
    tp, fp, fn = confusion(gold, predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1_score(tp, fp, fn), 4),
            "support": int(gold.sum())}


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


def bootstrap_interval(gold: np.ndarray, predicted: np.ndarray, units: np.ndarray, resamples: int,
                       seed: int = BOOTSTRAP_SEED) -> list[float]:
    """95% percentile interval of the mean F1 over the columns of ``gold``/``predicted``
    (n_sentences, n_columns), resampling the sentences' ``units`` (article groups) with
    replacement."""
    _, unit_of = np.unique(units, return_inverse=True)
    n_units = unit_of.max() + 1
    # true positives, false positives and false negatives per unit and column
    counts = [np.zeros((n_units, gold.shape[1])) for _ in range(3)]
    for count, cells in zip(counts, (gold & predicted, ~gold & predicted, gold & ~predicted)):
        np.add.at(count, unit_of, cells)
    rng = np.random.default_rng(seed)
    # resamples in batches of about a million cells, so 100,000 sentences stay in memory
    batch = max(1, 1_000_000 // (n_units * gold.shape[1]))
    means = []
    for start in range(0, resamples, batch):
        draws = rng.integers(0, n_units, size=(min(batch, resamples - start), n_units))
        tp, fp, fn = (count[draws].sum(axis=1) for count in counts)  # (resamples, n_columns)
        means.append(f1_score(tp, fp, fn).mean(axis=1))
    low, high = np.percentile(np.concatenate(means), [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


def evaluate(analyzer, examples: Sequence[Example], kind: str, bootstrap: int = 1000) -> dict:
    """Scores of every available system on ``examples`` (``kind``: multilabel or binary), with
    a 95% confidence interval of the headline figure from ``bootstrap`` resamples (0: none)."""
    predictions = system_predictions(analyzer, [e.text for e in examples])
    result = {"kind": kind, "sentences": len(examples), "systems": {}}
    units = np.array([e.group or f"#{k}" for k, e in enumerate(examples)])  # no group: each sentence its own
    if bootstrap and len(examples):
        result["bootstrap"] = {"resamples": bootstrap, "unit": "article group" if any(e.group for e in examples) else "sentence",
                               "seed": BOOTSTRAP_SEED}
    if kind == "multilabel":
        gold = np.array([[d in e.labels for d in DIMENSIONS] for e in examples], dtype=bool).reshape(len(examples), len(DIMENSIONS))
        for system, predicted in predictions.items():
            per_dimension = {d: prf(gold[:, k], predicted[:, k]) for k, d in enumerate(DIMENSIONS)}
            result["systems"][system] = {
                "dimensions": per_dimension,
                "macro_f1": round(float(np.mean([s["f1"] for s in per_dimension.values()])), 4),
            }
            if "bootstrap" in result:
                result["systems"][system]["macro_f1_ci95"] = bootstrap_interval(gold, predicted, units, bootstrap)
    else:
        gold = np.array([e.is_uncertain for e in examples], dtype=bool)
        columns = [DIMENSIONS.index(d) for d in UNCERTAIN_DIMENSIONS]
        for system, predicted in predictions.items():
            uncertain = predicted[:, columns].any(axis=1)
            scores = prf(gold, uncertain)
            scores["accuracy"] = round(float(np.mean(gold == uncertain)), 4)
            if "bootstrap" in result:
                scores["f1_ci95"] = bootstrap_interval(gold[:, None], uncertain[:, None], units, bootstrap)
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
        if "bootstrap" in result:
            lines.append(f"{'  95% CI':<12}" + "".join(f"  {_interval(result['systems'][s]['macro_f1_ci95']):>20}" for s in systems))
    else:
        lines.append(f"{'system':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8}"
                     + ("  F1 95% CI  " if "bootstrap" in result else "  ") + "(uncertain = hedging, speculation or attribution)")
        for s in systems:
            m = result["systems"][s]["uncertain"]
            interval = f"  {_interval(m['f1_ci95']):>11}" if "f1_ci95" in m else ""
            lines.append(f"{s:<10} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} {m['accuracy']:>8.3f}{interval}")
    if "bootstrap" in result:
        b = result["bootstrap"]
        lines += ["", f"95% CI: {b['resamples']:,} bootstrap resamples of {b['unit']}s (seed {b['seed']})."]
    return "\n".join(lines) + "\n"


def _interval(bounds: list[float]) -> str:
    return f"{bounds[0]:.3f}-{bounds[1]:.3f}"
