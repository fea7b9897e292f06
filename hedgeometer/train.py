"""Train the classifier from the annotated corpus (scikit-learn is used here only).

For each dimension: tf-idf n-grams, scaled per dimension by their naive-Bayes log-count ratio
(NBSVM, Wang & Manning 2012), plus lexicon and shape features (:mod:`hedgeometer.features`), into
a class-balanced logistic regression with sigmoid calibration by 5-fold cross-validation. The
scaling is folded into the stored n-gram coefficients, so scoring stays one linear model.
``C``, the rule/model ``mix`` and the label threshold are chosen by fitting on the train split
and scoring the dev split; the shipped model is then refitted with those settings on train +
dev together. The test split is never read here. Same corpus, lexicons, seed and library
versions give a byte-identical model file.
"""

from __future__ import annotations

import hashlib
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from . import __version__
from .corpus import Example, corpus_files, corpus_sha256, load_corpus
from .dimensions import DIMENSIONS
from .errors import InputError
from .evaluate import confusion, f1_score
from .features import dense_matrix, ngrams
from .lexicon import Lexicon, load_lexicons
from .model import LinearModel
from .scoring import rule_matrix
from .tokens import tokenize

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
MIX_GRID = tuple(round(0.1 * i, 1) for i in range(11))
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(11))  # 0.20 .. 0.70
MIN_DF = 2


@dataclass
class Encoded:
    """Sentences turned into what the features need."""

    tokens: list
    matches: list
    rules: np.ndarray  # (n, n_dimensions) rule scores
    y: np.ndarray  # (n, n_dimensions) 0/1 gold labels


def encode(examples: Sequence[Example], lexicon: Lexicon) -> Encoded:
    tokens = [tokenize(e.text) for e in examples]
    matches = [lexicon.match_tokens(t, e.text) for t, e in zip(tokens, examples)]
    rules = rule_matrix(matches)
    y = np.array([[d in e.labels for d in DIMENSIONS] for e in examples], dtype=int).reshape(len(examples), len(DIMENSIONS))
    return Encoded(tokens, matches, rules, y)


def _identity(tokens):
    return ngrams(tokens)


def make_vectorizer() -> TfidfVectorizer:
    """The n-gram block of :mod:`hedgeometer.features`, as scikit-learn computes it in training."""
    return TfidfVectorizer(analyzer=_identity, lowercase=False, min_df=MIN_DF, sublinear_tf=True, norm="l2")


