"""Predict for any series run: type a sequence and read the model's answer in the target's
units (rnnviz.data.typed.answer). A run on typed rows has no test set: its rows and the
model's answers for them take the test charts' place."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.analysis.predict import predict_scaled
from rnnviz.data import shown
from rnnviz.data.reader import DataError
from rnnviz.data.transforms import lag
from rnnviz.data.typed import MAX_CELL_CHARS, TARGET, TypedData, answer, recent_inputs
from rnnviz.i18n import t
from rnnviz.safe_text import md, names
from rnnviz.ui import state
from rnnviz.ui.typed_controls import rows_frame, step_text

SHOWN_STEPS = 60  # of a table's last window, offered as the box's first sequence
BOX = state.TYPED_SEQUENCE.key


def sample_set(run) -> bool:
    """Whether the run trained on typed rows (separate samples: no test set, no forecast)."""
    return isinstance(run.data, TypedData)


def section(run) -> None:
    if sample_set(run):
        _rows_with_answers(run)
    sequence_box(run)


def _rows_with_answers(run) -> None:
    data = run.data
    st.subheader(t("typed.predict.rows_title"))
    st.caption(t("typed.predict.no_test"))
    frame = rows_frame(data)
    x = data.values[: len(frame)]
    preds = _model_on(run.model, x)
    frame[t("typed.predict.col_answer")] = data.unscale_target(preds)
    st.dataframe(frame, hide_index=True, width="stretch")


def _model_on(model, x: np.ndarray) -> np.ndarray:
    """The model's (last step's) output for scaled samples x [N, T, F], on its device."""
    return predict_scaled(model, np.ascontiguousarray(x, np.float32))


def default_sequence(data) -> str:
    """A sequence shaped like the model's input: a typed run's first row, or a table's last
    window (at most SHOWN_STEPS steps) in its own units."""
    if isinstance(data, TypedData):
        raw, tops = data.raw_inputs[0], np.abs(data.raw_inputs).max(axis=(0, 1))
    else:
        raw = recent_inputs(data, min(data.cfg.window, SHOWN_STEPS) + lag(data.cfg))
        part = data.scaler.part(slice(0, data.input_size))
        tops = np.abs(part.loc) + np.abs(part.scale)  # the column's size: its noise
    if data.input_size == 1:
        return ", ".join(row[0] for row in shown.columns(raw, tops))
    return step_text(raw, tops)


def _fill_for(run) -> None:
    """The box holds a sequence of the run shown: a new run refills it (a typed sequence
    meant for another run's columns would be answered by this one's model), and what the
    user typed for this run stays."""
    if state.TYPED_FOR.get() != run.id or not state.TYPED_SEQUENCE.held():
        state.TYPED_SEQUENCE.set(default_sequence(run.data))
        state.TYPED_FOR.set(run.id)


def sequence_box(run) -> None:
    """ "Type a sequence -> prediction", for the run's own model and scaler."""
    data = run.data
    st.subheader(t("typed.predict.title"))
    st.caption(
        t(
            "typed.predict.help",
            features=data.input_size,
            inputs=names(data.cfg.inputs),  # joined as the language joins a list
            window=data.cfg.window,
        )
    )
    _fill_for(run)
    text = st.text_input(
        t("typed.predict.label"), key=BOX, max_chars=MAX_CELL_CHARS
    )  # the browser stops there; answer() checks too
    try:
        got = answer(run.model, data, text)
    except DataError as err:
        st.error(str(err))
        return
    # Typed rows' target column has a code for a name: call it what the typed table heads it.
    target = t("typed.col.target") if data.cfg.target == TARGET else md(data.cfg.target)
    st.metric(t("typed.predict.answer", target=target), f"{float(got.values[-1]):.6g}")
    st.caption(t("typed.predict.by_run", name=md(run.origin.name), target=target))
    if got.steps != got.window:
        st.caption(t("typed.predict.length", steps=got.steps, window=got.window))
    if len(got.values) > 1:  # many-to-many: one output per step, the last is the answer
        st.caption(t("typed.predict.per_step"))
        st.dataframe(pd.DataFrame({t("typed.predict.col_answer"): got.values}).T, width="stretch")
