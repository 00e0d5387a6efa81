"""The sidebar's workspace summary every page shares: the data set, model and training, and
the server's load (jobs training and waiting for a slot, rnnviz.server.train_queue) for the teacher,
with
its fairness rules (per-browser caps, the time limit of a run) in the load's help."""

from __future__ import annotations

import streamlit as st

from rnnviz.i18n import t
from rnnviz.model.summary import cell_label
from rnnviz.safe_text import md
from rnnviz.server import train_queue
from rnnviz.ui import follow, jobs, persist, state

STATE_ICONS = {
    "running": ":material/hourglass_top:",
    "done": ":material/check_circle:",
    "stopped": ":material/pause_circle:",
    "diverged": ":material/warning:",
    "error": ":material/error:",
    "idle": "",
}


def _architecture() -> str:
    cfg = state.model_cfg()
    arch = t(
        "sidebar.arch", cell=cell_label(cfg.cell), hidden=cfg.hidden_size, layers=cfg.num_layers
    )
    return arch + (t("sidebar.bidirectional") if cfg.bidirectional else "")


def _training() -> str:
    job = jobs.get()
    if job is None:
        return t("sidebar.not_started")
    if (ahead := train_queue.server().ahead(job)) is not None:
        if train_queue.server().blocked(job):  # behind this browser's own run, not the server's
            return t("fairness.sidebar_waiting_own")
        return t("slots.sidebar_waiting", ahead=ahead)
    s = job.status()
    return t(
        "sidebar.training_state",
        icon=STATE_ICONS.get(s.state, ""),
        state=t(f"state.{s.state}"),
        step=s.step,
        total=s.total_steps,
    )


SIDEBAR_POLL_S = 1.0  # the training line: a step count, read once a second is enough


def _training_line(job) -> None:
    st.markdown(t("sidebar.training", text=_training()))
    # The poll saves progress too (in tenths of the run: rnnviz.ui.persist's fingerprint),
    # so a reload in the middle of a long run comes back near where it was.
    persist.save()


def workspace(slot) -> None:
    """The workspace summary, drawn into `slot` (an st.empty) so that a second call in the
    same run replaces the first. The training line follows the job on every page, and its
    end redraws the page (rnnviz.ui.follow)."""
    with slot.container():
        st.markdown(t("sidebar.title"))
        ds = state.dataset()
        st.markdown(
            t("sidebar.data", name=md(ds.name) if ds else t("sidebar.no_data")),
            help=t("sidebar.data_help"),
        )
        st.markdown(t("sidebar.model", arch=_architecture()))
        follow.watch(jobs.get(), body=_training_line, base=SIDEBAR_POLL_S)
        queue = train_queue.server()
        training, waiting = queue.load()
        st.caption(
            t("slots.load", training=training, waiting=waiting),
            help=t("slots.load_help", slots=queue.slots) + " " + jobs.rules(),
        )
