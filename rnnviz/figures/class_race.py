"""Figures of a names race (rnnviz.experiments.class_race): each cell's accuracy as a bar,
and its validation accuracy while it trained. Arrays in, keyed by cell codes; one colour
per cell, the forecasting race's (rnnviz.experiments.race.CELL_COLORS)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.experiments.race import CELL_COLORS
from rnnviz.figures._anim import escape, f32, font_size, merge_labels, style

ACCURACY_LABELS = {
    k: f"fig.nrace.acc.{k}" for k in ("title", "y", "test", "val", "parameters", "seconds")
}
CURVE_LABELS = {k: f"fig.nrace.curve.{k}" for k in ("title", "x_seconds", "x_steps", "y")}
LEGEND = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}


def _nan(values) -> np.ndarray:
    """float32, a missing value (None: not measured yet) as NaN, which plotly leaves out."""
    return f32([np.nan if v is None else v for v in values])


def accuracy_figure(
    codes: Sequence[str],
    test_acc,
    parameters,
    seconds,
    val_acc=None,
    names: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    height: int = 380,
) -> go.Figure:
    """One bar per cell: its test accuracy (0..1), coloured by cell, with its parameter
    count and seconds in the hover; `val_acc` adds each one's validation accuracy as a
    marker beside it. Missing accuracies (None or NaN) draw no bar."""
    L = merge_labels(ACCURACY_LABELS, labels)
    names = names or {}
    shown = [escape(names.get(c, c)) for c in codes]
    extra = np.stack([np.asarray(parameters, np.float64), np.asarray(seconds, np.float64)], 1)
    fig = go.Figure(
        go.Bar(
            x=shown,
            y=_nan(test_acc),
            name=L["test"],
            marker_color=[CELL_COLORS.get(c, "#7f7f7f") for c in codes],
            customdata=extra,
            # inside the bar: above it the validation diamond sits on the label
            texttemplate="%{y:.1%}",
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": "white", "size": font_size(16)},
            hovertemplate=(
                f"%{{x}}<br>{L['test']}: %{{y:.1%}}<br>{L['parameters']}: %{{customdata[0]:,}}"
                f"<br>{L['seconds']}: %{{customdata[1]:.1f}}<extra></extra>"
            ),
        )
    )
    if val_acc is not None:
        fig.add_trace(
            go.Scatter(
                x=shown,
                y=_nan(val_acc),
                name=L["val"],
                mode="markers",
                marker={"symbol": "diamond", "size": 12, "color": "#444"},
                hovertemplate=f"%{{x}}<br>{L['val']}: %{{y:.1%}}<extra></extra>",
            )
        )
    fig.update_yaxes(title_text=L["y"], tickformat=".0%", range=[0, 1.08])
    style(fig, L["title"], height)
    fig.update_layout(legend=LEGEND, showlegend=val_acc is not None)
    return fig


def accuracy_curves_figure(
    curves: Mapping[str, tuple],
    by: str = "seconds",
    names: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    height: int = 380,
) -> go.Figure:
    """Validation accuracy (0..1) of each cell ({code: (x, accuracy)}) over the seconds
    (`by="seconds"`) or the steps it trained, one colour per cell."""
    if by not in ("seconds", "steps"):
        raise ValueError(by)
    L = merge_labels(CURVE_LABELS, labels)
    names = names or {}
    fig = go.Figure()
    for code, (x, y) in curves.items():
        x, y = np.asarray(x, np.float64), f32(y)
        if x.shape != y.shape:
            raise ValueError((code, x.shape, y.shape))
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                name=escape(names.get(code, code)),
                meta=code,
                mode="lines+markers",
                line={"width": 2.5, "color": CELL_COLORS.get(code)},
                hovertemplate="%{y:.1%}",
            )
        )
    fig.update_xaxes(title_text=L["x_seconds" if by == "seconds" else "x_steps"])
    fig.update_yaxes(title_text=L["y"], tickformat=".0%")
    style(fig, L["title"], height)
    fig.update_layout(hovermode="x unified", legend=LEGEND)
    return fig
