"""The prepared rows an exported script carries: the app's own reading, not a copy of it.

A file reaches training through rnnviz's reader (encodings, # comment lines, delimiters,
number formats, whole-column date rules, date + time-of-day columns joined, missing-value
codes) and the choices made on it (one series of a stacked table, the newest rows, one row
in n). A script that re-read the file would have to repeat all of that and drifts from it
whenever the reader learns something new. So the script carries the result instead: the
columns the network reads and predicts, in time order, one row per time step, holes left
as None for the script's own missing-value step. Past MAX_NUMBERS the script reads the
file itself (rnnviz.script.parts) and its fingerprint check says when its rows differ.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import replace

import numpy as np
import pandas as pd

from rnnviz.data import stacked
from rnnviz.data.prep import SeriesData, prepare_series
from rnnviz.data.reader import DataError
from rnnviz.script.typed_parts import ARGUMENTS

MAX_NUMBERS = 100_000  # carried up to this many values (about 1.5 MB of script)
WIDTH = 96  # rows are wrapped into lines of at most this many characters
Rows = tuple[tuple[str, ...], np.ndarray]  # (column names, values [N, C])


def prepared_rows(table: pd.DataFrame, data: SeriesData) -> Rows | None:
    """(columns, rows [N, C] float64 with NaN holes) that prepare to exactly `data`, or None
    when they would be too many or do not (the table is not the one `data` came from)."""
    cfg = data.cfg
    columns = tuple(dict.fromkeys([*cfg.inputs, *cfg.outputs]))
    if cfg.series_column is not None:
        if cfg.series_column not in table.columns:
            return None
        table = stacked.select(table, cfg.series_column, str(cfg.series_value))
    if cfg.last_rows:
        table = table.tail(cfg.last_rows)
    if cfg.every_nth > 1:
        table = table.iloc[:: cfg.every_nth]
    if not set(columns) <= set(table.columns) or len(table) * len(columns) > MAX_NUMBERS:
        return None
    numbers = table[list(columns)].apply(pd.to_numeric, errors="coerce").astype(np.float64)
    rows = numbers.replace([np.inf, -np.inf], np.nan).to_numpy()
    return (columns, rows) if _prepares_to(columns, rows, data) else None


def carried_config(cfg):
    """The preparation of carried rows: the series is chosen and the cuts made already."""
    return replace(cfg, series_column=None, series_value=None, last_rows=None, every_nth=1)


def _prepares_to(columns: tuple[str, ...], rows: np.ndarray, data: SeriesData) -> bool:
    """Whether the engine's own preparation of the rows gives the run's data bit for bit:
    a script trained on them then sees exactly what the app trained on."""
    try:
        again = prepare_series(pd.DataFrame(rows, columns=list(columns)), carried_config(data.cfg))
    except DataError:
        return False
    assert again.targets is not None and data.targets is not None  # set in __post_init__
    return np.array_equal(again.values, data.values) and np.array_equal(again.targets, data.targets)


def _cell(value: float) -> str:
    """A float literal, or None for a hole (repr of a float reads back bit for bit)."""
    return "None" if math.isnan(value) else repr(float(value))


def _lines(rows: np.ndarray) -> list[str]:
    """The rows' literals, as many whole rows to a line as fit in WIDTH (a row is never cut,
    so each line reads like lines of a CSV file)."""
    lines, line = [], ""
    for row in rows:
        cell = "[" + ", ".join(_cell(v) for v in row) + "],"
        if line and len(line) + 1 + len(cell) > WIDTH - 4:
            lines.append(line)
            line = ""
        line = f"{line} {cell}" if line else cell
    return lines + ([line] if line else [])


def section(columns: tuple[str, ...], rows: np.ndarray) -> str:
    """Section 2 of the script: the rows as a list literal, a table built from them."""
    lines = _lines(rows)
    return "\n".join(
        [
            f"# %% 2. The data: the {len(rows)} rows rnnviz trained on, oldest first",
            ARGUMENTS,
            "# rnnviz read the file (its dates, number formats and missing-value codes), chose",
            "# the rows (one series of a stacked table, the newest rows, one in n) and put them in",
            "# time order. These are the columns the network reads and predicts: one row per time",
            "# step, float64 as read, None where a value is missing (section 3 fills or drops",
            "# those).",
            f"COLUMNS = {list(columns)!r}",
            "ROWS = [",
            textwrap.indent("\n".join(lines), "    "),
            "]",
            "table = pd.DataFrame(ROWS, columns=COLUMNS, dtype=np.float64)  # (N, C)",
            'print(f"{len(table)} rows of {len(COLUMNS)} column(s)")',
            "",
            "",
        ]
    )
