"""Typed data ("Type your own data"): the tutorials' own rows, trained with their
own settings, and every way a typed table or sequence can be wrong."""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from apphelpers import load_sample, page, texts, train
from rnnviz.analysis.predict import predict_scaled
from rnnviz.analysis.probe import trace
from rnnviz.data import transforms, typed
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.data.reader import DataError
from rnnviz.data.samples import SAMPLES
from rnnviz.files.model_file import load_model
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.run import Origin, Run, run_bytes
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.ui import state

pytestmark = pytest.mark.usefixtures("fresh_sessions")
TOY, KERAS = typed.TYPED_SAMPLES["temperatures"].rows, typed.TYPED_SAMPLES["keras"].rows


def _typed(rows, scaling):
    x, _ = typed.parse_rows(rows)
    return typed.prepare_typed(rows, typed.default_config(x, scaling))


def _trained(rows, scaling, hidden, epochs, seed=0):
    """The tutorials' PyTorch set-up: nn.RNN (tanh) + Linear, Adam lr 0.01, MSE, batch 3,
    no gradient clipping (the tutorials clip nothing)."""
    data = _typed(rows, scaling)
    mcfg = model_config_for(data, ModelConfig(cell="rnn_tanh", hidden_size=hidden))
    cfg = TrainConfig(
        lr=0.01, batch_size=3, epochs=epochs, seed=seed, clip_grad_norm=0.0, device="cpu"
    )
    job = TrainJob(build_model(mcfg, seed=seed), data.windows, cfg)
    status = job.run()
    assert status.state == "done", status.message
    return data, job, status


# ---- the tutorials' numbers ----------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_example_1_raw_temperatures_into_tanh_learn_nothing_useful(seed):
    data, job, status = _trained(TOY, "none", hidden=10, epochs=100, seed=seed)
    assert status.step == 100  # three rows, batch 3: one step an epoch
    assert status.train_loss[-1] > 100  # measured 700-741 over seeds 0-4 (plain PyTorch too)
    got = typed.answer(job.model, data, "36,37,38,39,40")
    assert got.values.shape == (1,) and got.values[0] < 20  # measured 10.3-11.0


@pytest.mark.parametrize("seed", range(5))
def test_example_1_minmax_scaled_predicts_about_41(seed):
    data, job, _ = _trained(TOY, "minmax", hidden=10, epochs=100, seed=seed)
    got = typed.answer(job.model, data, "36,37,38,39,40")
    assert abs(got.values[0] - 41) < 1  # measured 40.19-40.71 over seeds 0-4


def test_example_5_keras_rows_predict_10_20_30():
    # Unscaled, as the Keras tutorial trains them (measured 29.81-29.93 for the third row).
    data, job, _ = _trained(KERAS, "none", hidden=4, epochs=2000)
    assert data.input_size == 2 and data.cfg.window == 3
    assert sum(p.numel() for p in job.model.parameters()) == 4 * (2 + 4 + 2) + 5  # 37 in torch
    for sequence, target in KERAS:
        assert abs(typed.answer(job.model, data, sequence).values[0] - float(target)) < 0.5


# ---- reading typed text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shape",
    [
        ("30,31,32,33,34", (5, 1)),
        ("30 31 32", (3, 1)),
        ("1 2; 2 3; 3 4", (3, 2)),
        ("1,2;2,3;3,4", (3, 2)),
        ("[[1,2],[2,3],[3,4]]", (3, 2)),
        ("1，2；3，4", (2, 2)),
        ("[30, 31, 32]", (3, 1)),
        ("-1.5e2 .5 +3", (3, 1)),
        ("7", (1, 1)),
        ("1 2; 3 4;", (2, 2)),
    ],
)
def test_the_one_rule_for_a_sequence(text, shape):
    assert typed.parse_sequence(text).shape == shape


def test_typed_values_are_the_numbers_typed():
    np.testing.assert_array_equal(typed.parse_sequence("1 2; 3 4"), [[1, 2], [3, 4]])


@pytest.mark.parametrize(
    "rows, words",
    [
        ([("30,31,abc", "35")], ["Row 1", "'abc'", "not a number"]),
        ([("30,31,32", "35"), ("1,2", "3")], ["Row 2", "2 steps", "first row has 3"]),
        ([("1 2; 3", "4")], ["Row 1", "different numbers of features"]),
        ([("1;;2", "4")], ["Row 1", "step 2 is empty"]),
        ([("30,31", "x")], ["Row 1", "'x'", "not a number"]),
        ([("30,31", "")], ["Row 1", "target must be one number"]),
        ([("30,31", "1 2")], ["Row 1", "target must be one number"]),
        ([("", "35")], ["Row 1", "sequence is empty"]),
        ([("30,nan", "35")], ["Row 1", "'nan'", "not a number"]),
        ([("30,1e999", "35")], ["Row 1", "not a finite number"]),
        ([("30,31", "inf")], ["Row 1", "'inf'"]),
        ([], ["table is empty"]),
        ([(None, None), ("", " ")], ["table is empty"]),
    ],
)
def test_bad_rows_say_which_row_and_what_to_fix(rows, words):
    with pytest.raises(DataError) as err:
        typed.parse_rows(rows)
    for word in words:
        assert word in str(err.value)


