"""Figures that look inside the recurrent layer: hidden states, PCA trajectory (the gate
panels are in gates.py).

Arrays in, go.Figure out. Shapes: h [T, H] (time steps x units), stacks [S, T, H].
Heatmaps are drawn units x time (x = step, y = unit) so time runs left to right like
the input above it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.figures._anim import (
    PLAYER_LABELS,
    SEQUENTIAL,
    add_player,
    check_range,
    colorscale_for,
    escape,
    f32,
    font_size,
    log_axis,
    merge_labels,
    packed,
    style,
    subsample,
)
from rnnviz.figures.budget import (
    B64_BYTES,
    LIST_BYTES,
    ROOM,
    every,
    frames_that_fit,
    grid_stride,
    note,
)
from rnnviz.i18n import t

# Default labels are catalog keys, put into the current language when a figure is built
# (merge_labels): a dict of text made at import would stay in one language.
_AXES = {"unit": "fig.inside.unit", "step": "fig.inside.step", "value": "fig.inside.value"}
# The colour bar's title says which scale is on show (the Inside page's colour-scale choice).
_BAR = {"colorbar": "fig.inside.value"}
HIDDEN_FILL_LABELS = {
    **PLAYER_LABELS,
    **_AXES,
    **_BAR,
    "title": "fig.inside.hidden_title",
    "input": "fig.inside.input",
    "feature": "fig.inside.feature",
    "char": "fig.inside.char",
    "slider": "fig.inside.slider_step",
}
SNAPSHOT_LABELS = {
    **PLAYER_LABELS,
    **_AXES,
    **_BAR,
    "title": "fig.inside.snapshot_title",
    "loss": "fig.inside.loss",
    "snapshot": "fig.inside.snapshot",
    "slider": "fig.inside.slider_training",
    "train_step": "fig.train.loss.x",
}
PCA_LABELS = {
    **PLAYER_LABELS,
    "title": "fig.inside.pca_title",
    "pc": "PC",
    "step": "fig.inside.step",
    "path": "fig.inside.path",
    "now": "fig.inside.now",
    "start": "fig.inside.start",
    "slider": "fig.inside.slider_step",
}
MAX_INPUT_LINES = 8  # more input features than this (an embedding) would be a tangle
# Text shown for characters that would otherwise be invisible in the input row.
VISIBLE = {" ": "·", "\n": "↵", "\t": "⇥", "\r": "␍"}


def _heat_hover(labels, extra: str = "") -> str:
    return (
        f"{labels['unit']} %{{y}}<br>{labels['step']} %{{x}}<br>"
        f"{labels['value']} %{{z:.3f}}{extra}<extra></extra>"
    )


def _colorbar(fig: go.Figure, yaxis: str, title: str) -> dict:
    """A colour bar as tall as the subplot it belongs to, not the whole figure."""
    lo, hi = fig.layout[yaxis].domain or (0, 1)
    return {
        "title": {"text": title, "side": "right"},
        "y": (lo + hi) / 2,
        "len": hi - lo,
        "thickness": 16,
    }


def _as_2d(values) -> np.ndarray:
    values = f32(values)
    return values[:, None] if values.ndim == 1 else values


def _text_input(input_text, T: int, L) -> tuple[list, Callable[[int], dict]]:
    """The characters along the time axis, under a yellow cursor square: every k-th one
    when each would overlap its neighbours (char_stride); the hover names every step."""
    chars = list(input_text)
    if len(chars) != T:
        raise ValueError(t("fig.inside.err_text", n=len(chars), steps=T))
    size = int(np.clip(900 / max(T, 1), 11, 18))  # long texts need smaller letters
    k = char_stride(chars, size)
    shown = [escape(VISIBLE.get(c, c)) for c in chars]
    hover = f"{L['step']} %{{x}}<br>{L['char']} %{{hovertext}}<extra></extra>"
    traces = [
        go.Scatter(
            x=[T - 1],
            y=[0.0],
            mode="markers",
            hoverinfo="skip",
            cliponaxis=False,
            showlegend=False,
            marker={"symbol": "square", "size": size + 10, "color": "rgba(255,200,0,0.55)"},
        ),
        go.Scatter(
            x=f32(np.arange(T)),
            y=f32(np.zeros(T)),
            mode="text",
            text=[c if i % k == 0 else "" for i, c in enumerate(shown)],
            hovertext=shown,
            textfont={"size": size},
            showlegend=False,
            hovertemplate=hover,
        ),
    ]
    return traces, lambda k: {"type": "scatter", "x": [k], "y": [0.0]}


PLOT_PX = 700  # the heatmap's plot width on a 1280 px screen with the sidebar open
LATIN_EM = 0.6  # a Latin letter's width, in font sizes; a CJK one counts double (1.2)
GAP_PX = 4  # between two labels


def wide(c: str) -> bool:
    """East Asian wide or full-width (Chinese, Japanese, Korean): two Latin letters wide."""
    return unicodedata.east_asian_width(c) in ("W", "F")


def char_width(c: str, size: float) -> float:
    """A character's width in px at font `size` (a wide one counts double)."""
    return (2 if wide(c) else 1) * LATIN_EM * size


