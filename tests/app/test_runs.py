"""A trained model keeps its own data (a Run): changing the Data page after training never
changes what Inside and Predict show, and a saved model file carries its run's data.

Each change is made after training; every page must then render, and Inside/Predict must
show the values of the data the model was trained on (checked against the prepared data
captured at training time and against what the pages showed before the change).
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import load_sample, page, texts, train
from conftest import ROOT
from rnnviz.train.snapshots import probe_starts
from rnnviz.ui.state import PREPARED, RUN

PAGES = sorted(p.stem for p in (ROOT / "views").glob("*.py"))
OCTET = "application/octet-stream"


pytestmark = pytest.mark.usefixtures("fresh_sessions")  # each test trains its own job


def _new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


# ---- reading figures -------------------------------------------------------------------


def _chart(at, key: str) -> dict:
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key)]
    assert found, f"no chart {key}: {[c.proto.id[-20:] for c in at.get('plotly_chart')]}"
    return json.loads(found[0].proto.spec)


def _array(value) -> np.ndarray:
    """A plotly JSON array: base64 with a dtype (and a shape), or a plain list."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            out = out.reshape([int(n) for n in str(value["shape"]).split(",")])
        return out
    return np.asarray(value)


def _inside(at, k: int) -> dict:
    """Inside, probe sequence k (1-based): the input trace and the hidden-state heatmap."""
    page(at, "inside")
    at.selectbox(key="inside_seq").set_value(f"validation sequence {k}").run()
    assert not at.exception, at.exception
    spec = _chart(at, "hidden_anim")
    shown = spec["data"][1]  # [0] is the cursor; [1] the first input line or the characters
    heat = next(d for d in spec["data"] if d["type"] == "heatmap")
    return {
        "inputs": shown["text"] if "text" in shown else _array(shown["y"]),
        "h": _array(heat["z"]),
    }


def _predict(at) -> dict:
    """Predict's metrics table and the prediction chart's arrays (series runs)."""
    page(at, "predict")
    table = at.dataframe[0].value
    spec = _chart(at, "prediction_chart")
    return {
        "metrics": table.select_dtypes("number").to_numpy(np.float64),
        "lines": [_array(d["y"]) for d in spec["data"]],
        "x": [
            d["x"] if isinstance(d["x"], list) else _array(d["x"]).tolist() for d in spec["data"]
        ],
    }


def _views(at, text: bool) -> dict:
    views = {"inside1": _inside(at, 1), "inside2": _inside(at, 2)}
    _inside(at, 1)  # leave sequence 1 chosen: sequence 2 is then drawn anew after the change
    if not text:
        views["predict"] = _predict(at)
    return views


def _same(a: dict, b: dict) -> None:
    for name in a:
        if name.startswith("inside"):
            assert list(a[name]["inputs"]) == list(b[name]["inputs"]), name
            np.testing.assert_array_equal(a[name]["h"], b[name]["h"], err_msg=name)
        else:
            np.testing.assert_allclose(a[name]["metrics"], b[name]["metrics"], rtol=1e-6, atol=1e-6)
            assert len(a[name]["lines"]) == len(b[name]["lines"])
            for x, y in zip(a[name]["lines"], b[name]["lines"], strict=True):
                np.testing.assert_allclose(x, y, rtol=1e-6, atol=1e-6)
            assert a[name]["x"] == b[name]["x"]


def _expected_inputs(prepared, k: int) -> np.ndarray:
    """Probe sequence k's first input column in the data the model was trained on (a
    series in its original units, as the Inside page shows it)."""
    x, _ = prepared.windows.get(probe_starts(prepared.windows, 2))
    if x.ndim == 3:
        return prepared.scaler.inverse(x[k - 1][:, 0], 0).astype(np.float32)
    return x[k - 1]


# ---- the changes made after training ------------------------------------------------------


def _add_input(at):
    page(at, "data")
    at.multiselect(key="feature_cols").set_value(["Open", "Close"]).run()


def _change_target(at):
    page(at, "data")
    at.selectbox(key="target_col").set_value("Open").run()


def _change_window(at):
    page(at, "data")
    at.number_input(key="window").set_value(6).run()


def _other_sample(key):
    return lambda at: load_sample(at, key)


CHANGES = {  # name: (sample trained on, change)
    "add_input": ("bitcoin", _add_input),
    "change_target": ("bitcoin", _change_target),
    "change_window": ("airline", _change_window),
    "series_to_text": ("airline", _other_sample("shakespeare")),
    "text_to_series": ("shakespeare", _other_sample("airline")),
    "another_sample": ("airline", _other_sample("temperature")),
}


def _small_model(at, text: bool) -> None:
    if text:
        page(at, "data")
        at.slider(key="seq_len").set_value(32).run()
    page(at, "model")
    at.select_slider(key="hidden_size").set_value(8).run()


