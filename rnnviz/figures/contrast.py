"""Text drawn on coloured cells: black or white, whichever contrasts more with the cell's
colour (WCAG 2 relative luminance), so a letter stays readable on navy and on yellow."""

from __future__ import annotations

import numpy as np
from plotly.colors import get_colorscale, sample_colorscale, unlabel_rgb

# Below this relative luminance white text contrasts more than black: where
# 1.05 / (L + 0.05) equals (L + 0.05) / 0.05.
WHITE_BELOW = 0.05**0.5 * 1.05**0.5 - 0.05  # ~0.179


def luminance(rgb) -> float:
    """WCAG 2 relative luminance of an (r, g, b) colour with 0-255 channels."""
    c = np.asarray(rgb, np.float64) / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(lin @ np.array([0.2126, 0.7152, 0.0722]))


def text_color(rgb) -> str:
    return "white" if luminance(rgb) < WHITE_BELOW else "black"


def text_colors(values, lo: float, hi: float, colorscale) -> list[str]:
    """The text colour for each value's cell on `colorscale` (a name or a list) over
    [lo, hi]; values outside are clamped as plotly draws them, NaN gets black."""
    v = np.asarray(values, np.float64).ravel()
    where = np.clip(np.nan_to_num((v - lo) / (hi - lo), nan=0.5), 0.0, 1.0)
    scale = get_colorscale(colorscale) if isinstance(colorscale, str) else colorscale
    cells = sample_colorscale(scale, where.tolist())
    return [text_color(unlabel_rgb(c)) for c in cells]
