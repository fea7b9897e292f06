"""Lexicons: load and validate cue files, compile them once, match them against sentences.

A lexicon file is UTF-8 TSV, one cue per row (``lexicons/README.md`` documents the format)::

    # hedgeometer lexicon
    # format: 1
    # dimension: hedging
    pattern	category	weight	notes	guards
    may	epistemic-modal	0.55	Hyland 2005	not_month

Patterns are lowercase token sequences, never regular expressions, so nothing a user writes can
make matching slow: ``on the brink|verge of`` (alternative words), ``(no one|nobody) knows``
(alternative phrases), ``shrouded in (a veil of)?`` (optional group), ``specter of _{1,3}
loom~`` (bounded gap, inflections), ``speculat*`` (prefix), ``=May`` (exact case). All cues
compile into one index keyed by their first word; matching looks each sentence token up once
and tries only the cues that can start there, so cost grows with the text, not with the number
of cues. Within a dimension the longest match wins.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count, product, repeat
from pathlib import Path
from typing import Iterable, Sequence

from .context import GUARDS
from .cues import Cue, CueMatch
from .liwc import read_liwc_file
from .patterns import PatternCompiler
from ..dimensions import DIMENSIONS
from ..errors import LexiconError
from ..text.tokens import Tokens

FORMAT_VERSION = "1"
COLUMNS = ("pattern", "category", "weight", "notes", "guards")
_MAX_TRIPLE_KEYS = 5000  # beyond this many word triples a cue is indexed by its first pair instead


# --- files --------------------------------------------------------------------------------


def load_inflections(path: Path | None) -> dict[str, set[str]]:
    """Read ``inflections.tsv`` (lemma, comma-separated forms); missing file means none."""
    table: dict[str, set[str]] = {}
    if path is None or not path.exists():
        return table
    problems = []
    for lineno, line in enumerate(path.read_text("utf-8-sig").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            problems.append(f"{path}:{lineno}: expected 'lemma<TAB>form,form,...'")
            continue
        table.setdefault(parts[0].strip().lower(), set()).update(
            f.strip().lower() for f in parts[1].split(",") if f.strip()
        )
    if problems:
        raise LexiconError(problems)
    return table


def _header_value(lines: Sequence[str], key: str) -> str | None:
    for line in lines:
        if not line.startswith("#"):
            continue
        match = re.match(rf"#\s*{key}\s*:\s*(\S+)", line)
        if match:
            return match.group(1).strip()
    return None


def read_lexicon_file(path: Path | str, dimension: str | None = None) -> tuple[list[Cue], list[str]]:
    """Parse one TSV lexicon file; return its cues and every problem found (``file:line: why``)."""
    path = Path(path)
    problems: list[str] = []
    try:
        text = path.read_text("utf-8-sig")  # Notepad and Excel save UTF-8 with a byte-order mark
    except FileNotFoundError:
        return [], [f"{path}: no such file"]
    except IsADirectoryError:
        return [], [f"{path}: is a directory, not a lexicon file"]
    except UnicodeDecodeError as error:
        return [], [f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]
    lines = text.splitlines()
    declared = _header_value(lines, "dimension")
    dimension = dimension or declared or path.stem
    if dimension not in DIMENSIONS:
        return [], [
            f"{path}:1: unknown dimension {dimension!r}: add a '# dimension: NAME' header line "
            f"(one of {', '.join(DIMENSIONS)}) or name the file NAME.tsv"
        ]
    version = _header_value(lines, "format")
    if version is not None and version != FORMAT_VERSION:
        problems.append(f"{path}:1: format {version} is not supported (expected {FORMAT_VERSION})")
    compiler = PatternCompiler({})
    cues: list[Cue] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        where = f"{path}:{lineno}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.rstrip("\r").split("\t")
        if fields[0] == "pattern":
            continue  # the column header row
        if len(fields) < 4 or len(fields) > 5:
            # an editor that turns tabs into spaces leaves one field; say so, not only the count
            hint = " (no tab in the row: fields must be separated by tabs, not spaces)" if len(fields) == 1 else ""
            problems.append(f"{where}: expected 4 or 5 tab-separated fields ({', '.join(COLUMNS)}), found {len(fields)}{hint}")
            continue
        pattern, category, weight_text, notes = (f.strip() for f in fields[:4])
        guards = tuple(g.strip() for g in fields[4].split(",") if g.strip()) if len(fields) == 5 else ()
        try:
            compiler.compile(pattern)
        except ValueError as error:
            problems.append(f"{where}: bad pattern {pattern!r}: {error}")
            continue
        try:
            weight = float(weight_text)
        except ValueError:
            problems.append(f"{where}: weight {weight_text!r} is not a number")
            continue
        if not 0.0 <= weight <= 1.0:
            problems.append(f"{where}: weight {weight} must be between 0 and 1 (0 switches a cue off)")
            continue
        unknown = [g for g in guards if g not in GUARDS]
        if unknown:
            problems.append(f"{where}: unknown guard {', '.join(unknown)} (known: {', '.join(GUARDS)})")
            continue
        if not category:
            problems.append(f"{where}: category is empty")
            continue
        if pattern in seen:
            problems.append(f"{where}: pattern {pattern!r} repeats line {seen[pattern]}")
            continue
        seen[pattern] = lineno
        cues.append(Cue(dimension, pattern, category, weight, notes, guards, f"{path.name}:{lineno}"))
    return cues, problems


# --- the compiled lexicon -----------------------------------------------------------------


@dataclass
class Lexicon:
    """A validated, compiled set of cues for all dimensions. Build with :func:`load_lexicons`."""

    cues: tuple[Cue, ...]
    irregular: dict[str, set[str]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def __post_init__(self):
        compiler = PatternCompiler(self.irregular)
        # Cues are indexed by their first word, or, when their next slots are words too, by
        # the pair or triple of words, so a common first word ("is", "in") only brings up the
        # cues that can continue with the words that actually follow it.
        # Entries are (variant, cue, length, guards): ``length`` is set when the index lookup
        # itself proves the match (a plain one-, two- or three-word cue found by its words), so
        # the common cues skip the general matcher; ``guards`` are the cue's guard functions.
        self._by_word: dict[str, list[tuple[tuple, Cue, int | None, tuple]]] = {}
        self._by_pair: dict[tuple[str, str], list[tuple[tuple, Cue, int | None, tuple]]] = {}
        self._by_triple: dict[tuple[str, str, str], list[tuple[tuple, Cue, int | None, tuple]]] = {}
        self._by_prefix: dict[str, list[tuple[tuple, Cue, int | None, tuple]]] = {}
        # A weight-0 row switches off the word sequences it spells, in its dimension, whichever
        # row holds them: "on the verge of" at 0 silences that phrase of the shipped
        # "on the brink|verge|precipice|edge of" and leaves "on the brink of" alone.
        self._switched_off: dict[str, list[tuple]] = {}  # dimension: word-only variants at weight 0
        off_variants: set[tuple[str, tuple]] = set()
        for cue in self.cues:
            if cue.weight <= 0:
                for variant in compiler.compile(cue.pattern):
                    off_variants.add((cue.dimension, variant))
                    if all(slot[0] == "word" for slot in variant):
                        self._switched_off.setdefault(cue.dimension, []).append(variant)
        for cue in self.cues:
            if cue.weight <= 0:
                continue
            guards = tuple(GUARDS[g] for g in cue.guards)
            for variant in compiler.compile(cue.pattern):
                if (cue.dimension, variant) in off_variants:  # a gap or stem pattern switched off as written
                    continue
                first = variant[0]
                plain = all(slot[0] == "word" and slot[2] is None for slot in variant)
                if first[0] == "prefix":
                    self._by_prefix.setdefault(first[1], []).append((variant, cue, None, guards))
                elif (len(variant) > 2 and all(slot[0] == "word" for slot in variant[1:3])
                      and len(first[1]) * len(variant[1][1]) * len(variant[2][1]) <= _MAX_TRIPLE_KEYS):
                    # three words open it ("in the grip of", "it is likely"): index by the triple,
                    # as common openers such as "in the" would otherwise try it everywhere
                    entry = (variant, cue, 3 if plain and len(variant) == 3 else None, guards)
                    for key in product(first[1], variant[1][1], variant[2][1]):
                        self._by_triple.setdefault(key, []).append(entry)
                elif len(variant) > 1 and variant[1][0] == "word":
                    entry = (variant, cue, 2 if plain and len(variant) == 2 else None, guards)
                    for form in first[1]:
                        for second in variant[1][1]:
                            self._by_pair.setdefault((form, second), []).append(entry)
                else:
                    entry = (variant, cue, 1 if plain and len(variant) == 1 else None, guards)
                    for form in first[1]:
                        self._by_word.setdefault(form, []).append(entry)
        self._triple_pairs = frozenset(key[:2] for key in self._by_triple)
        self._pair_firsts = frozenset(first for first, _ in self._by_pair) | frozenset(first for first, _ in self._triple_pairs)
        self._triggers = frozenset(self._by_word) | self._pair_firsts
        self._prefixes = tuple(sorted(self._by_prefix, key=len))

    @property
    def prefix_stems(self) -> tuple[str, ...]:
        """The stems of the prefix cues ("speculat" of "speculat*"), shortest first."""
        return self._prefixes

    @cached_property
    def fingerprint(self) -> str:
        """Short hash of every active cue, so a report can say exactly which rules scored it."""
        digest = hashlib.sha256()
        for cue in sorted(self.cues, key=lambda c: (c.dimension, c.pattern)):
            digest.update(f"{cue.dimension}\t{cue.pattern}\t{cue.weight}\t{','.join(cue.guards)}\n".encode())
        for lemma in sorted(self.irregular):
            digest.update(f"{lemma}\t{','.join(sorted(self.irregular[lemma]))}\n".encode())
        return digest.hexdigest()[:12]

    def counts(self) -> dict[str, int]:
        return {d: sum(1 for c in self.cues if c.dimension == d and c.weight > 0) for d in DIMENSIONS}

    def match_tokens(self, tokens: Tokens, text: str, offset: int = 0) -> list[CueMatch]:
        """Find cues in one sentence's ``tokens``; ``text`` is what their offsets index
        (shifted by ``offset``). Returns matches in text order, longest per dimension. The
        words a context guard ruled out, which the model features need, come with :meth:`find`."""
        return self.find(tokens, text, offset)[0]

    def prefixes_in(self, lowered: str) -> bool:
        """Whether a prefix cue's stem ("speculat*") occurs in the lowercased ``lowered``: if
        not, no sentence of that text needs the prefix cues."""
        return any(stem in lowered for stem in self._prefixes)

    @cached_property
    def _opener_tables(self):
        """The cue index as numbers, for :meth:`openers`: an id per word of an index key, whether
        a word opens a one-word entry, and the sorted codes of the word pairs and triples."""
        import numpy as np

        words: dict[str, int] = {}
        for key in self._by_word:
            words.setdefault(key, len(words))
        for keys in (self._by_pair, self._by_triple):
            for key in keys:
                for word in key:
                    words.setdefault(word, len(words))
        size = len(words)
        single = np.zeros(size + 1, dtype=bool)  # the last slot: a word in no key
        single[[words[key] for key in self._by_word]] = True
        pairs = np.unique(np.array([words[a] * size + words[b] for a, b in self._by_pair], dtype=np.int64))
        triples = np.unique(np.array([(words[a] * size + words[b]) * size + words[c] for a, b, c in self._by_triple],
                                     dtype=np.int64))
        # each ends with a code above any real one, so a search never runs off the end
        end = np.array([np.iinfo(np.int64).max])
        return words, size, single, np.concatenate([pairs, end]), np.concatenate([triples, end])

    def opener_words(self) -> tuple[dict[str, int], int]:
        """The words of the cue index's keys with their ids, and how many there are (the id
        of a word in no key)."""
        words, size, _, _, _ = self._opener_tables
        return words, size

    def opener_singles(self):
        """Per word id (see :meth:`opener_words`), whether the word alone is an index key."""
        return self._opener_tables[2]

    def openers(self, lower: Sequence[str], ends, prefixes: bool = False):
        """Where cues can open, for many sentences' tokens laid end to end: a boolean array over
        ``lower``, true where :meth:`find` has index entries to try (a one-word key, or a pair
        or triple of words of one sentence; ``ends`` gives, per token, the end of its sentence in
        ``lower``), and with ``prefixes`` where a prefix cue's stem opens the word."""
        import numpy as np

        words, size, single, _, _ = self._opener_tables
        n = len(lower)
        ids = np.fromiter(map(words.get, lower, repeat(size)), dtype=np.int64, count=n)
        stems = np.zeros(n, dtype=bool)
        if prefixes and self._prefixes:
            stems = np.fromiter(map(str.startswith, lower, repeat(self._prefixes)), dtype=bool, count=n)
        return self.openers_of(ids, single[ids], ends, stems)

    def openers_of(self, ids, singles, ends, stems):
        """:meth:`openers` from the tokens' word ids (see :meth:`opener_words`), whether each
        is a one-word key, the end of each token's sentence, and whether a prefix stem opens it."""
        import numpy as np

        _, size, _, pairs, triples = self._opener_tables
        n = len(ids)
        found = singles | stems
        known = ids < size
        position = np.arange(n)
        for width, codes in ((2, pairs), (3, triples)):
            if n < width or len(codes) == 1:  # no key of this width (only the end marker)
                continue
            span = n - width + 1
            fits = (position[:span] + width <= ends[:span]) & known[:span]
            for k in range(1, width):
                fits &= known[k: span + k]
            at = fits.nonzero()[0]  # the words of one sentence, all in some key: only those are looked up
            code = ids[at]
            for k in range(1, width):
                code = code * size + ids[at + k]
            hit = codes[codes.searchsorted(code)] == code
            found[at[hit]] = True
        return found

    def find(self, tokens: Tokens, text: str, offset: int = 0, prefixes: bool = True,
             positions: Iterable[int] | None = None) -> tuple[list[CueMatch], frozenset[int]]:
        """Cues in one sentence's ``tokens`` (as :meth:`match_tokens`), and the positions of the
        cue words whose context rules their cue out ("could" of past ability, "May" the month)
        and that no other cue claims: the model reads those as another sense. ``prefixes=False``
        says the text has no prefix stem (see :meth:`prefixes_in`); ``positions``, the tokens
        where cues can open (see :meth:`openers`), when known."""
        found: list[tuple[int, int, Cue]] = []  # (first token, last token, cue)
        blocked: list[int] = []  # first tokens of cues a context guard ruled out
        by_word, by_pair, by_triple = self._by_word, self._by_pair, self._by_triple
        pair_firsts, triple_pairs, triggers = self._pair_firsts, self._triple_pairs, self._triggers
        switched_off = self._switched_off
        lower = tokens.lower
        n_tokens = len(lower)
        # Prefix cues ("speculat*") are rare; look for them only when the sentence has their stem.
        prefixes = self._prefixes if prefixes and self._prefixes and any(p in tokens.lowered for p in self._prefixes) else ()
        if positions is not None:
            pass
        elif prefixes:
            positions = range(n_tokens)
        else:  # only tokens that can open a cue (a C-speed filter: most tokens cannot)
            positions = compress(count(), map(triggers.__contains__, lower))
        for first in positions:
            word = lower[first]
            candidates = by_word.get(word)
            if word in pair_firsts and first + 1 < n_tokens:
                key = (word, lower[first + 1])
                pair = by_pair.get(key)
                if pair:
                    candidates = candidates + pair if candidates else pair
                if key in triple_pairs and first + 2 < n_tokens:
                    triple = by_triple.get((*key, lower[first + 2]))
                    if triple:
                        candidates = candidates + triple if candidates else triple
            if prefixes and word.startswith(prefixes):
                extra = [entry for stem in prefixes if word.startswith(stem) for entry in self._by_prefix[stem]]
                candidates = candidates + extra if candidates else extra
            if not candidates:
                continue
            for variant, cue, length, guards in candidates:
                last = first + length - 1 if length else _match_variant(variant, tokens, first)
                if last < 0:
                    continue
                if switched_off and _spells_any(lower[first:last + 1], switched_off.get(cue.dimension, ())):
                    continue
                for guard in guards:
                    if not guard(tokens, first, last):
                        blocked.append(first)
                        break
                else:
                    found.append((first, last, cue))
        other_sense = frozenset()
        if blocked:
            # a cue word whose context rules its cue out ("could" of past ability, "May" the
            # month) and that no other cue claims: tell the model features it is another sense
            claimed = {k for first, last, _ in found for k in range(first, last + 1)}
            other_sense = frozenset(k for k in blocked if k not in claimed)
        if not found:
            return [], other_sense
        return _select_longest(found, tokens, text, offset), other_sense


