"""Read user uploads (CSV tables and text corpora) into clean pandas/str objects.

Everything a user can upload goes through here, so every failure on bad content is
turned into a ``DataError`` whose message says what is wrong and what to do; the UI
shows it with ``st.error``. Nothing here imports streamlit.

``read_table`` pipeline: bytes -> text (encoding fallback) -> `#` comment lines and title
rows cut (rnnviz.data.preamble) -> delimiter sniffed -> every cell read as text (a header shorter
than its rows padded with names; parser errors retold, rnnviz.data.parse_errors) -> columns empty
in every row left out, with a note -> numeric-looking columns to float64 -> date-looking columns
to datetime64 (rnnviz.data.celltypes guesses which, reading a bounded prefix of each cell;
zone-aware ones to naive UTC, with a Note; monthly labels such as "1-01" and day/month
orders read over the whole column, rnnviz.data.dates; or year/month/day/hour columns combined
into one ``date`` column, the parts dropped; or a lone year column as 1 January of each
year) -> missing-value codes such as -200 read as missing (rnnviz.data.sentinels) -> rows
sorted oldest first. Uploads run this in a child process with a deadline and
a memory limit (rnnviz.server.isolated), so no file can stall or exhaust the server.
"""

from __future__ import annotations

import csv
import io
import itertools
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rnnviz.data import dates as rnnviz_dates
from rnnviz.data import leftout, parse_errors, preamble, sentinels, timeofday
from rnnviz.data.celltypes import (  # noqa: F401 (numeric_columns, datetime_columns: read from here)
    DATE_NAME,
    as_numbers,
    datetime_columns,
    looks_like_dates,
    mostly,
    numeric_columns,
    text_columns,
    to_dates,
)
from rnnviz.data.note import Note  # noqa: F401 (read from here by the pages and the engine)
from rnnviz.i18n import t
from rnnviz.safe_text import md, names

ENCODINGS = ("utf-8-sig", "utf-8", "gb18030", "latin-1")
DELIMITERS = (",", ";", "\t", "|")
MAX_COLUMNS = 2000
# Cells (rows x columns) a table may have: 10 million float64 are 80 MB in every session
# that loads it; 2,000 columns x 12,000 rows took 20 s and 939 MB to read.
MAX_CELLS = 10_000_000
SNIFF_LINES = 50
SNIFF_CHARS = 100_000  # of each sniffed line: a 49 MB line of "1,1,1" is 25 million fields

# Extra missing-value tokens on top of pandas' defaults ("", NA, N/A, nan, NULL, ...).
MISSING_TOKENS = ["-", "--", "—"]
SPLIT_PARTS = {  # column name (lowercase) -> pd.to_datetime component
    "year": "year",
    "年": "year",
    "month": "month",
    "月": "month",
    "day": "day",
    "日": "day",
    "hour": "hour",
    "时": "hour",
    "小时": "hour",
}
# Columns a table names its usual target by, in order of preference: investing.com exports
# call the close "Price" (收盘 in Chinese).
TARGET_NAMES = ("Price", "Close", "收盘", "Adj Close")


class DataError(ValueError):
    """Bad user content; the message is plain text telling the user what to do."""


# ---------------------------------------------------------------- bytes and text


def _read_source(source) -> bytes | str:
    """Raw content of a path, bytes or binary file-like (UploadedFile, BytesIO)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, Path)):
        try:
            return Path(source).read_bytes()
        except OSError as err:
            raise DataError(t("parse.open_failed", path=md(source), reason=err.strerror)) from err
    content = source.getvalue() if hasattr(source, "getvalue") else getattr(source, "read", None)
    content = content() if callable(content) else content
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    if isinstance(content, str):  # a text stream (StringIO): already decoded
        return content
    raise DataError(t("parse.cannot_read", kind=type(source).__name__))


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: an image, archive or UTF-16 without BOM."""
    if b"\x00" in head:
        return True
    codes = np.frombuffer(head, dtype=np.uint8)
    control = (codes < 32) & ~np.isin(codes, (9, 10, 12, 13))  # tab, newlines, form feed
    return bool(control.mean() > 0.05)