def test_too_many_rows_are_refused_before_any_is_read():
    for n in (1_001, 10_001):
        with pytest.raises(DataError, match="at most 1,000"):
            typed.parse_rows([("not even read", "x")] * n)


def test_a_table_of_too_many_numbers_is_refused_at_its_first_row():
    row = (";".join(["1 " * 64] * 100), "1")  # 6,400 numbers a row, 1,000 rows: 6.4 million
    with pytest.raises(DataError, match="1,000,000"):
        typed.parse_rows([row] * 1_000)


def test_a_billion_claimed_steps_are_refused_before_allocation():
    huge = "1;" * 5_000_000  # 10 MB of text claiming 5 million steps
    tracemalloc.start()
    began = time.perf_counter()
    with pytest.raises(DataError, match="at most 512"):
        typed.parse_sequence(huge[: typed.MAX_CELL_CHARS])
    with pytest.raises(DataError, match="longer than"):
        typed.parse_sequence(huge)
    with pytest.raises(DataError, match="at most 512"):
        typed.parse_sequence("1," * 200_000)  # no ';': the count stops at 513
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5 * 2**20  # a list of the parts alone would take hundreds of MB
    assert time.perf_counter() - began < 5


def test_too_many_features_in_a_step():
    with pytest.raises(DataError, match="more than 64 features"):
        typed.parse_sequence(" ".join(["1"] * 65) + "; 1")


def test_one_series_mode_reads_numbers_and_skips_blanks():
    np.testing.assert_array_equal(typed.parse_series([1.0, None, np.nan, "2", 3]), [1, 2, 3])
    with pytest.raises(DataError, match="at least 3"):
        typed.parse_series([1.0, 2.0])
    with pytest.raises(DataError, match="at most 1,000"):
        typed.parse_series([1.0] * 1_001)


# ---- typed rows as training data --------------------------------------------------------


def test_scaling_is_fitted_per_column_inputs_and_target_apart():
    data = _typed(KERAS, "minmax")
    np.testing.assert_allclose(data.scaler.loc, [1, 2, 10])  # feature 1, feature 2, target
    np.testing.assert_allclose(data.scaler.scale, [10, 10, 20])
    assert data.values.min() == 0 and data.values.max() == 1
    np.testing.assert_allclose(data.target, [0, 0.5, 1])
    np.testing.assert_allclose(
        _typed(TOY, "none").values[:, :, 0],
        [[30, 31, 32, 33, 34], [32, 33, 34, 35, 36], [35, 36, 37, 38, 39]],
    )


def test_every_row_trains_and_validates_and_there_is_no_test_set():
    ws = _typed(TOY, "minmax").windows
    assert (ws.count("train"), ws.count("val"), ws.count("test")) == (3, 3, 0)
    np.testing.assert_array_equal(ws.splits["val"], ws.splits["train"])
    x, y = ws.batch("train", np.array([2, 0]))
    assert x.shape == (2, 5, 1) and y.shape == (2, 1) and x.dtype == np.float32
    assert ws.get(np.array([], int))[0].shape == (0, 5, 1)  # an empty split reads as empty
    assert ws.target_rows("test").size == 0


def test_a_typed_run_has_probes_a_validation_loss_and_a_trace():
    data, job, status = _trained(TOY, "minmax", hidden=4, epochs=3)
    assert len(status.val_loss) == 3  # measured on the training rows
    snaps = job.snapshots()
    assert snaps and snaps[-1].traces[0].inputs.shape == (5, 1)
    assert trace(job.model, data.values[0]).layers[0][0].h.shape == (5, 4)


def test_a_saved_typed_run_loads_with_its_rows_and_answers_the_same():
    data, job, _ = _trained(KERAS, "minmax", hidden=4, epochs=5)
    run = Run(job, data, Origin("typed", "abc"))
    model = load_model(run_bytes(run))
    saved = model.saved_data
    assert isinstance(saved, typed.TypedData)
    np.testing.assert_array_equal(saved.raw_inputs, data.raw_inputs)
    np.testing.assert_array_equal(saved.values, data.values)
    assert saved.cfg == data.cfg and saved.windows.count("train") == 3
    before = typed.answer(job.model, data, "1 2; 2 3; 3 4").values
    np.testing.assert_allclose(
        typed.answer(model, saved, "1 2; 2 3; 3 4").values, before, rtol=1e-6
    )
    assert {"data.x", "data.y"} <= set(run_bytes(run).split(b"\n")[0].decode("latin-1").split('"'))


# ---- a typed sequence for any series run ------------------------------------------------


def _csv_run():
    df = pd.DataFrame({"a": np.arange(60.0), "b": np.sin(np.arange(60.0)) + 10})
    data = prepare_series(df, SeriesConfig(target="b", features=("a", "b"), window=6))
    model = build_model(model_config_for(data, ModelConfig(cell="gru", hidden_size=4)), seed=0)
    return data, model


