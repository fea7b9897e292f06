"""Read LIWC-style ``.dic`` dictionaries as hedgeometer cues.

The public LIWC format has a category header between two ``%`` lines (``number<TAB>name``),
then one entry per line: a word or phrase, optionally ending in ``*`` (any ending), followed by
the numbers of its categories. A small mapping (``tentat=hedging,certain=booster``) says which
LIWC categories feed which hedgeometer dimension; entries in unmapped categories are ignored.
Entries become ordinary cues, so they are matched by the same compiled index as the TSV
lexicons and can never hang.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping

from ..dimensions import DEFAULT_THRESHOLD, DIMENSIONS
from ..errors import Hint, Message
from .cues import Cue
from .patterns import PatternCompiler

LIWC_WEIGHT = DEFAULT_THRESHOLD  # one dictionary word is enough to flag a sentence at the default threshold


def parse_liwc_map(text: str) -> dict[str, str]:
    """Parse ``"tentat=hedging,certain=booster"`` into a mapping; raise ValueError if malformed."""
    mapping = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        category, sep, dimension = item.partition("=")
        if not sep or not category.strip() or dimension.strip() not in DIMENSIONS:
            raise ValueError(f"{item!r} is not CATEGORY=DIMENSION with DIMENSION one of {', '.join(DIMENSIONS)}")
        mapping[category.strip().lower()] = dimension.strip()
    if not mapping:
        raise ValueError("the LIWC map is empty")
    return mapping


def read_liwc_file(path: Path | str, liwc_map: Mapping[str, str] | None) -> tuple[list[Cue], list[str]]:
    """Return the cues of a ``.dic`` file for the mapped categories, and every problem found."""
    path = Path(path)
    if not liwc_map:
        return [], [Message(f"{path}: a LIWC .dic file needs ", Hint("liwc_map", {"CATEGORY": "DIMENSION"}),
                            " to say what it measures")]
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except FileNotFoundError:
        return [], [f"{path}: no such file"]
    except UnicodeDecodeError as error:
        return [], [f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]
    markers = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(markers) < 2:
        return [], [f"{path}:1: expected a category header between two '%' lines"]
    problems: list[str] = []
    categories: dict[str, str] = {}
    for i in range(markers[0] + 1, markers[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) != 2 or not parts[0].isdigit():
            problems.append(f"{path}:{i + 1}: category lines are 'NUMBER<TAB>name', got {lines[i].strip()!r}")
            continue
        categories[parts[0]] = parts[1].lower()
    unknown = set(liwc_map) - set(categories.values())
    if unknown:
        problems.append(Message(f"{path}:{markers[0] + 1}: ", Hint("liwc_map"),
                                f" names categories not in the file: {', '.join(sorted(unknown))}"))
    compiler = PatternCompiler({})
    cues: dict[tuple[str, str], Cue] = {}
    for i in range(markers[1] + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        match = re.match(r"^(.*?)((?:\s+\d+)+)\s*$", line)
        if not match:
            problems.append(f"{path}:{i + 1}: expected 'word<TAB>category numbers', got {line!r}")
            continue
        entry, numbers = match.group(1).strip().lower(), match.group(2).split()
        missing = [n for n in numbers if n not in categories]
        if missing:
            problems.append(f"{path}:{i + 1}: category {', '.join(missing)} is not declared in the header")
            continue
        pattern = entry
        if entry.endswith("*") and len(entry.rstrip("*")) < 3:
            pattern = entry.rstrip("*")  # very short stems match the word exactly
        try:
            compiler.compile(pattern)
        except ValueError as error:
            problems.append(f"{path}:{i + 1}: cannot use entry {entry!r}: {error}")
            continue
        for number in numbers:
            dimension = liwc_map.get(categories[number])
            if dimension:
                cues[(dimension, pattern)] = Cue(dimension, pattern, f"liwc-{categories[number]}", LIWC_WEIGHT,
                                                 f"LIWC {path.name}", (), f"{path.name}:{i + 1}")
    return list(cues.values()), problems
