"""Hostile names and links on every page: no user- or link-supplied text becomes a live
Markdown link, image, formula or Streamlit directive anywhere the app renders Markdown.

The payloads are those a hostile upload carries: a CSV whose file name and header carry a phishing
link, a tracking image, a KaTeX formula and a colored-text directive, and a shared link
whose values carry the same. Every Markdown-rendering element of every page is collected
(text, captions, alerts, toasts, headings, widget labels, help, radio and segmented
options, tabs, expanders, metrics) and searched for what would render live.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

from apphelpers import join_workers, page, upload
from conftest import ROOT
from rnnviz.session import links
from rnnviz.session.schema import get as get_setting
from rnnviz.session.schema import parse as read_setting
from rnnviz.train.job import TrainConfig
from rnnviz.ui import state

PAGES = ["home", "data", "model", "train", "inside", "predict", "compare", "lab"]
TRACKER = "![t](http://x.example/track.png)"
# Plotly reads <a href> in a trace name: this column is the target, so the Data page's chart
# names it in its legend and hover.
PHISH = "[Log in again](https://evil.example/login)<a href='https://evil.example/a'>here</a>"
FORMULA = r"$\color{red}{\Huge HACKED}$"
DIRECTIVE = ":red[PWNED]"
FILE_NAME = ":red[PWNED] ![f](http://x.example/f.png) [Open](https://evil.example).csv"


DATE_COLUMN = "date [Open](https://evil.example/d)"  # zoned dates: its name is in a note


def hostile_csv(rows: int = 120) -> bytes:
    """Zoned dates, value, three hostile numeric columns, a hostile text column (left out)."""
    header = ",".join([DATE_COLUMN, "value", TRACKER, PHISH, FORMULA, DIRECTIVE])
    lines = [
        f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}T00:00:00Z,"
        f"{10 + i % 7},{i % 5},{(i * 3) % 11},{(i * 7) % 13},word{i % 3}"
        for i in range(rows)
    ]
    return (header + "\n" + "\n".join(lines) + "\n").encode()


# Dates and words: a series with no number to forecast (a table of words alone would be
# read as labelled texts).
NO_NUMBERS_CSV = (
    ",".join([TRACKER, PHISH, FORMULA, DIRECTIVE])
    + "\n"
    + "\n".join(f"2021-01-0{k + 1},b,c,d" for k in range(5))
    + "\n"
).encode()
WORDS_CSV = (
    ",".join([TRACKER, PHISH, FORMULA, DIRECTIVE])
    + "\n"
    + "\n".join(f"{DIRECTIVE}{k},{FORMULA},c,d" for k in range(6))
    + "\n"
).encode()


pytestmark = pytest.mark.usefixtures("fresh_sessions")  # each test trains its own job


# ---------------------------------------------------------------- what Markdown shows


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def _attr(node, name):
    try:
        value = getattr(node, name, None)
    except Exception:  # a property AppTest cannot build for this element kind
        return None
    return value


def markdown_texts(at: AppTest) -> list[str]:
    """Every text the page renders as Markdown (formulas written with st.latex and code
    blocks are not Markdown text, and selectbox/multiselect options are plain)."""
    out = []
    for node in _walk(at._tree):
        if isinstance(node, (et.Latex, et.Code)):
            continue
        if isinstance(node, (et.Markdown, et.AlertBase, et.Toast, et.HeadingBase)):
            out.append(str(node.value))
        for name in ("label", "help"):
            value = _attr(node, name)
            if isinstance(value, str):
                out.append(value)
        if isinstance(node, et.Radio):  # radio and segmented-control options are Markdown
            out.extend(map(str, node.options))
        if isinstance(node, et.ButtonGroup):
            out.extend(option.content for option in node.proto.options)
    return out


def leaks(text: str) -> list[str]:
    """What in `text` would render live: a link or image to the attacker's sites, an image
    at all, a formula around the payload, or the payload's directive."""
    found = [
        f"link to {m.group(1)}"
        for m in re.finditer(r"\]\(([^)\s]*)", text)
        if "example" in m.group(1)
    ]
    if re.search(r"(?<!\\)!\[", text):
        found.append("image")
    if re.search(r"(?<!\\)\$[^$]*HACKED[^$]*(?<!\\)\$", text):
        found.append("formula")
    if re.search(r"(?<!\\):red\[", text):
        found.append("directive")
    if re.search(r"(?<!\\)<https?:", text):
        found.append("autolink")
    return found


