"""The exported PyTorch script trains exactly the run the app trains.

Each case runs the script in a subprocess (CPU) and compares its loss per step with an
in-process TrainJob on the same settings, to 1e-5: reading, preparation, initial weights,
batch order, loss and optimizer step must all agree for that to hold.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np
import pytest

from rnnviz.data.prep import SeriesConfig
from rnnviz.data.text import TextConfig
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.script.writer import (
    ScriptSettings,
    cells,
    fingerprint,
    notebook,
    pytorch_script,
    settings_for,
)
from rnnviz.session.run import Origin, Run
from rnnviz.session.workspace import load_sample, load_upload, prepare
from rnnviz.train.job import TrainConfig, TrainJob
from scripts_run import ROOT, TOLERANCE, app_losses, run_notebook, run_script


def _reversed_bitcoin(tmp_path: Path) -> Path:
    """An "upload": the bitcoin sample newest row first, under a name with a space."""
    source = ROOT / "sample_data" / "bitcoin-daily.csv"
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "my prices.csv"
    path.write_text("\n".join([lines[0], *reversed(lines[1:1200])]) + "\n", encoding="utf-8-sig")
    return path


# name -> (data set, preparation, architecture, training)
CASES = {
    "series": (
        "temperature",
        SeriesConfig(target="Temp", features=("Temp",), date_column="Date", window=20),
        ModelConfig(cell="lstm", hidden_size=32),
        TrainConfig(epochs=2, device="cpu"),
    ),
    "upload": (
        "upload",
        SeriesConfig(
            target="Close",
            features=("Open", "Close", "Vol."),
            date_column="Date",
            window=10,
            horizon=2,
            many_to_many=True,
            scaling="standard",
        ),
        ModelConfig(cell="gru", hidden_size=16, bidirectional=True),
        TrainConfig(epochs=2, batch_size=32, lr=0.01, optimizer="sgd", seed=5, device="cpu"),
    ),
    # A stacked table: the script keeps the one station the app trained on.
    "stacked": (
        "file:stations_stacked.csv",
        SeriesConfig(
            target="TMAX",
            features=("TMAX", "TMIN"),
            date_column="DATE",
            window=7,
            series_column="NAME",
            series_value="ISLIP, NY US",
        ),
        ModelConfig(cell="gru", hidden_size=8),
        TrainConfig(epochs=3, device="cpu"),
    ),
    # -200 for "no reading": the script reads it as missing, as the app does.
    "codes": (
        "file:sensor_minus200.csv",
        SeriesConfig(target="CO(GT)", features=("CO(GT)", "T"), date_column="Date Time", window=12),
        ModelConfig(cell="lstm", hidden_size=8),
        TrainConfig(epochs=2, device="cpu"),
    ),
    "text": (
        "shakespeare",
        TextConfig(seq_len=32, max_chars=12_000),
        ModelConfig(cell="lstm", hidden_size=24, num_layers=2, dropout=0.2),
        TrainConfig(epochs=2, batch_size=16, clip_grad_norm=0.5, seed=3, device="cpu"),
    ),
}


def _case(name: str, tmp_path: Path):
    """(settings, dataset, the file to pass or None) of a case."""
    key, prep_cfg, arch, train_cfg = CASES[name]
    if key == "upload":
        path = _reversed_bitcoin(tmp_path)
        ds = load_upload(path.name, path.read_bytes())
    elif key.startswith("file:"):
        path = ROOT / "tests" / "data" / "real" / key[5:]
        ds = load_upload(path.name, path.read_bytes())
    else:
        path, ds = None, load_sample(key)
    data = prepare(ds, prep_cfg)
    sort_by = {"upload": "Date"}.get(key, prep_cfg.date_column if path else None)
    codes = tuple((c.column, c.value) for c in ds.codes)
    settings = ScriptSettings(
        prep_cfg,
        model_config_for(data, arch),
        train_cfg,
        ds.label,
        sort_by,
        fingerprint(data),
        codes=codes,
    )
    return settings, ds, data, path


@pytest.mark.subprocess
@pytest.mark.parametrize("name", list(CASES))
def test_the_script_trains_the_same_run_as_the_app(name, tmp_path):
    settings, _, data, path = _case(name, tmp_path)
    train_loss, val_loss = app_losses(settings, data)
    got_train, got_val, stdout = run_script(pytorch_script(settings), tmp_path, path)
    assert len(got_train) == len(train_loss) > 4
    np.testing.assert_allclose(got_train, train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(got_val, val_loss, rtol=0, atol=TOLERANCE)
    assert "Note:" not in stdout  # it read the data the app prepared
    assert stdout.count("epoch ") == settings.train.epochs


@pytest.mark.subprocess
def test_the_losses_really_depend_on_the_settings(tmp_path):
    """The comparison can fail: another seed gives other initial weights and another order."""
    settings, _, data, _ = _case("series", tmp_path)
    other = ScriptSettings(
        settings.data,
        settings.model,
        TrainConfig(epochs=1, seed=1, device="cpu"),
        settings.source,
        expect=settings.expect,
    )
    first, _ = app_losses(settings, data)
    second, _ = app_losses(other, data)
    assert abs(first[0] - second[0]) > 10 * TOLERANCE


@pytest.mark.subprocess
def test_the_notebook_is_the_script_cut_into_cells(tmp_path):
    settings, *_ = _case("text", tmp_path)
    book = json.loads(notebook(settings).decode("utf-8"))
    assert book["nbformat"] == 4 and book["metadata"]["kernelspec"]["name"] == "python3"
    sources = ["".join(c["source"]) for c in book["cells"]]
    assert all(c["cell_type"] == "code" and c["outputs"] == [] for c in book["cells"])
    assert "".join(sources) == pytorch_script(settings)
    assert len(sources) == 7  # imports, then sections 1-6
    assert all(s.startswith(f"# %% {k}.") for k, s in enumerate(sources[1:], start=1))
    assert len({c["id"] for c in book["cells"]}) == len(sources)


@pytest.mark.subprocess
def test_the_notebook_runs_in_a_kernel(tmp_path):
    """In Jupyter sys.argv holds the kernel's arguments: the cells must ignore them."""
    settings, _, data, _ = _case("text", tmp_path)
    settings = ScriptSettings(
        settings.data,
        settings.model,
        TrainConfig(epochs=1, device="cpu"),
        settings.source,
        expect=settings.expect,
    )
    nb = tmp_path / "run.ipynb"
    nb.write_bytes(notebook(settings))
    got = run_notebook(nb, "[h[1] for h in ns['history']]")
    np.testing.assert_allclose(got, app_losses(settings, data)[0], rtol=0, atol=TOLERANCE)


