"""Weights to go back to when training diverges, kept without a copy at every step.

Losses are read back every few steps (a read waits for the GPU), so the loop learns that a
loss was NaN only later. Two copies are enough to go back to weights that *gave* a finite
loss: the candidate, taken at the last read, is confirmed once the first loss computed
from it comes back finite; until then the previous confirmed copy is the fallback.
"""

from __future__ import annotations

import torch

Position = tuple[int, int, int]  # (step, epoch, batch position in the epoch)


def _copy(params) -> list[torch.Tensor]:
    return [p.detach().clone() for p in params]


class Rollback:
    def __init__(self, params, at: Position):
        params = list(params)  # read twice below: a generator (model.parameters()) once only
        self.good, self.good_at = _copy(params), at  # gave a finite loss (or the start)
        self.candidate, self.candidate_at = _copy(params), at  # not yet confirmed

    def advance(self, params, at: Position) -> None:
        """Every loss since the last read was finite: the candidate is confirmed, and
        the weights now become the new candidate (the old good copy's memory is reused)."""
        self.good, self.candidate = self.candidate, self.good
        self.good_at = self.candidate_at
        with torch.no_grad():  # one fused copy: a loop launched a kernel per tensor
            torch._foreach_copy_(self.candidate, list(params))
        self.candidate_at = at

    def relabel(self, at: Position) -> None:
        """The candidate's weights, at a new position (an epoch ended without a step)."""
        self.candidate_at = at

    def restore(self, params, first_bad: int) -> Position:
        """Put back the newest weights known to give a finite loss; returns their position.

        first_bad counts steps since the candidate was taken: 0 means the candidate itself
        gave the non-finite loss, so the confirmed copy is used.
        """
        source, at = (
            (self.good, self.good_at) if first_bad == 0 else (self.candidate, self.candidate_at)
        )
        with torch.no_grad():
            for p, saved in zip(params, source, strict=True):
                p.copy_(saved)
            for mine, saved in zip(self.candidate, source, strict=True):
                mine.copy_(saved)
        self.candidate_at = at
        return at
