"""Widget groups of the Model page."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from rnnviz import summary
from rnnviz.data import DataError
from rnnviz.export import load_model
from rnnviz.models import CELLS, ModelConfig
from rnnviz.text import TextData
from rnnviz.train import TrainJob
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
    cell = st.segmented_control("Cell", CELLS, default=cur.cell, key="cell", required=True,
                               format_func=summary.CELL_LABELS.get)
    b, c, d = st.columns([3, 1, 1], vertical_alignment="bottom")
    hidden = b.select_slider("Hidden size (units per layer)", HIDDEN_SIZES,
                             value=cur.hidden_size if cur.hidden_size in HIDDEN_SIZES else 32,
                             key="hidden_size")
    layers = c.number_input("Layers", 1, 4, cur.num_layers, key="num_layers")
    bi = d.toggle("Bidirectional", cur.bidirectional, key="bidirectional",
                  help="A second RNN reads the sequence backwards; their states are concatenated.")
    dropout = cur.dropout
    if layers > 1:
        dropout = st.slider("Dropout between layers", 0.0, 0.5, float(cur.dropout), 0.05, key="dropout")
    new = replace(cur, cell=cell or cur.cell, hidden_size=int(hidden), num_layers=int(layers),
                  bidirectional=bi, dropout=float(dropout))
    state.set_model_cfg(new)
    _mode_choice()
    return effective_cfg(new)


def _mode_choice() -> None:
    data = state.prepared()
    if data is None or isinstance(data, TextData):
        if data is not None:
            st.caption("Text: a character language model (predicts the next character at every step).")
        return
    modes = ["many-to-one", "many-to-many"]
    pick = st.radio("Output", modes, index=int(data.cfg.many_to_many), horizontal=True, key="mode",
                    help="many-to-one: one prediction from the final state; many-to-many: a "
                         "prediction at every step (the window shifted by the horizon).")
    try:
        state.set_prep_cfg(replace(data.cfg, many_to_many=pick == modes[1]))
    except DataError as err:
        st.error(str(err))


def shapes(cfg: ModelConfig) -> None:
    st.subheader("Tensor shapes for your data")
    b = state.train_cfg().batch_size
    rows = summary.shape_table(cfg, b, seq_len())
    table = pd.DataFrame([{"tensor": n, "shape": "[" + ", ".join(map(str, s)) + "]", "what it holds": e}
                          for n, s, e in rows])
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(f"B = batch size ({b}), T = time steps ({seq_len()}), L = layers "
               f"({cfg.num_layers}), D = directions ({cfg.num_directions}), H = hidden size "
               f"({cfg.hidden_size}). PyTorch's `batch_first=True` puts B first in input and "
               "output, but never in h_n / c_n.")


def parameters(cfg: ModelConfig) -> None:
    table = summary.parameter_table(cfg)
    total = int(table["parameters"].sum())
    st.subheader(f"Parameters: {total:,}")
    st.latex(summary.count_formula_latex(cfg))
    st.caption(summary.KERAS_NOTE)
    st.dataframe(table, hide_index=True, width="stretch", height=320)


def load_saved() -> None:
    """Upload a model saved by rnnviz: inspect its architecture, or continue training it."""
    with st.expander("Load a saved model (.safetensors)"):
        up = st.file_uploader("A model file downloaded from the Train page", key="model_upload")
        if up is None:
            return
        try:
            model = load_model(up.getvalue())
        except ValueError as err:
            st.error(str(err))
            return
        state.set_model_cfg(model.cfg)
        data = state.prepared()
        if data is None or model_config_for(data, model.cfg) != model.cfg:
            st.warning(f"Loaded the architecture ({summary.CELL_LABELS[model.cfg.cell]}, "
                       f"input size {model.cfg.input_size}). It does not fit the current data: "
                       "load the data it was trained on to use its weights.")
            return
        if st.button("Use these weights (Inside, Predict, Resume training)", key="use_loaded"):
            jobs.put(TrainJob(model, data.windows, state.train_cfg()))
            st.success("Loaded. Inside and Predict now show this model; Resume on the Train page "
                       "continues training it.")
