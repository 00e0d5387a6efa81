"""The session's language: chosen in the sidebar, carried by the link, first guessed from
the browser's language (st.context.locale), else English."""

from __future__ import annotations

import functools

import streamlit as st

from rnnviz import i18n
from rnnviz.i18n import LANGUAGES, t

KEY = "lang"  # the sidebar switch's widget key, and the link's query parameter


def _initial() -> str:
    asked = st.query_params.get(KEY)
    if asked in LANGUAGES:
        return asked
    return i18n.from_locale(st.context.locale)


def apply() -> str:
    """Set this script run's language (every run starts on a fresh thread)."""
    if st.session_state.get(KEY) not in LANGUAGES:
        st.session_state[KEY] = _initial()
    return i18n.use(st.session_state[KEY])


def switch() -> None:
    st.radio(t("app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key=KEY,
             horizontal=True)


def fragment(body, run_every: float | None = None):
    """st.fragment whose reruns speak the session's language: a fragment's rerun does not
    pass through app.py, where a full run sets it."""
    @functools.wraps(body)
    def run(*args, **kwargs):
        apply()
        return body(*args, **kwargs)
    return st.fragment(run_every=run_every)(run)
