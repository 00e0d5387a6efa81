"""The training job: learns, is deterministic, stops and resumes losslessly, survives NaN."""

import threading
from dataclasses import replace

import numpy as np
import pytest
import torch

from apphelpers import stop_at
from rnnviz.data.windows import WindowSet
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.train.job import TrainConfig, TrainJob


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
    real_step = stop_at(split, 6)
    assert split.run().state == "stopped"
    assert split.status().step == 7
    split._train_step = real_step
    split._stop.clear()
    assert split.run().state == "done"
    assert split.status().train_loss == whole.status().train_loss
    for p, q in zip(_params(whole), _params(split), strict=True):
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


def diverging_job() -> TrainJob:
    """A ReLU RNN with a large recurrent weight at lr 10, no clipping: NaN within steps."""
    model = build_model(ModelConfig(cell="rnn_relu", input_size=1, hidden_size=16), seed=0)
    with torch.no_grad():
        model.rnn.weight_hh_l0.mul_(4.0)
    return TrainJob(
        model,
        sine_windows(),
        TrainConfig(lr=10.0, optimizer="sgd", clip_grad_norm=0, epochs=50, batch_size=32),
    )


def test_nan_loss_restores_last_finite_weights_and_can_resume():
    job = diverging_job()
    model = job.model
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


def test_divergence_rolls_back_to_weights_that_gave_a_finite_loss():
    """Losses are read back every few steps, so the NaN is seen late: the job still goes
    back to weights whose loss was finite, and its step counter and curve go back too."""
    job = diverging_job()
    s = job.run()
    assert s.state == "diverged"
    assert s.train_steps == list(range(1, s.step + 1))
    x, y = job.windows.batch("train", np.arange(32))
    with torch.no_grad():
        assert torch.isfinite(job.model(torch.from_numpy(x).to(job.device))).all()


def test_losses_are_read_back_in_blocks_not_every_step(monkeypatch):
    """One host read per block of steps (a read makes the CPU wait for the GPU)."""
    from rnnviz.train import job as train_module

    reads = []
    real = torch.Tensor.tolist
    monkeypatch.setattr(torch.Tensor, "tolist", lambda self: reads.append(1) or real(self))
    job = job_for(epochs=5, snapshot_every=1000)
    status = job.run()
    steps = status.step
    assert steps >= 2 * train_module.SYNC_EVERY
    assert len(status.train_loss) == steps
    assert len(reads) <= steps // 4  # reading every step would be `steps` reads


def test_device_gather_equals_the_numpy_windows():
    """The GPU path gathers batches with torch indexing; it must give WindowSet's samples."""
    from rnnviz.data.windows import WindowSet
    from rnnviz.train.batches import gather

    rng = np.random.default_rng(0)
    cases = [
        (rng.normal(size=(60, 3)).astype(np.float32), rng.normal(size=60).astype(np.float32)),
        (rng.integers(0, 9, 60), rng.integers(0, 9, 60)),
    ]
    for inputs, targets in cases:
        for m2m in (False, True):
            w = WindowSet(inputs, targets, 7, horizon=2, many_to_many=m2m)
            starts = np.array([0, 5, 17, len(w) - 1])
            x, y = w.get(starts)
            tx, ty = gather(
                torch.from_numpy(inputs),
                torch.from_numpy(targets),
                torch.from_numpy(starts),
                7,
                2,
                m2m,
            )
            assert np.array_equal(tx.numpy(), x) and np.array_equal(ty.numpy(), y)


def test_start_and_end_snapshots_are_frozen_then_traced_when_read():
    """The fixed snapshots cost a weight copy in the loop; their traces are the weights'
    own (equal to tracing the model at that moment)."""
    from rnnviz.analysis.probe import trace_many

    model = build_model(ModelConfig(cell="gru", input_size=1, hidden_size=8), seed=3)
    job = TrainJob(model, sine_windows(), TrainConfig(batch_size=32, epochs=1, snapshot_every=1000))
    start = [t.output for t in trace_many(model, job.recorder.x)]
    job.run()
    assert len(job.recorder._later) == 2  # start and end, not traced yet
    snaps = job.snapshots()
    assert [s.step for s in snaps][0] == 0 and snaps[-1].step == job.status().step
    end = [t.output for t in trace_many(model, job.recorder.x)]
    for got, want in ((snaps[0], start), (snaps[-1], end)):
        for tr, ref in zip(got.traces, want, strict=True):
            assert np.allclose(tr.output, ref, atol=1e-6)
        assert got.grads is not None
    assert not job.recorder._later


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn_tanh"])
def test_a_gpu_job_follows_the_cpu_run(cell):
    """On a GPU the job trains with the fused Adam, its epoch's batches gathered on the
    device at once and its snapshots traced on a CPU copy: the same run as on the CPU, to
    float32 rounding (TF32 off), with the same snapshots."""
    cpu, gpu = job_for(cell, device="cpu", epochs=2), job_for(cell, device="cuda", epochs=2)
    a, b = cpu.run(), gpu.run()
    assert a.state == b.state == "done" and a.train_steps == b.train_steps
    assert gpu._optim.defaults.get("fused") and gpu._batches._epoch is not None
    np.testing.assert_allclose(b.train_loss, a.train_loss, rtol=2e-3, atol=1e-5)
    snaps = gpu.snapshots()  # traced on probe threads: all there once the run is done
    assert snaps[0].step == 0 and snaps[-1].step == b.step
    assert [s.step for s in snaps] == sorted({s.step for s in snaps})
    final = cpu.snapshots()[-1].traces[0].output
    np.testing.assert_allclose(snaps[-1].traces[0].output, final, rtol=1e-2, atol=1e-3)
    assert gpu.status().tf32 is False
