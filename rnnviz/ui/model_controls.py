"""Widget groups of the Model page."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import replace

import pandas as pd
import streamlit as st

from rnnviz import i18n, summary
from rnnviz.data import DataError
from rnnviz.export import load_model
from rnnviz.i18n import t
from rnnviz.limits import MAX_HIDDEN, MAX_LAYERS
from rnnviz.models import CELLS, ModelConfig
from rnnviz.text import TextData
from rnnviz.ui import jobs, state
from rnnviz.workspace import model_config_for

HIDDEN_SIZES = [2, 4, 8, 10, 16, 32, 48, 64, 96, 128, 192, 256]


def effective_cfg(cfg: ModelConfig | None = None) -> ModelConfig:
    """The user's architecture with sizes taken from the current data (if any)."""
    cfg = cfg or state.model_cfg()
    data = state.prepared()
    return model_config_for(data, cfg) if data is not None else cfg


def seq_len() -> int:
    data = state.prepared()
    if data is None:
        return 30
    return data.cfg.seq_len if isinstance(data, TextData) else data.cfg.window


def architecture() -> ModelConfig:
    cur = state.model_cfg()
    cell = st.segmented_control(t("model.cell"), CELLS, default=cur.cell, key="cell",
                               required=True, format_func=summary.cell_label)
    b, c, d = st.columns([3, 1, 1], vertical_alignment="bottom")
    # A loaded model's size may be off the list (any size up to the cap is legal): show it.
    sizes = HIDDEN_SIZES
    if cur.hidden_size not in sizes and 1 <= cur.hidden_size <= MAX_HIDDEN:
        sizes = sorted([*HIDDEN_SIZES, cur.hidden_size])
    hidden = b.select_slider(t("model.hidden_size"), sizes,
                             value=cur.hidden_size if cur.hidden_size in sizes else 32,
                             key="hidden_size")
    # Clamped: a value above the widget's max raises StreamlitValueAboveMaxError.
    layers = c.number_input(t("model.layers"), 1, MAX_LAYERS,
                            min(max(cur.num_layers, 1), MAX_LAYERS), key="num_layers")
    bi = d.toggle(t("model.bidirectional"), cur.bidirectional, key="bidirectional",
                  help=t("model.bidirectional_help"))
    dropout = cur.dropout
    if layers > 1:
        dropout = st.slider(t("model.dropout"), 0.0, 0.5, float(cur.dropout), 0.05, key="dropout")
    new = replace(cur, cell=cell or cur.cell, hidden_size=int(hidden), num_layers=int(layers),
                  bidirectional=bi, dropout=float(dropout))
    state.set_model_cfg(new)
    _mode_choice()
    return effective_cfg(new)


def _mode_choice() -> None:
    data = state.prepared()
    if data is None or isinstance(data, TextData):
        if data is not None:
            st.caption(t("model.text_mode"))
        return
    modes = ["many-to-one", "many-to-many"]
    names = i18n.choose({m: f"model.mode.{m}" for m in modes})
    pick = st.radio(t("model.output"), modes, index=int(data.cfg.many_to_many), horizontal=True,
                    key="mode", format_func=names.get, help=t("model.output_help"))
    try:
        state.set_prep_cfg(replace(data.cfg, many_to_many=pick == modes[1]))
    except DataError as err:
        st.error(str(err))


def shapes(cfg: ModelConfig) -> None:
    st.subheader(t("model.shapes_title"))
    b = state.train_cfg().batch_size
    rows = summary.shape_table(cfg, b, seq_len())
    # Headers in the reader's language; the columns keep one name for the program.
    headers = {"tensor": t("model.col.tensor"), "shape": t("model.col.shape"),
               "holds": t("model.col.holds")}
    table = pd.DataFrame([{"tensor": n, "shape": "[" + ", ".join(map(str, s)) + "]", "holds": e}
                          for n, s, e in rows])
    st.dataframe(table, hide_index=True, width="stretch", column_config=headers)
    st.caption(t("model.shapes_caption", b=b, steps=seq_len(), layers=cfg.num_layers,
                 directions=cfg.num_directions, hidden=cfg.hidden_size))


def parameters(cfg: ModelConfig) -> None:
    table = summary.parameter_table(cfg)
    total = int(table["parameters"].sum())
    st.subheader(t("model.params_title", total=f"{total:,}"))
    st.latex(summary.count_formula_latex(cfg))
    st.caption(summary.keras_note())
    shown = table.assign(direction=table["direction"].map(
        lambda d: t(f"model.direction.{d}") if d else d))
    st.dataframe(shown, hide_index=True, width="stretch", height=320,
                 column_config={c: t(f"model.col.{c}") for c in summary.COLUMNS})


def load_saved() -> None:
    """Upload a model saved by rnnviz: inspect its architecture, or continue training it."""
    with st.expander(t("model.load_title")):
        up = st.file_uploader(t("model.load_file"), key="model_upload")
        if up is None:
            st.session_state.pop(_LOADED, None)  # the file was removed: free its model
            return
        model, error = _parsed(up.getvalue())
        if error:
            st.error(error)
            return
        data = state.prepared()
        if data is None or model_config_for(data, model.cfg) != model.cfg:
            st.warning(t("model.load_unfit", cell=summary.cell_label(model.cfg.cell),
                         inputs=model.cfg.input_size))
            return
        if st.button(t("model.use_loaded"), key="use_loaded"):
            # a copy: the cached model keeps the file's weights for the next click
            if refused := jobs.use_loaded(copy.deepcopy(model), data.windows, state.train_cfg()):
                st.error(refused)  # the training gate: over the caps or the memory share
            else:
                st.success(t("model.loaded"))


_LOADED = "rv_loaded_model"  # (sha256 of the upload, model or None, error or None)
_ARCH_KEYS = ("cell", "hidden_size", "num_layers", "bidirectional", "dropout")


def _parsed(raw: bytes):
    """The uploaded model (or why not), parsed once per file: reruns reuse it.

    A newly loaded model becomes the page's architecture: the widgets keep their own values
    across reruns (their identity is their key), so they are cleared and the page reruns
    to draw them from the model's settings.
    """
    digest = hashlib.sha256(raw).hexdigest()
    cached = st.session_state.get(_LOADED)
    if cached is not None and cached[0] == digest:
        return cached[1], cached[2]
    try:
        model, error = load_model(raw), None
    except ValueError as err:
        model, error = None, str(err)
    st.session_state[_LOADED] = (digest, model, error)  # one file at a time: the old one is freed
    if model is not None:
        state.set_model_cfg(model.cfg)
        for key in _ARCH_KEYS:
            st.session_state.pop(key, None)
        st.rerun()
    return model, error
