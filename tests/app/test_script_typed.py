"""The exported script of a run on typed rows carries the rows and trains the app's run.

The script has no file to read: the rows are Python literals in it. Run in a subprocess it
must print the losses the app's TrainJob gives on the same settings (to 1e-5) and, at the
end, the trained model's answer for each row in the units typed.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from apphelpers import page, train
from rnnviz.data import typed
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.script.typed_parts import rows_of
from rnnviz.script.writer import (
    ScriptSettings,
    file_name,
    notebook,
    pytorch_script,
    settings_for,
)
from rnnviz.session.run import Origin, Run
from rnnviz.session.workspace import Dataset, default_series_config, prepare
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.ui import state
from scripts_run import TOLERANCE, app_losses, run_notebook, run_script

pytestmark = pytest.mark.usefixtures("fresh_sessions")

# name -> (typed sample, scaling, architecture, training)
CASES = {
    # The tutorial's own set-up: raw 30-40 degrees into tanh, Adam lr 0.01, batch 3.
    "raw temperatures": (
        "temperatures",
        "none",
        ModelConfig(cell="rnn_tanh", hidden_size=10),
        TrainConfig(lr=0.01, batch_size=3, epochs=5, clip_grad_norm=0.0, device="cpu"),
    ),
    "minmax temperatures": (
        "temperatures",
        "minmax",
        ModelConfig(cell="lstm", hidden_size=8),
        TrainConfig(lr=0.02, batch_size=2, epochs=4, seed=3, device="cpu"),
    ),
    "keras, two features": (
        "keras",
        "minmax",
        ModelConfig(cell="rnn_tanh", hidden_size=4),
        TrainConfig(lr=0.01, batch_size=1, epochs=2, seed=1, device="cpu"),
    ),
    # No head: the GRU's single unit is the answer (hidden size = one target).
    "keras, no head": (
        "keras",
        "standard",
        ModelConfig(cell="gru", hidden_size=1, head="none"),
        TrainConfig(
            optimizer="sgd",
            lr=0.05,
            batch_size=2,
            epochs=3,
            clip_grad_norm=0.5,
            seed=2,
            device="cpu",
        ),
    ),
}
ANSWER = re.compile(r"^row (\d+): the model answers (\S+), the target is (\S+)$", re.MULTILINE)


def _case(name: str):
    sample, scaling, arch, train_cfg = CASES[name]
    rows = typed.TYPED_SAMPLES[sample].rows
    x, _ = typed.parse_rows(rows)
    data = typed.prepare_typed(rows, typed.default_config(x, scaling))
    settings = ScriptSettings(
        data.cfg, model_config_for(data, arch), train_cfg, "typed", rows=rows_of(data)
    )
    return settings, data


def _app_answers(settings: ScriptSettings, data) -> np.ndarray:
    """The app's run trained again, then asked about each row (as Predict's box asks)."""
    model = build_model(settings.model, settings.train.seed)
    assert TrainJob(model, data.windows, settings.train).run().state == "done"
    texts = [
        "; ".join(" ".join(repr(float(v)) for v in step) for step in row) for row in data.raw_inputs
    ]
    return np.array([typed.answer(model, data, text).values[0] for text in texts])


@pytest.mark.subprocess
@pytest.mark.parametrize("name", list(CASES))
def test_the_typed_script_trains_the_same_run_and_answers_the_same(name, tmp_path):
    settings, data = _case(name)
    train_loss, val_loss = app_losses(settings, data)
    got_train, got_val, stdout = run_script(pytorch_script(settings), tmp_path, None)
    assert len(got_train) == len(train_loss) >= 4
    np.testing.assert_allclose(got_train, train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(got_val, val_loss, rtol=0, atol=TOLERANCE)
    assert stdout.count("epoch ") == settings.train.epochs
    printed = ANSWER.findall(stdout)
    assert [int(k) for k, _, _ in printed] == [1, 2, 3]
    assert [float(v) for _, _, v in printed] == list(data.raw_target)
    # Printed with 4 decimals, in the units typed (not the scaled ones).
    np.testing.assert_allclose(
        [float(a) for _, a, _ in printed], _app_answers(settings, data), rtol=0, atol=1e-3
    )


@pytest.mark.subprocess
def test_a_script_scaled_otherwise_does_not_match(tmp_path):
    """The comparison can fail: the script's own scaling code decides its losses."""
    settings, data = _case("minmax temperatures")
    other = replace(settings, data=replace(settings.data, scaling="standard"))
    got, _, _ = run_script(pytorch_script(other), tmp_path, None)
    assert abs(got[0] - app_losses(settings, data)[0][0]) > 10 * TOLERANCE


def _literals(code: str) -> dict:
    """The values of X = np.array(...) and Y = np.array(...) in a script."""
    tree = ast.parse(code)
    found = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in ("X", "Y")
        ):
            value = node.value
            if isinstance(value, ast.Subscript):  # np.array([...])[..., None]
                value = value.value
            if isinstance(value, ast.Call) and value.args:
                found[node.targets[0].id] = ast.literal_eval(value.args[0])
    return found


