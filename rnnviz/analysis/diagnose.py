"""Why a naive baseline beats the model, and the preparation that would fix it.

The causes a learner meets most: the test part lies past anything training saw (a model
of the level cannot predict values it never saw, so it should predict the change), too
few training windows (the best-validation weights and more steps matter most there), and
a season the window never covers (it cannot copy last year if it sees ten months), and a
learning rate too small for the weights to move at all (more steps will not help there).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rnnviz.data.prep import SeriesConfig, SeriesData

OUTSIDE = 0.2  # share of a split's targets past the training range that calls for a change
FEW_WINDOWS = 100  # training windows below which a net overfits within a few epochs
# Adam moves a weight by about its learning rate a step (lr × m/√v, about ±lr), so a run
# moves it by lr × steps at most. Weights start near ±1/√hidden_size (0.1 to 1): a reach
# below this leaves them where they started, and more steps at that rate will not help.
FROZEN_REACH = 1e-4


@dataclass(frozen=True)
class Cause:
    code: str  # "range" | "few_windows" | "season"
    values: dict  # for its message: share, windows, season, window
    fix: SeriesConfig | None  # the preparation that fixes it (None: a training change)


def frozen_reach(optimizer: str, lr: float, steps: int) -> float | None:
    """How far, at most, a run moved any weight when its learning rate was too small for
    the weights to move (FROZEN_REACH); None when they could move. Adam's reach only: an
    SGD step scales with the gradient, which the settings do not tell."""
    reach = lr * steps
    return reach if optimizer == "adam" and reach < FROZEN_REACH else None


def outside_share(data: SeriesData, split: str = "test") -> float:
    """Share of a split's targets below or above every training value."""
    rows = data.windows.target_rows(split)
    if not len(rows):
        return 0.0
    train = data.raw_target[: data.boundaries[0]]
    actual = data.raw_target[rows]
    return float(np.mean((actual < np.min(train)) | (actual > np.max(train))))


def causes(data: SeriesData, winner: str, season: int | None) -> list[Cause]:
    """What explains a baseline (`winner`: "last_value" or "seasonal") beating the model,
    the likeliest first; empty when nothing here explains it."""
    cfg, found = data.cfg, []
    share = outside_share(data)
    if share >= OUTSIDE and cfg.target_transform in ("level", "seasonal_diff"):
        found.append(
            Cause("range", {"share": f"{share:.0%}"}, replace(cfg, target_transform="diff"))
        )
    if winner == "seasonal" and season and cfg.window < season + 1:
        found.append(
            Cause(
                "season",
                {"season": season, "window": cfg.window},
                replace(cfg, window=season + 1, season=season),
            )
        )
    windows = data.windows.count("train")
    if windows < FEW_WINDOWS:
        found.append(Cause("few_windows", {"windows": windows}, None))
    return found
