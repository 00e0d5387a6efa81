"""Pages that show the session's run follow its job by themselves: a small fragment polls
the job while it trains (or waits for a slot), draws a live line, and reruns the whole
page once when there is something new to draw: the job ended, its turn came, or (for a
page that draws snapshots) a newer snapshot exists. The Train page has its own panel."""

from __future__ import annotations

import time

import streamlit as st

from rnnviz.i18n import t
from rnnviz.server import train_queue
from rnnviz.ui import jobs, poll

ACTIVE = ("running", "waiting")
# A page drawn from snapshots redraws at most this often while training (more slowly
# under load, like the polls): each full run rebuilds its figures and restarts their
# animations, so twice a second would leave nothing to watch.
REDRAW_S = 6.0


def seen(job) -> str | None:
    """The job's state as a page draws it: "waiting" while in the server's queue."""
    if job is None:
        return None
    if train_queue.server().ahead(job) is not None:
        return "waiting"
    return job.status().state


def watch(job, body=None, drawn_step: int | None = None, base: float = poll.BASE_S) -> None:
    """Follow `job`: `body(job)` drawn now and on every poll; one full rerun when its state
    changes from the one this run drew, or (`drawn_step`: the snapshot step the page drew)
    when a newer snapshot exists REDRAW_S after this run."""
    drawn = seen(job)
    poll.fragment(_poll, polling=drawn in ACTIVE, base=base)(
        job, drawn, body, drawn_step, time.monotonic()
    )


def _poll(job, drawn, body, drawn_step, since) -> None:
    now = seen(job) if jobs.get() is job else "gone"  # Reset, or a new run started
    if body is not None:
        body(job)
    if drawn in ACTIVE and now != drawn:
        st.rerun(scope="app")  # ended (or its turn came) while only this fragment polled
    if (
        drawn_step is not None
        and now == "running"
        and _redraw_due(since)
        and job.snapshots()[-1].step != drawn_step
    ):
        st.rerun(scope="app")


def _redraw_due(since: float) -> bool:
    return time.monotonic() - since >= REDRAW_S * poll.every() / poll.BASE_S


def progress(job) -> None:
    """One live line: the job's step, epoch and speed, or why it waits."""
    if (note := jobs.waiting_note(job)) is not None:
        st.info(note, icon=":material/schedule:")
        return
    s = job.status()
    if s.active:
        status_bar(s)


def status_bar(s) -> None:
    """A job status as a progress bar: epoch, step, speed, device, and the time left while
    it trains (a finished or stopped run has none)."""
    left = (
        t("train.time_left", seconds=s.seconds_left)
        if (s.seconds_left is not None and s.active)
        else ""
    )
    st.progress(
        min(1.0, s.step / max(1, s.total_steps)),
        text=t(
            "train.progress",
            epoch=s.epoch,
            step=s.step,
            total=s.total_steps,
            rate=s.samples_per_s,
            device=s.device,
            left=left,
        ),
    )
