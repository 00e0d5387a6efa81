"""Labelled texts a user gets wrong: one class, a label column of ids, empty cells, long
names, a lone example, mixed scripts, odd class files, odd typed names and hostile class
names. Each gives a clear error or note, never an exception, and an error keeps the data
loaded before."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import chart_spec, load_sample, page, texts, train, upload
from rnnviz.safe_text import md
from rnnviz.ui import state

LATIN = "abcdefghiklmnoprstuvz"
ROOT = Path(__file__).resolve().parents[2]
HAN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _names(rng: random.Random, letters: str, n: int, low: int = 3, high: int = 8) -> list[str]:
    return [
        "".join(rng.choice(letters) for _ in range(rng.randint(low, high))).title()
        for _ in range(n)
    ]


def _csv(rows, header: str = "name,language") -> bytes:
    return (header + "\n" + "\n".join(",".join(r) for r in rows) + "\n").encode()


def _table(classes: dict[str, int], seed: int = 0, letters: str = LATIN) -> list[tuple]:
    rng = random.Random(seed)
    return [(n, c) for c, k in classes.items() for n in _names(rng, letters, k)]


def _still_names(at: AppTest) -> None:
    """The names sample loaded before is still the data set, and its page still draws."""
    assert not at.exception, at.exception
    ds = _ws(at).dataset
    assert ds is not None and ds.sample is not None and ds.sample.key == "names", ds
    assert "in 18 classes" in texts(at.info), texts(at.info)


@pytest.fixture
def names_app(app):
    load_sample(app, "names")
    return app


def _ws(at: AppTest):
    return state.workspace(at.session_state)


# ---------------------------------------------------------------- tables


def test_a_table_of_one_class_says_a_classifier_needs_two(names_app):
    upload(names_app, "one.csv", _csv(_table({"English": 40})))
    assert "at least two classes" in texts(names_app.error), texts(names_app.error)
    _still_names(names_app)


def test_a_table_of_one_class_gives_an_error_and_keeps_the_data(names_app):
    upload(names_app, "one.csv", _csv(_table({"English": 40})))
    assert names_app.error, "no error for a table of one class"
    _still_names(names_app)


def _with_scores(rows) -> bytes:
    """The rows with a column of numbers, each different (no label): the table reads as a
    series first, and the Data page offers to read it as labelled texts."""
    return _csv([(*r, f"{k * 0.37:.2f}") for k, r in enumerate(rows)], "name,language,score")


def _read_as_labels(at: AppTest) -> AppTest:
    at.button(key="read_labels").click().run()
    assert not at.exception, at.exception
    return at


def test_reading_a_table_of_one_class_as_labels_says_it_needs_two(app):
    upload(app, "one.csv", _with_scores(_table({"English": 40})))
    _read_as_labels(app)
    assert "at least two classes" in texts(app.error), texts(app.error)


def test_reading_a_table_of_one_class_as_labels_keeps_the_table(app):
    upload(app, "one.csv", _with_scores(_table({"English": 40})))
    _read_as_labels(app)
    assert app.error
    assert _ws(app).dataset.kind == "series"


def test_choosing_a_label_column_of_one_value_keeps_the_settings(app):
    rows = [(n, c, "Earth") for n, c in _table({"English": 30, "German": 30})]
    upload(app, "three.csv", _csv(rows, "name,language,planet"))
    assert "in 2 classes" in texts(app.info)
    app.selectbox(key="label_col").set_value("planet").run()
    assert not app.exception, app.exception
    assert "at least two classes" in texts(app.error), texts(app.error)
    assert _ws(app).prep_cfg.label_column == "language"


def _ids(n: int = 10_000) -> list[tuple]:
    rng = random.Random(1)
    return [(name, f"id{k:05d}") for k, name in enumerate(_names(rng, LATIN, n))]


def test_a_label_column_of_ten_thousand_values_says_why(names_app):
    upload(names_app, "ids.csv", _csv(_ids()))
    assert "No column looks like a label" in texts(names_app.error), texts(names_app.error)
    _still_names(names_app)


def test_a_label_column_of_ten_thousand_values_is_refused(names_app):
    upload(names_app, "ids.csv", _csv(_ids()))
    assert names_app.error, "no error for a label column of ids"
    _still_names(names_app)


def test_reading_ten_thousand_labels_as_labels_says_why(app):
    upload(app, "ids.csv", _with_scores(_ids()))
    _read_as_labels(app)
    assert "No column looks like a label" in texts(app.error), texts(app.error)
    assert _ws(app).dataset.kind == "series"


def test_choosing_a_label_column_of_ten_thousand_values_keeps_the_settings(app):
    rng = random.Random(2)
    rows = [
        (n, c, f"id{k:05d}")
        for k, (n, c) in enumerate(
            zip(_names(rng, LATIN, 10_000), ["English", "German"] * 5000, strict=True)
        )
    ]
    upload(app, "ids.csv", _csv(rows, "name,language,id"))
    assert _ws(app).prep_cfg.label_column == "language"
    app.selectbox(key="label_col").set_value("id").run()
    assert not app.exception, app.exception
    assert "10,000 different values" in texts(app.error), texts(app.error)
    assert _ws(app).prep_cfg.label_column == "language"
    assert "in 2 classes" in texts(app.info)


def test_empty_texts_and_labels_are_dropped_with_a_note(app):
    rows = _table({"English": 30, "German": 30}) + [("", "English"), ("Lonely", ""), ("", "")]
    upload(app, "gaps.csv", _csv(rows))
    assert "Left out 3 examples with an empty text or label" in texts(app.caption)
    assert "60 texts in 2 classes" in texts(app.info), texts(app.info)


def test_long_names_are_cut_with_a_note_and_the_cap_follows_the_widget(app):
    rng = random.Random(3)
    rows = _table({"English": 30, "German": 30})
    rows += [(n, "English") for n in _names(rng, LATIN, 5, 40, 40)]
    upload(app, "long.csv", _csv(rows))
    assert "5 texts were longer than the cap of 32" in texts(app.caption), texts(app.caption)
    assert "up to 32 characters" in texts(app.info)
    app.number_input(key="max_len").set_value(4).run()
    assert not app.exception, app.exception
    assert "cap of 4 characters" in texts(app.caption), texts(app.caption)
    assert "up to 4 characters" in texts(app.info), texts(app.info)
    assert max(len(s) for s in _ws(app).prepared.texts) == 4


def test_a_class_of_one_example_is_named_and_the_split_works(app):
    rows = _table({"English": 30, "German": 30}) + [("Kowalski", "Polish")]
    upload(app, "lone.csv", _csv(rows))
    notes = texts(app.caption)
    assert "Classes with a single example (Polish)" in notes, notes
    assert "in 3 classes" in texts(app.info)
    assert not app.error, texts(app.error)


def test_mixed_scripts_train_and_a_typed_han_name_is_read(app):
    rows = _table({"English": 40, "German": 40}, seed=4)
    rows += _table({"Chinese": 40}, seed=5, letters=HAN)
    rng = random.Random(6)
    rng.shuffle(rows)
    upload(app, "mixed.csv", _csv(rows))
    assert "in 3 classes" in texts(app.info)
    train(app, epochs=1)
    assert "Finished" in texts(app.success), texts(app.error)
    page(app, "predict")
    app.text_input(key="name_input").set_value("王").run()
    assert not app.exception, app.exception
    assert "None of these characters" not in texts(app.error)
    assert len(app.metric) == 3 + 3, [m.label for m in app.metric]
    assert "names_strip" in {c.key for c in app.get("plotly_chart")}


# ---------------------------------------------------------------- class files


def _txt(names: list[str]) -> bytes:
    return ("\n".join(names) + "\n").encode()


def _class_files(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    page(at, "data")
    at.segmented_control(key="data_source").set_value("Upload").run()
    at.file_uploader(key="class_files").set_value([(n, raw, "text/plain") for n, raw in files])
    at.run()
    assert not at.exception, at.exception
    return at


def _good_files(seed: int = 7) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    return [(f"{c}.txt", _txt(_names(rng, LATIN, 30))) for c in ("English", "German")]


def test_class_files_load_one_class_per_file(names_app):
    _class_files(names_app, _good_files())
    assert not names_app.error, texts(names_app.error)
    assert "60 texts in 2 classes" in texts(names_app.info), texts(names_app.info)


@pytest.mark.parametrize(
    "extra, said",
    [
        (("Polish.csv", b"name\nKowalski\n"), "is not a .txt file"),
        (("more/English.txt", b"Smith\nJones\n"), "both name the class"),
        (("Polish.txt", b"Kow\x00alski\n\x00\x01\x02"), "does not look like text"),
        (("Polish.txt", b"Kowalski\nW\xf3jcik\n"), "is not UTF-8 text (line 2"),
    ],
    ids=["csv", "same-class", "binary", "not-utf8"],
)
def test_a_bad_class_file_gives_an_error_and_keeps_the_data(names_app, extra, said):
    _class_files(names_app, [*_good_files(), extra])
    assert said in texts(names_app.error), texts(names_app.error)
    _still_names(names_app)


def test_an_empty_class_file_is_left_out_with_a_note(names_app):
    _class_files(names_app, [*_good_files(), ("Polish.txt", b""), ("Czech.txt", b"\n  \n")])
    assert not names_app.error, texts(names_app.error)
    notes = texts(names_app.caption)
    assert "Left out Polish" in notes, notes
    assert "in 2 classes" in texts(names_app.info), texts(names_app.info)
    assert "Czech" not in _ws(names_app).prepared.classes


# ---------------------------------------------------------------- typed names, odd classes

HOSTILE = ("<script>", "**bold**", "plain")


@pytest.fixture(scope="module")
def hostile() -> AppTest:
    """A session trained one epoch on Latin names whose classes are Markdown and HTML."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    rows = _table(dict.fromkeys(HOSTILE, 40), seed=8)
    upload(at, "hostile.csv", _csv(rows))
    train(at, epochs=1)
    assert "Finished" in texts(at.success), texts(at.error)
    page(at, "predict")
    return at