def _trained(sample: str) -> tuple[AppTest, object]:
    at = _new_app()
    load_sample(at, sample)
    _small_model(at, sample == "shakespeare")
    prepared = PREPARED.get(at.session_state)  # what the model is about to be trained on
    train(at, epochs=1)
    assert "Finished" in texts(at.success)
    return at, prepared


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_on_the_data_page_after_training_leaves_the_run_its_data(change):
    sample, make_change = CHANGES[change]
    text = sample == "shakespeare"
    at, prepared = _trained(sample)
    before = _views(at, text)
    if not text:
        np.testing.assert_array_equal(before["inside1"]["inputs"], _expected_inputs(prepared, 1))
    make_change(at)
    assert not at.exception, at.exception
    assert PREPARED.get(at.session_state) is not prepared  # the Data page holds other data now
    for name in PAGES:
        page(at, name)
    after = _views(at, text)
    _same(before, after)
    if text:
        chars = "".join(after["inside2"]["inputs"])
        assert chars == "".join(before["inside2"]["inputs"]) and len(chars) == 32
    else:
        np.testing.assert_array_equal(after["inside2"]["inputs"], _expected_inputs(prepared, 2))
        rows = prepared.windows.target_rows("test")
        np.testing.assert_allclose(
            after["predict"]["lines"][0], prepared.raw_target[rows].astype(np.float32)
        )
    for name in ("inside", "predict", "train"):  # one line names the run's data, with a way on
        page(at, name)
        assert at.button(key="run_train_new"), name
        line = [w.value for w in at.warning if "trained on" in w.value]
        assert len(line) == 1, (name, texts(at.warning))


def test_bitcoin_close_then_open_added_predict_works():
    """The issue's first reproduction: RuntimeError input.size(-1) ... Expected 1, got 2."""
    at, _ = _trained("bitcoin")
    _add_input(at)
    page(at, "predict")
    assert {"MAE", "RMSE"} <= set(at.dataframe[0].value.columns)


def test_airline_then_shakespeare_inside_works():
    """The issue's second reproduction: Inside read the current (text) data: TypeError."""
    at, _ = _trained("airline")
    load_sample(at, "shakespeare")
    page(at, "inside")
    assert at.get("plotly_chart")


def test_train_new_on_the_current_data_starts_a_run_on_them():
    at, prepared = _trained("airline")
    _change_window(at)
    page(at, "predict")
    at.button(key="run_train_new").click().run()
    from apphelpers import join_workers

    join_workers()
    at.run()
    assert not at.exception, at.exception
    run = RUN.get(at.session_state)
    assert run.data.cfg.window == 6 and run.data is not prepared
    page(at, "predict")
    assert not [w for w in at.warning if "trained on" in w.value]


# ---- a saved model carries its run ---------------------------------------------------------


def _load_file(at, raw: bytes) -> None:
    page(at, "model")
    at.file_uploader(key="model_upload").upload("run.safetensors", raw, OCTET).run()
    assert not at.exception, at.exception
    at.button(key="use_loaded").click().run()
    assert not at.exception, at.exception
    assert "Loaded" in texts(at.success)


@pytest.mark.parametrize("sample, other", [("bitcoin", "airline"), ("shakespeare", "temperature")])
def test_a_saved_model_predicts_the_same_in_a_fresh_session_on_other_data(sample, other):
    from rnnviz.session.run import run_bytes

    at, _ = _trained(sample)
    text = sample == "shakespeare"
    if not text:
        _add_input(at)  # two input columns; then train again on them
        train(at, epochs=1)
    before = _views(at, text)
    raw = run_bytes(RUN.get(at.session_state))

    fresh = _new_app()
    load_sample(fresh, other)
    _load_file(fresh, raw)
    after = _views(fresh, text)
    _same(before, after)
    run = RUN.get(fresh.session_state)
    assert run.data.cfg == RUN.get(at.session_state).data.cfg
    page(fresh, "predict")  # the file's data are not the Data page's: one line says so
    assert [w for w in fresh.warning if "trained on" in w.value]


def test_a_loaded_run_needs_no_data_on_the_data_page():
    from rnnviz.data.samples import SAMPLES
    from rnnviz.files import run_data
    from rnnviz.files.model_file import model_bytes
    from rnnviz.model.network import ModelConfig, build_model
    from rnnviz.model.sizes import model_config_for
    from rnnviz.safe_text import md
    from rnnviz.session.run import Origin
    from rnnviz.session.workspace import default_series_config, prepare
    from rnnviz.session.workspace import load_sample as sample

    ds = sample("airline")
    data = prepare(ds, default_series_config(ds))
    model = build_model(model_config_for(data, ModelConfig(cell="lstm", hidden_size=4)), seed=1)
    prep = {**run_data.describe(data), "dataset": Origin.of(ds).to_dict()}
    at = _new_app()
    _load_file(at, model_bytes(model, prep, run_data.tensors(data)))
    assert md(SAMPLES["airline"].title) in texts(at.caption)  # the file names its data
    for name in ("inside", "predict", "train"):
        page(at, name)
        assert not [i for i in at.info if "No data yet" in i.value], name
    page(at, "predict")
    rows = data.windows.target_rows("test")
    np.testing.assert_allclose(_predict(at)["lines"][0], data.raw_target[rows].astype(np.float32))
