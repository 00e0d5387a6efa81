"""The training job keeps the weights of the lowest validation loss: restored at the end,
kept across resumes, with early stopping and a validation cadence."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from apphelpers import stop_at
from rnnviz.analysis.probe import trace_many
from rnnviz.data.windows import WindowSet
from rnnviz.figures import loss_figure
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.train import job as train_module
from rnnviz.train.job import TrainConfig, TrainJob

N, N_TRAIN, WINDOW, BATCH = 400, 300, 4, 32
STEPS_PER_EPOCH = -(-(N_TRAIN - WINDOW) // BATCH)  # 10


def flipped_windows(val: bool = True) -> WindowSet:
    """Training targets are the last input, validation targets its negation: the better the
    model learns the training rule, the worse its validation loss (it rises from the start)."""
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, N).astype(np.float32)
    y = np.zeros(N, np.float32)
    y[1:] = x[:-1]
    y[N_TRAIN:] *= -1
    return WindowSet(x[:, None], y, WINDOW, boundaries=(N_TRAIN, N if val else N_TRAIN))


def job_for(windows=None, **kw) -> TrainJob:
    model = build_model(ModelConfig(cell="gru", input_size=1, hidden_size=8), seed=0)
    cfg = TrainConfig(**{"batch_size": BATCH, "lr": 0.02, "epochs": 10, "device": "cpu", **kw})
    return TrainJob(model, windows or flipped_windows(), cfg)


def _params(job) -> list[torch.Tensor]:
    return [p.detach().clone() for p in job.model.parameters()]


def test_the_data_overfit_so_the_test_can_fail():
    s = job_for(restore_best=False).run()
    assert s.state == "done" and len(s.val_loss) == 10
    assert min(s.val_loss) < 0.6 * s.val_loss[-1]  # the last epoch is far from the best


def test_a_run_whose_validation_loss_rises_ends_on_its_best_weights():
    job = job_for()
    s = job.run()
    assert s.state == "done" and s.restored
    assert (
        s.best_val_loss == min(s.val_loss)
        and s.best_step == s.val_steps[int(np.argmin(s.val_loss))]
    )
    assert s.best_step < s.step
    now = job.validation_loss()
    assert abs(now - s.best_val_loss) < 1e-6 and now <= s.val_loss[-1]
    assert t("best.restored", step=s.best_step, loss=s.best_val_loss) in s.message


def test_without_restore_best_the_final_weights_stay():
    kept, final = job_for(), job_for(restore_best=False)
    a, b = kept.run(), final.run()
    assert not b.restored and b.best_step == a.best_step  # tracked, not put back
    assert a.train_loss == b.train_loss and a.val_loss == b.val_loss  # the same run
    assert abs(final.validation_loss() - b.val_loss[-1]) < 1e-6
    assert t("best.restored", step=b.best_step, loss=b.best_val_loss) not in b.message
    assert any(not torch.equal(p, q) for p, q in zip(_params(kept), _params(final), strict=True))


def test_patience_stops_early_after_that_many_validations_without_improvement():
    s = job_for(patience=3).run()
    assert s.state == "done" and s.step < s.total_steps
    best = s.val_steps.index(s.best_step)
    assert len(s.val_loss) - 1 - best == 3  # three validations after the best, then stop
    assert s.step == s.val_steps[-1]
    assert t("best.early", step=s.step, n=3) in s.message and s.restored


def test_val_every_validates_at_those_steps_and_at_epoch_ends():
    s = job_for(val_every=3, epochs=2).run()
    expected = sorted({*range(3, 21, 3), STEPS_PER_EPOCH, 2 * STEPS_PER_EPOCH})
    assert s.val_steps == expected
    assert s.best_step == 3  # the rising loss is caught before the first epoch ends


def test_long_epochs_are_validated_a_few_times_each(monkeypatch):
    monkeypatch.setattr(train_module, "LONG_EPOCH", 5)  # 10 steps an epoch is "long" here
    s = job_for(epochs=2).run()
    per = -(-STEPS_PER_EPOCH // train_module.VALS_PER_LONG_EPOCH)  # every 3 steps
    expected = [
        e * STEPS_PER_EPOCH + k
        for e in range(2)
        for k in (*range(per, STEPS_PER_EPOCH, per), STEPS_PER_EPOCH)
    ]
    assert s.val_steps == expected and len(expected) > 2


def test_short_epochs_are_validated_once():
    assert job_for(epochs=3).run().val_steps == [10, 20, 30]


def test_training_longer_keeps_the_best_copy_and_never_ends_worse():
    job = job_for(epochs=2)
    first = job.run()
    assert first.best_step == 10 and first.restored
    after_first = job.validation_loss()
    second = job.resume(TrainConfig(batch_size=BATCH, lr=0.02, epochs=8, device="cpu"))
    assert second
    job.join(120)
    s = job.status()
    assert s.state == "done" and s.step == 80
    # The copy from the first run is still the best: a fresh one would be found after it.
    assert s.best_step == 10 and s.best_val_loss == first.best_val_loss == min(s.val_loss)
    assert s.restored and job.validation_loss() <= after_first + 1e-6


def test_a_stopped_run_keeps_its_best_weights_in_the_final_snapshot():
    job = job_for(snapshot_every=1)  # a snapshot at every step: one at the stop too
    stop_at(job, 24)
    s = job.run()
    assert s.state == "stopped" and s.step == 25 and s.restored
    assert abs(job.validation_loss() - s.best_val_loss) < 1e-6
    last = job.snapshots()[-1]
    assert last.step == s.step
    now = trace_many(job.model, job.recorder.x)[0].output
    np.testing.assert_allclose(last.traces[0].output, now, atol=1e-6)


def test_no_validation_windows_change_nothing():
    plain = job_for(flipped_windows(val=False))
    s = plain.run()
    assert s.state == "done" and s.val_steps == [] and s.best_step is None
    assert not s.restored and s.message == t("status.finished", step=s.step)


def test_a_diverged_run_is_not_restored():
    job = job_for(epochs=2)
    assert job.run().restored  # a best copy exists before the run that diverges
    job.resume(
        TrainConfig(
            batch_size=BATCH, lr=1e6, optimizer="sgd", clip_grad_norm=0, epochs=4, device="cpu"
        )
    )
    job.join(120)
    s = job.status()
    assert s.state == "diverged" and not s.restored
    assert t("best.restored", step=s.best_step, loss=s.best_val_loss) not in s.message


@pytest.mark.parametrize("kept", [True, False])
def test_the_loss_chart_marks_the_kept_weights(kept):
    steps, losses = np.arange(1, 31), np.linspace(1, 0.1, 30)
    vs, vl = np.array([10, 20, 30]), np.array([0.5, 0.3, 0.4])
    extra = {"best_step": 20, "best_loss": 0.3} if kept else {}
    fig = loss_figure(steps, losses, vs, vl, **extra)
    marks = [tr for tr in fig.data if tr.meta == "best"]
    if not kept:
        assert marks == []
        return
    (mark,) = marks
    assert list(mark.x) == [20] and abs(float(mark.y[0]) - 0.3) < 1e-6
    assert mark.name == t("best.marker") and mark.mode == "markers"


def test_the_train_page_sets_them_and_marks_the_kept_weights(app):
    from apphelpers import join_workers, load_sample, page
    from rnnviz.ui.state import TRAIN_CFG

    load_sample(app, "airline")
    page(app, "train")
    app.toggle(key="restore_best").set_value(False).run()
    app.number_input(key="patience").set_value(2).run()
    app.number_input(key="val_every").set_value(5).run()
    cfg = TRAIN_CFG.get(app.session_state)
    assert (cfg.restore_best, cfg.patience, cfg.val_every) == (False, 2, 5)
    app.toggle(key="restore_best").set_value(True).run()
    app.number_input(key="epochs").set_value(3).run()
    app.button(key="train").click().run()
    join_workers()
    app.run()
    assert not app.exception, app.exception
    spec = json.loads(
        next(c for c in app.get("plotly_chart") if c.proto.id.endswith("loss_chart")).proto.spec
    )
    marks = [d for d in spec["data"] if d.get("meta") == "best"]
    assert len(marks) == 1 and marks[0]["name"] == t("best.marker")