def figure_texts(at: AppTest) -> list[str]:
    """Every string in every Plotly figure's spec (names, titles, hover templates...)."""
    out = []

    def strings(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                strings(item)
        elif isinstance(value, list):
            for item in value:
                strings(item)

    for chart in at.get("plotly_chart"):
        strings(json.loads(chart.proto.spec))
    return out


def assert_clean(at: AppTest, where: str) -> None:
    assert not at.exception, at.exception
    bad = [(text[:160], problems) for text in markdown_texts(at) if (problems := leaks(text))]
    assert not bad, f"{where}: live Markdown from user text: {bad}"
    tags = [text[:160] for text in figure_texts(at) if re.search(r"<a\s", text, re.I)]
    assert not tags, f"{where}: a link tag in a figure: {tags}"


# ---------------------------------------------------------------- the checker itself


@pytest.mark.parametrize(
    "text",
    [
        PHISH,
        TRACKER,
        FORMULA,
        DIRECTIVE,
        f"Loaded: **{FILE_NAME}**",
        f"t='{PHISH}'",
        "<https://evil.example>",
    ],
)
def test_the_checker_finds_each_raw_payload(text):
    assert leaks(text)


def test_the_checker_passes_escaped_payloads_and_the_apps_own_markdown():
    from rnnviz.safe_text import md

    for text in (PHISH, TRACKER, FORMULA, DIRECTIVE, FILE_NAME):
        assert not leaks(md(text, None)), md(text, None)
    assert not leaks("[Link](?s=temperature&w=30) $h_t$ and $f$ :material/share:")


# ---------------------------------------------------------------- a hostile upload


def _visit_all(at: AppTest, what: str) -> dict[str, str]:
    """Every page checked; what each one showed as Markdown, to check it was looked at."""
    shown = {}
    for name in PAGES:
        page(at, name)
        assert_clean(at, f"{what}, page {name}")
        shown[name] = "\n".join(markdown_texts(at))
    return shown


def test_hostile_file_name_and_columns_on_every_page(app):
    upload(app, FILE_NAME, hostile_csv())
    assert_clean(app, "upload")
    app.selectbox(key="target_col").set_value(PHISH).run()
    app.multiselect(key="feature_cols").set_value([TRACKER, PHISH, FORMULA]).run()
    app.number_input(key="window").set_value(5).run()
    assert_clean(app, "columns chosen")
    cfg = state.PREP_CFG.get(app.session_state)
    assert cfg.target == PHISH and cfg.features == (TRACKER, PHISH, FORMULA)
    page(app, "train")
    app.number_input(key="epochs").set_value(1).run()
    app.button(key="train").click().run()
    join_workers()
    app.run()
    assert_clean(app, "trained")
    shown = _visit_all(app, "trained on the hostile file")
    assert all("PWNED" in text for text in shown.values())  # the sidebar names the file
    assert "Log in again" in shown["predict"]  # the target's units, under the table
    assert "Upload" in shown["data"]  # segmented-control options are collected too
    page(app, "data")
    assert any("Log in again" in text for text in figure_texts(app))  # the chart names it
    assert state.PREP_CFG.get(app.session_state).date_column == DATE_COLUMN
    # a race on the hostile data: its live note and, after a change, its stale warning
    page(app, "compare")
    app.number_input(key="race_steps").set_value(10).run()
    app.button(key="race_start").click().run()
    assert_clean(app, "race started")
    join_workers()
    app.run()
    assert_clean(app, "race finished")
    page(app, "data")
    app.number_input(key="window").set_value(6).run()
    page(app, "compare")
    assert_clean(app, "race stale")
    assert any("PWNED" in w.value for w in app.warning)  # the stale note names the data


def test_hostile_columns_without_numbers_give_a_clean_error(app):
    upload(app, FILE_NAME, NO_NUMBERS_CSV)
    errors = " ".join(e.value for e in app.error)
    assert "No column of numbers" in errors and "HACKED" in errors
    assert_clean(app, "no numbers")


def test_hostile_words_read_as_labels_give_a_clean_error(app):
    """Words only: read as labelled texts, whose one class (a hostile one) is refused."""
    upload(app, FILE_NAME, WORDS_CSV)
    errors = " ".join(e.value for e in app.error)
    assert "at least two classes" in errors and "HACKED" in errors, errors
    assert_clean(app, "words")


# ---------------------------------------------------------------- a hostile link


def _open(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    return at


def test_hostile_link_values_on_every_page():
    at = _open(
        s="temperature",
        t="[Session expired - click here](https://evil.example/login)",
        f="![x](http://x.example/p.png),Temp," + FORMULA,
        cell=DIRECTIVE,
        sc="<https://evil.example>",
        h="9" * 5000,
        ep="9" * 30,
    )
    assert_clean(at, "link opened")
    warning = " ".join(w.value for w in at.warning)
    assert "Session expired" in warning and "x\\.example" in warning  # named, not live
    assert "set_int_max_str_digits" not in warning and len(warning) < 1500
    assert state.PREP_CFG.get(at.session_state).features == ("Temp",)
    _visit_all(at, "hostile link")


def test_unknown_sample_in_a_link_is_quoted_not_rendered():
    at = _open(s=PHISH + TRACKER)
    assert_clean(at, "unknown sample")
    assert "evil" in " ".join(w.value for w in at.warning)


# ---------------------------------------------------------------- link values: engine


def test_repeated_features_are_one_input_each():
    settings, warnings = links.from_params(
        {"s": "temperature", "f": "Temp,Temp,Temp"}, columns=["Temp"]
    )
    assert settings.prep.features == ("Temp",) and warnings == []
    settings, _ = links.from_params(
        {"s": "bitcoin", "f": "Open, Close,Open,Close"}, columns=["Open", "Close", "Price"]
    )
    assert settings.prep.features == ("Open", "Close")


@pytest.mark.parametrize("digits", [19, 25, 299, 5000])
def test_huge_whole_numbers_get_a_short_message(digits):
    settings, warnings = links.from_params(
        {"s": "temperature", "ep": "9" * digits, "seed": "-" + "9" * digits}
    )
    assert len(warnings) == 2 and settings.train.epochs == 20
    for w in warnings:
        assert "set_int_max_str_digits" not in w and "digits" not in w and len(w) < 150
        assert ("not a whole number in" in w) or ("too long" in w)


def test_int_parser_refuses_before_reading_a_huge_number():
    def parse(text):
        return read_setting(get_setting(TrainConfig, "epochs"), text)  # 1..500

    with pytest.raises(ValueError, match="not a whole number in 1..500"):
        parse("9" * 5000)  # int() of this would raise Python's own message
    for odd in ("٣", "1_0", " 5", "0x10", "1e3", "", "+"):
        with pytest.raises(ValueError, match="not a whole number"):
            parse(odd)
    assert parse("500") == 500 and parse("+7") == 7
