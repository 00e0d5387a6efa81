"""Uploads go to the table reader or the character model by their content, the name only a
hint; each outcome shows one message on the Data page, in both languages."""

from pathlib import Path

import pytest

from apphelpers import load_sample, page, texts, upload
from rnnviz.data import filekind
from rnnviz.data.reader import DataError
from rnnviz.i18n import CATALOG, t
from rnnviz.session.workspace import load_upload
from rnnviz.ui import state

BINARY = {"en": "does not look like text", "zh": "看起来不是文本"}
KINDS = Path(__file__).resolve().parents[1] / "data" / "kinds"
SHAKESPEARE = Path("/work/shared/data/tinyshakespeare.txt")
if not SHAKESPEARE.is_file():  # the same corpus ships as a sample
    SHAKESPEARE = Path(__file__).resolve().parents[2] / "sample_data" / "tinyshakespeare.txt"


def _kind(name: str) -> str:
    return filekind.kind(name, filekind.head((KINDS / name).read_bytes()))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("lodash.js", "text"),
        ("tool.py", "text"),
        ("config.json", "text"),
        ("prose.txt", "text"),
        ("table.txt", "table"),  # a CSV named .txt
        ("comments.csv", "table"),  # `#` lines above the header: still a table
        ("script.csv", "text"),  # source code named .csv
    ],
)
def test_the_content_decides(name, expected):
    assert _kind(name) == expected


def test_the_extension_is_a_hint_where_the_content_says_little():
    assert filekind.kind("notes.md", "a,b\n") == "text"
    assert filekind.kind("tiny.csv", "a,b\n") == "table"  # its reader says what is wrong
    assert filekind.kind("series", "value\n1\n2\n3\n") == "table"  # no extension: one column
    assert filekind.kind("readme", "Read me first, then run it.\nThat is all.\n") == "text"


def test_shakespeare_is_text_whatever_its_name():
    head = filekind.head(SHAKESPEARE.read_bytes())
    assert len(head) <= filekind.HEAD_BYTES  # a prefix, not the whole megabyte
    assert {filekind.kind(n, head) for n in ("input.txt", "input.csv", "input")} == {"text"}


def test_a_binary_js_is_refused_as_binary():
    with pytest.raises(DataError) as err:
        load_upload("binary.js", (KINDS / "binary.js").read_bytes())
    assert BINARY["en"] in str(err.value)


def test_a_long_upload_is_decoded_up_to_its_last_whole_line():
    raw = ("价格,日期\n" + "1.5,2020年\n" * 20_000).encode()  # a cut would split a character
    head = filekind.head(raw)
    assert head.startswith("价格") and head.endswith("\n") and len(head) < len(raw)
    assert filekind.kind("prices.txt", head) == "table"


def test_load_upload_routes_and_tells_how_it_read():
    js = load_upload("lodash.js", (KINDS / "lodash.js").read_bytes())
    assert js.kind == "text" and "function chunk" in js.text
    assert [n.key for n in js.notes] == ["filekind.read_as_text"]
    assert "lodash.js" in js.notes[0].text
    table = load_upload("table.txt", (KINDS / "table.txt").read_bytes())
    assert table.kind == "series" and list(table.table.columns) == ["Date", "Temp"]
    assert table.notes[0].key == "filekind.read_as_table"
    prose = load_upload("prose.txt", (KINDS / "prose.txt").read_bytes())
    assert prose.kind == "text" and prose.notes == ()  # read as its name says: nothing to tell
    csv = load_upload("comments.csv", (KINDS / "comments.csv").read_bytes())
    assert csv.kind == "series" and "filekind.read_as_table" not in [n.key for n in csv.notes]


# ---------------------------------------------------------------- the Data page


def _text(key: str, language: str, cut: str) -> str:
    """The catalog text of `key` in `language`, without the parameter `cut` (what stays
    the same whatever the file)."""
    return CATALOG[key][language == "zh"].replace("{" + cut + "}", "").strip()


def test_a_js_upload_becomes_a_text_data_set(app, language):
    upload(app, "lodash.js", (KINDS / "lodash.js").read_bytes())
    assert not app.error, texts(app.error)
    ds = state.DATASET.get(app.session_state)
    assert ds.kind == "text" and ds.name == "lodash.js"
    assert _text("filekind.read_as_text", language, "name") in texts(app.caption)


def test_a_refused_first_upload_shows_one_message(app, language):
    upload(app, "binary.js", (KINDS / "binary.js").read_bytes())
    assert len(app.error) == 1, texts(app.error)
    error = texts(app.error)
    assert _text("filekind.upload_failed_first", language, "error") in error
    assert _text("data.upload_failed", language, "error") not in error
    assert BINARY[language] in error  # rnnviz.data.reader's own message, not a CSV one
    assert _text("data.begin", language, "") not in texts(app.info)  # none beside it
    assert state.DATASET.get(app.session_state) is None


def test_a_refused_upload_keeps_the_data_set_before_it(app, language):
    load_sample(app, "airline")
    upload(app, "binary.js", (KINDS / "binary.js").read_bytes())
    assert len(app.error) == 1, texts(app.error)
    assert _text("data.upload_failed", language, "error") in texts(app.error)
    assert state.DATASET.get(app.session_state).sample.key == "airline"


def test_the_page_before_any_upload_says_how_to_begin(app):
    page(app, "data")
    assert t("data.begin") in texts(app.info)
