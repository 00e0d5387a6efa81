"""The training loop's batches: the GPU's way of gathering them (one upload, then torch
indexing, a whole epoch at once when it fits) gives exactly the samples and order of the
NumPy way the CPU uses. Run on the CPU by asking for the device gathering explicitly."""

import numpy as np
import pytest
import torch

from rnnviz.data.windows import WindowSet
from rnnviz.train import batches
from rnnviz.train.batches import Batches

CPU = torch.device("cpu")


def _cases():
    rng = np.random.default_rng(0)
    series = (rng.normal(size=(300, 3)).astype(np.float32), rng.normal(size=300).astype(np.float32))
    several = (series[0], rng.normal(size=(300, 2)).astype(np.float32))  # two targets
    tokens = (rng.integers(0, 9, 300), rng.integers(0, 9, 300))
    return [series, several, tokens]


@pytest.mark.parametrize("case", range(3))
@pytest.mark.parametrize("many_to_many", [False, True])
@pytest.mark.parametrize("epoch_bytes", [0, 1 << 30])  # per step / whole epoch at once
def test_device_gathering_gives_the_numpy_batches(monkeypatch, case, many_to_many, epoch_bytes):
    inputs, targets = _cases()[case]
    w = WindowSet(inputs, targets, 7, horizon=2, many_to_many=many_to_many, boundaries=(250, 280))
    monkeypatch.setattr(batches, "EPOCH_BYTES", epoch_bytes)
    on_device, numpy = Batches(w, CPU, gather_on="device"), Batches(w, CPU, gather_on="numpy")
    assert on_device.on_device and not numpy.on_device
    steps = -(-w.count("train") // 64)
    for epoch in range(2):
        for pos in range(steps):
            x, y = on_device.get(5, epoch, pos, 64)
            x2, y2 = numpy.get(5, epoch, pos, 64)
            assert torch.equal(x, x2) and torch.equal(y, y2)
        assert (on_device._epoch is not None) == (epoch_bytes > 0)


def test_an_epoch_too_large_to_gather_at_once_is_gathered_per_step(monkeypatch):
    inputs, targets = _cases()[0]
    w = WindowSet(inputs, targets, 7, boundaries=(250, 280))
    b = Batches(w, CPU, gather_on="device")
    monkeypatch.setattr(batches, "EPOCH_BYTES", b._epoch_bytes() - 1)
    b.get(0, 0, 0, 64)
    assert b._epoch is None
    monkeypatch.setattr(batches, "EPOCH_BYTES", b._epoch_bytes())
    b.get(0, 1, 0, 64)
    assert b._epoch is not None
