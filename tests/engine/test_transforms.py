"""What the network predicts: each transform's round trip to the target's own units, the
fallbacks, robust scaling, forecasts and typed windows from changes, and saved files."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import torch

from rnnviz.analysis.predict import evaluate, forecast
from rnnviz.data import transforms
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.data.reader import DataError
from rnnviz.data.typed import answer, recent_inputs
from rnnviz.data.windows import Scaler
from rnnviz.files import model_file, run_data
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for

ROWS = 120


def _table(values=None) -> pd.DataFrame:
    t = np.arange(ROWS, dtype=np.float64)
    y = 100 + 2 * t + 10 * np.sin(2 * np.pi * t / 12) if values is None else values
    return pd.DataFrame({"date": pd.date_range("2000-01-01", periods=ROWS, freq="MS"), "y": y})


def _cfg(transform: str, **kw) -> SeriesConfig:
    return SeriesConfig(
        target="y", date_column="date", window=6, target_transform=transform, season=12, **kw
    )


def _model(data, seed=0):
    return build_model(model_config_for(data, ModelConfig(cell="gru", hidden_size=4)), seed=seed)


@pytest.mark.parametrize("transform", transforms.TRANSFORMS)
@pytest.mark.parametrize("scaling", ["minmax", "standard", "robust", "none"])
def test_true_targets_come_back_as_the_levels(transform, scaling):
    data = prepare_series(_table(), _cfg(transform, scaling=scaling))
    assert data.cfg.target_transform == transform
    rows = data.windows.target_rows("test")
    back = data.levels(data.targets[rows, 0], rows)
    np.testing.assert_allclose(back, data.raw_target[rows], rtol=1e-5)


@pytest.mark.parametrize(
    "transform,lag", [("level", 0), ("diff", 1), ("seasonal_diff", 12), ("log_diff", 1)]
)
def test_what_the_network_reads_is_the_hand_computed_change(transform, lag):
    df = _table()
    data = prepare_series(df, _cfg(transform, scaling="none"))
    y = df["y"].to_numpy()
    hand = {
        "level": y,
        "diff": y[1:] - y[:-1],
        "seasonal_diff": y[12:] - y[:-12],
        "log_diff": np.log(y[1:]) - np.log(y[:-1]),
    }[transform]
    assert len(data.raw_target) == ROWS - lag  # the first lag rows have no change
    np.testing.assert_allclose(data.target, hand, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(data.values[:, 0], hand, rtol=1e-5, atol=1e-5)  # input == output
    np.testing.assert_allclose(data.raw_target, y[lag:])
    assert data.index[0] == df["date"].iloc[lag]


def test_a_prediction_becomes_a_level_by_hand():
    """A predicted change of 3 (network units: none) on a base of 110 is 113; its log twin
    is 110 * e^0.03."""
    df = _table()
    for transform, expected in (
        ("diff", lambda b: b + 3.0),
        ("log_diff", lambda b: b * np.exp(3.0)),
    ):
        data = prepare_series(df, _cfg(transform, scaling="none"))
        rows = data.windows.target_rows("test")[:4]
        got = data.levels(np.full(4, 3.0), rows)
        np.testing.assert_allclose(got, expected(data.raw_target[rows - 1]))


def test_evaluate_scores_the_model_in_original_units():
    data = prepare_series(_table(), _cfg("diff"))
    model = _model(data)
    ev = evaluate(model, data, season=12)
    rows = data.windows.target_rows("test")
    np.testing.assert_allclose(ev.actual, data.raw_target[rows])
    np.testing.assert_allclose(ev.predictions["last_value"], data.raw_target[rows - 1])
    scaled = torch.no_grad()(model)(
        torch.from_numpy(data.windows.batch("test", np.arange(len(rows)))[0])
    ).numpy()[:, 0]
    hand = data.raw_target[rows - 1] + data.scaler.inverse(scaled, column=1)
    np.testing.assert_allclose(ev.predictions["model"], hand, rtol=1e-5)


def test_forecast_of_changes_adds_them_up():
    """Fed back one step at a time, each predicted change adds to the level before it."""
    data = prepare_series(_table(), _cfg("diff", scaling="none"))
    model = _model(data)
    steps = forecast(model, data, 4)
    assert steps.shape == (4,)
    window = data.values[-6:].copy()
    level, hand = data.raw_target[-1], []
    with torch.no_grad():
        for _ in range(4):
            z = float(model(torch.from_numpy(window[None].astype(np.float32)))[0, 0])
            level += z
            hand.append(level)
            window = np.vstack([window[1:], [[z]]])
    np.testing.assert_allclose(steps, hand, rtol=1e-5)


def test_seasonal_forecast_takes_its_base_from_one_season_back():
    """Past one season, the base is the forecast's own level from a season before."""
    data = prepare_series(_table(), _cfg("seasonal_diff", scaling="none"))
    model = _model(data)
    steps = forecast(model, data, 14)
    window, levels = data.values[-6:].copy(), list(data.raw_target)
    with torch.no_grad():
        for _ in range(14):
            z = float(model(torch.from_numpy(window[None].astype(np.float32)))[0, 0])
            levels.append(levels[-12] + z)
            window = np.vstack([window[1:], [[z]]])
    np.testing.assert_allclose(steps, levels[-14:], rtol=1e-5)


