"""What each column of a table is for, the first guess of time axis, target and inputs,
and the warnings shown before training when a choice looks wrong.

A learner who trains on a row counter or on the calendar year gets a finished-looking
result about nonsense, so the first guess skips such columns, and a choice that picks one
is warned about. Warnings are codes with parameters (``RoleWarning``); the UI translates
them through the catalog keys ``roles.warn.<code>``. Nothing here imports streamlit.

Roles: date (datetime), index (a row counter or a column named like one), year (calendar
years), date_part (month/day/hour beside a year column), constant, categorical (text),
measure (a number that is none of the above: what a user means to predict), series (the key
of a stacked table: station, ticker; rnnviz.data.stacked), series_id (a number the same within each
series: a station's ID or latitude).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rnnviz.data import stacked
from rnnviz.data.dates import YEARS, is_year_axis
from rnnviz.data.reader import (
    DATE_NAME,
    TARGET_NAMES,
    DataError,
    Note,
    datetime_columns,
    numeric_columns,
)
from rnnviz.i18n import t

ROLES = (
    "date",
    "index",
    "year",
    "date_part",
    "constant",
    "categorical",
    "measure",
    "series",
    "series_id",
)
INDEX_NAMES = {"no", "no.", "id", "index", "idx", "unnamed: 0", "row", "rownum", "序号", "编号"}
YEAR_NAMES = {"year", "yr", "年", "年份"}
PART_RANGES = {  # lowercase name -> the values a date part takes
    "month": (1, 12),
    "月": (1, 12),
    "day": (1, 31),
    "日": (1, 31),
    "hour": (0, 23),
    "时": (0, 23),
    "小时": (0, 23),
    "minute": (0, 59),
    "分": (0, 59),
}
# Names users give the column they mean to predict, most telling first: the data module's
# (investing.com exports) and then common data-set names. Matched case-insensitively, whole
# name first, then as a part of a name ("Temp (C)").
TARGET_HINTS = tuple(n.lower() for n in TARGET_NAMES) + (
    "close",
    "price",
    "收盘价",
    "value",
    "sales",
    "销量",
    "销售额",
    "pm2.5",
    "temp",
    "temperature",
    "tavg",
    "tmax",
    "气温",
    "温度",
    "load",
    "demand",
    "passengers",
    "consumption",
    "count",
)
MIN_PAIRS = 200  # fewer training pairs and a model mostly memorises them


@dataclass(frozen=True)
class RoleWarning:
    """A warning as a stable code and its parameters; `text` translates it."""

    code: str
    params: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"roles.warn.{self.code}"

    @property
    def text(self) -> str:
        return self.format(str)

    def format(self, escape) -> str:
        """The text with each parameter through `escape` (``safe.md`` for Markdown)."""
        return Note(self.key, self.params).format(escape)


@dataclass(frozen=True)
class Roles:
    """Every column's role and the first guess of what to train on."""

    columns: tuple[tuple[str, str], ...]  # (column, role) in the table's order
    time_axis: str | None
    target: str
    inputs: tuple[str, ...]
    warnings: tuple[RoleWarning, ...] = ()

    def role(self, column: str) -> str | None:
        return dict(self.columns).get(column)

    def having(self, *roles: str) -> list[str]:
        return [c for c, r in self.columns if r in roles]


# ---------------------------------------------------------------- classifying columns


def _whole(values: pd.Series) -> bool:
    return bool(len(values) and (values == values.round()).all())


def _is_counter(values: pd.Series) -> bool:
    """0, 1, 2, ... or 1, 2, 3, ... (either direction: a newest-first file sorted)."""
    if not _whole(values) or values.min() not in (0, 1) or len(values) < 3:
        return False
    steps = np.diff(values.to_numpy())
    return bool((steps == 1).all() or (steps == -1).all())


def _is_part(name: str, values: pd.Series) -> bool:
    lo, hi = PART_RANGES.get(name, YEARS)
    return _whole(values) and bool(values.between(lo, hi).all())


def _numeric_role(name: str, values: pd.Series, split_date: bool) -> str:
    """`split_date`: the table has a year column and month/day/hour columns beside it."""
    present = values.dropna()
    lower = name.strip().lower()
    if split_date and (lower in YEAR_NAMES or lower in PART_RANGES) and _is_part(lower, present):
        return "date_part"  # before the rest: a day column 1, 2, 3 is no row counter
    if present.nunique() <= 1:
        return "constant"
    if _is_counter(present) or (lower in INDEX_NAMES and _whole(present)):
        return "index"
    if (
        lower not in YEAR_NAMES
        and lower not in PART_RANGES
        and DATE_NAME.search(name)
        and present.is_unique
        and (present.is_monotonic_increasing or present.is_monotonic_decreasing)
    ):
        return "index"  # dates or timestamps written as numbers (20200103, 1577836800): labels
    if lower in YEAR_NAMES and _whole(present) and present.between(*YEARS).all():
        return "year"
    if is_year_axis(values) and present.diff().dropna().nunique() == 1:
        return "year"  # evenly spaced years under another name (1990, 1995, ...)
    return "measure"


