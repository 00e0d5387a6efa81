"""Stacked tables: the series key is found, never the target, one series is trained on by
default, and IDs constant within a series are never the default target."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnnviz.data import roles, stacked
from rnnviz.data.prep import prepare_series
from rnnviz.data.reader import DataError, read_table_full
from rnnviz.session.workspace import _table_dataset, default_series_config

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


@pytest.fixture(scope="module")
def stations():
    return _table_dataset(
        "stations.csv", read_table_full((REAL / "stations_stacked.csv").read_bytes()), "x"
    )


def test_the_key_and_the_ids_are_found(stations):
    table = stations.table
    assert stacked.find_key(table) == "NAME"
    assert stacked.id_columns(table, "NAME") == ["STATION", "LATITUDE"]
    found = roles.classify(table)
    assert found["NAME"] == "series" and found["STATION"] == found["LATITUDE"] == "series_id"
    assert table["STATION"].notna().all()  # a station number is no missing-value code


def test_the_default_is_one_series_and_a_measurement(stations):
    cfg = default_series_config(stations)
    assert cfg.series_column == "NAME"
    assert cfg.series_value == stacked.series(stations.table, "NAME")[0].value
    assert cfg.target not in ("STATION", "LATITUDE", "NAME")
    data = prepare_series(stations.table, cfg)
    assert len(data.index) == 184 and len(np.unique(data.index)) == 184


def test_an_unknown_series_is_refused_with_the_choices(stations):
    from dataclasses import replace

    cfg = replace(default_series_config(stations), series_value="NOWHERE")
    with pytest.raises(DataError, match="ISLIP"):
        prepare_series(stations.table, cfg)


def test_the_station_number_as_target_is_warned(stations):
    found = roles.default_roles(stations.table)
    warned = roles.check_choice(stations.table, found, "STATION", ("STATION",), 10, 500)
    assert "target_series_id" in [w.code for w in warned]


def test_a_key_with_one_value_is_no_key():
    table = pd.DataFrame(
        {
            "date": pd.date_range("2020-01-01", periods=50),
            "station": ["A"] * 50,
            "v": np.arange(50.0),
        }
    )
    assert stacked.find_key(table) is None


def test_stations_one_after_the_other_without_dates():
    table = pd.DataFrame({"site": ["A"] * 30 + ["B"] * 30, "v": np.arange(60.0)})
    assert stacked.find_key(table) == "site"
    assert [s.rows for s in stacked.series(table, "site")] == [30, 30]


def test_labels_of_numeric_keys():
    assert stacked.label(72503014732.0) == "72503014732" and stacked.label(" A ") == "A"
