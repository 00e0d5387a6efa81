"""What a column of text cells holds: numbers, dates, or text (rnnviz.data.reader asks).

Every guess reads a bounded prefix of each cell, and every pattern here runs in time linear
in what it reads: a cell of 200,000 letters or 80,000 digits is text, decided in
microseconds (a pattern with overlapping quantifiers took minutes on such a cell, holding
the server's GIL). A cell longer than any number or date is simply neither.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

LOOKS_LIKE = 0.95  # share of non-missing cells that must parse for a type to be inferred
MAX_NUMBER_CHARS = 100  # "-1.2345678901234567e-300" is 24; longer cells are not numbers
MAX_DATE_CHARS = 64  # "2025-08-23T13:00:00.000000+01:00" is 32; longer cells are not dates
SAMPLE = 1000  # cells, spread over the column, tried before a whole column is parsed
SAMPLE_SHARE = 0.8  # a sample parsing less than this says the whole column will not

# K/M/B/% suffixes become an exponent appended to the number's text, so "1.06M" parses
# exactly as "1.06e6" and "-0.59%" as "-0.59e-2" (multiplying floats would add error).
SUFFIX_EXPONENT = {"K": "e3", "M": "e6", "B": "e9", "%": "e-2"}
CURRENCY = "$€£¥"
# A comma followed by other than exactly 3 digits ("3,14", "0,5%") is a decimal comma.
DECIMAL_COMMA = r",(?:\d{0,2}(?:\D|$)|\d{4})"
GROUPED = r",\d{3}(?:\D|$)"

DATE_NAME = re.compile(
    r"date|time|month|day|year|period|timestamp|日期|时间|年月|月份|年份|日|月", re.IGNORECASE
)
# A digit with a date separator after it, or a month name (three letters) with a digit after
# it. Anchored and possessive, so a cell is read once: "the first digit, then a separator
# somewhere after it" says the same as "some digit before some separator" without trying
# every pair of positions.
_SEP = r"-/.:\s年月"
DATE_CELL = re.compile(
    rf"\D*+\d[^{_SEP}]*+[{_SEP}]|(?:(?![A-Za-z]{{3}}).)*+[A-Za-z]{{3}}\D*+\d", re.DOTALL
)


def mostly(parsed: pd.Series, text: pd.Series) -> bool:
    """At least LOOKS_LIKE of the non-missing cells parsed."""
    present = int(text.notna().sum())
    return present > 0 and parsed.notna().sum() >= LOOKS_LIKE * present


def _short(text: pd.Series, most: int) -> pd.Series:
    """The cells of at most `most` characters; longer ones missing (the length is stored
    with each string: nothing of a long cell is read)."""
    return text.where(text.str.len() <= most)


# ---------------------------------------------------------------- numbers


def as_numbers(text: pd.Series) -> pd.Series | None:
    """The column as float64 if LOOKS_LIKE of it are numbers, else None. A sample first:
    a column of 1.5 million dates spent 2 s failing to be numbers."""
    present = text.dropna()
    sample = _spread(present, SAMPLE)
    if len(present) > 10 * SAMPLE and to_number(sample).notna().mean() < SAMPLE_SHARE:
        return None
    values = to_number(text)
    return values if mostly(values, text) else None


def to_number(text: pd.Series) -> pd.Series:
    """Text cells -> float64 (NaN where a cell is not a number); vectorised string ops
    only (str.extract would run a Python regex per cell: 10x slower on 300k rows).

    Plain numbers first, as they are: a column every cell of which parses needs none of
    the clean-up (2,000 columns spent 6 s in it)."""
    short = _short(text, MAX_NUMBER_CHARS)
    plain = _cast(short)
    if plain is not None:
        return plain
    plain = pd.to_numeric(short, errors="coerce")
    if int(plain.notna().sum()) == int(short.notna().sum()):
        return plain.astype("float64")
    s = short.str.strip().str.lstrip(CURRENCY).str.strip()
    if s.str.contains(",", regex=False, na=False).any():
        s = _drop_thousands(s)
    exponent = s.str[-1:].str.upper().map(SUFFIX_EXPONENT)  # NaN where no suffix
    body = s.where(exponent.isna(), s.str[:-1].str.rstrip())
    return pd.to_numeric(body + exponent.fillna(""), errors="coerce").astype("float64")


def _cast(short: pd.Series) -> pd.Series | None:
    """Every present cell a plain number ("12", "-1.5e3", "inf"): pyarrow's parse, 25 times
    faster than pandas' (its values are to_numeric's wherever both read every cell); None
    if any cell is not, such as " 5" or "1,234", left to the slower ways."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        values = pc.cast(pa.array(short), pa.float64())
    except (ImportError, TypeError, ValueError, NotImplementedError):  # pa.ArrowInvalid is one
        return None
    return pd.Series(values.to_numpy(zero_copy_only=False), index=short.index, dtype="float64")


