"""Reading user uploads: rnnviz.data.reader.read_table / read_text and the column helpers.

Fixtures are written inline (bytes or tmp_path files) in the shapes real exports take;
expected values are the numbers as written in those fixtures, worked out by hand.
"""

import csv
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from apphelpers import page, texts, upload
from rnnviz.data.reader import DataError, datetime_columns, numeric_columns, read_table, read_text
from rnnviz.data.windows import Scaler
from rnnviz.session.workspace import default_series_config, load_upload, prepare
from rnnviz.ui import state

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"

INVESTING_EN = (
    '"Date","Price","Open","High","Low","Vol.","Change %"\n'
    '"Aug 04, 2020","4,385.20","4,411.10","4,420.00","4,370.05","1.06M","-0.59%"\n'
    '"Aug 03, 2020","4,411.10","4,380.00","4,415.50","4,375.00","275.32K","0.16%"\n'
    '"Aug 02, 2020","4,404.05","4,400.00","4,410.00","4,390.00","2.5B","1.00%"\n'
)
INVESTING_ZH = (
    '"日期","收盘","开盘","高","低","交易量","涨跌幅"\n'
    '"2025-8-23","3,825.76","3,800.00","3,830.00","3,790.50","1.06M","-0.59%"\n'
    '"2025-8-22","3,848.50","3,850.00","3,860.00","3,840.00","275.32K","0.16%"\n'
)
PM25 = (
    "No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir\n"
    "1,2010,1,1,0,NA,-21,-11,1021,NW,1.79,0,0\n"
    "2,2010,1,1,1,NA,-21,-12,1020,NW,4.92,0,0\n"
    "3,2010,1,1,2,129,-16,-4,1020,cv,0.89,0,0\n"
    "4,2010,1,1,3,148,-15,-4,1020,cv,1.79,0,0\n"
)


def ts(text):
    return pd.Timestamp(text)


# ---------------------------------------------------------------- real-world shapes


def test_investing_english_export_numbers_suffixes_and_order():
    df = read_table(INVESTING_EN.encode())
    assert list(df.columns) == ["Date", "Price", "Open", "High", "Low", "Vol.", "Change %"]
    assert pd.api.types.is_datetime64_any_dtype(df["Date"])
    assert list(df["Date"]) == [ts("2020-08-02"), ts("2020-08-03"), ts("2020-08-04")]
    # Oldest first: the rows were reversed as a whole, not column by column.
    assert list(df["Price"]) == [4404.05, 4411.10, 4385.20]
    assert list(df["Low"]) == [4390.0, 4375.0, 4370.05]
    assert list(df["Vol."]) == [2.5e9, 275320.0, 1060000.0]
    assert list(df["Change %"]) == [0.01, 0.0016, -0.0059]
    for name in df.columns[1:]:
        assert df[name].dtype == np.float64


def test_investing_chinese_headers_with_utf8_bom():
    raw = b"\xef\xbb\xbf" + INVESTING_ZH.encode("utf-8")
    df = read_table(raw)
    assert df.columns[0] == "日期"  # BOM gone from the first name
    assert list(df["日期"]) == [ts("2025-08-22"), ts("2025-08-23")]
    assert list(df["收盘"]) == [3848.5, 3825.76]
    assert list(df["交易量"]) == [275320.0, 1060000.0]
    assert list(df["涨跌幅"]) == [0.0016, -0.0059]


def test_gbk_encoded_chinese_table():
    text = "日期,城市,气温\n2024-01-02,北京,-3.5\n2024-01-01,上海,6\n"
    df = read_table(text.encode("gbk"))
    assert list(df.columns) == ["日期", "城市", "气温"]
    assert list(df["城市"]) == ["上海", "北京"]
    assert list(df["气温"]) == [6.0, -3.5]


def test_chinese_dates_with_year_month_day_characters():
    text = "日期,收盘\n2025年8月23日,1\n2025年8月2日,2\n"
    df = read_table(text.encode("utf-8"))
    assert list(df["日期"]) == [ts("2025-08-02"), ts("2025-08-23")]
    assert list(df["收盘"]) == [2.0, 1.0]


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_other_delimiters(sep):
    rows = [["when", "a", "b"], ["2021-01-01", "1.5", "x"], ["2021-01-02", "2.5", "y"]]
    df = read_table("\n".join(sep.join(r) for r in rows).encode())
    assert list(df.columns) == ["when", "a", "b"]
    assert list(df["a"]) == [1.5, 2.5]
    assert list(df["b"]) == ["x", "y"]


