"""The session's language: chosen in the sidebar, carried by the link, first guessed from
the browser's language (st.context.locale), else English."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from rnnviz import i18n
from rnnviz.i18n import LANGUAGES, t
from rnnviz.ui import state

KEY = state.LANGUAGE.key  # the sidebar switch's widget key, and the link's query parameter


def _initial() -> str:
    asked = st.query_params.get(KEY)
    if asked in LANGUAGES:
        return asked
    return i18n.from_locale(st.context.locale)


def _session_language() -> str | None:
    """The session's choice, where code runs for a session but before app.py (a callback)."""
    if get_script_run_ctx(suppress_warning=True) is None:  # a worker or a test's thread
        return None
    return state.LANGUAGE.get()


i18n.set_fallback(_session_language)


def apply() -> str:
    """Set this script run's language (every run starts on a fresh thread)."""
    if state.LANGUAGE.get() not in LANGUAGES:
        state.LANGUAGE.set(_initial())
    return i18n.use(state.LANGUAGE.get())


def switch() -> None:
    st.radio(
        t("app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key=KEY, horizontal=True
    )