def char_stride(chars: Sequence[str], size: float, width: int = PLOT_PX) -> int:
    """k: every k-th character fits `width` px without overlap, each one as wide as the
    widest character shown (so a mixed text never overlaps either) plus a gap."""
    T = len(chars)
    if T == 0:
        return 1
    room = max(char_width(VISIBLE.get(c, c), size) for c in chars) + GAP_PX
    return max(1, math.ceil(room * T / width))


def char_ticks(chars: Sequence[str], width: int = PLOT_PX) -> dict:
    """The time axis of a text run labelled with its characters (spaces and newlines as
    visible symbols), every k-th one when a label each would overlap (char_stride)."""
    T = len(chars)
    size = font_size()
    steps = list(range(0, T, char_stride(chars, size, width)))
    return {
        "tickmode": "array",
        "tickvals": steps,
        "tickangle": 0,
        "ticktext": [escape(VISIBLE.get(chars[i], chars[i])) for i in steps],
        "tickfont": {"size": size},
    }


def _series_input(inputs, T: int, names, L) -> tuple[list, Callable[[int], dict]]:
    """One line per input feature (at most MAX_INPUT_LINES), under a ringed cursor."""
    x_in = _as_2d(inputs)[:, :MAX_INPUT_LINES]
    if x_in.shape[0] != T:
        raise ValueError(t("fig.inside.err_inputs", n=x_in.shape[0], steps=T))
    n = x_in.shape[1]
    names = list(names) if names is not None else [f"{L['input']} {f + 1}" for f in range(n)]
    # The inputs come in the data's own units (the Inside page unscales them): any size.
    hover = f"{L['step']} %{{x}}<br>{L['value']} %{{y:,.5~g}}"
    traces = [
        go.Scatter(
            x=f32(np.full(n, T - 1)),
            y=x_in[-1],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
            marker={"size": 15, "color": "rgba(0,0,0,0)", "line": {"width": 3, "color": "black"}},
        )
    ]
    # The names cover every feature but only the first n are drawn: zip stops there.
    traces += [
        go.Scatter(
            x=f32(np.arange(T)),
            y=x_in[:, f],
            mode="lines+markers",
            name=escape(name),
            marker={"size": 5},
            hovertemplate=hover,
        )
        for f, name in zip(range(n), names, strict=False)
    ]
    return traces, lambda k: {"type": "scatter", "x": packed(np.full(n, k)), "y": packed(x_in[k])}


