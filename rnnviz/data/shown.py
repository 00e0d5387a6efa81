"""Numbers written for people: a value read back through float32 and a scaler carries
noise (2.70001 for 2.7, -1.01328e-06 for 0); each column is rounded to the precision its
own values show, at most SIGNIFICANT digits of its magnitude (its largest value, or the
scale it was stored at: noise from scaling is relative to the scale, not to each value)."""

from __future__ import annotations

import math

import numpy as np

SIGNIFICANT = 6  # digits kept of a column's largest value
MAX_DECIMALS = 12
NOISE = 1e-5  # of the column's largest value: float32 round trips stay far below it


def decimals(column, magnitude: float = 0.0) -> int:
    """The fewest decimal places (0..) that write every value of `column` within its noise:
    a column of 2.7, 13.4 gets 1; one of prices 101.25 gets 2; `magnitude`, where larger
    than the values, sets the noise (a window of dry days in a rain column is all 0)."""
    x = np.asarray(column, np.float64).ravel()
    x = x[np.isfinite(x)]
    top = max(float(np.abs(x).max()) if x.size else 0.0, abs(float(magnitude)))
    if top == 0.0:
        return 0
    most = max(0, min(MAX_DECIMALS, SIGNIFICANT - 1 - math.floor(math.log10(top))))
    tol = top * NOISE
    return next((d for d in range(most) if np.abs(np.round(x, d) - x).max() <= tol), most)


def number(value: float, places: int) -> str:
    """`value` rounded to `places` decimals, without trailing zeros or a sign on zero."""
    if not math.isfinite(value):
        return str(value)
    rounded = round(float(value), places) + 0.0  # + 0.0: -0.0 is written 0
    return np.format_float_positional(rounded, precision=places, unique=True, trim="-")


def columns(values, magnitudes=None) -> list[list[str]]:
    """[T, F] values as text, rows of strings, each column at its own precision
    (`magnitudes` [F]: each column's scale, see `decimals`)."""
    x = np.asarray(values, np.float64)
    x = x[:, None] if x.ndim == 1 else x
    tops = (
        np.zeros(x.shape[1])
        if magnitudes is None
        else np.nan_to_num(np.asarray(magnitudes, np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    )
    places = [decimals(x[:, f], tops[f]) for f in range(x.shape[1])]
    return [[number(v, places[f]) for f, v in enumerate(row)] for row in x]
