"""A column empty in every row is called empty, never "not numeric"; columns left out are
listed with a reason each."""

from pathlib import Path

import pandas as pd
import pytest

from rnnviz import i18n
from rnnviz.data.leftout import empty_columns, reason_notes, reasons
from rnnviz.data.reader import DataError, read_table_noted
from rnnviz.data.roles import classify

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


@pytest.fixture
def zh():
    i18n.use("zh")
    yield
    i18n.use("en")


def test_an_empty_column_is_left_out_as_empty():
    df, notes = read_table_noted((REAL / "weather_negatives_empty.csv").read_bytes())
    assert "TAVG" not in df.columns
    note = next(n for n in notes if n.key.startswith("leftout."))
    assert note.key == "leftout.reason.empty" and note.params == {"columns": ("TAVG",)}
    assert note.text == "Left out, empty in every row: TAVG"
    assert "numeric" not in note.text


def test_missing_tokens_only_is_empty_too(zh):
    _, notes = read_table_noted(b"v,w,x\n1,NA,-\n2,,--\n3,N/A,\n")
    note = next(n for n in notes if n.key == "leftout.reason.empty")
    assert note.params["columns"] == ("w", "x") and note.text == "未使用，每一行都是空的：w、x"


def test_only_empty_numbers_says_empty():
    with pytest.raises(DataError) as err:
        read_table_noted(b"Date,Temp\n2021-01-01,NA\n2021-01-02,NA\n2021-01-03,\n")
    assert str(err.value).startswith("No column of numbers was found: Temp is empty in every row")


def test_reasons_for_each_column():
    table = pd.DataFrame(
        {
            "date": pd.date_range("2020-01-01", periods=4),
            "id": [1.0, 2, 3, 4],
            "value": [3.0, 1, 4, 1],
            "same": [5.0] * 4,
            "city": ["a", "b", "a", "b"],
            "blank": [None] * 4,
        }
    )
    assert empty_columns(table) == ["blank"]
    assert reasons(table) == [("city", "text"), ("blank", "empty")]
    found = reasons(table, classify(table))
    assert found == [("id", "id"), ("same", "constant"), ("city", "text"), ("blank", "empty")]
    assert [n.text for n in reason_notes(found)] == [
        "Left out, empty in every row: blank",
        "Left out, text rather than numbers: city",
        "Left out, one value in every row: same",
        "Left out, a row number or ID: id",
    ]
