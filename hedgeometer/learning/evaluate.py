"""Compare hedgeometer (rules only, model only, combined) and two baselines against annotated data.

Multi-label data (the corpus format, or stand-off annotations of real text) is scored per
dimension: precision, recall, F1 and the macro-F1 over the five dimensions. Binary uncertainty
data (CoNLL-2010 XML, WikiWeasel or bio JSONL) is scored as one class: a sentence is predicted
uncertain when it is labelled hedging, speculation or attribution. PTC lines are scored on
dramatic framing (their Loaded_Language, Exaggeration/Minimisation and Appeal_to_fear lines).

The baselines put the figures in proportion: ``majority`` predicts each set's most frequent
class (for a rare label: never, so F1 0), ``keywords`` labels a sentence that holds any word of
a short, fixed list per dimension (:data:`KEYWORDS`, the kind of list a study might start from:
no phrases, no context, no model).

The headline figure (macro-F1, or F1 of the uncertain class) comes with a 95% bootstrap
confidence interval. Sentences of one article are not independent, so whole article groups
are resampled when the data has them (the corpus format), single sentences otherwise.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from .corpus import Example
from ..dimensions import DEFAULT_THRESHOLD, DIMENSIONS, UNCERTAIN_DIMENSIONS

BOOTSTRAP_SEED = 0
# The keyword baseline: single words, matched case-insensitively as whole words.
KEYWORDS = {
    "hedging": "may might could perhaps possibly probably likely unlikely apparently appear appears appeared seem seems "
               "seemed suggest suggests suggested possible unclear uncertain about around approximately roughly nearly "
               "somewhat estimated",
    "speculation": "expected speculation speculate speculated rumour rumours rumor rumors reportedly allegedly alleged "
                   "predict predicted forecast whether unconfirmed poised",
    "dramatic": "crisis chaos shocking shock devastating brutal horrific horrifying outrage outrageous disaster "
                "catastrophic catastrophe slam slams slammed blast blasted massive terrifying nightmare explosive",
    "attribution": "sources reportedly allegedly critics analysts experts observers insiders officials unnamed "
                   "anonymous rumoured rumored",
    "booster": "clearly certainly undoubtedly definitely obviously always never absolutely surely unquestionably "
               "indisputably undeniably",
}
_KEYWORD_SETS = {d: frozenset(words.split()) for d, words in KEYWORDS.items()}


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


def keyword_predictions(texts: Sequence[str]) -> np.ndarray:
    """The keyword baseline's (n, n_dimensions) predictions."""
    words = [set(re.findall(r"[a-z]+", text.lower())) for text in texts]
    return np.array([[bool(w & _KEYWORD_SETS[d]) for d in DIMENSIONS] for w in words], dtype=bool).reshape(len(texts), len(DIMENSIONS))


def majority_predictions(gold: np.ndarray) -> np.ndarray:
    """Each column's most frequent gold value, for every row."""
    return np.broadcast_to(gold.mean(axis=0) > 0.5, gold.shape).copy()


