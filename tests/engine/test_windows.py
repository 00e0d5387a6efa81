"""Windows are views, splits are chronological, the scaler sees training rows only."""

import numpy as np
import pandas as pd
import pytest

from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.data.reader import DataError
from rnnviz.data.text import TextConfig, Vocab, prepare_text
from rnnviz.data.windows import Scaler, WindowSet


def test_many_to_one_pairs_match_the_series():
    series = np.arange(20, dtype=np.float32)
    ws = WindowSet(series[:, None], series, window=4, horizon=2)
    x, y = ws.get(np.array([0, 5]))
    assert x.shape == (2, 4, 1) and y.shape == (2, 1)
    np.testing.assert_array_equal(x[1, :, 0], [5, 6, 7, 8])
    assert y[1, 0] == 8 + 2  # value `horizon` steps after the window's last row
    assert len(ws) == 20 - 4 - 2 + 1


def test_many_to_many_is_the_window_shifted_by_horizon():
    series = np.arange(30, dtype=np.float32)
    ws = WindowSet(series[:, None], series, window=5, horizon=3, many_to_many=True)
    x, y = ws.get(np.array([7]))
    np.testing.assert_array_equal(y[0], x[0, :, 0] + 3)


def test_windows_are_views_not_copies():
    series = np.zeros((1_000_000, 1), np.float32)
    ws = WindowSet(series, series[:, 0], window=100)
    assert np.shares_memory(ws._x, series)
    x, _ = ws.get(np.arange(64))
    assert x.shape == (64, 100, 1)


def test_splits_are_chronological_and_targets_stay_in_their_part():
    n = 100
    series = np.arange(n, dtype=np.float32)
    ws = WindowSet(series[:, None], series, window=10, horizon=1, boundaries=(70, 85))
    train_t, val_t, test_t = (ws.target_rows(s) for s in ("train", "val", "test"))
    assert train_t.max() < 70 <= val_t.min() and val_t.max() < 85 <= test_t.min()
    assert train_t.max() < val_t.min() < test_t.min()


def _frame(n=200, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "date": pd.date_range("2020-01-01", periods=n, freq="D"),
            "temp": np.sin(np.arange(n) / 5) * 10 + 20 + rng.normal(0, 0.1, n),
            "wind": rng.uniform(0, 5, n),
        }
    )


def test_scaler_is_fitted_on_training_rows_only():
    df = _frame()
    df.loc[150:, "temp"] = 1000.0  # a huge value that only the test part holds
    cfg = SeriesConfig(
        target="temp", date_column="date", window=10, scaling="minmax", val_frac=0.1, test_frac=0.2
    )
    sd = prepare_series(df, cfg)
    n_train = sd.boundaries[0]
    assert n_train == 140
    train = sd.target[:n_train]
    assert train.min() == pytest.approx(0.0) and train.max() == pytest.approx(1.0)
    assert sd.target[-1] > 10  # test values lie far outside the training range: no leak
    np.testing.assert_allclose(sd.unscale_target(sd.target), df["temp"], rtol=1e-5)


def test_standard_scaling_and_features():
    df = _frame()
    sd = prepare_series(
        df, SeriesConfig(target="temp", features=("temp", "wind"), scaling="standard")
    )
    n_train = sd.boundaries[0]
    assert sd.input_size == 2
    assert abs(sd.values[:n_train].mean(0)).max() < 1e-4
    np.testing.assert_allclose(sd.values[:n_train].std(0), 1, atol=1e-3)


def test_missing_values_interpolated_or_dropped():
    df = _frame(50)
    df.loc[[10, 11, 30], "temp"] = np.nan
    filled = prepare_series(df, SeriesConfig(target="temp", window=5))
    assert filled.filled == 3 and len(filled.target) == 50
    assert np.isfinite(filled.target).all()
    dropped = prepare_series(df, SeriesConfig(target="temp", window=5, missing="drop"))
    assert len(dropped.target) == 47 and dropped.filled == 3


@pytest.mark.parametrize(
    "cfg",
    [
        SeriesConfig(target="temp", window=60),  # longer than the series allows
        SeriesConfig(target="nope"),
        SeriesConfig(target="label"),
    ],
)
def test_bad_choices_raise_data_error(cfg):
    df = _frame(60)
    df["label"] = "x"
    with pytest.raises(DataError) as err:
        prepare_series(df, cfg)
    assert len(str(err.value)) > 20


def test_constant_input_column_does_not_divide_by_zero():
    df = _frame(80)
    df["flat"] = 5.0
    sd = prepare_series(df, SeriesConfig(target="temp", features=("temp", "flat"), window=5))
    assert np.isfinite(sd.values).all()


def test_constant_target_is_refused():
    df = _frame(80)
    df["flat"] = 5.0
    with pytest.raises(DataError, match="never changes"):
        prepare_series(df, SeriesConfig(target="flat", window=5))


def test_infinite_cells_are_treated_as_missing():
    df = _frame(80)
    df.loc[10, "temp"] = np.inf
    sd = prepare_series(df, SeriesConfig(target="temp", window=5))
    assert np.isfinite(sd.target).all() and sd.filled == 1


def test_text_vocab_and_next_char_targets():
    text = "hello world, 你好世界. " * 20
    td = prepare_text(text, TextConfig(seq_len=8))
    assert set(td.vocab.chars) == set(text)
    x, y = td.windows.batch("train", np.arange(3))
    assert x.shape == (3, 8) and y.shape == (3, 8)
    np.testing.assert_array_equal(x[:, 1:], y[:, :-1])
    assert td.vocab.decode(x[0]) == text[:8]


def test_vocab_drops_unknown_characters():
    v = Vocab.from_text("abc")
    assert v.decode(v.encode("abxc")) == "abc"
    assert v.unknown("abxc") == ["x"]


@pytest.mark.parametrize("text", ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ab"])
def test_text_too_poor_or_too_short_raises(text):
    with pytest.raises(DataError):
        prepare_text(text, TextConfig(seq_len=16))


def test_scaler_roundtrip_dict():
    s = Scaler.fit(np.array([[1.0, 2.0], [3.0, 6.0]]), "minmax")
    s2 = Scaler.from_dict(s.to_dict())
    np.testing.assert_array_equal(s.loc, s2.loc)
    np.testing.assert_allclose(s.inverse(s.transform(np.array([[2.0, 4.0]]))[:, 1], 1), [4.0])


def test_long_tables_can_be_cut_to_the_newest_rows_or_thinned():
    df = _frame(1000)
    newest = prepare_series(df, SeriesConfig(target="temp", window=5, last_rows=300))
    assert len(newest.target) == 300
    assert newest.index[-1] == df["date"].iloc[-1].to_datetime64() or len(newest.index) == 300
    thin = prepare_series(df, SeriesConfig(target="temp", window=5, every_nth=4))
    assert len(thin.target) == 250
    np.testing.assert_allclose(thin.raw_target, df["temp"].to_numpy()[::4])
