"""Row shapes: one report as a flat row per article (or per sentence), and the row of a record
that could not be scored, with the columns of each. Used by corpus runs and by ``to_frame``.

Every row ends with the stamp columns, which say what produced it (the report's provenance).
"""

from __future__ import annotations

import json

from ..dimensions import DIMENSIONS

# What produced a row: every setting that changes a label (thresholds, threshold_overrides and
# segmentation are compact JSON objects). A resumed run continues a file only under the same stamp.
STAMP_COLUMNS = ["hedgeometer_version", "lexicon_fingerprint", "model_id", "evidence_mode", "thresholds",
                 "threshold_overrides", "segmentation"]
JSON_STAMPS = ("thresholds", "threshold_overrides", "segmentation")
ARTICLE_COLUMNS = (
    ["id", "source", "status", "error", "sentences", "words", "flagged_sentences"]
    + [f"{d}_{k}" for d in DIMENSIONS for k in ("share", "sentences", "model_only", "cues", "per_100_words", "mean", "max")]
    + ["headline"] + [f"headline_{d}" for d in DIMENSIONS]
    + ["quoted_sentences", "named_sources", "unnamed_sources", "top_cues",
       "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"]
    + STAMP_COLUMNS
)
SENTENCE_COLUMNS = (
    ["id", "source", "status", "error", "index", "start", "end", "text", "labels"]
    + [f"{d}_score" for d in DIMENSIONS] + ["voice", "cues", "evidence", "is_headline"]
    + STAMP_COLUMNS
)


def columns(sentences: bool) -> list[str]:
    """The columns of sentence rows, or of article rows."""
    return SENTENCE_COLUMNS if sentences else ARTICLE_COLUMNS


def _carry(row: dict, fields: dict | None) -> dict:
    """``fields`` (a record's other input fields) added to ``row``; a name the row already has
    gets ``field_`` before it, and values that are not scalars become JSON."""
    for key, value in (fields or {}).items():
        name = key if key not in row else f"field_{key}"
        row[name] = value if isinstance(value, (str, int, float, bool)) or value is None else json.dumps(value, ensure_ascii=False)
    return row


def article_row(report, id: str, source: str = "", fields: dict | None = None) -> dict:
    """The article-level figures of one report as a flat row, with ``fields`` carried."""
    row = {"id": id, "source": source, "status": "ok", "error": "",
           "sentences": len(report.sentences), "words": report.words, "flagged_sentences": len(report.flagged)}
    for d in DIMENSIONS:
        s = report.dimensions[d]
        row.update({f"{d}_share": s.share, f"{d}_sentences": s.sentences, f"{d}_model_only": s.model_only, f"{d}_cues": s.cues,
                    f"{d}_per_100_words": s.cues_per_100_words, f"{d}_mean": s.mean_score, f"{d}_max": s.max_score})
    headline = report.headline
    row["headline"] = headline.text if headline else ""
    for d in DIMENSIONS:  # 4 places, like the article scores (the sentence rows keep the report's 6)
        row[f"headline_{d}"] = round(headline.scores[d], 4) if headline else None
    row["quoted_sentences"] = report.voices.get("quoted", {}).get("sentences", 0)
    row["named_sources"] = report.sources.get("named", 0)
    row["unnamed_sources"] = report.sources.get("unnamed", 0)
    row["top_cues"] = "; ".join(f"{c.dimension}:{c.cue}={c.count}" for c in report.top_cues)
    readability = report.readability or {}
    for key in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"):
        row[key] = readability.get(key)
    row.update(stamp(report.provenance))
    return _carry(row, fields)


def sentence_rows(report, id: str, source: str = "", fields: dict | None = None) -> list[dict]:
    """One row per sentence (the headline first, when there is one). ``evidence`` is JSON:
    per label, what fired it (``{"dramatic": {"kind": "model", "ngrams": [["sparked", 0.55]]}}``)."""
    rows = []
    sentences = ([report.headline] if report.headline else []) + list(report.sentences)
    stamped = stamp(report.provenance)
    for sentence in sentences:
        row = {"id": id, "source": source, "status": "ok", "error": "", "index": sentence.index,
               "start": sentence.start, "end": sentence.end, "text": sentence.text, "labels": ",".join(sentence.labels)}
        for d in DIMENSIONS:
            row[f"{d}_score"] = sentence.scores[d]
        row["voice"] = sentence.voice
        row["cues"] = json.dumps([[c.dimension, c.text, c.start, c.end] for c in sentence.cues], ensure_ascii=False)
        row["evidence"] = json.dumps(sentence.evidence or {}, ensure_ascii=False)
        row["is_headline"] = sentence is report.headline
        row.update(stamped)
        rows.append(_carry(row, fields))
    return rows


def error_row(id: str, source: str, error: str, sentences: bool, fields: dict | None = None,
              provenance: dict | None = None) -> dict:
    """The row of a record that could not be scored: every figure is None (null in JSONL, an empty
    cell in CSV); the row still says what ran (``provenance``, the analyzer's)."""
    row = dict.fromkeys(columns(sentences))
    row.update({"id": id, "source": source, "status": "error", "error": error})
    row.update(stamp(provenance))
    return _carry(row, fields)


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def stamp(provenance: dict | None) -> dict:
    """The columns that say what produced a row: version, lexicons, model (``""`` for rules
    only), ``evidence_mode`` (which labels count, any or cue), the ``thresholds`` in use, the
    ones set by the user (``threshold_overrides``, ``{}`` when none) and the segmentation
    settings."""
    if provenance is None:
        return {}
    thresholds = provenance.get("thresholds") or {}
    overrides = {d: thresholds[d] for d in provenance.get("threshold_overrides") or () if d in thresholds}
    return {"hedgeometer_version": provenance["hedgeometer"], "lexicon_fingerprint": provenance["lexicon_fingerprint"],
            "model_id": (provenance.get("model") or {}).get("id", ""), "evidence_mode": provenance.get("evidence", "any"),
            "thresholds": _compact(thresholds), "threshold_overrides": _compact(overrides),
            "segmentation": _compact(provenance.get("segmentation") or {})}
