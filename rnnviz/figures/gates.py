"""Gate panels: one small chart per gate and state of a layer, animated or static.

Panels are keyed by code ("i", "f", "g", "o", "c", "h"; GRU "r", "z", "n"), as the probe
names them; a panel's title is made in the current language only when it is drawn.
Shapes: a panel is [F, H], frames x units, where a frame is a time step or a training
snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.figures._anim import (
    PLAYER_LABELS,
    add_player,
    check_range,
    colorscale_for,
    escape,
    f32,
    merge_labels,
    packed,
    style,
    subsample,
    symmetric_range,
)
from rnnviz.figures.budget import (
    B64_BYTES,
    LIST_BYTES,
    ROOM,
    every,
    frames_that_fit,
    grid_stride,
    line_stride,
    note,
)
from rnnviz.figures.inside import _AXES, _heat_hover, heat_grid
from rnnviz.i18n import CATALOG, t
from rnnviz.model.cell import SIGMOID_GATES
from rnnviz.model.summary import gate_label

GATE_BARS_LABELS = {
    **PLAYER_LABELS,
    "title": "fig.inside.gate_bars_title",
    "unit": "fig.inside.unit",
    "value": "fig.inside.value",
    "slider": "fig.inside.slider_step",
}
GATE_HEATMAPS_LABELS = {**_AXES, "title": "fig.inside.gate_maps_title"}


def default_range(values: np.ndarray) -> tuple[float, float]:
    """A fixed axis/colour range from the values: [0, 1] for sigmoid gates, [-1, 1] for
    tanh, [0, max] for ReLU, symmetric around 0 for anything else (a cell state)."""
    finite = values[np.isfinite(values)]
    vmin, vmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if vmin >= 0:
        return (0.0, max(1.0, vmax))
    if vmin >= -1 and vmax <= 1:
        return (-1.0, 1.0)
    return symmetric_range(finite)


# ---- gate panels: keyed by code ("i", "f", "c", "h"), titled when drawn ----------------
def gate_panels(d) -> dict[str, np.ndarray]:
    """The panels of one layer/direction of a probe trace: {code: [T, H]}, the gates in
    rnnviz.model.cell's order, then the cell state "c" (LSTM) and the hidden state "h"."""
    out = dict(d.gates)
    if d.c is not None:
        out["c"] = d.c
    out["h"] = d.h
    return out


def gate_ranges(codes, relu: bool) -> dict[str, tuple[float, float]]:
    """Fixed ranges of the panels whose values are bounded: [0, 1] for sigmoid gates,
    [-1, 1] for tanh (the candidates g and n, and h unless the cell is a ReLU RNN)."""
    out = {}
    for code in codes:
        if code in SIGMOID_GATES:
            out[code] = (0.0, 1.0)
        elif code in ("g", "n") or (code == "h" and not relu):
            out[code] = (-1.0, 1.0)
    return out


def panel_title(code: str) -> str:
    """A panel's title in the current language: a gate or state code becomes its name and
    letter ("forget gate f"); any other name is shown as it is."""
    return f"{gate_label(code)} {code}" if f"summary.gate.{code}" in CATALOG else code


def _grid(n: int) -> tuple[int, int]:
    cols = 2 if n <= 4 else 3
    return -(-n // cols), cols


def gate_bars_animation(
    panels: Mapping[str, np.ndarray],
    frame_labels: Sequence[str],
    ranges: Mapping[str, tuple[float, float]] | None = None,
    labels: Mapping[str, str] | None = None,
    height: int | None = None,
    max_frames: int = 100,
) -> go.Figure:
    """One bar chart per panel (x = unit), animated over the first axis of every array:
    time steps or training snapshots. Each panel keeps one fixed y and colour range.
    Panels are keyed by code (gate_panels); panel_title names them."""
    L = merge_labels(GATE_BARS_LABELS, labels)
    names = list(panels)
    arrays = [f32(panels[n]) for n in names]
    F = arrays[0].shape[0]
    if any(a.shape[0] != F for a in arrays) or len(frame_labels) != F:
        raise ValueError(t("fig.inside.err_frames"))
    rng = [
        check_range((ranges or {}).get(n) or default_range(a))
        for n, a in zip(names, arrays, strict=True)
    ]
    H = arrays[0].shape[1]
    idx, units = _bars_plan(len(arrays), F, H, max_frames)
    arrays = [a[:, units] for a in arrays]
    x = {} if len(units) == H else {"x": f32(units)}  # the real unit numbers of those drawn
    rows, cols = _grid(len(names))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[escape(panel_title(n)) for n in names],
        horizontal_spacing=0.06,
        vertical_spacing=0.5 / rows,
    )

    def bar(values, label, enc=packed):  # what changes between frames; the rest is set once
        hover = (
            f"{L['unit']} %{{x}}<br>{escape(L['slider'] + label)}<br>"
            f"{L['value']} %{{y:.3f}}<extra></extra>"
        )
        return {
            "type": "bar",
            "y": enc(values),
            "marker": {"color": enc(values)},
            "hovertemplate": hover,
        }

    for i, (a, r) in enumerate(zip(arrays, rng, strict=True)):
        row, col = i // cols + 1, i % cols + 1
        fig.add_trace(go.Bar(bar(a[-1], str(frame_labels[-1]), f32), **x), row=row, col=col)
        fig.data[-1].marker.update(cmin=r[0], cmax=r[1], colorscale=colorscale_for(*r))
        fig.update_yaxes(range=list(r), row=row, col=col)
        fig.update_xaxes(range=[-0.5, H - 0.5], row=row, col=col)
    for ann in fig.layout.annotations:  # subplot titles: readable at the back of the room
        ann.font.size = 15
    fig.update_xaxes(title_text=L["unit"], row=rows)
    frames = [
        {
            "data": [bar(a[k], str(frame_labels[k])) for a in arrays],
            "traces": list(range(len(arrays))),
        }
        for k in idx
    ]
    style(fig, L["title"], height or 70 + 190 * rows + 140, top=90)
    fig.update_layout(showlegend=False, bargap=0.1)
    note(fig, frames=(len(idx), F), units=(len(units), H))
    return add_player(
        fig, frames, [str(frame_labels[k]) for k in idx], labels=L, prefix=L["slider"]
    )