def _spells_any(words: list[str], variants) -> bool:
    """Whether ``words`` are exactly one of the word sequences of the word-only ``variants``."""
    return any(len(variant) == len(words) and all(w in slot[1] for w, slot in zip(words, variant)) for variant in variants)


def _slot_matches(slot, tokens: Tokens, position: int) -> bool:
    if not tokens.is_word[position]:
        return False
    if slot[0] == "word":
        return tokens.lower[position] in slot[1] and (slot[2] is None or tokens.text[position] == slot[2])
    return tokens.lower[position].startswith(slot[1])  # prefix


def _match_variant(variant: tuple, tokens: Tokens, first: int) -> int:
    """Index of the last token of the longest match of ``variant`` starting at ``first``, or -1."""
    if not _slot_matches(variant[0], tokens, first):
        return -1
    n_slots, n_tokens = len(variant), len(tokens)
    if n_slots == 1:
        return first
    best = -1
    is_word = tokens.is_word
    # Depth-first over gap lengths; gaps are bounded (<= patterns.MAX_GAP) so this stays small.
    stack = [(1, first + 1)]
    while stack:
        slot_index, position = stack.pop()
        if slot_index == n_slots:
            best = max(best, position - 1)
            continue
        slot = variant[slot_index]
        if slot[0] == "gap":
            for skip in range(slot[1], slot[2] + 1):
                end = position + skip
                if end > n_tokens:
                    break
                # gaps skip words only, so a phrase never reaches across a comma or full stop
                if all(is_word[position:end]):
                    stack.append((slot_index + 1, end))
        elif position < n_tokens and _slot_matches(slot, tokens, position):
            stack.append((slot_index + 1, position + 1))
    return best


