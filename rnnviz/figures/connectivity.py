"""Connectivity: the input steps coloured by how much they drive one output step.

As in Distill's "Memorization in RNNs": a bright input is one the prediction reads
strongly, so a learner sees how far back the network's memory reaches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures._anim import (
    PLAYER_LABELS,
    add_player,
    escape,
    f32,
    merge_labels,
    style,
    subsample,
)
from rnnviz.figures.budget import B64_BYTES, LIST_BYTES, frames_that_fit, note

CONNECTIVITY_LABELS = {k: f"fig.conn.{k}" for k in ("title", "step", "input", "strength", "output")}


def connectivity_figure(
    strength: np.ndarray,
    out_step: int,
    values: np.ndarray | None = None,
    chars: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """strength: (T,) ‖∂y_t'/∂x_t‖; values: (T,) the first input in original units, or
    chars: the characters of a text. One marker per step, coloured by strength."""
    lab = merge_labels(CONNECTIVITY_LABELS, labels)
    steps = np.arange(len(strength))
    shown = strength / strength.max() if strength.max() > 0 else strength
    y = f32(values) if values is not None else np.zeros(len(strength), np.float32)
    text = [escape(c) for c in chars] if chars is not None else None
    fig = go.Figure(
        go.Scatter(
            x=steps,
            y=y,
            mode="lines+markers+text" if text else "lines+markers",
            text=text,
            textposition="middle center",
            line={"color": "#bbbbbb", "width": 1},
            # "reds": plotly reads scale names in any case, and a lower-case name reads as code
            marker={
                "size": 22 if text else 12,
                "color": f32(shown),
                "cmin": 0,
                "cmax": 1,
                "colorscale": "reds",
                "showscale": True,
                "line": {"width": 1, "color": "#666"},
                "colorbar": {"title": lab["strength"]},
            },
            customdata=f32(strength),
            hovertemplate=f"{lab['step']} %{{x}}<br>{lab['strength']} %{{customdata:.3g}}"
            + ("" if text else f"<br>{lab['input']} %{{y:.4g}}")
            + "<extra></extra>",
        )
    )
    fig.add_vline(
        x=out_step,
        line={"color": "#c0392b", "dash": "dot"},
        annotation_text=lab["output"],
        annotation_position="top",
    )
    fig.update_xaxes(title_text=lab["step"])
    fig.update_yaxes(title_text=lab["input"], visible=chars is None)
    return style(fig, lab["title"], 300)


CONN_TRAINING_LABELS = {
    **CONNECTIVITY_LABELS,
    **PLAYER_LABELS,
    "title": "fig.conn.training_title",
    "slider": "fig.inside.slider_training",
}
MAX_FRAMES = 60


def connectivity_animation(
    strengths: np.ndarray,
    train_steps: Sequence[int],
    out_step: int,
    values: np.ndarray | None = None,
    chars: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """strengths: (S, T) connectivity of one output step at S training snapshots; frame k
    shows snapshot k (at most MAX_FRAMES, evenly spread). Each frame is scaled to its own
    maximum, as the static figure is: what changes is how far back the memory reaches.

    Frames carry plain lists (Streamlit's plotly.js reads base64 arrays only in a figure's
    own data); T values a frame keeps them small."""
    lab = merge_labels(CONN_TRAINING_LABELS, labels)
    strengths = np.asarray(strengths, np.float64)
    fig = connectivity_figure(
        f32(strengths[-1]),
        out_step,
        values=values,
        chars=chars,
        labels={k: lab[k] for k in CONNECTIVITY_LABELS},
    )
    frames = []
    S, T = strengths.shape
    idx = subsample(
        S,
        frames_that_fit(S, 2 * T * LIST_BYTES + 80, fixed_bytes=4 * T * B64_BYTES, cap=MAX_FRAMES),
    )
    note(fig, frames=(len(idx), S))
    for k in idx:
        row = strengths[k]
        top = row.max() if np.isfinite(row).all() and row.max() > 0 else 1.0
        frames.append(
            {
                "data": [
                    {
                        "type": "scatter",
                        "marker": {"color": np.round(row / top, 4).tolist()},
                        "customdata": np.round(row, 6).tolist(),
                    }
                ],
                "traces": [0],
            }
        )
    return add_player(
        fig, frames, [str(train_steps[k]) for k in idx], labels=lab, prefix=lab["slider"]
    )
