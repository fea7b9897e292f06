"""The one rounding of every score: to 6 decimal places, exactly as Python's ``round`` does."""

from __future__ import annotations

import numpy as np


def round6(matrix: np.ndarray) -> np.ndarray:
    """Round to 6 decimal places exactly as Python's ``round`` does.

    ``np.round`` scales by 1e6 first, so a value whose scaled form lies within an ulp of a
    half (0.0580015) can round the other way; away from halves both give the same float. So
    round with numpy and redo the few values near a half with Python."""
    scaled = matrix * 1e6
    rounded = np.rint(scaled) / 1e6  # what np.round(matrix, 6) does, without its dispatch
    fraction = scaled - np.floor(scaled)
    near_half = np.abs(fraction - 0.5) < 1e-6
    if np.logical_or.reduce(near_half, axis=None):
        rounded[near_half] = [round(v, 6) for v in matrix[near_half].tolist()]
    return rounded
