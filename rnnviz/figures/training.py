"""Training figures: loss curves, gradient norms through time, several runs compared.

Loss axes are logarithmic by default (a loss falling from 1 to 0.001 is a straight-ish
line instead of an L), and fall back to linear when some value is <= 0, where a log axis
would silently drop points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures._anim import (
    BACKWARD_COLOR,
    FORWARD_COLOR,
    PLAYER_LABELS,
    TINY,
    add_player,
    escape,
    f32,
    font_size,
    log_axis,
    merge_labels,
    minmax_indices,
    packed,
    style,
    subsample,
)
from rnnviz.figures.budget import B64_BYTES, LIST_BYTES, frames_that_fit, note
from rnnviz.i18n import t

# Default labels as catalog keys: merge_labels reads them in the current language.
LOSS_LABELS = {
    **{
        k: f"fig.train.loss.{k}"
        for k in ("title", "x", "y", "train", "val", "mse", "cross_entropy", "uniform")
    },
    "best": "best.marker",
}
LOSS_KINDS = ("mse", "cross_entropy")  # what a loss is: named on its axis (codes in, labels out)
GRAD_LABELS = {
    **PLAYER_LABELS,
    **{
        k: f"fig.train.grad.{k}"
        for k in ("title", "x", "y", "layer", "forward", "backward", "slider")
    },
}
RACE_LABELS = {k: f"fig.train.race.{k}" for k in ("title", "x_title", "y", "baseline")}
LOSS_LEGEND = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}
MAX_POINTS = 20_000
LAYER_DASH = ("solid", "dash", "dot", "dashdot")  # layers by dash, directions by colour


def _log_ok(*arrays) -> bool:
    """A log axis only when every finite value is > 0 (log of 0 or less is undefined)."""
    values = np.concatenate([f32(a).ravel() for a in arrays]) if arrays else np.zeros(0)
    finite = values[np.isfinite(values)]
    return bool(finite.size == 0 or finite.min() > 0)


def _curve(x, y, name, **kw) -> go.Scatter:
    x, y = np.asarray(x, dtype=np.float64), f32(y)
    if x.shape != y.shape:
        raise ValueError(t("fig.train.err_points", name=name, xs=x.shape[0], ys=y.shape[0]))
    idx = minmax_indices(y, MAX_POINTS)
    return go.Scatter(
        {"mode": "lines", **kw}, x=x[idx], y=y[idx], name=escape(name), hovertemplate="%{y:.6g}"
    )  # the exact value: axes show decades


def _decade_axis(losses, log: bool) -> dict:
    return log_axis(*losses) if log else {"type": "linear"}


def _uniform_guess(fig: go.Figure, vocab_size: int, log: bool, text: str) -> None:
    """ln(V): the cross-entropy, in nats, of a model that gives every character the same
    probability; a text model's loss starts about here and must fall below it."""
    level = float(np.log(vocab_size))
    fig.add_hline(y=level, line={"color": "#555", "dash": "dash", "width": 2})
    fig.add_annotation(
        x=1,
        xref="paper",
        xanchor="right",
        yref="y",
        yanchor="bottom",
        y=np.log10(level) if log else level,
        showarrow=False,
        text=escape(t("fig.train.loss.uniform_line", label=text, vocab=vocab_size, level=level)),
        font={"size": font_size(14), "color": "#555"},
    )


def _best_marker(step, loss, name: str) -> go.Scatter:
    """The kept weights: a star on the validation curve at its lowest point."""
    return go.Scatter(
        x=np.array([step], dtype=np.float64),
        y=f32([loss]),
        name=escape(name),
        mode="markers",
        meta="best",
        hovertemplate="%{y:.6g}",
        marker={
            "symbol": "star",
            "size": 16,
            "color": BACKWARD_COLOR,
            "line": {"color": "#222", "width": 1},
        },
    )


def loss_figure(
    train_steps,
    train_loss,
    val_steps=None,
    val_loss=None,
    log_y: bool = True,
    labels: Mapping[str, str] | None = None,
    height: int = 380,
    loss: str | None = None,
    vocab_size: int | None = None,
    best_step: int | None = None,
    best_loss: float | None = None,
) -> go.Figure:
    """Training (and validation, if given) loss against the step. Empty arrays give an
    empty chart with its axes, e.g. before the first step has finished.

    `loss` (one of LOSS_KINDS) names what the loss is on the y axis; `vocab_size` (a text
    model's) adds the ln(vocabulary) "uniform guess" reference line; `best_step` and
    `best_loss` mark the weights the run keeps (its lowest validation loss)."""
    L = merge_labels(LOSS_LABELS, labels)
    traces = [_curve(train_steps, train_loss, L["train"], line={"color": FORWARD_COLOR})]
    if val_steps is not None and val_loss is not None:
        traces.append(
            _curve(
                val_steps,
                val_loss,
                L["val"],
                mode="lines+markers",
                line={"color": BACKWARD_COLOR, "width": 2.5},
            )
        )
    losses = [train_loss] + ([val_loss] if val_loss is not None else [])
    if best_step is not None and best_loss is not None:
        traces.append(_best_marker(best_step, best_loss, L["best"]))
        losses.append([best_loss])  # off the curve when a run stopped between validations
    if vocab_size is not None and vocab_size > 1:
        losses.append([np.log(vocab_size)])
    log = log_y and _log_ok(*losses)
    title = L[loss] if loss in LOSS_KINDS else L["y"]
    # One layout object rather than update_* calls: the Train page redraws this twice a
    # second while the job trains, and each update_* call costs milliseconds of GIL.
    layout = go.Layout(
        hovermode="x unified",
        legend=LOSS_LEGEND,
        xaxis={"title": L["x"]},
        yaxis={"title": title, **_decade_axis(losses, log)},
    )
    fig = go.Figure(traces, layout)
    if vocab_size is not None and vocab_size > 1:
        _uniform_guess(fig, vocab_size, log, L["uniform"])
    return style(fig, L["title"], height)


