"""Why a baseline wins: the share of test targets past the training range, each cause with
its fix, and a prediction chart that opens on the newest points."""

import numpy as np
import pandas as pd

from rnnviz import figures
from rnnviz.analysis import diagnose
from rnnviz.data.prep import SeriesConfig, prepare_series


def _data(values, **kw) -> object:
    df = pd.DataFrame({"y": np.asarray(values, np.float64)})
    return prepare_series(df, SeriesConfig(target="y", window=kw.pop("window", 5), **kw))


def test_outside_share_counts_test_targets_past_the_training_range():
    rising = _data(np.arange(200.0))
    assert diagnose.outside_share(rising) == 1.0  # every test value is above training's max
    flat = _data(np.sin(np.arange(200.0)))
    assert diagnose.outside_share(flat) < 0.05


def test_a_trend_blames_the_range_and_fixes_it_with_changes():
    found = diagnose.causes(_data(np.arange(200.0) + np.sin(np.arange(200.0))), "last_value", None)
    assert found[0].code == "range" and found[0].values["share"] == "100%"
    assert found[0].fix.target_transform == "diff"


def test_a_short_window_under_a_season_widens_it():
    y = np.tile([1.0, 5, 2, 8, 3, 9, 4, 7, 2, 6, 1, 5], 20)
    found = {c.code: c for c in diagnose.causes(_data(y), "seasonal", 12)}
    assert found["season"].fix.window == 13
    assert "season" not in {c.code for c in diagnose.causes(_data(y, window=13), "seasonal", 12)}


def test_few_windows_are_named_without_a_data_fix():
    found = {c.code: c for c in diagnose.causes(_data(np.sin(np.arange(60.0))), "last_value", None)}
    assert found["few_windows"].fix is None and found["few_windows"].values["windows"] < 100
    assert "few_windows" not in {
        c.code for c in diagnose.causes(_data(np.sin(np.arange(600.0))), "last_value", None)
    }


def test_prediction_chart_opens_on_the_newest_points_with_a_range_slider():
    x = np.arange(1000)
    fig = figures.prediction_figure(
        x,
        np.ones(1000),
        {"model": np.ones(1000)},
        forecast_x=np.arange(1000, 1010),
        forecast=np.ones(10),
        zoom=200,
    )
    assert tuple(fig.layout.xaxis.range) == (800.0, 1009.0)
    assert fig.layout.xaxis.rangeslider.visible
    whole = figures.prediction_figure(x, np.ones(1000), {"model": np.ones(1000)})
    assert whole.layout.xaxis.range is None
    dates = np.arange("2020-01-01", "2022-09-27", dtype="datetime64[D]")
    dated = figures.prediction_figure(
        dates, np.ones(len(dates)), {"model": np.ones(len(dates))}, zoom=100
    )
    assert dated.layout.xaxis.range[0].startswith(str(dates[-100]))
