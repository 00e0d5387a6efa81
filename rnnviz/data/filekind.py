"""Whether an upload is a table (for rnnviz.data.reader's CSV reader) or a text (for a character
model), decided from the first part of its content, with its extension as a hint.

A name alone misleads both ways: `lodash.js` is no table, yet the CSV reader would take
it and refuse it; a CSV saved as `.txt` is a table. Only a bounded prefix is decoded and
looked at, so a huge upload costs the server nothing here; the real reading happens in a
child process (rnnviz.server.isolated).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter
from pathlib import Path

import pandas as pd

from rnnviz.data import preamble
from rnnviz.data.celltypes import LOOKS_LIKE, to_number
from rnnviz.data.reader import DELIMITERS, ENCODINGS, SNIFF_CHARS, SNIFF_LINES, _decode

HEAD_BYTES = 64 * 1024  # of an upload decoded to decide its kind
SAME_WIDTH = 0.9  # share of lines one delimiter splits into one width, for a table
LOOSE_WIDTH = 0.5  # share below which a .csv's lines share no width: not a table at all
FEW_LINES = 5  # a .csv shorter than this stays a table: its reader says what is wrong
WORDS = 3  # on a line of prose or code; a one-column table's cells hold one or two
TEXT_SUFFIXES = frozenset(
    (
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".rst",
        ".tex",
        ".org",
        ".py",
        ".pyi",
        ".ipynb",
        ".js",
        ".mjs",
        ".cjs",
        ".jsx",
        ".ts",
        ".tsx",
        ".c",
        ".h",
        ".cc",
        ".cpp",
        ".cxx",
        ".hpp",
        ".java",
        ".kt",
        ".scala",
        ".cs",
        ".go",
        ".rs",
        ".rb",
        ".php",
        ".pl",
        ".lua",
        ".r",
        ".swift",
        ".m",
        ".hs",
        ".ml",
        ".clj",
        ".ex",
        ".erl",
        ".lisp",
        ".sh",
        ".bash",
        ".zsh",
        ".ps1",
        ".bat",
        ".sql",
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".ini",
        ".cfg",
        ".xml",
        ".html",
        ".htm",
        ".css",
        ".scss",
        ".vue",
        ".svg",
        ".srt",
    )
)
TABLE_SUFFIXES = frozenset((".csv", ".tsv", ".tab"))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def head(raw: bytes) -> str:
    """The first HEAD_BYTES of an upload as text. Binary content is refused here with
    rnnviz.data.reader's own message (what a reader would say, before any reader runs)."""
    prefix = raw[:HEAD_BYTES]
    if prefix.startswith(_UTF16_BOMS):  # cut anywhere, UTF-16 would read as damaged
        return prefix.decode("utf-16", errors="ignore")
    if len(raw) > HEAD_BYTES:  # the cut may split a character: end at the last whole line
        prefix = prefix[: prefix.rfind(b"\n") + 1] or prefix
    if not prefix.strip():  # the readers tell an empty file from an empty text
        return ""
    return _decode(prefix, ENCODINGS, "file")


def kind(name: str, text: str) -> str:
    """ "table" or "text" for a file called `name` whose content begins with `text`."""
    suffix = Path(name).suffix.lower()
    lines = _lines(preamble.cut(text, DELIMITERS)[0])  # `#` comments and titles: no evidence
    if suffix in TABLE_SUFFIXES:
        return "text" if _clearly_not_table(lines) else "table"
    if suffix in TEXT_SUFFIXES:
        return "table" if _clearly_table(lines) else "text"
    return "table" if _clearly_table(lines) or _one_column(lines) else "text"


def _lines(text: str) -> list[str]:
    first = itertools.islice(io.StringIO(text, newline=None), SNIFF_LINES)  # no full split
    return [line[:SNIFF_CHARS] for line in first if line.strip()]


def _rows(lines: list[str], delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(lines, delimiter=delimiter, skipinitialspace=True))
    except csv.Error:  # a field over csv's size limit: not this delimiter
        return []


def _clearly_table(lines: list[str]) -> bool:
    """A delimiter splits the header into 2 fields or more and SAME_WIDTH of the lines into
    one width (a header may name fewer: rnnviz.data.preamble names the rest), and a column of
    the rows of that width is mostly numbers."""
    for delimiter in DELIMITERS:
        rows = _rows(lines, delimiter)
        if len(rows) < 2 or len(rows[0]) < 2:
            continue
        width = Counter(len(r) for r in rows[1:]).most_common(1)[0][0]
        same = [r for r in rows[1:] if len(r) == width]
        if (
            len(rows[0]) <= width
            and len(same) + 1 >= SAME_WIDTH * len(rows)
            and _numbers(same, width)
        ):
            return True
    return False


def _numbers(rows: list[list[str]], width: int) -> bool:
    """Some column is mostly numbers (blank cells are missing, not words). Parsed in one
    go: a column at a time spent seconds on 1,500 columns of words."""
    cells = pd.Series([cell.strip() for row in rows for cell in row], dtype=object)
    if cells.empty:
        return False
    present = (cells != "").to_numpy().reshape(len(rows), width).sum(axis=0)
    parsed = to_number(cells).notna().to_numpy().reshape(len(rows), width).sum(axis=0)
    return bool(((present > 0) & (parsed >= LOOKS_LIKE * present)).any())


def _one_column(lines: list[str]) -> bool:
    """A header over a column of numbers (a table of one series)."""
    return len(lines) >= 3 and _numbers([[line.strip()] for line in lines[1:]], 1)


def _clearly_not_table(lines: list[str]) -> bool:
    """Lines enough to judge, most of them of several words, no delimiter splitting
    LOOSE_WIDTH of them into one width of 2 or more, and no column of numbers: source code
    or prose. A ragged or wordy table, or one of a single column, stays a table for its
    reader to explain."""
    if len(lines) < FEW_LINES or _one_column(lines):
        return False
    if sum(len(line.split()) >= WORDS for line in lines) < LOOSE_WIDTH * len(lines):
        return False
    for delimiter in DELIMITERS:
        widths = Counter(len(r) for r in _rows(lines, delimiter) if len(r) >= 2)
        if widths and widths.most_common(1)[0][1] >= LOOSE_WIDTH * len(lines):
            return False
    return True
