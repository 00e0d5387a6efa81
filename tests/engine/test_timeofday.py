"""A date column and a time-of-day column read as one time axis; a time column that holds
no clock times is said, and prices written like "18.00" are never taken for times."""

from pathlib import Path

import numpy as np
import pandas as pd

from rnnviz.data import frequency, roles
from rnnviz.data.reader import read_table_noted
from rnnviz.data.timeofday import read_clock

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def test_sensor_date_and_time_make_an_hourly_axis():
    df, notes = read_table_noted((REAL / "sensor_minus200.csv").read_bytes())
    assert list(df.columns[:2]) == ["Date Time", "Date"] and "Time" not in df.columns
    axis = df["Date Time"]
    assert axis.is_unique and axis.is_monotonic_increasing
    assert axis.iloc[0] == pd.Timestamp("2004-03-01 18:00")
    assert frequency.detect(axis).code == "hourly"
    assert any(n.key == "timeofday.joined" for n in notes)
    assert roles.default_roles(df).time_axis == "Date Time"


def test_clock_forms():
    cells = pd.Series(["18:00", "7h30", "23:59:59", "00:00:00.000", None])
    got = read_clock(cells)
    assert list(got.dropna().dt.total_seconds()) == [64800, 27000, 86399, 0]
    assert read_clock(pd.Series(["18.00.00", "19.00.00"])).dt.total_seconds().tolist() == [
        64800,
        68400,
    ]


def test_prices_with_two_decimals_are_no_clock():
    df, notes = read_table_noted(
        b"Date,Price\n2020-01-01,18.00\n2020-01-02,18.30\n2020-01-03,19.45\n"
    )
    assert df["Price"].tolist() == [18.0, 18.3, 19.45]
    assert not any(n.key.startswith("timeofday") for n in notes)


def test_colon_times_beside_dates_are_joined_not_read_as_today():
    df, _ = read_table_noted(
        b"Date,Time,V\n2020-01-01,00:00,1\n2020-01-01,01:00,2\n2020-01-01,02:00,3\n"
    )
    assert df["Date Time"].dt.hour.tolist() == [0, 1, 2]
    assert (df["Date Time"].dt.year == 2020).all()


def test_a_time_column_of_words_is_said_and_dates_warn_as_repeated():
    df, notes = read_table_noted((REAL / "clock_unread.csv").read_bytes())
    unread = [n for n in notes if n.key == "timeofday.unread"]
    assert len(unread) == 1 and "early" in unread[0].text
    index = df["Date"].to_numpy()
    warned = roles.repeated_dates(index)
    assert warned and warned[0].params["times"] == 3
    assert roles.repeated_dates(np.unique(index)) == []
