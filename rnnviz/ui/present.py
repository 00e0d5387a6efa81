"""Presentation mode, for a projector: a sidebar switch that the link carries (present=1).

When on, every Plotly figure built in the script run uses larger text (rnnviz.figures reads
the per-run switch that `apply` sets, as the language is set per run), the sidebar starts
folded away (app.py's st.set_page_config), charts that pages place side by side stand one
per row (`columns`), and the lessons' "what to watch" is printed large (`css`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from rnnviz import figures
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.session import schema
from rnnviz.ui import state

SETTING = schema.PRESENT
KEY = SETTING.key  # the sidebar switch's widget key, and the link's query parameter
ON = "1"  # what the link writes when on; off leaves the key out (a plain link)

STYLE = Path(__file__).with_name("present.html")  # large type where a class reads along


def _initial() -> bool:
    """The link's value on a session's first run; a bad one is said and ignored."""
    raw = st.query_params.get(KEY)
    if raw is None:
        return False
    try:
        return bool(schema.parse(SETTING, raw))
    except ValueError as err:
        st.toast(
            t("link.bad_value", key=KEY, value=md(raw, 40), error=err, kept="0"),
            icon=":material/link_off:",
        )
        return False


def _session_present() -> bool | None:
    """The session's choice, where code runs for a session but not after apply() (a
    fragment's rerun, a widget callback)."""
    if get_script_run_ctx(suppress_warning=True) is None:  # a worker or a test's thread
        return None
    on = state.widget(KEY).get()
    return on if isinstance(on, bool) else None


figures.set_present_fallback(_session_present)


def apply() -> bool:
    """Set this script run's presentation mode (before any figure is built); returns it."""
    if not isinstance(state.widget(KEY).get(), bool):
        state.widget(KEY).set(_initial())
    return figures.use_present(state.widget(KEY).get())


def on() -> bool:
    return figures.presenting()


def sidebar_state() -> str:
    """st.set_page_config's initial_sidebar_state: folded away while presenting."""
    return "collapsed" if on() else "auto"


def switch() -> None:
    st.toggle(t("present.label"), key=KEY, help=t("present.help"))


def css() -> None:
    if on():
        st.markdown(STYLE.read_text(encoding="utf-8"), unsafe_allow_html=True)


def link_params() -> dict[str, str]:
    """What a link adds for the mode: present=1 when on, nothing when off."""
    return {KEY: ON} if on() else {}


def columns(spec, **kwargs) -> list:
    """st.columns for charts side by side; one full-width container each, stacked, while
    presenting (a projector's 1280 px fits one readable chart across)."""
    if on():
        count = spec if isinstance(spec, int) else len(spec)
        return [st.container() for _ in range(count)]
    return st.columns(spec, **kwargs)
