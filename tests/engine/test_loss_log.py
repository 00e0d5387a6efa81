"""The loss log printed like the tutorials' `Epoch [10/100], Loss: 706.1980` lines."""

from __future__ import annotations

import math

from rnnviz.experiments.tasks import make_task
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.train import loss_log
from rnnviz.train.job import Status, TrainConfig, TrainJob


def test_one_step_epochs_print_every_tenth_like_the_tutorial():
    # The five-days lesson: 3 rows in one batch, so one step per epoch, 100 epochs.
    losses = [1000.0 - k for k in range(99)] + [706.198]
    lines = loss_log.loss_lines(
        list(range(1, 101)), losses, epoch_ends=list(range(1, 101)), epochs=100
    )
    assert len(lines) == 10
    assert lines[0] == "Epoch [10/100], Loss: 991.0000"
    assert lines[-1] == "Epoch [100/100], Loss: 706.1980"


def test_the_last_epoch_is_printed_too_and_a_short_run_gets_its_last():
    steps = list(range(1, 26))
    lines = loss_log.loss_lines(steps, [float(k) for k in steps], steps, epochs=25)
    assert [line.split(",")[0] for line in lines] == [
        "Epoch [10/25]",
        "Epoch [20/25]",
        "Epoch [25/25]",
    ]
    assert loss_log.loss_lines([1, 2], [3.0, 2.5], [1, 2], epochs=2) == [
        "Epoch [2/2], Loss: 2.5000"
    ]
    assert loss_log.loss_lines([], [], [], epochs=100) == []


def test_an_epoch_of_several_steps_prints_its_mean_and_the_validation_loss():
    steps = list(range(1, 41))  # 4 steps an epoch, 10 epochs
    train = [float(k) for k in steps]
    ends = [4 * e for e in range(1, 11)]
    lines = loss_log.loss_lines(
        steps, train, ends, epochs=10, val_steps=ends, val_loss=[0.5 * e for e in ends]
    )
    # epoch 10 is steps 37..40: mean 38.5; its validation ran at step 40
    assert lines == ["Epoch [10/10], Loss: 38.5000, Val Loss: 20.0000"]


def test_a_resumed_run_counts_past_its_planned_epochs():
    lines = loss_log.loss_lines([1, 2, 3], [3.0, 2.0, 1.0], [1, 2, 3], epochs=2)
    assert lines == ["Epoch [3/3], Loss: 1.0000"]


def test_status_lines_fill_in_epochs_a_loaded_run_did_not_record():
    # A loaded run knows its epoch count and curve, not where each epoch ended: they are
    # spread evenly over its steps per epoch; epochs trained after loading are recorded.
    s = Status(step=24, epoch=12)
    s.train_steps = list(range(1, 25))
    s.train_loss = [float(k) for k in range(1, 25)]
    s.epoch_steps = [22, 24]  # epochs 11 and 12, trained after loading
    lines = loss_log.status_lines(s, epochs=12, steps_per_epoch=2)
    assert lines == ["Epoch [10/12], Loss: 19.5000", "Epoch [12/12], Loss: 23.5000"]


def test_the_job_records_the_step_each_epoch_ends_at():
    model = build_model(ModelConfig(cell="gru", input_size=2, hidden_size=4), seed=0)
    windows = make_task("adding", 80, 5)  # 64 training samples, batch 32: 2 steps an epoch
    job = TrainJob(model, windows, TrainConfig(batch_size=32, epochs=3, device="cpu"))
    s = job.run()
    assert s.epoch == 3 and s.epoch_steps == [2, 4, 6]
    last = loss_log.status_lines(s, epochs=3, steps_per_epoch=2)[-1]
    assert last.startswith("Epoch [3/3], Loss: ") and ", Val Loss: " in last
    loss = float(last.split("Loss: ")[1].split(",")[0])
    assert math.isclose(loss, sum(s.train_loss[-2:]) / 2, abs_tol=1e-4)
    assert last.endswith(f"Val Loss: {s.val_loss[-1]:.4f}")


def test_a_diverged_run_forgets_the_epochs_it_rolled_back_over():
    """NaN on the first step after epoch 2: the job goes back to weights from before that
    epoch's end, and the log must not print an epoch the run no longer has."""
    import torch

    model = build_model(ModelConfig(cell="gru", input_size=2, hidden_size=4), seed=0)
    job = TrainJob(
        model, make_task("adding", 80, 5), TrainConfig(batch_size=32, epochs=5, device="cpu")
    )
    real = job._train_step

    def nan_at_step_5():
        loss = real()
        return torch.tensor(float("nan")) if job._status.step == 4 else loss

    job._train_step = nan_at_step_5
    s = job.run()
    assert s.state == "diverged" and s.step < 4
    assert s.epoch_steps == [2 * e for e in range(1, s.epoch + 1)]
    assert all(k <= s.step for k in s.epoch_steps)
