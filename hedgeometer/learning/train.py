"""Train the classifier from the annotated corpus and real public corpora (scikit-learn is used
here only).

For each dimension: tf-idf n-grams, scaled per dimension by their naive-Bayes log-count ratio
(NBSVM, Wang & Manning 2012), plus lexicon and shape features (:mod:`hedgeometer.model.features`), into
a class-balanced logistic regression with sigmoid (Platt) calibration. The scaling is folded into
the stored n-gram coefficients, so scoring stays one linear model.

The training sentences are the project corpus's train and dev splits (all five dimensions
labelled) and, when given, real corpora (:mod:`hedgeometer.learning.realdata`), each of which labels only
some dimensions: a dimension is learned from the sentences that label it. ``C``, the weight of a
real sentence against an in-house one, the rule/model ``mix`` and the label threshold are chosen
per dimension by cross-validation with folds by document (an in-house article group, a real
article or Wikipedia page), scoring half on the in-house corpus and half on the real corpora; the
calibration is fitted on the same out-of-fold scores, and the shipped model is then fitted on all
the sentences with the chosen settings. The corpus test split and the held-out real-news articles
are never read here. Same files, lexicons, seed and library versions give a byte-identical model.
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
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from ..version import __version__
from .corpus import Example, corpus_files, corpus_sha256, load_corpus
from ..dimensions import DIMENSIONS, UNCERTAIN_DIMENSIONS
from ..errors import InputError, MissingResourceError
from .evaluate import STATISTICS, bootstrap_interval, confusion, f1_score, prf
from ..model.features import dense_matrix, feature_tokens, gram_pairs
from ..rules.lexicon import Lexicon, load_lexicons
from ..model.linear import LinearModel
from .realdata import REAL_TERMS, load_real, read_heldout_articles
from ..resources import checkout_dir
from ..rules.rule_scores import rule_matrix
from ..text.tokens import tokenize

C_GRID = (3.0, 10.0)
REAL_WEIGHT_GRID = (0.3, 1.0)  # weight of a sentence of another corpus's scheme, against an in-house one
NEWS_WEIGHT_GRID = (1.0, 3.0)  # weight of a real news line annotated under our guidelines
MIX_GRID = tuple(round(0.1 * i, 1) for i in range(11))
THRESHOLD_GRID = tuple(round(0.15 + 0.05 * i, 2) for i in range(14))  # 0.15 .. 0.80
N_FOLDS = 3
MIN_DF = 2  # in the sentences labelled under our guidelines
MIN_DF_ANY = 5  # in all training sentences: keeps the model file small, drops one-corpus rarities
# A dimension whose false positives cost readers' trust most keeps this cross-validated precision
# on real news (dramatic: a loaded-language label on a plain sentence is the commonest complaint).
PRECISION_FLOOR = {"dramatic": 0.6}
MIN_POSITIVES = 20  # a source scores a dimension in tuning only with this many positives
IN_HOUSE = "inhouse"
DEFAULT_SEED = 0
DEFAULT_NAME = "default"
OWN_GUIDELINES = (IN_HOUSE, "realnews")  # sources labelled under corpus/GUIDELINES.md, all five dimensions


@dataclass
class Encoded:
    """Sentences turned into what the features need."""

    tokens: list
    matches: list
    rules: np.ndarray  # (n, n_dimensions) rule scores
    y: np.ndarray  # (n, n_dimensions) 0/1 gold labels
    other_senses: list  # per sentence the positions of cue words a context guard ruled out
    grams: list  # per sentence its feature tokens, those words spelled word:other (the n-gram documents)


ENCODE_STEP = 1000  # sentences between two progress reports while encoding


def encode(examples: Sequence[Example], lexicon: Lexicon,
           progress: Callable[[int, int], None] | None = None) -> Encoded:
    """Tokens, cue matches, rule scores and labels of ``examples``; ``progress(done, total)`` is
    called every :data:`ENCODE_STEP` sentences and at the end."""
    tokens, matches, other_senses, grams = [], [], [], []
    for done, example in enumerate(examples, 1):
        tokens.append(tokenize(example.text))
        found, other_sense = lexicon.find(tokens[-1], example.text)
        matches.append(found)
        other_senses.append(other_sense)
        grams.append(feature_tokens(tokens[-1], other_sense))
        if progress is not None and (done % ENCODE_STEP == 0 or done == len(examples)):
            progress(done, len(examples))
    rules = rule_matrix(matches)
    y = np.array([[d in e.labels for d in DIMENSIONS] for e in examples], dtype=int).reshape(len(examples), len(DIMENSIONS))
    return Encoded(tokens, matches, rules, y, other_senses, grams)


def _identity(grams):
    return gram_pairs(grams)


def make_vectorizer() -> TfidfVectorizer:
    """The n-gram block of :mod:`hedgeometer.model.features`, as scikit-learn computes it in training."""
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


def fit_dimension(X, y: np.ndarray, weights: np.ndarray, C: float) -> LogisticRegression:
    """One dimension's class-balanced logistic regression, each sentence weighted."""
    # liblinear: four to five times faster than lbfgs here, and deterministic with a fixed seed
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=0)
    return classifier.fit(X, y, sample_weight=weights)


