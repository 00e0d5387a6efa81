"""The "Cell calculator" tab of the Inside page: one step of the cell, every number shown."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.analysis import calculator
from rnnviz.analysis.probe import trace
from rnnviz.i18n import t
from rnnviz.model import scratch, shapes
from rnnviz.model.summary import gate_label
from rnnviz.safe_text import md
from rnnviz.ui import state
from rnnviz.ui.inside_controls import direction_name

TOLERANCE = 1e-5  # float32 round-off is ~1e-7; anything near 1e-5 would be a real mismatch
MAX_UNITS = 3  # units written out as equations; the tables show every unit


def sequence_values(job, seq):
    """What the model reads for the page's sequence choice: [T, F] values or [T] token ids."""
    kind, value = seq
    return job.recorder.x[value] if kind == "probe" else value


def _trace(job, x, key):
    """probe.trace of the model now, kept while only the time step or unit changes. The job
    is held by a weak reference: a new job that reuses a freed job's id() is not a hit."""
    hit = state.CALC_TRACE.get()
    if hit is None or hit[0]() is not job or hit[1] != key:
        hit = (weakref.ref(job), key, trace(job.model, x))
        state.CALC_TRACE.set(hit)
    return hit[2]


def calculator_tab(job, x, layer: int, direction: int, chars=None) -> None:
    """Pick a time step; show that step as equations (a few units) and tables (all units)."""
    status = job.status()
    if status.active:  # never read weights the worker is updating
        st.info(t("calc.training"))
        numpy_example()  # reads no model: open while training too
        return
    x = np.asarray(x)
    T, H = len(x), job.model.cfg.hidden_size
    left, right = st.columns([3, 2], gap="large")
    step = (
        0
        if T < 2
        else left.slider(
            t("calc.time_step"), 0, T - 1, T // 2, key=f"calc_t_{T}", help=t("calc.time_help")
        )
    )
    names = [t("calc.unit_n", j=j) for j in range(H)]  # made now, in this run's language
    units = right.multiselect(
        t("calc.units"),
        list(range(H)),
        default=[0],
        max_selections=MAX_UNITS,
        key=f"calc_units_{H}",
        format_func=names.__getitem__,
    )
    h0, c0, seed = _initial_state(job.model.cfg, layer, direction)
    key = (status.step, x.tobytes())
    tr = _trace(job, x, key)
    terms = calculator.step_terms(job.model, x, layer, direction, step, tr=tr, h0=h0, c0=c0)
    _check_line(terms)
    st.caption(_what_is_read(terms, chars, _scaler_of(job), seed, _transform_of(job)))
    for j in units:
        st.markdown(t("calc.unit_heading", j=j))
        for line in calculator.latex_lines(terms, j):
            st.latex(line)
    _tables(terms)
    numpy_example()


def _initial_state(cfg, layer: int, direction: int):
    """(h0, c0, seed) [L·D, H] the step and the fused module both start from: zeros (None,
    torch's default, as the Inside figures) or the seeded random normal a tutorial passes."""
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    names = {c: t(f"shapes.h0.{c}") for c in shapes.H0_INITS}
    init = a.radio(
        t("calc.h0_init"),
        shapes.H0_INITS,
        horizontal=True,
        key="calc_h0_init",
        format_func=names.get,
        help=t("calc.h0_help"),
    )
    if init == "zeros":
        return None, None, None
    seed = int(b.number_input(t("shapes.h0_seed"), 0, 2**31 - 1, 0, step=1, key="calc_h0_seed"))
    h0, c0 = shapes.initial_state(cfg, 1, "randn", seed)  # (L·D, 1, H)
    h0, c0 = h0[:, 0].double().numpy(), (None if c0 is None else c0[:, 0].double().numpy())
    row = h0[layer * cfg.num_directions + direction]
    shown = ", ".join(f"{v:.3f}" for v in row[:6]) + (", …" if len(row) > 6 else "")
    st.caption(t("calc.h0_note", seed=seed, layers=len(h0), hidden=len(row), shown=shown))
    return h0, c0, seed


def _check_line(terms) -> None:
    where = t(
        "calc.where", layer=terms.layer + 1, direction=direction_name(terms.direction), t=terms.t
    )
    facts = {"name": terms.module_name, "diff": terms.max_abs_diff, "where": where}
    if not terms.finite:  # NaN/inf weights: no difference to report, and no bug either
        what = t("list.separator").join(terms.nonfinite)
        st.warning(
            t("nonfinite.calc", what=what, **facts)
            if what
            else t("nonfinite.calc_overflow", **facts)
        )
    elif terms.max_abs_diff < TOLERANCE:
        st.success(t("calc.match", **facts), icon=":material/check_circle:")
    else:
        st.warning(t("calc.mismatch", **facts))


def _scaler_of(job):
    """The scaler of the run whose job this is (None for text or another job): x_t is
    shown in the data's own units beside the scaled numbers the cell reads."""
    run = state.run()
    if run is None or run.job is not job or run.is_text:
        return None
    return run.data.scaler


def _unscaled() -> bool:
    """Whether the run reads its numbers as they are (scaling "none")."""
    run = state.run()
    return run is not None and getattr(run.data.cfg, "scaling", None) == "none"


def _transform_of(job) -> str:
    """What the run's network reads: "level", or a change of it (rnnviz.data.transforms)."""
    run = state.run()
    if run is None or run.job is not job or run.is_text:
        return "level"
    return getattr(run.data.cfg, "target_transform", "level")


