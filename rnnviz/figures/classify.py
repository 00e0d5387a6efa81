"""Figures of a name classifier: the class balance, the probability strip over a name's
letters, the confusion matrix, hidden states and gates over letters, each letter's
influence, and the accuracy against the baselines.

Arrays in, go.Figure out. Class names and letters come from a user's file: they are
escaped (plotly reads HTML in every text) and put on category axes (a class named "1"
stays a name, not a number). Letters repeat within a name ("Anna"), so letter axes are
numbered steps labelled with char_ticks, and hover names the letter of each cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.figures._anim import (
    DIVERGING,
    FORWARD_COLOR,
    SEQUENTIAL,
    colorscale_for,
    escape,
    f32,
    merge_labels,
    style,
    symmetric_range,
)
from rnnviz.figures.gates import default_range, gate_ranges, panel_title
from rnnviz.figures.inside import VISIBLE, char_ticks
from rnnviz.i18n import t

CLASSIFY_LABELS = {
    k: f"fig.classify.{k}"
    for k in (
        "class",
        "letter",
        "probability",
        "examples",
        "train",
        "val",
        "test",
        "true",
        "predicted",
        "count",
        "share",
        "unit",
        "value",
        "influence",
        "accuracy",
        "balance_title",
        "strip_title",
        "confusion_title",
        "hidden_title",
        "gates_title",
        "influence_title",
        "accuracy_title",
    )
}
PART_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c")  # train, validation, test
OTHER_COLOR = "#9aa5b1"  # the baselines beside the model's bar
MAX_CELL_TEXT = 12  # classes (confusion) or letters (strip) up to which cells show numbers


def _names(values: Sequence[str]) -> list[str]:
    return [escape(v) for v in values]


def _shown(letters: Sequence[str]) -> list[str]:
    return [escape(VISIBLE.get(c, c)) for c in letters]


def _check_letters(letters: Sequence[str], steps: int) -> None:
    if len(letters) != steps:
        raise ValueError(t("fig.classify.err_letters", n=len(letters), steps=steps))


def _letter_grid(letters: Sequence[str], rows: int) -> np.ndarray:
    """[rows, T] the shown letter of each heatmap cell, for hover."""
    return np.tile(np.asarray(_shown(letters) or [""], dtype=object), (rows, 1))[:, : len(letters)]


def _bar_for(fig: go.Figure, row: int, title: str) -> dict:
    """A colour bar as tall as its own subplot, not the whole figure."""
    name = "yaxis" if row == 1 else f"yaxis{row}"
    lo, hi = fig.layout[name].domain or (0, 1)
    return {"title": {"text": title, "side": "right"}, "y": (lo + hi) / 2, "len": hi - lo}


def class_balance(
    classes: Sequence[str], counts, labels: Mapping[str, str] | None = None
) -> go.Figure:
    """counts [K, 3]: names of each class in train, validation and test, as stacked
    horizontal bars, the largest class on top."""
    L = merge_labels(CLASSIFY_LABELS, labels)
    counts = np.asarray(counts, np.int64).reshape(-1, 3)
    if len(counts) != len(classes):
        raise ValueError(t("fig.classify.err_counts", rows=len(counts), classes=len(classes)))
    order = np.argsort(counts.sum(axis=1), kind="stable")  # bottom-up: the largest ends on top
    names = [escape(classes[i]) for i in order]
    fig = go.Figure()
    for j, part in enumerate(("train", "val", "test")):
        fig.add_trace(
            go.Bar(
                x=counts[order, j],
                y=names,
                orientation="h",
                name=L[part],
                marker_color=PART_COLORS[j],
                hovertemplate=f"%{{y}}<br>{L[part]} %{{x:,}}<extra></extra>",
            )
        )
    # traceorder "normal": a stacked horizontal bar would list its legend backwards.
    legend = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "traceorder": "normal"}
    fig.update_layout(barmode="stack", legend=legend)
    fig.update_xaxes(title_text=L["examples"])
    fig.update_yaxes(type="category", automargin=True)  # the class names say what they are
    return style(fig, L["balance_title"], max(280, 110 + 26 * len(names)), top=90)


def probability_strip(
    letters: Sequence[str],
    probs,
    classes: Sequence[str],
    top: int = 5,
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """probs [T, K] (rows after each letter): a heatmap of the `top` classes that reach the
    highest probability anywhere over the name, the highest on the top row."""
    L = merge_labels(CLASSIFY_LABELS, labels)
    probs = f32(probs).reshape(len(letters), -1)
    _check_letters(letters, len(probs))
    best = probs.max(axis=0) if len(probs) else np.zeros(probs.shape[1], np.float32)
    chosen = np.argsort(-best, kind="stable")[: max(1, top)][::-1]  # bottom-up rows
    fig = go.Figure(
        go.Heatmap(
            z=f32(probs[:, chosen].T),
            x=np.arange(len(letters)),
            y=[escape(classes[k]) for k in chosen],
            zmin=0.0,
            zmax=1.0,
            colorscale=SEQUENTIAL,
            texttemplate="%{z:.0%}" if len(letters) <= MAX_CELL_TEXT else None,
            customdata=_letter_grid(letters, len(chosen)),
            colorbar={"title": {"text": L["probability"], "side": "right"}, "tickformat": ".0%"},
            hovertemplate=f"{L['letter']} %{{customdata}}<br>{L['class']} %{{y}}<br>"
            f"{L['probability']} %{{z:.1%}}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=L["letter"], **char_ticks(letters))
    fig.update_yaxes(type="category", automargin=True)
    return style(fig, L["strip_title"], 160 + 44 * len(chosen), top=70)


def confusion_matrix(
    confusion, classes: Sequence[str], normalise: bool = True, labels=None
) -> go.Figure:
    """[K, K] counts, rows true and columns predicted, the first class on top. Normalised,
    each row is the share of that true class (a class absent from the data stays blank)."""
    L = merge_labels(CLASSIFY_LABELS, labels)
    counts = np.asarray(confusion, np.int64)
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(totals > 0, counts / totals, np.nan) if normalise else counts
    names = _names(classes)
    share = f"<br>{L['share']} %{{z:.1%}}" if normalise else ""
    cells = (
        {"texttemplate": "%{z:.0%}" if normalise else "%{z}"} if len(names) <= MAX_CELL_TEXT else {}
    )
    fig = go.Figure(
        go.Heatmap(
            z=f32(z),
            x=names,
            y=names,
            zmin=0.0,
            zmax=1.0 if normalise else max(1, int(counts.max(initial=0))),
            colorscale="blues",
            customdata=counts,
            # thin: in a page column the bar's width is taken from the matrix's
            colorbar={
                "title": {"text": L["share"] if normalise else L["count"], "side": "right"},
                "thickness": 14,
            },
            hovertemplate=f"{L['true']} %{{y}}<br>{L['predicted']} %{{x}}<br>"
            f"{L['count']} %{{customdata:,}}{share}<extra></extra>",
            **cells,
        )
    )
    # Many classes' slanted names overlap their neighbours (18: "English" over "French"):
    # upright ones each keep their own column.
    angle = -45 if len(names) <= MAX_CELL_TEXT else -90
    fig.update_xaxes(type="category", title_text=L["predicted"], tickangle=angle, automargin=True)
    fig.update_yaxes(type="category", title_text=L["true"], autorange="reversed", automargin=True)
    side = max(360, 160 + 30 * len(names))
    return style(fig, L["confusion_title"], side, top=70)


def hidden_over_letters(
    letters: Sequence[str], h, title: str | None = None, labels=None
) -> go.Figure:
    """h [T, H]: hidden units (rows) over letters (columns) on a diverging scale, -1..1
    for tanh states (symmetric around 0 when a ReLU state goes beyond). `title`: text, or
    a catalog key; the default names the hidden state."""
    L = merge_labels(
        CLASSIFY_LABELS, labels if title is None else {**(labels or {}), "hidden_title": title}
    )
    h = f32(h).reshape(len(letters), -1)
    _check_letters(letters, len(h))
    inside = not h.size or float(np.nanmax(np.abs(h))) <= 1.0
    lo, hi = (-1.0, 1.0) if inside else symmetric_range(h)
    fig = go.Figure(
        go.Heatmap(
            z=f32(h.T),
            x=np.arange(len(letters)),
            y=np.arange(h.shape[1]),
            zmin=lo,
            zmax=hi,
            colorscale=DIVERGING,
            customdata=_letter_grid(letters, h.shape[1]),
            colorbar={"title": {"text": L["value"], "side": "right"}},
            hovertemplate=f"{L['letter']} %{{customdata}}<br>{L['unit']} %{{y}}<br>"
            f"{L['value']} %{{z:.3f}}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=L["letter"], **char_ticks(letters))
    fig.update_yaxes(title_text=L["unit"])
    height = int(np.clip(140 + 8 * h.shape[1], 320, 700))
    return style(fig, escape(L["hidden_title"]), height)


def gates_over_letters(
    letters: Sequence[str], gates: Mapping[str, np.ndarray], labels=None
) -> go.Figure:
    """gates {code: [T, H]} (probe order: LSTM i f g o, GRU r z n): one heatmap row per
    gate, units over letters, each with its own colour bar: 0..1 for sigmoid gates,
    -1..1 for the tanh candidates g and n."""
    L = merge_labels(CLASSIFY_LABELS, labels)
    codes = list(gates)
    ranges = gate_ranges(codes, relu=False)
    rows = max(1, len(codes))
    fig = make_subplots(
        rows=rows,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.35 / rows,
        subplot_titles=[escape(panel_title(c)) for c in codes] or None,
    )
    for i, code in enumerate(codes):
        a = f32(gates[code]).reshape(len(letters), -1)
        _check_letters(letters, len(a))
        lo, hi = ranges.get(code) or default_range(a)
        fig.add_trace(
            go.Heatmap(
                z=f32(a.T),
                x=np.arange(len(letters)),
                y=np.arange(a.shape[1]),
                zmin=lo,
                zmax=hi,
                colorscale=colorscale_for(lo, hi),
                customdata=_letter_grid(letters, a.shape[1]),
                colorbar=_bar_for(fig, i + 1, escape(code)),
                hovertemplate=f"{escape(panel_title(code))}<br>{L['letter']} %{{customdata}}<br>"
                f"{L['unit']} %{{y}}<br>{L['value']} %{{z:.3f}}<extra></extra>",
            ),
            row=i + 1,
            col=1,
        )
        fig.update_yaxes(title_text=L["unit"], row=i + 1, col=1)
    fig.update_xaxes(**char_ticks(letters))
    fig.update_xaxes(title_text=L["letter"], row=rows, col=1)
    return style(fig, L["gates_title"], 110 + 170 * rows, top=90)


def letter_influence_bar(letters: Sequence[str], influence, labels=None) -> go.Figure:
    """influence [T]: one bar per letter (name_trace.letter_influence)."""
    L = merge_labels(CLASSIFY_LABELS, labels)
    values = f32(influence).reshape(-1)
    _check_letters(letters, len(values))
    fig = go.Figure(
        go.Bar(
            x=np.arange(len(letters)),
            y=values,
            marker_color=FORWARD_COLOR,
            customdata=np.asarray(_shown(letters), dtype=object),
            hovertemplate=f"{L['letter']} %{{customdata}}<br>{L['influence']} %{{y:.3g}}"
            "<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=L["letter"], **char_ticks(letters))
    fig.update_yaxes(title_text=L["influence"], rangemode="tozero")
    return style(fig, L["influence_title"], 340)


def accuracy_bars(names: Sequence[str], accuracies, labels=None) -> go.Figure:
    """One horizontal bar per model, in the given order from the top, labelled with its
    accuracy in percent; the first (the trained model) stands out from the baselines.
    `names` are shown as given (the caller puts them into the reader's language)."""
    L = merge_labels(CLASSIFY_LABELS, labels)
    acc = np.asarray(accuracies, np.float64).reshape(-1)
    _check_letters(names, len(acc))
    shown = _names(names)[::-1]  # bottom-up: the first name ends on top
    colors = ([FORWARD_COLOR] + [OTHER_COLOR] * (len(acc) - 1))[::-1] if len(acc) else []
    fig = go.Figure(
        go.Bar(
            x=f32(acc[::-1]),
            y=shown,
            orientation="h",
            marker_color=colors,
            texttemplate="%{x:.1%}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}<br>{L['accuracy']} %{{x:.1%}}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=L["accuracy"], range=[0, 1.12], tickformat=".0%")
    fig.update_yaxes(type="category", automargin=True)
    return style(fig, L["accuracy_title"], max(240, 120 + 56 * len(acc)), right=60)
