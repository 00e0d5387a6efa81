"""What the arrays of a saved run must mean before the run is rebuilt from them.

The header check (rnnviz/files/model_file.py) proves a file's data tensors have the names, dtypes
and lengths the settings imply; this module proves their values can be computed with:
every number finite and within bounds, dates that run strictly forward inside the range
pandas and Python's datetime can both show, and a scaler that divides by a positive
number. Each refusal is a ValueError naming the field, never the file's own text.

The bounds are the ones preparing data enforces (rnnviz/data/prep.py), so that any file
rnnviz saves loads again: scaled values at most MAX_SCALED, values in their own units at
most MAX_RAW, whose differences and sums over every row stay finite.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np

from rnnviz.data.prep import MAX_RAW, MAX_SCALED
from rnnviz.data.windows import Scaler
from rnnviz.i18n import t

# Nanoseconds in one step of each date unit a file may name (numpy's codes).
UNIT_NS = {
    "D": 86_400 * 10**9,
    "h": 3_600 * 10**9,
    "m": 60 * 10**9,
    "s": 10**9,
    "ms": 10**6,
    "us": 10**3,
    "ns": 1,
}
_EPOCH = datetime(1970, 1, 1)
_US = timedelta(microseconds=1)
# Python's datetime ends at years 1 and 9999 (pandas' Timestamp.to_pydatetime, strftime and
# the CSV writer with it); nanosecond dates end sooner, where int64 does (1677 to 2262).
FIRST_NS = (datetime(1, 1, 1) - _EPOCH) // _US * 1000
LAST_NS = (datetime(9999, 12, 31, 23, 59, 59, 999_999) - _EPOCH) // _US * 1000 + 999
INT64 = 2**63 - 1  # -2**63 is NaT
MAX_ROW_NUMBER = 2**53  # row numbers past it lose their last digits as float64 (plotly's axis)


def _error(key: str, field: str, **params) -> ValueError:
    return ValueError(t(f"files.{key}", field=field, **params))


def values(array: np.ndarray, field: str, bound: float) -> None:
    """Every value finite and within ±bound; ValueError naming `field` otherwise.

    min and max propagate NaN and see ±inf, and unlike isfinite or abs they allocate
    nothing the size of the array."""
    if not array.size:
        return
    lo, hi = float(array.min()), float(array.max())
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise _error("not_finite", field)
    if lo < -bound or hi > bound:
        raise _error("too_large", field, most=f"{bound:.0e}")


def scaled(array: np.ndarray, field: str) -> None:
    """Scaled values: what preparing data refuses past (MAX_SCALED) is refused here too."""
    values(array, field, MAX_SCALED)


def raw(array: np.ndarray, field: str) -> None:
    """Values in their own units: MAX_RAW, as preparing data refuses past it."""
    values(array, field, MAX_RAW)


def series_arrays(arrays: dict[str, np.ndarray]) -> None:
    """A saved series: scaled arrays within what preparing data allows, the others in
    their own units."""
    for name in ("data.values", "data.target", "data.extra"):
        if name in arrays:
            scaled(arrays[name], name)
    for name in ("data.raw_target", "data.raw_extra"):
        if name in arrays:
            raw(arrays[name], name)


def number(value) -> bool:
    """A JSON number that is a finite float64: a 400-digit integer is none (float() of it
    overflows), and neither are NaN and Infinity, which Python's JSON reader accepts."""
    if type(value) not in (int, float):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def date_range(unit: str) -> tuple[int, int]:
    """The first and last count of `unit` since 1970 that every reader of dates can show."""
    step = UNIT_NS[unit]
    return max(-((-FIRST_NS) // step), -INT64), min(LAST_NS // step, INT64)


def index_problem(ints: np.ndarray, unit: str | None) -> str | None:
    """Why an index (counts of `unit` since 1970, or row numbers for None) cannot be the
    x axis of a run, as a catalog key; None when it runs strictly forward within range."""
    if unit is not None and (not isinstance(unit, str) or unit not in UNIT_NS):
        return "files.index_unit"
    if not len(ints):
        return None
    lo, hi = date_range(unit) if unit else (-MAX_ROW_NUMBER, MAX_ROW_NUMBER)
    if int(ints.min()) < lo or int(ints.max()) > hi:  # NaT, the smallest int64, included
        return "files.index_dates" if unit else "files.index_rows"
    if len(ints) > 1 and not (ints[1:] > ints[:-1]).all():  # repeated, shuffled or constant
        return "files.index_order"
    return None


def index(ints: np.ndarray, unit: str | None, field: str = "data.index") -> None:
    if problem := index_problem(ints, unit):
        raise ValueError(t(problem, field=field))


def scaler(s: Scaler, kind: str, field: str = "scaler") -> None:
    """A scaler of the preparation's own kind that divides by a positive, finite number
    and shifts by a finite one; "none" scales nothing (0 and 1, as Scaler.fit writes)."""
    if s.kind != kind:
        raise _error("scaler_kind", field)
    if not (np.isfinite(s.loc).all() and np.isfinite(s.scale).all()):
        raise _error("not_finite", field)
    if (s.scale <= 0).any():
        raise _error("scale_positive", f"{field}.scale")
    # A min-max scale is a range of values within ±MAX_RAW: at most twice the bound.
    if (np.abs(s.loc) > MAX_RAW).any() or (s.scale > 2 * MAX_RAW).any():
        raise _error("too_large", field, most=f"{MAX_RAW:.0e}")
    if kind == "none" and ((s.loc != 0).any() or (s.scale != 1).any()):
        raise _error("scaler_kind", field)
