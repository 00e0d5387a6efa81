"""The pages wired to column roles, training length, original units and the text prompt:
real-shaped files get the right first guess and the warnings, the inputs follow
the target until the user picks them, the default run is long enough, "train longer"
resumes, and the prompt is the user's own text."""

import base64
import json
import math
from pathlib import Path

import numpy as np
import pytest

from apphelpers import join_workers, load_sample, page, texts, train, upload
from rnnviz.data import roles
from rnnviz.safe_text import md
from rnnviz.session.workspace import default_series_config, load_upload, prepare
from rnnviz.ui import state

SHAPES = Path(__file__).parent.parent / "data" / "real_shapes"
FILES = sorted(p.name for p in SHAPES.glob("*.csv"))
SMALL = ("shampoo_sales.csv", "small_monthly.csv", "yearly_water.csv")
# date column, target, inputs: what a user means, never a counter or a calendar
CHOSEN = {
    "constant_first.csv": ("Date", "Level", ["Level"]),
    "pm25_hourly.csv": ("date", "pm2.5", ["pm2.5"]),
    "shampoo_sales.csv": ("Month", "Sales", ["Sales"]),
    "small_monthly.csv": ("Date", "Visitors", ["Visitors"]),
    "yearly_water.csv": ("Year", "Water", ["Water"]),
}


pytestmark = pytest.mark.usefixtures("fresh_sessions")  # each test trains its own job


def _upload(app, name):
    return upload(app, name, (SHAPES / name).read_bytes())


def _expected_warnings(name, cfg=None):
    """What the engine says about the first guess (or `cfg`: what Auto chose from it), as
    the page formats it (Markdown)."""
    ds = load_upload(name, (SHAPES / name).read_bytes())
    cfg = cfg or default_series_config(ds)
    data = prepare(ds, cfg)
    found = roles.check_choice(
        ds.table,
        roles.default_roles(ds.table),
        cfg.target,
        cfg.inputs,
        cfg.window,
        int(data.boundaries[0]),
        cfg.horizon,
    )
    return [w.format(md) for w in found]


@pytest.mark.parametrize("name", FILES)
def test_upload_chooses_date_target_inputs_and_warns(app, name):
    _upload(app, name)
    date, target, inputs = CHOSEN[name]
    assert app.selectbox(key="date_col").value == date
    assert app.selectbox(key="target_col").value == target
    assert app.multiselect(key="feature_cols").value == inputs
    assert "The model reads:" in texts(app.info)
    shown = texts(app.warning)
    expected = _expected_warnings(name, state.PREP_CFG.get(app.session_state))
    for text in expected:
        assert text in shown
    if name in SMALL:  # 36-79 rows: fewer training pairs than a model needs
        assert expected and "training pairs" in shown
    else:
        assert "row counter" not in shown and "calendar year" not in shown


def test_a_counter_as_target_is_warned_about_on_data_and_train(app):
    _upload(app, "pm25_hourly.csv")
    app.selectbox(key="target_col").set_value("No").run()
    assert "looks like a row counter" in texts(app.warning)
    page(app, "train")
    assert "looks like a row counter" in texts(app.warning)


def test_inputs_follow_the_target_until_the_user_picks_them(app):
    _upload(app, "pm25_hourly.csv")
    app.selectbox(key="target_col").set_value("TEMP").run()
    assert app.multiselect(key="feature_cols").value == ["TEMP"]
    app.selectbox(key="target_col").set_value("DEWP").run()
    assert app.multiselect(key="feature_cols").value == ["DEWP"]
    assert state.PREP_CFG.get(app.session_state).inputs == ("DEWP",)
    # The user picks inputs: from now on a new target joins them.
    app.multiselect(key="feature_cols").set_value(["DEWP", "PRES"]).run()
    app.selectbox(key="target_col").set_value("TEMP").run()
    assert app.multiselect(key="feature_cols").value == ["DEWP", "PRES", "TEMP"]
    assert "TEMP" in texts(app.info) and "PRES" in texts(app.info)
    # ...unless the user took it out.
    app.multiselect(key="feature_cols").set_value(["DEWP", "PRES"]).run()
    assert "is not among the input features" in texts(app.warning)
    app.selectbox(key="target_col").set_value("Iws").run()
    app.selectbox(key="target_col").set_value("TEMP").run()
    assert app.multiselect(key="feature_cols").value == ["DEWP", "PRES", "Iws"]


@pytest.mark.parametrize("name", SMALL)
def test_default_epochs_give_at_least_500_steps_on_small_files(app, name):
    _upload(app, name)
    page(app, "train")
    epochs = app.number_input(key="epochs").value
    batch = app.select_slider(key="batch_size").value
    pairs = state.PREPARED.get(app.session_state).windows.count("train")
    assert math.ceil(pairs / batch) * epochs >= 500
    assert f"≈ {math.ceil(pairs / batch) * epochs:,} steps" in texts(app.caption)


def test_epochs_typed_by_the_user_stay(app):
    _upload(app, "small_monthly.csv")
    page(app, "train")
    app.number_input(key="epochs").set_value(7).run()
    _upload(app, "shampoo_sales.csv")
    page(app, "train")
    assert app.number_input(key="epochs").value == 7


def test_auto_epochs_follow_the_data(app):
    _upload(app, "pm25_hourly.csv")
    page(app, "train")
    big = app.number_input(key="epochs").value
    _upload(app, "small_monthly.csv")
    page(app, "train")
    assert app.number_input(key="epochs").value == 500 != big


def test_train_longer_resumes_the_runs_job(app):
    _upload(app, "shampoo_sales.csv")  # trending sales: one step of training loses to last value
    train(app, epochs=1)
    assert "(MSE) on min-max-scaled values" in texts(app.caption)
    run = state.RUN.get(app.session_state)
    before = run.job.status().step
    page(app, "predict")
    assert "The model loses to" in texts(app.warning)
    app.button(key="train_longer").click().run()
    assert not app.exception, app.exception
    join_workers()
    assert run.job.cfg.epochs == 2
    assert run.job.status().step == 2 * before
    assert state.TRAIN_CFG.get(app.session_state).epochs == 2


def test_inside_shows_inputs_in_original_units(app):
    _upload(app, "small_monthly.csv")
    train(app, epochs=2)
    page(app, "inside")
    assert "in original units" in texts(app.caption)
    run = state.RUN.get(app.session_state)
    x = run.job.recorder.x[0][:, 0]  # the first probe sequence, scaled
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    strip = spec["data"][1]["y"]
    if isinstance(strip, dict):  # plotly sends float32 arrays as base64
        strip = np.frombuffer(base64.b64decode(strip["bdata"]), np.float32)
    np.testing.assert_allclose(strip, run.data.scaler.inverse(x, 0), rtol=1e-5)
    assert np.max(strip) > 100  # visitors, not 0..1


def test_prompt_is_the_start_of_a_line_of_tiny_shakespeare(app):
    load_sample(app, "shakespeare")
    app.number_input(key="max_chars").set_value(20_000).run()
    app.slider(key="seq_len").set_value(32).run()
    page(app, "model")
    app.select_slider(key="hidden_size").set_value(16).run()
    train(app, epochs=1)
    page(app, "predict")
    prompt = app.text_input(key="prompt").value
    text = state.RUN.get(app.session_state).data.text
    assert prompt and prompt != "ROMEO:"
    assert any(line.strip().startswith(prompt) for line in text.splitlines())
