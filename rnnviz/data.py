"""Read user uploads (CSV tables and text corpora) into clean pandas/str objects.

Everything a user can upload goes through here, so every failure on bad content is
turned into a ``DataError`` whose message says what is wrong and what to do; the UI
shows it with ``st.error``. Nothing here imports streamlit.

``read_table`` pipeline: bytes -> text (encoding fallback) -> delimiter sniffed ->
every cell read as text -> numeric-looking columns to float64 -> date-looking columns
to datetime64 (or year/month/day/hour columns combined into one ``date`` column, the
parts dropped) -> rows sorted oldest first.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ENCODINGS = ("utf-8-sig", "utf-8", "gb18030", "latin-1")
DELIMITERS = (",", ";", "\t", "|")
MAX_COLUMNS = 2000
LOOKS_LIKE = 0.95  # share of non-missing cells that must parse for a type to be inferred
SNIFF_LINES = 50

EXPORT_HINT = "Export the table from Excel or your tool as CSV (UTF-8) and upload that."

# Extra missing-value tokens on top of pandas' defaults ("", NA, N/A, nan, NULL, ...).
MISSING_TOKENS = ["-", "--", "—"]
# number with optional currency sign and a K/M/B/% suffix; scaled by appending an
# exponent to the string so "1.06M" parses exactly as 1.06e6 (no float multiply error).
NUMBER = re.compile(r"^[$€£¥]?\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([kKmMbB%]?)$")
SUFFIX_EXPONENT = {"": "", "K": "e3", "M": "e6", "B": "e9", "%": "e-2"}
THOUSANDS_GROUPED = r"^[-+$€£¥\s]*\d{1,3}(?:,\d{3})+(?:\.\d*)?"

DATE_NAME = re.compile(
    r"date|time|month|day|year|period|timestamp|日期|时间|年月|月份|年份|日|月", re.IGNORECASE
)
DATE_CELL = re.compile(r"\d.*[-/.:\s年月]|[A-Za-z]{3}.*\d")  # a digit plus a separator
SPLIT_PARTS = {  # column name (lowercase) -> pd.to_datetime component
    "year": "year", "年": "year", "month": "month", "月": "month",
    "day": "day", "日": "day", "hour": "hour", "时": "hour", "小时": "hour",
}


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
            raise DataError(f"Could not open the file {str(source)!r} ({err.strerror}).") from err
    if hasattr(source, "getvalue"):
        return source.getvalue()
    if hasattr(source, "read"):
        return source.read()
    raise DataError(f"Cannot read data from a {type(source).__name__}; upload a file.")


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: an image, archive or UTF-16 without BOM."""
    if b"\x00" in head:
        return True
    control = sum(head.count(bytes([c])) for c in range(32) if c not in (9, 10, 12, 13))
    return control > 0.05 * len(head)


def _decode(raw: bytes | str, encodings: tuple[str, ...], what: str) -> str:
    """Bytes -> text, trying ``encodings`` in order; binary content is refused."""
    if isinstance(raw, str):
        text = raw
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM: BOM tells the order
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DataError(f"The {what} claims to be UTF-16 but is damaged. {EXPORT_HINT}") from err
    else:
        if not raw.strip():
            raise DataError(f"The {what} is empty. {_empty_hint(what)}")
        if _looks_binary(raw[:8192]):
            raise DataError(
                f"The {what} does not look like text (it may be an image, a zip, an "
                f"Excel .xlsx file or UTF-16 text). {EXPORT_HINT}"
            )
        text = _decode_first(raw, encodings, what)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DataError(f"The {what} is empty. {_empty_hint(what)}")
    return text


def _decode_first(raw: bytes, encodings: tuple[str, ...], what: str) -> str:
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(f"Could not decode the {what} as {' or '.join(encodings)}. "
                    "Save it as UTF-8 text and upload it again.")


def _empty_hint(what: str) -> str:
    if what == "text":
        return "Upload a plain-text file (UTF-8) with some text in it."
    return "Upload a CSV with a header row and at least 2 rows of numbers."


def read_text(source) -> str:
    """A text corpus for character models, with line endings normalised to "\\n"."""
    text = _decode(_read_source(source), ("utf-8-sig", "gb18030"), "text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- parsing


def _sniff_delimiter(text: str) -> tuple[str, int]:
    """The delimiter that splits the header into most fields, consistently over rows,
    and the header's field count.

    csv.reader honours quotes, so "4,385.20" inside quotes never counts as a split,
    and a header must split for its delimiter to win (decimal commas in a ;-file don't).
    """
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # e.g. a field over csv's size limit: not this delimiter
            continue
        if not counts or counts[0] < 2:
            continue
        consistency = sum(c == counts[0] for c in counts) / len(counts)
        if (consistency, counts[0]) > best_score:
            best, best_score = delimiter, (consistency, counts[0])
    return best, best_score[1]


def _parse(text: str) -> pd.DataFrame:
    """Every cell as text (or NaN), so type inference below is ours, not pandas'."""
    delimiter, fields = _sniff_delimiter(text)
    if fields > MAX_COLUMNS:  # checked before pandas, which takes minutes on 100k columns
        raise DataError(f"The table has {fields:,} columns; at most {MAX_COLUMNS:,} are "
                        "supported. Keep only the columns you want to model and upload again.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # trailing-delimiter ParserWarning
            return pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, index_col=False,
                               na_values=MISSING_TOKENS, skipinitialspace=True)
    except pd.errors.EmptyDataError as err:
        raise DataError(f"The file has no table in it. {_empty_hint('file')}") from err
    except (pd.errors.ParserError, ValueError, csv.Error, MemoryError) as err:
        shown = {"\t": "tab"}.get(delimiter, repr(delimiter))
        raise DataError(
            f"Could not read the table ({str(err).strip()}). Columns seemed to be separated "
            f"by {shown}; check that every row has as many fields as the header. {EXPORT_HINT}"
        ) from err


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


def _to_number(text: pd.Series) -> pd.Series:
    """Text cells -> float64 (NaN where a cell is not a number); vectorised."""
    s = text.str.strip()
    has_comma = s.str.contains(",", regex=False, na=False)
    if (has_comma & ~s.str.match(THOUSANDS_GROUPED, na=False)).any():
        s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)  # 1.234,5
    else:
        s = s.str.replace(",", "", regex=False)  # 4,385.20
    parts = s.str.extract(NUMBER)
    exponent = parts[1].str.upper().map(SUFFIX_EXPONENT)
    return pd.to_numeric(parts[0] + exponent, errors="coerce").astype("float64")