def _line_names(num_layers: int, num_dirs: int, L) -> list[tuple[str, dict]]:
    out = []
    for layer in range(num_layers):
        for d in range(num_dirs):
            name = f"{L['layer']} {layer + 1}"
            if num_dirs == 2:
                name += f" {L['backward'] if d else L['forward']}"
            out.append(
                (
                    name,
                    {
                        "color": BACKWARD_COLOR if d else FORWARD_COLOR,
                        "dash": LAYER_DASH[layer % len(LAYER_DASH)],
                        "width": 2.5,
                    },
                )
            )
    return out


def grad_norm_animation(
    norms: np.ndarray,
    frame_labels: Sequence[str],
    labels: Mapping[str, str] | None = None,
    height: int = 440,
    max_frames: int = 60,
) -> go.Figure:
    """‖dL/dh_t‖ against t on a log axis, one line per layer and direction, animated over
    training snapshots (norms [S, L, D, T]). Vanishing gradients show as lines that drop
    steeply towards early steps. One snapshot: a static chart with no player."""
    L = merge_labels(GRAD_LABELS, labels)
    norms = np.asarray(norms, dtype=np.float64)
    S, num_layers, num_dirs, T = norms.shape
    if len(frame_labels) != S:
        raise ValueError(t("fig.train.err_frames", n=len(frame_labels), snapshots=S))
    positive = norms[np.isfinite(norms) & (norms > 0)]
    # Zeros (a state the loss cannot see) are drawn at the floor instead of vanishing.
    floor = max(float(positive.min()) / 10, TINY) if positive.size else TINY
    top = float(positive.max()) * 3 if positive.size else 1.0
    shown = f32(np.clip(norms, floor, None))
    steps = np.arange(T)
    names = _line_names(num_layers, num_dirs, L)
    hover = f"{L['x']} %{{x}}<br>%{{y:.3g}}"
    fig = go.Figure(
        [
            go.Scatter(
                x=steps,
                y=shown[-1, li // num_dirs, li % num_dirs],
                name=n,
                mode="lines+markers",
                line=line,
                marker={"size": 5},
                hovertemplate=hover,
            )
            for li, (n, line) in enumerate(names)
        ]
    )
    fig.update_yaxes(
        type="log",
        range=[np.log10(floor), np.log10(top)],
        title_text=L["y"],
        exponentformat="power",
    )  # 10⁻⁶ reads better than "1µ" in class
    fig.update_xaxes(title_text=L["x"], range=[-0.5, T - 0.5])
    style(fig, L["title"], height)
    fig.update_layout(
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    )
    lines = len(names)
    idx = subsample(
        S,
        frames_that_fit(
            S, lines * (T * LIST_BYTES + 40), cap=max_frames, fixed_bytes=lines * T * 2 * B64_BYTES
        ),
    )
    note(fig, frames=(len(idx), S))
    frames = [
        {
            "data": [
                {"type": "scatter", "y": packed(shown[k, li // num_dirs, li % num_dirs])}
                for li in range(len(names))
            ],
            "traces": list(range(len(names))),
        }
        for k in idx
    ]
    return add_player(
        fig, frames, [str(frame_labels[k]) for k in idx], labels=L, prefix=L["slider"]
    )


def race_figure(
    curves: Mapping[str, tuple[np.ndarray, np.ndarray]],
    baseline: float | None = None,
    x_title: str | None = None,
    log_y: bool = True,
    labels: Mapping[str, str] | None = None,
    height: int = 420,
    names: Mapping[str, str] | None = None,
    styles: Mapping[str, Mapping] | None = None,
) -> go.Figure:
    """Several loss curves (code -> (x, loss)) on one chart, with an optional horizontal
    baseline such as "always predict the mean". `x_title` overrides labels["x_title"].
    Curves are keyed by stable codes: `names` gives each its legend text (else the code
    itself) and `styles` its line (colour, dash), so neither depends on the language."""
    L = merge_labels(RACE_LABELS, labels)
    names, styles = names or {}, styles or {}
    fig = go.Figure(
        [
            _curve(
                x, y, names.get(code, code), meta=code, line={"width": 2.5, **styles.get(code, {})}
            )
            for code, (x, y) in curves.items()
        ]
    )
    losses = [y for _, y in curves.values()] + ([[baseline]] if baseline is not None else [])
    log = log_y and _log_ok(*losses)
    if baseline is not None:
        fig.add_hline(y=float(baseline), line={"color": "#555", "dash": "dash", "width": 2})
        # Placed by hand: add_hline's own label lands at the wrong height on a log axis
        # (annotations there take log10 units).
        y = np.log10(float(baseline)) if log else float(baseline)
        fig.add_annotation(
            x=1,
            xref="paper",
            xanchor="right",
            y=y,
            yref="y",
            yanchor="bottom",
            text=L["baseline"],
            showarrow=False,
            font={"size": font_size(14), "color": "#555"},
        )
    fig.update_yaxes(title_text=L["y"], type="log" if log else "linear")
    fig.update_xaxes(title_text=L["x_title"] if x_title is None else x_title)
    style(fig, L["title"], height)
    fig.update_layout(
        hovermode="x unified",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    return fig
