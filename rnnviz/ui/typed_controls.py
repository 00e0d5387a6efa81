"""The Data page's "Type" source: a small table a learner types (rnnviz/data/typed.py reads it).

Two kinds of table: rows of "sequence -> target" (training pairs as a tutorial writes
them) or one series (one number per row: the normal series path, as a one-column CSV).
An edit is used as soon as it reads cleanly; a table that does not read shows what to fix
and the data in use stay as they were.

The editor's widget state holds only the edits since it was drawn from `base`, and
Streamlit forgets it when the user leaves the page: the table with its edits is kept as
`latest`, and becomes the base the next time the editor starts afresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.data import shown, typed
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.session.schema import get
from rnnviz.session.workspace import Dataset, digest
from rnnviz.ui import actions, fields, state

_EDITOR = state.TYPED_EDITOR
MODES = ("rows", "series")
_COLUMNS = {"rows": ("sequence", "target"), "series": ("value",)}
SHOWN_ROWS = 200  # of the typed rows' table on the page


@dataclass
class _Editor:
    mode: str = "rows"
    version: int = 0  # part of the widget key: a new base needs a new widget
    base: pd.DataFrame = field(default_factory=lambda: _empty("rows"))
    latest: pd.DataFrame = field(default_factory=lambda: _empty("rows"))
    used: str = ""  # digest of the last table made the data set


def in_use() -> bool:
    """Whether the data set in use is the typed table (the Data page opens on "Type")."""
    ds, rec = state.dataset(), _EDITOR.get()
    return ds is not None and rec is not None and ds.digest == rec.used


def _empty(mode: str) -> pd.DataFrame:
    if mode == "series":
        return pd.DataFrame({"value": pd.Series([], dtype="float64")})
    return pd.DataFrame({c: pd.Series([], dtype="object") for c in _COLUMNS["rows"]})


def _editor() -> _Editor:
    rec = _EDITOR.get()
    if rec is None:
        rec = _Editor()
        _EDITOR.set(rec)
    return rec


def _key(rec: _Editor) -> str:
    return f"typed_table_{rec.mode}_{rec.version}"


def _reset(rec: _Editor, table: pd.DataFrame) -> None:
    rec.base, rec.latest, rec.version = table, table, rec.version + 1


def fill_sample(key: str) -> None:
    """A typed sample into the editor (a button's callback: before the page is drawn)."""
    rec = _editor()
    rec.mode = "rows"
    state.TYPED_MODE.set("rows")
    _reset(rec, pd.DataFrame(list(typed.TYPED_SAMPLES[key].rows), columns=list(_COLUMNS["rows"])))


def use_sample(key: str) -> None:
    """A typed sample as the data set now (a lesson opens it without the Data page)."""
    fill_sample(key)
    table = _editor().base
    digest = _digest("rows", table)
    _load("rows", table, digest)
    _editor().used = digest


def _on_mode() -> None:
    rec = _editor()
    mode = state.TYPED_MODE.get() or "rows"
    if mode != rec.mode:
        rec.mode = mode
        _reset(rec, _empty(mode))


def source_section() -> None:
    """The mode, the sample buttons and the editor; uses the table once it reads cleanly."""
    rec = _editor()
    labels = {m: t(f"typed.mode.{m}") for m in MODES}  # made here: format_func may run elsewhere
    st.radio(
        t("typed.mode"),
        MODES,
        format_func=labels.get,
        horizontal=True,
        key=state.TYPED_MODE.key,
        on_change=_on_mode,
        **fields.initial(state.TYPED_MODE.key, index=MODES.index(rec.mode)),
    )
    if rec.mode == "rows":
        cols = st.columns([2, 2, 2, 3], vertical_alignment="center")
        cols[0].markdown(t("typed.samples"))
        # Three columns for the samples, fewer samples: the last column stays empty.
        for where, key in zip(cols[1:], typed.TYPED_SAMPLES, strict=False):
            where.button(
                typed.TYPED_SAMPLES[key].title,
                key=f"typed_sample_{key}",
                on_click=fill_sample,
                args=(key,),
                icon=":material/edit_note:",
            )
    table = _table(rec)
    if rec.mode == "rows":
        st.caption(
            t(
                "typed.rule",
                rows=typed.MAX_TYPED_ROWS,
                steps=typed.MAX_STEPS,
                features=typed.MAX_FEATURES,
            )
        )
    else:
        st.caption(t("typed.series_rule", rows=typed.MAX_TYPED_ROWS))
    _use(rec.mode, table)


def _table(rec: _Editor) -> pd.DataFrame:
    key = _key(rec)
    if not state.widget(key).held():  # a fresh editor: no edits on top of its base yet
        rec.base = rec.latest
    if rec.mode == "rows":
        # The browser stops a cell at its cap; the engine checks again before parsing.
        config = {
            "sequence": st.column_config.TextColumn(
                t("typed.col.sequence"), width="large", max_chars=typed.MAX_CELL_CHARS
            ),
            "target": st.column_config.TextColumn(
                t("typed.col.target"), max_chars=typed.MAX_NUMBER_CHARS
            ),
        }
    else:
        config = {"value": st.column_config.NumberColumn(t("typed.col.value"), format="%g")}
    table = st.data_editor(
        rec.base,
        num_rows="dynamic",
        hide_index=True,
        column_config=config,
        key=key,
        width="stretch",
    )
    rec.latest = table
    return table


def _digest(mode: str, table: pd.DataFrame) -> str:
    return digest(f"{mode}\n{table.to_csv(index=False)}".encode())


def _use(mode: str, table: pd.DataFrame) -> None:
    """Make the table the data set when it changed since the data set was made from it."""
    try:  # first: whatever is pasted, nothing below reads more than the cap
        typed.check_size(table.itertuples(index=False, name=None))
    except DataError as err:
        st.error(str(err))
        return
    if _all_blank(table):
        st.info(t("typed.err.no_rows"))
        return
    ds, key = state.dataset(), _digest(mode, table)
    if ds is not None and ds.digest == key:
        return
    try:
        _load(mode, table, key)
        _editor().used = key
    except DataError as err:
        st.error(str(err))


def _all_blank(table: pd.DataFrame) -> bool:
    return all(typed.blank(v) for v in table.to_numpy().ravel())


def _load(mode: str, table: pd.DataFrame, key: str) -> None:
    if mode == "series":
        values = typed.parse_series(table["value"].tolist())
        ds = Dataset(
            t("typed.series_name"),
            "series",
            table=pd.DataFrame({"value": values}),
            digest=key,
            typed=True,
        )
        state.set_dataset(ds, actions.default_prep(ds))
        return
    rows = table[list(_COLUMNS["rows"])].astype(object).where(table.notna(), None)
    x, _ = typed.parse_rows(rows.itertuples(index=False, name=None))
    old = state.prep_cfg()  # the scaling chosen for the last typed rows stays
    scaling = old.scaling if isinstance(old, SeriesConfig) and _typed_now() else None
    ds = Dataset(
        t("typed.name"), "typed", table=rows.reset_index(drop=True), digest=key, typed=True
    )
    state.set_dataset(ds, typed.default_config(x, scaling))


def _typed_now() -> bool:
    ds = state.dataset()
    return ds is not None and ds.kind == "typed"


# ---- the Data page for typed rows -------------------------------------------------------


def rows_section(ds) -> None:
    """Typed rows in use: their scaling, their shape, and the rows as a table (a handful
    of separate samples is no time series to plot)."""
    cfg = state.prep_cfg()
    scaling = fields.choice(st, get(SeriesConfig, "scaling"), cfg.scaling)
    if scaling != cfg.scaling:
        try:
            state.set_prep_cfg(typed.default_config(state.prepared().raw_inputs, scaling))
        except DataError as err:
            st.error(t("data.kept_settings", error=err))
    data = state.prepared()
    n, steps, features = data.values.shape
    st.markdown(t("typed.shape", rows=n, steps=steps, features=features))
    for note in data.notes:
        st.caption(note)
    st.subheader(t("typed.rows_title"))
    st.dataframe(rows_frame(data), hide_index=True, width="stretch")


def rows_frame(data, limit: int = SHOWN_ROWS) -> pd.DataFrame:
    """One column per step (one feature) or the steps as text (several), then the target."""
    x, y = data.raw_inputs[:limit], data.raw_target[:limit]
    if x.shape[2] == 1:
        frame = pd.DataFrame(x[:, :, 0], columns=[f"t{k + 1}" for k in range(x.shape[1])])
    else:
        frame = pd.DataFrame({t("typed.col.sequence"): [step_text(r) for r in x]})
    frame[t("typed.col.target")] = y
    return frame


def step_text(x: np.ndarray, magnitudes=None) -> str:
    """[T, F] back as typed: steps apart by '; ', features by ' ', each feature at its own
    precision (rnnviz.data.shown: no float32 noise)."""
    return "; ".join(" ".join(step) for step in shown.columns(np.atleast_2d(x), magnitudes))
