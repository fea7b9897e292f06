"""Find the data directories (``lexicons/``, ``models/``) that ship beside the package, and the
seed articles that ship inside it.

In a source checkout or editable install the directories sit next to ``hedgeometer/``; a regular
install puts them under ``<prefix>/share/hedgeometer/`` (``data_files`` in setup.cfg). The seed
articles are package data (``hedgeometer/data/seeds/``, copies of the repository's ``seeds/``),
read with :mod:`importlib.resources`, so a notebook or script finds them wherever it runs.
"""

from __future__ import annotations

import sys
import sysconfig
from importlib import resources
from pathlib import Path


def resource_dir(name: str) -> Path:
    """Return the first existing ``name`` directory, or the source-tree path if none exists."""
    source = Path(__file__).resolve().parent.parent / name
    candidates = [
        source,
        Path(sys.prefix) / "share" / "hedgeometer" / name,
        Path(sysconfig.get_path("data")) / "share" / "hedgeometer" / name,
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return source


def seed_text(name: str = "damascus-talks.txt") -> str:
    """The text of a seed article shipped with the package: ``"damascus-talks.txt"`` (the
    reference article) or ``"rewrites/damascus-talks-calm.txt"`` (the same story in plain wire
    style), wherever the caller's working folder is.

    >>> seed_text().splitlines()[0]
    'Russia and Syria Strengthen Military Ties Amid Strategic Ambiguity'
    """
    seeds = resources.files("hedgeometer").joinpath("data", "seeds")
    path = seeds.joinpath(*name.split("/"))
    if not path.is_file():
        shipped = sorted(f"{p.name}" for p in seeds.iterdir() if p.is_file())
        raise FileNotFoundError(f"no seed article {name!r}; shipped: {', '.join(shipped)} and rewrites/...")
    return path.read_text(encoding="utf-8")
