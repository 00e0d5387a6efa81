"""Widget groups of the Data page: upload handling, series choices, text choices."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures
from rnnviz.data import DataError, datetime_columns, numeric_columns
from rnnviz.limits import MAX_ROWS
from rnnviz.prep import SeriesConfig
from rnnviz.text import TextConfig
from rnnviz.ui import actions, figcache, state
from rnnviz.workspace import digest

_LAST_UPLOAD = "rv_last_upload"  # (digest, error or None): parse each upload once


def handle_upload(up) -> None:
    if up is None:
        return
    raw = up.getvalue()
    key = digest(raw) + up.name
    last = st.session_state.get(_LAST_UPLOAD)
    if last is None or last[0] != key:
        last = (key, actions.use_upload(up.name, raw))
        st.session_state[_LAST_UPLOAD] = last
    if last[1]:
        st.error(last[1])


def _apply(cfg) -> None:
    try:
        state.set_prep_cfg(cfg)
    except DataError as err:
        st.error(f"{err} The previous settings stay in use.")


def series_section(ds) -> None:
    table, cfg = ds.table, state.prep_cfg()
    with st.expander(f"Preview: {len(table):,} rows × {len(table.columns)} columns", expanded=False):
        st.dataframe(table.head(200), width="stretch")
    new = _column_choices(table, cfg)
    new = _row_choices(new, len(table))
    new = _window_choices(new, len(table))
    _apply(new)
    _series_charts()


def _unless_set(key: str, **initial) -> dict:
    """A widget's initial value, unless the session already holds one for its key (set when
    a data set loads): passing both makes Streamlit warn."""
    return {} if key in st.session_state else initial


def _column_choices(table: pd.DataFrame, cfg: SeriesConfig) -> SeriesConfig:
    numbers, dates = numeric_columns(table), datetime_columns(table)
    others = [c for c in table.columns if c not in numbers and c not in dates]
    a, b, c = st.columns(3)
    date_opts = [None, *dates]
    date = a.selectbox("Date column", date_opts, **_unless_set("date_col", index=date_opts.index(
                       cfg.date_column) if cfg.date_column in date_opts else 0),
                       format_func=lambda v: "(row number)" if v is None else v, key="date_col")
    target = b.selectbox("Target (what to predict)", numbers, **_unless_set(
                         "target_col", index=numbers.index(cfg.target) if cfg.target in numbers else 0),
                         key="target_col")
    feats = c.multiselect("Input features", numbers, **_unless_set(
                          "feature_cols", default=[f for f in cfg.inputs if f in numbers]),
                          key="feature_cols", help="Columns the network reads at every step.")
    if others:
        st.caption("Left out (not numeric): " + ", ".join(map(str, others)))
    holes = int(table[list(dict.fromkeys([*feats, target]))].isna().sum().sum())
    missing = cfg.missing
    if holes:
        missing = st.radio(f"{holes} missing value(s) in the chosen columns: fix by",
                           ["interpolate", "drop"], index=["interpolate", "drop"].index(cfg.missing),
                           horizontal=True, key="missing_fix")
    return replace(cfg, date_column=date, target=target, features=tuple(feats or [target]),
                   missing=missing)


def _row_choices(cfg: SeriesConfig, rows: int) -> SeriesConfig:
    """A table longer than the cap trains on a cut of it: the newest rows, or every k-th."""
    if rows <= MAX_ROWS:
        return replace(cfg, last_rows=None, every_nth=1)
    st.warning(f"This table has {rows:,} rows; training uses at most {MAX_ROWS:,}.")
    options = ["Use the newest rows", "Keep every k-th row"]
    pick = st.radio("Which rows", options, index=int(cfg.every_nth > 1), horizontal=True,
                    key="row_choice")
    if pick == options[0]:
        n = st.number_input("Newest rows to use", 100, MAX_ROWS, min(cfg.last_rows or MAX_ROWS, MAX_ROWS),
                            key="last_rows")
        return replace(cfg, last_rows=int(n), every_nth=1)
    k = st.number_input("Keep one row in every", 2, 10_000, max(2, -(-rows // MAX_ROWS)), key="every_nth")
    if rows / k > MAX_ROWS:
        st.error(f"Keeping one row in {k} leaves {rows // k:,} rows: use at least {-(-rows // MAX_ROWS)}.")
        k = -(-rows // MAX_ROWS)
    return replace(cfg, last_rows=None, every_nth=int(k))


def _window_choices(cfg: SeriesConfig, rows: int) -> SeriesConfig:
    a, b, c, d = st.columns(4)
    window = a.number_input("Window length (steps read)", 2, 1000, key="window",
                            **_unless_set("window", value=int(cfg.window)))
    horizon = b.number_input("Horizon (steps ahead)", 1, 365, key="horizon",
                             **_unless_set("horizon", value=int(cfg.horizon)))
    scaling = c.selectbox("Scaling", ["minmax", "standard", "none"], key="scaling",
                          **_unless_set("scaling", index=["minmax", "standard", "none"].index(cfg.scaling)),
                          help="Fitted on the training part only, inverted for display.")
    m2m = d.toggle("Many-to-many", key="many_to_many",
                   **_unless_set("many_to_many", value=cfg.many_to_many),
                   help="Predict every step: the target is the whole window shifted by the "
                        "horizon, instead of one value.")
    e, f = st.columns(2)
    val = e.slider("Validation share", 0.05, 0.4, step=0.05, key="val_frac",
                   **_unless_set("val_frac", value=float(cfg.val_frac)))
    test = f.slider("Test share", 0.05, 0.4, step=0.05, key="test_frac",
                    **_unless_set("test_frac", value=float(cfg.test_frac)))
    return replace(cfg, window=int(window), horizon=int(horizon), scaling=scaling,
                   many_to_many=m2m, val_frac=val, test_frac=test)


def _series_charts() -> None:
    data = state.prepared()
    ws = data.windows
    st.markdown(f"**{ws.count('train'):,}** training, **{ws.count('val'):,}** validation and "
                f"**{ws.count('test'):,}** test pairs; each reads **{data.cfg.window}** steps of "
                f"{data.input_size} feature(s).")
    st.plotly_chart(figures.series_figure(data.index, {data.cfg.target: data.raw_target},
                                          split_at=list(data.boundaries)), width="stretch")
    st.subheader("How a window slides over the series")
    st.plotly_chart(_window_figure(data), width="stretch", key="window_anim")


def _window_figure(data):
    def build():
        n, w, h = len(data.raw_target), data.cfg.window, data.cfg.horizon
        span = min(n, max(6 * w, 120))
        starts = np.unique(np.linspace(0, max(span - w - h, 0), 24).astype(int))
        return figures.window_animation(data.index[:span], data.raw_target[:span], w, h,
                                        starts=starts, many_to_many=data.cfg.many_to_many)
    return figcache.cached("window", (state.dataset().digest, data.cfg), build)


def text_section(ds) -> None:
    cfg: TextConfig = state.prep_cfg()
    seq = st.slider("Sequence length (characters read per sample)", 8, 256, step=8, key="seq_len",
                    **_unless_set("seq_len", value=int(cfg.seq_len)))
    _apply(replace(cfg, seq_len=int(seq)))
    data = state.prepared()
    a, b, c = st.columns(3)
    a.metric("Characters used", f"{len(data.ids):,}", help=f"of {len(ds.text):,} in the file")
    b.metric("Vocabulary", f"{len(data.vocab):,} characters")
    c.metric("Training sequences", f"{data.windows.count('train'):,}")
    st.markdown("**Vocabulary:** " + " ".join(repr(ch)[1:-1] for ch in data.vocab.chars[:120]))
    st.subheader("Training pairs: read a sequence, predict the next character at every step")
    x, y = data.windows.batch("train", np.arange(min(5, data.windows.count("train"))))
    pairs = pd.DataFrame({"input": [data.vocab.decode(r) for r in x],
                          "target (shifted by one)": [data.vocab.decode(r) for r in y]})
    st.dataframe(pairs, width="stretch", hide_index=True)
