"""Runs are checked against caps and a memory estimate before they start."""

import torch

from rnnviz.limits import check_run, machine_memory, training_memory
from rnnviz.models import ModelConfig, build_model


def test_estimate_is_at_least_what_the_parameters_take():
    cfg = ModelConfig(cell="lstm", input_size=3, hidden_size=64, num_layers=2, bidirectional=True)
    params = sum(p.numel() for p in build_model(cfg).parameters())
    assert training_memory(cfg, 64, 100) > 4 * 4 * params


def test_estimate_covers_a_measured_step():
    """The estimate must not be below what autograd really keeps (measured on the CPU)."""
    cfg = ModelConfig(cell="gru", input_size=1, hidden_size=128)
    model = build_model(cfg)
    x = torch.randn(64, 200, 1)
    saved = {}

    def pack(t):  # count each storage once: weights are saved by many ops
        saved[t.untyped_storage().data_ptr()] = t.untyped_storage().nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        model(x).sum()
    assert training_memory(cfg, 64, 200) > sum(saved.values())


def test_small_runs_pass_and_huge_ones_are_refused_with_advice():
    assert check_run(ModelConfig(hidden_size=32), 64, 30) is None
    huge = ModelConfig(cell="lstm", hidden_size=512, num_layers=4, bidirectional=True)
    msg = check_run(huge, 4096, 1000)
    assert msg and "memory" in msg and "batch size" in msg
    assert check_run(ModelConfig(hidden_size=1024), 8, 10).startswith("Hidden size")
    assert "window" in check_run(ModelConfig(hidden_size=8), 8, 5000)
    assert machine_memory() > 2**28