def _drop_thousands(s: pd.Series) -> pd.Series:
    """ "4,385.20" -> "4385.20", or "1.234,5" -> "1234.5" when decimal commas dominate."""
    decimal = s.str.contains(DECIMAL_COMMA, na=False).sum()
    if decimal > s.str.contains(GROUPED, na=False).sum():
        return s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return s.str.replace(",", "", regex=False)


# ---------------------------------------------------------------- dates


def looks_like_dates(name: str, text: pd.Series) -> bool:
    """Name hints at dates, or the cells carry a digit and a date separator/month name."""
    if DATE_NAME.search(name):
        return True
    present = text.dropna().head(1000)
    if len(present) == 0:
        return False
    cells = present.where(present.str.len() <= MAX_DATE_CHARS, "")
    return cells.str.match(DATE_CELL).mean() >= LOOKS_LIKE


_DATE_OPTIONS: tuple[dict[str, str | bool], ...] = (
    {},
    {"format": "mixed"},
    {"format": "mixed", "utc": True},
)


def to_dates(text: pd.Series) -> pd.Series | None:
    """Text -> datetime64 if LOOKS_LIKE of it parses, else None.

    One inferred format first (fast, vectorised), then per-cell "mixed" (slow, but
    copes with "2025-8-23" next to "2025-10-1"), then utc=True for offsets that differ
    (DST); utc only last because it would turn naive local dates into UTC ones. Each way
    is tried on a sample first: per-cell parsing of a million cells of date-like garbage
    took a minute, and a sample that does not parse says the column will not.
    """
    s = _short(text, MAX_DATE_CHARS).str.strip()
    s = s.str.replace("年", "-", regex=False).str.replace("月", "-", regex=False)
    s = s.str.rstrip("日号")  # 2025年8月23日 -> 2025-8-23
    sample = _spread(s.dropna(), SAMPLE)
    for options in _DATE_OPTIONS:
        if s.notna().sum() > 10 * SAMPLE:  # a smaller one is read whole within a second
            tried = _dates(sample, options)
            if tried is None or tried.notna().mean() < SAMPLE_SHARE:
                continue
        parsed = _dates(s, options)
        if parsed is not None and mostly(parsed, text):
            return parsed
    return None


def _spread(present: pd.Series, most: int) -> pd.Series:
    """At most `most` cells from the first to the last (the first cell names the format
    pandas infers, so it is always among them)."""
    if len(present) <= most:
        return present
    return present.iloc[np.unique(np.linspace(0, len(present) - 1, most).astype(int))]


def _dates(s: pd.Series, options: dict) -> pd.Series | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "could not infer format" chatter
            parsed = pd.to_datetime(s, errors="coerce", **options)
    except (ValueError, TypeError, OverflowError):
        return None  # e.g. mixed time zones without utc=True
    return parsed if pd.api.types.is_datetime64_any_dtype(parsed) else None


# ---------------------------------------------------------------- columns by type


def text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if pd.api.types.is_string_dtype(df[c]) or df[c].dtype == object]


def numeric_columns(df: pd.DataFrame) -> list[str]:
    """Columns usable as model inputs/targets (numbers, not booleans)."""
    return [
        c
        for c in df.columns
        if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
    ]


def datetime_columns(df: pd.DataFrame) -> list[str]:
    """Columns holding timestamps (the app offers them as the time axis)."""
    return [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]
