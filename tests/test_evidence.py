"""Evidence for every label: the model's exact per-term contributions, each label's kind (cue or
model alone) and top n-grams in every format, and --evidence any|cue.

A tiny hand-made model gives fixed numbers; the shipped model (which will be retrained) is only
checked for properties that hold for any model of the current format.
"""

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from hedgeometer import Analyzer
from hedgeometer.cli import main
from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.errors import ParameterError
from hedgeometer.model.features import DENSE_FEATURES, ngrams
from hedgeometer.model.linear import LinearModel, save_model
from hedgeometer.render import RENDERERS
from hedgeometer.text.segment import split_sentences
from hedgeometer.text.tokens import Tokens

from conftest import ROOT, SEED, write_lexicon

# "The talks could cost jobs." has no cue, and the tiny model labels it speculation on its own:
# its n-grams "talks", "could cost" and "jobs" have tf 1 and idf 1, so each weighs 1/sqrt(3),
# and the speculation decision is (2 + 4 - 1)/sqrt(3) - 1. "on the brink" is the one cue.
TINY_TEXT = "The talks could cost jobs. Markets are on the brink. It rained on Tuesday."
ROOT3 = np.sqrt(3.0)


def tiny_model() -> LinearModel:
    vocabulary = ["talks", "could cost", "brink", "jobs"]
    coef = np.zeros((len(DIMENSIONS), len(vocabulary) + len(DENSE_FEATURES)))
    coef[DIMENSIONS.index("speculation"), :4] = [2.0, 4.0, 0.0, -1.0]
    coef[DIMENSIONS.index("dramatic"), 2] = 3.0
    return LinearModel(vocabulary, [1.0] * 4, coef, intercept=[-5.0, -1.0, -1.0, -5.0, -5.0],
                       calibration=[[-1.0, 0.0]] * 5, mix=[1.0, 0.0, 1.0, 1.0, 1.0], thresholds=[0.5] * 5,
                       name="tiny", training={"model_id": "tiny00000001"})


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """(model file, lexicon folder) for the CLI: the tiny model and one dramatic cue."""
    folder = tmp_path_factory.mktemp("tiny")
    save_model(tiny_model(), folder / "tiny.json")
    lexicons = folder / "lexicons"
    lexicons.mkdir()
    write_lexicon(lexicons / "dramatic.tsv", "dramatic", ["on the brink\timagery\t0.9\ttest\t"])
    return folder / "tiny.json", lexicons


def tiny_analyzer(tiny, **options) -> Analyzer:
    model, lexicons = tiny
    return Analyzer(lexicons=lexicons, include_shipped_lexicons=False, model=model, readability=False, **options)


def tiny_args(tiny):
    model, lexicons = tiny
    return ["--model", str(model), "--lexicon", str(lexicons), "--only-lexicon"]


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def corpus_sentences(limit=400):
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.jsonl"))[:4]:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    seed = [s.text for s in split_sentences(SEED.read_text("utf-8"))]
    return seed + texts[:limit]


def matched(analyzer, text):
    tokens = Tokens(text)
    return tokens, analyzer.lexicon.match_tokens(tokens, text, 0)


# --- exact contributions --------------------------------------------------------------------


def assert_exact(model, analyzer, texts):
    for text in texts:
        tokens, matches = matched(analyzer, text)
        decision = model.decision_function([tokens], [matches])[0]
        for k, dimension in enumerate(DIMENSIONS):
            parts = model.contributions(tokens, matches, dimension)
            assert abs(sum(parts.values()) + model.intercept_[k] - decision[k]) < 1e-9, (text, dimension)


def test_contributions_add_up_to_the_shipped_models_decision(analyzer):
    assert_exact(analyzer.classifier, analyzer, corpus_sentences())


