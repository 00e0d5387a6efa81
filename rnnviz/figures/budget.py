"""How much one figure may send to the browser, and how a builder thins itself to fit.

A figure travels whole over the WebSocket on every change, and the browser parses it
whole: a hidden-state heatmap of 512 units x 200 steps at each of 60 snapshots was 40 MB.
Builders estimate what their arrays cost encoded (base64 in a figure's data, JSON text in
its frames), keep as many frames as fit (every k-th, first and last always kept), and
when even MIN_FRAMES do not fit draw every k-th unit and time step. What was left out is
recorded on the figure (`note`, read back by `thinned`) so the page can say so.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

FIGURE_BUDGET = 4 * 2**20  # bytes of encoded arrays one figure may send
# A float32 in a figure's data: 4 bytes base64-encoded (5.3 characters), and plotly writes
# each "/" of base64 as "\u002f": measured 6.8 characters a value on hidden states.
B64_BYTES = 7.0
LIST_BYTES = 9.0  # a `packed` value in a frame: five digits, sign, point and comma as text
MIN_FRAMES = 20  # fewer than this and an animation stops reading as one: thin the grid
ROOM = 0.9 * FIGURE_BUDGET  # what the estimates may fill: the layout and their error take the rest
_META = "thinned"  # the key of layout.meta that records what was left out


def every(n: int, k: int) -> np.ndarray:
    """Every k-th index of range(n), the last one always kept (the first is index 0)."""
    if n <= 0:
        return np.zeros(0, dtype=int)
    return np.unique(np.concatenate([np.arange(0, n, max(1, int(k))), [n - 1]]))


def frames_that_fit(
    n: int,
    frame_bytes: float,
    fixed_bytes: float = 0.0,
    cap: int | None = None,
    budget: float = ROOM,
) -> int:
    """How many of `n` frames to keep: at most `cap`, as many as the budget leaves room
    for after the figure's own data (`fixed_bytes`), and never fewer than MIN_FRAMES (the
    caller thins the grid if those are still too much)."""
    n = max(int(n), 0)
    wanted = min(n, cap) if cap else n
    room = int((budget - fixed_bytes) // max(frame_bytes, 1.0))
    return max(min(wanted, room), min(wanted, MIN_FRAMES))


def grid_stride(values: float, allowed: float) -> int:
    """The smallest k for which a grid of `values` cells thinned to every k-th row and
    column (values / k^2 cells) has at most `allowed` cells."""
    if values <= allowed:
        return 1
    return max(1, math.ceil(math.sqrt(values / max(allowed, 1.0))))


def line_stride(values: float, allowed: float) -> int:
    """The smallest k for which every k-th of `values` items is at most `allowed`."""
    return max(1, math.ceil(values / max(allowed, 1.0)))


def note(fig: go.Figure, **parts: tuple[int, int]) -> go.Figure:
    """Record on the figure what it shows of what it was given: frames=(shown, total),
    units=..., steps=...; parts where nothing was left out are not recorded."""
    cut = {k: [int(a), int(b)] for k, (a, b) in parts.items() if a < b}
    if cut:
        meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
        meta[_META] = {**meta.get(_META, {}), **cut}
        fig.layout.meta = meta
    return fig


def thinned(fig) -> dict[str, list[int]]:
    """What `note` recorded ({"frames": [shown, total], ...}); {} for a whole figure.
    Reads a go.Figure or its JSON spec (a dict), as a test or the page has it."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.layout
    meta = layout.get("meta") if isinstance(layout, dict) else layout.meta
    return dict(meta.get(_META, {})) if isinstance(meta, dict) else {}