def _decode(raw: bytes | str, encodings: tuple[str, ...], what: str) -> str:
    """Bytes -> text, trying ``encodings`` in order; binary content is refused."""
    if isinstance(raw, str):
        text = raw
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM: BOM tells the order
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DataError(
                t("parse.utf16_damaged", what=_noun(what), hint=t("parse.export_hint"))
            ) from err
    else:
        if not raw.strip():
            raise DataError(t("parse.empty", what=_noun(what), hint=_empty_hint(what)))
        if _looks_binary(raw[:8192]):
            raise DataError(t("parse.binary", what=_noun(what), hint=t("parse.export_hint")))
        text = _decode_first(raw, encodings, what)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DataError(t("parse.empty", what=_noun(what), hint=_empty_hint(what)))
    return text


def _decode_first(raw: bytes, encodings: tuple[str, ...], what: str) -> str:
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(
        t("parse.undecodable", what=_noun(what), encodings=t("parse.or").join(encodings))
    )


def _noun(what: str) -> str:
    """ "file" or "text" in the user's language, for the messages."""
    return t(f"parse.what.{what}")


def _empty_hint(what: str) -> str:
    return t("parse.empty_text_hint" if what == "text" else "parse.empty_table_hint")


def read_text(source) -> str:
    """A text corpus for character models, with line endings normalised to "\\n"."""
    text = _decode(_read_source(source), ("utf-8-sig", "gb18030"), "text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- parsing


def _sniff_delimiter(text: str) -> tuple[str, int]:
    """The delimiter that splits the header into most fields, consistently over the
    first rows, and the widest of those rows (to refuse huge widths before pandas).

    csv.reader honours quotes, so "4,385.20" inside quotes never counts as a split,
    and a header must split for its delimiter to win (decimal commas in a ;-file don't).
    """
    first = itertools.islice(io.StringIO(text, newline=None), SNIFF_LINES)  # lazy: no full split
    lines = [line[:SNIFF_CHARS] for line in first if line.strip()]
    widths = {}
    for delimiter in DELIMITERS:
        try:
            widths[delimiter] = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # e.g. a field over csv's size limit: not this delimiter
            widths[delimiter] = []

    def score(delimiter: str) -> tuple[float, int]:
        counts = widths[delimiter]
        if not counts or counts[0] < 2:
            return 0.0, 1
        return sum(c == counts[0] for c in counts) / len(counts), counts[0]

    best = max(DELIMITERS, key=score)  # ties keep the earliest: comma
    return best, max(widths[best], default=1)


def _parse(text: str, notes: list[Note]) -> pd.DataFrame:
    """Every cell as text (or NaN), so type inference below is ours, not pandas'."""
    text, cut = preamble.cut(text, DELIMITERS)
    delimiter, fields = _sniff_delimiter(text)
    if fields > MAX_COLUMNS:  # checked before pandas, which takes minutes on 100k columns
        raise DataError(t("parse.too_wide", fields=fields, max=MAX_COLUMNS))
    rows = text.count("\n") + 1  # an upper bound (blank lines count), read in milliseconds
    if rows * fields > MAX_CELLS:
        raise DataError(
            t(
                "parsing.too_many_cells",
                rows=rows,
                columns=fields,
                cells=rows * fields,
                most=MAX_CELLS,
            )
        )
    named = preamble.header_names(text, delimiter)
    notes.extend(preamble.notes(cut, named))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # trailing-delimiter ParserWarning
            df = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                dtype=str,
                index_col=False,
                na_values=MISSING_TOKENS,
                skipinitialspace=True,
                **({"names": named, "header": 0} if named else {}),
            )
    except pd.errors.EmptyDataError as err:
        raise DataError(t("parse.no_table", hint=_empty_hint("file"))) from err
    except (pd.errors.ParserError, ValueError, csv.Error) as err:
        raise DataError(parse_errors.retold(err, delimiter, cut.lines)) from err
    if len(df.columns) > MAX_COLUMNS:  # a row wider than the sniffed ones (very long lines)
        raise DataError(t("parse.too_wide", fields=len(df.columns), max=MAX_COLUMNS))
    return df


