"""Cue segments (hedgeometer.render.common): a sentence cut where cues start and end, each piece
with the cues that cover it, as every renderer draws them."""

from hedgeometer.render.common import cue_segments


def test_cue_segments_rebuild_the_sentence(seed_report):
    for sentence in seed_report.sentences:
        pieces = cue_segments(sentence)
        assert "".join(p for p, _ in pieces) == sentence.text
        for piece, cues in pieces:
            for cue in cues:
                assert piece in cue.text


def _segments_by_definition(sentence, merge=False):
    """cue_segments as its docstring defines it, checking every cue at every cut (quadratic)."""
    base = sentence.start
    cuts = sorted(c for c in {0, len(sentence.text), *(x - base for c in sentence.cues for x in (c.start, c.end))}
                  if 0 <= c <= len(sentence.text))
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [c for c in sentence.cues if c.start - base <= start and end <= c.end - base]
        if pieces and [id(c) for c in covering] == [id(c) for c in pieces[-1][1]]:
            pieces[-1] = (pieces[-1][0] + sentence.text[start:end], covering)
        else:
            pieces.append((sentence.text[start:end], covering))
    if not merge:
        return pieces
    merged = []
    for piece, cues in pieces:
        if merged and cues and merged[-1][1]:
            known = {id(c) for c in merged[-1][1]}
            merged[-1] = (merged[-1][0] + piece, merged[-1][1] + [c for c in cues if id(c) not in known])
        else:
            merged.append((piece, list(cues)))
    return merged


def test_cue_segments_follow_their_definition_on_random_cues():
    import random

    from hedgeometer.rules.cues import CueMatch
    from hedgeometer.scoring.scores import SentenceScore

    rng = random.Random(7)
    for _ in range(3000):
        base, length = rng.randint(0, 5), rng.randint(0, 30)
        cues = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(-3, length + 3)
            cues.append(CueMatch(rng.choice(["hedging", "dramatic", "booster"]), base + start,
                                 base + start + rng.randint(0, 8), "x", "p", "c", 0.5))
        sentence = SentenceScore(0, base, base + length, "".join(rng.choice("ab cd") for _ in range(length)),
                                 {}, (), tuple(cues), {})
        for merge in (False, True):
            expected = [(piece, [id(c) for c in found]) for piece, found in _segments_by_definition(sentence, merge)]
            assert [(piece, [id(c) for c in found]) for piece, found in cue_segments(sentence, merge)] == expected
