"""Missing-value codes: a number that stands for "no reading" (-200, -999, -99.99, 9999).

Sensor and weather files mark a missing reading with a fixed value far outside what the
column measures. Trained on as a value, it dominates the scaling and the charts with
spikes, so reading takes such a value as missing by default and says so in one note per
value. A code is found per column: the column's lowest (or highest) value, repeated at
least MIN_REPEATS times and on MIN_SHARE of the column's cells, lying beyond the range of
all the other values by more than GAP_IQRS of their interquartile range. A value that
repeats at the edge of a real range (-30 in temperatures, 0 or 1 in a flag) is no code:
the other values reach up to it. Zero is never taken for a code: it is too often real
(no sales, no rain).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnnviz.celltypes import numeric_columns
from rnnviz.note import Note

MIN_REPEATS = 3
MIN_SHARE = 0.005
GAP_IQRS = 3.0
# A code of the other sign than every real value (-200 under readings of 7 to 1189) needs a
# smaller gap: a column that is mostly code has a wide spread in the few values left
# (NOx 2 to 1400 under -200), and a real value just across zero (-0.5 among 0 to 40
# degrees) still lies within a quarter of the spread.
OTHER_SIGN_IQRS = 0.25
MIN_REST = 5  # values besides the code, to measure their spread by
MOST_PER_END = 3  # codes looked for at each end of one column (-99.99 below -9.99)
# What a code is written as, for a column that holds nothing else: 99, -999, 99.99, -9.99,
# or a negative round number (-200).
CODE_LIKE = re.compile(r"-?9{2,}(?:\.9+)?|-?9\.9+|-[1-9]0{2,}")


def shown(value: float) -> str:
    """-200.0 as "-200", -99.99 as "-99.99"."""
    return f"{value:.10g}"


def column_codes(values: np.ndarray) -> tuple[float, ...]:
    """The missing-value codes of one column of numbers (NaN where a cell is missing)."""
    x = values[np.isfinite(values)]
    least = max(MIN_REPEATS, MIN_SHARE * len(x))
    codes: list[float] = []
    for pick in (np.min, np.max):
        for _ in range(MOST_PER_END):
            rest = x[~np.isin(x, codes)] if codes else x
            if len(rest) <= MIN_REST:
                break
            value = float(pick(rest))
            hit = rest == value
            if value == 0 or hit.sum() < least or not _far(value, rest[~hit]):
                break
            codes.append(value)
    return tuple(codes)


def _far(value: float, others: np.ndarray) -> bool:
    """`value` lies beyond the range of `others` by more than a few of their IQRs."""
    if len(others) < MIN_REST:
        return False
    q1, q3 = np.percentile(others, [25, 75])
    spread = (q3 - q1) or np.ptp(others)
    if spread <= 0:  # a flag column (0/1): the other values say nothing of a scale
        return False
    low, high = others.min(), others.max()
    gap = low - value if value < low else value - high
    other_sign = (value < 0 <= low) or (value > 0 >= high)
    return gap > (OTHER_SIGN_IQRS if other_sign else GAP_IQRS) * spread


def whole_column_code(values: np.ndarray) -> float | None:
    """The code a column holds in every cell (-999 everywhere), else None."""
    x = values[np.isfinite(values)]
    if len(x) < MIN_REPEATS or not (x == x[0]).all():
        return None
    return float(x[0]) if CODE_LIKE.fullmatch(shown(float(x[0]))) else None


def find_codes(table: pd.DataFrame) -> dict[float, dict[str, int]]:
    """Each code found -> {column: cells holding it}, in the table's column order."""
    found: dict[float, dict[str, int]] = {}
    for name in numeric_columns(table):
        values = table[name].to_numpy(dtype="float64", na_value=np.nan)
        for code in column_codes(values):
            found.setdefault(code, {})[name] = int((values == code).sum())
    return found


def read_codes(table: pd.DataFrame, keep: bool = False) -> tuple[pd.DataFrame, list[Note]]:
    """The table with its missing-value codes as NaN (unless `keep`), and a note for each
    code, and for each column that is a code in every cell (kept: it would be empty)."""
    found = find_codes(table)
    notes = [_code_note(code, columns, keep) for code, columns in found.items()]
    if found and not keep:
        table = table.copy()
        for code, columns in found.items():
            for name in columns:
                table[name] = table[name].mask(table[name] == code)
    for name in numeric_columns(table):
        code = whole_column_code(table[name].to_numpy(dtype="float64", na_value=np.nan))
        if code is not None:
            notes.append(Note("codes.whole_column", {"column": name, "value": shown(code)}))
    return table, notes


def _code_note(code: float, columns: dict[str, int], keep: bool) -> Note:
    state = "kept" if keep else "missing"
    params = {"value": shown(code), "cells": sum(columns.values()), "columns": tuple(columns)}
    if len(columns) == 1:
        return Note(f"codes.{state}_one", params)
    return Note(f"codes.{state}_many", {**params, "count": len(columns)})
