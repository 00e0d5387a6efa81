"""Codes in, labels out: the engine keys predictions, race entries, gate panels and Lab
curves by stable codes in every language; only the figures and tables translate them, and
a downloaded CSV has the same header in English and in Chinese."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from apphelpers import load_sample, page, train
from conftest import ROOT
from rnnviz import figures, i18n
from rnnviz.analysis.predict import evaluate
from rnnviz.analysis.probe import trace
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.experiments import exploding, race
from rnnviz.model.network import ModelConfig, build_model


@pytest.fixture
def chinese():
    """The engine's thread speaks Chinese for one test."""
    i18n.use("zh")
    yield
    i18n.use("en")


def _series():
    df = pd.DataFrame(
        {
            "date": pd.date_range("2021-01-01", periods=80, freq="D"),
            "y": 50 + 10 * np.sin(np.arange(80) * 2 * np.pi / 7),
        }
    )
    return prepare_series(df, SeriesConfig(target="y", date_column="date", window=7))


# ---- the engine speaks codes in any language ----------------------------------------------
def test_predictions_are_keyed_by_codes_in_chinese_and_drawn_in_chinese(chinese):
    data = _series()
    ev = evaluate(
        build_model(ModelConfig(cell="gru", input_size=1, hidden_size=4), seed=0), data, season=7
    )
    assert list(ev.predictions) == list(ev.metrics) == ["model", "last_value", "seasonal"]
    assert list(ev.frame().columns) == ["date", "actual", "model", "last_value", "seasonal"]
    fig = figures.prediction_figure(ev.index, ev.actual, ev.predictions)
    assert [tr.name for tr in fig.data] == ["实际值", "模型", "上一个值", "季节性朴素"]


def test_gate_panels_are_keyed_by_codes_and_titled_when_drawn(chinese):
    model = build_model(ModelConfig(cell="lstm", input_size=1, hidden_size=3), seed=0)
    d = trace(model, np.zeros((5, 1), np.float32)).layers[0][0]
    panels = figures.gate_panels(d)
    assert list(panels) == ["i", "f", "g", "o", "c", "h"]
    assert figures.gate_ranges(panels, relu=False) == {
        "i": (0.0, 1.0),
        "f": (0.0, 1.0),
        "g": (-1.0, 1.0),
        "o": (0.0, 1.0),
        "h": (-1.0, 1.0),
    }
    assert "h" not in figures.gate_ranges(panels, relu=True)  # ReLU: unbounded above
    fig = figures.gate_bars_animation(panels, [str(k) for k in range(5)])
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["输入门 i", "遗忘门 f", "候选值 g", "输出门 o", "细胞状态 c", "隐藏状态 h"]
    heat = figures.gate_heatmaps({k: v for k, v in panels.items() if k != "h"})
    assert "遗忘门 f" in heat.data[1].hovertemplate
    assert figures.panel_title("my panel") == "my panel"  # not a code: shown as it is


def test_lab_curves_and_race_entries_are_keyed_by_codes(chinese):
    on = exploding.ExplodeStatus(steps=[1, 2], loss=[1.0, 0.5], norm=[3.0, 2.0], clipped=[1.0, 1.0])
    off = exploding.ExplodeStatus(steps=[1], loss=[2.0], norm=[9.0], clipped=[9.0])
    norms, losses = exploding.explode_curves({True: on, False: off})
    assert list(norms) == ["off", "before", "after"] and list(losses) == ["off", "on"]
    assert set(norms) | set(losses) <= set(exploding.CURVES)
    entrants = race.standard_entrants(ModelConfig(hidden_size=4), bidirectional=True)
    assert [e.code for e in entrants] == [
        "rnn_tanh",
        "lstm",
        "gru",
        "rnn_tanh_bi",
        "lstm_bi",
        "gru_bi",
    ]
    names = {e.code: race.label(e.code) for e in entrants}
    fig = figures.race_figure(
        {c: ([1, 2], [1.0, 0.5]) for c in names},
        names=names,
        styles={e.code: race.entrant_style(e.cfg) for e in entrants},
    )
    assert [tr.name for tr in fig.data][-1] == "GRU 双向"
    assert [tr.meta for tr in fig.data] == list(names)  # the code rides along with the trace
    assert fig.data[1].line.color == fig.data[4].line.color and fig.data[4].line.dash == "dash"


def test_a_race_table_is_keyed_by_codes_and_shown_in_the_language(chinese):
    rows = [
        {
            "model": "lstm_2layers",
            "parameters": 10,
            "steps": 3,
            "final_train_loss": 0.5,
            "validation_loss": 0.4,
            "samples_per_s": 100,
            "device": "cpu",
            "state": "done",
        }
    ]
    shown = race.shown_table(rows, race.COLUMNS)
    assert list(shown.columns) == [
        "模型",
        "参数量",
        "步数",
        "最终训练损失",
        "验证损失",
        "样本/秒",
        "设备",
        "状态",
    ]
    assert shown.iloc[0, 0] == "LSTM 2 层"
    assert "**LSTM 2 层**" in race.winner_sentence(rows)


# ---- a CSV a user downloads has the same header in both languages ------------------------
@pytest.fixture
def served_files(monkeypatch):
    """{file id: bytes} of every file a page hands to the browser (download buttons): AppTest
    keeps them in a media store it drops after each run."""
    files = {}
    real = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        file_id = real(self, path_or_data, mimetype, kind, filename)
        files[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files


def _download(at: AppTest, key: str, files: dict) -> bytes:
    (button,) = [
        b
        for b in at.get("download_button")
        if b.proto.id.endswith(key) or getattr(b, "key", None) == key
    ]
    file_id = button.proto.url.rsplit("/", 1)[1].split(".")[0]
    data = files[file_id]
    return data.encode() if isinstance(data, str) else data


def _csv_headers(language: str, files: dict) -> dict[str, bytes]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = language
    at.run()
    load_sample(at, "airline")
    train(at, epochs=1)
    history = _download(at, "download_history", files)
    page(at, "predict")
    predictions = _download(at, "download_predictions", files)
    return {
        "history": history.splitlines()[0],
        "predictions": predictions.splitlines()[0],
        "title": at.title[0].value,
    }


def test_chinese_and_english_sessions_download_the_same_csv_headers(served_files):
    en, zh = _csv_headers("en", served_files), _csv_headers("zh", served_files)
    assert en["title"] != zh["title"]  # the pages did speak two languages
    assert en["predictions"] == zh["predictions"] == b"date,actual,model,last_value,seasonal"
    assert en["history"] == zh["history"] == b"step,train_loss,val_loss"
