"""Columns a table holds that no model is offered, each with why: empty in every row, text,
one value throughout, or a row ID. A learner told "not numeric" about a column that is
simply empty looks for a number format problem that is not there.

Reasons are codes (``empty``, ``text``, ``constant``, ``id``); the catalog keys
``leftout.reason.<code>`` name them.
"""

from __future__ import annotations

import pandas as pd

from rnnviz.data.celltypes import datetime_columns, numeric_columns
from rnnviz.data.note import Note

REASONS = ("empty", "text", "constant", "id")
# A role from rnnviz.data.roles.ROLES -> the reason a column with that role is left out
ROLE_REASONS = {"constant": "constant", "index": "id", "series_id": "id"}


def empty_columns(table: pd.DataFrame) -> list[str]:
    """Columns with no value in any row."""
    return [c for c in table.columns if not table[c].notna().any()]


def reasons(table: pd.DataFrame, roles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(column, reason) for each column that is neither a number nor a date, and, given
    `roles` (rnnviz.data.roles.classify), for each number a model is not set to use."""
    numbers, dates = set(numeric_columns(table)), set(datetime_columns(table))
    found = []
    for name in table.columns:
        if not table[name].notna().any():
            found.append((name, "empty"))
        elif name not in numbers and name not in dates:
            found.append((name, "text"))
        elif roles and roles.get(name) in ROLE_REASONS:
            found.append((name, ROLE_REASONS[roles[name]]))
    return found


def reason_notes(found: list[tuple[str, str]]) -> list[Note]:
    """One line per reason naming its columns: "Left out, empty in every row: TAVG"."""
    by_reason: dict[str, list[str]] = {}
    for name, reason in found:
        by_reason.setdefault(reason, []).append(name)
    return [
        Note(f"leftout.reason.{reason}", {"columns": tuple(by_reason[reason])})
        for reason in REASONS
        if reason in by_reason
    ]
