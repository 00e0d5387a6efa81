"""Early exits that guide the user to the page they need first."""

from __future__ import annotations

import streamlit as st

from rnnviz.i18n import t
from rnnviz.ui import jobs, state


def need_data() -> None:
    if state.prepared() is None:
        st.info(t("guard.no_data"))
        st.page_link("pages/data.py", label=t("guard.go_data"), icon=":material/table_chart:")
        st.stop()


def need_model():
    """The current job (trained or training), or stop with a pointer to the Train page."""
    need_data()
    job = jobs.get()
    if job is None:
        st.info(t("guard.no_model"))
        st.page_link("pages/train.py", label=t("guard.go_train"), icon=":material/model_training:")
        st.stop()
    return job
