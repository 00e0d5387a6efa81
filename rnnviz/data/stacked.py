"""Stacked (long-format) tables: several series one below or among the other, told apart by
a key column (station, ticker, region, country).

Trained on as one series, four weather stations interleaved make a model of jumps between
stations, and the key (a station number) looks like the best target. So a key is found,
never offered as the default target, and one series is picked by default; the Data page
offers the others. Numbers that are the same within each series and take few values (a
station's ID, its latitude) are IDs, never the default target either.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnviz.data.celltypes import datetime_columns, numeric_columns

MOST_SERIES = 1000  # distinct keys a table may stack; more is an ID per row, not a key
REPEATED = 0.2  # of a time axis' values repeated before a key is looked for
UNIQUE_PAIRS = 0.95  # of (time, key) pairs unique: each series has one row per time
MIN_ROWS_PER_SERIES = 2


def label(value) -> str:
    """A key value as the choice shows it and a link carries it: 72503.0 as "72503"."""
    if isinstance(value, (float, np.floating)) and np.isfinite(value):
        return f"{value:.15g}"
    return str(value).strip()


def labels(column: pd.Series) -> pd.Series:
    """Every cell of a key column as its label (NaN stays NaN)."""
    return column.map(label, na_action="ignore")


def _candidates(table: pd.DataFrame, axis: str | None) -> list[str]:
    numbers = set(numeric_columns(table))
    dates = set(datetime_columns(table))
    found = []
    for name in table.columns:
        if name in dates or name == axis:
            continue
        n = table[name].nunique(dropna=True)
        if 2 <= n <= min(MOST_SERIES, len(table) // MIN_ROWS_PER_SERIES):
            found.append((name not in numbers, -n, name))  # text keys first, then fewest
    return [name for *_, name in sorted(found, reverse=True)]


def find_key(table: pd.DataFrame, axis: str | None = None) -> str | None:
    """The column telling the series apart, or None for a single series: with a time axis
    whose values repeat, a column making (time, key) unique; without one, a text column
    whose values come in one block each (a file of stations one after the other)."""
    axis = axis or next(iter(datetime_columns(table)), None)
    if axis is not None and table[axis].duplicated().mean() >= REPEATED:
        for name in _candidates(table, axis):
            pairs = table[[axis, name]].dropna()
            if len(pairs) and 1 - pairs.duplicated().mean() >= UNIQUE_PAIRS:
                return name
        return None
    numbers = set(numeric_columns(table))
    for name in _candidates(table, axis):
        cells = table[name].dropna()
        blocks = int((cells != cells.shift()).sum())
        if name not in numbers and blocks == cells.nunique() and len(cells) >= 10 * blocks:
            return name
    return None


def id_columns(table: pd.DataFrame, key: str) -> list[str]:
    """Numeric columns with one value within each series and several across them."""
    groups = table.groupby(labels(table[key]), sort=False)
    found = []
    for name in numeric_columns(table):
        if name == key or table[name].nunique() < 2:
            continue
        if (groups[name].nunique(dropna=True) <= 1).all():
            found.append(name)
    return found


@dataclass(frozen=True)
class Series:
    """One series of a stacked table: its key value (as a label) and its rows."""

    value: str
    rows: int


def series(table: pd.DataFrame, key: str) -> list[Series]:
    """The table's series, the longest first (ties: as they first appear)."""
    counts = labels(table[key]).value_counts(sort=False)
    order = sorted(range(len(counts)), key=lambda i: -int(counts.iloc[i]))
    return [Series(str(counts.index[i]), int(counts.iloc[i])) for i in order]


def select(table: pd.DataFrame, key: str, value: str) -> pd.DataFrame:
    """The rows of one series, in the table's order."""
    return table[labels(table[key]) == value].reset_index(drop=True)


def repeated(index: np.ndarray) -> tuple[int, str, int] | None:
    """(time values that repeat, the first such, how often it appears) of a time axis of
    dates; None when each appears once (or the axis is row numbers)."""
    if not (isinstance(index, np.ndarray) and index.dtype.kind == "M") or len(index) < 2:
        return None
    values, counts = np.unique(index, return_counts=True)
    twice = counts > 1
    if not twice.any():
        return None
    first = int(np.argmax(twice))
    shown = str(pd.Timestamp(values[first]))
    shown = shown[:10] if shown.endswith("00:00:00") else shown
    return int(twice.sum()), shown, int(counts[first])