def _drop_empty(df: pd.DataFrame, notes: list[Note]) -> tuple[pd.DataFrame, list[str]]:
    """Columns with no value in any row, left out with a note naming them as empty (not
    as "not numeric": there is nothing in them to be of a type)."""
    empty = leftout.empty_columns(df)
    if empty:
        notes.extend(leftout.reason_notes([(c, "empty") for c in empty]))
    return df.drop(columns=empty), empty


def _clean_names(df: pd.DataFrame) -> pd.DataFrame:
    """Strip whitespace/BOM from names (re-deduplicating), drop empty unnamed columns."""
    names, seen = [], set()
    for name in (str(c).strip().lstrip("\ufeff").strip() for c in df.columns):
        unique, n = name, 0
        while unique in seen:
            n += 1
            unique = f"{name}.{n}"
        seen.add(unique)
        names.append(unique)
    df.columns = names
    # A trailing delimiter on every line gives an all-empty "Unnamed: k" column.
    empty = [c for c in df.columns if c.startswith("Unnamed:") and df[c].isna().all()]
    return df.drop(columns=empty).dropna(how="all").reset_index(drop=True)


# ---------------------------------------------------------------- type inference


def _convert_numbers(df: pd.DataFrame) -> pd.DataFrame:
    for name in text_columns(df):
        values = as_numbers(df[name])
        if values is not None:
            df[name] = values
    return df


def _convert_dates(df: pd.DataFrame, notes: list[Note]) -> pd.DataFrame:
    for name in text_columns(df):
        if looks_like_dates(name, df[name]):
            dates = _read_whole_column(df[name], name, notes)
            if dates is None:
                dates = to_dates(df[name])
            if dates is not None:
                df[name] = _without_zone(dates, name, notes)
    return df


def _read_whole_column(text: pd.Series, name: str, notes: list[Note]) -> pd.Series | None:
    """Monthly labels ("1-01") and day/month orders, which pandas reads cell by cell
    wrongly, read by rules over the whole column (rnnviz.data.dates); None: not such a column."""
    read = rnnviz_dates.read_month_labels(
        text, bool(DATE_NAME.search(name))
    ) or rnnviz_dates.read_day_month(text)
    if read is None or not mostly(read[0], text):
        return None
    if read[1]:
        notes.append(Note(read[1][0], {"column": name, **read[1][1]}))
    return read[0]


def _year_axis(df: pd.DataFrame, notes: list[Note]) -> pd.DataFrame:
    """A lone year column (1885, 1886, ...: the only date-named column, no date beside it)
    becomes 1 January of each year, so it is the time axis and never the target."""
    named = [c for c in df.columns if DATE_NAME.search(c)]
    if datetime_columns(df) or len(named) != 1 or named[0] not in numeric_columns(df):
        return df
    if not rnnviz_dates.is_year_axis(df[named[0]]):
        return df
    df[named[0]] = rnnviz_dates.years_as_dates(df[named[0]])
    notes.append(Note("roles.note.years", {"column": named[0]}))
    return df


def _without_zone(dates: pd.Series, name: str, notes: list[Note]) -> pd.Series:
    """Zone-aware dates ("Z", "+01:00", offsets that change at DST) -> naive UTC.

    numpy, the figures and date arithmetic know no zones, and one clock for every row
    keeps DST changes from making hours repeat or vanish; the user is told in one line.
    """
    if not isinstance(dates.dtype, pd.DatetimeTZDtype):
        return dates
    notes.append(Note("tz.to_utc", {"column": name}))
    return dates.dt.tz_convert("UTC").dt.tz_localize(None)


def _combine_split_date(df: pd.DataFrame) -> pd.DataFrame:
    """year/month[/day/hour] number columns -> one "date" column first; parts dropped."""
    parts = {SPLIT_PARTS[c.lower()]: c for c in numeric_columns(df) if c.lower() in SPLIT_PARTS}
    if datetime_columns(df) or not {"year", "month"} <= parts.keys():
        return df
    frame = pd.DataFrame({part: df[column] for part, column in parts.items()})
    frame = frame.reindex(columns=["year", "month", "day", "hour"]).fillna({"day": 1, "hour": 0})
    try:
        dates = pd.to_datetime(frame, errors="coerce")
    except (ValueError, TypeError, OverflowError):
        return df
    if not mostly(dates, frame["year"]):
        return df  # not a calendar after all (e.g. "month" numbered 1..300)
    name = "date" if "date" not in df.columns else "datetime"
    return pd.concat([dates.rename(name), df.drop(columns=list(parts.values()))], axis=1)


