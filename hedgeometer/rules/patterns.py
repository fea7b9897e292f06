"""The lexicon pattern language, compiled: ``on the brink|verge of``, ``(no one|nobody) knows``,
``shrouded in (a veil of)?``, ``specter of _{1,3} loom~``, ``speculat*``, ``=May``.

Both lexicon formats (TSV files in :mod:`hedgeometer.rules.lexicon`, LIWC dictionaries in
:mod:`hedgeometer.rules.liwc`) validate and compile their patterns here.
"""

from __future__ import annotations

import re

MAX_GAP = 4
MAX_VARIANTS = 512  # expansions of one pattern's optional groups and alternatives
_WORD = re.compile(r"^[^\W_]+(?:[-'][^\W_]+)*$")


# A compiled slot is one of:
#   ("word", frozenset_of_lowercase_forms, exact_form_or_None)
#   ("prefix", prefix)
#   ("gap", min, max)


def regular_inflections(word: str) -> set[str]:
    """Plausible regular forms of a verb or noun; over-generation is harmless (unseen forms
    never match). ``suggest`` -> suggests, suggested, suggesting."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    if word.endswith("ie"):
        forms.add(word[:-2] + "ying")
    return forms


def _split_top_level(pattern: str) -> list[str]:
    """Split a pattern into slots, keeping ``( ... )?`` groups whole."""
    pieces, depth, current = [], 0, []
    for char in pattern:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == " " and depth == 0:
            if current:
                pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    if current:
        pieces.append("".join(current))
    return pieces


class PatternCompiler:
    """Compiles lexicon patterns into slot sequences; ``irregular`` maps a lemma to its irregular
    forms (``inflections.tsv``), which ``word~`` adds to the regular ones."""

    def __init__(self, irregular: dict[str, set[str]]):
        self.irregular = irregular

    def word_slot(self, piece: str):
        """Compile one slot (a word, alternatives, wildcard, gap) or raise ValueError."""
        gap = re.fullmatch(r"_(?:\{(\d),(\d)\})?", piece)
        if gap:
            low, high = (int(gap.group(1)), int(gap.group(2))) if gap.group(1) else (1, 1)
            if low > high or high > MAX_GAP:
                raise ValueError(f"gap {piece!r} must be _{{m,n}} with m <= n <= {MAX_GAP}")
            return ("gap", low, high)
        if piece.startswith("="):
            word = piece[1:]
            if not _WORD.match(word):
                raise ValueError(f"exact-case token {piece!r} must be a single word")
            return ("word", frozenset({word.lower()}), word)
        if piece.endswith("*"):
            stem = piece[:-1]
            if len(stem) < 3 or not _WORD.match(stem) or stem != stem.lower():
                raise ValueError(f"wildcard {piece!r} needs at least 3 lowercase letters before '*'")
            return ("prefix", stem)
        forms: set[str] = set()
        for alternative in piece.split("|"):
            inflect = alternative.endswith("~")
            word = alternative[:-1] if inflect else alternative
            if not word or not _WORD.match(word):
                raise ValueError(
                    f"{alternative!r} is not a word (letters, digits, inner - or '; no punctuation or regex)"
                )
            if word != word.lower():
                raise ValueError(f"{word!r} must be lowercase (use =Word for an exact-case token)")
            forms.add(word)
            if inflect:
                forms |= regular_inflections(word) | self.irregular.get(word, set())
        return ("word", frozenset(forms), None)

    def group_choices(self, inner: str) -> list[list]:
        """The slot sequences a group offers: ``a b c`` is one sequence; when an alternative holds
        a space, ``|`` separates whole phrases (``no one|nobody``), else it stays a one-word choice."""
        phrases = inner.split("|") if " " in inner else [inner]
        choices = []
        for phrase in phrases:
            if not phrase or phrase != phrase.strip() or "  " in phrase:
                raise ValueError(f"empty or badly spaced alternative in group ({inner})")
            choices.append([self.word_slot(p) for p in phrase.split(" ")])
        return choices

    def compile(self, pattern: str) -> list[tuple]:
        """Expand ``pattern`` into its variants (lists of slots)."""
        pattern = pattern.replace("’", "'")
        if pattern != pattern.strip() or "  " in pattern or "\t" in pattern:
            raise ValueError("pattern has stray spaces")
        variants: list[list] = [[]]
        for piece in _split_top_level(pattern):
            if piece.startswith("("):
                optional = piece.endswith(")?")
                if not (optional or piece.endswith(")")) or piece.count("(") != 1 or piece.count(")") != 1:
                    raise ValueError(f"group {piece!r} must look like (a b|c) or (a b|c)? with no nesting")
                choices = self.group_choices(piece[1 : -2 if optional else -1])
                variants = [v + extra for v in variants for extra in ([[]] if optional else []) + choices]
            elif "(" in piece or ")" in piece:
                raise ValueError(f"unbalanced parenthesis in {piece!r}")
            else:
                slot = self.word_slot(piece)
                variants = [v + [slot] for v in variants]
            if len(variants) > MAX_VARIANTS:
                raise ValueError(f"too many variants (more than {MAX_VARIANTS}) from groups")
        compiled = []
        for variant in variants:
            if not variant:
                raise ValueError("pattern is empty")
            if variant[0][0] == "gap" or variant[-1][0] == "gap":
                raise ValueError("a pattern cannot start or end with a gap")
            if variant[0][0] == "prefix" and len(variant) > 1:
                raise ValueError("a wildcard can open only a one-word pattern")
            compiled.append(tuple(variant))
        return compiled
