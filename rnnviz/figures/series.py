"""Time-series figures: the raw data with its splits, how windows slide, predictions.

`x` is whatever the rows are indexed by: dates (numpy datetime64, a pandas date index)
or plain numbers. Long series are thinned for display with a min/max per bucket
(`max_points`), so a spike in a million-row upload still shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.analysis.predict import PREDICTORS
from rnnviz.data.reader import naive_dates
from rnnviz.figures._anim import (
    PLAYER_LABELS,
    add_player,
    escape,
    f32,
    merge_labels,
    minmax_indices,
    packed,
    style,
    subsample,
)
from rnnviz.figures.budget import note
from rnnviz.i18n import t

# Default labels as catalog keys: merge_labels reads them in the current language.
_AXES = {"x": "fig.series.data.x", "y": "fig.series.data.y"}
SERIES_LABELS = {**_AXES, **{k: f"fig.series.data.{k}" for k in ("title", "train", "val", "test")}}
WINDOW_LABELS = {
    **PLAYER_LABELS,
    **_AXES,
    **{k: f"fig.series.window.{k}" for k in ("title", "series", "window", "target", "slider")},
}
# The predictors' legend names, by their codes (rnnviz.analysis.predict.evaluate's keys).
PREDICTION_LABELS = {
    **_AXES,
    **{k: f"fig.series.prediction.{k}" for k in ("title", "actual", "forecast")},
    **PREDICTORS,
}
REGION_COLORS = {
    "train": "rgba(31,119,180,0.07)",
    "val": "rgba(255,127,14,0.13)",
    "test": "rgba(44,160,44,0.13)",
}
RANGE_SLIDER_ROWS = 500  # longer than this and a range slider under the x axis helps
MAX_POINTS = 20_000
# Test predictions: four lines on one ~700 px chart; 2,500 buckets a line keep each spike
# (min and max of each) while a 200k-row test set stays well under the figure budget.
PREDICTION_POINTS = 5_000


def as_x(x) -> np.ndarray:
    """Row positions as a numpy array. Dates in any form (a zone-aware index, Timestamp
    objects with mixed offsets) become naive datetime64 in UTC, as uploads are read:
    numpy has no zones, and plotly needs one kind of x value."""
    dates = naive_dates(x)
    return dates if dates is not None else np.asarray(x)


def _x_item(x: np.ndarray, i: int):
    """One x value in a form plotly's layout (shapes, ranges) accepts."""
    v = x[i]
    return str(np.datetime_as_string(v)) if np.issubdtype(x.dtype, np.datetime64) else float(v)


def _line(x, y, name, max_points, **kw) -> go.Scatter:
    y = f32(y)
    idx = minmax_indices(y, max_points)
    return go.Scatter(
        x=x[idx], y=y[idx], name=escape(name), mode="lines", hovertemplate="%{y:.4g}", **kw
    )


def _shade_splits(fig, x: np.ndarray, split_at, L) -> None:
    n = len(x)
    bounds = [0, *[int(b) for b in split_at], n]
    # split_at should hold two boundaries; with more or fewer only the bands both name are shaded.
    for key, a, b in zip(("train", "val", "test"), bounds[:-1], bounds[1:], strict=False):
        if b <= a:
            continue
        x0 = _x_item(x, a)
        # The label in the band's top left corner (plotly puts it top right by default).
        fig.add_vrect(
            x0=x0,
            x1=_x_item(x, min(b, n - 1)),
            line_width=0,
            fillcolor=REGION_COLORS[key],
            layer="below",
            annotation_text=L[key],
            annotation_x=x0,
            annotation_xanchor="left",
            annotation_font_size=14,
        )


