"""Widget groups of the Inside page: what to look at, and the figures for it."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnviz import figures
from rnnviz.probe import trace
from rnnviz.summary import GATE_LABELS
from rnnviz.text import TextData
from rnnviz.ui import figcache, state

SIGMOID = {"i", "f", "o", "r", "z"}


def pick_sequence(job):
    """('probe', k) for one of the job's fixed validation sequences, or ('own', x)."""
    data = state.prepared()
    n = len(job.recorder.starts)
    options = [f"validation sequence {k + 1}" for k in range(n)] + ["type your own"]
    a, b, c = st.columns([2, 1, 1])
    choice = a.selectbox("Sequence", options, key="inside_seq")
    cfg = job.model.cfg
    layer = b.selectbox("Layer", range(cfg.num_layers), format_func=lambda v: f"layer {v + 1}",
                        key="inside_layer")
    dirs = ["forward", "backward"] if cfg.bidirectional else ["forward"]
    direction = c.selectbox("Direction", range(len(dirs)), format_func=dirs.__getitem__,
                            key="inside_dir")
    if choice != options[-1]:
        return ("probe", options.index(choice)), layer, direction
    own = _own_sequence(data)
    return (("own", own) if own is not None else ("probe", 0)), layer, direction


def _own_sequence(data):
    if isinstance(data, TextData):
        text = st.text_input("Your text", "To be, or not to be", key="inside_text", max_chars=500)
        unknown = data.vocab.unknown(text)
        if unknown:
            st.warning("Not in the vocabulary, left out: " + " ".join(unknown))
        ids = data.vocab.encode(text)
        if len(ids) < 2:
            st.error("Type at least 2 characters the model knows.")
            return None
        return ids
    if data.input_size != 1:
        st.error("Typing your own values works for a single input feature; this model reads "
                 f"{data.input_size}. Pick a validation sequence instead.")
        return None
    raw = st.text_input("Your values, separated by commas (original units)",
                        "10, 12, 15, 14, 13, 16, 18, 17", key="inside_values")
    try:
        vals = np.array([float(v) for v in raw.replace(";", ",").split(",") if v.strip()])
    except ValueError:
        st.error("Could not read those values: type numbers separated by commas, like 1.5, 2, 3.")
        return None
    if not 2 <= len(vals) <= 500 or not np.isfinite(vals).all():
        st.error("Type between 2 and 500 finite numbers.")
        return None
    s = data.scaler
    return ((vals - s.loc[0]) / s.scale[0]).astype(np.float32)[:, None]


def current_trace(job, seq):
    """The trace at the newest snapshot (probe sequences) or of the model now (own input)."""
    kind, value = seq
    snaps = job.snapshots()
    if kind == "probe":
        return snaps[-1].traces[value], snaps[-1].step
    if job.status().active:  # never read weights the worker is updating: use the newest probe
        st.info("While training runs, your own sequence is traced after it stops.")
        return snaps[-1].traces[0], snaps[-1].step
    return trace(job.model, value), job.status().step


def input_view(job, tr, seq):
    """(inputs, input_text) for the figure's top row: characters for text."""
    data = state.prepared()
    if isinstance(data, TextData):
        ids = seq[1] if seq[0] == "own" else job.recorder.x[seq[1]]
        return None, [data.vocab.chars[int(i)] for i in ids]
    return tr.inputs, None


def panels(d) -> dict:
    """Gate panels of one layer/direction over time: {label: [T, H]}."""
    out = {f"{GATE_LABELS[k]} {k}": v for k, v in d.gates.items()}
    if d.c is not None:
        out["cell state c"] = d.c
    out["hidden h"] = d.h
    return out


def ranges_for(names, relu: bool) -> dict:
    out = {}
    for name in names:
        key = name.split()[-1]
        if key in SIGMOID:
            out[name] = (0.0, 1.0)
        elif key in ("g", "n") or (key == "h" and not relu):
            out[name] = (-1.0, 1.0)
    return out


def _snap_label(s) -> str:
    return f"step {s.step}"


def training_views(job, seq, layer, direction, zrange) -> None:
    snaps = job.snapshots()
    k = seq[1] if seq[0] == "probe" else 0
    if seq[0] == "own":
        st.info("These views replay the validation sequences traced at every snapshot; "
                "showing validation sequence 1.")
    if len(snaps) < 2:
        st.info("Only one snapshot so far: train longer to watch the states form.")
    st.caption(f"{len(snaps)} snapshots, from step {snaps[0].step} to step {snaps[-1].step}.")
    modes = ["Scrub snapshots at one time step", "Play time steps at one snapshot"]
    mode = st.radio("View", modes, horizontal=True, key="inside_train_mode")
    dirs = [s.traces[k].layers[layer][direction] for s in snaps]
    labels = [_snap_label(s) for s in snaps]
    key = (id(job), len(snaps), snaps[-1].step, k, layer, direction)
    if mode == modes[1]:
        pick = st.select_slider("Snapshot", range(len(snaps)), value=len(snaps) - 1,
                                format_func=labels.__getitem__, key="inside_snapshot")
        inputs, chars = input_view(job, snaps[pick].traces[k], ("probe", k))
        st.plotly_chart(figcache.cached("snap_fill", (*key, pick), lambda: figures.hidden_fill_animation(
            dirs[pick].h, inputs=inputs, input_text=chars, zrange=zrange)),
            width="stretch", key="snap_fill")
        return
    T = dirs[0].h.shape[0]
    t = st.slider("Time step", 0, T - 1, T - 1, key="inside_time")
    loss = np.array([np.nan if s.loss is None else s.loss for s in snaps], np.float32)
    stack = np.stack([d.h for d in dirs])  # (S, T, H)
    st.plotly_chart(figcache.cached("snap_heat", key, lambda: figures.snapshot_heatmap_animation(
        stack, labels, loss=loss, zrange=zrange)), width="stretch", key="snap_heat")
    over = {name: np.stack([panels(d)[name][t] for d in dirs]) for name in panels(dirs[0])}
    st.plotly_chart(figcache.cached("snap_gates", (*key, t), lambda: figures.gate_bars_animation(
        over, labels, ranges=ranges_for(over, zrange is not None))), width="stretch", key="snap_gates")


def gradient_view(job) -> None:
    snaps = [s for s in job.snapshots() if s.grads is not None]
    if not snaps:
        st.info("No gradients recorded yet.")
        return
    st.caption("‖∂L/∂h_t‖: how strongly the loss reaches back to each time step. A line that "
               "falls steeply towards t = 0 is a vanishing gradient: early steps barely learn.")
    norms = np.stack([s.grads for s in snaps])  # (S, L, D, T)
    key = (id(job), len(snaps), snaps[-1].step)
    st.plotly_chart(figcache.cached("grads", key, lambda: figures.grad_norm_animation(
        norms, [_snap_label(s) for s in snaps])), width="stretch", key="grad_anim")
