"""How often a series' rows come (rnnviz.data.frequency) and the season and window the Data page
starts with (workspace.default_series_config). Real files are read as the app reads them:
load_upload, then the time axis roles.default_roles picks; the expected code per file was
read off the file itself."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnnviz import i18n
from rnnviz.data import frequency, roles
from rnnviz.data.frequency import Frequency, describe, detect, label
from rnnviz.data.samples import SAMPLE_DIR, SAMPLES
from rnnviz.session.workspace import Dataset, default_series_config, load_sample, load_upload

FORECAST_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "forecast"

SAMPLE_FILES = {
    "airline-passengers.csv": "monthly",  # 1949-01 ... 1960-12
    "bitcoin-daily.csv": "daily",  # crypto trades at weekends too
    "daily-min-temperatures.csv": "daily",  # 1981-1990, leap days' 31 December missing
    "monthly-sunspots.csv": "monthly",  # 1749-01 ... 1983-12
}
FORECAST_FILES = {
    "bitcoin-investing-export.csv": "daily",  # newest first, "08/16/2025" month/day labels
    "daily-total-female-births.csv": "daily",  # 1959
    "monthly-car-sales.csv": "monthly",  # 1960-01 ... 1968-12
    "monthly-shampoo-sales.csv": "monthly",  # "1-01" ... "3-12": months of relative years
    "pollution.csv": "hourly",  # year, month, day, hour columns read as one date
    "yearly-water-usage.csv": "yearly",  # a lone "Year" column 1885 ... 1963
}


def axis_of(path: Path) -> pd.Series:
    ds = load_upload(path.name, path.read_bytes())
    return ds.table[roles.default_roles(ds.table).time_axis]


def code(values) -> str:
    return detect(values).code


# ---- real files ---------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_files(name):
    assert code(axis_of(SAMPLE_DIR / name)) == SAMPLE_FILES[name]


@pytest.mark.parametrize("name", FORECAST_FILES)
def test_forecast_files(name):
    path = FORECAST_DIR / name
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    assert code(axis_of(path)) == FORECAST_FILES[name]


def test_prepared_index_reads_the_same():
    """SeriesData.index (datetime64 dates) gives what the table's column gives."""
    from rnnviz.session.workspace import prepare

    ds = load_sample("airline")
    assert detect(prepare(ds, default_series_config(ds)).index) == Frequency("monthly", 12)


# ---- synthetic calendars ------------------------------------------------------------


def dates(start, n, freq):
    return pd.Series(pd.date_range(start, periods=n, freq=freq))


@pytest.mark.filterwarnings("error")  # pandas 3 warns about infer_freq's result type
@pytest.mark.parametrize(
    "freq, expected",
    [
        ("h", "hourly"),
        ("D", "daily"),
        ("B", "business"),
        ("W-SUN", "weekly"),
        ("MS", "monthly"),
        ("ME", "monthly"),
        ("QS", "quarterly"),
        ("QE", "quarterly"),
        ("YS", "yearly"),
        ("YE", "yearly"),
    ],
)
def test_regular_calendars(freq, expected):
    assert code(dates("2001-01-01", 120, freq)) == expected


def test_seasons_per_code():
    assert {c: Frequency.of(c).season for c in frequency.SEASONS} == {
        "hourly": 24,
        "daily": 7,
        "business": 5,
        "weekly": 52,
        "monthly": 12,
        "quarterly": 4,
        "yearly": None,
        "irregular": None,
        "none": None,
    }


def test_daily_with_a_tenth_of_the_days_missing():
    days = dates("2020-01-01", 400, "D")
    kept = days.drop(np.random.default_rng(0).choice(400, 40, replace=False))
    assert code(kept) == "daily"


def test_business_days_with_holidays_missing():
    days = dates("2020-01-01", 300, "B").drop([5, 60, 61, 200])
    assert code(days) == "business"


def test_a_few_weekend_days_still_business():
    days = pd.concat([dates("2020-01-01", 300, "B"), pd.Series(pd.to_datetime(["2020-02-01"]))])
    assert code(days) == "business"


def test_month_start_and_month_end_with_a_gap():
    assert code(dates("1990-01-01", 60, "MS").drop([10, 11])) == "monthly"
    assert code(dates("1990-01-31", 60, "ME").drop([30])) == "monthly"


def test_newest_first_and_duplicates():
    days = dates("2020-01-01", 50, "D")
    assert code(days[::-1]) == "daily"
    assert code(pd.concat([days, days.iloc[:10]])) == "daily"
    assert code(dates("2000-01-01", 40, "MS")[::-1].to_numpy()) == "monthly"


