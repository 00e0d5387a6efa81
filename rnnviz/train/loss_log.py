"""A run's losses as the tutorials print them: `Epoch [10/100], Loss: 706.1980`.

The tutorials' training loops print one line every 10 epochs; the Train page shows the same
lines so a student can check the number without hovering a chart. The words stay English in
every language: they are the program's output, what the tutorial's `print` writes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EVERY = 10  # the tutorials print every 10th epoch


def loss_lines(
    train_steps: Sequence[int],
    train_loss: Sequence[float],
    epoch_ends: Sequence[int],
    epochs: int,
    val_steps: Sequence[int] = (),
    val_loss: Sequence[float] = (),
    every: int = EVERY,
) -> list[str]:
    """One line for every `every`-th finished epoch and for the last one.

    `epoch_ends[e - 1]` is the step epoch e ended at. An epoch's loss is the mean over its
    steps (one step an epoch, as in the tutorials: that step's `loss.item()`); its
    validation loss is the one measured at its last step, when there is one."""
    steps = np.asarray(train_steps, dtype=np.int64)
    losses = np.asarray(train_loss, dtype=np.float64)
    val = dict(zip(val_steps, val_loss, strict=False))
    total = max(int(epochs), len(epoch_ends))  # a resumed run goes past its plan
    lines = []
    for epoch, end in enumerate(epoch_ends, start=1):
        if epoch % every and epoch != len(epoch_ends):
            continue
        start = epoch_ends[epoch - 2] if epoch > 1 else 0
        lo, hi = np.searchsorted(steps, [start, end], side="right")
        if hi <= lo:  # none of its steps kept (a thinned curve)
            continue
        line = f"Epoch [{epoch}/{total}], Loss: {losses[lo:hi].mean():.4f}"
        if end in val:
            line += f", Val Loss: {val[end]:.4f}"
        lines.append(line)
    return lines


def epoch_ends(status, steps_per_epoch: int) -> list[int]:
    """The step each finished epoch ended at. A run loaded from a file knows how many
    epochs it trained but not where each ended: those are spread `steps_per_epoch` apart
    before the ones recorded since."""
    recorded = list(status.epoch_steps)
    missing = max(0, status.epoch - len(recorded))
    return [steps_per_epoch * e for e in range(1, missing + 1)] + recorded


def status_lines(status, epochs: int, steps_per_epoch: int, every: int = EVERY) -> list[str]:
    """`loss_lines` for a training job's Status."""
    return loss_lines(
        status.train_steps,
        status.train_loss,
        epoch_ends(status, steps_per_epoch),
        epochs,
        status.val_steps,
        status.val_loss,
        every,
    )