def test_contributions_add_up_for_a_model_with_every_weight_set():
    """A random model over the sentences' own n-grams, dense weights and idf included."""
    analyzer = Analyzer(model=None)
    texts = corpus_sentences(200)
    vocabulary = sorted({g for t in texts for g in ngrams(matched(analyzer, t)[0])})
    rng = np.random.default_rng(7)
    model = LinearModel(vocabulary, rng.uniform(1, 5, len(vocabulary)),
                        rng.normal(size=(len(DIMENSIONS), len(vocabulary) + len(DENSE_FEATURES))),
                        rng.normal(size=len(DIMENSIONS)), [[-1.0, 0.1]] * 5, [0.5] * 5, [0.5] * 5)
    assert_exact(model, analyzer, texts)
    tokens, matches = matched(analyzer, "Talks may collapse, sources say, on the brink of war?")
    names = set(model.contributions(tokens, matches, "dramatic"))
    assert {"lexicon cues (hedging)", "lexicon cues (attribution)", "shape: length", "shape: question"} <= names
    assert "may" in names and "the brink" in names


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefgh may could brink talks 0123 ,.?!\"'’-İ")), max_size=120))
def test_contributions_add_up_on_any_text(analyzer, text):
    assert_exact(analyzer.classifier, analyzer, [text])


def test_tiny_model_contributions_are_the_hand_worked_numbers():
    analyzer = Analyzer(model=None, include_shipped_lexicons=False, lexicons=())
    tokens, matches = matched(analyzer, "The talks could cost jobs.")
    parts = tiny_model().contributions(tokens, matches, "speculation")
    assert parts == pytest.approx({"talks": 2 / ROOT3, "could cost": 4 / ROOT3, "jobs": -1 / ROOT3})  # no dense weight


def test_top_ngrams_are_the_largest_positive_contributions(analyzer):
    """top_ngrams agrees with contributions, for every label of every sentence."""
    model = analyzer.classifier
    texts = corpus_sentences(150)
    scored = analyzer.score_sentences(texts)
    checked = 0
    for text, sentence in zip(texts, scored):
        tokens, matches = matched(analyzer, text)
        for dimension in sentence.labels:
            parts = model.contributions(tokens, matches, dimension)
            positive = sorted((v for term, v in parts.items() if term in model.vocabulary_ and v > 0), reverse=True)
            listed = sentence.evidence[dimension]["ngrams"]
            assert [v for _, v in listed] == [round(v, 4) for v in positive[:5]], (text, dimension)
            assert all(round(parts[term], 4) == value for term, value in listed)
            checked += 1
    assert checked > 20


def test_top_ngrams_work_only_on_wanted_sentences(analyzer):
    model = analyzer.classifier
    token_lists = [matched(analyzer, t)[0] for t in corpus_sentences(30)]
    terms = model.term_counts(token_lists)
    wanted = np.zeros((len(token_lists), len(DIMENSIONS)), dtype=bool)
    assert model.top_ngrams(terms, wanted) == [None] * len(token_lists)
    wanted[3, 1] = True
    found = model.top_ngrams(terms, wanted, count=2)
    assert all(f is None for k, f in enumerate(found) if k != 3)
    assert found[3] is None or (set(found[3]) == {"speculation"} and len(found[3]["speculation"]) <= 2)


# --- evidence on sentence scores ------------------------------------------------------------


def test_a_label_without_a_cue_is_the_models_with_its_ngrams(tiny):
    talks, brink, rain = tiny_analyzer(tiny).analyze(TINY_TEXT).sentences
    assert talks.labels == ("speculation",) and not talks.cues and talks.model_only == ("speculation",)
    assert talks.evidence == {"speculation": {"kind": "model",
                                              "ngrams": [("could cost", round(4 / ROOT3, 4)), ("talks", round(2 / ROOT3, 4))]}}
    assert brink.labels == ("dramatic",) and brink.model_only == ()
    assert brink.evidence == {"dramatic": {"kind": "cue", "ngrams": [("brink", 3.0)]}}
    assert rain.labels == () and rain.evidence == {}  # nothing for an unlabelled sentence
    data = json.loads(json.dumps(talks.to_dict()))
    assert data["evidence"] == {"speculation": {"kind": "model", "ngrams": [["could cost", 2.3094], ["talks", 1.1547]]}}
    assert talks.to_dict()["evidence"] == data["evidence"]


