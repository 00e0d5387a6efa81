"""Gate insight figure: per hidden unit, how often its keep-gate is open, shut or in between."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures._anim import BACKWARD_COLOR, FORWARD_COLOR, escape, f32, merge_labels, style
from rnnviz.i18n import t

# Catalog keys, put into the current language when the figure is built (merge_labels).
GATE_SHARE_LABELS = {
    "title": "fig.insight.title",
    "unit": "fig.inside.unit",
    "share": "fig.insight.share",
    "memory": "fig.insight.memory",
    "between": "fig.insight.between",
    "reset": "fig.insight.reset",
    "mean": "fig.insight.mean",
}
BETWEEN_COLOR = "#d0d0d0"


def gate_share_figure(
    memory: np.ndarray,
    reset: np.ndarray,
    mean: np.ndarray | None = None,
    labels: Mapping[str, str] | None = None,
    height: int = 400,
) -> go.Figure:
    """Stacked bars per unit that add up to 1: share of steps with the gate near 1 (blue,
    bottom, so memory cells stand tall), in between (grey), near 0 (orange, on top).
    `mean` (optional, [H]) marks each unit's average gate value on the same 0..1 axis: a
    short-trained model is often all grey, and the marks still show which way units lean."""
    L = merge_labels(GATE_SHARE_LABELS, labels)
    memory, reset = f32(memory), f32(reset)
    if memory.shape != reset.shape or memory.ndim != 1:
        raise ValueError(t("fig.insight.err_shape", memory=memory.shape, reset=reset.shape))
    between = np.clip(1.0 - memory - reset, 0.0, 1.0)
    units = np.arange(memory.shape[0])
    parts = [
        (memory, L["memory"], FORWARD_COLOR),
        (f32(between), L["between"], BETWEEN_COLOR),
        (reset, L["reset"], BACKWARD_COLOR),
    ]

    def hover(name):  # the part's name beside the number, as plotly shows a trace's name
        return f"{L['unit']} %{{x}}<br>%{{y:.0%}}<extra>{escape(name)}</extra>"

    fig = go.Figure(
        [
            go.Bar(x=units, y=v, name=name, marker={"color": color}, hovertemplate=hover(name))
            for v, name, color in parts
        ]
    )
    if mean is not None:
        fig.add_trace(
            go.Scatter(
                x=units,
                y=f32(mean),
                name=L["mean"],
                mode="markers",
                marker={"symbol": "diamond", "size": 10, "color": "#222"},
                hovertemplate=f"{L['unit']} %{{x}}<br>{L['mean']} %{{y:.2f}}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        bargap=0.15,
        legend={
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 1,
            "xanchor": "right",
            "traceorder": "normal",
        },
    )
    share = L["share"] if mean is None else f"{L['share']} · ◆ {L['mean']}"
    fig.update_yaxes(range=[0, 1], tickformat=".0%", title_text=share)
    fig.update_xaxes(title_text=L["unit"], range=[-0.5, len(units) - 0.5])
    return style(fig, L["title"], height, top=90)


GATE_MEAN_LABELS = {
    "title": "fig.insight.hist_title",
    "mean": "fig.insight.mean",
    "units": "fig.insight.units",
    "memory": "fig.insight.memory_zone",
    "reset": "fig.insight.reset_zone",
}
BINS = 20  # 0.05 wide: the thresholds 0.1 and 0.9 fall on bin edges


def gate_mean_histogram(
    mean: np.ndarray,
    low: float,
    high: float,
    labels: Mapping[str, str] | None = None,
    height: int = 300,
) -> go.Figure:
    """How many units have each average keep-gate value (bins of 0.05 on 0..1), with the
    reset zone (< low) and the memory zone (> high) shaded: a model whose units all sit
    in the middle shows one hump between the zones, so "0 / 0 / 32" has a picture."""
    L = merge_labels(GATE_MEAN_LABELS, labels)
    mean = np.asarray(mean, dtype=np.float64)
    counts, edges = np.histogram(mean[np.isfinite(mean)], bins=BINS, range=(0.0, 1.0))
    centres = (edges[:-1] + edges[1:]) / 2
    colours = [
        BACKWARD_COLOR if c < low else FORWARD_COLOR if c > high else BETWEEN_COLOR for c in centres
    ]
    hover = f"{L['mean']} %{{customdata}}<br>{L['units']} %{{y}}<extra></extra>"
    ranges = [f"{a:.2f}–{b:.2f}" for a, b in zip(edges[:-1], edges[1:], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=f32(centres),
            y=counts.astype(np.int32),
            width=1 / BINS * 0.9,
            marker={"color": colours},
            customdata=ranges,
            hovertemplate=hover,
        )
    )
    # Each zone's name beside its threshold, outside the narrow zone, pointing into it.
    for x0, x1, text, colour, side in (
        (0.0, low, "← " + escape(L["reset"]), BACKWARD_COLOR, "left"),
        (high, 1.0, escape(L["memory"]) + " →", FORWARD_COLOR, "right"),
    ):
        fig.add_vrect(
            x0=x0,
            x1=x1,
            fillcolor=colour,
            opacity=0.12,
            line_width=0,
            layer="below",
            annotation_text=text,
            annotation_x=x1 if x0 == 0 else x0,
            annotation_xanchor=side,
            annotation_font_size=13,
        )
    for x in (low, high):  # the thresholds themselves, labelled on the axis below
        fig.add_vline(x=x, line={"color": "#555", "dash": "dash", "width": 1})
    ticks = sorted({0.0, low, 0.5, high, 1.0})
    fig.update_xaxes(
        range=[0, 1], tickvals=ticks, ticktext=[f"{v:g}" for v in ticks], title_text=L["mean"]
    )
    fig.update_yaxes(
        title_text=L["units"], rangemode="tozero", dtick=max(1, int(np.ceil(counts.max() / 5)))
    )  # whole units
    return style(fig, L["title"], height, top=80)
