"""How often a series' rows come (hourly, daily, monthly, ...) and the season that goes with it.

`detect` reads a time axis as real files hold it: unsorted or newest first, with duplicate
rows, missing days, month-start or month-end labels and a few gaps. It sorts the distinct
timestamps and classifies their median step; the axis is "irregular" when too few steps
fit that class. pandas' own `infer_freq` is asked first: it names a perfectly regular axis
exactly (business days with no holiday included), and gives up on the rest.

Codes in, labels out: the engine speaks in the codes of SEASONS, `label` translates them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnviz.data.dates import is_year_axis, years_as_dates
from rnnviz.data.reader import naive_dates
from rnnviz.i18n import t

# code -> the steps in one season: a season-long window sees the same hour, weekday or
# month of the previous cycle, and the seasonal-naive baseline looks that far back.
SEASONS: dict[str, int | None] = {
    "hourly": 24,
    "daily": 7,
    "business": 5,
    "weekly": 52,
    "monthly": 12,
    "quarterly": 4,
    "yearly": None,
    "irregular": None,
    "none": None,
}
DAY = 86_400.0  # seconds
# The steps each code allows, in days: months run 28 to 31 days, quarters 89 to 92; the
# slack on hours and days absorbs a clock change in dates read as UTC.
STEPS: dict[str, tuple[float, float]] = {
    "hourly": (50 / 1440, 70 / 1440),
    "daily": (0.9, 1.1),
    "weekly": (6.5, 7.5),
    "monthly": (27.5, 31.5),
    "quarterly": (88.5, 92.5),
    "yearly": (364.5, 366.5),
}
REGULAR = 0.8  # share of steps that must fit the median's class: a few gaps are fine
WEEKEND = 0.02  # at most this share of Saturdays and Sundays: a weekday (business) axis
# pandas offsets by class name: a regular axis infer_freq names (only one unit per step)
OFFSETS = {
    "Hour": "hourly",
    "Day": "daily",
    "BusinessDay": "business",
    "Week": "weekly",
    "MonthBegin": "monthly",
    "MonthEnd": "monthly",
    "BusinessMonthBegin": "monthly",
    "BusinessMonthEnd": "monthly",
    "QuarterBegin": "quarterly",
    "QuarterEnd": "quarterly",
    "BQuarterBegin": "quarterly",
    "BQuarterEnd": "quarterly",
    "YearBegin": "yearly",
    "YearEnd": "yearly",
    "BYearBegin": "yearly",
    "BYearEnd": "yearly",
}


@dataclass(frozen=True)
class Frequency:
    code: str  # a key of SEASONS
    season: int | None  # steps per season; None where the calendar gives none

    @classmethod
    def of(cls, code: str) -> Frequency:
        return cls(code, SEASONS[code])


def detect(index) -> Frequency:
    """The frequency of a time axis: what SeriesData.index holds (datetime64 dates, or row
    numbers) or a table's column (pandas Series) of dates.

    Whole numbers count as calendar years only in a pandas Series (a table's "Year" column:
    1871, 1872, ... as rnnviz.data.dates.is_year_axis reads it); in an array they are row numbers
    (SeriesData.index of a table without dates: rows 1200..2199 are no years), and numbers
    are "none". A single distinct date gives no step: "irregular"."""
    dates = _dates(index)
    if dates is None:
        return Frequency.of("none")
    stamps = pd.DatetimeIndex(dates).dropna().unique().sort_values()
    if len(stamps) < 2:
        return Frequency.of("irregular")
    return Frequency.of(_named(stamps) or _classified(stamps))


def label(freq: Frequency) -> str:
    """The frequency's name in the user's language ("monthly")."""
    return t(f"freq.{freq.code}")


def describe(freq: Frequency) -> str:
    """The name and, where there is one, the season ("monthly, season 12")."""
    if freq.season is None:
        return label(freq)
    return t("freq.with_season", name=label(freq), season=freq.season)


def _dates(index) -> np.ndarray | None:
    """naive datetime64, or None when `index` holds no dates."""
    dates = naive_dates(index)
    if dates is not None:
        return dates
    if (
        isinstance(index, pd.Series)
        and pd.api.types.is_numeric_dtype(index.dtype)
        and not pd.api.types.is_bool_dtype(index.dtype)
        and is_year_axis(index)
    ):
        return years_as_dates(index).to_numpy()
    return None


def _named(stamps: pd.DatetimeIndex) -> str | None:
    """The code of the offset pandas names for a perfectly regular axis, or None."""
    if len(stamps) < 3:
        return None
    try:
        with warnings.catch_warnings():
            # pandas 3 warns that infer_freq will return an offset, not a string:
            # to_offset reads either
            warnings.simplefilter("ignore")
            rule = pd.infer_freq(stamps)
    except (TypeError, ValueError):
        return None
    if rule is None:
        return None
    offset = pd.tseries.frequencies.to_offset(rule)
    return OFFSETS.get(type(offset).__name__) if offset.n == 1 else None


def _classified(stamps: pd.DatetimeIndex) -> str:
    """The class of the median step, if enough steps fit it; business days when the
    steps are days and weekends are (nearly) absent."""
    steps = (stamps[1:] - stamps[:-1]).total_seconds().to_numpy() / DAY
    typical = float(np.median(steps))
    code = next((c for c, (lo, hi) in STEPS.items() if lo <= typical <= hi), None)
    if code is None:
        return "irregular"
    fits = _fits(steps, *STEPS[code])
    if code == "daily" and np.mean(stamps.dayofweek >= 5) <= WEEKEND:
        code = "business"  # Friday -> Monday is a step of one business day
        fits = fits | _fits(steps, 2.9, 3.1)
    return code if np.mean(fits) >= REGULAR else "irregular"


def _fits(steps: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return (steps >= lo) & (steps <= hi)
