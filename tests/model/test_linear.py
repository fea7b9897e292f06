"""The classifier at run time (hedgeometer.model.linear): pickle-free files that refuse
tampering, numpy probabilities equal to scikit-learn's, one vectorized pass."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from hedgeometer import Analyzer
from hedgeometer.cli import main
from hedgeometer.errors import ModelFileError
from hedgeometer.model.linear import default_model_path, load_model

from conftest import SMALL_CORPUS


def test_model_file_is_plain_json_with_its_training_record(trained):
    _, record, path = trained
    data = json.loads(path.read_text())
    assert data["format"] == "hedgeometer-model" and data["classes"] == ["hedging", "speculation", "dramatic", "attribution", "booster"]
    for key in ("corpus_sha256", "lexicon_fingerprint", "seed", "versions", "cv_scores", "real_corpora"):
        assert key in data["training"]
    assert len(data["vocabulary"]) == len(data["idf"])


def test_numpy_probabilities_match_sklearn(trained):
    from hedgeometer.learning.corpus import load_corpus
    from hedgeometer.model.features import dense_matrix
    from hedgeometer.rules.lexicon import load_lexicons
    from hedgeometer.learning.train import design_matrix, encode, fit_dimension, log_count_ratios, make_vectorizer

    model, record, path = trained
    examples = [e for e in load_corpus([SMALL_CORPUS]) if e.split in ("train", "dev")]
    encoded = encode(examples, load_lexicons())
    vectorizer = make_vectorizer()
    ngrams, dense = vectorizer.fit_transform(encoded.grams), dense_matrix(encoded.tokens, encoded.matches)
    ours = model.predict_proba(encoded.tokens, encoded.matches, other_senses=encoded.other_senses)
    for k, dimension in enumerate(["hedging", "speculation", "dramatic", "attribution", "booster"]):
        C = record["cv_scores"][dimension]["C"]
        X = design_matrix(ngrams, dense, log_count_ratios(ngrams, encoded.y[:, k]))
        fitted = fit_dimension(X, encoded.y[:, k], np.ones(len(examples)), C)
        a, b = model.calibration_[k]
        expected = 1.0 / (1.0 + np.exp(a * fitted.decision_function(X) + b))
        np.testing.assert_allclose(ours[:, k], expected, atol=1e-9, rtol=0)
    reloaded = load_model(path)
    np.testing.assert_allclose(reloaded.predict_proba(encoded.tokens, encoded.matches, other_senses=encoded.other_senses),
                               ours, atol=1e-9, rtol=0)


@pytest.mark.parametrize("damage", ["truncate", "edit", "not json", "wrong format"])
def test_damaged_model_files_are_refused(tmp_path, trained, damage):
    _, _, path = trained
    text = path.read_text()
    bad = tmp_path / "bad.json"
    if damage == "truncate":
        bad.write_text(text[: len(text) // 2])
    elif damage == "edit":
        data = json.loads(text)
        data["dimensions"]["hedging"]["intercept"] += 1.0
        bad.write_text(json.dumps(data))
    elif damage == "not json":
        bad.write_bytes(b"\x80\x04\x95 pickle-looking bytes")
    else:
        bad.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(ModelFileError):
        load_model(bad)
    result = CliRunner().invoke(main, ["report", "-", "--model", str(bad)], input="Prices may rise.")
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output


def test_saved_files_are_checked_from_their_bytes_and_other_layouts_from_the_payload(tmp_path, trained, monkeypatch):
    import hedgeometer.model.linear as model_module

    _, _, path = trained
    model = load_model(path)
    text = path.read_text("utf-8")
    edited = tmp_path / "edited.json"  # one digit changed in place, layout kept
    at = text.index('"intercept":') + len('"intercept":') + 1
    edited.write_text(text[:at] + ("1" if text[at] != "1" else "2") + text[at + 1:], "utf-8")
    other_layout = tmp_path / "indented.json"  # same payload, written another way
    other_layout.write_text(json.dumps(json.loads(text), indent=2), "utf-8")
    with pytest.raises(ModelFileError, match="checksum"):
        load_model(edited)
    assert load_model(other_layout).coef_.tolist() == model.coef_.tolist()

    def no_serializing(payload):
        raise AssertionError("a file as save_model writes it needs no second serialization")

    monkeypatch.setattr(model_module, "_checksum", no_serializing)
    assert load_model(path).coef_.tolist() == model.coef_.tolist()
    with pytest.raises(AssertionError):
        load_model(other_layout)


def test_shipped_model_is_used_by_default(seed_text):
    assert default_model_path().exists()
    report = Analyzer().analyze(seed_text)
    assert report.provenance["model"]["name"] == "default"
    assert all(s.model_scores is not None for s in report.sentences)
    rules_only = Analyzer(model=None).analyze(seed_text)
    assert rules_only.provenance["model"] is None and rules_only.sentences[0].model_scores is None


def test_score_sentences_is_one_vectorized_model_pass(monkeypatch):
    analyzer = Analyzer()
    model = analyzer.loaded_model
    calls = []
    original = type(model).probabilities_from

    def counting(self, decision):
        calls.append(len(decision))
        return original(self, decision)

    monkeypatch.setattr(type(model), "probabilities_from", counting)
    sentences = [f"Officials may announce result number {i} soon, analysts say." for i in range(10_000)]
    scored = analyzer.score_sentences(sentences)
    assert calls == [10_000]
    assert len(scored) == 10_000 and all("hedging" in s.labels for s in scored[:50])
