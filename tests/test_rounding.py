"""The one rounding of every score (hedgeometer.rounding.round6): Python's ``round`` to 6 places,
also on values whose scaled form lies near a half, where ``np.round`` can go the other way."""

import random

import numpy as np

from hedgeometer.rounding import round6


def near_halves(count=2000, seed=3):
    """Values x.xxxxxx5 as floats (just above or below the exact half), plus the docstring's case."""
    rng = random.Random(seed)
    return [0.0580015] + [(rng.randrange(10**6) + 0.5) / 1e6 for _ in range(count)]


def test_round6_is_pythons_round_near_halves():
    values = near_halves()
    assert round6(np.array(values)).tolist() == [round(v, 6) for v in values]


def test_near_halves_are_where_np_round_differs():
    """Without the fix-up the test above fails: np.round rounds some of these values the other way."""
    values = near_halves()
    differ = [v for v, r in zip(values, np.round(np.array(values), 6).tolist()) if r != round(v, 6)]
    assert 0.0580015 in differ and len(differ) > 100


def test_round6_keeps_the_shape_and_rounds_plain_values():
    matrix = np.array([[0.1234564, 0.9, 1 / 3], [2 / 3, 0.0, 1.0]])
    rounded = round6(matrix)
    assert rounded.shape == (2, 3)
    assert rounded.tolist() == [[0.123456, 0.9, 0.333333], [0.666667, 0.0, 1.0]]
