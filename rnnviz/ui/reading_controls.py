"""The Data page's choices about how a file was read: missing-value codes kept or not, which
series of a stacked table, and why columns are left out."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from rnnviz.data import leftout, stacked
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.session.schema import get
from rnnviz.session.workspace import keeping_codes
from rnnviz.ui import state
from rnnviz.ui.fields import initial

_KEEP = state.KEEP_CODES
_ALL = ""  # the "every row" choice of a stacked table's series: no key value is empty


def codes_toggle(ds) -> None:
    """Keep a file's missing-value codes (-200) as numbers, or read them as missing (the
    default); the settings chosen stay."""
    if not ds.codes:
        return
    if _KEEP.get() != ds.keep_codes:  # a new data set: its own state
        _KEEP.set(ds.keep_codes)
    st.toggle(t("codes.keep"), key=_KEEP.key, help=t("codes.keep_help"), on_change=_on_keep)


def _on_keep() -> None:
    ds, cfg = state.dataset(), state.prep_cfg()
    if ds is None:
        return
    try:
        state.set_dataset(keeping_codes(ds, bool(_KEEP.get())), cfg)
    except DataError as err:  # kept codes that break the preparation: the old state stays
        _KEEP.set(ds.keep_codes)
        st.error(t("data.kept_settings", error=err))


def series_choice(table: pd.DataFrame, cfg: SeriesConfig) -> SeriesConfig:
    """Which series of a stacked table to train on; the others wait in the table."""
    key = cfg.series_column or stacked.find_key(table)
    if key is None or key not in table.columns:
        return cfg
    found = stacked.series(table, key)
    shown = {s.value: t("stacked.series_label", value=s.value, rows=s.rows) for s in found}
    shown[_ALL] = t("stacked.all")
    options = [*shown]
    s = get(SeriesConfig, "series_value")
    held = cfg.series_value if cfg.series_column else _ALL
    box = state.widget(s.widget)
    if (box.get() if box.held() else held) not in shown:  # a value from another data set
        box.set(held if held in shown else options[0])
    pick = st.selectbox(
        t("stacked.which", column=md(key)),
        options,
        format_func=shown.get,
        key=s.widget,
        help=t("stacked.which_help", count=len(found), column=md(key)),
        **initial(s.widget, index=options.index(held) if held in shown else 0),
    )
    if pick == _ALL:
        return replace(cfg, series_column=None, series_value=None)
    rows = next(s.rows for s in found if s.value == pick)
    st.caption(t("stacked.found", count=len(found), column=md(key), value=md(pick), rows=rows))
    return replace(cfg, series_column=key, series_value=pick)


def left_out_lines(table: pd.DataFrame, found) -> None:
    """One line per reason columns are left out (text, one value, an ID); the key of a
    stacked table is no such column: the series choice above uses it."""
    roles = dict(found.columns) if found is not None else None
    reasons = [
        (c, r)
        for c, r in leftout.reasons(table, roles)
        if r != "empty" and (roles or {}).get(c) != "series"
    ]
    for note in leftout.reason_notes(reasons):
        st.caption(note.format(md))
