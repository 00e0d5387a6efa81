"""Lines before the header (`#` comments, title rows) are skipped and counted; a header
shorter than its rows keeps every value; parser errors are told in rnnviz's words, in the
user's language, with the file's own line number."""

from pathlib import Path

import pytest

from rnnviz import i18n
from rnnviz.data.preamble import cut, header_names
from rnnviz.data.reader import DataError, read_table_noted

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
CJK_FREE_PANDAS = ("Error tokenizing", "C error", "Expected", "fields in line", "EOF")


@pytest.fixture
def zh():
    i18n.use("zh")
    yield
    i18n.use("en")


def test_noaa_file_with_51_comment_lines_and_a_short_header_reads():
    df, notes = read_table_noted((REAL / "noaa_co2_comments.csv").read_bytes())
    assert len(df) == 240 and "average" in df.columns and "Unnamed: 7" in df.columns
    assert df["Unnamed: 7"].iloc[0] == pytest.approx(0.2)  # the eighth value is kept
    keys = {n.key: n for n in notes}
    assert keys["preamble.comments"].params == {"count": 51}
    assert keys["preamble.comments"].text.startswith("Skipped 51 comment lines")
    assert keys["preamble.short_header"].params == {"named": 7, "values": 8}


def test_comment_note_in_chinese(zh):
    _, notes = read_table_noted((REAL / "noaa_co2_comments.csv").read_bytes())
    assert "已跳过表头上方的 51 行注释" in [n.text for n in notes][0]


def test_title_rows_and_blank_lines_before_the_header():
    raw = b"Monthly sales report\n\nmonth,sales\n2020-01,3\n2020-02,4\n2020-03,5\n"
    df, notes = read_table_noted(raw)
    assert list(df.columns) == ["month", "sales"] and len(df) == 3
    assert [(n.key, n.params) for n in notes] == [("preamble.title", {"count": 1})]


def test_a_one_column_table_keeps_its_header():
    df, notes = read_table_noted(b"value\n1\n2\n3\n")
    assert list(df.columns) == ["value"] and notes == ()


def test_a_header_written_as_a_comment_is_the_header():
    df, notes = read_table_noted(b"# made by a logger\n#step,value\n1,3\n2,4\n3,5\n")
    assert list(df.columns) == ["step", "value"] and len(df) == 3
    assert notes[0].params == {"count": 1} and notes[0].key == "preamble.comment"


def test_old_mac_line_ends():
    text, found = cut("# a\r# b\rTitle\r\rx,y\r1,2\r", (",", ";"))
    assert text == "x,y\r1,2\r" and (found.comments, found.titles, found.lines) == (2, 1, 4)


def test_a_header_as_wide_as_its_rows_is_left_alone():
    assert header_names("a,b\n1,2\n3,4\n", ",") is None
    assert header_names("a,b\n1,2,3\n4,5,6\n", ",") == ["a", "b", "Unnamed: 2"]
    assert header_names("a,a\n1,2,3\n4,5,6\n", ",") == ["a", "a.1", "Unnamed: 2"]


RAGGED = b"# one comment\n\na\n1\n2\n3\n4\n5\n6\n7\n9,3\n10\n"  # file line 11 has 2 fields


def test_a_tokenizing_error_in_english_keeps_the_line_and_counts():
    with pytest.raises(DataError) as err:
        read_table_noted(RAGGED)
    message = str(err.value)
    assert message.startswith("Line 11 of the file has 2 fields, but the rows above it have 1")
    assert not any(word in message for word in CJK_FREE_PANDAS)


def test_a_tokenizing_error_in_chinese_has_no_english(zh):
    with pytest.raises(DataError) as err:
        read_table_noted(RAGGED)
    message = str(err.value)
    assert message.startswith("文件第 11 行有 2 个字段，而它上面的行有 1 个")
    assert not any(word in message for word in CJK_FREE_PANDAS)


def test_an_open_quote_is_told_in_rnnviz_words(zh):
    with pytest.raises(DataError) as err:
        read_table_noted(b'a,b\n1,2\n"3,4\n5,6\n')
    assert "引号没有闭合" in str(err.value) and "EOF" not in str(err.value)
