"""One place for every string, in both languages: the catalog is whole, and no page or
widget group writes user-facing English inline."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from rnnviz import i18n
from rnnviz.i18n import CATALOG, LANGUAGES, t

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
PUNCT = "：，。；！？、（）“”:,.;!?()"


def stuck_bold(text: str) -> list[str]:
    """Closing ** that Markdown leaves as stars: after punctuation, before a letter."""
    stars = [m.start() for m in re.finditer(r"\*\*", text)]
    return [
        text[max(0, i - 4) : i + 4]
        for i in stars[1::2]
        if i > 0
        and text[i - 1] in PUNCT
        and i + 2 < len(text)
        and not text[i + 2].isspace()
        and text[i + 2] not in PUNCT
    ]


PROSE = re.compile(r"[A-Za-z]{2,}[ ,.:;!?'’-]+[A-Za-z]{2,}")
TEXT = re.compile(PROSE.pattern + r"|\b[A-Z][a-z]{2,}\b")  # prose, or a label such as "Epochs"
NAME = re.compile(r"[a-z0-9_./:{}-]*")  # a catalog key, a path, a widget key: for the program
# Where a user reads the text: the pages, the widget groups, and the engine modules whose
# messages (refusals, errors, status lines) reach the screen.
UI_FILES = sorted(
    [ROOT / "app.py", *(ROOT / "views").glob("*.py"), *(ROOT / "rnnviz/ui").glob("*.py")]
)
ENGINE_FILES = sorted(
    ROOT / "rnnviz" / path
    for path in (
        "data/text.py",
        "session/workspace.py",
        "files/model_file.py",
        "server/limits.py",
        "train/job.py",
        "session/lessons.py",
        "data/samples.py",
        "session/schema.py",
        "session/links.py",
        "model/summary.py",
        "analysis/predict.py",
        "analysis/calculator.py",
        "analysis/insight.py",
        "experiments/lab_setups.py",
        "experiments/race.py",
        "experiments/tasks.py",
        "data/labels.py",
        "data/labels_split.py",
        "analysis/class_baselines.py",
        "experiments/tutorial003.py",
        "analysis/class_eval.py",
        "analysis/name_trace.py",
    )
)
# Parsers hold header names and patterns in strings: only what they raise is for the user.
PARSER_FILES = sorted(ROOT / "rnnviz" / path for path in ("data/reader.py", "data/prep.py"))
FIGURE_FILES = sorted((ROOT / "rnnviz/figures").glob("*.py"))
# Keyword arguments whose values are names for the program, not text for the user.
CODE_KEYWORDS = {
    "key",
    "icon",
    "mime",
    "file_name",
    "type",
    "width",
    "height",
    "name",
    "page_icon",
    "url_path",
    "layout",
    "format",
    "hovermode",
    "mode",
    "page",
    "colorscale",
    "textposition",
}


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_both_languages(key):
    english, chinese = CATALOG[key]
    assert english.strip() and chinese.strip(), f"{key}: {CATALOG[key]!r}"
    assert _fields(english) == _fields(chinese), f"{key}: the two texts take other parameters"
    # Markdown does not close **bold** after punctuation when a letter follows (**词：**字):
    # the stars would show. Chinese puts the full-width colon outside (**词**：字).
    assert not stuck_bold(chinese), f"{key}: {stuck_bold(chinese)}"
    if PROSE.search(english):  # prose in English must be Chinese prose in Chinese
        assert CJK.search(chinese), f"{key}: the Chinese text {chinese!r} has no Chinese"


def test_missing_keys_and_languages():
    i18n.use("zh")
    try:
        assert t("nav.data") == "1 · 数据"
        assert t("no.such.key") == i18n.MISSING.format("no.such.key")
    finally:
        i18n.use("en")
    assert t("nav.data") == "1 · Data"
    assert i18n.use("fr") == "en" and set(LANGUAGES) == {"en", "zh"}
    assert [i18n.from_locale(x) for x in ("zh-CN", "zh-TW", "en-US", None, "")] == [
        "zh",
        "zh",
        "en",
        "en",
        "en",
    ]


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _code_values(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in CODE_KEYWORDS:
            ids |= {id(n) for n in ast.walk(node.value)}
        if isinstance(node, ast.Subscript):  # st.session_state["..."], frame["column"]
            ids |= {id(n) for n in ast.walk(node.slice)}
    return ids


def inline_prose(path: Path, raises_only: bool = False) -> list[str]:
    tree = ast.parse(path.read_text())
    skip = _docstrings(tree) | _code_values(tree)
    roots = (
        [n.exc for n in ast.walk(tree) if isinstance(n, ast.Raise) and n.exc]
        if raises_only
        else [tree]
    )
    found = []
    for root in roots:
        for node in ast.walk(root):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and TEXT.search(node.value)
                and not NAME.fullmatch(node.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    return found


@pytest.mark.parametrize("path", UI_FILES + FIGURE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_text_in_pages_widgets_or_figures(path):
    assert not inline_prose(path), "\n".join(inline_prose(path))


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_engine_text_comes_from_the_catalog(path):
    assert not inline_prose(path), "\n".join(inline_prose(path))


@pytest.mark.parametrize("path", PARSER_FILES, ids=lambda p: p.name)
def test_parser_messages_come_from_the_catalog(path):
    assert not inline_prose(path, raises_only=True), "\n".join(inline_prose(path, True))
