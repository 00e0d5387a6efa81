"""Units found by behaviour (LSTMVis): one unit over the probe sequences and a long stream.

The span the learner marked is shaded and the threshold drawn as a dashed line, so the
rule "on inside, off outside" can be checked by eye.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures._anim import FORWARD_COLOR, escape, f32, merge_labels, style

UNIT_LABELS = {
    k: f"units.fig.{k}"
    for k in ("title", "stream_title", "step", "value", "threshold", "span", "sequence", "match")
}
SPAN_FILL = "rgba(255, 200, 0, 0.18)"
MATCH_FILL = "rgba(214, 39, 40, 0.15)"


def unit_sequences_figure(
    lines: np.ndarray,
    threshold: float,
    span=None,
    names: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """lines: (P, T) one unit's activation over each probe sequence, one line each; span
    (a, b): the marked steps [a, b) of the sequence on show, shaded."""
    L = merge_labels(UNIT_LABELS, labels)
    lines = f32(lines)
    steps = np.arange(lines.shape[1])
    fig = go.Figure()
    for k, row in enumerate(lines):
        name = names[k] if names is not None else f"{L['sequence']} {k + 1}"
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=row,
                mode="lines",
                name=escape(name),
                hovertemplate=f"{escape(name)}<br>{L['step']} %{{x}}<br>"
                f"{L['value']} %{{y:.3f}}<extra></extra>",
            )
        )
    _marks(fig, threshold, [span] if span is not None else [], SPAN_FILL, L["span"], L)
    fig.update_xaxes(title_text=L["step"])
    fig.update_yaxes(title_text=L["value"])
    fig.update_layout(
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    )
    return style(fig, L["title"], 320)


def unit_stream_figure(
    values: np.ndarray,
    threshold: float,
    matches: Sequence[int] = (),
    length: int = 1,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """values: (N,) the unit over the validation series read as one sequence; each match
    (a start step) is shaded over `length` steps."""
    L = merge_labels(UNIT_LABELS, labels)
    values = f32(values)
    fig = go.Figure(
        go.Scatter(
            x=np.arange(len(values)),
            y=values,
            mode="lines",
            line={"color": FORWARD_COLOR, "width": 1.5},
            showlegend=False,
            hovertemplate=f"{L['step']} %{{x}}<br>{L['value']} %{{y:.3f}}<extra></extra>",
        )
    )
    spans = [(s, s + length) for s in matches]
    _marks(fig, threshold, spans, MATCH_FILL, L["match"], L)
    fig.update_xaxes(title_text=L["step"])
    fig.update_yaxes(title_text=L["value"])
    return style(fig, L["stream_title"], 300)


def _marks(fig: go.Figure, threshold: float, spans, fill: str, name: str, L) -> None:
    """The threshold line and shaded spans [a, b) (drawn from a - 0.5 to b - 0.5)."""
    fig.add_hline(
        y=float(threshold),
        line={"color": "#555", "dash": "dash", "width": 1},
        annotation_text=L["threshold"],
        annotation_position="top",
    )
    fig.layout.annotations[-1].update(x=0.01, xanchor="left")  # clear of the span's label
    for k, (a, b) in enumerate(spans):
        label = {"annotation_text": name, "annotation_position": "top"} if k == 0 else {}
        fig.add_vrect(
            x0=a - 0.5, x1=b - 0.5, fillcolor=fill, line_width=0, layer="below", **label
        )  # one label: plotly writes "new text" on a vrect given None