def test_the_rows_are_float_literals_equal_to_the_numbers_typed():
    """Long rows wrap over lines; every value comes back bit for bit; nothing else is code."""
    x = np.random.default_rng(0).normal(size=(4, 60, 1)) * 1e-7  # repr like -1.2345e-07
    x[0, 0, 0] = -0.0
    y = np.array([12345.678, -2.5, 3.0, 0.1])
    data = typed.build(x, y, typed.default_config(x, "none"))
    settings = ScriptSettings(
        data.cfg, model_config_for(data, ModelConfig()), TrainConfig(), "typed", rows=rows_of(data)
    )
    code = pytorch_script(settings)
    values = _literals(code)
    np.testing.assert_array_equal(np.array(values["X"])[..., None], x)
    np.testing.assert_array_equal(values["Y"], y)
    rows = [line for line in code.splitlines() if re.match(r"    [-\d\[]", line)]
    assert len(rows) > 4 and max(len(line) for line in rows) <= 96  # wrapped, not one line
    assert "DATA_FILE" not in code and "read_csv" not in code and "import pandas" not in code
    with pytest.raises(ValueError, match="finite"):
        pytorch_script(
            ScriptSettings(
                data.cfg,
                settings.model,
                TrainConfig(),
                "typed",
                rows=(x, np.array([np.nan, 1.0, 2.0, 3.0])),
            )
        )


