"""Early exits that guide the user to the page they need first."""

from __future__ import annotations

import streamlit as st

from rnnviz.i18n import t
from rnnviz.models import nonfinite_parameters
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


NAMED = 3  # parameters named in the message; the rest are counted


def named_parameters(names: list[str], limit: int = NAMED) -> str:
    """`a`; `b`; `c` and 2 more: a long list would bury what to do."""
    shown = t("list.separator").join(f"`{name}`" for name in names[:limit])
    return shown + (t("nonfinite.more", n=len(names) - limit) if len(names) > limit else "")


def nonfinite_weights(job, stop: bool = False) -> bool:
    """Say once that the job's model holds NaN/inf weights, where, and what to do; True if
    so. `stop` ends the page there (Predict has nothing to show). A running job is not
    read: its worker rolls back any step that goes non-finite."""
    if job.status().active:
        return False
    names = nonfinite_parameters(job.model)
    if not names:
        return False
    st.error(t("nonfinite.message", where=named_parameters(names)), icon=":material/error:")
    if stop:
        st.stop()
    return True