def test_cells_keep_every_character():
    text = "head\n# %% 1. a\nx = 1\n# %% 2. b\n# %%x not a section\n"
    assert cells(text) == ["head\n", "# %% 1. a\nx = 1\n", "# %% 2. b\n# %%x not a section\n"]


def test_names_from_a_file_stay_inside_their_strings():
    hostile = "x'\n\"\"\"\nimport os; os.system('echo hi')  # \u2028"
    settings = ScriptSettings(
        SeriesConfig(target=hostile, features=(hostile, "b")),
        ModelConfig(input_size=2),
        TrainConfig(),
        f"{hostile}.csv",
        hostile,
    )
    code = pytorch_script(settings)
    tree = ast.parse(code)
    section_2 = code[: code.index("\n# %% 2.")].count("\n") + 1  # the settings end there
    values = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id.isupper()
        and node.lineno < section_2
    }
    assert values["TARGET"] == values["SORT_BY"] == hostile
    assert values["INPUTS"] == [hostile, "b"]
    assert values["DATA_FILE"] == f"{hostile}.csv"
    assert not any(
        isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno > 30 for node in tree.body
    )  # no statement smuggled in after the imports


def test_settings_of_a_run_name_its_sample_and_check_its_data():
    ds = load_sample("airline")
    prep_cfg = SeriesConfig(
        target="Passengers", features=("Passengers",), date_column="Month", window=12
    )
    data = prepare(ds, prep_cfg)
    cfg = model_config_for(data, ModelConfig(cell="rnn_relu", hidden_size=8))
    job = TrainJob(build_model(cfg, 0), data.windows, TrainConfig(device="cpu"))
    run = Run(job, data, Origin.of(ds))
    settings = settings_for(run, ds)
    assert settings.source == "airline" and settings.sort_by == "Month"
    weighted = round(float((data.raw_target * np.arange(1, 145)).sum()), 6)
    assert settings.expect == (144, round(float(data.raw_target.sum()), 6), weighted)
    code = pytorch_script(settings)
    assert "ROWS = [" in code and "DATA_FILE" not in code  # the prepared rows, carried
    assert "nn.RNN(" in code and "nonlinearity='relu'" in code
    compile(code, "script.py", "exec")
    # Without its data set (a loaded model), the script reads the sample's file.
    code = pytorch_script(settings_for(run))
    assert "DATA_FILE = 'airline-passengers.csv'" in code and "ROWS = [" not in code
    compile(code, "script.py", "exec")


def _test_mae(stdout: str) -> tuple[float, float]:
    line = next(ln for ln in stdout.splitlines() if ln.startswith("test MAE "))
    words = line.replace("(", " ").replace(")", " ").split()
    return float(words[2]), float(words[5])


@pytest.mark.subprocess
@pytest.mark.parametrize("transform", ["level", "diff", "seasonal_diff", "log_diff"])
def test_the_script_predicts_what_the_app_predicts_for_every_transform(transform, tmp_path):
    """Changes taken, scaled robustly, the best weights put back: the script's test MAE in
    the target's units is the app's."""
    from rnnviz.analysis.predict import evaluate

    ds = load_sample("airline")
    prep_cfg = SeriesConfig(
        target="Passengers",
        date_column="Month",
        window=13,
        season=12,
        target_transform=transform,
        scaling="robust",
    )
    data = prepare(ds, prep_cfg)
    train_cfg = TrainConfig(epochs=40, lr=0.03, device="cpu", val_every=3, seed=2)
    arch = model_config_for(data, ModelConfig(cell="gru", hidden_size=8))
    settings = ScriptSettings(prep_cfg, arch, train_cfg, ds.label, None, fingerprint(data))
    model = build_model(settings.model, train_cfg.seed)
    status = TrainJob(model, data.windows, train_cfg).run()
    got_train, got_val, stdout = run_script(pytorch_script(settings), tmp_path, None)
    np.testing.assert_allclose(got_train, status.train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(got_val, status.val_loss, rtol=0, atol=TOLERANCE)
    ev = evaluate(model, data)
    mae, naive = _test_mae(stdout)
    assert naive == pytest.approx(ev.metrics["last_value"]["MAE"], rel=1e-6)
    assert mae == pytest.approx(ev.metrics["model"]["MAE"], rel=1e-4)
    assert status.restored and "kept the weights of step" in stdout  # the restore path ran
    assert "Note:" not in stdout