def test_time_of_day_and_zones():
    stamps = pd.Series(pd.date_range("2021-03-01 09:30", periods=100, freq="D", tz="Europe/Berlin"))
    assert code(stamps) == "daily"  # read in UTC: the clock change is a 23-hour step
    assert code(pd.Series(pd.date_range("2021-03-01", periods=500, freq="h", tz="UTC"))) == "hourly"


def test_integer_years_in_a_column_are_yearly():
    years = pd.Series(range(1871, 1971), name="year")
    assert code(years) == "yearly"
    assert code(years.astype(float).drop([3, 50])) == "yearly"  # a few years missing


def test_whole_numbers_in_an_array_are_row_numbers():
    """SeriesData.index of a table without dates holds row numbers: rows 1200.. are no years."""
    assert detect(np.arange(1200, 2000)) == Frequency("none", None)
    assert code(np.arange(100)) == "none"
    assert code(pd.Series(np.arange(100))) == "none"  # a counter, not calendar years
    assert code(pd.Series(np.random.default_rng(1).normal(size=50))) == "none"
    assert code(pd.Series(["a", "b", "c"])) == "none"


def test_irregular_timestamps():
    rng = np.random.default_rng(2)
    seconds = np.sort(rng.uniform(0, 3e7, 300)).astype("int64")
    assert code(pd.Series(pd.to_datetime(seconds, unit="s"))) == "irregular"
    assert code(dates("2020-01-01", 100, "15min")) == "irregular"  # regular, no named class


def test_mixed_steps_are_irregular():
    mixed = pd.concat([dates("2020-01-01", 30, "D"), dates("2021-01-01", 30, "MS")])
    assert code(mixed) == "irregular"


def test_a_single_date_and_missing_dates():
    assert code(pd.Series(pd.to_datetime(["2020-05-01"]))) == "irregular"
    assert code(pd.Series(pd.to_datetime(["2020-05-01"] * 5))) == "irregular"
    assert code(pd.Series(pd.to_datetime([None, None]))) == "irregular"
    days = dates("2020-01-01", 60, "D")
    days[[3, 17, 40]] = pd.NaT
    assert code(days) == "daily"
    assert code(days.to_numpy()) == "daily"
    assert code(np.array([], dtype="datetime64[ns]")) == "irregular"


def test_labels_in_both_languages():
    monthly = Frequency.of("monthly")
    assert label(monthly) == "monthly" and describe(monthly) == "monthly, season 12"
    assert describe(Frequency.of("yearly")) == "yearly"
    try:
        i18n.use("zh")
        assert label(monthly) == "每月" and describe(monthly) == "每月，季节长度 12"
    finally:
        i18n.use("en")
    for c in frequency.SEASONS:
        assert not label(Frequency.of(c)).startswith("⟦")


# ---- the defaults the Data page starts with -------------------------------------------


def upload(table: pd.DataFrame) -> Dataset:
    return load_upload("t.csv", table.to_csv(index=False).encode())


def monthly_table(n: int) -> pd.DataFrame:
    values = np.sin(np.arange(n) * 2 * np.pi / 12) + np.arange(n) / 50
    return pd.DataFrame(
        {"Month": pd.date_range("1990-01-01", periods=n, freq="MS"), "Sales": values}
    )


def test_monthly_upload_gets_season_12_and_a_window_past_one_season():
    cfg = default_series_config(upload(monthly_table(200)))
    assert cfg.season == 12 and cfg.window >= 13 and cfg.date_column == "Month"


def test_short_monthly_upload_keeps_a_tenth_of_its_rows():
    cfg = default_series_config(upload(monthly_table(60)))
    assert (cfg.season, cfg.window) == (12, 6)  # 13 would leave too few pairs to test on


def test_weekly_window_stretches_to_a_season():
    table = pd.DataFrame(
        {
            "Week": pd.date_range("2000-01-02", periods=800, freq="W-SUN"),
            "Sales": np.arange(800.0) % 52,
        }
    )
    cfg = default_series_config(upload(table))
    assert (cfg.season, cfg.window) == (52, 53)


def test_no_dates_no_season():
    cfg = default_series_config(upload(pd.DataFrame({"Sales": np.arange(100.0) % 7})))
    assert cfg.season is None and cfg.window == 10


def test_samples_keep_the_season_and_window_they_name():
    for key in ("airline", "temperature", "sunspots", "bitcoin"):
        cfg = default_series_config(load_sample(key))
        assert (cfg.season, cfg.window) == (SAMPLES[key].season, SAMPLES[key].window), key


def test_a_sample_without_a_season_reads_it_from_its_dates():
    ds = load_sample("airline")
    cfg = default_series_config(replace(ds, sample=replace(ds.sample, season=None)))
    assert cfg.season == 12 and cfg.window == ds.sample.window
