"""The Analyzer wires the stages: segment -> tokens -> cue matches -> features -> model
probabilities -> sentence scores -> article report. It is the library's front door."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from . import __version__
from .boilerplate import BOILERPLATE_MODES, blank_boilerplate
from .dimensions import DIMENSIONS
from .errors import InputError, ModelFileError, ParameterError
from .lexicon import Lexicon, load_lexicons
from .markdown import blank_non_prose
from .readability import readability
from .report import ArticleReport, build_report
from .scoring import SentenceScore, check_evidence, resolve_thresholds, round6, rule_matrix, score_rows
from .segment import looks_like_headline, split_sentences
from .sources import find_sources
from .tokens import Tokens
from .voice import VoiceMap

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
        The classifier: the shipped one, a model file, or None for rules only.
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
        blank (see :mod:`hedgeometer.boilerplate`); ``"keep"`` scores them as text.

    Lexicons and model load on first use, so constructing an Analyzer is cheap.

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
                 evidence: str = "any", evidence_ngrams: int = 5, boilerplate: str = "skip"):
        # one path is a common shorthand; iterating it would read each character as a file
        self.lexicons = (lexicons,) if isinstance(lexicons, (str, Path)) else tuple(lexicons)
        resolve_thresholds(thresholds)  # a typo in a dimension name fails here, not at first use
        if model not in (None, DEFAULT_MODEL) and not Path(model).exists():
            raise ModelFileError(f"{model}: no such model file")
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
        self._lexicon: Lexicon | None = None
        self._model = None
        self._model_loaded = False
        self._thresholds: dict[str, float] | None = None
        self._provenance: dict | None = None

    # --- lazily loaded parts ----------------------------------------------------------------

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicons(self.lexicons, include_shipped=self.include_shipped_lexicons, liwc_map=self.liwc_map)
        return self._lexicon

    @property
    def classifier(self):
        """The loaded model (a :class:`hedgeometer.model.LinearModel`), or None for rules only."""
        if not self._model_loaded:
            from .model import load_model

            self._model = None if self.model is None else load_model(self.model)
            self._model_loaded = True
        return self._model

    @property
    def resolved_thresholds(self) -> dict[str, float]:
        if self._thresholds is None:
            model = self.classifier
            self._thresholds = resolve_thresholds(self.thresholds, model.thresholds_ if model else None)
        return self._thresholds

    def provenance(self) -> dict:
        """What produced a report: enough for a researcher to say exactly what scored a corpus.

        Every setting that changes a label is here: the version, the lexicons (their
        fingerprint), the model, the ``thresholds`` in use (``threshold_defaults`` are the ones
        the model or the rules would use, ``threshold_overrides`` the dimensions set otherwise),
        the evidence mode and the segmentation settings."""
        if self._provenance is None:
            model = self.classifier
            defaults = resolve_thresholds(None, model.thresholds_ if model else None)
            used = self.resolved_thresholds
            self._provenance = {
                "hedgeometer": __version__,
                "lexicon_fingerprint": self.lexicon.fingerprint,
                "lexicon_cues": sum(self.lexicon.counts().values()),
                "model": model.describe() if model is not None else None,
                "evidence": self.evidence,
                "thresholds": dict(used),
                "threshold_defaults": defaults,
                "threshold_overrides": sorted((d for d in DIMENSIONS if self._overrides(d)), key=DIMENSIONS.index),
                "segmentation": {"boilerplate": self.boilerplate},
            }
        return copy.deepcopy(self._provenance)

    def _overrides(self, dimension: str) -> bool:
        """Whether the ``thresholds`` given set this dimension's threshold."""
        if self.thresholds is None:
            return False
        return isinstance(self.thresholds, (int, float)) or dimension in self.thresholds

    # --- scoring ----------------------------------------------------------------------------

    def _score(self, spans: Sequence[tuple[int, int, int, str]], voice_map: VoiceMap | None = None,
               prose: str | None = None):
        """Score sentences given as (index, start, end, text); offsets follow ``start``. With
        ``prose`` (blanked Markdown), words are read from it and cue texts from the sentences.

        Returns the sentence scores, their word counts and the source mentions found."""
        lexicon = self.lexicon
        if prose is None:
            token_lists = [Tokens(sentence, start) for _, start, _, sentence in spans]
        else:
            token_lists = [Tokens(prose[start:end], start) for _, start, end, _ in spans]
        texts = [sentence for _, _, _, sentence in spans]
        match_lists = [lexicon.match_tokens(tokens, text, tokens.offset) for tokens, text in zip(token_lists, texts)]
        voices = None
        if voice_map is not None:
            if voice_map.spans:
                match_lists = [[m._replace(voice=voice_map.voice_of(m.start, m.end)) for m in matches] if matches else matches
                               for matches in match_lists]
            voices = [voice_map.sentence_voice(start, end) for _, start, end, _ in spans]
        rules = rule_matrix(match_lists)
        model = self.classifier
        probabilities = explain = None
        if model is not None:
            terms = model.term_counts(token_lists)  # once, for the probabilities and the evidence
            probabilities = round6(model.predict_proba(token_lists, match_lists, rules, terms))
            if self.evidence_ngrams > 0:
                def explain(labelled):
                    return model.top_ngrams(terms, labelled, self.evidence_ngrams)
        scored = score_rows(spans, match_lists, rules, probabilities, model.mix_ if model else None,
                            self.resolved_thresholds, voices, self.evidence, explain)
        mentions = [find_sources(tokens, matches, text, tokens.offset)
                    for tokens, matches, text in zip(token_lists, match_lists, texts)]
        return scored, [tokens.n_words for tokens in token_lists], mentions

    def score_sentences(self, texts: Iterable[str]) -> list[SentenceScore]:
        """Score already-split sentences (one per item, no segmentation) in one vectorized pass.

        Each result's offsets index its own sentence (``start`` is 0).
        """
        if isinstance(texts, str):
            raise InputError("score_sentences takes a list of sentences, not one string; "
                             "for a whole text use analyze()")
        spans = []
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                raise InputError(f"sentence {index} is {type(text).__name__}, not str")
            spans.append((index, 0, len(text), text))
        return self._score(spans)[0]

    def analyze(self, text: str, id: str | None = None, headline: str | None = None,
                markdown: bool = False) -> ArticleReport:
        """Split ``text`` into sentences, score each and summarise the article.

        The first line is scored apart as the headline when it reads as one (no final full
        stop, title case or short, followed by a blank line); ``headline`` sets it explicitly
        (its offsets then index the headline string, not ``text``, and its index is -1).

        With ``markdown``, code, tables, front matter, link targets and other syntax are not
        scored (see :mod:`hedgeometer.markdown`); offsets still index ``text``.
        """
        if not isinstance(text, str):
            raise InputError(f"expected text (str), got {type(text).__name__}")
        prose = blank_non_prose(text) if markdown else text  # what is read; offsets index both
        if markdown and text.strip() and not prose.strip():
            raise InputError(f"{id or 'the article'}: no prose to score (the Markdown holds only front matter, "
                             f"code, tables or markup)")
        if self.boilerplate == "skip":  # page furniture is read as blank (plain text: sentences never hold it)
            prose = blank_boilerplate(prose)
            if text.strip() and not prose.strip():
                raise InputError(f"{id or 'the article'}: no prose to score (every line is page furniture, such as "
                                 f"SPONSORED, a credit or a byline; to score such lines, use --boilerplate keep)")
        sentences = split_sentences(text, prose)
        voice_map = VoiceMap(prose)
        spans = [(s.index, s.start, s.end, s.text) for s in sentences]
        scored, word_counts, mentions = self._score(spans, voice_map, prose if markdown else None)
        headline_score = None
        if headline is not None and headline.strip():
            headline_score = self._score([(-1, 0, len(headline), headline)])[0][0]  # -1: not in the text
        elif looks_like_headline(prose, sentences):
            headline_score, scored, word_counts, mentions = scored[0], scored[1:], word_counts[1:], mentions[1:]
        figures = readability([prose[s.start:s.end] for s in scored]) if self.readability else {}
        return build_report(text, scored, word_counts, self.resolved_thresholds, figures, self.provenance(), id=id,
                            headline=headline_score, sources=[m for found in mentions for m in found])

    def analyze_many(self, records: Iterable) -> Iterator[ArticleReport]:
        """Lazily analyse texts or ``{"id":..., "text":...}`` records, in order."""
        for number, record in enumerate(records):
            if isinstance(record, str):
                yield self.analyze(record, id=str(number))
            else:
                yield self.analyze(record["text"], id=str(record.get("id", number)), headline=record.get("headline"))


__all__ = ["Analyzer", "DIMENSIONS"]
