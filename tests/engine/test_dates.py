"""Date columns pandas reads wrongly cell by cell, read over the whole column
(rnnviz.data.dates through rnnviz.data.reader.read_table_noted): monthly labels, day/month order,
lone year columns. Expected dates worked out by hand from the fixtures."""

import pandas as pd

from rnnviz.data.dates import read_month_labels
from rnnviz.data.reader import datetime_columns, numeric_columns, read_table_noted


def read(text):
    return read_table_noted(text.encode())


def month_starts(first, n):
    return list(pd.date_range(first, periods=n, freq="MS"))


def test_shampoo_labels_are_months_of_relative_years():
    rows = "".join(f'"{y}-{m:02d}",{y * 100 + m}\n' for y in (1, 2, 3) for m in range(1, 13))
    df, notes = read('"Month","Sales"\n' + rows)
    assert list(df["Month"]) == month_starts("2001-01-01", 36)
    assert list(df["Sales"][:2]) == [101.0, 102.0]
    (note,) = notes
    assert note.key == "roles.note.relative_years"
    assert note.params == {
        "column": "Month",
        "label": "1-01",
        "year": 1,
        "month": "01",
        "shown": "2001-01",
    }
    assert "year 1, month 01" in note.text


def test_month_then_two_digit_year():
    labels = [f"{m}-98" for m in range(1, 13)] + ["1-99", "2-99"]
    df, notes = read("Month,v\n" + "".join(f"{x},{i}\n" for i, x in enumerate(labels)))
    assert list(df["Month"]) == month_starts("1998-01-01", 14)
    assert [n.key for n in notes] == ["roles.note.two_digit_years"]


def test_four_digit_year_month_both_ways_without_a_note():
    df, notes = read("x,v\n1998-11,1\n1998-12,2\n1999-01,3\n")
    assert list(df["x"]) == month_starts("1998-11-01", 3) and notes == ()
    df, notes = read("period,v\n11-1998,1\n12-1998,2\n01-1999,3\n")
    assert list(df["period"]) == month_starts("1998-11-01", 3) and notes == ()


def test_short_labels_need_a_date_name_and_a_dash():
    # "1/1" ... "1/9" under Date: days of January (pandas' reading), not months of year 1.
    df, _ = read("Date,v\n" + "".join(f"1/{d},{d}\n" for d in range(1, 10)))
    assert list(df["Date"].dt.day) == list(range(1, 10))
    assert set(df["Date"].dt.month) == {1}
    # A score column "3-1" is not taken for months (no date name): left to pandas.
    scores = pd.Series(["3-1", "3-2", "4-2"])
    assert read_month_labels(scores, named_as_date=False) is None
    assert read_month_labels(scores, named_as_date=True)[0].iloc[0] == pd.Timestamp("2003-01-01")


def test_day_first_dates_are_not_jumbled():
    """Before: "01/02/2020" read as January 2 and "13/02/2020" as February 13, then sorted
    together: the rows of one month were spread over the year."""
    rows = "".join(f"{d:02d}/02/2020,{d}\n" for d in range(1, 29))
    df, notes = read("Date,v\n" + rows)
    assert list(df["Date"]) == list(pd.date_range("2020-02-01", periods=28))
    assert list(df["v"]) == [float(d) for d in range(1, 29)] and notes == ()


def test_month_first_dates_with_a_time():
    rows = "".join(f"02/{d:02d}/2020 13:30,{d}\n" for d in range(10, 16))
    df, notes = read("when,v\n" + rows)
    assert list(df["when"]) == list(pd.date_range("2020-02-10 13:30", periods=6))
    assert notes == ()


def test_ambiguous_order_picks_even_steps_and_says_so():
    # The first of every month, day first: month/day would make Jan 1..12 then a jump.
    rows = "".join(f"01/{m:02d}/{y},{m}\n" for y in (2020, 2021) for m in range(1, 13))
    df, notes = read("Date,v\n" + rows)
    assert list(df["Date"]) == month_starts("2020-01-01", 24)
    assert [(n.key, n.params["label"]) for n in notes] == [("roles.note.day_month", "01/01/2020")]
    # Twelve days of January, month first: day/month would make uneven month steps.
    rows = "".join(f"01/{d:02d}/2020,{d}\n" for d in range(1, 13))
    df, notes = read("Date,v\n" + rows)
    assert list(df["Date"]) == list(pd.date_range("2020-01-01", periods=12))
    assert [n.key for n in notes] == ["roles.note.month_day"]


def test_lone_year_column_becomes_the_time_axis():
    rows = "".join(f"{y},{y % 7}\n" for y in range(1963, 1884, -1))  # newest first
    df, notes = read('"Year","Water"\n' + rows)
    assert datetime_columns(df) == ["Year"] and numeric_columns(df) == ["Water"]
    assert df["Year"].iloc[0] == pd.Timestamp("1885-01-01")
    assert df["Year"].iloc[-1] == pd.Timestamp("1963-01-01")
    assert df["Water"].iloc[0] == 1885 % 7
    assert [(n.key, n.params) for n in notes] == [("roles.note.years", {"column": "Year"})]


def test_years_that_are_not_an_axis_stay_numbers():
    # Repeated years (a panel) and years beside another date-named column stay numbers.
    df, notes = read("year,v\n2001,1\n2001,2\n2002,3\n2002,4\n")
    assert numeric_columns(df) == ["year", "v"] and notes == ()
    df, _ = read("year,v\n2001,1\n2002,2\n2010,3\n")
    assert datetime_columns(df) == ["year"]  # gaps are fine
    df, _ = read("year,v\n1,1\n2,2\n3,3\n")
    assert numeric_columns(df) == ["year", "v"]  # not calendar years