def log_count_ratios(ngrams_matrix, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Per n-gram, log of (share of positive sentences' n-grams) / (share of negatives'), on
    presence counts smoothed by ``alpha``: the NBSVM feature scaling. An n-gram that marks the
    dimension gets a large weight before the regression sees it, which helps rare cues."""
    present = (ngrams_matrix > 0).astype(np.float64)
    positive = np.asarray(present[y == 1].sum(axis=0)).ravel() + alpha
    negative = np.asarray(present[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


def design_matrix(ngrams_matrix, dense: np.ndarray, ratios: np.ndarray):
    """What the regression of one dimension sees: scaled n-grams, then the dense block."""
    return sp.hstack([ngrams_matrix.multiply(ratios).tocsr(), dense]).tocsr()


def _fit_dimension(X, y, C: float, seed: int) -> CalibratedClassifierCV:
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="lbfgs")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    return CalibratedClassifierCV(classifier, method="sigmoid", cv=folds, ensemble=False).fit(X, y)


def train_model(corpus_paths: Sequence[Path | str], lexicon: Lexicon | None = None, seed: int = 0, name: str = "default",
                progress: Callable[[str], None] = lambda message: None) -> tuple[LinearModel, dict]:
    """Fit a :class:`LinearModel` on the train split, tuned on dev. Returns the model and a
    summary of the dev scores."""
    files = corpus_files(corpus_paths)
    examples = load_corpus(files)
    train = [e for e in examples if e.split == "train"]
    dev = [e for e in examples if e.split == "dev"]
    if len(train) < 20 or len(dev) < 5:
        raise InputError(f"the corpus needs a train and a dev split (found {len(train)} train, {len(dev)} dev sentences)")
    lexicon = lexicon or load_lexicons()
    progress(f"encoding {len(train)} train and {len(dev)} dev sentences")
    train_enc, dev_enc = encode(train, lexicon), encode(dev, lexicon)

    vectorizer = make_vectorizer()
    N_train, D_train = vectorizer.fit_transform(train_enc.tokens), dense_matrix(train_enc.tokens, train_enc.matches)
    N_dev, D_dev = vectorizer.transform(dev_enc.tokens), dense_matrix(dev_enc.tokens, dev_enc.matches)

    # The shipped model learns from train + dev with the settings chosen on dev.
    final_enc = Encoded(train_enc.tokens + dev_enc.tokens, train_enc.matches + dev_enc.matches,
                        np.vstack([train_enc.rules, dev_enc.rules]), np.vstack([train_enc.y, dev_enc.y]))
    final_vectorizer = make_vectorizer()
    N_final, D_final = final_vectorizer.fit_transform(final_enc.tokens), dense_matrix(final_enc.tokens, final_enc.matches)
    terms = [t for t, _ in sorted(final_vectorizer.vocabulary_.items(), key=lambda kv: kv[1])]

    coef, intercept, calibration, mixes, thresholds, dev_scores = [], [], [], [], [], {}
    for k, dimension in enumerate(DIMENSIONS):
        y_train, y_dev = train_enc.y[:, k], dev_enc.y[:, k].astype(bool)
        if y_train.min() == y_train.max():
            raise InputError(f"the train split has no {'positive' if y_train.max() == 0 else 'negative'} examples of {dimension}")
        train_ratios = log_count_ratios(N_train, y_train)
        X_train, X_dev = design_matrix(N_train, D_train, train_ratios), design_matrix(N_dev, D_dev, train_ratios)
        best = None
        for C in C_GRID:
            fitted = _fit_dimension(X_train, y_train, C, seed)
            model_p = fitted.predict_proba(X_dev)[:, 1]
            for mix in MIX_GRID:
                combined = mix * dev_enc.rules[:, k] + (1 - mix) * model_p
                for threshold in THRESHOLD_GRID:
                    score = f1_score(*confusion(y_dev, combined >= threshold))
                    # ties go to the plainer choice: threshold nearest 0.5, then smaller C
                    key = (round(score, 6), -abs(threshold - 0.5), -C)
                    if best is None or key > best[0]:
                        best = (key, C, mix, threshold)
        (score, _, _), C, mix, threshold = best
        ratios = log_count_ratios(N_final, final_enc.y[:, k])
        fitted = _fit_dimension(design_matrix(N_final, D_final, ratios), final_enc.y[:, k], C, seed)
        inner = fitted.calibrated_classifiers_[0]
        estimator, calibrator = inner.estimator, inner.calibrators[0]
        # fold the n-gram scaling into the coefficients: (x * r) . w == x . (r * w)
        coef.append(np.concatenate([estimator.coef_[0][: len(terms)] * ratios, estimator.coef_[0][len(terms):]]))
        intercept.append(estimator.intercept_[0])
        calibration.append([calibrator.a_, calibrator.b_])
        mixes.append(mix)
        thresholds.append(threshold)
        dev_scores[dimension] = {"f1": round(score, 4), "C": C, "mix": mix, "threshold": threshold}
        progress(f"{dimension}: dev F1 {score:.3f} (C={C}, mix={mix}, threshold={threshold})")

    coef_array = np.vstack(coef)
    model_id = hashlib.sha256(np.round(coef_array, 9).tobytes()).hexdigest()[:12]
    training = {
        "model_id": model_id,
        "corpus_files": [f.name for f in files],
        "corpus_sha256": corpus_sha256(files),
        "train_sentences": len(train),
        "dev_sentences": len(dev),
        "fitted_on": "train+dev (settings chosen on dev with a train-only fit)",
        "lexicon_fingerprint": lexicon.fingerprint,
        "seed": seed,
        "min_df": MIN_DF,
        "dev_scores": dev_scores,
        "dev_macro_f1": round(float(np.mean([s["f1"] for s in dev_scores.values()])), 4),
        "versions": {"hedgeometer": __version__, "scikit-learn": sklearn.__version__, "numpy": np.__version__,
                     "python": platform.python_version()},
    }
    model = LinearModel(terms, final_vectorizer.idf_, coef_array, intercept, calibration, mixes, thresholds, name=name, training=training)
    return model, training