def fit_platt(decision: np.ndarray, y: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration ``p = 1 / (1 + exp(a * f + b))`` of decision values ``f``, fitted on
    out-of-fold scores (as scikit-learn's ``CalibratedClassifierCV(method="sigmoid")`` does)."""
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(decision[:, None], y, sample_weight=weights)
    return -float(platt.coef_[0, 0]), -float(platt.intercept_[0])


def fold_of(groups: Sequence[str], seed: int, n_folds: int = N_FOLDS) -> np.ndarray:
    """A fold per document, from a hash of its group: one document is never in two folds."""
    return np.array([int(hashlib.sha256(f"{seed}:{g}".encode()).hexdigest()[:8], 16) % n_folds for g in groups])


CV_BOOTSTRAP = 1000  # resamples of whole documents for the intervals of the cross-validated scores


def _scores(gold: np.ndarray, predicted: np.ndarray, groups: np.ndarray) -> dict:
    """Precision, recall, F1 and support (positives), how many sentences they are of, and 95%
    intervals of the three from resampling whole documents (``groups``)."""
    scores = {**prf(gold, predicted), "sentences": int(len(gold))}
    if len(gold):
        for statistic in STATISTICS:
            scores[f"{statistic}_ci95"] = bootstrap_interval(gold[:, None], predicted[:, None], groups, CV_BOOTSTRAP,
                                                             statistic=statistic)
    return scores


@dataclass
class TrainingSet:
    """Every training sentence with what it teaches: labels, which of them are known, its
    source (``inhouse`` or a real corpus kind) and its document."""

    encoded: Encoded
    known: np.ndarray  # (n, n_dimensions) bool
    source: np.ndarray  # (n,) str
    groups: list

    def scored_sources(self, k: int) -> list[str]:
        """Sources that score dimension ``k`` in tuning: those with enough known positives."""
        y, known = self.encoded.y[:, k], self.known[:, k]
        return [s for s in dict.fromkeys(self.source.tolist())
                if (y[known & (self.source == s)] == 1).sum() >= MIN_POSITIVES]


def tuning_objective(y: np.ndarray, predicted: np.ndarray, rows: np.ndarray, source: np.ndarray,
                     sources: Sequence[str]) -> float:
    """The mean of up to three F1 figures: on the in-house corpus, on real news annotated under
    our guidelines, and the mean over the other real corpora that label the dimension."""
    def f1(s):
        mask = rows & (source == s)
        return f1_score(*confusion(y[mask] == 1, predicted[mask]))

    others = [f1(s) for s in sources if s not in OWN_GUIDELINES]
    parts = [f1(s) for s in OWN_GUIDELINES if s in sources] + ([float(np.mean(others))] if others else [])
    return float(np.mean(parts))


def _precision(y, predicted, rows, source, name) -> float | None:
    mask = rows & (source == name)
    if not mask.any():
        return None
    tp, fp, _ = confusion(y[mask] == 1, predicted[mask])
    return tp / (tp + fp) if tp + fp else 0.0


def floor_gap(dimension: str, y, predicted, rows, source) -> float:
    """How far the labels fall below the dimension's :data:`PRECISION_FLOOR` on real news
    annotated under our guidelines: 0 when they keep it, or there is no floor or no such news."""
    floor = PRECISION_FLOOR.get(dimension)
    precision = _precision(y, predicted, rows, source, "realnews") if floor else None
    return 0.0 if precision is None else max(0.0, floor - precision)


def sentence_weights(source: np.ndarray, real_weight: float, news_weight: float = 1.0) -> np.ndarray:
    """1 for an in-house sentence, ``news_weight`` for a real news line annotated under our
    guidelines, ``real_weight`` for a sentence labelled under another corpus's scheme."""
    return np.where(source == IN_HOUSE, 1.0, np.where(source == "realnews", news_weight, real_weight))


def vocabulary(tokens: Sequence, source: np.ndarray) -> list[str] | None:
    """The n-grams the model may use: those in at least :data:`MIN_DF` sentences labelled under
    our guidelines, and those in at least :data:`MIN_DF_ANY` sentences of any corpus. None
    (learn it with ``MIN_DF``) when every sentence is ours."""
    if np.isin(source, OWN_GUIDELINES).all():
        return None
    own = [t for t, s in zip(tokens, source) if s in OWN_GUIDELINES]
    counter = CountVectorizer(analyzer=_identity, lowercase=False, min_df=MIN_DF)
    terms = set(counter.fit(own).vocabulary_)
    terms |= set(counter.set_params(min_df=MIN_DF_ANY).fit(tokens).vocabulary_)
    return sorted(terms)


def assign_by_cues(examples: Sequence[Example], encoded: Encoded, known: np.ndarray) -> None:
    """An uncertain sentence whose corpus does not say how it is uncertain (WikiWeasel text
    that Szeged did not re-annotate) teaches the uncertain dimensions its lexicon cues name,
    and nothing else. Updates ``encoded.y`` and ``known`` in place."""
    for row, (example, matches) in enumerate(zip(examples, encoded.matches)):
        if example.uncertain and not known[row].any():
            for dimension in {m.dimension for m in matches} & set(UNCERTAIN_DIMENSIONS):
                k = DIMENSIONS.index(dimension)
                known[row, k], encoded.y[row, k] = True, 1


def tune_uncertain_thresholds(encoded: Encoded, out_of_fold: np.ndarray, known: np.ndarray, source: np.ndarray,
                              examples: Sequence[Example], thresholds: list[float], scored: dict) -> list[float]:
    """Choose the hedging, speculation and attribution thresholds together: a sentence is
    "uncertain" when any of the three passes, so corpora annotated only as uncertain or not
    (CoNLL-2010 bio, WikiWeasel) judge the three at once. The objective is the mean of the three
    dimensions' own objectives and the mean uncertain F1 over those corpora."""
    columns = [DIMENSIONS.index(d) for d in UNCERTAIN_DIMENSIONS]
    binary = [s for s in ("bio", "wikiweasel") if (source == s).any()]
    if not binary:
        return thresholds
    gold = np.array([bool(e.uncertain) for e in examples])
    passes = {(k, t): out_of_fold[:, k] >= t for k in columns for t in THRESHOLD_GRID}
    own = {(k, t): tuning_objective(encoded.y[:, k], passes[k, t], known[:, k], source, scored[k])
           for k in columns for t in THRESHOLD_GRID}
    best = None
    for th in THRESHOLD_GRID:
        for ts in THRESHOLD_GRID:
            for ta in THRESHOLD_GRID:
                chosen = dict(zip(columns, (th, ts, ta)))
                uncertain = passes[columns[0], th] | passes[columns[1], ts] | passes[columns[2], ta]
                union = np.mean([f1_score(*confusion(gold[source == s], uncertain[source == s])) for s in binary])
                score = float(np.mean([own[k, t] for k, t in chosen.items()] + [union]))
                key = (round(score, 6), -sum(abs(t - 0.5) for t in chosen.values()))
                if best is None or key > best[0]:
                    best = (key, chosen)
    tuned = list(thresholds)
    for k, t in best[1].items():
        tuned[k] = t
    return tuned


def cross_validate(data: TrainingSet, N, D, k: int, C: float, weights: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Out-of-fold decision values of dimension ``k`` for every sentence (labelled or not)."""
    y, rows = data.encoded.y[:, k], data.known[:, k]
    decision = np.zeros(len(y))
    for fold in range(folds.max() + 1):
        fit_rows, held = rows & (folds != fold), folds == fold
        if not held.any():
            continue
        ratios = log_count_ratios(N[fit_rows], y[fit_rows])
        model = fit_dimension(design_matrix(N[fit_rows], D[fit_rows], ratios), y[fit_rows], weights[fit_rows], C)
        decision[held] = model.decision_function(design_matrix(N[held], D[held], ratios))
    return decision


def heldout_articles_file() -> Path:
    """The list of the real-news test articles (PTC article ids) in the source checkout."""
    return checkout_dir("corpus") / "realnews" / "heldout-articles.txt"


def realnews_test_articles() -> list[str]:
    """The PTC articles of the real-news test set, which training never reads. Without the
    checkout's list, training from real corpora cannot be made safe, so it is refused."""
    path = heldout_articles_file()
    if not path.is_file():
        raise MissingResourceError(f"{path} is missing: it lists the real-news test articles that training must "
                                   f"never see; train from a checkout of the repository")
    return read_heldout_articles(path)


def default_standoff() -> list[Path]:
    """The stand-off annotations of real news under our guidelines in the checkout
    (``corpus/realtrain/*.jsonl``), when there are any."""
    return sorted((checkout_dir("corpus") / "realtrain").glob("*.jsonl"))


def train_model(corpus_paths: Sequence[Path | str], lexicon: Lexicon | None = None, seed: int = DEFAULT_SEED,
                name: str = DEFAULT_NAME, progress: Callable[..., None] = lambda message, done=None, total=None: None,
                real_paths: Sequence[Path | str] = (),
                heldout_articles: Sequence[str] = (),
                standoff: Sequence[Path | str] | None = None) -> tuple[LinearModel, dict]:
    """Fit a :class:`LinearModel` on the corpus's train and dev splits and the ``real_paths``
    corpora, settings chosen by grouped cross-validation. Returns the model and its training
    record (sources, settings, cross-validated scores).

    The real-news test articles (:func:`realnews_test_articles`) are always kept out of the real
    corpora, and so are the ``heldout_articles`` given besides. ``standoff`` annotations label
    some of the real records on all five dimensions (default, with ``real_paths``: the
    checkout's :func:`default_standoff`; ``()`` for none).

    ``progress(message, done=None, total=None)`` hears how it goes: a stage or result alone, or a
    step with its count (``done`` of ``total`` sentences encoded, settings cross-validated)."""
    files = corpus_files(corpus_paths)
    in_house = [e for e in load_corpus(files) if e.split in ("train", "dev")]
    if len(in_house) < 20:
        raise InputError(f"the corpus needs at least 20 train and dev sentences (found {len(in_house)})")
    if real_paths:
        # the test set is kept out whatever the caller passes: nothing here may learn from it
        heldout_articles = list(dict.fromkeys([*realnews_test_articles(), *map(str, heldout_articles)]))
        standoff = default_standoff() if standoff is None else standoff
    real, real_sources = load_real(real_paths, heldout_articles, standoff or ())
    examples = in_house + real
    lexicon = lexicon or load_lexicons()
    stage = f"encoding {len(in_house):,} corpus and {len(real):,} real-corpus sentences"
    progress(stage, done=0, total=len(examples))
    encoded = encode(examples, lexicon, lambda done, total: progress(stage, done=done, total=total))
    known = np.array([[d in e.meta.get("known", DIMENSIONS) for d in DIMENSIONS] for e in examples], dtype=bool)
    source = np.array([e.meta.get("source", IN_HOUSE) for e in examples])
    assign_by_cues(examples, encoded, known)
    groups = np.array([e.group for e in examples])
    data = TrainingSet(encoded, known, source, groups.tolist())
    folds = fold_of(data.groups, seed)

    # The vocabulary and idf are fitted on every sentence (no labels are read); everything
    # learned from labels is refitted per fold.
    progress("building the n-gram vocabulary and tf-idf")
    vectorizer = make_vectorizer()
    vectorizer.set_params(vocabulary=vocabulary(encoded.grams, source))
    N, D = vectorizer.fit_transform(encoded.grams).tocsr(), dense_matrix(encoded.tokens, encoded.matches)
    terms = [t for t, _ in sorted(vectorizer.vocabulary_.items(), key=lambda kv: kv[1])]
    weight_grid = [(r, n) for r in (REAL_WEIGHT_GRID if (~np.isin(source, OWN_GUIDELINES)).any() else (1.0,))
                   for n in (NEWS_WEIGHT_GRID if (source == "realnews").any() else (1.0,))]

    coef, intercept, calibration, mixes, thresholds, cv_scores, scored_sources = [], [], [], [], [], {}, {}
    out_of_fold = np.zeros(encoded.y.shape)
    settings_done, settings_total = 0, len(DIMENSIONS) * len(weight_grid) * len(C_GRID)
    for k, dimension in enumerate(DIMENSIONS):
        y, rows = encoded.y[:, k], known[:, k]
        if y[rows].min() == y[rows].max():
            raise InputError(f"the training data has no {'positive' if y[rows].max() == 0 else 'negative'} examples of {dimension}")
        sources = data.scored_sources(k) or [IN_HOUSE]
        best = None
        for real_weight, news_weight in weight_grid:
            weights = sentence_weights(source, real_weight, news_weight)
            for C in C_GRID:
                progress(f"{dimension}: cross-validating C={C}, real weight={real_weight}, news weight={news_weight}",
                         done=settings_done, total=settings_total)
                decision = cross_validate(data, N, D, k, C, weights, folds)
                settings_done += 1
                a, b = fit_platt(decision[rows], y[rows], weights[rows])
                model_p = 1.0 / (1.0 + np.exp(np.clip(a * decision + b, -700, 700)))
                for mix in MIX_GRID:
                    combined = mix * encoded.rules[:, k] + (1 - mix) * model_p
                    for threshold in THRESHOLD_GRID:
                        predicted = combined >= threshold
                        score = tuning_objective(y, predicted, rows, source, sources)
                        # settings that keep the precision floor first; ties go to the plainer
                        # choice: threshold nearest 0.5, then smaller C
                        gap = floor_gap(dimension, y, predicted, rows, source)
                        key = (gap == 0, round(score if gap == 0 else -gap, 6), -abs(threshold - 0.5), -C)
                        if best is None or key > best[0]:
                            best = (key, C, (real_weight, news_weight), mix, threshold, (a, b), combined)
        (_, score, _, _), C, (real_weight, news_weight), mix, threshold, (a, b), combined = best
        out_of_fold[:, k] = combined
        weights = sentence_weights(source, real_weight, news_weight)
        ratios = log_count_ratios(N[rows], y[rows])
        fitted = fit_dimension(design_matrix(N[rows], D[rows], ratios), y[rows], weights[rows], C)
        # fold the n-gram scaling into the coefficients: (x * r) . w == x . (r * w)
        coef.append(np.concatenate([fitted.coef_[0][: len(terms)] * ratios, fitted.coef_[0][len(terms):]]))
        intercept.append(fitted.intercept_[0])
        calibration.append([a, b])
        mixes.append(mix)
        thresholds.append(threshold)
        scored_sources[k] = sources
        cv_scores[dimension] = {"C": C, "real_weight": real_weight, "news_weight": news_weight, "mix": mix}
        progress(f"{dimension}: cross-validated objective {score:.3f} (C={C}, real weight={real_weight}, "
                 f"news weight={news_weight}, mix={mix}, threshold={threshold})")

    if any((source == s).any() for s in ("bio", "wikiweasel")):
        progress("choosing the hedging, speculation and attribution thresholds together")
    thresholds = tune_uncertain_thresholds(encoded, out_of_fold, known, source, examples, thresholds, scored_sources)
    for k, dimension in enumerate(DIMENSIONS):
        y, rows, predicted, sources = encoded.y[:, k], known[:, k], out_of_fold[:, k] >= thresholds[k], scored_sources[k]
        cv_scores[dimension].update({
            "threshold": thresholds[k], "objective": round(tuning_objective(y, predicted, rows, source, sources), 4),
            "by_source": {s: _scores(y[mask] == 1, predicted[mask], groups[mask])
                          for s in sources for mask in [rows & (source == s)]},
        })

    coef_array = np.vstack(coef)
    model_id = hashlib.sha256(np.round(coef_array, 9).tobytes()).hexdigest()[:12]
    in_house_rows = source == IN_HOUSE
    in_house_f1 = [cv_scores[d]["by_source"].get(IN_HOUSE, {}).get("f1", 0.0) for d in DIMENSIONS]
    training = {
        "model_id": model_id,
        "corpus_files": [f.name for f in files],
        "corpus_sha256": corpus_sha256(files),
        "corpus_sentences": int(in_house_rows.sum()),
        "real_corpora": [{**r, "terms": REAL_TERMS[r["kind"]]} for r in real_sources],
        # articles kept out of the real corpora (none to keep out when none is used)
        "heldout_articles": len(set(heldout_articles)) if real_paths else 0,
        "fitted_on": "corpus train+dev splits and the real corpora; settings chosen by cross-validation grouped by document",
        "cv_folds": N_FOLDS,
        "lexicon_fingerprint": lexicon.fingerprint,
        "seed": seed,
        "min_df": {"own_guidelines": MIN_DF, "any": MIN_DF_ANY},
        "cv_scores": cv_scores,
        "cv_macro_f1_corpus": round(float(np.mean(in_house_f1)), 4),
        "cv_uncertain": _uncertain_scores(out_of_fold, thresholds, source, groups, examples),
        "versions": {"hedgeometer": __version__, "scikit-learn": sklearn.__version__, "numpy": np.__version__,
                     "python": platform.python_version()},
    }
    model = LinearModel(terms, vectorizer.idf_, coef_array, intercept, calibration, mixes, thresholds, name=name, training=training)
    return model, training


def _uncertain_scores(out_of_fold: np.ndarray, thresholds, source: np.ndarray, groups: np.ndarray, examples) -> dict:
    """Cross-validated F1 of "uncertain" (hedging, speculation or attribution) on the real
    corpora that annotate it as one question (CoNLL-2010 bio, WikiWeasel)."""
    columns = [DIMENSIONS.index(d) for d in UNCERTAIN_DIMENSIONS]
    predicted = (out_of_fold[:, columns] >= np.array(thresholds)[columns]).any(axis=1)
    gold = np.array([bool(e.uncertain) for e in examples])
    return {s: _scores(gold[source == s], predicted[source == s], groups[source == s])
            for s in ("bio", "wikiweasel") if (source == s).any()}
