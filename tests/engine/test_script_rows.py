"""The exported script trains on the rows the app prepared, whatever the file's date format.

Each case reads a file as an upload, prepares it and exports the script as the Train page
does (script.settings_for with the data set), runs the script in a subprocess and compares
its losses with the app's, to 1e-5. Dates that pandas reads wrongly one cell at a time
(day-first, month labels), a year column, split year/month columns, a date column beside a
time-of-day column, a stacked table and # comment lines above the header are all decided
by rnnviz's reader; the script must see the same rows in the same order.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnnviz.data.prep import SeriesConfig
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.script.writer import ScriptSettings, fingerprint, pytorch_script, settings_for
from rnnviz.session.run import Origin, Run
from rnnviz.session.workspace import load_upload, prepare
from rnnviz.train.job import TrainConfig, TrainJob
from scripts_run import TOLERANCE, app_losses, run_script

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"


def _values(n: int) -> np.ndarray:
    """A wavy, drifting series: the order of the rows matters to it."""
    k = np.arange(n)
    return np.round(10 + 0.05 * k + 3 * np.sin(k / 5) + np.cos(k / 2.3), 3)


def _daily(fmt: str, n: int = 400, newest_first: bool = True) -> bytes:
    days = pd.date_range("2021-01-31", periods=n, freq="D")
    rows = [f"{d.strftime(fmt)},{v}" for d, v in zip(days, _values(n), strict=True)]
    rows = rows[::-1] if newest_first else rows
    return ("Date,Value\n" + "\n".join(rows) + "\n").encode()


def _csv(header: str, labels: list) -> bytes:
    """A time column of `labels` and a value column."""
    values = _values(len(labels))
    return (
        header
        + "\n"
        + "\n".join(f"{label},{v}" for label, v in zip(labels, values, strict=True))
        + "\n"
    ).encode()


def _month_labels() -> bytes:
    """The textbook shampoo layout: "1-01" ... "9-12", year-month of a relative year;
    newest first."""
    labels = [f"{y}-{m:02d}" for y in range(1, 10) for m in range(1, 13)][::-1]
    return _csv("Month,Sales", labels)


def _years() -> bytes:
    return _csv("Year,Count", list(range(1850, 2000))[::-1])


def _split_months() -> bytes:
    rows = [(y, m) for y in range(1990, 2002) for m in range(1, 13)][::-1]  # newest first
    return (
        "year,month,value\n"
        + "\n".join(f"{y},{m},{v}" for (y, m), v in zip(rows, _values(len(rows)), strict=True))
        + "\n"
    ).encode()


def _commented() -> bytes:
    """A station's export: # comment lines above the header."""
    return b"# Station 12, daily means\n# exported 2022-01-01\n" + _daily("%Y-%m-%d", 300)


GRU = ModelConfig(cell="gru", hidden_size=8)
ONE = TrainConfig(epochs=1, batch_size=16, device="cpu")
# name -> (file name, its bytes, preparation)
CASES = {
    "iso": (
        "iso.csv",
        lambda: _daily("%Y-%m-%d"),
        SeriesConfig("Value", date_column="Date", window=10),
    ),
    "day first": (
        "dayfirst.csv",
        lambda: _daily("%d/%m/%Y"),
        SeriesConfig("Value", date_column="Date", window=10),
    ),
    "month first": (
        "monthfirst.csv",
        lambda: _daily("%m/%d/%Y"),
        SeriesConfig("Value", date_column="Date", window=10),
    ),
    "month labels": (
        "shampoo.csv",
        _month_labels,
        SeriesConfig("Sales", date_column="Month", window=6),
    ),
    "years": ("years.csv", _years, SeriesConfig("Count", date_column="Year", window=8)),
    "split year and month": (
        "split.csv",
        _split_months,
        SeriesConfig("value", date_column="date", window=8),
    ),
    "comment lines": (
        "station.csv",
        _commented,
        SeriesConfig("Value", date_column="Date", window=10),
    ),
    "date and time": (
        "sensor_minus200.csv",
        lambda: (REAL / "sensor_minus200.csv").read_bytes(),
        SeriesConfig("CO(GT)", features=("CO(GT)", "T"), date_column="Date Time", window=12),
    ),
    "stacked": (
        "stations_stacked.csv",
        lambda: (REAL / "stations_stacked.csv").read_bytes(),
        SeriesConfig(
            "TMAX",
            features=("TMAX", "TMIN"),
            date_column="DATE",
            window=7,
            series_column="NAME",
            series_value="ISLIP, NY US",
        ),
    ),
}


