"""The Analyzer wires the stages: segment -> tokens -> cue matches -> features -> model
probabilities -> sentence scores -> article report. It is the library's front door."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

from .version import __version__
from .text.boilerplate import BOILERPLATE_MODES, DEFAULT_BOILERPLATE, blank_boilerplate
from .dimensions import DIMENSIONS
from .errors import Hint, InputError, Message, ModelFileError, ParameterError
from .rules.lexicon import Lexicon, load_lexicons
from .text.markdown import blank_non_prose
from .reports.readability import readability_figures
from .reports.article import ArticleReport, build_report
from .rounding import round6
from .rules.rule_scores import cue_table, rule_matrix
from .scoring.scores import (DEFAULT_EVIDENCE, ScoredRows, SentenceScore, check_evidence, resolve_thresholds,
                             score_rows)
from .text import scanner
from .text.segment import Sentence, looks_like_headline, split_sentences
from .scoring.core import (Chunk, TextTokens, TypeTable, collector_paused, features_chunk, match_chunk, sources_chunk,
                   word_counts)
from .text.voice import VoiceMap

DEFAULT_MODEL = "default"


class Analyzer:
    """Score news text on hedging, speculation, dramatic framing, attribution and boosters.

    Parameters
    ----------
    lexicons : path or sequence of paths
        Extra lexicon files or directories that extend or override the shipped ones.
    thresholds : float or mapping, optional
        Score at which a sentence is labelled, for all dimensions or per dimension (default: the
        model's tuned thresholds, or 0.5 for rules only).
    model : "default", path, or None
        The model: the shipped one, a model file, or None for rules only.
    include_shipped_lexicons : bool
        False to use only ``lexicons`` (for example a LIWC dictionary on its own).
    liwc_map : mapping, optional
        LIWC category -> dimension, used when ``lexicons`` contains ``.dic`` files.
    readability : bool
        Compute readability figures (the slowest step of a report on long texts).
    evidence : "any" or "cue"
        Which labels count: ``"any"`` (default) every label; ``"cue"`` only a label whose sentence
        has a cue of its dimension, so the labels the model gives alone are dropped (and shares,
        flagged and most loaded sentences follow).
    evidence_ngrams : int
        How many n-grams each label's evidence lists, with a model (the ones that pushed hardest
        toward the label); 0 for the evidence kinds alone, which is a little faster.
    boilerplate : "skip" or "keep"
        ``"skip"`` (default): lines of page furniture (``SPONSORED``, ``Advertisement``, ``Read
        more: ...``, photo credits, bylines, an embedded post's footer) are not scored, as if
        blank (see :mod:`hedgeometer.text.boilerplate`); ``"keep"`` scores them as text.

    Lexicons and model load on first use, so constructing an Analyzer is cheap.

    As in scikit-learn, each parameter is kept unchanged under its own name (``model``,
    ``lexicons``, ``readability``, ...), so ``Analyzer(**params)`` rebuilds an analyzer. What
    the analyzer makes of them has a name of its own that cannot be mistaken for a parameter:
    ``loaded_model`` (the :class:`~hedgeometer.model.linear.LinearModel` that ``model`` names,
    or None) and ``loaded_lexicon`` (the :class:`~hedgeometer.rules.lexicon.Lexicon` built from
    the shipped files and ``lexicons``), loaded on first use.

    Examples
    --------
    >>> report = Analyzer(model=None).analyze("Officials may delay the vote. Talks resume on Monday.")
    >>> [s.labels for s in report.sentences]
    [('hedging',), ()]
    >>> report.sentences[0].evidence
    {'hedging': {'kind': 'cue', 'ngrams': []}}
    """

    def __init__(self, lexicons: Sequence[str | Path] = (), thresholds=None, model: str | Path | None = DEFAULT_MODEL,
                 include_shipped_lexicons: bool = True, liwc_map: Mapping[str, str] | None = None, readability: bool = True,
                 evidence: str = DEFAULT_EVIDENCE, evidence_ngrams: int = 5, boilerplate: str = DEFAULT_BOILERPLATE):
        # one path is a common shorthand; iterating it would read each character as a file
        self.lexicons = (lexicons,) if isinstance(lexicons, (str, Path)) else tuple(lexicons)
        resolve_thresholds(thresholds)  # a typo in a dimension name fails here, not at first use
        if model not in (None, DEFAULT_MODEL) and not Path(model).exists():
            raise ModelFileError(Message(f"{model}: no such model file (", Hint("model", str(model)),
                                         "); to score with the lexicons alone, use ", Hint("model", None)))
        self.thresholds = thresholds
        self.model = model
        self.include_shipped_lexicons = include_shipped_lexicons
        self.liwc_map = dict(liwc_map) if liwc_map else None
        self.readability = readability
        self.evidence = check_evidence(evidence)
        if isinstance(evidence_ngrams, bool) or not isinstance(evidence_ngrams, int) or evidence_ngrams < 0:
            raise ParameterError("evidence_ngrams", evidence_ngrams, "a whole number, 0 or more")
        self.evidence_ngrams = evidence_ngrams
        if boilerplate not in BOILERPLATE_MODES:
            raise ParameterError("boilerplate", boilerplate, " or ".join(map(repr, BOILERPLATE_MODES)), BOILERPLATE_MODES)
        self.boilerplate = boilerplate
        self._loaded_lexicon: Lexicon | None = None
        self._loaded_model = None
        self._model_loaded = False
        self._thresholds: dict[str, float] | None = None
        self._provenance: dict | None = None
        self._types: TypeTable | None = None

    # --- lazily loaded parts ----------------------------------------------------------------

    @property
    def loaded_lexicon(self) -> Lexicon:
        """The lexicon loaded from the shipped files and ``lexicons`` (a
        :class:`hedgeometer.rules.lexicon.Lexicon`)."""
        if self._loaded_lexicon is None:
            self._loaded_lexicon = load_lexicons(self.lexicons, include_shipped=self.include_shipped_lexicons,
                                                 liwc_map=self.liwc_map)
        return self._loaded_lexicon

    @property
    def loaded_model(self):
        """The model loaded from ``model`` (a :class:`hedgeometer.model.linear.LinearModel`), or None
        for rules only."""
        if not self._model_loaded:
            from .model.linear import load_model

            self._loaded_model = None if self.model is None else load_model(self.model)
            self._model_loaded = True
        return self._loaded_model

    @property
    def resolved_thresholds(self) -> dict[str, float]:
        if self._thresholds is None:
            model = self.loaded_model
            self._thresholds = resolve_thresholds(self.thresholds, model.thresholds_ if model else None)
        return self._thresholds

    def provenance(self) -> dict:
        """What produced a report: enough for a researcher to say exactly what scored a corpus.

        Every setting that changes a label is here: the version, the lexicons (their
        fingerprint), the model, the ``thresholds`` in use (``threshold_defaults`` are the ones
        the model or the rules would use, ``threshold_overrides`` the dimensions set otherwise),
        the evidence mode and the segmentation settings; ``core`` says which scanner ran
        (``"compiled"`` or ``"python"``, see :mod:`hedgeometer.text.scanner`), which changes no label."""
        if self._provenance is None:
            model = self.loaded_model
            defaults = resolve_thresholds(None, model.thresholds_ if model else None)
            used = self.resolved_thresholds
            self._provenance = {
                "hedgeometer": __version__,
                "lexicon_fingerprint": self.loaded_lexicon.fingerprint,
                "lexicon_cues": sum(self.loaded_lexicon.counts().values()),
                "model": model.describe() if model is not None else None,
                "evidence": self.evidence,
                "thresholds": dict(used),
                "threshold_defaults": defaults,
                "threshold_overrides": sorted((d for d in DIMENSIONS if self._overrides(d)), key=DIMENSIONS.index),
                "segmentation": {"boilerplate": self.boilerplate},
            }
        # a copy a caller may change, made field by field: copy.deepcopy took 6% of analyze
        stamp = {key: value.copy() if isinstance(value, (dict, list)) else value for key, value in self._provenance.items()}
        stamp["core"] = scanner.CORE  # which scanner runs: "compiled" or "python" (the same results)
        return stamp

    def _overrides(self, dimension: str) -> bool:
        """Whether the ``thresholds`` given set this dimension's threshold."""
        if self.thresholds is None:
            return False
        return isinstance(self.thresholds, (int, float)) or dimension in self.thresholds

    def _type_table(self) -> TypeTable:
        """What each token type is to the lexicon and the model, kept across calls (see
        :class:`hedgeometer.scoring.core.TypeTable`)."""
        if self._types is None:
            model = self.loaded_model
            self._types = TypeTable(self.loaded_lexicon, model.term_index if model is not None else None)
        return self._types

    # --- scoring ----------------------------------------------------------------------------
    # Sentences are scored in batches: every sentence of an article (its headline too), or of
    # several articles in analyze_many, goes through matching, the model and the label rules
    # together, so the numpy work is done once per batch, not once per sentence.

    def _score(self, chunk: Chunk) -> tuple[ScoredRows, list[int], list]:
        """Score the sentences of ``chunk`` (see :mod:`hedgeometer.scoring.core`).

        Returns the scored rows (:class:`~hedgeometer.scoring.scores.ScoredRows`), the sentences' word
        counts and the source mentions found in each."""
        chunk.close()
        match_lists, other_senses = match_chunk(self.loaded_lexicon, chunk)
        sentences = chunk.sentences
        voices = []
        for k, (sentence, voice_map) in enumerate(zip(sentences, chunk.voice_maps)):
            if voice_map is None or not voice_map.spans:  # a text without quotations is the reporter's
                voices.append("reporter")
                continue
            if match_lists[k]:
                match_lists[k] = [m._replace(voice=voice_map.voice_of(m.start, m.end)) for m in match_lists[k]]
            voices.append(voice_map.sentence_voice(sentence.start, sentence.end))
        cues = cue_table(match_lists)
        rules = rule_matrix(match_lists, cues)
        model = self.loaded_model
        probabilities = explain = None
        if model is not None:
            terms, dense = features_chunk(model, chunk, match_lists, other_senses, rules, cues)
            term_rows = model.term_rows(terms)  # one gather from the model's table, for both uses
            probabilities = round6(model.probabilities_from(model.decision_from(dense, terms, term_rows)))
            if self.evidence_ngrams > 0:  # explain(labelled): the n-grams behind each label
                explain = partial(model.top_ngrams, terms, count=self.evidence_ngrams, rows_of_terms=term_rows)
        scored = score_rows(sentences, match_lists, rules, probabilities, model.mix_ if model else None,
                            self.resolved_thresholds, voices, self.evidence, explain, cues)
        return scored, word_counts(chunk), sources_chunk(chunk, match_lists)

    def score_sentences(self, texts: Iterable[str]) -> list[SentenceScore]:
        """Score already-split sentences (one per item, no segmentation) in one vectorized pass.

        Each result's offsets index its own sentence (``start`` is 0).
        """
        if isinstance(texts, str):
            raise InputError("score_sentences takes a list of sentences, not one string; "
                             "for a whole text use analyze()")
        sentences = []
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                raise InputError(f"sentence {index} is {type(text).__name__}, not str")
            sentences.append(Sentence(index, 0, len(text), text))
        with collector_paused():
            table = self._type_table()
            chunk = Chunk(table)
            chunk.add(TextTokens.apart(table, sentences), None, [False] * len(sentences), True)
            return self._score(chunk)[0].sentences

    def _prepare(self, text: str, id: str | None, headline: str | None, markdown: bool) -> _Article:
        """Check and segment one article, choose its headline and find its tokens: all that
        comes before scoring."""
        if not isinstance(text, str):
            raise InputError(f"expected text (str), got {type(text).__name__}")
        prose = blank_non_prose(text) if markdown else text  # what is read; offsets index both
        if markdown and text.strip() and not prose.strip():
            raise InputError(f"{id or 'the article'}: no prose to score (the Markdown holds only front matter, "
                             f"code, tables or markup)")
        if self.boilerplate == "skip":  # page furniture is read as blank (plain text: sentences never hold it)
            prose = blank_boilerplate(prose)
            if text.strip() and not prose.strip():
                raise InputError(Message(f"{id or 'the article'}: no prose to score (every line is page furniture, "
                                         f"such as SPONSORED, a credit or a byline; to score such lines, use ",
                                         Hint("boilerplate", "keep"), ")"))
        sentences = split_sentences(text, prose)
        tokens = TextTokens(self._type_table(), prose, sentences)
        given = None
        if headline is not None and headline.strip():
            given = Sentence(-1, 0, len(headline), headline)  # -1: not in the text; offsets index the headline
            from_text = False
        else:
            from_text = looks_like_headline(prose, sentences)
        return _Article(text, prose, id, tokens, given, from_text)

    def _report(self, articles: Sequence[_Article]) -> list[ArticleReport]:
        """Score the sentences of ``articles`` in one batch and build their reports."""
        table = self._type_table()
        chunk = Chunk(table)
        lexicon = self.loaded_lexicon
        for article in articles:
            if article.given is not None:
                chunk.add(TextTokens(table, article.given.text, [article.given]), None, [False], True)
            sentences = article.tokens.sentences
            sources = [True] * len(sentences)
            if article.from_text:
                sources[0] = False  # a headline names no source
            chunk.add(article.tokens, VoiceMap(article.prose), sources,
                      bool(sentences) and lexicon.prefixes_in(article.tokens.lowered()))
        scored, word_counts, mentions = self._score(chunk)
        reports, at = [], 0
        for article in articles:
            head = None
            if article.given is not None:
                head, at = scored.sentences[at], at + 1
            count = len(article.tokens.sentences)
            rows = slice(at + 1 if article.from_text else at, at + count)  # the body: after a headline from the text
            if article.from_text:
                head = scored.sentences[at]
            at += count
            body = scored.sentences[rows]
            prose = article.prose
            figures = readability_figures([prose[s.start:s.end] for s in body]) if self.readability else {}
            reports.append(build_report(article.text, body, word_counts[rows], self.resolved_thresholds, figures,
                                        self.provenance(), id=article.id, headline=head,
                                        sources=[m for ms in mentions[rows] for m in ms], scores=scored.scores[rows],
                                        labelled=scored.labelled[rows], model_only=scored.model_only[rows]))
        return reports

    def analyze(self, text: str, id: str | None = None, headline: str | None = None,
                markdown: bool = False) -> ArticleReport:
        """Split ``text`` into sentences, score each and summarise the article.

        The first line is scored apart as the headline when it reads as one (no final full
        stop, title case or short, followed by a blank line); ``headline`` sets it explicitly
        (its offsets then index the headline string, not ``text``, and its index is -1).

        With ``markdown``, code, tables, front matter, link targets and other syntax are not
        scored (see :mod:`hedgeometer.text.markdown`); offsets still index ``text``.
        """
        with collector_paused():
            self._type_table().begin()
            return self._report([self._prepare(text, id, headline, markdown)])[0]

    def analyze_batch(self, items: Sequence[tuple[str, str | None, str | None, bool]]) -> list:
        """Analyse the articles ``items``, each ``(text, id, headline, markdown)`` as
        :meth:`analyze` takes them, scored together in one batch (as :meth:`analyze_many` does:
        the same reports, faster). Returns per item its :class:`ArticleReport`, or the exception
        :meth:`analyze` raises for it: an article that cannot be read fails alone."""
        results: list = [None] * len(items)
        prepared, places = [], []
        with collector_paused():
            self._type_table().begin()
            for place, (text, id, headline, markdown) in enumerate(items):
                try:
                    prepared.append(self._prepare(text, id, headline, markdown))
                except Exception as error:
                    results[place] = error
                else:
                    places.append(place)
            try:
                reports = self._report(prepared) if prepared else []
            except Exception:  # something failed while scoring: score each alone, so only its own article fails
                reports = []
                for article in prepared:
                    try:
                        reports.extend(self._report([article]))
                    except Exception as error:
                        reports.append(error)
        for place, report in zip(places, reports):
            results[place] = report
        return results

    def analyze_many(self, records: Iterable, batch_sentences: int = 2000) -> Iterator[ArticleReport]:
        """Lazily analyse texts or ``{"id":..., "text":...}`` records, in order.

        Articles are scored together, about ``batch_sentences`` sentences at a time (the same
        reports as :meth:`analyze` gives one by one, faster); a record that cannot be read
        raises when its turn comes, after the reports before it."""
        pending: list[_Article] = []
        size = 0
        for number, record in enumerate(records):
            try:
                with collector_paused():
                    if not pending:
                        self._type_table().begin()
                    if isinstance(record, str):
                        article = self._prepare(record, str(number), None, False)
                    else:
                        article = self._prepare(record["text"], str(record.get("id", number)), record.get("headline"),
                                                False)
            except Exception:
                yield from self._report_paused(pending)
                raise
            pending.append(article)
            size += len(article.tokens.sentences) + 1
            if size >= batch_sentences:
                yield from self._report_paused(pending)
                pending, size = [], 0
        yield from self._report_paused(pending)

    def _report_paused(self, articles):
        if not articles:
            return []
        with collector_paused():
            return self._report(articles)


class _Article(NamedTuple):
    """An article ready to score: its sentences with their tokens, and its headline (``given``
    apart from the text, or ``from_text``: the first sentence)."""

    text: str
    prose: str
    id: str | None
    tokens: TextTokens
    given: Sentence | None
    from_text: bool


__all__ = ["Analyzer", "DIMENSIONS"]
