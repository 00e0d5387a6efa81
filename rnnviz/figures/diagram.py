"""A schematic of the network unrolled over time, drawn from the model settings alone.

Time runs left to right (inputs x_t at the bottom, outputs at the top), layers stack
upwards. In a bidirectional layer the forward lane (arrows to the right) sits lower-left
and the backward lane (arrows to the left) upper-right, offset so that no arrow passes
behind a box; the layer above reads both lanes, shown by straight and crossing arrows.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from rnnviz.figures._anim import BACKWARD_COLOR, FORWARD_COLOR, font_size, merge_labels, style
from rnnviz.i18n import t

# Catalog keys (symbols such as "x" stay as they are), put into the current language when
# the figure is built (merge_labels).
DIAGRAM_LABELS = {
    "title": "fig.diagram.title",
    "input": "x",
    "output": "y",
    "forward": "fig.diagram.forward",
    "backward": "fig.diagram.backward",
}
CELL_NAMES = {"lstm": "LSTM", "gru": "GRU", "rnn": "RNN", "rnn_tanh": "RNN", "rnn_relu": "RNN"}
MAX_SHOWN = 5  # time steps drawn; longer sequences show 1..4, "…", T
ELLIPSIS = None
GREY = "#777"


def shown_steps(steps: int, max_shown: int = MAX_SHOWN) -> list[int | None]:
    """1-based time steps to draw, with None where a "…" column stands for the rest."""
    if steps <= max_shown:
        return list(range(1, steps + 1))
    return [*range(1, max_shown), ELLIPSIS, steps]


class _Canvas:
    """Collects boxes (shapes), labels and arrows (annotations) in data coordinates."""

    def __init__(self):
        self.shapes, self.notes = [], []

    def box(self, x, y, w, h, text, color, fill="white"):
        self.shapes.append(
            {
                "type": "rect",
                "x0": x - w / 2,
                "x1": x + w / 2,
                "y0": y - h / 2,
                "y1": y + h / 2,
                "line": {"color": color, "width": 2},
                "fillcolor": fill,
                "layer": "above",
            }
        )
        self.text(x, y, text)

    def text(self, x, y, text, size=14):
        self.notes.append(
            {
                "x": x,
                "y": y,
                "text": text,
                "showarrow": False,
                "font": {"size": font_size(size)},
                "xref": "x",
                "yref": "y",
            }
        )

    def arrow(self, tail, head, color, width=2.0, opacity=1.0):
        self.notes.append(
            {
                "x": head[0],
                "y": head[1],
                "ax": tail[0],
                "ay": tail[1],
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "text": "",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.1,
                "arrowwidth": width,
                "arrowcolor": color,
                "opacity": opacity,
            }
        )


def _layout(num_layers: int, bidirectional: bool) -> dict:
    """Geometry in data units: one column per time step, lanes and layers stacked up."""
    gap = 1.4 if bidirectional else 1.0  # between layers
    lane = 0.5 if bidirectional else 0.0  # backward lane above the forward one
    dx = 0.2 if bidirectional else 0.0  # lanes offset sideways so arrows clear the boxes
    w, h = (0.36, 0.38) if bidirectional else (0.5, 0.42)
    ys = [1.0 + k * gap for k in range(num_layers)]
    return {
        "ys": ys,
        "lane": lane,
        "dx": dx,
        "w": w,
        "h": h,
        "top": ys[-1] + lane + 1.0,
        "in_w": 0.8 if bidirectional else 0.5,
    }


def _lanes(g: dict, bidirectional: bool) -> list[tuple[float, float, str]]:
    """(x offset, y offset, colour) of each lane within a layer."""
    lanes = [(-g["dx"], 0.0, FORWARD_COLOR)]
    if bidirectional:
        lanes.append((g["dx"], g["lane"], BACKWARD_COLOR))
    return lanes


def _column(
    cv: _Canvas, c: float, t: int, cell: str, g: dict, lanes, L, output: bool = True
) -> None:
    """Input, boxes, upward arrows and (if `output`) the output of one time step t at x = c."""
    half, ih = g["h"] / 2, 0.36
    cv.box(c, 0.0, g["in_w"], ih, f"{L['input']}<sub>{t}</sub>", GREY, "#f2f2f2")
    if output:
        cv.box(c, g["top"], g["in_w"], ih, f"{L['output']}<sub>{t}</sub>", GREY, "#f2f2f2")
    for layer, y in enumerate(g["ys"]):
        for ox, oy, color in lanes:
            label = f"{cell}<br>h<sub>{t}</sub><sup>({layer + 1})</sup>"
            cv.box(c + ox, y + oy, g["w"], g["h"], label, color, "#ffffff")
    below = [(c + ox, ih / 2) for ox, _, _ in lanes]  # where each lane's input comes from
    for layer, y in enumerate(g["ys"]):
        for k, (ox, oy, _) in enumerate(lanes):
            head = (c + ox, y + oy - half)
            cv.arrow(below[k], head, GREY if layer == 0 else lanes[k][2])
            if layer and len(lanes) == 2:  # the layer above also reads the other lane
                other = below[1 - k]
                cv.arrow(other, head, lanes[1 - k][2], width=1.5, opacity=0.55)
        below = [(c + ox, y + oy + half) for ox, oy, _ in lanes]
    if not output:
        return
    for k, (ox, _, color) in enumerate(lanes):
        cv.arrow(below[k], (c + ox, g["top"] - ih / 2), color)


def _recurrent_arrows(cv: _Canvas, cols: list, g: dict, lanes) -> None:
    """Arrows along each lane between neighbouring columns, towards the "…" if present."""
    half_w = g["w"] / 2
    for c in range(len(cols) - 1):
        for y in g["ys"]:
            for k, (ox, oy, color) in enumerate(lanes):
                left = c + ox + (0.22 if cols[c] is ELLIPSIS else half_w)
                right = c + 1 + ox - (0.22 if cols[c + 1] is ELLIPSIS else half_w)
                tail, head = ((left, y + oy), (right, y + oy))
                cv.arrow(*((tail, head) if k == 0 else (head, tail)), color, width=2.5)


def unrolled_figure(
    num_layers: int,
    bidirectional: bool,
    steps: int = 5,
    cell: str = "lstm",
    labels: Mapping[str, str] | None = None,
    height: int | None = None,
    max_shown: int = MAX_SHOWN,
    mode: str = "many_to_many",
) -> go.Figure:
    """Boxes labelled with the cell type and h_t^(layer), recurrent arrows along each lane,
    upward arrows from x_t through the layers to the output; at most `max_shown` steps.
    `mode` is ModelConfig.mode: "many_to_one" reads one output, from the last step only."""
    if num_layers < 1 or steps < 1:
        raise ValueError(t("fig.diagram.err_size"))
    L = merge_labels(DIAGRAM_LABELS, labels)
    name = CELL_NAMES.get(cell.lower(), cell.upper())
    cols, g = shown_steps(steps, max_shown), _layout(num_layers, bidirectional)
    lanes, cv = _lanes(g, bidirectional), _Canvas()
    for c, step in enumerate(cols):
        if step is ELLIPSIS:
            outputs = [g["top"]] if mode != "many_to_one" else []
            for y in [0.0, *outputs, *[y + oy for y in g["ys"] for _, oy, _ in lanes]]:
                cv.text(c, y, "…", size=22)
        else:
            _column(
                cv, c, step, name, g, lanes, L, output=mode != "many_to_one" or step == cols[-1]
            )
    _recurrent_arrows(cv, cols, g, lanes)
    # Legend entries only: the lanes are drawn with shapes and annotations.
    fig = go.Figure(
        [
            go.Scatter(
                x=[None], y=[None], mode="lines", name=L[key], line={"color": color, "width": 3}
            )
            for key, color in (("forward", FORWARD_COLOR), ("backward", BACKWARD_COLOR))
            if key == "forward" or bidirectional
        ]
    )
    fig.update_layout(
        shapes=cv.shapes,
        annotations=cv.notes,
        dragmode=False,
        showlegend=bidirectional,
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    fig.update_xaxes(visible=False, range=[-0.6, len(cols) - 0.4], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-0.4, g["top"] + 0.4], fixedrange=True)
    return style(fig, L["title"], height or int(110 + 95 * (g["top"] + 0.8)), bottom=20)