def test_evidence_ngrams_zero_keeps_the_kinds_only(tiny):
    talks, brink, _ = tiny_analyzer(tiny, evidence_ngrams=0).analyze(TINY_TEXT).sentences
    assert talks.evidence == {"speculation": {"kind": "model", "ngrams": []}}
    assert brink.evidence == {"dramatic": {"kind": "cue", "ngrams": []}}


def test_rules_only_labels_all_have_cues_and_no_ngrams(rules_analyzer, seed_text):
    report = rules_analyzer.analyze(seed_text)
    for sentence in report.sentences:
        assert set(sentence.evidence) == set(sentence.labels)
        for dimension, entry in sentence.evidence.items():
            assert entry == {"kind": "cue", "ngrams": []}
            assert any(c.dimension == dimension for c in sentence.cues)
    assert all(s.model_only == 0 for s in report.dimensions.values())


def test_kind_is_cue_exactly_when_the_sentence_has_a_cue_of_the_dimension(analyzer, seed_text):
    report = analyzer.analyze(seed_text)
    for sentence in [report.headline, *report.sentences]:
        assert set(sentence.evidence) == set(sentence.labels)
        for dimension, entry in sentence.evidence.items():
            assert entry["kind"] == ("cue" if any(c.dimension == dimension for c in sentence.cues) else "model")
    for dimension, summary in report.dimensions.items():
        assert summary.model_only == sum(1 for s in report.sentences if dimension in s.model_only)


# --- --evidence cue -------------------------------------------------------------------------


def test_evidence_cue_drops_exactly_the_model_only_labels(analyzer, seed_text):
    strict = Analyzer(evidence="cue")
    articles = [seed_text, " ".join(corpus_sentences(120)[18:]), TINY_TEXT]
    for text in articles:
        loose, kept = analyzer.analyze(text), strict.analyze(text)
        for a, b in zip(loose.sentences, kept.sentences):
            assert b.labels == tuple(d for d in a.labels if a.evidence[d]["kind"] == "cue")
            assert b.scores == a.scores and b.model_only == ()
            assert {d: e["ngrams"] for d, e in b.evidence.items()} == {d: a.evidence[d]["ngrams"] for d in b.labels}
        for d in DIMENSIONS:
            assert kept.dimensions[d].sentences == loose.dimensions[d].sentences - loose.dimensions[d].model_only
        assert kept.flagged == tuple(s for s in kept.sentences if s.labels)
        assert set(kept.most_loaded) <= {s.index for s in kept.flagged}
        assert loose.provenance["evidence"] == "any" and kept.provenance["evidence"] == "cue"


def test_evidence_cue_drops_the_tiny_models_label(tiny):
    talks, brink, _ = tiny_analyzer(tiny, evidence="cue").analyze(TINY_TEXT).sentences
    assert talks.labels == () and talks.evidence == {}
    assert brink.labels == ("dramatic",)


@pytest.mark.parametrize("options, parameter", [({"evidence": "cues"}, "evidence"), ({"evidence": None}, "evidence"),
                                                ({"evidence_ngrams": -1}, "evidence_ngrams"),
                                                ({"evidence_ngrams": 2.5}, "evidence_ngrams")])
def test_a_bad_evidence_setting_is_refused_with_its_name(options, parameter):
    with pytest.raises(ParameterError) as raised:
        Analyzer(**options)
    assert raised.value.parameter == parameter and isinstance(raised.value, ValueError)
    assert parameter in str(raised.value)


@pytest.mark.parametrize("command", [["report", SEED], ["compare", SEED, SEED], ["lexicon", "explain", "It may rain."],
                                     ["batch", SEED, "-o", "rows.csv"], ["evaluate"]])
