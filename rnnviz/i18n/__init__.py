"""Every string a user reads, in English and 简体中文, and the language of the current thread.

Strings live in the area modules of this package as `STRINGS = {key: (english, chinese)}`.
`t(key, **params)` returns the text in the language set with `use()` for this thread (a
Streamlit script run, or a training job started from one), formatted with `params` when
any are given (so LaTeX braces need doubling only in entries that take parameters).
The engine calls `t()` for its messages too; it never needs to know about Streamlit.
The Chinese texts use the terms of `glossary` (one word for each idea, as the tutorials say it).
"""

from __future__ import annotations

from collections.abc import Callable

from rnnviz.i18n import (
    auto,
    best,
    class_race,
    classify_fig,
    common,
    compare,
    data,
    fairness,
    figures,
    filekind,
    files,
    forecast,
    freq,
    honest,
    inside,
    lab,
    labels,
    model,
    names_ui,
    parsing,
    predict,
    server,
    store,
    train,
)
from rnnviz.session.per_user import RunValue

LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT = "en"
MISSING = "⟦{}⟧"  # what a page shows for a key with no text: tests search for it

_AREAS = (
    common,
    data,
    model,
    train,
    inside,
    predict,
    compare,
    lab,
    figures,
    parsing,
    fairness,
    server,
    files,
    forecast,
    best,
    auto,
    honest,
    freq,
    filekind,
    store,
    labels,
    names_ui,
    class_race,
    classify_fig,
)
# Asked, when this thread has no language set, through a fallback the app registers that
# reads the session's choice, for code that runs before app.py (widget callbacks run first).
_language: RunValue[str] = RunValue("rnnviz_language")


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in _AREAS:
        twice = merged.keys() & area.STRINGS.keys()
        if twice:  # one key, one text: a clash would show one area's text in another
            raise ValueError(f"{area.__name__} repeats keys: {sorted(twice)}")
        merged.update(area.STRINGS)
    return merged


CATALOG = _merge()


def use(language: str | None) -> str:
    """Set this thread's language (unknown values fall back to English); returns it."""
    chosen = language if language in LANGUAGES else DEFAULT
    _language.set(chosen)
    return chosen


def set_fallback(source: Callable[[], str | None] | None) -> None:
    _language.set_fallback(source)


def language() -> str:
    chosen = _language.get()
    return chosen if chosen in LANGUAGES else DEFAULT


def speaking(body: Callable) -> Callable:
    """`body` bound to the language in force now: a thread started with it as its target
    speaks its starter's language (a new thread starts with no language of its own)."""
    chosen = language()

    def run(*args, **kwargs):
        _language.set(chosen)
        return body(*args, **kwargs)

    return run


def from_locale(locale: str | None) -> str:
    """The language for a browser locale such as 'zh-CN' or 'en-US' (navigator.language)."""
    return "zh" if (locale or "").lower().startswith("zh") else DEFAULT


def t(key: str, /, **params) -> str:
    entry = CATALOG.get(key)
    text = entry[list(LANGUAGES).index(language())] if entry else ""
    if not text:
        return MISSING.format(key)
    return text.format(**params) if params else text


def choose(options: dict[str, str]) -> dict[str, str]:
    """{value: key} -> {value: text}: the labels of a choice widget's options."""
    return {value: t(key) for value, key in options.items()}
