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

from ..dimensions import DIMENSION_INDEX, DIMENSIONS
from ..errors import Action, Hint, Message, ModelFileError
from .features import DENSE_FEATURES, TermIndex, dense_matrix, term_counts
from ..resources import resource_dir

NO_MODEL = Hint("model", None)  # the way on without a model file: score with the lexicons alone
TRAIN = Action("hedgeometer.learning.train.train_model")  # the way to a new model file

MODEL_FORMAT = "hedgeometer-model"
MODEL_FORMAT_VERSION = 1
DEFAULT_MODEL_FILE = "default.json"


def _checksum(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _text_has_checksum(raw: bytes, checksum) -> bool:
    """Whether the file's bytes ``raw`` are the canonical JSON of its payload with ``checksum``
    in it, as :func:`save_model` writes it (``indent=0`` only adds line breaks, which JSON
    strings cannot hold raw): then the payload's checksum is that of the bytes without their
    line breaks and the ``"sha256"`` member, and serializing the payload again (a third of a
    large model's loading time) is not needed. Any other layout says False, and the payload
    itself is checked."""
    if not isinstance(checksum, str) or not checksum.isalnum() or not checksum.isascii():
        return False
    compact = raw.replace(b"\n", b"")
    member = b'"sha256":"' + checksum.encode("ascii") + b'"'
    at = compact.find(member)
    if at < 0 or compact.rfind(member) != at:
        return False
    end = at + len(member)
    if compact[end:end + 1] == b",":  # "sha256" is followed by another member
        end += 1
    elif compact[at - 1:at] == b",":  # it is the last one
        at -= 1
    digest = hashlib.sha256(compact[:at])
    digest.update(compact[end:])
    return digest.hexdigest() == checksum


class LinearModel:
    """Per-dimension calibrated linear classifiers over :mod:`hedgeometer.model.features`."""

    def __init__(self, vocabulary: Sequence[str], idf, coef, intercept, calibration, mix, thresholds,
                 name: str = "model", training: dict | None = None):
        self.vocabulary_ = dict(zip(vocabulary, range(len(vocabulary))))
        self.terms_ = list(vocabulary)
        self._term_array = np.array(self.terms_, dtype=object)  # for looking many terms up at once
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self.coef_ = np.asarray(coef, dtype=np.float64)  # (n_dimensions, n_terms + n_dense)
        self.term_index = TermIndex(self.vocabulary_)  # the vocabulary arranged for lookup (scoring.core's too)
        # For scoring: per term, idf * coef for each dimension and idf itself (for the norm).
        self._term_table = np.hstack([self.idf_[:, None] * self.coef_[:, : len(self.terms_)].T, self.idf_[:, None]])
        self._dense_coef_t = np.ascontiguousarray(self.coef_[:, len(self.terms_):].T)
        self.intercept_ = np.asarray(intercept, dtype=np.float64)
        self.calibration_ = np.asarray(calibration, dtype=np.float64)  # (n_dimensions, 2): a, b
        self._toward = -np.sign(self.calibration_[:, 0])  # per dimension, the sign of a decision that raises p
        self.mix_ = {d: float(m) for d, m in zip(DIMENSIONS, mix)}
        self.thresholds_ = {d: float(t) for d, t in zip(DIMENSIONS, thresholds)}
        self.name = name
        self.training = training or {}

    # --- scoring ----------------------------------------------------------------------------

    def term_counts(self, token_lists, other_senses=None):
        """The in-vocabulary n-grams of ``token_lists`` as ``(rows, columns, tf)`` arrays (see
        :func:`hedgeometer.model.features.term_counts`), to share between :meth:`predict_proba` and
        :meth:`top_ngrams`. The words a context guard ruled out are other n-grams: give their
        positions per sentence as ``other_senses`` (from :meth:`hedgeometer.rules.lexicon.Lexicon.find`)."""
        return term_counts(token_lists, self.term_index, other_senses)

    def decision_function(self, token_lists, match_lists, rules=None, terms=None, other_senses=None) -> np.ndarray:
        """Raw linear scores, shape (n_sentences, n_dimensions), one vectorized pass.

        ``rules`` is the rule score matrix of ``match_lists`` and ``terms`` the
        :meth:`term_counts` of ``token_lists`` when the caller has them already;
        ``other_senses``, the ruled-out positions :meth:`~hedgeometer.rules.lexicon.Lexicon.find`
        gave with the matches."""
        return self.decision_from(dense_matrix(token_lists, match_lists, rules),
                                  self.term_counts(token_lists, other_senses) if terms is None else terms)

    def term_rows(self, terms) -> np.ndarray:
        """Per entry of the :meth:`term_counts` arrays, its term's idf * coef for each dimension
        and its idf: one gather from the model's large table, which :meth:`decision_from` and
        :meth:`top_ngrams` can share."""
        return self._term_table[terms[1]]

    def decision_from(self, dense: np.ndarray, terms, rows_of_terms: np.ndarray | None = None) -> np.ndarray:
        """:meth:`decision_function` from the dense block and the :meth:`term_counts` arrays
        (``rows_of_terms``: their :meth:`term_rows`, when known)."""
        scores = dense @ self._dense_coef_t + self.intercept_
        rows, columns, tf = terms
        if len(rows):
            # Per term: tf * idf * coef for each dimension, and tf * idf for the L2 norm; one
            # sum per sentence, then divide by the norm. Equal to tf-idf rows times coef.
            weighted = (self._term_table[columns] if rows_of_terms is None else rows_of_terms) * tf[:, None]
            weighted[:, -1] **= 2
            first = np.empty(len(rows), dtype=bool)  # where a sentence's entries start
            first[0] = True
            np.not_equal(rows[1:], rows[:-1], out=first[1:])
            starts = first.nonzero()[0]
            sums = np.add.reduceat(weighted, starts, axis=0)
            scores[rows[starts]] += sums[:, :-1] / np.sqrt(sums[:, -1:])
        return scores

    def predict_proba(self, token_lists, match_lists, rules=None, terms=None, other_senses=None) -> np.ndarray:
        """Calibrated probabilities, shape (n_sentences, n_dimensions)."""
        return self.probabilities_from(self.decision_function(token_lists, match_lists, rules, terms, other_senses))

    def probabilities_from(self, decision: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from decision values."""
        a, b = self.calibration_[:, 0], self.calibration_[:, 1]
        # np.clip(..., -700, 700) without its Python-level wrapper (equal: the bounds are not zero)
        return 1.0 / (1.0 + np.exp(np.minimum(np.maximum(decision * a + b, -700.0), 700.0)))

    # --- evidence ---------------------------------------------------------------------------

    def contributions(self, tokens, matches, dimension: str, rules=None, other_sense=()) -> dict[str, float]:
        """What each feature of one sentence adds to its decision value for ``dimension``.

        Keys are the sentence's in-vocabulary n-grams by their text (``"could cost"``,
        ``"brink"``) and the dense block in readable groups: ``"lexicon cues (DIMENSION)"`` (the
        four cue features of a dimension together) and ``"shape: length"``, ``"shape: digit"``,
        ``"shape: quote"``, ``"shape: question"``, ``"shape: exclamation"`` (an n-gram has at
        most one space and never ``": "``, so the names cannot clash). Features that add
        nothing are left out. So ``sum(contributions(...).values()) + intercept_[k]`` equals
        ``decision_function([tokens], [matches])[0, k]`` (to rounding in the last bits), ``k``
        being the dimension's column.

        ``tokens`` must be the :class:`~hedgeometer.text.tokens.Tokens` the lexicon matched
        ``matches`` in, ``rules`` (optional) their rule scores, shape (n_dimensions,), and
        ``other_sense`` the ruled-out positions :meth:`~hedgeometer.rules.lexicon.Lexicon.find` gave.
        """
        k = DIMENSION_INDEX[dimension]
        found: dict[str, float] = {}
        _, columns, tf = self.term_counts([tokens], [other_sense])
        if len(columns):
            weighted = self._term_table[columns] * tf[:, None]  # idf * coef per dimension, and idf, times tf
            norm = np.sqrt(np.sum(weighted[:, -1] ** 2))
            found.update(zip([self.terms_[c] for c in columns.tolist()], (weighted[:, k] / norm).tolist()))
        dense = dense_matrix([tokens], [matches], None if rules is None else np.asarray(rules, dtype=float)[None, :])[0]
        parts = dense * self._dense_coef_t[:, k]
        for name, columns in _DENSE_GROUPS:
            value = float(parts[columns].sum())
            if value:
                found[name] = value
        return found

    def top_ngrams(self, terms, wanted: np.ndarray, count: int = 5, rows_of_terms: np.ndarray | None = None) -> list[dict | None]:
        """The n-grams that pushed hardest toward each wanted label, from the arrays of
        :meth:`term_counts`; ``wanted`` is a boolean matrix (n_sentences, n_dimensions).

        Per sentence: ``{dimension: [(term, contribution), ...]}`` for the wanted dimensions,
        at most ``count`` n-grams each, largest first; None for a sentence with none. The
        contributions are to the decision value, as :meth:`contributions` gives them, rounded
        to 4 places. Only n-grams that raise the probability count (a positive contribution, as
        the calibration's ``a`` is negative in any model that ranks the right way round), so a
        wanted dimension with none is left out. One vectorized pass (``rows_of_terms``: the
        :meth:`term_rows` of ``terms``, when known).
        """
        found: list[dict | None] = [None] * len(wanted)
        rows, columns, tf = terms
        if not len(rows) or count <= 0:
            return found
        # every term's contribution to each decision, in a few whole-array steps (few steps
        # matter more than little arithmetic here); a sentence's norm is its own terms' alone
        table = self._term_table[columns] if rows_of_terms is None else rows_of_terms
        weights = table[:, -1] * tf  # idf * tf
        norms = np.sqrt(np.bincount(rows, weights=weights * weights))
        values = table[:, :-1] * (tf / norms[rows])[:, None]
        toward = values * self._toward  # > 0: raises the probability
        # each (term, wanted dimension) of a sentence whose contribution raises the probability
        entry, dimension = (wanted[rows] & (toward > 0)).nonzero()
        if not len(entry):
            return found
        values, toward = values[entry, dimension], toward[entry, dimension]
        # by sentence and dimension, then contribution, largest first; keep the first ``count``
        group = rows[entry] * len(DIMENSIONS) + dimension
        order = np.lexsort((-toward, group))
        group = group[order]
        starts = np.concatenate(([True], group[1:] != group[:-1]))
        position = np.arange(len(group))
        kept = position - np.maximum.accumulate(np.where(starts, position, 0)) < count  # rank in its group
        top, starts = order[kept], starts[kept].nonzero()[0]
        pairs = list(zip(self._term_array[columns[entry[top]]].tolist(), values[top].round(4).tolist()))
        bounds = starts.tolist() + [len(pairs)]
        for start, end, row, k in zip(bounds, bounds[1:], rows[entry[top[starts]]].tolist(), dimension[top[starts]].tolist()):
            if found[row] is None:
                found[row] = {}
            found[row][DIMENSIONS[k]] = pairs[start:end]
        return found

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
    def from_dict(cls, data: dict, source: str = "<model>", raw: bytes | None = None) -> "LinearModel":
        """Check and build a model from its JSON ``data``; ``raw``, the bytes of the file it was
        read from, lets a file as :func:`save_model` writes it be checked without serializing
        it again."""
        def bad(why: str) -> ModelFileError:
            return ModelFileError(Message(f"{source}: {why}; retrain it with ", TRAIN, " or use ", NO_MODEL))

        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise bad("not a hedgeometer model file")
        if data.get("format_version") != MODEL_FORMAT_VERSION:
            raise bad(f"model format {data.get('format_version')!r} is not supported (expected {MODEL_FORMAT_VERSION})")
        verified = raw is not None and _text_has_checksum(raw, data.get("sha256"))
        if not verified and data.get("sha256") != _checksum({k: v for k, v in data.items() if k != "sha256"}):
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


def _dense_groups() -> tuple[tuple[str, np.ndarray], ...]:
    """The dense block in readable groups: a dimension's cue features together ("lexicon cues
    (hedging)"), each shape feature apart ("shape: question")."""
    groups: dict[str, list[int]] = {}
    for column, name in enumerate(DENSE_FEATURES):
        head, _, tail = name.partition(":")
        groups.setdefault(f"lexicon cues ({head})" if head in DIMENSION_INDEX else f"{head}: {tail}", []).append(column)
    return tuple((label, np.array(columns)) for label, columns in groups.items())


_DENSE_GROUPS = _dense_groups()


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
            raise ModelFileError(Message(f"the shipped model {path} is missing; run ", TRAIN, " or use ", NO_MODEL))
        raise ModelFileError(Message(f"{path}: no such model file (", Hint("model", str(spec)),
                                     "); to score with the lexicons alone, use ", NO_MODEL))
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(Message(f"{path}: not a readable model file ({error}); it may be truncated. "
                                     "Retrain with ", TRAIN, " or use ", NO_MODEL)) from None
    except IsADirectoryError:
        raise ModelFileError(f"{path}: is a directory, not a model file") from None
    return LinearModel.from_dict(data, str(path), raw)