def test_semicolon_file_with_decimal_commas():
    df = read_table(b"t;value;share\n1;3,14;12,5%\n2;1.234,5;0,5%\n")
    assert list(df["value"]) == [3.14, 1234.5]
    assert list(df["share"]) == [0.125, 0.005]


def test_quoted_thousands_in_a_single_column_file():
    df = read_table(b'Close\n"4,385.20"\n"12,001"\n7\n')
    assert list(df.columns) == ["Close"]
    assert list(df["Close"]) == [4385.2, 12001.0, 7.0]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2025-8-23", "2025-8-9", "2025-10-1"], ["2025-08-09", "2025-08-23", "2025-10-01"]),
        (["08/16/2025", "08/15/2025", "12/01/2024"], ["2024-12-01", "2025-08-15", "2025-08-16"]),
        (["1949-02", "1949-01", "1950-12"], ["1949-01-01", "1949-02-01", "1950-12-01"]),
        (
            ["Aug 02, 2020", "Jan 15, 2021", "Dec 31, 2019"],
            ["2019-12-31", "2020-08-02", "2021-01-15"],
        ),
    ],
)
def test_date_formats_parse_and_sort(cells, expected):
    text = "Period,v\n" + "\n".join(f'"{c}",{i}' for i, c in enumerate(cells))
    df = read_table(text.encode())
    assert list(df["Period"]) == [ts(e) for e in expected]
    # the value travelled with its date
    by_date = dict(zip(df["Period"], df["v"], strict=True))
    for i, c in enumerate(cells):
        assert by_date[pd.Timestamp(pd.to_datetime(c, format="mixed"))] == i


def test_date_detected_by_content_when_the_name_says_nothing():
    df = read_table(b"x,y\n2020/01/03,1\n2020/01/01,2\n2020/01/02,3\n")
    assert datetime_columns(df) == ["x"]
    assert list(df["y"]) == [2.0, 3.0, 1.0]


def test_numeric_columns_never_become_dates():
    df = read_table(b"Date,year,v\n20200103,2001,1\n20200101,2002,2\n")
    assert datetime_columns(df) == []
    assert list(df["Date"]) == [20200103.0, 20200101.0]  # file order kept: nothing to sort by
    assert list(df["year"]) == [2001.0, 2002.0]


def test_stable_sort_keeps_file_order_for_equal_dates():
    df = read_table(b"Date,v\n2020-01-02,1\n2020-01-01,2\n2020-01-01,3\n2020-01-01,4\n")
    assert list(df["v"]) == [2.0, 3.0, 4.0, 1.0]
    assert list(df.index) == [0, 1, 2, 3]


def test_missing_markers_become_nan():
    df = read_table(b"a,b\n1,NA\nN/A,2\nnan,3\n-,4\n,5\n6,n/a\n")
    assert df["a"].isna().tolist() == [False, True, True, True, True, False]
    assert df["b"].isna().tolist() == [True, False, False, False, False, True]
    assert df["a"].dtype == np.float64 and df["b"].dtype == np.float64
    assert df["a"][5] == 6.0 and list(df["b"][1:5]) == [2.0, 3.0, 4.0, 5.0]


def test_rows_with_every_cell_missing_are_dropped():
    df = read_table(b"a,b\n1,2\n,\nNA,-\n3,4\n")
    assert list(df["a"]) == [1.0, 3.0]
    assert list(df.index) == [0, 1]


def test_mixed_numbers_and_words_stay_text():
    df = read_table(b"a,b\n1,x\n2,3\n3,4\n4,5\n")
    assert list(df["b"]) == ["x", "3", "4", "5"]
    assert numeric_columns(df) == ["a"]