def system_predictions(analyzer, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Boolean (n, n_dimensions) predictions of each system available to ``analyzer``."""
    scored = analyzer.score_sentences(texts)
    thresholds = analyzer.resolved_thresholds
    rules = np.array([[s.rule_scores[d] >= DEFAULT_THRESHOLD for d in DIMENSIONS] for s in scored], dtype=bool)
    predictions = {"rules": rules.reshape(len(scored), len(DIMENSIONS))}
    if analyzer.loaded_model is not None:
        predictions["model"] = np.array([[s.model_scores[d] >= thresholds[d] for d in DIMENSIONS] for s in scored],
                                        dtype=bool).reshape(len(scored), len(DIMENSIONS))
        predictions["combined"] = np.array([[d in s.labels for d in DIMENSIONS] for s in scored],
                                           dtype=bool).reshape(len(scored), len(DIMENSIONS))
    return predictions


def _precision(tp, fp, fn):
    return np.divide(tp, tp + fp, out=np.zeros_like(tp, dtype=np.float64), where=(tp + fp) > 0)


def _recall(tp, fp, fn):
    return np.divide(tp, tp + fn, out=np.zeros_like(tp, dtype=np.float64), where=(tp + fn) > 0)


STATISTICS = {"f1": f1_score, "precision": _precision, "recall": _recall}


def bootstrap_interval(gold: np.ndarray, predicted: np.ndarray, units: np.ndarray, resamples: int,
                       seed: int = BOOTSTRAP_SEED, statistic: str = "f1") -> list[float]:
    """95% percentile interval of the mean ``statistic`` (f1, precision or recall) over the
    columns of ``gold``/``predicted`` (n_sentences, n_columns), resampling the sentences'
    ``units`` (article groups) with replacement."""
    measure = STATISTICS[statistic]
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
        means.append(measure(tp, fp, fn).mean(axis=1))
    low, high = np.percentile(np.concatenate(means), [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


DEFAULT_BOOTSTRAP = 1000  # resamples for the 95% intervals of evaluate


def evaluate(analyzer, examples: Sequence[Example], kind: str, bootstrap: int = DEFAULT_BOOTSTRAP) -> dict:
    """Scores of the baselines and every system available to ``analyzer`` on ``examples``
    (``kind``: multilabel, binary or dramatic), with a 95% confidence interval of each headline
    figure from ``bootstrap`` resamples (0: none)."""
    texts = [e.text for e in examples]
    predictions = {"majority": None, "keywords": keyword_predictions(texts), **system_predictions(analyzer, texts)}
    result = {"kind": kind, "sentences": len(examples), "systems": {}}
    units = np.array([e.group or f"#{k}" for k, e in enumerate(examples)])  # no group: each sentence its own
    if bootstrap and len(examples):
        result["bootstrap"] = {"resamples": bootstrap, "unit": "article group" if any(e.group for e in examples) else "sentence",
                               "seed": BOOTSTRAP_SEED}
    if kind == "multilabel":
        gold = np.array([[d in e.labels for d in DIMENSIONS] for e in examples], dtype=bool).reshape(len(examples), len(DIMENSIONS))
        for system, predicted in predictions.items():
            predicted = majority_predictions(gold) if predicted is None else predicted
            per_dimension = {d: prf(gold[:, k], predicted[:, k]) for k, d in enumerate(DIMENSIONS)}
            result["systems"][system] = {
                "dimensions": per_dimension,
                "macro_f1": round(float(np.mean([s["f1"] for s in per_dimension.values()])), 4),
            }
            if "bootstrap" in result:
                result["systems"][system]["macro_f1_ci95"] = bootstrap_interval(gold, predicted, units, bootstrap)
                for k, d in enumerate(DIMENSIONS):
                    for statistic in STATISTICS:
                        per_dimension[d][f"{statistic}_ci95"] = bootstrap_interval(
                            gold[:, k:k + 1], predicted[:, k:k + 1], units, bootstrap, statistic=statistic)
    else:
        target = "dramatic" if kind == "dramatic" else "uncertain"
        if target == "dramatic":
            gold = np.array(["dramatic" in e.labels for e in examples], dtype=bool)
        else:
            gold = np.array([e.is_uncertain for e in examples], dtype=bool)
        columns = [DIMENSIONS.index(d) for d in (("dramatic",) if target == "dramatic" else UNCERTAIN_DIMENSIONS)]
        for system, predicted in predictions.items():
            found = majority_predictions(gold[:, None])[:, 0] if predicted is None else predicted[:, columns].any(axis=1)
            scores = prf(gold, found)
            scores["accuracy"] = round(float(np.mean(gold == found)), 4)
            if "bootstrap" in result:
                scores["f1_ci95"] = bootstrap_interval(gold[:, None], found[:, None], units, bootstrap)
            result["systems"][system] = {target: scores}
        result["target"] = target
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
        target = result.get("target", "uncertain")
        meaning = ("dramatic = PTC Loaded_Language, Exaggeration/Minimisation, Appeal_to_fear" if target == "dramatic"
                   else "uncertain = hedging, speculation or attribution")
        lines.append(f"{'system':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8}"
                     + ("  F1 95% CI  " if "bootstrap" in result else "  ") + f"({meaning})")
        for s in systems:
            m = result["systems"][s][target]
            interval = f"  {_interval(m['f1_ci95']):>11}" if "f1_ci95" in m else ""
            lines.append(f"{s:<10} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} {m['accuracy']:>8.3f}{interval}")
    if "bootstrap" in result:
        b = result["bootstrap"]
        lines += ["", f"95% CI: {b['resamples']:,} bootstrap resamples of {b['unit']}s (seed {b['seed']})."]
    return "\n".join(lines) + "\n"


def _interval(bounds: list[float]) -> str:
    return f"{bounds[0]:.3f}-{bounds[1]:.3f}"
