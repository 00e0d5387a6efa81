"""Text coloured by a unit's activation, one cell per character (Karpathy-style).

Characters come from user text, so every one is HTML-escaped before plotly sees it
(plotly renders tags such as <b> and <a> and entities in any text it draws).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures._anim import check_range, colorscale_for, escape, f32, merge_labels, style
from rnnviz.figures.contrast import text_colors
from rnnviz.figures.inside import wide
from rnnviz.i18n import t

# Default labels as catalog keys: merge_labels reads them in the current language.
CHAR_LABELS = {k: f"fig.text.{k}" for k in ("title", "char", "position", "value")}
# Shown in place of characters that would draw nothing (a newline still ends the row).
VISIBLE = {"\n": "↵", "\t": "⇥", "\r": "␍"}


def _letters(cells, activation, shown, zrange: tuple[float, float], scale) -> go.Scatter:
    """The characters over their cells, each black or white by its cell's colour (a
    heatmap's own text has one colour for every cell: black was unreadable on navy)."""
    rows = [row for row, _, _ in cells]
    cols = [col for _, col, _ in cells]
    colors = text_colors(activation[[pos for _, _, pos in cells]], *zrange, scale)
    return go.Scatter(
        x=cols,
        y=rows,
        mode="text",
        text=[shown[r, c] for r, c in zip(rows, cols, strict=True)],
        textfont={"size": 15, "color": colors},
        hoverinfo="skip",
        showlegend=False,
    )


def char_grid(text: str, width: int, max_rows: int) -> list[tuple[int, int, int]]:
    """(row, column, position in text) of each character laid out in rows of `width`
    characters; a newline takes a cell and then starts a new row. Stops after max_rows."""
    if width < 1:
        raise ValueError(t("fig.text.err_width"))
    cells, row, col = [], 0, 0
    for pos, ch in enumerate(text):
        if col == width:
            row, col = row + 1, 0
        if row >= max_rows:
            break
        cells.append((row, col, pos))
        col += 1
        if ch == "\n":
            row, col = row + 1, 0
    return cells


def char_activation_figure(
    text: str,
    activation: np.ndarray,
    width: int = 60,
    labels: Mapping[str, str] | None = None,
    zrange=None,
    height: int | None = None,
    max_rows: int = 40,
) -> go.Figure:
    """Characters in a grid, each cell coloured by activation[i] on a fixed diverging
    scale (default [-1, 1], tanh) with the character drawn on it; hover shows the
    character, its position in the text and the value. At most `max_rows` rows of `width`
    characters (half as many when the text has wide ones, so they never overlap)."""
    L = merge_labels(CHAR_LABELS, labels)
    activation = f32(activation).ravel()
    if activation.shape[0] != len(text):
        raise ValueError(t("fig.text.err_count", n=activation.shape[0], chars=len(text)))
    lo, hi = check_range((-1.0, 1.0) if zrange is None else zrange)
    if any(wide(c) for c in text):  # a CJK character is two Latin ones wide: half a row
        width = max(1, width // 2)
    cells = char_grid(text, width, max_rows)
    rows = cells[-1][0] + 1 if cells else 1
    z = np.full((rows, width), np.nan, dtype=np.float32)
    shown = np.full((rows, width), "", dtype=object)
    where = np.full((rows, width), -1, dtype=np.int32)
    for row, col, pos in cells:
        z[row, col] = activation[pos]
        shown[row, col] = escape(VISIBLE.get(text[pos], text[pos]))
        where[row, col] = pos
    hover = (
        f"{L['char']} %{{text}}<br>{L['position']} %{{customdata}}<br>"
        f"{L['value']} %{{z:.3f}}<extra></extra>"
    )
    scale = colorscale_for(lo, hi)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=shown.tolist(),
            customdata=where,
            zmin=lo,
            zmax=hi,
            colorscale=scale,
            hovertemplate=hover,
            hoverongaps=False,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": L["value"], "side": "right"}, "thickness": 14},
        )
    )
    fig.add_trace(_letters(cells, activation, shown, (lo, hi), scale))
    fig.update_xaxes(visible=False, range=[-0.5, width - 0.5])
    fig.update_yaxes(visible=False, autorange="reversed")
    return style(fig, L["title"], height or max(220, 110 + 30 * rows), bottom=20)
