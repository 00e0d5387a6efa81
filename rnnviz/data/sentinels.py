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
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnviz.data.celltypes import numeric_columns
from rnnviz.data.note import Note

MIN_REPEATS = 3
MIN_SHARE = 0.005
GAP_IQRS = 3.0
# A code of the other sign than every real value (-200 under readings of 7 to 1189) needs a
# smaller gap: a column that is mostly code has a wide spread in the few values left
# (NOx 2 to 1400 under -200), and a real value just across zero (-0.5 among 0 to 40
# degrees) still lies within a quarter of the spread.
OTHER_SIGN_IQRS = 0.25
MIN_REST = 5  # values besides the code, to measure their spread by
# Distinct values besides the code: a column of a few station numbers or IDs has one far
# from the others by nature, and its spread says nothing of a scale.
MIN_DISTINCT = 8
MOST_PER_END = 3  # codes looked for at each end of one column (-99.99 below -9.99)
# The notes naming codes found (rnnviz.session.workspace swaps them when the user keeps the codes).
NOTE_KEYS = ("codes.missing_one", "codes.missing_many", "codes.kept_one", "codes.kept_many")
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
    if len(others) < MIN_REST or len(np.unique(others)) < MIN_DISTINCT:
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


@dataclass(frozen=True, eq=False)
class Code:
    """One missing-value code of one column, and the rows (positions) that held it: enough
    to give the values back when the user keeps them, without reading the file again."""

    column: str
    value: float
    rows: np.ndarray


def locate(table: pd.DataFrame) -> tuple[Code, ...]:
    """Every code of every numeric column, with the rows holding it."""
    found = []
    for name in numeric_columns(table):
        values = table[name].to_numpy(dtype="float64", na_value=np.nan)
        for value in column_codes(values):
            found.append(Code(name, value, np.flatnonzero(values == value).astype(np.int64)))
    return tuple(found)


def as_missing(table: pd.DataFrame, codes: tuple[Code, ...]) -> pd.DataFrame:
    """The table with each code's cells as NaN."""
    return _write(table, codes, keep=False)


def restore(table: pd.DataFrame, codes: tuple[Code, ...]) -> pd.DataFrame:
    """The table with each code's cells holding the code again (the user keeps them)."""
    return _write(table, codes, keep=True)


def _write(table: pd.DataFrame, codes: tuple[Code, ...], keep: bool) -> pd.DataFrame:
    if not codes:
        return table
    table = table.copy()
    for code in codes:
        table.iloc[code.rows, table.columns.get_loc(code.column)] = code.value if keep else np.nan
    return table


def notes(codes: tuple[Code, ...], keep: bool) -> list[Note]:
    """One note per code value, naming its columns and cells."""
    by_value: dict[float, dict[str, int]] = {}
    for code in codes:
        by_value.setdefault(code.value, {})[code.column] = len(code.rows)
    return [_code_note(value, columns, keep) for value, columns in by_value.items()]


def whole_column_notes(table: pd.DataFrame) -> list[Note]:
    """A note for each column that is a code in every cell (kept: it would be empty)."""
    found = []
    for name in numeric_columns(table):
        code = whole_column_code(table[name].to_numpy(dtype="float64", na_value=np.nan))
        if code is not None:
            found.append(Note("codes.whole_column", {"column": name, "value": shown(code)}))
    return found


def _code_note(code: float, columns: dict[str, int], keep: bool) -> Note:
    state = "kept" if keep else "missing"
    params = {"value": shown(code), "cells": sum(columns.values()), "columns": tuple(columns)}
    if len(columns) == 1:
        return Note(f"codes.{state}_one", params)
    return Note(f"codes.{state}_many", {**params, "count": len(columns)})