def _type(at: AppTest, text: str) -> AppTest:
    at.text_input(key="name_input").set_value(text).run()
    assert not at.exception, at.exception
    return at


def _markdown_sources(at: AppTest) -> str:
    """What the page hands Streamlit's Markdown: texts, captions, titles, messages, labels."""
    parts = [
        e.value
        for group in (at.markdown, at.caption, at.subheader, at.info, at.warning, at.error)
        for e in group
    ]
    return "\n".join([*parts, *(m.label for m in at.metric)])


def test_hostile_class_names_are_shown_as_text_on_every_page(hostile):
    page(hostile, "data")
    shown = _markdown_sources(hostile)
    assert md("<script>") in shown or md("**bold**") in shown, shown
    page(hostile, "predict")
    _type(hostile, "Abc")
    labels = [m.label for m in hostile.metric][-3:]
    assert sorted(labels) == sorted(md(c) for c in HOSTILE), labels
    for where in ("data", "predict", "inside"):
        page(hostile, where)
        if where == "predict":
            _type(hostile, "Abc")
        shown = _markdown_sources(hostile)
        for raw in ("<script>", "**bold**"):
            assert raw not in shown, (where, raw)


def test_figures_do_not_carry_a_script_tag(hostile):
    page(hostile, "predict")
    _type(hostile, "Abc")
    for key in ("names_conf", "names_strip"):
        assert "<script>" not in json.dumps(chart_spec(hostile, key)), key


