import os

import pytest

from hedgeometer.text import scanner

REQUIRED = os.environ.get("HEDGEOMETER_REQUIRE_COMPILED", "").strip() not in ("", "0")


@pytest.fixture(scope="module")
def compiled():
    """The compiled twin; skipped when not built, unless it is required."""
    if scanner.compiled_scan is None:
        message = ("the compiled scanner is not built (pip install -e . with a C compiler), or "
                   "HEDGEOMETER_PURE_PYTHON is set")
        if REQUIRED:
            pytest.fail(f"HEDGEOMETER_REQUIRE_COMPILED is set but {message}")
        pytest.skip(message)
    return scanner.compiled_scan
