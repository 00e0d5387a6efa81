"""Several predicted columns and the "no head" option (a tutorial predicts open, close and
volume at once).

The Bitcoin tutorial: inputs open, close and volume, windows of 10, the same 3 columns 2
days later at every step, nn.RNN(3, 3, 2) whose hidden state IS the output, Adam at lr
1e-12, batch 10. Engine tests hold the app to what torch builds; an AppTest walks the pages.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from apphelpers import load_sample, page, texts, train
from rnnviz.analysis import predict
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.reader import DataError
from rnnviz.files import model_file, run_data
from rnnviz.model import summary
from rnnviz.model.network import ModelConfig, build_model, count_parameters, head_problem
from rnnviz.model.sizes import model_config_for
from rnnviz.script.writer import ScriptSettings, fingerprint, pytorch_script
from rnnviz.server import limits
from rnnviz.session import links, schema
from rnnviz.session.workspace import load_sample as sample
from rnnviz.session.workspace import prepare
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.ui import state

COLUMNS = ("Open", "Close", "Vol.")
TUTORIAL = SeriesConfig(
    target="Close",
    features=COLUMNS,
    extra_targets=("Open", "Vol."),
    date_column="Date",
    window=10,
    horizon=2,
    many_to_many=True,
)
NO_HEAD = ModelConfig(cell="rnn_tanh", hidden_size=3, num_layers=2, head="none")


@pytest.fixture(scope="module")
def bitcoin():
    return sample("bitcoin")


@pytest.fixture(scope="module")
def data(bitcoin):
    return prepare(bitcoin, TUTORIAL)


def _job(cfg, data, **train):
    model = build_model(model_config_for(data, cfg), seed=0)
    return TrainJob(model, data.windows, TrainConfig(device="cpu", **train))


# ---------------------------------------------------------------- preparation


def test_outputs_are_the_target_then_the_extra_columns(bitcoin, data):
    assert TUTORIAL.outputs == ("Close", "Open", "Vol.")
    assert replace(TUTORIAL, extra_targets=("Close", "Open", "Open")).outputs == ("Close", "Open")
    assert data.targets.shape == data.raw_targets.shape == (len(data.values), 3)
    assert np.array_equal(data.raw_target, data.raw_targets[:, 0])  # the target stays first
    rows = bitcoin.table[list(COLUMNS)].to_numpy()
    n_train = data.boundaries[0]
    assert np.allclose(data.raw_targets, rows[:, [1, 0, 2]])
    # Each output scaled on the training rows of its own column (min-max: 0..1 there).
    assert np.allclose(data.targets[:n_train].min(0), 0) and np.allclose(
        data.targets[:n_train].max(0), 1, atol=1e-6
    )
    for k in range(3):
        assert np.allclose(
            data.unscale_target(data.targets[:, k], k), data.raw_targets[:, k], rtol=1e-5
        )


def test_one_output_keeps_every_shape(bitcoin):
    one = prepare(bitcoin, replace(TUTORIAL, extra_targets=()))
    x, y = one.windows.get(np.array([0, 3]))
    assert y.shape == (2, 10) and one.targets.shape == (len(one.values), 1)
    m2o = prepare(bitcoin, replace(TUTORIAL, extra_targets=(), many_to_many=False))
    assert m2o.windows.get(np.array([0, 3]))[1].shape == (2, 1)
    assert len(m2o.scaler.loc) == 4  # the inputs and the target, as before


def test_windows_of_several_outputs_are_step_major(data, bitcoin):
    x, y = data.windows.get(np.array([0, 5]))
    assert x.shape == (2, 10, 3) and y.shape == (2, 10, 3)  # (B, T, K)
    assert np.array_equal(y[1, 4], data.targets[5 + 4 + 2])  # step 4 of sample 5, 2 later
    m2o = prepare(bitcoin, replace(TUTORIAL, many_to_many=False))
    _, y = m2o.windows.get(np.array([0, 5]))
    assert y.shape == (2, 3) and np.array_equal(y[1], m2o.targets[5 + 9 + 2])


def test_the_device_gather_gives_the_same_samples(data):
    from rnnviz.train.batches import gather

    starts = np.array([0, 7, 100])
    x, y = data.windows.get(starts)
    w = data.windows
    tx, ty = gather(
        torch.from_numpy(w.inputs),
        torch.from_numpy(np.ascontiguousarray(w.targets)),
        torch.from_numpy(starts),
        w.window,
        w.horizon,
        True,
    )
    assert np.array_equal(tx.numpy(), x) and np.array_equal(ty.numpy(), y)


@pytest.mark.parametrize("bad", ["Nope", "Date"])
def test_an_extra_target_that_is_not_a_numeric_column_is_refused(bitcoin, bad):
    with pytest.raises(DataError) as err:
        prepare(bitcoin, replace(TUTORIAL, extra_targets=(bad,)))
    assert bad in str(err.value) and "Traceback" not in str(err.value)


def test_a_text_column_cannot_be_predicted():
    table = pd.DataFrame({"a": np.arange(60.0), "b": np.sin(np.arange(60.0)), "name": ["x"] * 60})
    from rnnviz.session.workspace import Dataset

    ds = Dataset("t.csv", "series", table=table)
    with pytest.raises(DataError, match="name"):
        prepare(ds, SeriesConfig(target="a", extra_targets=("name",), window=5))
    assert prepare(ds, SeriesConfig(target="a", extra_targets=("b",), window=5)).output_size == 2


# ---------------------------------------------------------------- the tutorial's model


def test_the_tutorials_model_has_exactly_nn_rnn_3_3_2s_parameters(data):
    cfg = model_config_for(data, NO_HEAD)
    assert (cfg.input_size, cfg.output_size, cfg.mode) == (3, 3, "many_to_many")
    model = build_model(cfg, seed=0)
    expected = sum(p.numel() for p in nn.RNN(3, 3, 2).parameters())
    assert expected == 48
    assert (
        count_parameters(model) == expected == int(summary.parameter_table(cfg)["parameters"].sum())
    )
    assert "head" not in set(summary.parameter_table(cfg)["module"])
    assert sum(c for _, _, c in summary.parameter_parts(cfg)) == expected
    # The output is the top layer's hidden state itself.
    x = torch.from_numpy(data.windows.get(np.array([0]))[0])
    out, _ = model.rnn(x)
    assert torch.equal(model(x), out)
    linear = model_config_for(data, replace(NO_HEAD, head="linear"))
    table = summary.parameter_table(linear)
    assert int(table[table.module == "head"]["parameters"].sum()) == 3 * (3 + 1)
    assert count_parameters(build_model(linear)) == int(table["parameters"].sum()) == 60
    assert summary.shape_table(cfg, 10, 10)[-1][1] == (10, 10, 3)


def test_at_lr_1e_12_the_loss_does_not_move(data):
    job = _job(NO_HEAD, data, lr=1e-12, batch_size=10, epochs=1, clip_grad_norm=0.0)
    before = job.validation_loss()
    weights = [p.detach().clone() for p in job.model.parameters()]
    status = job.run()
    assert status.state == "done" and len(status.train_loss) > 100
    after = job.validation_loss()
    assert abs(after - before) / before < 1e-6
    moved = max(
        float((p.detach() - w).abs().max())
        for p, w in zip(job.model.parameters(), weights, strict=True)
    )
    assert moved < 1e-9
    # The same run at a learning rate that learns does move: the check can fail.
    learns = _job(NO_HEAD, data, lr=0.01, batch_size=10, epochs=1, clip_grad_norm=0.0)
    start = learns.validation_loss()
    learns.run()
    assert abs(learns.validation_loss() - start) / start > 1e-3


def test_three_outputs_with_a_linear_head_train_and_predict(data):
    job = _job(ModelConfig(cell="gru", hidden_size=8), data, lr=0.01, batch_size=64, epochs=1)
    assert job.run().state == "done"
    ev = predict.evaluate(job.model, data, output=2)  # volume, in its own units
    rows = data.windows.target_rows("test")
    assert np.array_equal(ev.actual, data.raw_targets[rows, 2])
    assert np.isfinite(ev.metrics["model"]["RMSE"])
    assert ev.actual.mean() > 1000  # volumes, not closing prices nor scaled values
    fc = predict.forecast(job.model, data, 4)  # every input predicted: fed back
    assert fc.ndim == 2 and fc.shape[1] == 3 and len(fc) == 2  # horizon 2: 2 values in 4 steps
    x = data.windows.get(data.windows.splits["test"][-1:])[0]
    last = predict.predict_outputs(job.model, x)[0]
    assert np.allclose(
        predict.evaluate(job.model, data, output=1).predictions["model"][-1],
        data.unscale_target(last[1:2], 1),
    )


def test_head_none_with_the_wrong_hidden_size_says_what_to_set(data):
    cfg = model_config_for(data, replace(NO_HEAD, hidden_size=4))
    problem = head_problem(cfg)
    assert "3" in problem and "4" in problem and "Linear" in problem
    with pytest.raises(ValueError, match="hidden size"):
        build_model(cfg)
    assert limits.admit([limits.RunRequest(cfg, 10, 10)]) == problem  # the training gate refuses it
    bi = model_config_for(data, replace(NO_HEAD, bidirectional=True))
    assert head_problem(bi) and "3 × 2 = 6" in head_problem(bi)
    assert head_problem(replace(NO_HEAD, mode="char_lm", vocab_size=5)) is not None
    with pytest.raises(ValueError):
        ModelConfig(head="softmax")


def test_the_output_size_cap_has_its_own_message():
    cfg = ModelConfig(output_size=limits.MAX_OUTPUT_SIZE + 1)
    assert "predicts" in limits.admit([limits.RunRequest(cfg, 1, 1)])


# ---------------------------------------------------------------- saving and exporting


@pytest.mark.parametrize("head", ["none", "linear"])
def test_save_and_load_round_trip(data, head):
    job = _job(replace(NO_HEAD, head=head), data, epochs=1, batch_size=64)
    job.run()
    raw = model_file.model_bytes(job.model, run_data.describe(data), run_data.tensors(data))
    back = model_file.load_model(raw)
    assert back.cfg == job.model.cfg and back.cfg.head == head
    assert back.saved_data.cfg.extra_targets == ("Open", "Vol.")
    assert np.array_equal(back.saved_data.raw_targets, data.raw_targets)
    x = data.windows.get(np.arange(5))[0]
    assert np.array_equal(predict.predict_outputs(back, x), predict.predict_outputs(job.model, x))


def test_an_old_file_without_head_or_extra_targets_loads_as_before(bitcoin):
    one = prepare(bitcoin, SeriesConfig(target="Close", date_column="Date", window=10))
    model = build_model(model_config_for(one, ModelConfig(hidden_size=4)))
    prep = run_data.describe(one)
    del prep["config"]["extra_targets"]
    old = model.cfg.to_dict()
    del old["head"]
    tensors = {k: v.contiguous() for k, v in model.state_dict().items()}
    tensors |= {k: torch.from_numpy(np.array(v)) for k, v in run_data.tensors(one).items()}
    raw = model_file.save_tensors(
        tensors,
        metadata={
            "format": model_file.FORMAT,
            "model": model_file.json.dumps(old),
            "preparation": model_file.json.dumps(prep),
        },
    )
    back = model_file.load_model(raw)
    assert back.cfg.head == "linear" and back.saved_data.cfg.extra_targets == ()


def test_a_file_whose_head_does_not_fit_is_refused(data):
    model = build_model(model_config_for(data, NO_HEAD))
    cfg = dict(model.cfg.to_dict(), hidden_size=5)
    raw = model_file.save_tensors(
        {k: v.contiguous() for k, v in model.state_dict().items()},
        metadata={
            "format": model_file.FORMAT,
            "model": model_file.json.dumps(cfg),
            "preparation": "{}",
        },
    )
    with pytest.raises(ValueError, match="hidden size"):
        model_file.load_model(raw)
    cfg = dict(model.cfg.to_dict(), head=["none"])
    raw = model_file.save_tensors(
        {"x": torch.zeros(1)},
        metadata={
            "format": model_file.FORMAT,
            "model": model_file.json.dumps(cfg),
            "preparation": "{}",
        },
    )
    with pytest.raises(ValueError, match="head"):
        model_file.load_model(raw)


@pytest.mark.subprocess
def test_the_exported_script_trains_the_tutorials_model_as_the_app_does(data, tmp_path):
    from scripts_run import TOLERANCE, app_losses, run_script

    prep = replace(TUTORIAL, last_rows=400)  # a short run: the script reads the whole file
    small = prepare(sample("bitcoin"), prep)
    script = ScriptSettings(
        prep,
        model_config_for(small, NO_HEAD),
        TrainConfig(epochs=2, batch_size=10, lr=0.01, device="cpu"),
        "bitcoin",
        expect=fingerprint(small),
    )
    code = pytorch_script(script)
    assert "nn.Linear" not in code and "EXTRA_TARGETS = ['Open', 'Vol.']" in code
    train_loss, val_loss = app_losses(script, small)
    got_train, got_val, stdout = run_script(code, tmp_path, None)
    assert "48 parameters" in stdout and "Note:" not in stdout
    np.testing.assert_allclose(got_train, train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(got_val, val_loss, rtol=0, atol=TOLERANCE)


# ---------------------------------------------------------------- settings and links


def test_the_tutorials_numbers_are_valid_settings():
    get = schema.get
    assert schema.check(get(TrainConfig, "lr"), 1e-12) == 1e-12
    assert schema.check(get(TrainConfig, "epochs"), 5000) == 5000
    assert schema.check(get(SeriesConfig, "window"), 1) == 1
    assert schema.check(get(ModelConfig, "hidden_size"), 3) == 3
    assert {1, 3, 5, 6, 12, 20, 24} <= set(get(ModelConfig, "hidden_size").marks)
    assert {1e-12, 1e-9, 1e-6} <= set(get(TrainConfig, "lr").marks)
    assert get(TrainConfig, "lr").default == 0.005
    with pytest.raises(ValueError):
        schema.check(get(TrainConfig, "lr"), 1e-13)


def test_a_window_of_one_trains(bitcoin):
    one = prepare(bitcoin, replace(TUTORIAL, window=1, horizon=1, many_to_many=False))
    x, y = one.windows.get(np.array([0, 1]))
    assert x.shape == (2, 1, 3) and y.shape == (2, 3)
    job = _job(ModelConfig(cell="lstm", hidden_size=4), one, epochs=1, batch_size=256)
    assert job.run().state == "done"


def test_links_carry_extra_targets_and_the_head_and_leave_them_out_when_unused():
    base = links.sample_defaults(links.SAMPLES["bitcoin"])
    plain = links.to_params("bitcoin", base, ModelConfig(), TrainConfig())
    assert "tt" not in plain and plain["head"] == "linear"
    params = links.to_params(
        "bitcoin",
        replace(TUTORIAL, date_column=base.date_column),
        NO_HEAD,
        TrainConfig(lr=1e-12, batch_size=10),
    )
    assert params["tt"] == "Open,Vol." and params["head"] == "none" and params["lr"] == "1e-12"
    got, warnings = links.from_params(params, columns=list(COLUMNS) + ["High", "Low"])
    assert warnings == [] and got.prep.extra_targets == ("Open", "Vol.")
    assert got.model.head == "none" and got.train.lr == 1e-12
    old, warnings = links.from_params({"s": "bitcoin", "t": "Close"})  # an old link
    assert warnings == [] and old.prep.extra_targets == () and old.model.head == "linear"
    empty, warnings = links.from_params({"s": "bitcoin", "tt": ""})
    assert warnings == [] and empty.prep.extra_targets == ()


@pytest.mark.parametrize("junk", [",,,", "Nope", "Close", "Date", "x" * 400])
def test_a_junk_tt_link_warns_and_keeps_no_extra_targets(junk):
    got, warnings = links.from_params(
        {"s": "bitcoin", "tt": junk}, columns=["Open", "High", "Low", "Close", "Vol."]
    )
    assert len(warnings) == 1 and warnings[0].startswith("tt") and "Traceback" not in warnings[0]
    assert got.prep.extra_targets == ()


# ---------------------------------------------------------------- the app


def test_pick_two_extra_targets_train_and_choose_the_output_on_predict(app):
    load_sample(app, "bitcoin")
    app.multiselect(key="extra_targets").set_value(["Open", "Vol."]).run()
    assert not app.exception, app.exception
    assert state.PREP_CFG.get(app.session_state).outputs == ("Close", "Open", "Vol.")
    train(app, 1)
    page(app, "predict")
    pick = app.selectbox(key="predict_output")
    assert pick.options == ["Close", "Open", "Vol."] and pick.value == 0
    table = app.dataframe[0].value
    close_mae = float(table["MAE"].iloc[0])
    pick.set_value(2).run()
    assert not app.exception, app.exception
    vol_mae = float(app.dataframe[0].value["MAE"].iloc[0])
    assert vol_mae > 10 * close_mae  # volumes, in their own units
    for name in ("inside", "compare", "train", "model"):
        page(app, name)


def test_the_model_page_offers_no_head_and_says_which_size_to_set(app):
    load_sample(app, "bitcoin")
    app.multiselect(key="extra_targets").set_value(["Open", "Vol."]).run()
    page(app, "model")
    app.radio(key="head").set_value("none").run()
    assert not app.exception, app.exception
    assert "Set the hidden size to 3" in texts(app.warning)
    assert state.MODEL_CFG.get(app.session_state).head == "none"
    page(app, "train")
    app.button(key="train").click().run()  # refused by the gate, with the same words
    assert not app.exception and "Set the hidden size to 3" in texts([*app.error, *app.warning])
    page(app, "model")
    app.select_slider(key="hidden_size").set_value(3).run()
    assert "Set the hidden size" not in texts(app.warning)
    train(app, 1)
    assert state.workspace(app.session_state).run.job.model.head is None
    for name in ("inside", "predict", "compare", "model"):
        page(app, name)
