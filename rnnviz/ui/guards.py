"""Early exits that guide the user to the page they need first."""

from __future__ import annotations

import streamlit as st

from rnnviz.ui import jobs, state


def need_data() -> None:
    if state.prepared() is None:
        st.info("No data yet. Start on the **Data** page: pick a sample or upload a file.")
        st.page_link("pages/data.py", label="Go to Data", icon=":material/table_chart:")
        st.stop()


def need_model():
    """The current job (trained or training), or stop with a pointer to the Train page."""
    need_data()
    job = jobs.get()
    if job is None:
        st.info("No trained model yet. Train one on the **Train** page first.")
        st.page_link("pages/train.py", label="Go to Train", icon=":material/model_training:")
        st.stop()
    return job