def classify(table: pd.DataFrame) -> dict[str, str]:
    """Each column's role (see ROLES), in the table's column order."""
    numbers, dates = set(numeric_columns(table)), set(datetime_columns(table))
    lower = {c.strip().lower() for c in table.columns}
    split_date = bool(lower & YEAR_NAMES and lower & PART_RANGES.keys())
    roles = {}
    for name in table.columns:
        if name in dates:
            roles[name] = "date"
        elif name in numbers:
            roles[name] = _numeric_role(name, table[name], split_date)
        else:
            roles[name] = "categorical"
    key = stacked.find_key(table)
    if key is not None:
        roles[key] = "series"
        roles.update(
            (c, "series_id") for c in stacked.id_columns(table, key) if roles[c] == "measure"
        )
    return roles


# ---------------------------------------------------------------- the first guess


def _hint_rank(name: str) -> int | None:
    lower = name.strip().lower()
    for rank, hint in enumerate(TARGET_HINTS):
        if lower == hint:
            return rank
    for rank, hint in enumerate(TARGET_HINTS):
        if hint in lower:
            return len(TARGET_HINTS) + rank
    return None


def pick_target(table: pd.DataFrame, roles: dict[str, str], prefer: str | None = None) -> str:
    """A measure a user would mean: `prefer` (a sample's target) if it is a number, else a
    measure named like a target, else the measure with the most values; with no measure,
    the least bad numeric column (the warnings then say what it is)."""
    numbers = numeric_columns(table)
    if not numbers:
        raise DataError(t("prep.no_numeric"))
    if prefer in numbers:
        return prefer
    measures = [c for c in numbers if roles[c] == "measure"]
    hinted = sorted((r, i, c) for i, c in enumerate(measures) if (r := _hint_rank(c)) is not None)
    if hinted:
        return hinted[0][2]
    if measures:  # max keeps the first of equals: the table's order breaks ties
        return max(measures, key=lambda c: int(table[c].notna().sum()))
    fallback = ("series_id", "date_part", "year", "index", "constant", "series")
    return min(numbers, key=lambda c: fallback.index(roles[c]))


def default_roles(table: pd.DataFrame, prefer: str | None = None) -> Roles:
    """Roles of a table (as read by rnnviz.data.reader.read_table) and the first guess: a date
    column, else a year column, as the time axis; the best measure as the target; the
    target alone as the input."""
    roles = classify(table)
    axis = next((c for c, r in roles.items() if r == "date"), None)
    axis = axis or next((c for c, r in roles.items() if r == "year"), None)
    target = pick_target(table, roles, prefer)
    warnings = tuple(_target_warnings(target, roles[target]))
    return Roles(tuple(roles.items()), axis, target, (target,), warnings)


# ---------------------------------------------------------------- warnings before training


def _target_warnings(target: str, role: str) -> list[RoleWarning]:
    codes = {
        "index": "target_index",
        "year": "target_year",
        "date_part": "target_date_part",
        "constant": "target_constant",
        "series": "target_series",
        "series_id": "target_series_id",
    }
    return [RoleWarning(codes[role], {"column": target})] if role in codes else []


def check_choice(
    table: pd.DataFrame,
    roles: Roles,
    target: str,
    inputs,
    window: int,
    train_rows: int,
    horizon: int = 1,
) -> list[RoleWarning]:
    """What looks wrong in the user's choice, before training. `train_rows`: rows in the
    training split (``prep.split_rows(n, val_frac, test_frac)[0]``)."""
    inputs = tuple(inputs) or (target,)
    found = _target_warnings(target, roles.role(target) or "measure")
    if target not in inputs:
        found.append(RoleWarning("target_not_input", {"column": target}))
    odd = [c for c in inputs if c != target and roles.role(c) in ("index", "year", "date_part")]
    if odd:
        found.append(RoleWarning("input_counter", {"columns": ", ".join(odd)}))
    found += _pair_warnings(window, train_rows, horizon)
    if len(inputs) > train_rows:
        found.append(RoleWarning("wide", {"features": len(inputs), "rows": train_rows}))
    return found


def repeated_dates(index) -> list[RoleWarning]:
    """A time axis whose dates repeat (a stacked table, a date without its time of day)."""
    found = stacked.repeated(index)
    if found is None:
        return []
    count, first, times = found
    return [RoleWarning("repeated_dates", {"count": count, "first": first, "times": times})]


def train_pairs(train_rows: int, window: int, horizon: int = 1) -> int:
    """(window, next value) pairs whose target lies in the training rows."""
    return max(0, train_rows - window - horizon + 1)


def _pair_warnings(window: int, train_rows: int, horizon: int) -> list[RoleWarning]:
    pairs = train_pairs(train_rows, window, horizon)
    if pairs >= MIN_PAIRS:
        return []
    enough = train_rows - horizon + 1 - MIN_PAIRS  # the longest window giving MIN_PAIRS
    shorter = enough if enough >= 2 else max(2, train_rows // 5)
    if shorter < window:
        return [
            RoleWarning(
                "few_pairs",
                {
                    "pairs": pairs,
                    "window": window,
                    "minimum": MIN_PAIRS,
                    "suggest": shorter,
                    "pairs_then": train_pairs(train_rows, shorter, horizon),
                },
            )
        ]
    return [RoleWarning("few_rows", {"pairs": pairs, "rows": train_rows, "minimum": MIN_PAIRS})]
