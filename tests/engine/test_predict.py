"""Predictions in original units, naive baselines, forecasts and text generation."""

import numpy as np
import pandas as pd
import pytest
import torch

from rnnviz.analysis.predict import evaluate, forecast, future_index, generate, metrics
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.data.text import TextConfig, prepare_text
from rnnviz.model.network import ModelConfig, build_model


def _data(n=120, **kw):
    df = pd.DataFrame(
        {
            "date": pd.date_range("2021-01-01", periods=n, freq="D"),
            "y": 50 + 10 * np.sin(np.arange(n) * 2 * np.pi / 7),
        }
    )
    return prepare_series(df, SeriesConfig(target="y", date_column="date", window=14, **kw))


def test_metrics_by_hand():
    m = metrics(np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 1.0]))
    assert m["MAE"] == pytest.approx(1.0)
    assert m["RMSE"] == pytest.approx(np.sqrt(5 / 3))


def test_baselines_read_the_right_rows():
    data = _data()
    model = build_model(ModelConfig(cell="gru", input_size=1, hidden_size=4), seed=0)
    ev = evaluate(model, data, season=7)
    rows = data.windows.target_rows("test")
    np.testing.assert_allclose(ev.actual, data.raw_target[rows])
    np.testing.assert_allclose(ev.predictions["last_value"], data.raw_target[rows - 1])
    # A pure weekly sine: seasonal naive with season 7 is exact.
    assert ev.metrics["seasonal"]["MAE"] < 1e-9
    assert ev.index[0] == data.index[rows[0]]
    assert ev.predictions["model"].shape == ev.actual.shape


def test_model_predictions_are_in_original_units():
    data = _data()
    model = build_model(ModelConfig(cell="lstm", input_size=1, hidden_size=4), seed=0)
    pred = evaluate(model, data).predictions["model"]
    # An untrained model outputs small scaled values; unscaled they land near the data.
    assert 20 < np.mean(pred) < 80


def test_season_shorter_than_horizon_is_refused():
    data = _data(horizon=3)
    model = build_model(ModelConfig(cell="gru", input_size=1, hidden_size=4), seed=0)
    with pytest.raises(ValueError):
        evaluate(model, data, season=2)


def test_recursive_forecast_and_future_dates():
    data = _data()
    model = build_model(ModelConfig(cell="gru", input_size=1, hidden_size=4), seed=0)
    fc = forecast(model, data, 10)
    assert fc.shape == (10,) and np.isfinite(fc).all()
    fx = future_index(data.index, 10)
    assert fx[0] == data.index[-1] + np.timedelta64(1, "D") and len(fx) == 10


def test_many_to_many_model_predicts_last_step():
    data = _data(many_to_many=True)
    cfg = ModelConfig(cell="rnn_tanh", input_size=1, hidden_size=4, mode="many_to_many")
    ev = evaluate(build_model(cfg, seed=0), data)
    assert ev.predictions["model"].shape == ev.actual.shape


def test_generation_continues_the_prompt_and_reports_unknown_chars():
    td = prepare_text("abcabcabcabc" * 30, TextConfig(seq_len=8))
    cfg = ModelConfig(
        cell="gru", input_size=8, hidden_size=6, mode="char_lm", vocab_size=len(td.vocab)
    )
    g = generate(build_model(cfg, seed=0), td.vocab, "abz", length=25, temperature=1.0, seed=3)
    assert g.text.startswith("ab") and len(g.text) == 2 + 25
    assert set(g.text) <= set("abc")
    assert g.skipped == ["z"]
    assert g.activations.shape == (27, 6)
    again = generate(build_model(cfg, seed=0), td.vocab, "abz", length=25, temperature=1.0, seed=3)
    assert again.text == g.text


def test_generation_activations_equal_a_fresh_pass():
    td = prepare_text("hello world " * 40, TextConfig(seq_len=8))
    cfg = ModelConfig(
        cell="lstm", input_size=8, hidden_size=5, mode="char_lm", vocab_size=len(td.vocab)
    )
    model = build_model(cfg, seed=1)
    g = generate(model, td.vocab, "hel", length=10, seed=0)
    ids = torch.as_tensor(td.vocab.encode(g.text))[None]
    ref = model.rnn(model.embed(ids))[0][0].detach().numpy()
    np.testing.assert_allclose(g.activations, ref, atol=1e-5)
