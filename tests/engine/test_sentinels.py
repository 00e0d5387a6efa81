"""Missing-value codes (-200, -999, -99.99, -9.99) are read as missing, with one note per
code; real repeated values at the edge of a range, and flags, are left alone."""

from pathlib import Path

import numpy as np
import pytest

from rnnviz import i18n
from rnnviz.data.reader import read_table_noted
from rnnviz.data.sentinels import column_codes

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def _read(name: str, **options):
    return read_table_noted((REAL / name).read_bytes(), **options)


@pytest.fixture
def zh():
    i18n.use("zh")
    yield
    i18n.use("en")


def test_sensor_minus_200_in_every_column_is_missing():
    df, notes = _read("sensor_minus200.csv")
    numbers = df.select_dtypes("number")
    assert (numbers != -200).all().all() and numbers.min().min() > -2  # T goes to -1.9
    codes = [n for n in notes if n.key.startswith("codes.")]
    assert [n.key for n in codes] == ["codes.missing_many"]
    assert codes[0].params["count"] == 9 and codes[0].params["value"] == "-200"
    raw = (REAL / "sensor_minus200.csv").read_text()
    assert codes[0].params["cells"] == raw.count(";-200")
    assert codes[0].text.startswith(
        f"-200 in 9 columns, {raw.count(';-200'):,} cells: read as missing"
    )


def test_the_note_speaks_chinese(zh):
    _, notes = _read("sensor_minus200.csv")
    text = next(n for n in notes if n.key.startswith("codes.")).format(str)
    assert text.startswith("-200 出现在 9 列中") and "缺失值" in text and "read" not in text


def test_keep_codes_keeps_them_and_says_so():
    df, notes = _read("sensor_minus200.csv", keep_codes=True)
    assert (df["NMHC(GT)"] == -200).sum() > 300
    assert [n.key for n in notes if n.key.startswith("codes.")] == ["codes.kept_many"]


def test_noaa_codes_minus_99_99_minus_9_99_and_minus_1():
    df, notes = _read("noaa_co2_comments.csv")
    found = {n.params["value"]: n for n in notes if n.key.startswith("codes.")}
    assert set(found) == {"-99.99", "-9.99", "-1"}  # NOAA's -1 days: no count that month
    assert found["-1"].params["columns"] == ("ndays",)
    assert found["-99.99"].params["columns"] == ("average",)
    assert found["-99.99"].params["cells"] == 6 and df["average"].isna().sum() == 6
    assert found["-9.99"].params["cells"] == 100 and df["sdev"].min() > 0
    assert df["average"].min() > 300


def test_a_column_that_is_a_code_everywhere_is_kept_and_named():
    df, notes = _read("weather_negatives_empty.csv")
    assert (df["WIND_MAX"] == -999).all()  # not silently emptied
    whole = [n for n in notes if n.key == "codes.whole_column"]
    assert len(whole) == 1 and whole[0].params == {"column": "WIND_MAX", "value": "-999"}


def test_real_negatives_and_flags_are_not_codes():
    df, notes = _read("weather_negatives_empty.csv")
    assert (df["TMIN"] == -30).sum() >= 10  # repeats at the cold end: real
    assert set(df["SNOW_FLAG"]) == {0.0, 1.0}
    assert not [n for n in notes if n.key.startswith(("codes.missing", "codes.kept"))]


@pytest.mark.parametrize(
    "values",
    [
        np.r_[np.zeros(50), np.ones(50)],  # a flag
        np.r_[np.full(20, -30.0), np.linspace(-29, 40, 300)],  # cold edge
        np.r_[np.zeros(40), np.linspace(100, 200, 100)],  # zero is never a code
        np.r_[np.full(3, -0.5), np.linspace(0, 40, 400)],  # just across zero
        np.r_[np.full(2, -999.0), np.linspace(0, 40, 100)],  # repeats too rarely
        np.linspace(-5, 5, 100),
    ],
)
def test_no_code_in(values):
    assert column_codes(values) == ()


@pytest.mark.parametrize("code", [-200.0, -999.0, -99.99, -9.99, 9999.0])
def test_typical_codes(code):
    rng = np.random.default_rng(1)
    values = np.r_[rng.normal(10, 2, 500), np.full(20, code), np.nan]
    assert column_codes(rng.permutation(values)) == (code,)


def test_a_column_mostly_code_still_finds_it():
    values = np.r_[np.full(900, -200.0), np.linspace(7, 1189, 100)]
    assert column_codes(values) == (-200.0,)


def test_two_codes_at_one_end():
    values = np.r_[np.full(10, -99.99), np.full(10, -9.99), np.linspace(0.1, 1.5, 300)]
    assert set(column_codes(values)) == {-99.99, -9.99}


def test_keeping_codes_swaps_values_notes_and_digest():
    from rnnviz.data.reader import read_table_full
    from rnnviz.session.workspace import _table_dataset, keeping_codes

    ds = _table_dataset(
        "s.csv", read_table_full((REAL / "sensor_minus200.csv").read_bytes()), "abc"
    )
    kept = keeping_codes(ds, True)
    assert (
        (kept.table.select_dtypes("number") == -200).sum().sum()
        == sum(len(c.rows) for c in ds.codes)
        > 0
    )
    assert kept.digest != ds.digest and kept.keep_codes
    assert [n.key for n in kept.notes if n.key.startswith("codes.")] == ["codes.kept_many"]
    back = keeping_codes(kept, False)
    assert back.digest == ds.digest and back.table.equals(ds.table)
    assert [n.key for n in back.notes] == [n.key for n in ds.notes]
