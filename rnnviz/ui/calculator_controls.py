"""The "Cell calculator" tab of the Inside page: one step of the cell, every number shown."""

from __future__ import annotations

import weakref

import numpy as np
import streamlit as st

from rnnviz import calculator
from rnnviz.probe import trace
from rnnviz.summary import GATE_LABELS

TOLERANCE = 1e-5  # float32 round-off is ~1e-7; anything near 1e-5 would be a real mismatch
MAX_UNITS = 3  # units written out as equations; the tables show every unit
_TRACE = "rv_calc_trace"


def sequence_values(job, seq):
    """What the model reads for the page's sequence choice: [T, F] values or [T] token ids."""
    kind, value = seq
    return job.recorder.x[value] if kind == "probe" else value


def _trace(job, x, key):
    """probe.trace of the model now, kept while only the time step or unit changes. The job
    is held by a weak reference: a new job that reuses a freed job's id() is not a hit."""
    hit = st.session_state.get(_TRACE)
    if hit is None or hit[0]() is not job or hit[1] != key:
        hit = (weakref.ref(job), key, trace(job.model, x))
        st.session_state[_TRACE] = hit
    return hit[2]


def calculator_tab(job, x, layer: int, direction: int, chars=None) -> None:
    """Pick a time step; show that step as equations (a few units) and tables (all units)."""
    status = job.status()
    if status.active:  # never read weights the worker is updating
        st.info("The calculator reads the model's weights, which change at every training "
                "step: it opens as soon as training stops or finishes.")
        return
    x = np.asarray(x)
    T, H = len(x), job.model.cfg.hidden_size
    left, right = st.columns([3, 2], gap="large")
    t = 0 if T < 2 else left.slider(
        "Time step t", 0, T - 1, T // 2, key=f"calc_t_{T}",
        help="The step to compute by hand, counted from 0 like the figures.")
    units = right.multiselect("Units to write out (up to 3)", list(range(H)), default=[0],
                              max_selections=MAX_UNITS, key=f"calc_units_{H}",
                              format_func=lambda j: f"unit {j}")
    key = (status.step, x.tobytes())
    tr = _trace(job, x, key)
    terms = calculator.step_terms(job.model, x, layer, direction, t, tr=tr)
    _check_line(terms)
    st.caption(_what_is_read(terms, chars))
    for j in units:
        st.markdown(f"**Unit {j}** (numbers rounded to 3 decimals)")
        for line in calculator.latex_lines(terms, j):
            st.latex(line)
    _tables(terms)


def _check_line(terms) -> None:
    name = terms.module_name
    where = f"layer {terms.layer + 1} {('forward', 'backward')[terms.direction]}, t = {terms.t}"
    text = (f"$h_t$ matches PyTorch's fused {name}: max difference {terms.max_abs_diff:.1e} "
            f"({where}; float32 round-off is about 1e-7).")
    if terms.max_abs_diff < TOLERANCE:
        st.success(text, icon=":material/check_circle:")
    else:
        st.warning(f"$h_t$ differs from PyTorch's fused {name}: max difference "
                   f"{terms.max_abs_diff:.1e} ({where}). Retrain the model and try again; "
                   "if it stays, please report it.")


def _what_is_read(terms, chars) -> str:
    """One sentence naming what x_t and the previous state are at this step."""
    if terms.layer > 0:
        x = f"$x_t$ is layer {terms.layer}'s $h$ at step {terms.t}"
        if len(terms.x) > len(terms.h):
            x += f" ({len(terms.x)} numbers: forward and backward side by side)"
    elif chars is not None:
        x = (f"$x_t$ is the embedding of the character {_md_escape(repr(chars[terms.t]))} "
             f"({len(terms.x)} numbers)")
    else:
        shown = ", ".join(f"{v:.3f}" for v in terms.x[:6]) + (", …" if len(terms.x) > 6 else "")
        x = f"$x_t$ = [{shown}], the input at step {terms.t} (scaled)"
    prev = "t+1" if terms.direction else "t-1"
    if terms.prev_t is None:
        state = f"$h_{{{prev}}}$ is all zeros: this direction reads step {terms.t} first."
    else:
        state = f"$h_{{{prev}}}$ is the state after step {terms.prev_t}"
        state += (": the backward direction reads the sequence from the end." if terms.direction
                  else ".")
    return f"{x}. {state}"


def _md_escape(text: str) -> str:
    """A user's character shown literally in markdown ("$" would start a formula)."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!$<>|~" else c for c in text)


def _number_table(title: str, df, height: int = 320) -> None:
    st.markdown(f"**{title}**")
    cfg = {c: st.column_config.NumberColumn(c, format="%.3f") for c in df.columns}
    st.dataframe(df, height=min(height, 38 + 35 * len(df)), column_config=cfg, width="stretch")


def _tables(terms) -> None:
    """Two tables a row; one with more columns (GRU's n) gets a row of its own so no column
    hides behind a horizontal scroll bar."""
    st.subheader("Every unit at this step")
    st.caption("pre-activation = W_ih·x + b_ih + W_hh·h + b_hh"
               + ("; for the candidate n: W_ih·x + b_ih + r·(W_hh·h + b_hh)"
                  if terms.cell == "gru" else "") + ". Scroll a table to see every unit.")
    tables = [("hidden state $h_t$" if g == "h" else f"{GATE_LABELS[g]} ${g}_t$",
               calculator.gate_table(terms, g)) for g in terms.gates]
    tables.append(("states" + (" ($c_t$ feeds $h_t$)" if terms.c is not None else ""),
                   calculator.state_table(terms)))
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
        for col, item in zip(st.columns(2, gap="medium"), row):
            with col:
                _number_table(*item)