def _original(values, scaler) -> str:
    """Layer-0 inputs in the data's own units: inputs are the scaler's first columns."""
    shown = [scaler.inverse(v, f) for f, v in enumerate(values[:6])]
    return ", ".join(f"{v:,.5g}" for v in shown) + (", …" if len(values) > 6 else "")


def _what_is_read(
    terms, chars, scaler=None, seed: int | None = None, transform: str = "level"
) -> str:
    """One sentence naming what x_t and the previous state are at this step."""
    if terms.layer > 0:
        x = t("calc.x_layer", below=terms.layer, t=terms.t)
        if len(terms.x) > len(terms.h):
            x += t("calc.x_both", n=len(terms.x))
    elif chars is not None:
        x = t("calc.x_char", char=md(repr(chars[terms.t])), n=len(terms.x))
    else:
        shown = ", ".join(f"{v:.3f}" for v in terms.x[:6]) + (", …" if len(terms.x) > 6 else "")
        unscaled = scaler is not None and _unscaled()
        x = t("calc.x_values_none" if unscaled else "calc.x_values", shown=shown, t=terms.t)
        if not unscaled and scaler is not None and len(terms.x) <= len(scaler.loc) - 1:
            shown = _original(terms.x, scaler)
            x += (
                t("roles.calc_original", shown=shown)
                if transform == "level"
                else t(
                    "transform.calc_original",
                    shown=shown,
                    transform=t(f"transform.choice.{transform}"),
                )
            )
    prev = "t+1" if terms.direction else "t-1"
    if terms.prev_t is None and seed is not None:
        state = t("calc.h0_start", prev=prev, t=terms.t, seed=seed)
    elif terms.prev_t is None:
        state = t("calc.h_zeros", prev=prev, t=terms.t)
    else:
        state = t(
            "calc.h_after_back" if terms.direction else "calc.h_after", prev=prev, p=terms.prev_t
        )
    return t("calc.read", x=x, state=state)


def _number_table(title: str, df, height: int = 320, fmt: str = "%.3f") -> None:
    st.markdown(f"**{title}**")
    cfg = {c: st.column_config.NumberColumn(c, format=fmt) for c in df.columns}
    st.dataframe(df, height=min(height, 38 + 35 * len(df)), column_config=cfg, width="stretch")


def _tables(terms) -> None:
    """Two tables a row; one with more columns (GRU's n) gets a row of its own so no column
    hides behind a horizontal scroll bar."""
    st.subheader(t("calc.tables"))
    st.caption(
        t("calc.pre_caption")
        + (t("calc.pre_gru") if terms.cell == "gru" else "")
        + t("calc.scroll")
    )
    tables = [
        (
            t("calc.table_h") if g == "h" else f"{gate_label(g)} ${g}_t$",
            calculator.gate_table(terms, g),
        )
        for g in terms.gates
    ]
    tables.append(
        (
            t("calc.states") + (t("calc.c_feeds") if terms.c is not None else ""),
            calculator.state_table(terms),
        )
    )
    rows: list[list] = []
    for item in tables:  # pairs of narrow tables, in order; a wide one alone
        wide = item[1].shape[1] > 6
        if not wide and rows and len(rows[-1]) == 1 and rows[-1][0][1].shape[1] <= 6:
            rows[-1].append(item)
        else:
            rows.append([item])
    for row in rows:
        if row[0][1].shape[1] > 6:
            _number_table(*row[0])
            continue
        # a row of one narrow table (the last one, or one before a wide one) leaves a column
        for col, item in zip(st.columns(2, gap="medium"), row, strict=False):
            with col:
                _number_table(*item)


def numpy_example() -> None:
    """Tutorial 000's vanilla RNN in NumPy (hidden size 4, input size 3, 5 steps): its code
    beside the numbers it prints, and the same h_t from torch's nn.RNN(3, 4)."""
    with st.expander(t("calc.np.title"), icon=":material/calculate:"):
        st.caption(t("calc.np.intro"))
        seed = int(st.number_input(t("calc.np.seed"), 0, 2**32 - 1, 0, step=1, key="calc_np_seed"))
        ex = scratch.numpy_step_example(seed)
        code, numbers = st.columns([1, 1], gap="medium")
        with code:
            st.markdown(f"**{t('calc.np.code')}**")
            st.code(scratch.numpy_step_code(seed), language="python")
        steps = [t("calc.np.t_row", t=k) for k in range(len(ex.x))]
        units = [t("calc.unit_n", j=j) for j in range(len(ex.b_h))]
        inputs = [t("calc.np.input_n", i=i) for i in range(ex.x.shape[1])]
        with numbers:
            _number_table(t("calc.np.h"), pd.DataFrame(ex.h, steps, units), fmt="%.4f")
            diff = scratch.numpy_step_torch_diff(ex)
            if diff < 1e-9:  # float64 round-off is about 1e-16
                st.success(t("calc.np.torch_match", diff=diff), icon=":material/check_circle:")
            else:
                st.warning(t("calc.np.torch_mismatch", diff=diff))
        tables = [
            (t("calc.np.x"), pd.DataFrame(ex.x, steps, inputs)),
            (t("calc.np.w_hx"), pd.DataFrame(ex.w_hx, units, inputs)),
            (t("calc.np.w_hh"), pd.DataFrame(ex.w_hh, units, units)),
            (t("calc.np.b_h"), pd.DataFrame({"b_h": ex.b_h}, units)),
        ]
        for col, (title, df) in zip(st.columns(len(tables), gap="small"), tables, strict=True):
            with col:
                _number_table(title, df, fmt="%.4f")