def test_a_bad_evidence_option_is_a_usage_error(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--evidence", "model")
    assert result.exit_code == 2
    assert "Invalid value for '--evidence': 'model' is not one of 'any', 'cue'." in result.output
    assert "Traceback" not in result.output and not Path("rows.csv").exists()


# --- every format ---------------------------------------------------------------------------


def test_every_format_shows_the_model_only_label_and_its_ngrams(tiny):
    report = tiny_analyzer(tiny).analyze(TINY_TEXT, id="tiny")
    text = RENDERERS["text"](report, width=100)
    assert "[0] speculation 0.87 (model only)\n" in text
    assert '        speculation model only: "could cost" +2.31, "talks" +1.15\n' in text
    assert '        dramatic    "on the brink"  (on the brink, w=0.9)\n        dramatic    model n-grams: "brink" +3.00\n' in text
    markdown = RENDERERS["markdown"](report)
    assert "- **[0]** _speculation 0.87 (model only)_: The talks could cost jobs.\n" in markdown
    assert "  - speculation, model only: “could cost” +2.31, “talks” +1.15\n" in markdown
    assert "  - dramatic, model n-grams: “brink” +3.00\n" in markdown
    data = json.loads(RENDERERS["json"](report))
    assert data["sentences"][0]["evidence"]["speculation"] == {"kind": "model", "ngrams": [["could cost", 2.3094], ["talks", 1.1547]]}
    assert data["summary"]["dimensions"]["speculation"]["model_only"] == 1
    assert data["summary"]["dimensions"]["dramatic"]["model_only"] == 0
    html = RENDERERS["html"](report)
    sentence = html[html.index('<span id="s0"'):html.index('<span id="s1"')]
    assert "has-model-only" in sentence
    assert ('<span class="evidence model-only" data-tip="speculation, model only: '
            '“could cost” +2.31, “talks” +1.15\nsentence [0]:') in sentence
    assert ">model only: S</span>" in sentence
    brink = html[html.index('<span id="s1"'):]
    assert "has-model-only" not in brink.split("</p>")[0]
    assert "dramatic, model n-grams: “brink” +3.00" in brink.split("</p>")[0]  # in the cue's note
    assert '<span class="tag t-speculation model-only">S speculation 0.87 · model only</span>' in html  # most loaded


def test_html_escapes_ngram_text(tmp_path):
    """An n-gram is text from the article: it must reach the page escaped."""
    vocabulary = ["<", "talks"]
    coef = np.zeros((len(DIMENSIONS), 2 + len(DENSE_FEATURES)))
    coef[1, :2] = [5.0, 1.0]
    model = LinearModel(vocabulary, [1.0, 1.0], coef, [-1.0] * 5, [[-1.0, 0.0]] * 5, [0.0] * 5, [0.5] * 5)
    path = tmp_path / "m.json"
    save_model(model, path)
    report = Analyzer(model=path, readability=False).analyze("The talks < went on.")
    assert report.sentences[0].evidence["speculation"]["ngrams"][0][0] == "<"
    html = RENDERERS["html"](report)
    assert "model only: “&lt;” +" in html and "“<”" not in html


def test_cli_report_formats_show_model_evidence(tiny, tmp_path):
    args = tiny_args(tiny)
    text = run("report", "-", *args, input=TINY_TEXT).output
    assert 'speculation model only: "could cost" +2.31, "talks" +1.15' in text
    assert "speculation 0.87 (model only)" in text
    markdown = run("report", "-", "-f", "markdown", *args, input=TINY_TEXT).output
    assert "speculation, model only: “could cost” +2.31" in markdown
    data = json.loads(run("report", "-", "-f", "json", *args, input=TINY_TEXT).output)
    assert data["sentences"][0]["evidence"]["speculation"]["kind"] == "model"
    assert data["sentences"][0]["evidence"]["speculation"]["ngrams"][0] == ["could cost", 2.3094]
    out = tmp_path / "r.html"
    assert run("report", "-", "-f", "html", "-o", out, *args, input=TINY_TEXT).exit_code == 0
    assert "model only: “could cost” +2.31" in out.read_text()


def test_evidence_cue_is_stamped_in_every_format(tiny):
    args = [*tiny_args(tiny), "--evidence", "cue"]
    outputs = {fmt: run("report", "-", "-f", fmt, *args, input=TINY_TEXT) for fmt in RENDERERS}
    assert all(result.exit_code == 0 for result in outputs.values())
    assert json.loads(outputs["json"].output)["produced_by"]["evidence"] == "cue"
    for fmt in ("text", "markdown", "html"):
        output = " ".join(outputs[fmt].output.split())  # the text footer wraps
        assert "model tiny (tiny00000001); thresholds " in output, fmt
        assert "; evidence cue (only labels with a cue count); boilerplate lines skipped." in output, fmt
        assert "model only: " not in output.replace(">model only: S</span> <span class=\"desc\">", "")  # but the legend
        assert "(model only)" not in output and "has-model-only" not in output
    data = json.loads(outputs["json"].output)
    assert [s["labels"] for s in data["sentences"]] == [[], ["dramatic"], []]
    loose = json.loads(run("report", "-", "-f", "json", *tiny_args(tiny), input=TINY_TEXT).output)
    assert loose["produced_by"]["evidence"] == "any"
    assert [s["labels"] for s in loose["sentences"]] == [["speculation"], ["dramatic"], []]


def test_compare_and_explain_and_evaluate_take_and_stamp_evidence(tiny, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TINY_TEXT)
    b.write_text("It rained on Tuesday.")
    args = tiny_args(tiny)
    compared = json.loads(run("compare", a, b, "-f", "json", *args).output)
    assert compared["produced_by"]["evidence"] == "any"
    assert compared["articles"][0]["dimensions"]["speculation"]["model_only"] == 1
    strict = json.loads(run("compare", a, b, "-f", "json", *args, "--evidence", "cue").output)
    assert strict["produced_by"]["evidence"] == "cue"
    assert strict["articles"][0]["dimensions"]["speculation"]["sentences"] == 0
    for fmt in ("text", "markdown", "html"):
        assert "evidence cue (only labels with a cue count)" in run("compare", a, b, "-f", fmt, *args, "--evidence", "cue").output
    explained = run("lexicon", "explain", "The talks could cost jobs.", *args).output
    assert "labels: speculation (model only)\n" in explained
    assert '  speculation  model only: "could cost" +2.31, "talks" +1.15\n' in explained
    assert "intercept -1.00; decision +1.89" in explained and explained.endswith("evidence any (every label counts)\n")
    strict_explained = run("lexicon", "explain", "The talks could cost jobs.", *args, "--evidence", "cue").output
    assert "labels: none\n" in strict_explained and "evidence cue" in strict_explained
    evaluated = run("evaluate", "--corpus", ROOT / "tests" / "fixtures" / "corpus-small.jsonl", "--split", "all",
                    "--bootstrap", "0", "--no-model", "--evidence", "cue", "-f", "json")
    assert evaluated.exit_code == 0 and json.loads(evaluated.output)["evidence"] == "cue"


def test_batch_rows_carry_evidence(tiny, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "t", "text": TINY_TEXT}) + "\n")
    args = tiny_args(tiny)
    for evidence in ("any", "cue"):
        articles, sentences = tmp_path / f"a-{evidence}.csv", tmp_path / f"s-{evidence}.jsonl"
        assert run("batch", corpus, "-o", articles, "-q", *args, "--evidence", evidence).exit_code == 0
        assert run("batch", corpus, "-o", sentences, "--sentences", "-q", *args, "--evidence", evidence).exit_code == 0
        with articles.open(newline="") as handle:
            (row,) = list(csv.DictReader(handle))
        rows = [json.loads(line) for line in sentences.read_text().splitlines()]
        assert row["evidence_mode"] == evidence and {r["evidence_mode"] for r in rows} == {evidence}
        assert row["dramatic_sentences"] == "1" and row["dramatic_model_only"] == "0"
        if evidence == "any":
            assert row["speculation_sentences"] == "1" and row["speculation_model_only"] == "1"
            assert json.loads(rows[0]["evidence"]) == {"speculation": {"kind": "model", "ngrams": [["could cost", 2.3094],
                                                                                                  ["talks", 1.1547]]}}
        else:
            assert row["speculation_sentences"] == "0" and row["speculation_model_only"] == "0"
            assert json.loads(rows[0]["evidence"]) == {}
        assert json.loads(rows[1]["evidence"]) == {"dramatic": {"kind": "cue", "ngrams": [["brink", 3.0]]}}
        assert json.loads(rows[2]["evidence"]) == {}