def test_an_empty_typed_name_asks_for_one(hostile):
    _type(hostile, "   ")
    assert "Type a name to see" in texts(hostile.caption)
    assert "names_strip" not in {c.key for c in hostile.get("plotly_chart")}


def test_a_name_in_another_alphabet_says_so(hostile):
    _type(hostile, "Иванов")
    assert "Never seen in training" in texts(hostile.warning), texts(hostile.warning)
    assert "None of these characters occurs" in texts(hostile.error), texts(hostile.error)
    page(hostile, "inside")
    hostile.text_input(key="names_typed").set_value("Иванов").run()
    assert not hostile.exception, hostile.exception
    assert "None of these characters occurs" in texts(hostile.error)
    hostile.text_input(key="names_typed").set_value("").run()
    page(hostile, "predict")


def test_a_name_over_64_characters_is_refused_or_cut(hostile):
    long = "Abcdefgh" * 10  # 80 characters
    widget = hostile.text_input(key="name_input")
    assert widget.max_chars == 64
    _type(hostile, long[:64])
    assert "Only the first 32 characters are read" in texts(hostile.caption)
    assert "names_strip" in {c.key for c in hostile.get("plotly_chart")}
    letters = chart_spec(hostile, "names_strip")
    assert "Abcdefgh" * 4 not in json.dumps(letters)  # 32 letters read, not 64


def test_markdown_and_html_typed_are_shown_as_text(hostile):
    typed = "**x** <b>y</b>"
    _type(hostile, typed)
    assert typed not in _markdown_sources(hostile)
    assert "Never seen in training" in texts(hostile.warning)  # "*", "<", ">" and "/"
    page(hostile, "inside")
    hostile.text_input(key="names_typed").set_value(typed).run()
    assert not hostile.exception, hostile.exception
    shown = _markdown_sources(hostile)
    assert md(typed) in shown and typed not in shown, shown
    hostile.text_input(key="names_typed").set_value("").run()
    page(hostile, "predict")
