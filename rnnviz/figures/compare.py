"""Side by side after a race: the same probe sequence through each finished model.

One row per architecture on one shared time axis: its hidden-state heatmap and, for the
gated cells, the gate that decides what is kept (LSTM forget gate f, GRU update gate z).
One Play button and one slider step every row together. As in hidden_fill_animation, the
heatmaps never change: frame k only moves white curtains over the steps after k (layout
shapes), so the frames stay tiny however many models race.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.figures._anim import (
    DIVERGING,
    PLAYER_LABELS,
    SEQUENTIAL,
    TINY,
    add_player,
    escape,
    f32,
    log_axis,
    merge_labels,
    style,
    subsample,
)

SIDE_LABELS = {
    **PLAYER_LABELS,
    **{
        k: f"cmp.side.fig.{k}"
        for k in (
            "title",
            "step",
            "unit",
            "hidden",
            "value",
            "gate",
            "slider",
            "conn_title",
            "strength",
        )
    },
}
ROW_HEIGHT = 190  # px per architecture


@dataclass(frozen=True)
class SideRow:
    name: str  # the entrant as a reader names it: "LSTM", "GRU bi"
    h: np.ndarray  # [T, H] hidden state
    gate: np.ndarray | None = None  # [T, H] the keep-gate, None for a plain RNN
    gate_name: str = ""  # its label: "f (forget gate)"


def side_by_side_figure(
    rows: Sequence[SideRow], labels: Mapping[str, str] | None = None, max_frames: int = 100
) -> go.Figure:
    """Hidden-state heatmaps (units x time), and keep-gate heatmaps where a cell has one,
    one row per model; frames step all rows through time together."""
    L = merge_labels(SIDE_LABELS, labels)
    gated = any(r.gate is not None for r in rows)
    cols = 2 if gated else 1
    titles = []
    for r in rows:
        titles.append(f"{escape(r.name)} · {L['hidden']}")
        if gated:
            titles.append("" if r.gate is None else f"{escape(r.name)} · {escape(r.gate_name)}")
    fig = make_subplots(
        rows=len(rows),
        cols=cols,
        shared_xaxes=True,
        subplot_titles=titles,
        vertical_spacing=min(0.08, 0.35 / max(len(rows), 1)),
        horizontal_spacing=0.06,
    )
    T = max(r.h.shape[0] for r in rows)
    hover = f"{L['step']} %{{x}}<br>{L['unit']} %{{y}}<br>{L['value']} %{{z:.3f}}<extra></extra>"
    for i, r in enumerate(rows, start=1):
        fig.add_trace(
            go.Heatmap(z=f32(r.h).T, coloraxis="coloraxis", hovertemplate=hover), row=i, col=1
        )
        if r.gate is not None:
            fig.add_trace(
                go.Heatmap(z=f32(r.gate).T, coloraxis="coloraxis2", hovertemplate=hover),
                row=i,
                col=2,
            )
        fig.update_yaxes(title_text=L["unit"], row=i, col=1)
    fig.update_xaxes(range=[-0.5, T - 0.5])
    for c in range(1, cols + 1):
        fig.update_xaxes(title_text=L["step"], row=len(rows), col=c)
    bar = {"thickness": 14, "len": 0.45}
    fig.update_layout(
        coloraxis={
            "colorscale": DIVERGING,
            "cmin": -1,
            "cmax": 1,
            "colorbar": {**bar, "title": {"text": L["hidden"]}, "y": 0.75, "x": 1.02},
        },
        coloraxis2={
            "colorscale": SEQUENTIAL,
            "cmin": 0,
            "cmax": 1,
            "colorbar": {**bar, "title": {"text": L["gate"]}, "y": 0.25, "x": 1.02},
        },
    )
    frames = [
        {"layout": {"shapes": _curtains(fig, k, T)}, "data": [], "traces": []}
        for k in subsample(T, max_frames)
    ]
    style(fig, L["title"], 120 + ROW_HEIGHT * len(rows), right=90)
    return add_player(
        fig, frames, [str(k) for k in subsample(T, max_frames)], labels=L, prefix=L["slider"]
    )


def _curtains(fig: go.Figure, k: int, T: int) -> list[dict]:
    """White rectangles over steps k+1.. in every subplot that holds a heatmap."""
    shapes = []
    for trace in fig.data:
        x, y = trace.xaxis or "x", trace.yaxis or "y"
        shapes.append(
            {
                "type": "rect",
                "xref": x,
                "yref": f"{y} domain",
                "x0": float(k) + 0.5,
                "x1": T - 0.5,
                "y0": 0,
                "y1": 1,
                "layer": "above",
                "fillcolor": "white",
                "line": {"width": 0},
            }
        )
    return shapes


def connectivity_side_figure(
    strengths: Mapping[str, np.ndarray],
    out_step: int,
    styles: Mapping[str, dict] | None = None,
    names: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """‖∂y_{out_step}/∂x_t‖ over the input steps t, one line per model (keyed by entrant
    code), on a log axis: a memory that fades shows as a line falling to the left."""
    L = merge_labels(SIDE_LABELS, labels)
    fig = go.Figure()
    for code, values in strengths.items():
        values = np.maximum(f32(values), TINY)
        name = (names or {}).get(code, code)
        fig.add_trace(
            go.Scatter(
                x=np.arange(len(values)),
                y=values,
                mode="lines+markers",
                name=escape(name),
                line={"width": 2, **(styles or {}).get(code, {})},
                marker={"size": 5},
                hovertemplate=f"{escape(name)}<br>{L['step']} %{{x}}<br>{L['strength']} %{{y:.3g}}"
                "<extra></extra>",
            )
        )
    lines = [np.maximum(f32(v), TINY) for v in strengths.values()]
    fig.update_yaxes(title_text=L["strength"], **log_axis(*lines))
    fig.update_xaxes(title_text=L["step"])
    fig.add_vline(x=out_step, line={"color": "#c0392b", "dash": "dot"})
    fig.update_layout(
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    )
    return style(fig, L["conn_title"], 340)
