"""Who is speaking: count named and unnamed (vague) sources in an article.

Unnamed sources are the attribution cues the lexicon finds ("citing unnamed sources",
"analysts say", "it is believed"). Named sources are found by a rule over each sentence: a
reporting verb ("said", "told", "reported", "confirmed", "according to"...) with a capitalised
name or organisation close to it ("Turkey's Foreign Minister Hakan Fidan said", "said Maria
Lopez", "the Russian Foreign Ministry has yet to confirm"). No model, no download; it misses
names written in lower case and counts a capitalised common noun now and then.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple, Sequence

from .lexicon import CueMatch
from .tokens import Tokens

REPORTING_VERBS = frozenset(
    """say says said saying tell tells told report reports reported reporting stated
    announce announces announced confirm confirms confirmed add adds added note notes noted warn
    warns warned argue argues argued claim claims claimed write writes wrote insist insists insisted
    explain explains explained deny denies denied tweeted posted according citing cited quoted
    acknowledged admitted estimated estimates predicted""".split()
)
# Capitalised words that open sentences or name no one.
_NOT_NAMES = frozenset(
    """the a an in on at but and or as after before when while however this that these those his her
    their its it he she they we i there some many most officials sources analysts experts critics
    observers according just yet still also one two three monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december""".split()
)
# Verbs whose source comes after them ("according to X", "citing X"); "said X" goes both ways.
_FORWARD = frozenset({"according", "citing", "cited", "quoted"})
_BOTH_WAYS = frozenset({"said", "says", "told", "added", "wrote", "noted", "warned", "explained"})
_NAME_GLUE = frozenset({"of", "for", "the", "de", "al", "von", "van", "'s", "and", "-"})
WINDOW = 8


class SourceMention(NamedTuple):
    kind: str  # "named" or "unnamed"
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


def _name_runs(tokens: Tokens) -> list[tuple[int, int]]:
    """Token index ranges [first, last] of capitalised runs that look like names."""
    runs = []
    text, lower, is_word = tokens.text, tokens.lower, tokens.is_word
    n_tokens = len(lower)
    k = 0
    while k < n_tokens:
        if is_word[k] and text[k][0].isupper() and lower[k] not in _NOT_NAMES:
            last = k
            j = k + 1
            while j < n_tokens:
                if is_word[j] and text[j][0].isupper():
                    last = j
                elif lower[j] in _NAME_GLUE or text[j] in {"’s", "'s"}:
                    pass
                else:
                    break
                j += 1
            runs.append((k, last))
            k = last + 1
        else:
            k += 1
    return runs


def find_sources(tokens: Tokens, cues: Sequence[CueMatch], text: str, offset: int = 0) -> list[SourceMention]:
    """Named and unnamed source mentions in one sentence (offsets as the tokens')."""
    mentions = [SourceMention("unnamed", c.text, c.start, c.end) for c in cues if c.dimension == "attribution"]
    if REPORTING_VERBS.isdisjoint(tokens.lower):
        return mentions  # no reporting verb, so no named source (most sentences stop here)
    unnamed_spans = [(c.start, c.end) for c in mentions]
    runs = _name_runs(tokens)
    # runs are in order and apart, so those within WINDOW of a verb are one slice of the list
    # (found by bisection: a sentence with thousands of names and verbs stays linear)
    run_firsts, run_lasts = [first for first, _ in runs], [last for _, last in runs]
    used: set[tuple[int, int]] = set()
    for position, word in enumerate(tokens.lower):
        if word not in REPORTING_VERBS:
            continue
        best = None
        nearby = runs[bisect_left(run_lasts, position - WINDOW):bisect_right(run_firsts, position + WINDOW)]
        for first, last in nearby:
            if (first, last) in used:
                continue
            before = last < position
            if word in _FORWARD and before or word not in _FORWARD | _BOTH_WAYS and not before:
                continue
            distance = position - last if before else first - position
            # a subject before the verb beats a name after it at the same distance
            key = (distance, not before)
            if 0 < distance <= WINDOW and (best is None or key < best[0]):
                best = (key, first, last)
        if best is None:
            continue
        _, first, last = best
        start, end = tokens.start(first), tokens.end(last)
        if any(a < end and start < b for a, b in unnamed_spans):
            continue
        used.add((first, last))
        mentions.append(SourceMention("named", text[start - offset:end - offset], start, end))
    mentions.sort(key=lambda m: m.start)
    return mentions


def summarise_sources(mentions: Sequence[SourceMention]) -> dict:
    named = sum(1 for m in mentions if m.kind == "named")
    unnamed = sum(1 for m in mentions if m.kind == "unnamed")
    return {
        "named": named,
        "unnamed": unnamed,
        "unnamed_share": round(unnamed / (named + unnamed), 4) if named + unnamed else 0.0,
        "mentions": [m.to_dict() for m in mentions],
    }
