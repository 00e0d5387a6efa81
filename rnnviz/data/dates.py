"""Date labels that pandas reads wrongly when it looks at one cell at a time, read here by
rules over the whole column (rnnviz.data.reader calls these; nothing here imports streamlit).

- Monthly labels "1-01" ... "3-12" (year-month of a relative year, the textbook shampoo
  file): pandas reads them as days of January of year 1. Here the part that cycles through
  1..12 and changes most often is the month; a one-digit year is a relative year, placed
  from RELATIVE_EPOCH on, and a note says so.
- Numeric day/month/year dates ("03/04/2020"): pandas infers month/day from the first
  cell, then reads the cells that do not fit that order one by one with the other order,
  jumbling the rows. Here one order is chosen for the whole column: the one every cell
  fits, or, when both fit, the one whose rows step most regularly (a note says which).
- A lone year column (1885 ... 1963) becomes 1 January of each year.

Each reader returns the dates and a note as (catalog key, params), or None to leave the
column to pandas.
"""

from __future__ import annotations

import itertools
import re
import warnings

import numpy as np
import pandas as pd

RELATIVE_EPOCH = 2000  # relative year 1 is shown as 2001
YEARS = (1000, 2200)  # whole numbers in this range can be calendar years
# "1-01", "1-98", "1998-03", "3-1998"; with "/" only when one part has 4 digits ("1/9" is
# a day of January, not a month).
MONTH_LABEL = re.compile(r"^(\d{1,4})([-/])(\d{1,4})$")
# "03/04/2020", "3.4.2020", "03-04-2020 13:00"; "03/04/20" (2-digit years only after "/").
# Both separators are groups, found equal after (a back-reference would make pyarrow hand
# the pattern back to Python, one cell at a time).
DAY_MONTH = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})(?:[ T].*)?$")
SAMPLE = 200  # cells tried first: most columns fail here, before a full pass
LONGEST = 64  # characters of a cell these patterns read ("03/04/2020 13:00:00+01:00" is 25)

Read = tuple[pd.Series, tuple[str, dict] | None]


def _matches(text: pd.Series, pattern: re.Pattern) -> pd.DataFrame | None:
    """The pattern's groups for every non-missing cell, or None if one cell differs."""
    present = text.dropna()
    if present.empty or present.str.len().max() > LONGEST:  # no label: nothing long is read
        return None
    present = present.str.strip()
    if not present.head(SAMPLE).str.fullmatch(pattern).all():
        return None
    groups = _groups(present, pattern)
    if pattern is DAY_MONTH:  # one separator twice: "03/04/2020", not "03/04-2020"
        groups = groups[[0, 1, 2, 4]].where(groups[1] == groups[3]).set_axis(range(4), axis=1)
    return None if groups.isna().any().any() else groups


