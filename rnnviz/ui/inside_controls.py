"""Widget groups of the Inside page: what to look at, and the figures for it."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnviz import figures, i18n
from rnnviz.analysis.connectivity import connectivity_all
from rnnviz.analysis.probe import trace
from rnnviz.data.text import TextData, default_prompt
from rnnviz.figures._anim import symmetric_range
from rnnviz.i18n import t
from rnnviz.safe_text import md, names
from rnnviz.train.snapshots import frozen_copy, probe_model
from rnnviz.ui import figcache
from rnnviz.ui.downloads import download_menu

SCALES = ("data", "fixed")  # colour scale of the h heatmaps: the data's own range, or ±1


def _english(key: str, **params) -> str:
    """An option's value: its English text in every language, so a choice survives a
    language switch (and tests name it); format_func shows the current language."""
    return i18n.CATALOG[key][0].format(**params)


def direction_name(direction: int) -> str:
    return t(("model.direction.forward", "model.direction.backward")[direction])


def pick_sequence(run):
    """('probe', k) for one of the run's fixed validation sequences, or ('own', x); the
    layer, the direction and the colour scale ("data" or "fixed") to show them with."""
    job, data = run.job, run.data
    n = len(job.recorder.starts)
    shown = {
        _english("inside.seq_probe", k=k + 1): t("inside.seq_probe", k=k + 1) for k in range(n)
    }
    shown[_english("inside.seq_own")] = t("inside.seq_own")
    options = list(shown)
    a, b, c, e = st.columns([2, 1, 1, 1.4])
    choice = a.selectbox(
        t("inside.sequence"), options, format_func=shown.__getitem__, key="inside_seq"
    )
    cfg = job.model.cfg
    # Option texts are made here, in this run's language: a format_func that translated
    # when called would speak the language of whichever thread calls it (AppTest's own).
    layers = [t("inside.layer_n", n=v + 1) for v in range(cfg.num_layers)]
    layer = b.selectbox(
        t("inside.layer"), range(cfg.num_layers), format_func=layers.__getitem__, key="inside_layer"
    )
    dirs = [direction_name(k) for k in range(cfg.num_directions)]
    direction = c.selectbox(
        t("inside.direction"),
        range(cfg.num_directions),
        format_func=dirs.__getitem__,
        key="inside_dir",
    )
    scale = _color_scale(e)
    if choice != options[-1]:
        return ("probe", options.index(choice)), layer, direction, scale
    own = _own_sequence(data)
    return (("own", own) if own is not None else ("probe", 0)), layer, direction, scale


def _color_scale(col) -> str:
    shown = {code: t(f"inside.color_scale.{code}") for code in SCALES}
    return col.radio(
        t("inside.color_scale"),
        SCALES,
        format_func=shown.__getitem__,
        horizontal=True,
        key="color_scale",
        help=t("inside.color_scale_help"),
    )


def color_range(h: np.ndarray, relu: bool, scale: str):
    """The colour range of h heatmaps: None (the builders' fixed ±1) or (lo, hi). A ReLU
    state has no upper bound: 0 to its largest value either way. Data-scaled tanh states
    stay centred on 0, so white still means 0."""
    if relu:
        finite = h[np.isfinite(h)]
        return (0.0, max(1e-6, float(finite.max()) if finite.size else 1.0))
    return None if scale == "fixed" else symmetric_range(h)


def state_ranges(panels, scale: str, zrange) -> dict:
    """Ranges of the state panels (gate_ranges covers the gates) under the colour scale: h
    as in its heatmap, the cell state c scaled to its data too (else to its own bound)."""
    out = {} if zrange is None else {"h": zrange}
    if scale == "data" and "c" in panels:
        out["c"] = symmetric_range(panels["c"])
    return out


def bar_label(scale: str) -> dict:
    """The colour bar's title, saying which scale is on show."""
    return {"colorbar": t(f"fig.inside.value_{scale}")}


def default_text(text: str, limit: int = 40) -> str:
    """A line of the data's own text to start from: the model knows its characters, in any
    language (a fixed quotation would be unknown to a model trained on another text)."""
    return default_prompt(text, limit)


def _own_sequence(data):
    if isinstance(data, TextData):
        text = st.text_input(
            t("inside.your_text"), default_text(data.text), key="inside_text", max_chars=500
        )
        unknown = data.vocab.unknown(text)
        if unknown:
            # md(): "$", "*" shown as typed
            st.warning(t("inside.not_in_vocab", chars=" ".join(map(md, unknown))))
        ids = data.vocab.encode(text)
        if len(ids) < 2:
            st.error(t("inside.too_few_chars"))
            return None
        return ids
    if data.input_size != 1:
        st.error(t("inside.one_feature", n=data.input_size))
        return None
    raw = st.text_input(
        t("inside.your_values"), "10, 12, 15, 14, 13, 16, 18, 17", key="inside_values"
    )
    try:
        vals = np.array([float(v) for v in raw.replace(";", ",").split(",") if v.strip()])
    except ValueError:
        st.error(t("inside.bad_values"))
        return None
    if not 2 <= len(vals) <= 500 or not np.isfinite(vals).all():
        st.error(t("inside.values_count"))
        return None
    s = data.scaler
    return ((vals - s.loc[0]) / s.scale[0]).astype(np.float32)[:, None]


def current_trace(run, seq):
    """The trace at the newest snapshot (probe sequences) or of the model now (own input,
    replayed once for these weights and this input)."""
    job, (kind, value) = run.job, seq
    snaps = job.snapshots()
    if kind == "probe":
        return snaps[-1].traces[value], snaps[-1].step
    if job.status().active:  # never read weights the worker is updating: use the newest probe
        st.info(t("inside.own_while_training"))
        return snaps[-1].traces[0], snaps[-1].step
    key = (figcache.model_key(run), value.tobytes())
    return figcache.kept("own_trace", key, lambda: trace(job.model, value), run=run), key[0][1]


def input_view(run, tr, seq, caption: bool = True):
    """(inputs, input_text) for the figure's top row: characters for text."""
    job, data = run.job, run.data
    if isinstance(data, TextData):
        ids = seq[1] if seq[0] == "own" else job.recorder.x[seq[1]]
        return None, [data.vocab.chars[int(i)] for i in ids]
    return original_units(data, tr.inputs, caption), None


def original_units(data, scaled, caption: bool = True) -> np.ndarray:
    """[T, F] model inputs back in the data's own units (the run's scaler: inputs are its
    first columns, the target its last), with one line saying so."""
    x = np.asarray(scaled, np.float64)
    x = x[:, None] if x.ndim == 1 else x
    out = np.stack([data.scaler.inverse(x[:, f], f) for f in range(x.shape[1])], axis=1)
    scaling = t(f"data.scaling.{data.cfg.scaling}")
    transform = getattr(data.cfg, "target_transform", "level")
    unscaled = data.cfg.scaling == "none"  # the numbers shown are the ones read: not "scaled"
    if caption and transform != "level":  # the network reads changes: say so, not "values"
        st.caption(
            t(
                "transform.inside_units_none" if unscaled else "transform.inside_units",
                columns=names(data.cfg.inputs),
                scaling=scaling,
                transform=t(f"transform.choice.{transform}"),
            )
        )
    elif caption:
        key = "roles.inside_units_none" if unscaled else "roles.inside_units"
        st.caption(t(key, columns=names(data.cfg.inputs), scaling=scaling))
    return out.astype(np.float32)


def _snap_label(s) -> str:
    return t("inside.snap_label", step=s.step)


def training_views(run, seq, layer, direction, scale: str, relu: bool) -> None:
    job = run.job
    snaps = job.snapshots()
    k = seq[1] if seq[0] == "probe" else 0
    if seq[0] == "own":
        st.info(t("inside.replay_probe"))
    if len(snaps) < 2:
        st.info(t("inside.one_snapshot"))
    st.caption(t("inside.snapshots", n=len(snaps), first=snaps[0].step, last=snaps[-1].step))
    shown = i18n.choose({"scrub": "inside.mode.scrub", "play": "inside.mode.play"})
    modes = list(shown)
    mode = st.radio(
        t("inside.view"),
        modes,
        format_func=shown.__getitem__,
        horizontal=True,
        key="inside_train_mode",
    )
    dirs = [s.traces[k].layers[layer][direction] for s in snaps]
    labels = [_snap_label(s) for s in snaps]
    key = (run.id, len(snaps), snaps[-1].step, k, layer, direction, scale)
    # One colour range for every snapshot, found once (not a stack of them all per rerun).
    zrange = figcache.kept(
        "snap_range", key, lambda: snapshots_range([d.h for d in dirs], relu, scale), run=run
    )
    if mode == modes[1]:
        pick = st.select_slider(
            t("inside.snapshot"),
            range(len(snaps)),
            value=len(snaps) - 1,
            format_func=labels.__getitem__,
            key="inside_snapshot",
        )
        inputs, chars = input_view(run, snaps[pick].traces[k], ("probe", k), caption=False)
        fig = figcache.cached(
            "snap_fill",
            (*key, pick),
            lambda: figures.hidden_fill_animation(
                dirs[pick].h,
                inputs=inputs,
                input_text=chars,
                zrange=zrange,
                labels=bar_label(scale),
            ),
            run=run,
        )
        figcache.chart(fig, "snap_fill")
        download_menu([(fig, f"hidden_state_step_{snaps[pick].step}.html")], key="dl_training")
        return
    T = dirs[0].h.shape[0]
    step = st.slider(t("inside.time_step"), 0, T - 1, T - 1, key="inside_time") if T > 1 else 0
    steps = [str(s.step) for s in snaps]  # the slider says "training step: 800"
    heat = figcache.cached(
        "snap_heat",
        key,
        lambda: figures.snapshot_heatmap_animation(
            [d.h for d in dirs],
            steps,
            loss=_snap_losses(job, snaps),
            zrange=zrange,
            labels=bar_label(scale),
            loss_x=np.array([s.step for s in snaps]),
        ),
        run=run,
    )
    figcache.chart(heat, "snap_heat", frames="snapshots")
    bars = figcache.cached(
        "snap_gates",
        (*key, step),
        lambda: _gates_over_training(dirs, step, steps, relu, scale, zrange),
        run=run,
    )
    figcache.chart(bars, "snap_gates", frames="snapshots")
    download_menu(
        [(heat, "hidden_state_over_training.html"), (bars, f"gates_over_training_t{step}.html")],
        key="dl_training",
    )


def snapshots_range(hs, relu: bool, scale: str):
    """color_range over every snapshot's h [T, H] at once, without stacking them."""
    if not relu and scale == "fixed":
        return None
    tops = [
        np.max(v, initial=-np.inf, where=np.isfinite(v))
        for v in (h if relu else np.abs(h) for h in hs)
    ]
    top = max(tops, default=-np.inf)
    top = 1.0 if not np.isfinite(top) else max(top, 1e-6)
    return (0.0, float(top)) if relu else (-float(top), float(top))


def _snap_losses(job, snaps) -> np.ndarray:
    loss = np.array([np.nan if s.loss is None else s.loss for s in snaps], np.float32)
    first = job.status().train_loss[:1]
    if np.isnan(loss[0]) and first:  # the untrained model's: step 1's loss is computed
        loss[0] = first[0]  # with the weights of snapshot 0, before the update
    return loss


def _gates_over_training(dirs, step: int, steps, relu: bool, scale: str, zrange):
    """Every gate and state at time step `step`, one frame per snapshot."""
    over = {
        code: np.stack([figures.gate_panels(d)[code][step] for d in dirs])
        for code in figures.gate_panels(dirs[0])
    }
    ranges = {**figures.gate_ranges(over, relu), **state_ranges(over, scale, zrange)}
    return figures.gate_bars_animation(
        over, steps, ranges=ranges, labels={"slider": "fig.inside.slider_training"}
    )


def gradient_view(run) -> None:
    snaps = [s for s in run.job.snapshots() if s.grads is not None]
    if not snaps:
        st.info(t("inside.no_grads"))
        return
    st.caption(t("inside.grads_caption"))
    key = (run.id, len(snaps), snaps[-1].step)
    fig = figcache.cached(
        "grads",
        key,
        lambda: figures.grad_norm_animation(
            np.stack([s.grads for s in snaps]), [_snap_label(s) for s in snaps]
        ),
        run=run,
    )
    figcache.chart(fig, "grad_anim", frames="snapshots")
    download_menu([(fig, "gradients_over_training.html")], key="dl_grads")


def connectivity_view(run, seq, inputs, chars) -> None:
    """Which input steps the prediction at a chosen output step comes from (as in Distill's
    connectivity), for the sequence on show, computed on the model as trained now."""
    model = run.job.model
    x = seq[1] if seq[0] == "own" else run.job.recorder.x[seq[1]]
    key = (figcache.model_key(run), seq[1] if seq[0] == "probe" else seq[1].tobytes())
    table = figcache.kept("conn_table", key, lambda: _connectivity(run, x), run=run)  # (T_out, T)
    out_step = len(x) - 1
    if len(table) > 1:
        out_step = st.slider(t("conn.out_step"), 0, len(x) - 1, len(x) - 1, key="conn_step")
    st.caption(t("conn.caption", step=out_step))
    if model.cfg.bidirectional:
        st.caption(t("conn.bidirectional"))
    values = None if inputs is None else np.asarray(inputs)[:, 0]
    row = min(out_step, len(table) - 1)
    fig = figcache.cached(
        "conn",
        (key, row),
        lambda: figures.connectivity_figure(table[row], out_step, values=values, chars=chars),
        run=run,
    )
    st.plotly_chart(fig, width="stretch", key="conn_chart")
    # Over training (recorded with the snapshots, probe sequences only): the reach grows.
    snaps = [s for s in run.job.snapshots() if s.conn is not None] if seq[0] == "probe" else []
    if len(snaps) > 1:
        anim = figcache.cached(
            "conn_train",
            (run.id, len(snaps), snaps[-1].step, seq[1], row),
            lambda: figures.connectivity_animation(
                np.stack([s.conn[seq[1], row] for s in snaps]),
                [s.step for s in snaps],
                out_step,
                values=values,
                chars=chars,
            ),
            run=run,
        )
        figcache.chart(anim, "conn_train", frames="snapshots")


def _connectivity(run, x) -> np.ndarray:
    # A small model on a GPU is read on a CPU copy (cuDNN's backward needs training mode);
    # while it trains, always on a copy: the worker thread is changing these weights.
    model = run.job.model
    reader = frozen_copy(model) if run.job.status().active else probe_model(model)
    return connectivity_all(reader, x)