def series_figure(
    x,
    series: Mapping[str, np.ndarray],
    split_at: Sequence[int] | None = None,
    labels: Mapping[str, str] | None = None,
    height: int = 420,
    max_points: int = MAX_POINTS,
) -> go.Figure:
    """One line per column against x, with the train / validation / test rows shaded when
    `split_at` = [n_train, n_train + n_val] is given, and a range slider for long series."""
    L = merge_labels(SERIES_LABELS, labels)
    x = as_x(x)
    fig = go.Figure([_line(x, y, name, max_points) for name, y in series.items()])
    if split_at is not None and len(x):
        _shade_splits(fig, x, split_at, L)
    fig.update_xaxes(title_text=L["x"], rangeslider_visible=len(x) > RANGE_SLIDER_ROWS)
    fig.update_yaxes(title_text=L["y"])
    style(fig, L["title"], height)
    fig.update_layout(
        hovermode="x unified",
        showlegend=len(series) > 1,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    return fig


def _targets(s: int, window: int, horizon: int, many_to_many: bool) -> np.ndarray:
    """Rows the model must predict for the window starting at row s."""
    if many_to_many:  # the whole window, shifted `horizon` rows ahead
        return np.arange(s + horizon, s + horizon + window)
    return np.array([s + window - 1 + horizon])


def window_animation(
    x,
    y: np.ndarray,
    window: int,
    horizon: int,
    starts: Sequence[int],
    many_to_many: bool = False,
    labels: Mapping[str, str] | None = None,
    height: int = 440,
    max_frames: int = 40,
    max_points: int = MAX_POINTS,
) -> go.Figure:
    """The series in grey; each frame highlights one input window (shaded band and a
    coloured line) and marks its target: the value `horizon` rows after the window's last
    row (many-to-one) or the whole window shifted by `horizon` (many-to-many). The view
    is zoomed to the rows the windows cover."""
    L = merge_labels(WINDOW_LABELS, labels)
    x, y = as_x(x), f32(y)
    if window < 1 or horizon < 1:
        raise ValueError(t("fig.series.err_window"))
    picked = np.asarray(starts, dtype=int)[subsample(len(starts), max_frames)]  # drawn
    last = [int(_targets(s, window, horizon, many_to_many)[-1]) for s in picked]
    if not len(picked) or picked.min() < 0 or max(last) >= len(y):
        raise ValueError(t("fig.series.err_inside"))
    lo, hi = max(0, int(picked.min()) - window), min(len(y) - 1, max(last) + window)
    finite = y[lo : hi + 1][np.isfinite(y[lo : hi + 1])]
    y0, y1 = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    pad = 0.08 * (y1 - y0) if y1 > y0 else 1.0
    y0, y1 = y0 - pad, y1 + pad

    def frame(s, raw=False):
        """Band, window and target traces for the window at row s; pre-encoded for frames,
        plain arrays (raw) for the figure's own data."""
        ey = f32 if raw else packed
        ex = (lambda i: x[i]) if raw or is_date else (lambda i: packed(x[i], digits=12))
        rows, tgt = np.arange(s, s + window), _targets(s, window, horizon, many_to_many)
        a, b = rows[0], rows[-1]
        return [
            {"type": "scatter", "x": ex([a, a, b, b, a]), "y": ey([y0, y1, y1, y0, y0])},
            {"type": "scatter", "x": ex(rows), "y": ey(y[rows])},
            {"type": "scatter", "x": ex(tgt), "y": ey(y[tgt])},
        ]

    is_date = np.issubdtype(x.dtype, np.datetime64)
    band, win, tgt = (go.Scatter(d) for d in frame(int(picked[-1]), raw=True))
    fig = go.Figure(
        [
            _line(x, y, L["series"], max_points, line={"color": "#9a9a9a", "width": 1.5}),
            band.update(
                fill="toself",
                fillcolor="rgba(31,119,180,0.15)",
                mode="lines",
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
            ),
            win.update(
                name=L["window"],
                mode="lines+markers",
                hovertemplate="%{y:.4g}",
                line={"color": "#1f77b4", "width": 3},
                marker={"size": 6},
            ),
            tgt.update(
                name=L["target"],
                hovertemplate="%{y:.4g}",
                mode="lines+markers" if many_to_many else "markers",
                line={"color": "#d62728", "width": 2, "dash": "dot"},
                marker={
                    "size": 9 if many_to_many else 14,
                    "color": "#d62728",
                    "symbol": "circle" if many_to_many else "star",
                },
            ),
        ]
    )
    fig.update_xaxes(title_text=L["x"], range=[_x_item(x, lo), _x_item(x, hi)])
    fig.update_yaxes(title_text=L["y"], range=[y0, y1])
    style(fig, L["title"], height)
    fig.update_layout(
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    )
    frames = [{"data": frame(int(s)), "traces": [1, 2, 3]} for s in picked]
    return add_player(
        fig, frames, [str(s) for s in picked], labels=L, prefix=L["slider"], duration=350
    )


def prediction_figure(
    x,
    actual: np.ndarray,
    predictions: Mapping[str, np.ndarray],
    forecast_x=None,
    forecast: np.ndarray | None = None,
    labels: Mapping[str, str] | None = None,
    height: int = 420,
    max_points: int = PREDICTION_POINTS,
    zoom: int | None = None,
) -> go.Figure:
    """Actual values (black) and one line per prediction (the model first, then baselines
    such as "repeat the last value"), with an optional forecast past the end (dashed).
    `predictions` is keyed by code ("model", "last_value", ...): the legend shows each
    code's label, an unknown code as it is. `zoom`: the chart opens on the newest `zoom`
    points and the forecast, with a range slider to reach the rest."""
    L = merge_labels(PREDICTION_LABELS, labels)
    x = as_x(x)
    traces = [_line(x, actual, L["actual"], max_points, line={"color": "black", "width": 2.5})]
    palette = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")
    for k, (code, pred) in enumerate(predictions.items()):
        name = L.get(code, code)
        # The first prediction is the model; baselines are thinner so it stands out.
        line = {"color": palette[k % len(palette)], "width": 2.5 if k == 0 else 1.5}
        if k:
            line["dash"] = "dot"
        traces.append(_line(x, pred, name, max_points, line=line))
    if forecast is not None and forecast_x is not None:
        traces.append(
            go.Scatter(
                x=as_x(forecast_x),
                y=f32(forecast),
                name=L["forecast"],
                mode="lines+markers",
                hovertemplate="%{y:.4g}",
                line={"color": "#d62728", "width": 2.5, "dash": "dash"},
            )
        )
    fig = go.Figure(traces)
    fig.update_xaxes(title_text=L["x"])
    fig.update_yaxes(title_text=L["y"])
    style(fig, L["title"], height)
    fig.update_layout(
        hovermode="x unified",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    if zoom and len(x) > zoom:
        ends = as_x(forecast_x) if forecast is not None and forecast_x is not None else x
        fig.update_xaxes(
            range=[_x_item(x, len(x) - zoom), _x_item(ends, len(ends) - 1)],
            rangeslider={"visible": True, "thickness": 0.08},
        )
    return note(fig, points=(len(traces[0].y), len(actual)))
