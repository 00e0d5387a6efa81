"""Plumbing every figure builder shares: animation controls, labels, escaping, styling.

The Play/Pause buttons and the slider are written once here (`add_player`) so every
animation in the app looks and behaves the same at the projector. Conventions:

- The figure's own data shows the LAST frame and the slider starts at the end: a static
  view (screenshot, a student who never presses Play) already shows the whole result,
  and Play replays from frame 0 (plotly's `fromcurrent` restarts when it is at the end).
- Every frame is redrawn (`redraw: True`). Heatmaps need it; for the small scatter and
  bar plots here it costs nothing visible since transitions are instant anyway.
- Frames are named "0", "1", ... (unique even if two display labels repeat); the slider
  shows the display label, e.g. the real time step of a subsampled frame.
- A builder's default labels (the *_LABELS dicts) hold catalog keys, not text: a dict
  built at import would stay in the language of that moment. `merge_labels` turns each
  key into its text in the current language when the figure is built.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.i18n import CATALOG, language, t
from rnnviz.session.per_user import RunValue

PLAYER_LABELS = {"play": "fig.anim.play", "pause": "fig.anim.pause"}  # catalog keys
FONT_SIZE = 14
TITLE_SIZE = 18
# Presentation mode (a projector, read from the back row): every text a size up.
PRESENT_FONT_SIZE = 18
PRESENT_TITLE_SIZE = 24
PLAYBACK_MS = 8000  # aim for a whole animation to play in about this long
DIVERGING = "RdBu_r"  # blue negative, white 0, red positive
SEQUENTIAL = "viridis"  # plotly reads scale names in any case
FORWARD_COLOR = "#1f77b4"
BACKWARD_COLOR = "#d95f02"
TINY = 1e-12  # floor for values drawn on a log axis (log 0 is undefined)
LEGEND_ROW = 30  # px a one-line legend above the plot takes


# Whether this script run presents (rnnviz.ui.present sets it for each run, the way
# i18n.use sets the language): a per-run switch, not a global, since one server process
# serves a presenting teacher and a student at a laptop at once.
_present: RunValue[bool] = RunValue("rnnviz_present")


def use_present(on: bool) -> bool:
    """Set this thread's presentation mode; returns it."""
    _present.set(bool(on))
    return bool(on)


def set_present_fallback(source: Callable[[], bool | None] | None) -> None:
    """Asked when this thread has not set the mode (a fragment's rerun, a callback)."""
    _present.set_fallback(source)


def presenting() -> bool:
    return bool(_present.get())


def font_size(size: int = FONT_SIZE) -> int:
    """`size` (a normal-mode size in px) as this run shows it: scaled up when presenting."""
    return round(size * PRESENT_FONT_SIZE / FONT_SIZE) if presenting() else size


def title_size() -> int:
    return PRESENT_TITLE_SIZE if presenting() else TITLE_SIZE


def label_text(value):
    """A catalog key as its text in the current language; any other label (a symbol such
    as "x", or text a caller already translated) as it is."""
    return t(value) if isinstance(value, str) and value in CATALOG else value


def merge_labels(defaults: Mapping[str, str], labels: Mapping[str, str] | None) -> dict:
    """Defaults overridden by `labels`, every catalog key among them turned into its text
    in the current language; an unknown key is an error, not a no-op, so a typo in a
    label table shows up at once instead of silently staying in the default."""
    merged = dict(defaults)
    if labels:
        unknown = sorted(set(labels) - set(defaults))
        if unknown:
            raise ValueError(t("fig.anim.err_labels", unknown=unknown, known=sorted(defaults)))
        merged.update(labels)
    return {key: label_text(value) for key, value in merged.items()}


def escape(text) -> str:
    """Plotly renders a subset of HTML in every text (<b>, <br>, <a href>, entities), so
    user text (uploaded column names, characters of a text) is escaped before display."""
    return html.escape(str(text), quote=False)


def f32(values) -> np.ndarray:
    """C-contiguous float32: plotly 7 sends it base64-encoded (about 5.3 bytes a value)."""
    return np.ascontiguousarray(values, dtype=np.float32)