def _select_longest(found, tokens: Tokens, text, offset) -> list[CueMatch]:
    """Keep, per dimension, non-overlapping matches preferring longer then stronger ones."""
    if len(found) == 1:  # the common case
        (first, last, cue), = found
        start, end = tokens.span(first, last)
        return [CueMatch(cue.dimension, start, end, text[start - offset : end - offset], cue.pattern, cue.category, cue.weight)]
    token_start, token_end = tokens.start, tokens.end
    # each match with its character span: longest first, then strongest, then first in the text
    spans = sorted(((token_start(first), token_end(last), first, last, cue) for first, last, cue in found),
                   key=lambda m: (m[0] - m[1], -m[4].weight, m[2]))
    taken: dict[str, set[int]] = {}  # token positions covered by kept matches, per dimension
    kept = []
    for start, end, first, last, cue in spans:
        covered = taken.setdefault(cue.dimension, set())
        if not covered.isdisjoint(range(first, last + 1)):
            continue
        covered.update(range(first, last + 1))
        kept.append(
            CueMatch(cue.dimension, start, end, text[start - offset : end - offset], cue.pattern, cue.category, cue.weight)
        )
    if len(kept) > 1:
        kept.sort(key=lambda m: (m.start, m.dimension))
    return kept


# --- loading ------------------------------------------------------------------------------


