"""The training loop's batches: the same samples in the same order on every device.

On the CPU a batch is gathered from NumPy views (no copy of the series). On a GPU the
series is uploaded once and each batch is gathered there: a NumPy gather plus an upload
per step kept the GPU waiting (measured on an H200: part of a 6-13% loss against a
plain loop). The order comes from the same NumPy generator either way, so a run is the
same run on both devices.
"""

from __future__ import annotations

import numpy as np
import torch

from rnnviz.data.windows import WindowSet

DEVICE_BYTES = 512 * 2**20  # a series up to this size is copied to the GPU once
# An epoch's batches up to this size are gathered at its start in one go: a step then takes
# a slice (no kernel) instead of launching five small indexing kernels of its own.
EPOCH_BYTES = 256 * 2**20


def order(seed: int, epoch: int, n: int) -> np.ndarray:
    """The shuffled sample positions of one epoch (a pure function: stop/resume safe)."""
    return np.random.default_rng((seed, epoch)).permutation(n)


def gather(
    inputs: torch.Tensor,
    targets: torch.Tensor,
    starts: torch.Tensor,
    window: int,
    horizon: int,
    many_to_many: bool,
    offsets: torch.Tensor | None = None,
):
    """WindowSet.get with torch indexing: x (B, T, F) or (B, T) ids; y (B, K), (B, T) or
    (B, T, K)."""
    if offsets is None:
        offsets = torch.arange(window, device=starts.device)
    steps = starts[:, None] + offsets  # (B, T)
    x = inputs[steps]
    if many_to_many:
        return x, targets[steps + horizon]  # (B, T) or (B, T, K), as WindowSet gives
    return x, targets[starts + window - 1 + horizon].reshape(len(starts), -1)


class Batches:
    """Batches of the training split for one job, on the job's device."""

    def __init__(self, windows: WindowSet, device: torch.device, gather_on: str | None = None):
        """gather_on: "device" or "numpy"; None decides (the device on a GPU, when the
        series fits). Tests pass "device" to run the GPU's gathering on the CPU."""
        self.windows, self.device = windows, device
        self.n = windows.count("train")
        self._key: tuple[int, int] | None = None  # (seed, epoch) of the order below
        # The epoch's sample order: a tensor on the device when gathering there, else NumPy.
        self._order: torch.Tensor | np.ndarray | None = None
        # Task arrays (tasks.ArrayTask) have the same reading interface but no series.
        fits = (
            isinstance(windows, WindowSet)
            and windows.inputs.nbytes + windows.targets.nbytes <= DEVICE_BYTES
        )
        self.on_device = fits and (gather_on == "device" if gather_on else device.type == "cuda")
        if self.on_device:
            self._inputs = torch.from_numpy(np.ascontiguousarray(windows.inputs)).to(device)
            self._targets = torch.from_numpy(np.ascontiguousarray(windows.targets)).to(device)
            self._starts = torch.from_numpy(windows.splits["train"]).to(device)
            self._offsets = torch.arange(windows.window, device=device)
        # (x, y) of the whole epoch in its order, when small enough
        self._epoch: tuple[torch.Tensor, torch.Tensor] | None = None

    def _gather(self, index: torch.Tensor):
        w = self.windows
        return gather(
            self._inputs,
            self._targets,
            self._starts[index],
            w.window,
            w.horizon,
            w.many_to_many,
            self._offsets,
        )

    def _epoch_bytes(self) -> int:
        """Bytes of one epoch's gathered inputs and targets (every sample's whole window)."""
        w = self.windows
        per_row = (
            self._inputs[0].numel() * self._inputs.element_size()
            + self._targets[0].numel() * self._targets.element_size()
        )
        return self.n * w.window * per_row

    def get(self, seed: int, epoch: int, pos: int, batch_size: int):
        """Batch number `pos` of `epoch`: (x, y) tensors on the device."""
        if (seed, epoch) != self._key:  # one order (and one upload of it) per epoch
            perm = order(seed, epoch, self.n)
            self._order = torch.from_numpy(perm).to(self.device) if self.on_device else perm
            self._key, self._epoch = (seed, epoch), None
            if self.on_device and self._epoch_bytes() <= EPOCH_BYTES:
                assert isinstance(self._order, torch.Tensor)  # uploaded just above
                self._epoch = self._gather(self._order)
        part = slice(pos * batch_size, (pos + 1) * batch_size)
        if self._epoch is not None:
            return self._epoch[0][part], self._epoch[1][part]
        assert self._order is not None  # the first call's key never matches: it is set above
        index = self._order[part]
        if self.on_device:
            assert isinstance(index, torch.Tensor)  # the device's order is a tensor
            return self._gather(index)
        assert isinstance(index, np.ndarray)  # gathered in NumPy: the order is an array
        x, y = self.windows.batch("train", index)
        return (
            torch.from_numpy(x).to(self.device, non_blocking=True),
            torch.from_numpy(y).to(self.device, non_blocking=True),
        )