def hidden_fill_animation(
    h: np.ndarray,
    inputs: np.ndarray | None = None,
    input_text: Sequence[str] | None = None,
    zrange=None,
    labels: Mapping[str, str] | None = None,
    height: int = 540,
    max_frames: int = 100,
    input_names: Sequence[str] | None = None,
) -> go.Figure:
    """Input on top, hidden-state heatmap below; frame k reveals steps 0..k.

    The figure itself shows the full heatmap (a static view is already useful); Play fills
    it column by column. The heatmap's data never changes: frame k only moves a white
    curtain over the steps after k (a layout shape) and the input cursor. Streamlit's
    plotly.js draws base64 arrays in a figure's data but not in its frames, and frames
    of plain lists would be megabytes of slow JSON.
    """
    L = merge_labels(HIDDEN_FILL_LABELS, labels)
    h = f32(h)
    T, H = h.shape
    lo, hi = check_range((-1.0, 1.0) if zrange is None else zrange)
    has_input = inputs is not None or input_text is not None
    fig = make_subplots(
        rows=2 if has_input else 1,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.25, 0.75] if has_input else None,
        vertical_spacing=0.05,
    )
    cursor = None
    if has_input:
        traces, cursor = (
            _text_input(input_text, T, L)
            if input_text is not None
            else _series_input(inputs, T, input_names, L)
        )
        fig.add_traces(traces, rows=1, cols=1)
    row = 2 if has_input else 1
    yaxis = "yaxis2" if has_input else "yaxis"
    # The heatmap is the figure's bulk: past the budget, every k-th step and unit is drawn.
    k = grid_stride(T * H, ROOM / B64_BYTES)
    steps_drawn, units = every(T, k), every(H, k)
    fig.add_trace(
        go.Heatmap(
            **heat_grid(h, steps_drawn, units),
            zmin=lo,
            zmax=hi,
            colorscale=colorscale_for(lo, hi),
            hovertemplate=_heat_hover(L),
            colorbar=_colorbar(fig, yaxis, L["colorbar"]),
        ),
        row=row,
        col=1,
    )
    fig.update_xaxes(range=[-0.5, T - 0.5])
    fig.update_xaxes(title_text=L["step"], row=row, col=1)
    fig.update_yaxes(title_text=L["unit"], row=row, col=1)
    if input_text is not None:
        fig.update_yaxes(visible=False, range=[-1, 1], row=1, col=1)
        fig.update_xaxes(char_ticks(input_text), row=row, col=1)
    elif has_input:
        fig.update_yaxes(title_text=L["input"], row=1, col=1)
    frames, steps = [], subsample(T, max_frames)
    xref = "x2" if has_input else "x"
    for k in steps:
        curtain = {
            "type": "rect",
            "xref": xref,
            "yref": f"{yaxis.replace('axis', '')} domain",
            "x0": float(k) + 0.5,
            "x1": T - 0.5,
            "y0": 0,
            "y1": 1,
            "layer": "above",
            "fillcolor": "white",
            "line": {"width": 0},
        }
        frame: dict[str, object] = {"layout": {"shapes": [curtain]}, "data": [], "traces": []}
        if cursor is not None:
            frame["data"], frame["traces"] = [cursor(int(k))], [0]
        frames.append(frame)
    style(fig, L["title"], height)
    fig.update_layout(
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    )
    note(fig, frames=(len(steps), T), units=(len(units), H), steps=(len(steps_drawn), T))
    return add_player(fig, frames, [str(k) for k in steps], labels=L, prefix=L["slider"])


def heat_grid(h: np.ndarray, steps: np.ndarray, units: np.ndarray) -> dict:
    """A heatmap's z (units x steps) with its coordinates: the real step and unit numbers
    when only some are drawn, so hover and axes still name them."""
    if len(steps) == h.shape[0] and len(units) == h.shape[1]:
        return {"z": h.T}
    return {"z": f32(h[np.ix_(steps, units)].T), "x": f32(steps), "y": f32(units)}


