"""Find the data directories (``lexicons/``, ``models/``) that ship beside the package.

In a source checkout or editable install they sit next to ``hedgeometer/``; a regular install
puts them under ``<prefix>/share/hedgeometer/`` (``data_files`` in setup.cfg).
"""

from __future__ import annotations

import sys
import sysconfig
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