def _groups(present: pd.Series, pattern: re.Pattern) -> pd.DataFrame:
    """str.extract, by pyarrow where it can: pandas reads the cells one by one in Python
    (3 s of the 9 that 1.5 million "03/04/2020 13:00" cells took; pyarrow: 0.5 s)."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        names = itertools.count()
        named = re.sub(r"\((?!\?)", lambda _: f"(?P<g{next(names)}>", pattern.pattern)
        found = pc.extract_regex(pa.array(present), named)
        return pd.DataFrame(
            {k: pd.array(pc.struct_field(found, [k]), dtype="str") for k in range(pattern.groups)},
            index=present.index,
        )
    except (ImportError, TypeError, ValueError, NotImplementedError):  # pa.ArrowInvalid is one
        return present.str.extract(pattern)


def _monotonic(values: pd.Series) -> bool:
    return values.is_monotonic_increasing or values.is_monotonic_decreasing


def _changes(values: pd.Series) -> int:
    return int((values.diff().fillna(0) != 0).sum())


def read_month_labels(text: pd.Series, named_as_date: bool) -> Read | None:
    """ "Y-MM" / "YYYY-MM" / "M-YY" / "MM-YYYY" labels as the first day of each month.

    Short labels ("1-01") are only taken from a column whose name says it holds dates:
    elsewhere "3-1" may be a score."""
    groups = _matches(text, MONTH_LABEL)
    if groups is None:
        return None
    a, sep, b = groups[0], groups[1], groups[2]
    long_year = a.str.len().eq(4).all() or b.str.len().eq(4).all()
    if not long_year and (not named_as_date or sep.eq("/").any()):
        return None
    orders = [(year, month) for year, month in ((a, b), (b, a)) if _fits(year, month)]
    if not orders:
        return None
    # Both fit ("1-01" ... "1-12"): the month is the part that changes more often.
    year, month = max(orders, key=lambda o: _changes(o[1].astype(int)) - _changes(o[0].astype(int)))
    return _month_starts(text, year, month)


def _fits(year: pd.Series, month: pd.Series) -> bool:
    widths = set(year.str.len())
    if not (widths == {4} or widths <= {1, 2}) or month.str.len().max() > 2:
        return False  # "123-01", years of 2 and 4 digits: not this shape
    y, m = year.astype(int), month.astype(int)
    return bool(m.between(1, 12).all() and _monotonic(y * 12 + m))


def _month_starts(text: pd.Series, year: pd.Series, month: pd.Series) -> Read:
    widths, y, m = set(year.str.len()), year.astype(int), month.astype(int)
    first = {
        "label": text.dropna().iloc[0].strip(),
        "year": int(y.iloc[0]),
        "month": f"{m.iloc[0]:02d}",
    }
    note = None
    if 1 in widths:  # a relative year: year 1, year 2, ...
        y = y + RELATIVE_EPOCH
        note = ("roles.note.relative_years", {**first, "shown": f"{y.iloc[0]}-{first['month']}"})
    elif widths == {2}:  # "98" -> 1998, "05" -> 2005: the strptime %y rule
        y = y + np.where(y < 69, 2000, 1900)
        note = ("roles.note.two_digit_years", {**first, "shown": f"{y.iloc[0]}-{first['month']}"})
    dates = pd.to_datetime(pd.DataFrame({"year": y, "month": m, "day": 1}), errors="coerce")
    return dates.reindex(text.index), note


def read_day_month(text: pd.Series) -> Read | None:
    """ "dd/mm/yyyy" or "mm/dd/yyyy" (also with "-" or "." and a time after): one order
    for the whole column."""
    groups = _matches(text, DAY_MONTH)
    if groups is None or (groups[3].str.len().eq(2) & groups[1].ne("/")).any():
        return None
    first, second = groups[0].astype(int), groups[2].astype(int)
    if min(first.min(), second.min()) < 1 or max(first.max(), second.max()) > 31:
        return None
    if first.max() > 12 and second.max() > 12:
        return None  # not day and month: leave it to pandas
    if first.max() > 12 or second.max() > 12:  # every cell fits one order only
        return _parse_order(text, day_first=first.max() > 12), None
    readings = {flag: _parse_order(text, flag) for flag in (False, True)}
    day_first = min(readings, key=lambda flag: _irregularity(readings[flag], text))
    order = "day_month" if day_first else "month_day"
    return readings[day_first], (f"roles.note.{order}", {"label": text.dropna().iloc[0].strip()})


def _parse_order(text: pd.Series, day_first: bool) -> pd.Series:
    # A format inferred from the first cell read in this order, then applied to every cell.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "could not infer format" chatter
        return pd.to_datetime(text.str.strip(), dayfirst=day_first, errors="coerce")


def _irregularity(dates: pd.Series, text: pd.Series) -> float:
    """How unevenly the rows step (spread of the steps over their mean); a reading with
    unreadable cells or rows out of order is worst."""
    present = dates.dropna()
    if len(present) < text.notna().sum() or not _monotonic(present):
        return np.inf
    steps = present.diff().dropna().dt.total_seconds().abs()
    if steps.empty:
        return 0.0
    return float(steps.std(ddof=0) / steps.mean()) if steps.mean() > 0 else np.inf


def is_year_axis(values: pd.Series) -> bool:
    """Whole numbers in YEARS, one per row, in order (gaps allowed): 1885, 1886, ..."""
    present = values.dropna()
    if len(present) < 3 or values.isna().sum() > 0.05 * len(values):
        return False
    whole = (present == present.round()).all()
    return bool(
        whole and present.between(*YEARS).all() and present.is_unique and _monotonic(present)
    )


def years_as_dates(values: pd.Series) -> pd.Series:
    """1885.0 -> 1885-01-01 (NaT where missing)."""
    return pd.to_datetime(
        values.astype("Int64").astype(str).where(values.notna()), format="%Y", errors="coerce"
    )