def _exported(name: str):
    """(script settings as the Train page makes them, the app's prepared data)."""
    file, raw, prep_cfg = CASES[name]
    ds = load_upload(file, raw())
    data = prepare(ds, prep_cfg)
    cfg = model_config_for(data, GRU)
    job = TrainJob(build_model(cfg, ONE.seed), data.windows, ONE)
    return settings_for(Run(job, data, Origin.of(ds)), ds), data


@pytest.mark.subprocess
@pytest.mark.parametrize("name", list(CASES))
def test_the_script_trains_on_the_rows_the_app_prepared(name, tmp_path):
    settings, data = _exported(name)
    train_loss, val_loss = app_losses(settings, data)
    code = pytorch_script(settings)
    assert "ROWS = [" in code and "DATA_FILE" not in code  # carried: no file to read
    got_train, got_val, stdout = run_script(code, tmp_path, None)
    assert len(got_train) == len(train_loss) > 4
    np.testing.assert_allclose(got_train, train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(got_val, val_loss, rtol=0, atol=TOLERANCE)
    assert "Note:" not in stdout


def test_the_fingerprint_sees_the_order_of_the_rows():
    ds = load_upload("iso.csv", _daily("%Y-%m-%d", newest_first=False))
    data = prepare(ds, CASES["iso"][2])
    first = fingerprint(data)
    data.raw_target = data.raw_target[::-1].copy()
    assert fingerprint(data) != first and fingerprint(data)[:2] == first[:2]


@pytest.mark.subprocess
@pytest.mark.parametrize("name", ["day first", "month labels"])
def test_a_script_that_reads_the_file_reads_its_dates_as_the_app_does(name, tmp_path):
    """The file path (rows too many to carry, or a run without its data set): the script
    sorts by rnnviz's own date rules, copied from rnnviz/data/dates.py."""
    settings, data = _exported(name)
    reread = replace(settings, table=None)  # no rows carried: the script reads the file
    file, raw, _ = CASES[name]
    path = tmp_path / file
    path.write_bytes(raw())
    code = pytorch_script(reread)
    assert f"DATA_FILE = {file!r}" in code and "def read_day_month(" in code
    train_loss, val_loss = app_losses(settings, data)
    got_train, got_val, stdout = run_script(code, tmp_path, path)
    np.testing.assert_allclose(got_train, train_loss, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(got_val, val_loss, rtol=0, atol=TOLERANCE)
    assert "Note:" not in stdout


@pytest.mark.subprocess
def test_a_file_with_its_rows_in_another_order_is_noted(tmp_path):
    """Two values swapped between their dates: the same rows and sum, another order."""
    settings, _ = _exported("iso")
    lines = _daily("%Y-%m-%d").decode().splitlines()
    (d1, v1), (d2, v2) = lines[100].split(","), lines[200].split(",")
    lines[100], lines[200] = f"{d1},{v2}", f"{d2},{v1}"
    path = tmp_path / "iso.csv"
    path.write_text("\n".join(lines) + "\n")
    _, _, stdout = run_script(pytorch_script(replace(settings, table=None)), tmp_path, path)
    assert "Note: these are not the rows rnnviz trained on" in stdout


def test_the_carried_rows_are_literals_equal_to_the_prepared_numbers():
    settings, data = _exported("day first")
    code = pytorch_script(settings)
    tree = ast.parse(code)
    rows = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "ROWS"
    )
    got = np.array(ast.literal_eval(rows), dtype=np.float64)
    np.testing.assert_array_equal(got[:, 0], data.raw_target)
    assert "DATA_FILE" not in code and "read_csv" not in code


def test_column_names_of_carried_rows_stay_inside_their_strings():
    hostile = "x'\n\"\"\"\nimport os; os.system('echo hi')  # \u2028"
    cfg = SeriesConfig(target=hostile, features=(hostile, "b"))
    rows = np.array([[1.5, np.nan], [2.0, -0.0]])
    settings = ScriptSettings(
        cfg, ModelConfig(input_size=2), TrainConfig(), "f.csv", table=((hostile, "b"), rows)
    )
    tree = ast.parse(pytorch_script(settings))
    values = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id.isupper()
    }
    assert values["COLUMNS"] == [hostile, "b"] and values["TARGET"] == hostile
    assert values["ROWS"] == [[1.5, None], [2.0, -0.0]]
    assert not any(
        isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno > 30 for node in tree.body
    )


@pytest.mark.subprocess
def test_the_notebook_of_carried_rows_runs_in_a_kernel(tmp_path):
    from rnnviz.script.writer import notebook
    from scripts_run import run_notebook

    settings, data = _exported("stacked")
    nb = tmp_path / "run.ipynb"
    nb.write_bytes(notebook(settings))
    got = run_notebook(nb, "[h[1] for h in ns['history']]")
    np.testing.assert_allclose(got, app_losses(settings, data)[0], rtol=0, atol=TOLERANCE)
