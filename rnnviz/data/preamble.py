"""What comes before a table's header: `#` comment lines and title rows, and a header
that names fewer columns than its rows hold.

NOAA's files open with dozens of `#` lines and spreadsheet exports with a title row; the
delimiter sniffer and pandas would take the first of them for the header and refuse the
file. They are cut off here, counted, and the count is told to the user. Only a bounded
number of lines at the top is looked at, so a huge file costs nothing extra.
"""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass

from rnnviz.data.note import Note

COMMENT = "#"
MOST_LINES = 2000  # lines at the top that may be preamble
MOST_TITLES = 5  # title rows (one field each) before a header
LOOK_AHEAD = 20  # lines after the preamble read to see how wide the rows are
LINE_END = re.compile(r"\r\n?|\n")
MOST_CHARS = 100_000  # of each line looked at: a 49 MB line is one field, read no further
UNNAMED = "Unnamed: "  # pandas' name for a column with no header, which rnnviz.data.reader knows
ROW_SHARE = 0.8  # rows sharing one width, for that width to be the table's


@dataclass(frozen=True)
class Preamble:
    """What was cut from the top: comment lines, title rows, and all lines cut (blank
    ones included), which turns a line number of the rest into one of the file."""

    comments: int = 0
    titles: int = 0
    lines: int = 0


def _lines(text: str, start: int = 0):
    """(line, offset after its line end) from `start`, lazily: the file is never split. A
    line longer than MOST_CHARS comes cut, with offset -1, and ends the lines: it is no
    preamble, and finding its end would read all of it."""
    pos = start
    while pos < len(text):
        found = LINE_END.search(text, pos, pos + MOST_CHARS + 2)
        if found:
            yield text[pos : found.start()], found.end()
            pos = found.end()
        else:
            whole = pos + MOST_CHARS + 2 >= len(text)
            yield text[pos : pos + MOST_CHARS], len(text) if whole else -1
            return


def _row(line: str, delimiter: str) -> list[str]:
    """The fields of one line; none for a line csv cannot split (a field over its limit)."""
    try:
        return next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
    except csv.Error:
        return []


def _widths(line: str, delimiters) -> list[int]:
    """Fields of a line under each delimiter, empty fields not counted."""
    return [sum(bool(cell.strip()) for cell in _row(line, d)) for d in delimiters]


def cut(text: str, delimiters) -> tuple[str, Preamble]:
    """`text` without its leading comment lines, blank lines and title rows."""
    comments, last_comment, lines, offset = 0, None, 0, 0
    for line, after in _lines(text):
        if (
            lines >= MOST_LINES
            or after < 0
            or (line.strip() and not line.lstrip().startswith(COMMENT))
        ):
            break
        if line.strip():
            comments, last_comment = comments + 1, line
        lines, offset = lines + 1, after
    rest = text[offset:]
    header = _commented_header(last_comment, rest, delimiters)
    if header is not None:  # "#year,value" over rows of numbers: the header, not a comment
        return header + "\n" + rest, Preamble(comments - 1, 0, lines - 1)
    titles, skipped, cut_at = _titles(rest, delimiters)
    return rest[cut_at:], Preamble(comments, titles, lines + skipped)


def _titles(text: str, delimiters) -> tuple[int, int, int]:
    """(title rows, lines, offset): rows of one field before rows of several."""
    head = list(itertools.islice(_lines(text), MOST_TITLES + LOOK_AHEAD))
    widths = [max(_widths(line, delimiters)) for line, _ in head]
    if not widths or max(widths) < 2:
        return 0, 0, 0  # a one-column table: its header is one field too
    titles = lines = offset = 0
    # widths covers the look-ahead rows too; only the first MOST_TITLES can be titles.
    for (line, after), width in zip(head[:MOST_TITLES], widths, strict=False):
        if width >= 2 or after < 0:
            break
        titles, lines, offset = titles + bool(line.strip()), lines + 1, after
    return titles, lines, offset


def _commented_header(line: str | None, rest: str, delimiters) -> str | None:
    """The last comment line without its `#`, when it splits like the first row below it
    and that row is all numbers (a header written as a comment)."""
    if line is None:
        return None
    first = next(_lines(rest), ("", 0))[0]
    named = line.lstrip().lstrip(COMMENT).strip()
    for delimiter, width in zip(delimiters, _widths(first, delimiters), strict=True):
        cells = _row(first, delimiter)
        if width >= 2 and _all_numbers(cells) and len(_row(named, delimiter)) == len(cells):
            return named
    return None


def _all_numbers(cells: list[str]) -> bool:
    try:
        [float(cell) for cell in cells]
    except ValueError:
        return False
    return True


def header_names(text: str, delimiter: str, rows: int = LOOK_AHEAD) -> list[str] | None:
    """Names for a header shorter than its rows (7 names over 8 values): the header's own,
    then "Unnamed: k" for each value it does not name, so no value is lost; None when the
    header is as wide as the rows."""
    lines = [line for line, _ in itertools.islice(_lines(text), rows + 1) if line.strip()]
    parsed = [_row(line, delimiter) for line in lines]
    if len(parsed) < 2:
        return None
    header, widths = parsed[0], [len(row) for row in parsed[1:]]
    width = max(set(widths), key=widths.count)
    if width <= len(header) or widths.count(width) < ROW_SHARE * len(widths):
        return None
    return _unique(header) + [f"{UNNAMED}{k}" for k in range(len(header), width)]


def notes(cut: Preamble, names: list[str] | None) -> list[Note]:
    """What the user is told: lines skipped, and values the header did not name."""
    found = [
        Note(key if count == 1 else key + "s", {"count": count})
        for key, count in (("preamble.comment", cut.comments), ("preamble.title", cut.titles))
        if count
    ]
    if names is not None:
        named = sum(not n.startswith(UNNAMED) for n in names)
        found.append(Note("preamble.short_header", {"named": named, "values": len(names)}))
    return found


def _unique(names: list[str]) -> list[str]:
    """pandas refuses repeated names it is given: "a", "a" -> "a", "a.1"."""
    out, seen = [], set()
    for name in names:
        unique, n = name, 0
        while unique in seen:
            n += 1
            unique = f"{name}.{n}"
        seen.add(unique)
        out.append(unique)
    return out