def test_a_few_bad_cells_in_a_numeric_column_become_nan():
    rows = "\n".join(str(i) for i in range(40))
    df = read_table(f"v\n{rows}\noops\n".encode())  # 1 bad cell in 41: under 5%
    assert df["v"].dtype == np.float64
    assert df["v"].isna().sum() == 1
    assert df["v"].sum() == sum(range(40))


def test_pm25_split_date_columns_become_one_date_column():
    df = read_table(PM25.encode())
    assert df.columns[0] == "date"
    assert not {"year", "month", "day", "hour"} & set(df.columns)
    assert list(df["date"]) == [ts(f"2010-01-01 0{h}:00") for h in range(4)]
    assert list(df["cbwd"]) == ["NW", "NW", "cv", "cv"]  # categorical stays text
    assert df["pm2.5"].isna().tolist() == [True, True, False, False]
    assert list(df["pm2.5"][2:]) == [129.0, 148.0]
    assert "No" in df.columns and list(df["Iws"]) == [1.79, 4.92, 0.89, 1.79]
    assert datetime_columns(df) == ["date"]
    assert numeric_columns(df) == ["No", "pm2.5", "DEWP", "TEMP", "PRES", "Iws", "Is", "Ir"]


def test_split_date_rows_are_sorted():
    df = read_table(b"year,month,v\n2001,2,1\n2000,12,2\n2001,1,3\n")
    assert list(df["date"]) == [ts("2000-12-01"), ts("2001-01-01"), ts("2001-02-01")]
    assert list(df["v"]) == [2.0, 3.0, 1.0]


def test_names_are_stripped_and_kept_unique():
    df = read_table(b" a , a,b \n1,2,3\n4,5,6\n")
    assert list(df.columns) == ["a", "a.1", "b"]
    assert list(df["a.1"]) == [2.0, 5.0]


def test_trailing_delimiter_adds_no_column():
    df = read_table(b"a,b,\n1,2,\n3,4,\n")
    assert list(df.columns) == ["a", "b"]
    assert list(df["b"]) == [2.0, 4.0]


def test_utf16_with_bom_is_decoded():
    df = read_table("a\tb\n1\t2\n3\t4\n".encode("utf-16"))
    assert list(df["b"]) == [2.0, 4.0]


# ---------------------------------------------------------------- sources


def test_every_kind_of_source_gives_the_same_frame(tmp_path):
    raw = INVESTING_EN.encode()
    path = tmp_path / "export.csv"
    path.write_bytes(raw)
    expected = read_table(raw)
    for source in (str(path), path, io.BytesIO(raw), bytearray(raw)):
        pd.testing.assert_frame_equal(read_table(source), expected)


def test_file_like_without_getvalue_is_read():
    class Upload:  # only .read(), like an open binary file
        def read(self):
            return PM25.encode()

    pd.testing.assert_frame_equal(read_table(Upload()), read_table(PM25.encode()))


def test_missing_path_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="Could not open"):
        read_table(tmp_path / "nope.csv")


# ---------------------------------------------------------------- sample data


def _raw_rows(name):
    with open(SAMPLES / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize(
    ("name", "rows", "date", "values"),
    [
        ("daily-min-temperatures.csv", 3650, "Date", ["Temp"]),
        ("airline-passengers.csv", 144, "Month", ["Passengers"]),
        ("monthly-sunspots.csv", 2820, "Month", ["Sunspots"]),
        ("bitcoin-daily.csv", 3793, "Date", ["Open", "High", "Low", "Close", "Vol."]),
    ],
)
def test_sample_files(name, rows, date, values):
    df = read_table(SAMPLES / name)
    raw = _raw_rows(name)
    assert len(df) == rows == len(raw) - 1
    assert list(df.columns) == [date] + values
    assert datetime_columns(df) == [date]
    assert numeric_columns(df) == values
    assert df[date].is_monotonic_increasing
    # first and last rows equal the file's own text, parsed independently here
    for row, i in ((raw[1], 0), (raw[-1], rows - 1)):
        assert df[date][i] == pd.Timestamp(row[0])
        for name_, cell in zip(values, row[1:], strict=True):
            scale = 1e3 if cell.endswith("K") else 1.0
            assert df[name_][i] == pytest.approx(float(cell.rstrip("K")) * scale, rel=1e-12)


def test_bitcoin_volume_suffix():
    df = read_table(SAMPLES / "bitcoin-daily.csv")
    assert df["Vol."][0] == 28410.0  # "28.41K" on the first data line
    assert df["Vol."].notna().all()


# ---------------------------------------------------------------- bad content

ACTIONABLE = ("upload", "export", "csv", "save", "keep", "check")


def _assert_helpful(err: DataError):
    message = str(err)
    assert message.strip()
    assert any(word in message.lower() for word in ACTIONABLE), message
    assert "Traceback" not in message


def _zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n1,2\n3,4\n")
    return buffer.getvalue()


def _png_bytes():
    rng = np.random.default_rng(7)
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + rng.integers(0, 256, 2000, dtype=np.uint8).tobytes()
    )


