"""Every page in both languages: no missing-translation marker, no exception, and in
Chinese the page reads as Chinese (its figures included)."""

from __future__ import annotations

import json
import re

import pytest
from google.protobuf.json_format import MessageToDict

from apphelpers import load_sample, page, train
from rnnviz import i18n

CJK = re.compile(r"[\u4e00-\u9fff]")
MARKER = i18n.MISSING.format("")[0]  # "⟦"
SERIES_PAGES = ["home", "data", "model", "train", "inside", "predict", "compare", "lab"]
TEXT_PAGES = ["data", "train", "inside", "predict"]


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def shown(at, sidebar: bool = True) -> str:
    """Everything the page sends the browser: texts, labels, help, options, figure specs."""
    parts = []
    for root in (at.main, at.sidebar) if sidebar else (at.main,):
        for node in _nodes(root):
            proto = getattr(node, "proto", None)
            if proto is not None:
                parts.append(json.dumps(MessageToDict(proto), ensure_ascii=False))
    return "\n".join(parts)


def check(at, language: str, name: str) -> None:
    assert not at.exception, f"{name}: {at.exception}"
    text = shown(at)
    missing = sorted(set(re.findall(r"⟦[^⟧]*⟧", text)))
    assert not missing, f"{name} in {language} shows missing translations: {missing}"
    chinese = len(CJK.findall(shown(at, sidebar=False)))  # the page, not the navigation
    if language == "zh":
        assert chinese > 20, f"{name} in Chinese shows only {chinese} Chinese characters"
    else:  # English pages carry Chinese only in the language switch (中文, 语言)
        assert chinese < 10, f"{name} in English shows {chinese} Chinese characters"


@pytest.mark.parametrize(
    "sample, pages", [("temperature", SERIES_PAGES), ("shakespeare", TEXT_PAGES)]
)
def test_every_page_with_trained_data(app, language, sample, pages):
    load_sample(app, sample)
    train(app, epochs=1)
    for name in pages:
        page(app, name)
        check(app, language, name)


def test_pages_before_any_data(app, language):
    for name in SERIES_PAGES:
        page(app, name)
        check(app, language, name)


def test_the_switch_changes_the_language_and_the_link_keeps_it(app):
    app.radio(key="lang").set_value("zh").run()
    assert app.query_params.get("lang") in ("zh", ["zh"])
    assert CJK.search(shown(app))
    app.radio(key="lang").set_value("en").run()
    assert app.query_params.get("lang") in ("en", ["en"])
