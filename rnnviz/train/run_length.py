"""How long a default training run is, from the data, and whether a run fits the server's limit.

A fixed 20 epochs is 20-40 optimisation steps on a small monthly file: the model
underfits and loses to "last value". The default here is at least MIN_STEPS steps, and on
a big table no longer than about MAX_SECONDS at the measured (or estimated) speed.
Nothing here imports streamlit.
"""

from __future__ import annotations

import math

from rnnviz.session import schema
from rnnviz.train.job import TrainConfig

MIN_STEPS = 500
MAX_SECONDS = 120.0
# One step before any is measured: a fixed cost plus a cost per time step and unit,
# measured on 2 shared CPU cores with batches of 64 (LSTM of 32 units: 3.6 ms at a window
# of 3, 6.2 ms at 30; the GUIDE's 64 units over 100 steps: 14-21 ms).
STEP_BASE_S = 0.003
STEP_PER_T_UNIT_S = 0.0001 / 32
SECONDS_PER_STEP = 0.02  # when nothing is known of the model: errs on the long side


def guess_seconds_per_step(window: int, hidden_size: int = 32, num_layers: int = 1) -> float:
    """A CPU step's seconds before a job has measured its own (Status.samples_per_s)."""
    return STEP_BASE_S + STEP_PER_T_UNIT_S * window * hidden_size * max(1, num_layers)


def steps_per_epoch(train_pairs: int, batch_size: int) -> int:
    """As the training loop counts them: the last, smaller batch is a step too."""
    return max(1, math.ceil(train_pairs / max(1, batch_size)))


def default_epochs(train_pairs: int, batch_size: int, seconds_per_step: float | None = None) -> int:
    """Epochs giving at least MIN_STEPS steps; the schema's default epochs where those are
    more and fit in MAX_SECONDS; fewer than MIN_STEPS only when those would take longer
    than MAX_SECONDS. Within the schema's bounds for epochs."""
    bounds = schema.get(TrainConfig, "epochs")
    per_epoch = steps_per_epoch(train_pairs, batch_size)
    step_s = seconds_per_step if seconds_per_step and seconds_per_step > 0 else SECONDS_PER_STEP
    in_time = int(MAX_SECONDS // (per_epoch * step_s))  # whole epochs that fit the time
    enough = math.ceil(MIN_STEPS / per_epoch)
    epochs = max(enough, min(bounds.default, in_time))
    if enough > in_time:  # a big table: the time caps it, one epoch at least
        epochs = max(1, in_time)
    return int(min(max(epochs, bounds.lo), bounds.hi))


def estimate(
    train_pairs: int, batch_size: int, epochs: int, seconds_per_step: float | None = None
) -> tuple[int, float]:
    """(optimisation steps, seconds) of a run: for the "≈ N steps, ≈ S seconds" line."""
    step_s = seconds_per_step if seconds_per_step and seconds_per_step > 0 else SECONDS_PER_STEP
    steps = steps_per_epoch(train_pairs, batch_size) * max(0, int(epochs))
    return steps, steps * step_s


def steps_by_limit(steps: int, seconds: float, limit_minutes: float | None) -> int | None:
    """The step a run of `steps` steps taking `seconds` reaches when the server's wall-clock
    limit stops it (rnnviz.train.worker.run_limit_minutes); None when it ends in time (or no
    limit)."""
    if limit_minutes is None or seconds <= 60.0 * limit_minutes or steps <= 0:
        return None
    return int(steps * 60.0 * limit_minutes / seconds)


def duration(seconds: float) -> tuple[str, float]:
    """(unit, amount) to say a duration in: seconds, minutes, hours or days."""
    for unit, size, below in (
        ("seconds", 1, 120),
        ("minutes", 60, 120 * 60),
        ("hours", 3600, 48 * 3600),
    ):
        if seconds < below:
            return unit, seconds / size
    return "days", seconds / 86400
