"""Widget groups of the Model page."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pandas as pd
import streamlit as st

from rnnviz import i18n, summary
from rnnviz.data import DataError
from rnnviz.export import load_model
from rnnviz.i18n import t
from rnnviz.models import ModelConfig
from rnnviz.run import Origin, Run, saved_origin, weights_copy
from rnnviz.safe import md
from rnnviz.settings import get
from rnnviz.text import TextData
from rnnviz.ui import fields, jobs, state
from rnnviz.workspace import model_config_for

HIDDEN_SIZES = get(ModelConfig, "hidden_size").marks  # the slider's marks, for tests


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
    cell = fields.choice(st, get(ModelConfig, "cell"), cur.cell, style="segmented")
    b, c, d = st.columns([3, 1, 1], vertical_alignment="bottom")
    # Any valid size is shown as it is (a link's or a loaded model's), beside the marks.
    hidden = fields.number(b, get(ModelConfig, "hidden_size"), cur.hidden_size)
    layers = fields.number(c, get(ModelConfig, "num_layers"), cur.num_layers)
    bi = fields.toggle(d, get(ModelConfig, "bidirectional"), cur.bidirectional)
    dropout = cur.dropout
    if layers > 1:  # torch applies dropout between layers only
        dropout = fields.number(st, get(ModelConfig, "dropout"), cur.dropout)
    new = replace(cur, cell=cell or cur.cell, hidden_size=int(hidden), num_layers=int(layers),
                  bidirectional=bi, dropout=float(dropout))
    state.set_model_cfg(new)
    _mode_choice()
    return effective_cfg(new)


def _mode_choice() -> None:
    """many_to_many, the Data page's setting, drawn here as the model's output."""
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
    st.markdown(_parts_table(cfg, total))
    shown = table.assign(direction=table["direction"].map(
        lambda d: t(f"model.direction.{d}") if d else d))
    st.dataframe(shown, hide_index=True, width="stretch", height=320,
                 column_config={c: t(f"model.col.{c}") for c in summary.COLUMNS})


def _parts_table(cfg: ModelConfig, total: int) -> str:
    """The heading's total as a visible sum: the formula above counts the recurrent stack
    only, and the head (and a text model's embedding) make up the rest."""
    lines = [f"| {t('model.parts.part')} | {t('model.parts.formula')} | "
             f"{t('model.parts.count')} |", "| --- | --- | ---: |"]
    for code, formula, count in summary.parameter_parts(cfg):
        name = t(f"model.parts.{code}", cell=summary.cell_label(cfg.cell))
        lines.append(f"| {name} | {formula} | {count:,} |")
    lines.append(f"| **{t('model.parts.total')}** | | **{total:,}** |")
    return "\n".join(lines)


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
        data, origin = _run_data(model)
        if data is None:
            st.warning(t("model.load_unfit", cell=summary.cell_label(model.cfg.cell),
                         inputs=model.cfg.input_size))
            return
        if getattr(model, "saved_data", None) is not None:
            st.caption(t("run.file_data", name=md(origin.name)))
        if st.button(t("model.use_loaded"), key="use_loaded"):
            # a copy: the cached model keeps the file's weights for the next click
            if refused := jobs.use_loaded(weights_copy(model), data.windows, state.train_cfg()):
                st.error(refused)  # the training gate: over the caps or the memory share
            else:
                state.set_run(Run(jobs.get(), data, origin))
                st.success(t("model.loaded"))


def _run_data(model):
    """(prepared data, origin) a loaded model's run reads: the file's own data, or for a
    model-only file (older rnnviz) the current data if the model fits them; else (None, None)."""
    if getattr(model, "saved_data", None) is not None:
        return model.saved_data, saved_origin(model) or Origin(t("run.unnamed"))
    data, ds = state.prepared(), state.dataset()
    if data is None or model_config_for(data, model.cfg) != model.cfg:
        return None, None
    return data, Origin.of(ds)


_LOADED = state.LOADED_MODEL.key  # (sha256 of the upload, model or None, error or None)
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