def snapshot_heatmap_animation(
    stack: np.ndarray | Sequence[np.ndarray],
    frame_labels: Sequence[str],
    loss: np.ndarray | None = None,
    zrange=None,
    labels: Mapping[str, str] | None = None,
    height: int = 560,
    max_frames: int = 60,
    loss_x: np.ndarray | None = None,
) -> go.Figure:
    """Hidden-state heatmap (units x time) of one probe sequence at each training snapshot,
    with the loss curve and a marker at the shown snapshot below. At most `max_frames`
    snapshots (evenly spread, first and last kept) become frames."""
    L = merge_labels(SNAPSHOT_LABELS, labels)
    S = len(stack)  # an array [S, T, H] or S arrays [T, H]: only those drawn are copied
    T, H = np.shape(stack[0]) if S else (0, 0)
    if len(frame_labels) != S:
        raise ValueError(t("fig.train.err_frames", n=len(frame_labels), snapshots=S))
    lo, hi = check_range((-1.0, 1.0) if zrange is None else zrange)
    has_loss = loss is not None
    fig = make_subplots(
        rows=2 if has_loss else 1,
        cols=1,
        vertical_spacing=0.2,
        row_heights=[0.74, 0.26] if has_loss else None,
    )

    def hover(k):  # the snapshot goes into the hover too: a screenshot should say which
        return _heat_hover(L, "<br>" + escape(L["slider"] + str(frame_labels[k])))

    idx, steps, units = _snapshot_plan(S, T, H, max_frames, has_loss)
    # One heatmap trace per shown snapshot, all in the figure's data (base64, which
    # Streamlit's plotly.js decodes there but not in frames); a frame only flips which
    # one is visible.
    for j, k in enumerate(idx):
        fig.add_trace(
            go.Heatmap(
                **heat_grid(f32(stack[k]), steps, units),
                zmin=lo,
                zmax=hi,
                colorscale=colorscale_for(lo, hi),
                hovertemplate=hover(k),
                visible=bool(j == len(idx) - 1),
                colorbar=_colorbar(fig, "yaxis", L["colorbar"]),
            ),
            row=1,
            col=1,
        )
    fig.update_xaxes(title_text=L["step"], row=1, col=1)
    fig.update_yaxes(title_text=L["unit"], row=1, col=1)
    heat = list(range(len(idx)))
    frames = [
        {"data": [{"type": "heatmap", "visible": j == i} for j in heat], "traces": list(heat)}
        for i in heat
    ]
    if has_loss:
        _add_loss_row(fig, f32(loss), loss_x, frames, idx, L)
    style(fig, L["title"], height)
    fig.update_layout(showlegend=False)
    note(fig, frames=(len(idx), S), units=(len(units), H), steps=(len(steps), T))
    return add_player(
        fig, frames, [str(frame_labels[k]) for k in idx], labels=L, prefix=L["slider"]
    )


_HEAT_TRACE_BYTES = 600  # a heatmap trace's settings besides z (colour bar, hover text)


def _snapshot_plan(S: int, T: int, H: int, max_frames: int, has_loss: bool):
    """(snapshots, steps, units) to draw within the figure budget: as many snapshots as
    fit (at least MIN_FRAMES), then every k-th step and unit if those are still too many."""
    # A frame also flips every heatmap's visibility (~35 bytes each) and moves the marker.
    extra = _HEAT_TRACE_BYTES + 35 * min(S, max_frames) + 80 * has_loss
    n = frames_that_fit(S, T * H * B64_BYTES + extra, fixed_bytes=S * 4 * B64_BYTES, cap=max_frames)
    cells = (ROOM / max(n, 1) - extra) / B64_BYTES
    k = grid_stride(T * H, cells)
    return subsample(S, n), every(T, k), every(H, k)


def _add_loss_row(fig, loss, loss_x, frames, idx, L) -> None:
    x = f32(np.arange(len(loss)) if loss_x is None else loss_x)
    axis = L["snapshot" if loss_x is None else "train_step"]
    hover = f"{axis} %{{x}}<br>{L['loss']} %{{y:.4g}}<extra></extra>"
    fig.add_trace(
        go.Scatter(
            x=x,
            y=loss,
            mode="lines+markers",
            line={"color": "#555"},
            marker={"size": 5},
            hovertemplate=hover,
        ),
        row=2,
        col=1,
    )
    marker = len(fig.data)
    fig.add_trace(
        go.Scatter(
            x=x[-1:],
            y=loss[-1:],
            mode="markers",
            hoverinfo="skip",
            marker={"size": 12, "color": "#d62728"},
        ),
        row=2,
        col=1,
    )
    finite = loss[np.isfinite(loss)]
    if finite.size and finite.min() > 0:  # log only makes sense for positive losses
        fig.update_yaxes(log_axis(finite), row=2, col=1)  # decades only: a short row
    fig.update_yaxes(title_text=L["loss"], row=2, col=1)
    # Snapshots and steps are whole numbers: a short range would get 0.5 ticks.
    span = float(np.nanmax(x) - np.nanmin(x)) if x.size else 0.0
    fig.update_xaxes(title_text=axis, dtick=1 if span < 10 else None, row=2, col=1)
    for frame, k in zip(frames, idx, strict=True):
        frame["data"].append(
            {"type": "scatter", "x": packed(x[k : k + 1]), "y": packed(loss[k : k + 1])}
        )
        frame["traces"].append(marker)