def test_log_of_zero_or_negative_falls_back_to_the_change_with_a_note():
    values = np.linspace(-5, 50, ROWS) + np.sin(np.arange(ROWS))
    data = prepare_series(_table(values), _cfg("log_diff"))
    assert data.cfg.target_transform == "diff"
    assert any("logarithm" in n for n in data.notes)


@pytest.mark.parametrize("season", [None, 1, 60])
def test_no_usable_season_falls_back_to_the_change(season):
    data = prepare_series(_table(), replace(_cfg("seasonal_diff"), season=season))
    assert data.cfg.target_transform == "diff"
    assert any("season" in n for n in data.notes)


def test_a_constant_change_is_refused_naming_the_transform():
    with pytest.raises(DataError, match="change"):
        prepare_series(_table(np.arange(ROWS) * 2.0), _cfg("diff"))
    prepare_series(_table(np.arange(ROWS) * 2.0), _cfg("level"))  # the level moves


def test_gaps_dropped_under_a_change_are_noted():
    values = _table()["y"].to_numpy().copy()
    values[[20, 40]] = np.nan
    data = prepare_series(_table(values), _cfg("diff", missing="drop"))
    assert any("dropped" in n for n in data.notes)


def test_robust_scaling_uses_median_and_iqr():
    x = np.array([[1.0], [2.0], [3.0], [4.0], [1000.0]])
    s = Scaler.fit(x, "robust")
    assert s.loc[0] == 3.0 and s.scale[0] == 2.0  # median 3, IQR 4 - 2
    mostly = Scaler.fit(np.array([[0.0], [0.0], [0.0], [0.0], [8.0]]), "robust")
    assert mostly.scale[0] == 8.0  # IQR 0: the range


def test_typed_window_reads_changes_and_answers_a_level():
    data = prepare_series(_table(), _cfg("diff"))
    model = _model(data)
    typed = "100, 104, 103, 107, 110, 112, 115"
    got = answer(model, data, typed)
    x = np.diff(np.array([100, 104, 103, 107, 110, 112, 115.0]))[:, None]
    scaled = data.scaler.part(slice(0, 1)).transform(x)
    with torch.no_grad():
        out = float(model(torch.from_numpy(scaled[None]))[0, 0])
    np.testing.assert_allclose(got.values[-1], 115 + data.scaler.inverse(out, column=1), rtol=1e-5)
    with pytest.raises(DataError, match="more than 1"):
        answer(model, data, "100")


def test_typed_default_sequence_is_in_levels():
    data = prepare_series(_table(), _cfg("diff"))
    np.testing.assert_allclose(recent_inputs(data, 7)[:, 0], data.raw_target[-7:], rtol=1e-6)


@pytest.mark.parametrize("transform", ["level", "diff", "seasonal_diff", "log_diff"])
def test_a_saved_run_predicts_the_same_after_loading(transform):
    data = prepare_series(_table(), _cfg(transform, scaling="robust"))
    model = _model(data)
    before = evaluate(model, data).predictions["model"]
    raw = model_file.model_bytes(model, run_data.describe(data), run_data.tensors(data))
    loaded = model_file.load_model(raw)
    again = loaded.saved_data
    assert again.cfg == data.cfg
    np.testing.assert_allclose(evaluate(loaded, again).predictions["model"], before, rtol=1e-6)


def test_a_file_without_a_transform_loads_as_the_level():
    data = prepare_series(_table(), _cfg("level"))
    prep = run_data.describe(data)
    for key in ("target_transform", "season"):
        prep["config"].pop(key)
    loaded = model_file.load_model(
        model_file.model_bytes(_model(data), prep, run_data.tensors(data))
    )
    assert loaded.saved_data.cfg.target_transform == "level"
    assert loaded.saved_data.base is None


def test_a_file_claiming_changes_without_their_base_is_refused():
    data = prepare_series(_table(), _cfg("diff"))
    arrays = run_data.tensors(data)
    arrays.pop("data.base")
    with pytest.raises(ValueError):
        model_file.load_model(model_file.model_bytes(_model(data), run_data.describe(data), arrays))


def test_a_horizon_longer_than_the_test_part_says_so():
    data = prepare_series(_table(), replace(_cfg("diff"), horizon=40))
    assert any("longer than the test part (12 rows)" in n for n in data.notes)
    assert not any("test part" in n for n in prepare_series(_table(), _cfg("diff")).notes)
    with pytest.raises(DataError, match="horizon of 90"):  # no window at all: refused
        prepare_series(_table(), replace(_cfg("level"), horizon=90))
