"""Which scanner runs: the compiled twin (``hedgeometer.text._scan``, built by ``pip install`` when a C
compiler is there) or the pure-Python reference (:mod:`hedgeometer.text.scan`). Both give the same
results; the compiled one is faster. ``CORE`` says which runs (``"compiled"`` or ``"python"``,
also in every report's provenance); ``HEDGEOMETER_PURE_PYTHON=1`` forces the pure-Python one.
"""

from __future__ import annotations

import os
import warnings

from . import scan as python_scan

PURE_PYTHON_VARIABLE = "HEDGEOMETER_PURE_PYTHON"


def _compiled():
    """The compiled twin, or None when it is not built, switched off or out of date."""
    if os.environ.get(PURE_PYTHON_VARIABLE, "").strip() not in ("", "0"):
        return None
    try:
        from . import _scan
    except ImportError:
        return None
    if getattr(_scan, "SCAN_VERSION", None) != python_scan.SCAN_VERSION:
        # an extension built from an older _scan.pyx (an editable install not rebuilt)
        warnings.warn("hedgeometer: the compiled scanner is out of date (rebuild with pip install -e .); "
                      "using the pure-Python one", RuntimeWarning, stacklevel=2)
        return None
    return _scan


compiled_scan = _compiled()
CORE = "python"
find_tokens = token_starts = type_ids = punkt_spans = None  # set by use()


def use(core: str) -> None:
    """Run ``core`` from now on: ``"compiled"`` (when built) or ``"python"``, for benchmarks
    and tests that compare the two in one process. Callers reach the functions through this
    module (``scanner.find_tokens(...)``), so the switch takes effect at once."""
    global CORE, find_tokens, token_starts, type_ids, punkt_spans
    if core == "compiled":
        if compiled_scan is None:
            raise RuntimeError("the compiled scanner is not built (or HEDGEOMETER_PURE_PYTHON is set)")
        chosen = compiled_scan
    elif core == "python":
        chosen = python_scan
    else:
        raise ValueError(f"core must be 'compiled' or 'python', not {core!r}")
    CORE = core
    find_tokens, token_starts, type_ids = chosen.find_tokens, chosen.token_starts, chosen.type_ids
    punkt_spans = chosen.punkt_spans


use("compiled" if compiled_scan is not None else "python")
