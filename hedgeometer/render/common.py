"""Pieces every renderer needs: cutting a sentence at its cues, and the one-line footers."""

from __future__ import annotations


def cue_segments(sentence, merge: bool = False):
    """Cut a sentence's text into ``(piece, cues)`` runs: each run is covered by the same set of
    cues (empty for plain text). Overlapping cues of different dimensions share a run. With
    ``merge``, touching or overlapping cue runs become one run carrying all their cues."""
    base = sentence.start
    cuts = {0, len(sentence.text)}
    for cue in sentence.cues:
        cuts.add(cue.start - base)
        cuts.add(cue.end - base)
    ordered = sorted(c for c in cuts if 0 <= c <= len(sentence.text))
    pieces = []
    for start, end in zip(ordered, ordered[1:]):
        covering = [c for c in sentence.cues if c.start - base <= start and end <= c.end - base]
        if pieces and [id(c) for c in covering] == [id(c) for c in pieces[-1][1]]:
            pieces[-1] = (pieces[-1][0] + sentence.text[start:end], covering)
        else:
            pieces.append((sentence.text[start:end], covering))
    if merge:
        merged = []
        for piece, cues in pieces:
            if merged and cues and merged[-1][1]:
                known = {id(c) for c in merged[-1][1]}
                merged[-1] = (merged[-1][0] + piece, merged[-1][1] + [c for c in cues if id(c) not in known])
            else:
                merged.append((piece, list(cues)))
        return merged
    return pieces


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


def provenance_line(report) -> str:
    p = report.provenance
    model = p.get("model")
    scorer = f"model {model['name']} ({model['id']})" if model else "rules only"
    return (f"Scored by hedgeometer {p['hedgeometer']}, lexicons {p['lexicon_fingerprint']} "
            f"({plural(p['lexicon_cues'], 'cue')}), {scorer}.")