def shipped_lexicon_dir() -> Path:
    from ..resources import resource_dir

    return resource_dir("lexicons")


def _lexicon_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.tsv") if p.name != "inflections.tsv")


def load_lexicons(paths: Iterable[Path | str] = (), *, include_shipped: bool = True, lexicon_dir: Path | str | None = None,
                  liwc_map: dict[str, str] | None = None) -> Lexicon:
    """Load the shipped lexicons, then each extra file or directory in ``paths``.

    A later row with the same dimension and pattern overrides an earlier one (weight 0 turns a
    shipped cue off), except that a LIWC ``.dic`` entry only adds: it has no weight or context
    guards of its own, so replacing a shipped row would drop its guards ("in May" would become a
    hedge). Every problem in every file is gathered into one :class:`LexiconError`.
    """
    directory = Path(lexicon_dir) if lexicon_dir else shipped_lexicon_dir()
    files: list[Path] = []
    if include_shipped:
        if not directory.is_dir():
            raise LexiconError([f"{directory}: lexicon directory not found"])
        files.extend(_lexicon_files(directory))
    extra_inflections = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(_lexicon_files(path))
            extra_inflections.append(path / "inflections.tsv")
        else:
            files.append(path)
    problems: list[str] = []
    merged: dict[tuple[str, str], Cue] = {}
    for path in files:
        if path.suffix.lower() == ".dic":
            cues, file_problems = read_liwc_file(path, liwc_map)
        else:
            cues, file_problems = read_lexicon_file(path)
        problems.extend(file_problems)
        adds_only = path.suffix.lower() == ".dic"
        for cue in cues:
            if not (adds_only and (cue.dimension, cue.pattern) in merged):
                merged[(cue.dimension, cue.pattern)] = cue
    irregular: dict[str, set[str]] = {}
    for table_path in [directory / "inflections.tsv", *extra_inflections] if include_shipped else extra_inflections:
        try:
            for lemma, forms in load_inflections(table_path).items():
                irregular.setdefault(lemma, set()).update(forms)
        except LexiconError as error:
            problems.extend(error.problems)
    if problems:
        raise LexiconError(problems)
    return Lexicon(tuple(merged.values()), irregular, tuple(str(f) for f in files))
