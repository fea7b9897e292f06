"""The classifier at run time: a linear model per dimension, stored as JSON, applied with numpy.

A model file holds everything needed to score and to say what was trained: the n-gram
vocabulary and idf, per-dimension coefficients, intercept, sigmoid calibration (``a``, ``b``:
``p = 1 / (1 + exp(a * f + b))`` as in scikit-learn's ``CalibratedClassifierCV``), the mix with
the rule score and the label threshold tuned on the dev split, plus a training record (corpus
hash, lexicon fingerprint, seed, library versions, dev scores). Loading parses JSON and checks
shapes and a SHA-256 checksum, so a file can never run code, and a truncated or edited file is
refused with a clear error.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Sequence

import numpy as np

from .dimensions import DIMENSIONS
from .errors import ModelFileError
from .features import DENSE_FEATURES, TermIndex, dense_matrix, term_counts
from .resources import resource_dir

MODEL_FORMAT = "hedgeometer-model"
MODEL_FORMAT_VERSION = 1
DEFAULT_MODEL_FILE = "default.json"


def _checksum(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class LinearModel:
    """Per-dimension calibrated linear classifiers over :mod:`hedgeometer.features`."""

    def __init__(self, vocabulary: Sequence[str], idf, coef, intercept, calibration, mix, thresholds,
                 name: str = "model", training: dict | None = None):
        self.vocabulary_ = {term: i for i, term in enumerate(vocabulary)}
        self.terms_ = list(vocabulary)
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self.coef_ = np.asarray(coef, dtype=np.float64)  # (n_dimensions, n_terms + n_dense)
        self._terms = TermIndex(self.vocabulary_)
        # For scoring: per term, idf * coef for each dimension and idf itself (for the norm).
        self._term_table = np.hstack([self.idf_[:, None] * self.coef_[:, : len(self.terms_)].T, self.idf_[:, None]])
        self._dense_coef_t = np.ascontiguousarray(self.coef_[:, len(self.terms_):].T)
        self.intercept_ = np.asarray(intercept, dtype=np.float64)
        self.calibration_ = np.asarray(calibration, dtype=np.float64)  # (n_dimensions, 2): a, b
        self.mix_ = {d: float(m) for d, m in zip(DIMENSIONS, mix)}
        self.thresholds_ = {d: float(t) for d, t in zip(DIMENSIONS, thresholds)}
        self.name = name
        self.training = training or {}

    # --- scoring ----------------------------------------------------------------------------

    def decision_function(self, token_lists, match_lists, rules=None) -> np.ndarray:
        """Raw linear scores, shape (n_sentences, n_dimensions), one vectorized pass.

        ``rules`` is the rule score matrix of ``match_lists`` when the caller has it already."""
        scores = dense_matrix(token_lists, match_lists, rules) @ self._dense_coef_t + self.intercept_
        rows, columns, tf = term_counts(token_lists, self._terms)
        if len(rows):
            # Per term: tf * idf * coef for each dimension, and tf * idf for the L2 norm; one
            # sum per sentence, then divide by the norm. Equal to tf-idf rows times coef.
            terms = self._term_table[columns] * tf[:, None]
            terms[:, -1] **= 2
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            sums = np.add.reduceat(terms, starts, axis=0)
            scores[rows[starts]] += sums[:, :-1] / np.sqrt(sums[:, -1:])
        return scores

    def predict_proba(self, token_lists, match_lists, rules=None) -> np.ndarray:
        """Calibrated probabilities, shape (n_sentences, n_dimensions)."""
        decision = self.decision_function(token_lists, match_lists, rules)
        a, b = self.calibration_[:, 0], self.calibration_[:, 1]
        return 1.0 / (1.0 + np.exp(np.clip(decision * a + b, -700, 700)))

    def describe(self) -> dict:
        return {
            "name": self.name,
            "id": self.training.get("model_id", ""),
            "corpus_sha256": self.training.get("corpus_sha256", ""),
            "lexicon_fingerprint": self.training.get("lexicon_fingerprint", ""),
        }

    # --- persistence ------------------------------------------------------------------------

    def to_dict(self) -> dict:
        def rounded(values):
            return [float(f"{v:.12g}") for v in np.ravel(values)]

        payload = {
            "format": MODEL_FORMAT,
            "format_version": MODEL_FORMAT_VERSION,
            "name": self.name,
            "classes": list(DIMENSIONS),
            "features": {"ngrams": "unigrams+bigrams, lowercase, digits->0, sublinear tf-idf, l2; NB log-count-ratio scaling folded into coef",
                         "dense": list(DENSE_FEATURES)},
            "vocabulary": self.terms_,
            "idf": rounded(self.idf_),
            "dimensions": {
                d: {
                    "coef": rounded(self.coef_[k]),
                    "intercept": rounded([self.intercept_[k]])[0],
                    "calibration": {"a": rounded([self.calibration_[k, 0]])[0], "b": rounded([self.calibration_[k, 1]])[0]},
                    "mix": self.mix_[d],
                    "threshold": self.thresholds_[d],
                }
                for k, d in enumerate(DIMENSIONS)
            },
            "training": self.training,
        }
        return {**payload, "sha256": _checksum(payload)}

    @classmethod
    def from_dict(cls, data: dict, source: str = "<model>") -> "LinearModel":
        def bad(why: str) -> ModelFileError:
            return ModelFileError(f"{source}: {why}; retrain it with 'hedgeometer train' or use --no-model")

        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise bad("not a hedgeometer model file")
        if data.get("format_version") != MODEL_FORMAT_VERSION:
            raise bad(f"model format {data.get('format_version')!r} is not supported (expected {MODEL_FORMAT_VERSION})")
        payload = {k: v for k, v in data.items() if k != "sha256"}
        if data.get("sha256") != _checksum(payload):
            raise bad("checksum mismatch: the file was edited or damaged")
        try:
            if data["classes"] != list(DIMENSIONS):
                raise bad(f"classes {data['classes']} differ from {list(DIMENSIONS)}")
            vocabulary = data["vocabulary"]
            width = len(vocabulary) + len(DENSE_FEATURES)
            dims = [data["dimensions"][d] for d in DIMENSIONS]
            coef = [d["coef"] for d in dims]
            if len(data["idf"]) != len(vocabulary) or any(len(c) != width for c in coef):
                raise bad("array sizes do not match the vocabulary")
            model = cls(
                vocabulary, data["idf"], coef, [d["intercept"] for d in dims],
                [[d["calibration"]["a"], d["calibration"]["b"]] for d in dims],
                [d["mix"] for d in dims], [d["threshold"] for d in dims],
                name=data.get("name", "model"), training=data.get("training", {}),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise bad(f"malformed ({type(error).__name__}: {error})") from None
        for array in (model.idf_, model.coef_, model.intercept_, model.calibration_):
            if not np.all(np.isfinite(array)):
                raise bad("contains non-finite numbers")
        if not all(0.0 <= m <= 1.0 for m in model.mix_.values()) or not all(0.0 < t <= 1.0 for t in model.thresholds_.values()):
            raise bad("mix or threshold out of range")
        return model


def save_model(model: LinearModel, path: Path | str) -> None:
    """Write ``model`` as canonical JSON (same model, same bytes)."""
    text = json.dumps(model.to_dict(), ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":"))
    Path(path).write_text(text + "\n", encoding="utf-8")


def default_model_path() -> Path:
    return resource_dir("models") / DEFAULT_MODEL_FILE


def load_model(spec: str | Path) -> LinearModel | None:
    """Load ``"default"`` (the shipped model) or a model file path."""
    path = default_model_path() if str(spec) == "default" else Path(spec)
    if not path.exists():
        if str(spec) == "default":
            raise ModelFileError(f"the shipped model {path} is missing; run 'hedgeometer train' or use --no-model")
        raise ModelFileError(f"{path}: no such model file")
    try:
        data = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(f"{path}: not a readable model file ({error}); it may be truncated. "
                             "Retrain with 'hedgeometer train' or use --no-model") from None
    except IsADirectoryError:
        raise ModelFileError(f"{path}: is a directory, not a model file") from None
    return LinearModel.from_dict(data, str(path))

