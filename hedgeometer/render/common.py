"""Pieces every renderer needs: cutting a sentence at its cues, each label's evidence, and the
one-line footers."""

from __future__ import annotations


def cue_segments(sentence, merge: bool = False):
    """Cut a sentence's text into ``(piece, cues)`` runs: each run is covered by the same set of
    cues (empty for plain text), listed in the sentence's cue order. Overlapping cues of
    different dimensions share a run. With ``merge``, touching or overlapping cue runs become
    one run carrying all their cues.

    One sweep over the cut points, keeping the cues that cover the current run: linear in the
    sentence's length and cues (cues of one dimension never overlap, so few cover any point).
    """
    base, text = sentence.start, sentence.text
    length = len(text)
    cues = list(sentence.cues)
    cuts = {0, length}
    for cue in cues:
        cuts.add(cue.start - base)
        cuts.add(cue.end - base)
    ordered = sorted(c for c in cuts if 0 <= c <= length)
    by_start = sorted(range(len(cues)), key=lambda k: cues[k].start)  # cue numbers, by where they open
    opened = 0
    active: list[int] = []  # cue numbers that may cover the run, in the sentence's cue order
    runs: list[list] = []  # [parts of the piece, covering cues, their numbers]
    for start, end in zip(ordered, ordered[1:]):
        if opened < len(by_start) and cues[by_start[opened]].start - base <= start:
            while opened < len(by_start) and cues[by_start[opened]].start - base <= start:
                active.append(by_start[opened])
                opened += 1
            active.sort()
        active = [k for k in active if end <= cues[k].end - base]  # a cue that ended never covers again
        if runs and runs[-1][2] == active:
            runs[-1][0].append(text[start:end])
        else:
            runs.append([[text[start:end]], [cues[k] for k in active], list(active)])
    pieces = [("".join(parts), covering) for parts, covering, _ in runs]
    if not merge:
        return pieces
    merged: list[list] = []  # [parts, cues, ids of those cues]
    for piece, covering in pieces:
        if merged and covering and merged[-1][1]:
            last = merged[-1]
            last[0].append(piece)
            new = [c for c in covering if id(c) not in last[2]]
            last[1].extend(new)
            last[2].update(map(id, new))
        else:
            merged.append([[piece], list(covering), {id(c) for c in covering}])
    return [("".join(parts), found) for parts, found, _ in merged]


def plural(count: int, noun: str, grouped: bool = False) -> str:
    """``1 cue``, ``2 cues``: a count with its noun (every noun counted in reports takes -s);
    ``grouped`` writes thousands apart (``2,000 articles``)."""
    number = f"{count:,}" if grouped else f"{count}"
    return f"{number} {noun}" if count == 1 else f"{number} {noun}s"


def readability_line(report) -> str:
    r = report.readability or {}
    if r.get("flesch_reading_ease") is None:
        return ""
    sampled = " (on a sample)" if r.get("sampled") else ""
    return (f"Flesch reading ease {r['flesch_reading_ease']}, Flesch-Kincaid grade {r['flesch_kincaid_grade']}, "
            f"Gunning fog {r['gunning_fog']}{sampled}")


# How each evidence setting reads in a report's footer: the setting itself, then what it means.
EVIDENCE_STAMPS = {"any": "evidence any (every label counts)", "cue": "evidence cue (only labels with a cue count)"}
MODEL_ONLY = "model only"  # how a label the model gave without a cue is marked in every format


def evidence_items(sentence):
    """``(dimension, kind, ngrams)`` for each label of ``sentence`` that has something to show:
    a label the model gave alone, or one with n-grams (a model is in use). Cue labels of a
    rules-only report have nothing beyond their cues, so they give nothing here."""
    evidence = sentence.evidence or {}
    items = []
    for dimension in sentence.labels:
        entry = evidence.get(dimension)
        if entry and (entry["kind"] == "model" or entry["ngrams"]):
            items.append((dimension, entry["kind"], shown_ngrams(entry["ngrams"])))
    return items


def shown_ngrams(ngrams):
    """The n-grams worth printing: those whose contribution shows at two decimals."""
    return [(term, value) for term, value in ngrams if round(value, 2) != 0]


def _quote(term: str) -> str:
    return f'"{term}"'


def ngram_items(ngrams, quote=_quote) -> list[str]:
    """``['"could cost" +0.84', '"talks" +0.31']``, or one item saying none stands out;
    ``quote`` writes a term (escaped, for Markdown)."""
    return [f"{quote(term)} {value:+.2f}" for term, value in ngrams] or ["no single n-gram stands out"]


def format_ngrams(ngrams, quote=_quote) -> str:
    """``"could cost" +0.84, "talks" +0.31``."""
    return ", ".join(ngram_items(ngrams, quote))


def evidence_head(kind: str) -> str:
    """``model only`` for a label the model gave alone, ``model n-grams`` for one with a cue."""
    return MODEL_ONLY if kind == "model" else "model n-grams"


def evidence_phrase(kind: str, ngrams, quote=_quote) -> str:
    """``model only: "could cost" +0.84, ...`` or ``model n-grams: ...``."""
    return f"{evidence_head(kind)}: {format_ngrams(ngrams, quote)}"


def thresholds_phrase(provenance: dict) -> str:
    """``thresholds hedging 0.35, speculation 0.40, dramatic 0.95 (set; default 0.25), ...``:
    every threshold in use, and for each one set by the user the one it replaced (said the same
    way whether it was set with ``--threshold`` or ``Analyzer(thresholds=...)``)."""
    used = provenance.get("thresholds")
    if not used:
        return ""
    defaults = provenance.get("threshold_defaults") or {}
    overridden = set(provenance.get("threshold_overrides") or ())
    parts = []
    for dimension, value in used.items():
        part = f"{dimension} {value:.2f}"
        if dimension in overridden:
            default = defaults.get(dimension)
            part += f" (set; default {default:.2f})" if default is not None else " (set)"
        parts.append(part)
    return "thresholds " + ", ".join(parts)


BOILERPLATE_STAMPS = {"skip": "boilerplate lines skipped", "keep": "boilerplate lines kept"}


def provenance_line(report) -> str:
    """The footer every format ends with: what scored the article, every setting that changes
    a label included (version, lexicons, model, thresholds and overrides, evidence, segmentation)."""
    return provenance_text(report.provenance)


def provenance_text(p: dict) -> str:
    model = p.get("model")
    scorer = f"model {model['name']} ({model['id']})" if model else "rules only"
    parts = [f"Scored by hedgeometer {p['hedgeometer']}, lexicons {p['lexicon_fingerprint']} "
             f"({plural(p['lexicon_cues'], 'cue')}), {scorer}"]
    thresholds = thresholds_phrase(p)
    if thresholds:
        parts.append(thresholds)
    parts.append(EVIDENCE_STAMPS[p.get("evidence", "any")])
    boilerplate = (p.get("segmentation") or {}).get("boilerplate")
    if boilerplate:
        parts.append(BOILERPLATE_STAMPS[boilerplate])
    return "; ".join(parts) + "."
