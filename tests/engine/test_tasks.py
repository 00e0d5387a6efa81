"""Memory tasks and the architecture race."""

import numpy as np

from rnnviz.experiments.race import Race, standard_entrants
from rnnviz.experiments.tasks import adding_problem, delayed_recall, make_task, needs_the_future
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.train.job import TrainConfig, TrainJob


def test_adding_problem_semantics():
    x, y = adding_problem(200, 20, seed=3)
    assert x.shape == (200, 20, 2) and y.shape == (200, 1)
    assert x.dtype == np.float32 and y.dtype == np.float32
    values, markers = x[..., 0], x[..., 1]
    assert ((values >= 0) & (values < 1)).all()
    assert (markers[:, :10].sum(1) == 1).all() and (markers[:, 10:].sum(1) == 1).all()
    np.testing.assert_allclose(y[:, 0], (values * markers).sum(1), rtol=1e-6)
    x2, y2 = adding_problem(200, 20, seed=3)
    np.testing.assert_array_equal(x, x2)
    assert not np.array_equal(adding_problem(200, 20, seed=4)[1], y)


def test_adding_problem_target_variance_is_about_one_sixth():
    _, y = adding_problem(20000, 10, seed=0)
    assert abs(y.var() - 1 / 6) < 0.01


def test_delayed_recall_and_future_tasks():
    x, y = delayed_recall(50, 12, seed=1)
    np.testing.assert_array_equal(x[:, 0, 0], y[:, 0])
    x, y = needs_the_future(5, 9, seed=1)
    np.testing.assert_array_equal(x[:, 1:, 0], y[:, :-1])


def _final_mse(cell, steps, seed=0):
    task = make_task("adding", 2048, 30, seed=seed)
    model = build_model(ModelConfig(cell=cell, input_size=2, hidden_size=32), seed=seed)
    job = TrainJob(
        model,
        task,
        TrainConfig(
            lr=0.01, batch_size=64, epochs=100, max_steps=steps, seed=seed, snapshot_every=10_000
        ),
    )
    job.run()
    return job.validation_loss()


def test_lstm_beats_a_vanilla_rnn_on_the_adding_problem():
    lstm, rnn = _final_mse("lstm", 400), _final_mse("rnn_tanh", 400)
    assert lstm < 0.05  # learned the task (baseline ~0.167)
    assert rnn > 0.1  # still near "predict the mean"
    assert lstm < rnn / 3


def test_race_runs_every_entrant_on_the_same_budget():
    task = make_task("recall", 256, 10)
    race = Race(
        standard_entrants(ModelConfig(input_size=1, hidden_size=8), deep=True),
        task,
        TrainConfig(max_steps=12, epochs=50, batch_size=32, snapshot_every=1000),
    )
    race.run()
    table = race.table()
    assert [r["model"] for r in table][:3] == ["rnn_tanh", "lstm", "gru"] and len(table) == 6
    assert all(r["steps"] == 12 for r in table)
    params = {r["model"]: r["parameters"] for r in table}
    assert params["lstm"] > params["gru"] > params["rnn_tanh"]
    assert set(race.curves()) == {r["model"] for r in table}