def naive_dates(values) -> np.ndarray | None:
    """Dates in any form (datetime64, a zone-aware pandas index or column, an object array
    of Timestamps with mixed offsets) as naive datetime64 in UTC; None if not dates."""
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.array
    values = np.asarray(values) if not hasattr(values, "dtype") else values
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        return np.asarray(values)
    kinds = ("datetime", "datetime64", "date")
    if not (
        isinstance(values.dtype, pd.DatetimeTZDtype)
        or (
            values.dtype == object
            and len(values)
            and pd.api.types.infer_dtype(values, skipna=True) in kinds
        )
    ):
        return None
    try:
        dates = pd.DatetimeIndex(pd.to_datetime(values, utc=True))
    except (ValueError, TypeError, OverflowError):
        return None
    return dates.tz_localize(None).to_numpy()


# ---------------------------------------------------------------- entry point


def _check_table(df: pd.DataFrame, empty: list[str]) -> None:
    if len(df) == 0:
        raise DataError(t("parse.no_rows"))
    if len(df) < 2:
        raise DataError(t("parse.one_row", rows=len(df)))
    if not numeric_columns(df) and empty:
        raise DataError(t("parsing.only_empty", empty=names(empty), columns=names(df.columns)))
    if not numeric_columns(df):
        raise DataError(t("parse.no_numbers", columns=names(df.columns)))


def read_table(source) -> pd.DataFrame:
    """A user's CSV as a DataFrame: float64 numbers, datetime64 dates, oldest row first.

    ``source`` is a path (str or Path), bytes, or a binary file-like (UploadedFile).
    Raises DataError (and nothing else) for content that cannot be used.
    """
    return read_table_noted(source)[0]


def read_table_noted(source, keep_codes: bool = False) -> tuple[pd.DataFrame, tuple[Note, ...]]:
    """``read_table`` and what it changed that the user should know (zones dropped,
    comment lines skipped, empty columns left out, missing-value codes). `keep_codes`:
    keep values such as -200 or -999 as numbers (they are read as missing by default,
    rnnviz.data.sentinels); the notes still name them."""
    read = read_table_full(source)
    table = sentinels.restore(read.table, read.codes) if keep_codes else read.table
    return table, read.notes + tuple(sentinels.notes(read.codes, keep_codes))


@dataclass(frozen=True, eq=False)
class TableRead:
    """A table as read, the notes on how, and its missing-value codes (read as missing in
    `table`; ``sentinels.restore`` gives them back)."""

    table: pd.DataFrame
    notes: tuple[Note, ...]
    codes: tuple[sentinels.Code, ...] = ()


def read_table_full(source) -> TableRead:
    """``read_table`` with its notes and the missing-value codes it found."""
    notes: list[Note] = []
    df = _clean_names(_parse(_decode(_read_source(source), ENCODINGS, "file"), notes))
    df, empty = _drop_empty(df, notes)
    clocks, unread = timeofday.find_clocks(df)  # before pandas reads "18:00" as a date
    df = _convert_dates(_convert_numbers(df), notes)
    df = _combine_split_date(timeofday.join(df, clocks, unread, notes))
    df = _year_axis(df, notes)
    dates = datetime_columns(df)
    if dates:  # exports list newest first; models want time running forward
        df = df.sort_values(dates[0], kind="stable", na_position="last").reset_index(drop=True)
    codes = sentinels.locate(df) if len(df) >= 2 else ()
    notes.extend(sentinels.whole_column_notes(df) if len(df) >= 2 else ())
    df = sentinels.as_missing(df, codes)
    _check_table(df, empty)
    return TableRead(df, tuple(notes), codes)
