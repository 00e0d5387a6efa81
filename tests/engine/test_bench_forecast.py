"""The forecast bench's own arithmetic (bench/forecast.py): the old window, the naive
baselines, and scoring every method on the test rows they share. A tiny synthetic series
and one short training run; statsforecast only where it is installed."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from bench import forecast
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.session.workspace import Dataset
from rnnviz.train.job import TrainConfig


def series(n: int = 80) -> pd.DataFrame:
    t = np.arange(n)
    dates = pd.date_range("2000-01-01", periods=n, freq="MS")
    return pd.DataFrame({"Month": dates, "y": 100 + 10 * np.sin(2 * np.pi * t / 12) + t})


def test_old_window_reads_a_tenth_of_an_upload_and_a_samples_own():
    assert [forecast.old_window(n) for n in (5, 36, 144, 3650)] == [2, 3, 14, 30]
    assert forecast.old_window(3650, sample_window=12) == 12


def test_legacy_config_is_the_level_min_max_and_the_old_window():
    base = SeriesConfig(target="y", window=13, scaling="robust", target_transform="diff", season=12)
    old = forecast.legacy_config(base, 144)
    assert (old.target_transform, old.scaling, old.window, old.season) == (
        "level",
        "minmax",
        14,
        12,
    )


def test_naive_forecasts_read_the_value_one_step_and_one_season_back():
    y = np.arange(20, dtype=float) * 2
    at = np.array([3, 10, 19])
    preds = forecast.naive_forecasts(y, at, season=4)
    np.testing.assert_array_equal(preds["last value"], y[at - 1])
    assert np.isnan(preds["seasonal naive"][0])  # row 3 has no value a season back
    np.testing.assert_array_equal(preds["seasonal naive"][1:], y[[6, 15]])
    assert "seasonal naive" not in forecast.naive_forecasts(y, at, season=None)
    assert forecast.mae(y[at], preds["last value"]) == 2.0


def test_common_rows_are_the_dates_every_method_has():
    dates = pd.date_range("2000-01-01", periods=10, freq="D").to_numpy()
    rows = forecast.common_rows([dates[3:], dates[5:], dates[4:]])
    np.testing.assert_array_equal(rows, dates[5:])
    np.testing.assert_array_equal(forecast.positions(dates[4:], rows), np.arange(1, 6))
    with pytest.raises(KeyError):
        forecast.positions(dates[6:], rows)


def test_spread_is_std_over_mean():
    assert forecast.spread([2.0, 2.0]) == 0.0
    assert forecast.spread([1.0, 3.0]) == pytest.approx(0.5)


def test_methods_with_other_windows_are_scored_on_the_same_test_targets():
    """Two preparations whose test sets start on different rows, trained briefly, score
    on the shared rows; the naive baseline's MAE there is read off the series itself."""
    ds = Dataset("tiny.csv", "series", table=series())
    base = SeriesConfig(target="y", date_column="Month", window=3)
    tcfg = TrainConfig(epochs=1, device="cpu", seed=0)
    runs = [
        forecast.train_and_predict(ds, replace(base, window=w, test_frac=f), tcfg)
        for w, f in ((3, 0.15), (6, 0.2))
    ]
    assert len(runs[0].index) != len(runs[1].index)
    ref = prepare_series(ds.table, base)
    rows = forecast.common_rows(
        [ref.index[ref.windows.target_rows("test")]] + [r.index for r in runs]
    )
    at = forecast.positions(ref.index, rows)
    actual = ref.raw_target[at]
    res = forecast.Result("tiny", 80, "monthly", 12, {}, {}, {}, len(at))
    forecast.score_method(res, forecast.Method("m", runs), rows, actual)
    assert not res.notes  # every run's test targets are the series' own values
    assert np.isfinite(res.maes["m"]) and res.seconds["m"] > 0
    last = forecast.naive_forecasts(ref.raw_target, at, 12)["last value"]
    steps = np.abs(np.diff(ref.raw_target))
    assert forecast.mae(actual, last) == pytest.approx(np.mean(steps[at - 1]))


def test_peer_forecasts_never_read_the_targets_they_predict():
    """Where statsforecast is installed (make bench); without it the peers are absent,
    not broken (make test installs only the app's requirements)."""
    import importlib.util

    if importlib.util.find_spec("statsforecast") is None:
        assert forecast.peer_models(12) is None
        return
    from statsforecast.models import AutoETS

    y = series(120)["y"].to_numpy()
    make = lambda: AutoETS(season_length=12)  # noqa: E731
    before = forecast.peer_forecast(make, y, 100, 3000)
    changed = y.copy()
    changed[110:] += 1000  # the future after row 109 only
    after = forecast.peer_forecast(make, changed, 100, 3000)
    assert len(before) == 20
    np.testing.assert_allclose(after[:11], before[:11])  # up to row 110: y[:110] alone
    assert not np.allclose(after[11:], before[11:])