def _mostly(parsed: pd.Series, text: pd.Series) -> bool:
    """At least LOOKS_LIKE of the non-missing cells parsed."""
    present = int(text.notna().sum())
    return present > 0 and parsed.notna().sum() >= LOOKS_LIKE * present


def _convert_numbers(df: pd.DataFrame) -> pd.DataFrame:
    for name in _text_columns(df):
        values = _to_number(df[name])
        if _mostly(values, df[name]):
            df[name] = values
    return df


def _to_dates(text: pd.Series) -> pd.Series:
    """Text -> datetime64; one inferred format first (fast), per-cell "mixed" if needed."""
    s = text.str.strip().str.replace(r"[年月]", "-", regex=True).str.replace(r"[日号]$", "", regex=True)
    best = pd.Series(pd.NaT, index=s.index)
    # utc=True last: needed when offsets differ (DST), but it would make naive dates UTC.
    for options in ({}, {"format": "mixed"}, {"format": "mixed", "utc": True}):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "could not infer format" chatter
                parsed = pd.to_datetime(s, errors="coerce", **options)
        except (ValueError, TypeError, OverflowError):
            continue  # e.g. mixed time zones
        if pd.api.types.is_datetime64_any_dtype(parsed) and _mostly(parsed, text):
            return parsed
        best = parsed if pd.api.types.is_datetime64_any_dtype(parsed) else best
    return best


def _looks_like_dates(name: str, text: pd.Series) -> bool:
    """Name hints at dates, or the cells carry a digit and a date separator/month name."""
    if DATE_NAME.search(name):
        return True
    present = text.dropna().head(1000)
    return len(present) > 0 and present.str.contains(DATE_CELL).mean() >= LOOKS_LIKE


def _convert_dates(df: pd.DataFrame) -> pd.DataFrame:
    for name in _text_columns(df):
        if _looks_like_dates(name, df[name]):
            dates = _to_dates(df[name])
            if _mostly(dates, df[name]):
                df[name] = dates
    return df


def _combine_split_date(df: pd.DataFrame) -> pd.DataFrame:
    """year/month[/day/hour] number columns -> one "date" column first; parts dropped."""
    parts = {SPLIT_PARTS[c.lower()]: c for c in numeric_columns(df) if c.lower() in SPLIT_PARTS}
    if datetime_columns(df) or not {"year", "month"} <= parts.keys():
        return df
    frame = pd.DataFrame({part: df[column] for part, column in parts.items()})
    frame = frame.reindex(columns=["year", "month", "day", "hour"]).fillna({"day": 1, "hour": 0})
    dates = pd.to_datetime(frame, errors="coerce")
    if not _mostly(dates, frame["year"]):
        return df  # not a calendar after all (e.g. "month" numbered 1..300)
    name = "date" if "date" not in df.columns else "datetime"
    return pd.concat([dates.rename(name), df.drop(columns=list(parts.values()))], axis=1)


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if pd.api.types.is_string_dtype(df[c]) or df[c].dtype == object]


def numeric_columns(df: pd.DataFrame) -> list[str]:
    """Columns usable as model inputs/targets (numbers, not booleans)."""
    return [c for c in df.columns
            if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]


def datetime_columns(df: pd.DataFrame) -> list[str]:
    """Columns holding timestamps (the app offers them as the time axis)."""
    return [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]


# ---------------------------------------------------------------- entry point


def _check_rows(df: pd.DataFrame) -> None:
    if len(df) == 0:
        raise DataError("The file has a header row but no data rows. "
                        "Upload a CSV with at least 2 rows of numbers under the header.")


def _check_content(df: pd.DataFrame) -> None:
    if len(df) < 2:
        raise DataError(f"The table has only {len(df)} data row; a time series needs at "
                        "least 2. Upload a longer table.")
    if not numeric_columns(df):
        shown = ", ".join(map(str, df.columns[:10]))
        raise DataError(f"No column of numbers was found (columns: {shown}). Upload a table "
                        "with at least one numeric column, e.g. prices or temperatures.")


def read_table(source) -> pd.DataFrame:
    """A user's CSV as a DataFrame: float64 numbers, datetime64 dates, oldest row first.

    ``source`` is a path (str or Path), bytes, or a binary file-like (UploadedFile).
    Raises DataError (and nothing else) for content that cannot be used.
    """
    df = _clean_names(_parse(_decode(_read_source(source), ENCODINGS, "file")))
    _check_rows(df)
    df = _convert_dates(_convert_numbers(df))
    df = _combine_split_date(df)
    _check_content(df)
    dates = datetime_columns(df)
    if dates:  # exports list newest first; models want time running forward
        df = df.sort_values(dates[0], kind="stable", na_position="last").reset_index(drop=True)
    return df