def packed(values, digits: int = 5) -> np.ndarray:
    """Frame data as plain nested lists, rounded to `digits` significant digits.

    Streamlit's plotly.js decodes base64 typed arrays in a figure's data but not in its
    frames: an animated frame given {"dtype", "bdata"} draws nothing. Lists it reads;
    rounding keeps the JSON small (hover shows three decimals anyway). Keep frames small:
    big arrays belong in the figure's data. `unpacked` turns
    it back into an array (tests, callers).
    """
    a = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        exponent = np.floor(np.log10(np.abs(a)))
    scale = 10.0 ** (digits - 1 - np.where(np.isfinite(exponent), exponent, 0))
    # An object array: plotly validates it as fast as numpy but writes it as a JSON list.
    return np.where(np.isfinite(a), np.round(a * scale) / scale, a).astype(object)


def unpacked(spec) -> np.ndarray:
    """The float array behind `packed` frame data (or any array-like)."""
    return np.asarray(spec, dtype=np.float64)


def minmax_indices(values: np.ndarray, max_points: int) -> np.ndarray:
    """Indices that keep a long line's shape in at most ~max_points points: the lowest
    and highest point of each of max_points/2 equal buckets (plus the ends), so spikes
    survive where a plain stride would drop them."""
    n = len(values)
    if n <= max_points:
        return np.arange(n)
    buckets = max(max_points // 2, 1)
    size = -(-n // buckets)
    v: np.ndarray = np.full(buckets * size, np.nan)  # flat, then one row per bucket
    v[:n] = values
    v = v.reshape(buckets, size)
    start = np.arange(buckets) * size
    lo = start + np.where(np.isnan(v), np.inf, v).argmin(axis=1)
    hi = start + np.where(np.isnan(v), -np.inf, v).argmax(axis=1)
    idx = np.unique(np.concatenate([[0, n - 1], lo, hi]))
    return idx[idx < n]


def subsample(n: int, cap: int) -> np.ndarray:
    """At most `cap` evenly spread indices into range(n), always keeping the first and last."""
    if n <= 0:
        return np.zeros(0, dtype=int)
    if n <= cap:
        return np.arange(n)
    cap = max(cap, 2)
    return np.unique(np.linspace(0, n - 1, cap).round().astype(int))


def colorscale_for(lo: float, hi: float) -> str:
    """Diverging scale when the range straddles 0 (tanh states), else sequential (sigmoid
    gates, ReLU states, norms): white must mean 0 only when 0 is in the middle."""
    return DIVERGING if lo < 0 < hi else SEQUENTIAL


def symmetric_range(values: np.ndarray, floor: float = 1e-6) -> tuple[float, float]:
    """(-m, m) with m the largest |value| (NaN ignored), so 0 sits at the scale's centre."""
    finite = np.abs(values[np.isfinite(values)]) if np.size(values) else np.zeros(0)
    m = float(finite.max()) if finite.size else 1.0
    return (-max(m, floor), max(m, floor))


def check_range(zrange) -> tuple[float, float]:
    lo, hi = (float(v) for v in zrange)
    if not lo < hi:
        raise ValueError(t("fig.anim.err_range", zrange=repr(zrange)))
    return lo, hi


GRID = "#e5e8ee"
# What every figure shares and no builder changes, as a small template: plotly.js applies
# its axis settings to every axis of every subplot, and assigning it is ~6x cheaper than
# the equivalent update_layout/update_axes calls (the Train page redraws twice a second).
_TEMPLATE = go.layout.Template(
    layout={
        "title": {"x": 0.01, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "xaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "linecolor": GRID},
        "yaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "linecolor": GRID},
    }
)
# Presenting, axis text is set on the axes: Streamlit's chart theme draws ticks at 12 px
# whatever the figure's font size or template says, unless the axis itself names a size
# (style() sets it on every axis; the template covers axes a builder adds after style).
_PRESENT_AXIS = {
    "gridcolor": GRID,
    "zerolinecolor": GRID,
    "linecolor": GRID,
    "tickfont": {"size": PRESENT_FONT_SIZE},
    "title": {"font": {"size": PRESENT_FONT_SIZE}},
}
_PRESENT_TEMPLATE = go.layout.Template(
    layout={
        "title": {"x": 0.01, "xanchor": "left", "font": {"size": PRESENT_TITLE_SIZE}},
        "hoverlabel": {"font": {"size": PRESENT_FONT_SIZE}},
        "legend": {"font": {"size": PRESENT_FONT_SIZE}},
        "xaxis": _PRESENT_AXIS,
        "yaxis": _PRESENT_AXIS,
    }
)


def style(
    fig: go.Figure,
    title: str,
    height: int,
    *,
    top: int = 70,
    bottom: int = 60,
    left: int = 70,
    right: int = 30,
) -> go.Figure:
    """Projector-friendly look shared by all builders: white background, 14 px text.

    Not template="plotly_white": assigning that large template deep-copies it (about
    0.1 s a figure), which starved training while the Train page redrew its loss chart.
    """
    layout = fig.layout
    layout.template = _PRESENT_TEMPLATE if presenting() else _TEMPLATE
    layout.paper_bgcolor = layout.plot_bgcolor = "white"
    layout.font.size = font_size()  # ticks, legends and axis titles inherit it
    layout.title.text = title
    if presenting():  # on the layout too: a figure's own title font outranks any theme's
        layout.title.font.size = title_size()
        layout.hoverlabel.font.size = font_size()
        top += PRESENT_TITLE_SIZE - TITLE_SIZE
        axis_text = {
            "tickfont": {"size": PRESENT_FONT_SIZE},
            "title": {"font": {"size": PRESENT_FONT_SIZE}},
        }
        fig.update_xaxes(axis_text)
        fig.update_yaxes(axis_text)
        layout.legend.font.size = PRESENT_FONT_SIZE  # the theme's legend text is small too
        for note in layout.annotations:  # subplot titles, labels on lines
            note.font.size = max(note.font.size or 0, PRESENT_FONT_SIZE)
        _present_colorbars(fig)
    if language() == "zh":
        _numeric_dates(fig)
    layout.height = height
    layout.margin = {"l": left, "r": right, "t": top, "b": bottom}
    return fig


def _colorbars(fig: go.Figure) -> list:
    """Every colour bar of the figure: a trace's own and those of the shared colour axes."""
    bars = [tr.colorbar for tr in fig.data if "colorbar" in tr]
    bars += [
        tr.marker.colorbar
        for tr in fig.data
        if "marker" in tr and "colorbar" in tr.marker and tr.marker.showscale
    ]
    bars += [
        fig.layout[name].colorbar
        for name in fig.layout
        if name.startswith("coloraxis") and fig.layout[name] is not None
    ]
    return bars


def _present_colorbars(fig: go.Figure) -> None:
    """Colour-bar ticks and titles as large as the axes' (Streamlit's theme draws them at
    12 px unless the bar names a size)."""
    for bar in _colorbars(fig):
        bar.tickfont.size = PRESENT_FONT_SIZE
        bar.title.font.size = PRESENT_FONT_SIZE


DATE_FORMAT = "%Y-%m-%d"  # zh: no English month names mixed into Chinese text


def _numeric_dates(fig: go.Figure) -> None:
    """Date axes written as numbers: plotly.js only speaks English month names (\"Jan 2020\"),
    which read oddly between Chinese labels; 2020-01-05 reads the same in any language."""
    for tr in fig.data:
        x = tr.x if "x" in tr else None
        if isinstance(x, np.ndarray) and np.issubdtype(x.dtype, np.datetime64):
            axis = "xaxis" + (tr.xaxis or "x")[1:]
            fig.layout[axis].update(tickformat=DATE_FORMAT, hoverformat=DATE_FORMAT)


def log_axis(*arrays) -> dict:
    """A log axis labelled at decades only (1, 0.1, 0.01 ...): plotly's default labels
    every minor tick ("2 3 4 ... 9" crowded against "0.1"). Values within one decade have
    no decade to label, so they get 1-2-5 ticks."""
    values = np.concatenate([f32(a).ravel() for a in arrays]) if arrays else np.zeros(0)
    values = values[np.isfinite(values) & (values > 0)]
    wide = values.size == 0 or np.log10(values.max() / values.min()) >= 1
    return {
        "type": "log",
        "dtick": 1 if wide else "D2",
        "exponentformat": "none",
        "minor": {"showgrid": False},
    }


def frame_ms(n_frames: int, lo: int = 60, hi: int = 500) -> int:
    """Frame duration so the whole animation plays in about PLAYBACK_MS."""
    return int(np.clip(PLAYBACK_MS / max(n_frames, 1), lo, hi))


def _animate_args(names, duration: int, redraw: bool) -> list:
    return [
        names,
        {
            "frame": {"duration": duration, "redraw": redraw},
            "mode": "immediate",
            "fromcurrent": True,
            "transition": {"duration": 0},
        },
    ]


def _legend_shown(fig: go.Figure) -> bool:
    """Whether plotly.js will draw a legend: asked for, or by default with two entries."""
    entries = sum(tr.showlegend is not False and tr.type != "heatmap" for tr in fig.data)
    return (
        entries >= 1 if fig.layout.showlegend else (fig.layout.showlegend is None and entries >= 2)
    )


def add_player(
    fig: go.Figure,
    frames: Sequence[dict],
    step_labels: Sequence[str],
    *,
    labels: Mapping[str, str],
    prefix: str,
    duration: int | None = None,
    redraw: bool = True,
) -> go.Figure:
    """Attach `frames` (named here "0".."n-1") with Play/Pause buttons and a slider.

    Frames are plain dicts ({"data": [trace dicts with "type"], "traces": [indices]}) that
    hold only what changes: plotly validates them once, on assignment here, instead of
    once per go.Frame/go.Bar built and again on assignment (3x slower for 600 bars).

    `step_labels[k]` is what the slider shows for frame k (e.g. the real time step of a
    subsampled frame); `prefix` is written before it ("time step: 12"). One frame: no
    frames and no controls, the figure is static.
    """
    if len(frames) != len(step_labels):
        raise ValueError(t("fig.anim.err_slider"))
    if len(frames) < 2:  # nothing to animate: the figure's own data already shows it
        return fig
    fig.frames = [{**frame, "name": str(k)} for k, frame in enumerate(frames)]
    duration = frame_ms(len(frames)) if duration is None else duration
    names = [str(k) for k in range(len(frames))]
    buttons = [
        {
            "label": label_text(labels["play"]),
            "method": "animate",
            "args": _animate_args(None, duration, redraw),
        },
        {
            "label": label_text(labels["pause"]),
            "method": "animate",
            "args": _animate_args([None], 0, False),
        },
    ]
    steps = [
        {"label": escape(lab), "method": "animate", "args": _animate_args([name], 0, redraw)}
        for name, lab in zip(names, step_labels, strict=True)
    ]
    # Past ~12 frames the per-step labels overlap into a grey smear; hide them and let
    # the large "current value" above the slider say where we are.
    tick_color = "rgba(0,0,0,0)" if len(steps) > 12 else "#444"
    lower = 16 if presenting() else 0  # below the larger axis titles of presentation mode
    # Play/Pause sit at the top, under the title (above a top legend): a projector at
    # 1280x720 showed them below the fold, under a tall chart. The slider stays under
    # the plot, where its steps line up with nothing but read as a timeline.
    legend_top = _legend_shown(fig) and (fig.layout.legend.y or 0) >= 1
    # Subplot titles stand on the top row's edge too: the buttons go above them.
    titled = any((a.y or 0) >= 0.99 and a.yanchor == "bottom" for a in fig.layout.annotations)
    above = 4 + (LEGEND_ROW + lower) * (int(legend_top) + int(titled))
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "buttons": buttons,
                "x": 0,
                "xanchor": "left",
                "y": 1,
                "yanchor": "bottom",
                "pad": {"b": above, "r": 10},
                "showactive": False,
                "font": {"size": font_size()},
            }
        ],
        sliders=[
            {
                "active": len(steps) - 1,
                "steps": steps,
                "x": 0,
                "len": 1,
                "y": 0,
                "yanchor": "top",
                "pad": {"t": 50 + lower, "b": 10},
                "font": {"size": font_size(13), "color": tick_color},
                "currentvalue": {
                    "prefix": label_text(prefix),
                    "visible": True,
                    "xanchor": "left",
                    "font": {"size": font_size() + 1, "color": "#222"},
                },
            }
        ],
    )
    # The title, then the buttons' row, then (if any) the legend's row above the plot.
    title_row = title_size() + 22
    button_row = font_size() + 22
    fig.layout.title.update(y=1, yref="container", yanchor="top", pad={"t": 8})
    fig.layout.margin.t = max(fig.layout.margin.t or 0, title_row + button_row + above)
    fig.layout.margin.b = max(fig.layout.margin.b or 0, 110 + lower)
    return fig