_BAR_TRACE_BYTES = 250  # a bar trace's hover text and settings, in each frame


def _bars_plan(panels: int, F: int, H: int, max_frames: int):
    """(frames, units) to draw within the figure budget: a frame rewrites every panel's
    bars (height and colour, as text); past MIN_FRAMES every k-th unit is drawn."""
    fixed = panels * H * 3 * B64_BYTES
    per_frame = panels * (2 * H * LIST_BYTES + _BAR_TRACE_BYTES)
    n = frames_that_fit(F, per_frame, fixed_bytes=fixed, cap=max_frames)
    room = ROOM / max(n, 1) / panels - _BAR_TRACE_BYTES
    k = line_stride(H, room / (2 * LIST_BYTES + 3 * B64_BYTES / max(n, 1)))
    return subsample(F, n), every(H, k)


def gate_heatmaps(
    panels: Mapping[str, np.ndarray],
    ranges: Mapping[str, tuple[float, float]] | None = None,
    labels: Mapping[str, str] | None = None,
    height: int | None = None,
) -> go.Figure:
    """Static small multiples, one heatmap (units x time) per panel [T, H]. Panels with the
    same range share one colour axis and one colour bar (all sigmoid gates on [0, 1])."""
    L = merge_labels(GATE_HEATMAPS_LABELS, labels)
    names = list(panels)
    rows, cols = _grid(len(names))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[escape(panel_title(n)) for n in names],
        horizontal_spacing=0.07,
        vertical_spacing=0.45 / rows,
    )
    axes: dict[tuple[float, float], str] = {}
    users: dict[str, list[str]] = {}
    T, H = f32(panels[names[0]]).shape if names else (0, 0)
    # Static, but several heatmaps: past the budget every k-th step and unit is drawn.
    k = grid_stride(T * H * len(names), ROOM / B64_BYTES)
    steps, units = every(T, k), every(H, k)
    for i, name in enumerate(names):
        a = f32(panels[name])
        r = check_range((ranges or {}).get(name) or default_range(a))
        axis = axes.setdefault(r, "coloraxis" + (str(len(axes) + 1) if axes else ""))
        users.setdefault(axis, []).append(name)
        fig.add_trace(
            go.Heatmap(
                **heat_grid(a, steps, units),
                coloraxis=axis,
                hovertemplate=_heat_hover(L, f"<br>{escape(panel_title(name))}"),
            ),
            row=i // cols + 1,
            col=i % cols + 1,
        )
    for j, (r, axis) in enumerate(axes.items()):
        share = 1 / len(axes)
        # Name a bar only when one panel owns it (an auto range such as the cell state's):
        # shared scales are told apart by their colours, and a list of names won't fit.
        title = escape(panel_title(users[axis][0])) if len(users[axis]) == 1 else ""
        fig.layout[axis] = {
            "cmin": r[0],
            "cmax": r[1],
            "colorscale": colorscale_for(*r),
            "colorbar": {
                "y": 1 - share * (j + 0.5),
                "len": share * 0.9,
                "thickness": 14,
                "title": {"text": title, "side": "right", "font": {"size": 13}},
            },
        }
    fig.update_xaxes(title_text=L["step"], row=rows)
    fig.update_yaxes(title_text=L["unit"], col=1)
    for ann in fig.layout.annotations:
        ann.font.size = 15
    note(fig, units=(len(units), H), steps=(len(steps), T))
    return style(fig, L["title"], height or 70 + 200 * rows + 50, top=90)