@pytest.mark.subprocess
def test_the_typed_notebook_runs_in_a_kernel(tmp_path):
    settings, data = _case("keras, two features")
    nb = tmp_path / "run.ipynb"
    nb.write_bytes(notebook(settings))
    book = json.loads(nb.read_text(encoding="utf-8"))
    assert [s["source"][0][:7] for s in book["cells"][1:]] == [f"# %% {k}." for k in range(1, 8)]
    losses, answers, asked = run_notebook(
        nb,
        "[[h[1] for h in ns['history']], [float(a) for a in ns['answers']],"
        " float(ns['predict']([[1, 2], [2, 3], [3, 4]]))]",
    )
    np.testing.assert_allclose(losses, app_losses(settings, data)[0], rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(answers, _app_answers(settings, data), rtol=0, atol=1e-5)
    assert asked == pytest.approx(answers[0], abs=1e-9)  # predict() takes a tutorial's list


def test_settings_of_a_typed_run_carry_its_rows():
    _, data = _case("minmax temperatures")
    cfg = model_config_for(data, ModelConfig(cell="rnn_tanh", hidden_size=4))
    job = TrainJob(build_model(cfg, 0), data.windows, TrainConfig(device="cpu"))
    settings = settings_for(Run(job, data, Origin("Typed table", "abc")))
    assert settings.is_typed and settings.sort_by is None
    np.testing.assert_array_equal(settings.rows[0], data.raw_inputs)
    assert file_name(settings) == "rnnviz_rnn_tanh_typed_rows.py"
    assert "Typed table" not in pytorch_script(settings)  # the label is not needed anywhere


@pytest.fixture
def deferred_downloads(monkeypatch):
    """{file name: callable} of the page's deferred downloads (the script and notebook are
    made only when clicked, so AppTest holds the callables, not the bytes)."""
    made = {}
    real = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        made[file_name] = data_callable
        return real(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return made


def _downloaded_script(made: dict) -> tuple[str, str]:
    """The downloaded script's name and code: it compiles, and the notebook's cells join
    back into it."""
    name = next(n for n in made if n and n.endswith(".py"))
    code = made[name]()
    compile(code, name, "exec")
    book = json.loads(made[name.replace(".py", ".ipynb")]())
    assert "".join("".join(c["source"]) for c in book["cells"]) == code
    return name, code


def test_the_train_page_downloads_the_typed_script(app, deferred_downloads):
    made = deferred_downloads
    """The bytes behind the page's download button: the rows are in them and they compile."""
    page(app, "data")
    app.segmented_control(key="data_source").set_value("Type").run()
    app.button(key="typed_sample_temperatures").click().run()
    at = train(app, 1)
    assert "no data file needed" in at.download_button(key="download_script").help
    name, code = _downloaded_script(made)
    assert name.endswith("_typed_rows.py")
    assert "[30.0, 31.0, 32.0, 33.0, 34.0]," in code and "[35.0, 37.0, 40.0]" in code
    run = state.RUN.get(at.session_state)
    np.testing.assert_array_equal(_literals(code)["Y"], run.data.raw_target)


# ---- one typed series: a one-column table the script builds instead of reading a file ----

SINE = [f"{np.sin(k / 4):.4f}" for k in range(60)]  # as a learner types them: text
# name -> (preparation changes, architecture, training, whether the page still holds the table)
SERIES_CASES = {
    "as typed, many-to-one": (
        {},
        ModelConfig(cell="lstm", hidden_size=8),
        TrainConfig(epochs=3, batch_size=8, lr=0.01, device="cpu"),
        True,
    ),
    # After the data changed (or from a saved file): the run's own rows, already cut.
    "cut, many-to-many, data gone": (
        {
            "last_rows": 50,
            "every_nth": 2,
            "horizon": 2,
            "many_to_many": True,
            "scaling": "standard",
        },
        ModelConfig(cell="gru", hidden_size=6),
        TrainConfig(epochs=3, batch_size=4, optimizer="sgd", lr=0.05, seed=4, device="cpu"),
        False,
    ),
}


def _typed_series(label="Typed series", typed_mark=True):
    values = typed.parse_series(SINE)
    return Dataset(
        label, "series", table=pd.DataFrame({"value": values}), digest="sine", typed=typed_mark
    )


def _series_run(name: str, ds=None):
    changes, arch, train_cfg, held = SERIES_CASES[name]
    ds = ds or _typed_series()
    data = prepare(ds, replace(default_series_config(ds), **changes))
    cfg = model_config_for(data, arch)
    run = Run(
        TrainJob(build_model(cfg, train_cfg.seed), data.windows, train_cfg), data, Origin.of(ds)
    )
    return settings_for(run, ds if held else None), data, ds


def _values_literal(code: str) -> list:
    node = next(
        n
        for n in ast.parse(code).body
        if isinstance(n, ast.Assign)
        and isinstance(n.targets[0], ast.Name)
        and n.targets[0].id == "VALUES"
    )
    return ast.literal_eval(node.value)


@pytest.mark.subprocess
@pytest.mark.parametrize("name", list(SERIES_CASES))
def test_the_typed_series_script_trains_the_same_run(name, tmp_path):
    settings, data, ds = _series_run(name)
    assert settings.typed == "series" and file_name(settings) == (
        f"rnnviz_{settings.model.cell}_typed_series.py"
    )
    code = pytorch_script(settings)
    assert "DATA_FILE" not in code and "read_csv" not in code and "SORT_BY" not in code
    held = SERIES_CASES[name][3]
    # As typed (the script makes the cuts), or the rows the run kept (it makes none).
    wanted = ds.table["value"] if held else data.raw_target
    assert _values_literal(code) == [float(v) for v in wanted]
    assert (settings.data.last_rows, settings.data.every_nth) == (
        (None, 1) if not held else (data.cfg.last_rows, data.cfg.every_nth)
    )
    train_loss, val_loss = app_losses(settings, data)
    got_train, got_val, stdout = run_script(code, tmp_path, None)
    assert len(got_train) == len(train_loss) >= 6
    np.testing.assert_allclose(got_train, train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(got_val, val_loss, rtol=0, atol=TOLERANCE)
    assert "Note:" not in stdout  # the rows rnnviz prepared (EXPECTED matches)
    assert f"{60 if held else 25} typed numbers" in stdout


def test_the_mark_not_the_label_makes_a_typed_series_script():
    """A file that happens to carry the label is a file: the script carries the rows read
    from it (or reads it from disk), never as typed numbers; a typed series under any
    language's label carries its numbers; the mark survives a saved file's metadata."""
    named_like_it = _typed_series(typed_mark=False)
    settings, _, _ = _series_run("as typed, many-to-one", named_like_it)
    code = pytorch_script(settings)
    assert settings.typed is None and "ROWS = [" in code and "VALUES = [" not in code
    assert "DATA_FILE = 'Typed series'" in pytorch_script(replace(settings, table=None))
    settings, _, ds = _series_run("as typed, many-to-one", _typed_series("输入的序列"))
    assert settings.typed == "series" and "输入的序列" not in pytorch_script(settings)
    assert Origin.from_dict(Origin.of(ds).to_dict()).typed is True
    assert Origin.from_dict({"label": "x", "typed": "yes"}).typed is False
    with pytest.raises(ValueError, match="finite"):
        pytorch_script(replace(settings, series=(1.0, float("inf"), 2.0)))


def test_the_train_page_downloads_the_typed_series_script(app, deferred_downloads):
    made = deferred_downloads
    """Type a series on the Data page, train: the script holds the numbers and compiles."""
    page(app, "data")
    app.segmented_control(key="data_source").set_value("Type").run()
    app.radio(key="typed_mode").set_value("series").run()
    key = next(k for k in app.session_state if str(k).startswith("typed_table_series_"))
    app.session_state[key] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [{"value": float(v)} for v in SINE],
    }
    app.run()
    assert not app.exception, app.exception
    at = train(app, 1)
    assert "series you typed" in at.download_button(key="download_script").help
    name, code = _downloaded_script(made)
    assert name.endswith("_typed_series.py") and "DATA_FILE" not in code
    assert "0.0, 0.2474, 0.4794," in code and _values_literal(code) == [float(v) for v in SINE]
