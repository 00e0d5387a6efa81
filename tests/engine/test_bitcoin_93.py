"""The 93 days of Bitcoin prices a tutorial trains on: a bundled investing.com export, read
oldest first with its own columns, and prepared as the tutorial does (no scaling, no
hold-out, 100 epochs), on the bundled file or on a user's own export."""

from __future__ import annotations

import csv
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.data.reader import read_table
from rnnviz.data.samples import SAMPLES
from rnnviz.experiments import tutorial003
from rnnviz.model.network import build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session import schema
from rnnviz.session.lessons import LESSONS, prep_config
from rnnviz.session.workspace import default_series_config, load_sample, load_upload
from rnnviz.train.job import TrainJob

SOURCE = ROOT.parent / "shared" / "data" / "bitcoin-daily.csv"
EXPORT = ROOT.parent / "shared" / "data" / "forecast" / "bitcoin-investing-export.csv"
HEADER = ["Date", "Price", "Open", "High", "Low", "Vol.", "Change %"]


def _raw_rows() -> list[list[str]]:
    with open(SAMPLES["bitcoin_93"].path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_the_file_is_written_as_investing_com_exports_it():
    text = SAMPLES["bitcoin_93"].path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(f'"{c}"' for c in HEADER)  # every field quoted
    rows = _raw_rows()
    assert rows[0] == HEADER and len(rows) == 1 + 93
    dates = pd.to_datetime([r[0] for r in rows[1:]], format="%m/%d/%Y")
    assert (np.diff(dates.values).astype("timedelta64[D]") == -1).all()  # newest first, daily
    cells = [c for r in rows[1:] for c in r[1:5]]
    assert all("," in c for c in cells if float(c.replace(",", "")) >= 1000)
    volumes = {r[5][-1] for r in rows[1:]}
    assert volumes == {"K", "M"}  # "916.17K" and "1.06M" both
    assert all(r[6].endswith("%") for r in rows[1:]) and any(r[6][0] == "-" for r in rows[1:])


def test_the_app_reads_it_oldest_first_with_its_columns():
    sample = SAMPLES["bitcoin_93"]
    df = read_table(sample.path)
    assert list(df.columns) == HEADER
    assert len(df) == 93 and df["Date"].is_monotonic_increasing
    assert (sample.target, sample.date_column, sample.inputs) == (
        "Price",
        "Date",
        ("Open", "Price", "Vol."),
    )
    source = read_table(SOURCE).set_index("Date")
    days = source.loc[df["Date"]]
    np.testing.assert_allclose(df["Price"], days["Close"])  # the export calls the close Price
    np.testing.assert_allclose(df["Open"], days["Open"])
    np.testing.assert_allclose(df["Vol."], days["Vol."])  # "1.06M" is 1,060,000
    before = source["Close"].shift(1).loc[df["Date"]]
    np.testing.assert_allclose(df["Change %"], (df["Price"].values / before.values - 1), atol=5e-5)
    assert df["Vol."].max() > 1e6 > df["Vol."].min()


def test_no_hold_out_is_a_valid_choice():
    for name in ("val_frac", "test_frac"):
        s = schema.get(SeriesConfig, name)
        assert schema.check(s, 0.0) == 0.0
        assert schema.parse(s, "0.0") == 0.0  # a link may carry it


def test_the_lesson_is_the_tutorials_preparation():
    lesson = LESSONS["bitcoin_93"]
    assert lesson.sample == "bitcoin_93"
    assert getattr(lesson, "tutorial", "003") == "003"
    prep = lesson.prep
    assert (prep["scaling"], prep["val_frac"], prep["test_frac"]) == ("none", 0.0, 0.0)
    assert (prep["target"], prep["features"]) == ("Price", ("Open", "Price", "Vol."))
    assert (prep["window"], prep["horizon"], prep["many_to_many"]) == (10, 2, True)
    assert lesson.train.epochs == 100
    model = lesson.model
    assert (model.cell, model.hidden_size, model.num_layers, model.head) == (
        "rnn_tanh",
        3,
        2,
        "none",
    )


def test_the_lesson_trains_on_every_day_and_holds_none_back():
    lesson = LESSONS["bitcoin_93"]
    ds = load_sample("bitcoin_93")
    data = prepare_series(ds.table, prep_config(lesson, default_series_config(ds)))
    ws = data.windows
    assert (ws.count("train"), ws.count("val"), ws.count("test")) == (93 - 10 - 2 + 1, 0, 0)
    assert data.scaler.kind == "none"
    np.testing.assert_array_equal(data.raw_target, ds.table["Price"].to_numpy())  # unscaled
    assert not any("test" in n for n in data.notes)
    job = TrainJob(
        build_model(model_config_for(data, lesson.model), seed=0),
        ws,
        replace(lesson.train, max_steps=3),
    )
    status = job.run()
    assert status.state == "done" and np.isfinite(status.train_loss).all()


def test_a_hold_out_still_needs_its_windows():
    ds = load_sample("bitcoin_93")
    cfg = prep_config(LESSONS["bitcoin_93"], default_series_config(ds))
    # 40 rows x 0.01 rounds to no validation row: a share asked for but with no window.
    with pytest.raises(ValueError, match="no val samples"):
        prepare_series(ds.table.head(40), replace(cfg, val_frac=0.01))
    assert prepare_series(ds.table.head(40), replace(cfg, val_frac=0.05)).windows.count("val")


def test_an_uploaded_export_gets_the_lessons_settings():
    ds = load_upload(EXPORT.name, EXPORT.read_bytes())
    cfg = tutorial003.upload_prep(ds.table, default_series_config(ds))
    assert cfg is not None
    lesson = LESSONS["bitcoin_93"]
    for name, value in lesson.prep.items():
        assert getattr(cfg, name) == value, name
    data = prepare_series(ds.table, cfg)
    assert data.windows.count("test") == 0 and len(data.raw_target) == 32


def test_an_upload_without_those_columns_is_left_alone():
    ds = load_sample("temperature")
    assert tutorial003.upload_prep(ds.table, default_series_config(ds)) is None
