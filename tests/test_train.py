"""The training job: learns, is deterministic, stops and resumes losslessly, survives NaN."""

import threading
from dataclasses import replace

import numpy as np
import pytest
import torch

from rnnviz.models import ModelConfig, build_model
from rnnviz.train import TrainConfig, TrainJob
from rnnviz.windows import WindowSet


def sine_windows(n=600, window=20, seed=0):
    rng = np.random.default_rng(seed)
    s = (np.sin(np.arange(n) / 6) + rng.normal(0, 0.05, n)).astype(np.float32)
    return WindowSet(s[:, None], s, window, boundaries=(int(n * 0.8), int(n * 0.9)))


def job_for(cell="lstm", seed=0, **kw):
    model = build_model(ModelConfig(cell=cell, input_size=1, hidden_size=16), seed=seed)
    cfg = TrainConfig(batch_size=32, seed=seed, lr=0.01, **kw)
    return TrainJob(model, sine_windows(), cfg)


@pytest.mark.parametrize("cell", ["rnn_tanh", "rnn_relu", "lstm", "gru"])
def test_loss_goes_down_on_a_noisy_sine(cell):
    job = job_for(cell, epochs=4)
    status = job.run()
    assert status.state == "done", status.message
    first, last = np.mean(status.train_loss[:5]), np.mean(status.train_loss[-5:])
    assert last < first * 0.5
    assert status.val_loss and status.val_loss[-1] < 0.1


def test_same_seed_same_curve():
    a, b = job_for(epochs=1).run(), job_for(epochs=1).run()
    assert a.train_loss == b.train_loss
    c = job_for(seed=1, epochs=1).run()
    assert c.train_loss != a.train_loss


def _params(job):
    return [p.detach().clone() for p in job.model.parameters()]


def test_stop_then_resume_continues_from_the_same_step():
    whole = job_for(epochs=2)
    whole.run()
    split = job_for(epochs=2)
    # Stop after 7 steps from inside the loop (deterministic, no timing).
    real_step = split._train_step
    def step_then_maybe_stop():
        loss = real_step()
        if split._status.step == 6:
            split.stop()
        return loss
    split._train_step = step_then_maybe_stop
    assert split.run().state == "stopped"
    assert split.status().step == 7
    split._train_step = real_step
    split._stop.clear()
    assert split.run().state == "done"
    assert split.status().train_loss == whole.status().train_loss
    for p, q in zip(_params(whole), _params(split)):
        torch.testing.assert_close(p, q)


def test_worker_thread_start_is_single_and_stop_keeps_model():
    job = job_for(epochs=200)
    assert job.start()
    assert not job.start()  # a second Train click does not start a second job
    while job.status().step < 3:
        threading.Event().wait(0.01)
    job.stop()
    job.join(10)
    s = job.status()
    assert s.state == "stopped" and 3 <= s.step < s.total_steps
    assert threading.active_count() >= 1 and not job._thread.is_alive()


def test_nan_loss_restores_last_finite_weights_and_can_resume():
    model = build_model(ModelConfig(cell="rnn_relu", input_size=1, hidden_size=16), seed=0)
    with torch.no_grad():
        model.rnn.weight_hh_l0.mul_(4.0)
    job = TrainJob(model, sine_windows(), TrainConfig(lr=10.0, optimizer="sgd", clip_grad_norm=0,
                                                       epochs=50, batch_size=32))
    s = job.run()
    assert s.state == "diverged"
    assert "learning rate" in s.message
    assert all(torch.isfinite(p).all() for p in model.parameters())
    assert all(np.isfinite(s.train_loss))
    resumed = job.resume(replace(job.cfg, lr=0.001, optimizer="adam", clip_grad_norm=1.0, epochs=1))
    assert resumed is True
    job.join(60)
    assert job.status().state == "done"
    assert job.status().step > len(s.train_loss)


def test_cuda_request_without_gpu_falls_back_with_a_message(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    job = job_for(device="cuda", epochs=1)
    assert job.status().device == "cpu"
    assert "CPU" in job.status().message


def test_snapshots_are_recorded_bounded_and_evenly_thinned():
    job = job_for(epochs=3, snapshot_every=2, max_snapshots=10)
    job.run()
    snaps = job.snapshots()
    assert 5 <= len(snaps) <= 11
    steps = [s.step for s in snaps]
    assert steps[0] == 0 and steps[-1] == job.status().step
    assert steps == sorted(steps)
    tr = snaps[-1].traces[0]
    assert tr.layers[0][0].h.dtype == np.float32
    assert set(tr.layers[0][0].gates) == {"i", "f", "g", "o"}
    assert snaps[0].grads.shape == (1, 1, 20)
    assert any(s.grads is None for s in snaps)  # gradients are taken on every 4th snapshot only


def test_auto_cadence_keeps_probing_cheap():
    job = job_for(epochs=3)
    job.run()
    snaps = job.snapshots()
    assert 2 <= len(snaps) < job.status().step / 5


def test_worker_trains_in_true_float32(monkeypatch):
    """TF32 rounding put the replay 1e-4 from the fused module on a GPU: the worker turns
    it off whatever the process had before (the flags exist, and are checked, on CPU too)."""
    monkeypatch.setattr(torch.backends.cuda.matmul, "allow_tf32", True)
    monkeypatch.setattr(torch.backends.cudnn, "allow_tf32", True)
    job = job_for(epochs=1, max_steps=2)
    job.start()
    job.join(60)
    assert job.status().tf32 is False
    assert not torch.backends.cuda.matmul.allow_tf32 and not torch.backends.cudnn.allow_tf32
