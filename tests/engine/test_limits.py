"""Runs are checked against caps and a memory estimate before they start."""

import time

import pytest
import torch

from rnnviz.experiments.race import race_requests, standard_entrants
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.server import limits
from rnnviz.server.limits import RunRequest, admit, machine_memory, training_memory


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
    assert admit([RunRequest(ModelConfig(hidden_size=32), 64, 30)]) is None
    huge = ModelConfig(cell="lstm", hidden_size=512, num_layers=4, bidirectional=True)
    msg = admit([RunRequest(huge, 4096, 1000)])
    assert msg and "memory" in msg and "batch size" in msg
    assert admit([RunRequest(ModelConfig(hidden_size=1024), 8, 10)]).startswith("Hidden size")
    assert "window" in admit([RunRequest(ModelConfig(hidden_size=8), 8, 5000)])
    assert machine_memory() > 2**28


# ---- admit: the one gate every training path passes ----------------------------------
def _share_of(monkeypatch, limit_bytes: float) -> None:
    """As if the machine were sized so that MEMORY_SHARE of it is `limit_bytes`."""
    monkeypatch.setattr(limits, "machine_memory", lambda: int(limit_bytes / limits.MEMORY_SHARE))


@pytest.mark.parametrize(
    "cfg, seq_len, start",
    [
        (ModelConfig(hidden_size=700), 10, "Hidden size 700 is above the cap of 512"),
        (ModelConfig(num_layers=5), 10, "5 layers is above the cap of 4"),
        (ModelConfig(), 1001, "Sequences of 1001 steps"),
        (ModelConfig(input_size=5000), 10, "The model reads or predicts 5000 values"),
        (ModelConfig(output_size=5000), 10, "The model predicts 5000 values"),
        (ModelConfig(mode="char_lm", vocab_size=10**6), 10, "The text has 1000000 different"),
    ],
)
def test_one_model_over_a_cap_is_refused(cfg, seq_len, start):
    assert admit([RunRequest(cfg, 8, seq_len)]).startswith(start)
    assert admit(RunRequest(cfg, 8, seq_len)).startswith(start)  # a single request too
    assert admit([RunRequest(ModelConfig(), 8, 10)]) is None


def test_caps_are_checked_before_the_estimate(monkeypatch):
    """A file may claim 10,000 layers: the estimate would walk every one of them."""

    def boom(*args):
        raise AssertionError("estimated a capped model")

    monkeypatch.setattr(limits, "training_memory", boom)
    started = time.perf_counter()
    assert "layers" in admit([RunRequest(ModelConfig(num_layers=10_000), 64, 100)])
    assert time.perf_counter() - started < 0.5


def test_a_race_names_the_entrant_over_a_cap():
    base = ModelConfig(hidden_size=300)
    asked = race_requests(standard_entrants(base, deep=True), 8, 10)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(limits, "MAX_LAYERS", 1)
        msg = admit(asked)
    assert msg == "RNN 2 layers: 2 layers is above the cap of 1."


def test_a_race_is_refused_on_the_sum_while_each_model_alone_fits(monkeypatch):
    asked = race_requests(standard_entrants(ModelConfig(hidden_size=64), True, True), 64, 200)
    assert len(asked) == 9
    biggest, total = max(r.memory for r in asked), sum(r.memory for r in asked)
    _share_of(monkeypatch, 1.5 * biggest)
    assert total > 1.5 * biggest
    assert all(admit([r]) is None for r in asked)  # each alone fits
    msg = admit(asked)
    assert msg.startswith("These 9 models train at once")
    assert f"{total / 2**30:.1f} GiB" in msg and "Race fewer models" in msg


def test_running_jobs_count_against_the_share(monkeypatch):
    job = RunRequest(ModelConfig(cell="gru", hidden_size=128), 64, 100)
    other = RunRequest(ModelConfig(cell="lstm", hidden_size=128), 64, 100)
    _share_of(monkeypatch, 1.5 * max(job.memory, other.memory))
    assert admit([job]) is None and admit([other]) is None
    msg = admit([job], running=[other])
    assert "still running" in msg and f"{other.memory / 2**30:.1f} GiB" in msg
    _share_of(monkeypatch, 1.01 * (job.memory + other.memory))
    assert admit([job], running=[other]) is None  # exactly what is summed, no more


def test_the_memory_estimate_of_a_request_is_the_training_estimate():
    req = RunRequest(ModelConfig(hidden_size=48, num_layers=2), 32, 70)
    assert req.memory == training_memory(req.cfg, 32, 70)
