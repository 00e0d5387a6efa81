"""What the network predicts: the target's level or a change of it, and the way back.

Every transform is undone with values the window has already seen, so predictions,
metrics and forecasts are always in the target's own units. A change is taken over
`lag` rows: the horizon for "diff" and "log_diff" (the change from the newest value the
window shows), the season for "seasonal_diff" (the change from one season back).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from rnnviz.i18n import t
from rnnviz.safe_text import md

TRANSFORMS = ("level", "diff", "seasonal_diff", "log_diff")


def lag(cfg) -> int:
    """Rows between a value and the one its change is taken from (0: the level itself)."""
    kind = getattr(cfg, "target_transform", "level")
    if kind == "level":
        return 0
    return int(cfg.season) if kind == "seasonal_diff" else int(cfg.horizon)


def resolve(cfg, levels: np.ndarray):
    """The transform these outputs [N, K] allow, with a note for each fallback.

    The log of a value at or below zero does not exist, and a change from one season back
    needs a season at least as long as the horizon and rows to spare: both fall back to
    the plain change, which any series has."""
    kind, notes = cfg.target_transform, []
    if kind == "log_diff" and not (np.nanmin(levels) > 0):
        notes.append(t("transform.log_fallback", value=float(np.nanmin(levels))))
        kind = "diff"
    if kind == "seasonal_diff":
        season = cfg.season or 0
        if season < max(2, cfg.horizon) or season * 3 > len(levels):
            notes.append(t("transform.season_fallback", season=season or 0))
            kind = "diff"
    return (cfg if kind == cfg.target_transform else replace(cfg, target_transform=kind)), notes


def forward(levels: np.ndarray, cfg) -> tuple[np.ndarray, np.ndarray | None]:
    """Outputs [N, K] in their units -> (z [N - lag, K] what the network predicts, base
    [N - lag, K] the value each change is taken from; None for the level)."""
    k = lag(cfg)
    if k == 0:
        return levels, None
    base, now = levels[:-k], levels[k:]
    if cfg.target_transform == "log_diff":
        return np.log(now) - np.log(base), base
    return now - base, base


def inverse(z: np.ndarray, base: np.ndarray | None, kind: str) -> np.ndarray:
    """Predicted changes back to levels in the target's units."""
    z = np.asarray(z, np.float64)
    if base is None or kind == "level":
        return z
    if kind == "log_diff":
        with np.errstate(over="ignore"):  # a wild prediction is inf, shown as it is
            return np.asarray(base, np.float64) * np.exp(z)
    return np.asarray(base, np.float64) + z


def typed_window(x: np.ndarray, cfg) -> tuple[np.ndarray, np.ndarray | None]:
    """A window x [T, F] typed in the table's units -> (what the network reads
    [T - lag, F], the base [T - lag] of the target's change predicted after each step).

    ValueError (with the message to show) when the window cannot give a level back: the
    target is not among the inputs, the window is no longer than the lag, or a log change
    meets a value at or below zero."""
    k = lag(cfg)
    if k == 0:
        return x, None
    if cfg.target not in cfg.inputs:
        raise ValueError(t("transform.typed_unread", target=md(cfg.target)))
    if len(x) <= k:
        raise ValueError(t("transform.typed_short", lag=k, steps=len(x)))
    cols = [i for i, c in enumerate(cfg.inputs) if c in cfg.outputs]
    if cfg.target_transform == "log_diff" and not (x[:, cols] > 0).all():
        raise ValueError(t("transform.typed_log"))
    out = x[k:].copy()
    out[:, cols] = forward(x[:, cols], cfg)[0]
    # The change predicted after step s lands `horizon` rows on, taken from `lag` before.
    rows = np.arange(k, len(x)) + cfg.horizon - k
    return out, x[rows, cfg.inputs.index(cfg.target)]