def pca_project(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """h [T, H] centred and projected on its first two principal components (numpy SVD):
    (points [T, 2] float32, share of variance explained by each [2]). Rows holding NaN or
    inf (a model with non-finite weights) stay out of the fit and come back as NaN points,
    which plotly leaves out; with no finite row every point is NaN (SVD would raise)."""
    x = np.asarray(h, dtype=np.float64)
    points, share = np.full((x.shape[0], 2), np.nan), np.zeros(2)
    rows = np.isfinite(x).all(axis=1)
    centred = x[rows] - x[rows].mean(axis=0) if rows.any() else x[rows]
    if not rows.any() or not np.isfinite(centred).all():  # huge values can overflow
        return f32(points), share
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    k = min(2, vt.shape[0])
    points[rows] = 0.0
    points[rows, :k] = centred @ vt[:k].T
    total = float((s**2).sum())
    share[:k] = (s[:k] ** 2) / total if 0 < total < np.inf else 0.0
    return f32(points), share


def _padded(values: np.ndarray) -> list[float]:
    values = values[np.isfinite(values)]
    lo, hi = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
    pad = 0.08 * (hi - lo) if hi > lo else 1.0
    return [lo - pad, hi + pad]


def pca_trajectory_animation(
    h: np.ndarray, labels: Mapping[str, str] | None = None, height: int = 520, max_frames: int = 100
) -> go.Figure:
    """The path of h_t in the plane of its two main directions, drawing itself over t;
    points are coloured by time step and the current one is ringed."""
    L = merge_labels(PCA_LABELS, labels)
    p, share = pca_project(h)
    T = p.shape[0]
    t = f32(np.arange(T))
    hover = f"{L['step']} %{{customdata}}<br>%{{x:.3f}}, %{{y:.3f}}<extra></extra>"

    def path(k, enc=packed):
        return {
            "type": "scatter",
            "x": enc(p[: k + 1, 0]),
            "y": enc(p[: k + 1, 1]),
            "customdata": enc(t[: k + 1]),
            "marker": {"color": enc(t[: k + 1])},
        }

    def now(k, enc=packed):
        return {"type": "scatter", "x": enc(p[k : k + 1, 0]), "y": enc(p[k : k + 1, 1])}

    fig = go.Figure(
        [
            go.Scatter(
                x=p[:1, 0],
                y=p[:1, 1],
                mode="markers",
                name=L["start"],
                marker={"symbol": "diamond", "size": 13, "color": "#333"},
                hoverinfo="skip",
            ),
            go.Scatter(
                path(T - 1, f32),
                mode="lines+markers",
                name=L["path"],
                hovertemplate=hover,
                line={"color": "rgba(120,120,120,0.6)", "width": 2},
            ),
            go.Scatter(
                now(T - 1, f32),
                mode="markers",
                name=L["now"],
                hoverinfo="skip",
                marker={
                    "size": 16,
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 3, "color": "#d62728"},
                },
            ),
        ]
    )
    fig.data[1].marker.update(cmin=0, cmax=max(T - 1, 1), colorscale=SEQUENTIAL, size=7)
    fig.update_xaxes(range=_padded(p[:, 0]), title_text=f"{L['pc']}1 ({share[0]:.0%})")
    fig.update_yaxes(range=_padded(p[:, 1]), title_text=f"{L['pc']}2 ({share[1]:.0%})")
    # Frame k redraws the path so far: on average half the path, four values a point.
    idx = subsample(
        T,
        frames_that_fit(
            T, (T / 2 * 4 + 8) * LIST_BYTES + 200, fixed_bytes=T * 4 * B64_BYTES, cap=max_frames
        ),
    )
    frames = [{"data": [path(int(k)), now(int(k))], "traces": [1, 2]} for k in idx]
    style(fig, L["title"], height)
    note(fig, frames=(len(idx), T))
    return add_player(fig, frames, [str(k) for k in idx], labels=L, prefix=L["slider"])