BAD_TABLES = {
    "empty": b"",
    "whitespace": b"  \n\t\r\n  ",
    "bom only": b"\xef\xbb\xbf\n",
    "header only": b"Date,Price\n",
    "png": _png_bytes(),
    "zip": _zip_bytes(),
    "utf16 without bom": "a,b\n1,2\n3,4\n".encode("utf-16-le"),
    "only text": b"name,city\nann,paris\nbob,rome\n",
    "one row": b"Date,Price\n2020-01-01,3\n",
    "ragged": b"a,b\n1,2\n3,4,5,6\n7,8\n",
    "unclosed quote": b'a,b\n"1,2\n3,4\n',
    "too many columns": (
        ",".join(f"c{i}" for i in range(3000)) + "\n" + ",".join("1" * 3000)
    ).encode(),
}


@pytest.mark.parametrize("name", list(BAD_TABLES))
def test_bad_tables_raise_a_helpful_data_error(name):
    with pytest.raises(DataError) as info:
        read_table(BAD_TABLES[name])
    _assert_helpful(info.value)


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("empty", "empty"),
        ("header only", "no data rows"),
        ("png", "does not look like text"),
        ("only text", "no column of numbers"),
        ("one row", "only 1 data row"),
        ("ragged", "fields"),
        ("too many columns", "3,000 columns"),
    ],
)
def test_bad_tables_say_what_is_wrong(name, phrase):
    with pytest.raises(DataError) as info:
        read_table(BAD_TABLES[name])
    assert phrase in str(info.value).lower()


def _garbage():
    rng = np.random.default_rng(1234)
    return [
        rng.integers(0, 256, 20_000, dtype=np.uint8).tobytes(),
        bytes(rng.integers(32, 127, 20_000, dtype=np.uint8)),  # printable noise
        bytes(rng.choice(list(b'",;\t|\n\r 0123abc%KM-/'), 20_000)),
        b"," * 200_000,
        b"a,b\n" + b"," * 200_000 + b"\n1,2\n",
        ",".join("1" * 10_000).encode(),
        b'"' * 5000,
        b"\xff" * 100,
        b"year,month,v\n99999,13,1\n-5,0,2\n",
        b"Date,v\n99999-99-99,1\n0000-00-00,2\n",
    ]


@pytest.mark.parametrize("index", range(len(_garbage())))
def test_garbage_raises_only_data_error(index):
    try:
        read_table(_garbage()[index])
    except DataError as err:
        assert str(err).strip()


def test_not_a_source_is_a_data_error():
    with pytest.raises(DataError):
        read_table(12345)


# ---------------------------------------------------------------- helpers


def test_column_helpers_pick_by_dtype():
    df = pd.DataFrame(
        {
            "when": pd.date_range("2020-01-01", periods=2),
            "x": [1.0, 2.0],
            "n": [1, 2],
            "flag": [True, False],
            "s": ["a", "b"],
        }
    )
    assert numeric_columns(df) == ["x", "n"]
    assert datetime_columns(df) == ["when"]


# ---------------------------------------------------------------- read_text


def test_read_text_normalises_line_endings_and_bom():
    raw = "\ufeffFirst Citizen:\r\nBefore we proceed\rany further\n".encode("utf-8")
    assert read_text(raw) == "First Citizen:\nBefore we proceed\nany further\n"


