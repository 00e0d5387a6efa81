"""Dates with time zones ("Z", "+01:00", offsets that change at DST): read as naive UTC,
said so in one line, and every page that draws or extends the dates copes with them."""

import json

import numpy as np
import pandas as pd
import pytest

from apphelpers import page, texts, train, upload
from rnnviz import figures
from rnnviz.analysis.predict import evaluate, forecast, future_index
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.data.reader import naive_dates, read_table, read_table_noted
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.session.workspace import default_series_config, load_upload, prepare


def _csv(stamps) -> bytes:
    values = 10 + 3 * np.sin(np.arange(len(stamps)) * 2 * np.pi / 7)
    return (
        "date,value\n" + "\n".join(f"{s},{v:.3f}" for s, v in zip(stamps, values, strict=True))
    ).encode()


DAYS = pd.date_range("2020-03-01", periods=60, freq="D")
# Europe/Berlin in 2020: +01:00 until 29 March, +02:00 after (DST).
BERLIN = [d.tz_localize("Europe/Berlin").isoformat() for d in DAYS]
ZONED = {
    "z": _csv([f"{d:%Y-%m-%d}T00:00:00Z" for d in DAYS]),
    "plus_one": _csv([f"{d:%Y-%m-%d}T00:00:00+01:00" for d in DAYS]),
    "dst": _csv(BERLIN),
}


def test_the_fixtures_hold_what_their_names_say():
    assert "+01:00" in BERLIN[0] and "+02:00" in BERLIN[-1]  # mixed offsets, really


@pytest.mark.parametrize("form", list(ZONED))
def test_zoned_dates_are_read_as_naive_utc_and_noted(form):
    df, notes = read_table_noted(ZONED[form])
    assert df["date"].dtype == np.dtype("datetime64[us]")  # no zone left
    first = {"z": "2020-03-01 00:00", "plus_one": "2020-02-29 23:00", "dst": "2020-02-29 23:00"}
    assert df["date"].iloc[0] == pd.Timestamp(first[form])
    if form == "dst":  # after the change to summer time midnight is 22:00 UTC
        assert df["date"].iloc[-1] == pd.Timestamp("2020-04-28 22:00")
    assert [n.key for n in notes] == ["tz.to_utc"]
    assert "date" in notes[0].text and "UTC" in notes[0].text


def test_naive_dates_are_kept_as_they_are_without_a_note():
    df, notes = read_table_noted(_csv([f"{d:%Y-%m-%d}" for d in DAYS]))
    assert df["date"].iloc[0] == pd.Timestamp("2020-03-01") and notes == ()
    assert read_table(ZONED["z"])["date"].dtype.kind == "M"  # read_table itself unchanged


def test_the_note_travels_on_the_dataset_and_follows_the_language():
    from rnnviz import i18n

    ds = load_upload("zoned.csv", ZONED["dst"])
    assert len(ds.notes) == 1
    english = ds.notes[0].text
    before = i18n.language()
    i18n.use("zh")
    try:
        assert ds.notes[0].text != english and "UTC" in ds.notes[0].text
    finally:
        i18n.use(before)


@pytest.mark.parametrize(
    "values",
    [
        pd.to_datetime(BERLIN[:3], utc=True),
        pd.Series(pd.to_datetime(BERLIN[:3], utc=True)),
        np.array([pd.Timestamp(s) for s in BERLIN[27:30]], dtype=object),  # +01:00 and +02:00
        pd.to_datetime(BERLIN[:3], utc=True).tz_convert("Asia/Shanghai"),
        np.array(["2020-03-01", "2020-03-02"], dtype="datetime64[D]"),
    ],
)
def test_any_form_of_dates_becomes_naive_datetime64(values):
    dates = naive_dates(values)
    assert dates is not None and dates.dtype.kind == "M" and len(dates) == len(values)


@pytest.mark.parametrize(
    "values",
    [
        np.arange(3),
        np.array(["a", "b"], dtype=object),
        np.array([1, 2], dtype=object),
        pd.Index([0.5, 1.5]),
    ],
)
def test_other_values_are_not_dates(values):
    assert naive_dates(values) is None


def _zoned_frame(n=80) -> pd.DataFrame:
    """A table as a caller might pass it straight to the engine: zone-aware, not via read."""
    dates = pd.date_range("2020-03-01", periods=n, freq="D", tz="Europe/Berlin")
    return pd.DataFrame({"date": dates, "y": 5 + np.sin(np.arange(n) * 2 * np.pi / 7)})


def test_a_zone_aware_frame_prepares_with_naive_dates():
    data = prepare_series(_zoned_frame(), SeriesConfig(target="y", date_column="date", window=7))
    assert data.index.dtype.kind == "M"
    assert data.index[0] == np.datetime64("2020-02-29T23:00")


@pytest.mark.parametrize(
    "index",
    [
        pd.date_range("2020-03-25", periods=5, freq="D", tz="Europe/Berlin"),  # crosses DST
        np.array([pd.Timestamp(s) for s in BERLIN[25:31]], dtype=object),
        np.array(["2020-01-01", "2020-01-08"], dtype="datetime64[s]"),
    ],
)
def test_future_index_extends_any_dates(index):
    fx = future_index(index, 3, horizon=2)
    assert fx.dtype.kind == "M" and len(fx) == 3
    last = naive_dates(index)
    step = last[-1] - last[-2]
    assert fx[0] == last[-1] + 2 * step and fx[2] - fx[1] == 2 * step


@pytest.mark.parametrize(
    "index, first", [(np.arange(10, 20), 20), (np.array(["a", "b", "c"], dtype=object), 3)]
)
def test_future_index_without_dates_counts_rows(index, first):
    assert future_index(index, 2, horizon=1).tolist() == [first, first + 1]


@pytest.mark.parametrize("form", list(ZONED))
def test_engine_flow_with_zoned_dates(form):
    ds = load_upload(f"{form}.csv", ZONED[form])
    data = prepare(ds, default_series_config(ds))
    assert data.index.dtype.kind == "M"
    series = figures.series_figure(
        data.index, {"value": data.raw_target}, split_at=list(data.boundaries)
    )
    figures.window_animation(
        data.index[:40], data.raw_target[:40], data.cfg.window, 1, starts=[0, 5, 10]
    )
    model = build_model(ModelConfig(cell="gru", input_size=1, hidden_size=4), seed=0)
    ev = evaluate(model, data)
    fc = forecast(model, data, 5)
    fx = future_index(data.index, len(fc), data.cfg.horizon)
    assert fx[0] > data.index[-1]
    figures.prediction_figure(ev.index, ev.actual, ev.predictions, forecast_x=fx, forecast=fc)
    shapes = series.layout.shapes  # split bands placed at dates, not at numbers
    assert shapes and str(shapes[0].x0).startswith("2020-")


@pytest.mark.parametrize("form", list(ZONED))
def test_zoned_dates_through_every_page(app, form):
    upload(app, f"{form}.csv", ZONED[form])
    assert not app.error, texts(app.error)
    assert "UTC" in texts(app.caption)  # told in one line on the Data page
    page(app, "model")
    train(app, epochs=2)
    assert "Finished" in texts(app.success)
    page(app, "inside")
    assert app.get("plotly_chart")
    page(app, "predict")
    chart = next(c for c in app.get("plotly_chart") if c.proto.id and "prediction" in c.proto.id)
    spec = json.loads(chart.proto.spec)
    forecast_x = spec["data"][-1]["x"]
    assert str(forecast_x[0]).startswith("2020-")  # forecast dates continue the data's
