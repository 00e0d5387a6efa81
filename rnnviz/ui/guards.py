"""Early exits that guide the user to the page they need first."""

from __future__ import annotations

import streamlit as st

from rnnviz.i18n import t
from rnnviz.model.network import nonfinite_parameters
from rnnviz.safe_text import md
from rnnviz.session.run import Run
from rnnviz.ui import jobs, runs, state


def need_data() -> None:
    if state.prepared() is None:
        st.info(t("guard.no_data"))
        st.page_link("views/data.py", label=t("guard.go_data"), icon=":material/table_chart:")
        st.stop()


def need_run() -> Run:
    """The session's run (trained, training or loaded), or stop with a pointer to the page
    that makes one. A run needs no current data: it has its own. A run whose job is no
    longer the session's (Reset, or the session's jobs released) is no run."""
    run = state.run()
    if run is not None and jobs.get() is run.job:
        return run
    if run is not None:
        state.set_run(None)  # free its data and figures
    need_data()
    st.info(t("guard.no_model"))
    st.page_link("views/train.py", label=t("guard.go_train"), icon=":material/model_training:")
    st.stop()


def other_data(run: Run, go: bool = True) -> None:
    """One line when the Data page now holds other data or settings than the run was
    trained on (the run keeps showing its own), and a button that trains a new model on
    the current data; with `go`, it then opens the Train page to watch it."""
    ds, cfg = state.dataset(), state.prep_cfg()
    if ds is None or cfg is None or run.fits(ds.digest, cfg):
        return
    st.warning(t("run.other_data", name=md(run.origin.name)), icon=":material/swap_horiz:")
    if (
        st.button(
            t("run.train_new"),
            key="run_train_new",
            icon=":material/model_training:",
            disabled=run.job.status().active,
            on_click=runs.train_now,
        )
        and go
    ):
        st.switch_page("views/train.py")


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
