"""The weights of the lowest validation loss a run has reached, to put back when it ends.

A long run (or "Train longer") on a small data set overfits: its final weights are worse
on validation than weights it held earlier. TrainJob offers each validation loss here and
restores the best copy at the end, so training longer never leaves a worse model.
"""

from __future__ import annotations

import math

import torch


class BestWeights:
    """The weights of the lowest validation loss so far, as a CPU copy: it leaves the
    device's memory alone and is taken only on an improvement, rare once a run settles."""

    def __init__(self) -> None:
        self.state: dict[str, torch.Tensor] | None = None
        self.step: int | None = None
        self.loss: float | None = None
        self.since = 0  # validations since the last improvement

    def offer(self, model, step: int, loss: float) -> bool:
        """Keep the model's weights when `loss` is the lowest so far; True if it was."""
        if not math.isfinite(loss) or (self.loss is not None and loss >= self.loss):
            self.since += 1
            return False
        with torch.no_grad():
            now = model.state_dict()
            if self.state is None:
                self.state = {k: v.detach().to("cpu", copy=True) for k, v in now.items()}
            else:  # the same tensors again: no new allocation per improvement
                for k, v in now.items():
                    self.state[k].copy_(v)
        self.step, self.loss, self.since = step, loss, 0
        return True

    def restore(self, model) -> None:
        model.load_state_dict(self.state)