def test_read_text_falls_back_to_gb18030(tmp_path):
    path = tmp_path / "poem.txt"
    path.write_bytes("床前明月光，\r\n疑是地上霜。".encode("gbk"))
    assert read_text(path) == "床前明月光，\n疑是地上霜。"
    assert read_text(str(path)) == read_text(io.BytesIO(path.read_bytes()))


def test_read_text_sample_corpus():
    text = read_text(SAMPLES / "tinyshakespeare.txt")
    assert "\r" not in text
    assert text.startswith("First Citizen")


@pytest.mark.parametrize(
    "raw", [b"", b" \n\r\n\t", b"\x00\x01\x02" * 100, _png_bytes(), _zip_bytes()]
)
def test_read_text_rejects_empty_and_binary(raw):
    with pytest.raises(DataError) as info:
        read_text(raw)
    _assert_helpful(info.value)


# ---------------------------------------------------------------- values too large to scale
# ±1e308 is a finite float64, but a min-max range or a mean over it is inf: the scaler
# must refuse it when the data are prepared, not let training "diverge" later.

HUGE = "\n".join(f"2020-01-{d:02d},{d % 5},{(1e308 if d % 2 else -1e308)}" for d in range(1, 31))
HUGE_CSV = ("date,small,huge\n" + HUGE + "\n").encode()


def _prepare(raw: bytes, **cfg):
    ds = load_upload("upload.csv", raw)
    return prepare(ds, replace(default_series_config(ds), **cfg))


@pytest.mark.filterwarnings("error")  # no overflow RuntimeWarning escapes either
@pytest.mark.parametrize("scaling", ["minmax", "standard", "none"])
@pytest.mark.parametrize("role", ["target", "feature"])
def test_values_too_large_to_scale_are_refused_when_prepared(scaling, role):
    cfg = (
        {"target": "huge", "features": ("huge",)}
        if role == "target"
        else {"target": "small", "features": ("small", "huge")}
    )
    with pytest.raises(DataError) as info:
        _prepare(HUGE_CSV, scaling=scaling, **cfg)
    message = str(info.value)
    assert "too large to scale" in message and "'huge'" in message and "'small'" not in message
    assert "divide it by 1e+302" in message  # what to do, with a divisor that would do it
    assert "learning rate" not in message


def test_an_outlier_only_in_the_test_rows_is_refused_too():
    rows = [f"{d},{d % 7}" for d in range(59)] + ["59,1e300"]
    with pytest.raises(DataError, match="too large to scale"):
        _prepare(("t,v\n" + "\n".join(rows)).encode(), target="v", features=("v",))


def test_large_but_scalable_values_still_prepare():
    rows = "\n".join(f"{d},{d * 1e300:.6g}" for d in range(1, 61))
    data = _prepare(("t,v\n" + rows).encode(), target="v", features=("v",))
    assert np.isfinite(data.values).all() and data.values.min() >= 0 and data.scaler.finite.all()


def test_scaler_keeps_an_overflowed_range_visible():
    s = Scaler.fit(np.array([[1e308, 1.0], [-1e308, 3.0], [0.0, 3.0]]), "minmax")
    assert s.finite.tolist() == [False, True]
    assert Scaler.fit(np.array([[2.0], [2.0]]), "minmax").scale.tolist() == [1.0]  # constant


def test_upload_of_values_too_large_to_scale_explains_it(app):
    only_huge = "date,value\n" + "\n".join(
        f"2020-01-{d:02d},{(-1) ** d * 1e308}" for d in range(1, 31)
    )
    upload(app, "huge.csv", only_huge.encode())
    errors = texts(app.error)
    assert "too large to scale" in errors and "divide it by" in errors, errors
    assert state.DATASET.get(app.session_state) is None  # refused: nothing was loaded
    upload(app, "mixed.csv", HUGE_CSV)  # the default target is the small column: loads
    assert not app.error, texts(app.error)
    app.multiselect(key="feature_cols").set_value(["small", "huge"]).run()
    errors = texts(app.error)
    assert "too large to scale" in errors and "previous settings stay" in errors, errors
    assert state.PREP_CFG.get(app.session_state).features == ("small",)
    page(app, "model")  # the app goes on with the settings that work
