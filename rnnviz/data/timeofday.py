"""A date column and a time-of-day column beside it ("10/03/2004" and "18.00.00") read as
one time axis.

Sensor and power-load exports write the date and the clock time in two columns. Read apart,
24 hourly rows share one date: the time axis repeats and every chart is a comb. The time
of day is read first, before pandas would take "18:00" for today's date at 18:00, and
joined to the date once the dates are read. A column named like a time that holds no
times of day is said, so the user knows why dates repeat.
"""

from __future__ import annotations

import re

import pandas as pd

from rnnviz.data.celltypes import datetime_columns, text_columns
from rnnviz.data.note import Note

# 18:00, 7h30, 18:00:00.000: hours, minutes, optional seconds (and fractions); with dots
# only all three (18.00.00), since "18.00" is as likely a price as a time.
CLOCKS = (
    re.compile(r"^\s*(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*$"),
    re.compile(r"^\s*(\d{1,2})\.(\d{2})\.(\d{2})\s*$"),
)
TIME_NAME = re.compile(r"^(time|times|hour|clock|heure|hora|zeit|uhrzeit|时间|时刻|时分)$", re.I)
MOSTLY = 0.9  # of a column's cells that are times of day


def read_clock(cells: pd.Series) -> pd.Series | None:
    """Text cells as timedelta64 from midnight, or None when under MOSTLY of them are
    times of day (hours 0-24, minutes and seconds 0-59)."""
    present = cells.dropna()
    if present.empty:
        return None
    first = str(present.iloc[0])
    clock = next((c for c in CLOCKS if c.match(first)), None)
    if clock is None:  # the first cell tells: no column of prices is searched whole
        return None
    parts = cells.astype("str").str.extract(clock).astype("float64")
    hours, minutes, seconds = parts[0], parts[1], parts[2].fillna(0)
    ok = hours.between(0, 24) & minutes.between(0, 59) & seconds.between(0, 59)
    if ok[present.index].mean() < MOSTLY:
        return None
    total = (hours * 3600 + minutes * 60 + seconds).where(ok)
    return pd.to_timedelta(total, unit="s")


def find_clocks(df: pd.DataFrame) -> tuple[dict[str, pd.Series], list[str]]:
    """Text columns that hold times of day -> their cells as they were; and the columns
    named like a time that hold none (said in a note if no join happens)."""
    found, unread = {}, []
    for name in text_columns(df):
        clock = read_clock(df[name])
        if clock is not None:
            found[name] = df[name]
            df[name] = clock
        elif TIME_NAME.match(str(name).strip()):
            unread.append(name)
    return found, unread


def _date_only(dates: pd.Series) -> bool:
    present = dates.dropna()
    return bool(len(present)) and bool((present == present.dt.normalize()).all())


def join(
    df: pd.DataFrame, clocks: dict[str, pd.Series], unread: list[str], notes: list[Note]
) -> pd.DataFrame:
    """Each time-of-day column joined to the date-only column before it (else the first),
    as a new column first among the dates; the date column stays, as a choice. A time
    column with no date to join gets its text back."""
    dates = [c for c in datetime_columns(df) if _date_only(df[c])]
    for name, cells in clocks.items():
        date = next(
            (d for d in reversed(dates) if df.columns.get_loc(d) < df.columns.get_loc(name)),
            dates[0] if dates else None,
        )
        if date is None:
            df[name] = cells
            continue
        joined = f"{date} {name}"
        at = df.columns.get_loc(date)
        values = df[date] + df.pop(name)
        df.insert(at, joined, values)
        dates.remove(date)
        notes.append(Note("timeofday.joined", {"date": date, "time": name, "column": joined}))
    for name in (c for c in unread if c in text_columns(df)):  # not read as dates either
        example = str(df[name].dropna().iloc[0]) if df[name].notna().any() else ""
        notes.append(Note("timeofday.unread", {"time_column": name, "example": example[:40]}))
    return df