def test_a_typed_sequence_on_a_csv_run_is_scaled_with_its_scaler():
    data, model = _csv_run()
    got = typed.answer(model, data, "1 10; 2 10.5; 3 11; 4 10; 5 9.5; 6 10")
    raw = np.array([[1, 10], [2, 10.5], [3, 11], [4, 10], [5, 9.5], [6, 10]], np.float64)
    scaled = ((raw - data.scaler.loc[:2]) / data.scaler.scale[:2]).astype(np.float32)
    want = data.unscale_target(predict_scaled(model, scaled[None]))
    np.testing.assert_allclose(got.values, want, rtol=1e-6)
    assert (got.steps, got.window) == (6, 6)
    assert typed.answer(model, data, "1 10; 2 10").steps == 2  # another length still reads


def test_the_wrong_feature_count_on_predict_says_what_the_model_reads():
    data, model = _csv_run()
    with pytest.raises(DataError) as err:
        typed.answer(model, data, "1,2,3,4,5,6")
    assert "1 number(s) per step" in str(err.value) and "reads 2" in str(err.value)
    with pytest.raises(DataError, match="not a number"):
        typed.answer(model, data, "1 x; 2 3")


# ---- the app ------------------------------------------------------------------------------


def _typed_sample(at, key="temperatures"):
    page(at, "data")
    at.segmented_control(key="data_source").set_value("Type").run()
    at.button(key=f"typed_sample_{key}").click().run()
    assert not at.exception, at.exception
    return at


def test_type_a_sample_train_and_ask_for_36_to_40(app):
    at = _typed_sample(app)
    assert "Typed table" in texts(at.success)
    assert at.dataframe[-1].value.shape == (3, 6)  # t1..t5 and the target: a table, not a plot
    train(at, 100)
    page(at, "predict")
    assert "no test set" in texts(at.caption)
    at.text_input(key="typed_sequence").set_value("36,37,38,39,40").run()
    assert not at.exception, at.exception
    answer = at.metric[0]
    assert "answer" in answer.label and np.isfinite(float(answer.value))
    at.text_input(key="typed_sequence").set_value("36,37;38").run()
    assert "different numbers of features" in texts(at.error) and not at.exception
    for name in ("inside", "compare", "train", "model"):
        page(at, name)  # every page copes with separate samples and an empty test split


def test_editing_the_table_after_training_shows_the_other_data_note(app):
    at = _typed_sample(app)
    train(at, 2)
    page(at, "data")  # the page opens on "Type": the data in use are the typed table
    assert at.segmented_control(key="data_source").value == "Type"
    key = next(k for k in ("typed_table_rows_1", "typed_table_rows_2") if k in at.session_state)
    at.session_state[key] = {
        "edited_rows": {0: {"target": "36"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    page(at, "predict")
    assert "trained on" in texts(at.warning) and "other data" in texts(at.warning)


def test_a_bad_edit_shows_the_row_and_keeps_the_data(app):
    at = _typed_sample(app)
    key = next(k for k in at.session_state if str(k).startswith("typed_table_rows_"))
    at.session_state[key] = {
        "edited_rows": {1: {"sequence": "32,33,abc"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert "Row 2" in texts(at.error) and "'abc'" in texts(at.error)
    assert not at.exception and "Typed table" in texts(at.success)


def test_keras_rows_of_two_features_on_every_page(app):
    at = _typed_sample(app, "keras")
    train(at, 2)
    page(at, "predict")
    assert at.text_input(key="typed_sequence").value == "1 2; 2 3; 3 4"
    page(at, "inside")


def test_one_typed_series_takes_the_csv_path(app):
    page(app, "data")
    app.segmented_control(key="data_source").set_value("Type").run()
    app.radio(key="typed_mode").set_value("series").run()
    key = next(k for k in app.session_state if str(k).startswith("typed_table_series_"))
    app.session_state[key] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [{"value": float(10 + v % 7)} for v in range(40)],
    }
    app.run()
    assert not app.exception, app.exception
    assert "Typed series" in texts(app.success)
    assert app.get("plotly_chart")  # a series: plotted as one


def test_every_series_run_gets_the_box_and_a_text_run_does_not(app):
    at = load_sample(app, "temperature")
    train(at, 1)
    page(at, "predict")
    box = at.text_input(key="typed_sequence")
    cfg = state.RUN.get(at.session_state).data.cfg
    # The last window of 30 days in degrees, and the days its changes are taken from.
    assert box.value.count(",") == 29 + transforms.lag(cfg)
    last = state.RUN.get(at.session_state).data.raw_target[-1]
    assert float(box.value.split(",")[-1]) == pytest.approx(last, rel=1e-5)
    assert np.isfinite(float(at.metric[0].value)) and at.get("plotly_chart")  # test charts too
    box.set_value("10, 12, 11").run()
    assert "You typed 3 steps" in texts(at.caption) and not at.exception
    text = next(k for k, s in SAMPLES.items() if s.kind == "text")
    load_sample(at, text)
    train(at, 1)
    page(at, "predict")
    assert not any(w.key == "typed_sequence" for w in at.text_input)
