"""Widget groups of the Inside page: what to look at, and the figures for it."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnviz import figures, insight
from rnnviz.probe import trace
from rnnviz.summary import GATE_LABELS
from rnnviz.text import TextData
from rnnviz.ui import figcache, state
from rnnviz.ui.export import html_download

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
        fig = figcache.cached("snap_fill", (*key, pick), lambda: figures.hidden_fill_animation(
            dirs[pick].h, inputs=inputs, input_text=chars, zrange=zrange))
        st.plotly_chart(fig, width="stretch", key="snap_fill")
        html_download(fig, f"hidden_state_{_snap_label(snaps[pick]).replace(' ', '_')}.html",
                      key="dl_snap_fill")
        return
    T = dirs[0].h.shape[0]
    t = st.slider("Time step", 0, T - 1, T - 1, key="inside_time")
    loss = np.array([np.nan if s.loss is None else s.loss for s in snaps], np.float32)
    stack = np.stack([d.h for d in dirs])  # (S, T, H)
    heat = figcache.cached("snap_heat", key, lambda: figures.snapshot_heatmap_animation(
        stack, labels, loss=loss, zrange=zrange))
    st.plotly_chart(heat, width="stretch", key="snap_heat")
    html_download(heat, "hidden_state_over_training.html", key="dl_snap_heat")
    over = {name: np.stack([panels(d)[name][t] for d in dirs]) for name in panels(dirs[0])}
    bars = figcache.cached("snap_gates", (*key, t), lambda: figures.gate_bars_animation(
        over, labels, ranges=ranges_for(over, zrange is not None)))
    st.plotly_chart(bars, width="stretch", key="snap_gates")
    html_download(bars, f"gates_over_training_t{t}.html", key="dl_snap_gates")


def gradient_view(job) -> None:
    snaps = [s for s in job.snapshots() if s.grads is not None]
    if not snaps:
        st.info("No gradients recorded yet.")
        return
    st.caption("‖∂L/∂h_t‖: how strongly the loss reaches back to each time step. A line that "
               "falls steeply towards t = 0 is a vanishing gradient: early steps barely learn.")
    norms = np.stack([s.grads for s in snaps])  # (S, L, D, T)
    key = (id(job), len(snaps), snaps[-1].step)
    fig = figcache.cached("grads", key, lambda: figures.grad_norm_animation(
        norms, [_snap_label(s) for s in snaps]))
    st.plotly_chart(fig, width="stretch", key="grad_anim")
    html_download(fig, "gradients_over_training.html", key="dl_grads")


KEEP_TEXT = {
    "f": ("forget gate", "Blue units keep their cell state: their forget gate $f$ stays above "
          "{high}, so what they stored survives many steps (memory cells). Orange units wipe "
          "it at most steps ($f$ below {low}) and only follow the latest inputs."),
    "z": ("update gate", "Blue units keep their state: their update gate $z$ stays above "
          "{high}, so $h_t$ is mostly $h_{{t-1}}$ carried forward (memory). Orange units ($z$ "
          "below {low}) take the new candidate at almost every step and only follow the latest "
          "inputs."),
}


def gate_insight(job, d, direction: int, key) -> None:
    """Memory vs reset units from the keep-gate (LSTM f, GRU z), then the PCA path of h."""
    found = insight.memory_gate(job.model.cfg.cell, d.gates)
    if found is None:
        st.info("A plain RNN has no gates: every step rewrites the whole state through one "
                "nonlinearity, so nothing decides what to keep. Its state's path is below.")
    else:
        _gate_shares(found, key)
    st.markdown("**The path of the hidden state**")
    st.caption("Each dot is $h_t$ squeezed onto the two directions in which it varies most; "
               "colour goes from dark (early) to yellow (late). Press Play: a loop means the "
               "network tracks a cycle in the input, and a path that stalls in one spot means "
               "new inputs no longer move the state."
               + (" The backward direction reads from the last step, so it starts at the "
                  "yellow end and finishes at the diamond." if direction else ""))
    fig = figcache.cached("pca", key, lambda: figures.pca_trajectory_animation(d.h))
    st.plotly_chart(fig, width="stretch", key="pca_anim")
    html_download(fig, "hidden_state_path.html", key="dl_pca")


def _gate_shares(found, key) -> None:
    name, values = found
    gate, text = KEEP_TEXT[name]
    shares = insight.forget_gate_shares(values)
    counts = insight.kind_counts(shares)
    cols = st.columns(3)
    cols[0].metric("memory cells", counts["memory"], help=f"{gate} > {insight.HIGH} on at least "
                   f"{insight.MAJORITY:.0%} of the steps")
    cols[1].metric("reset cells", counts["reset"], help=f"{gate} < {insight.LOW} on at least "
                   f"{insight.MAJORITY:.0%} of the steps")
    cols[2].metric("mixed", counts["mixed"], help="neither: the gate moves with the input")
    labels = {"title": f"How often each unit's {gate} ({name}) is open or shut",
              "memory": f"{name} > {insight.HIGH}: keeps",
              "reset": f"{name} < {insight.LOW}: wipes", "mean": f"average {name}"}
    fig = figcache.cached("gate_share", key, lambda: figures.gate_share_figure(
        shares["memory"], shares["reset"], shares["mean"], labels=labels))
    st.plotly_chart(fig, width="stretch", key="gate_share")
    st.caption(text.format(high=insight.HIGH, low=insight.LOW))
    if counts["mixed"] == len(shares["kind"]):
        st.info(f"No unit is a clear memory or reset cell on this sequence: every {gate} moves "
                "between the extremes. The black marks show where each one leans. Longer "
                "training, or a task that needs a long memory (Lab page), separates them.")
