"""The session's jobs (kept by name in its Workspace) and the gate they start by.

A job's worker thread outlives reruns and page switches. The jobs live in the session's
rnnviz.workspace.Workspace; a session-scoped resource also keeps a weak set of them, so
when the tab closes Streamlit releases it and `_stop_all` stops every thread the session
started: no orphaned training on a shared server.

Every path that trains (Train, Resume, "Use loaded weights", a race, the Lab's runs)
starts through `start` or `resume`, which ask `limits.admit` first, counting what the
session's other running jobs already hold. A job reports what it trains as the
RunRequests it was admitted with (kept beside it in the workspace, by name).

Once admitted, a job trains when it holds one of the server's training slots: at once, or
in its turn (rnnviz.slots, first come first served). Stopping it (a Stop button, a replaced
or dropped job, `_stop_all` for a closed tab) also takes it out of the line.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

import streamlit as st

from rnnviz import slots
from rnnviz.jobs import Job
from rnnviz.limits import RunRequest, admit
from rnnviz.train import TrainConfig, TrainJob
from rnnviz.ui import state


def _stop_all(live: weakref.WeakSet) -> None:
    for job in list(live):
        job.stop()


@st.cache_resource(scope="session", on_release=_stop_all, show_spinner=False)
def _live() -> weakref.WeakSet:
    """Every job this session registered and still referenced (a running thread holds its
    job): what to stop when the session ends."""
    return weakref.WeakSet()


def _registry() -> dict[str, Job]:
    return state.workspace().jobs


def get(name: str = "main") -> Job | None:
    return _registry().get(name)


def put(job: Job, name: str = "main") -> None:
    """Register a job without the gate: `start` is the way in for anything that trains."""
    state.workspace().put_job(name, job)
    _live().add(job)


def drop(name: str = "main") -> None:
    state.workspace().drop_job(name)


def is_active(job: Job | None) -> bool:
    """Training now?"""
    return job is not None and job.active


def requests(name: str = "main") -> tuple[RunRequest, ...]:
    """What the job in this slot was admitted to train."""
    return state.workspace().requests.get(name, ())


def running_requests(skip: str | None = None) -> list[RunRequest]:
    """The requests of every running job but the one in slot `skip` (it is replaced); a job
    waiting for a training slot counts: it will run."""
    return [r for name, job in list(_registry().items())
            if name != skip and (is_active(job) or slots.server().position(job) is not None)
            for r in requests(name)]


def start(name: str, asked: Iterable[RunRequest], build: Callable[[], Job],
          run: bool = True) -> str | None:
    """Build, register and (with `run`) start a job, if the gate admits it.

    `build` is called only once admitted: building the model is already the allocation the
    gate is there to prevent. Returns the refusal (nothing built, the old job kept) or None.
    A job registered idle (run=False) is checked alone; `resume` checks it again against
    what is running when it starts training.
    """
    asked = tuple(asked)
    refused = admit(asked, running_requests(skip=name) if run else ())
    if refused:
        return refused
    job = build()
    put(job, name)
    state.workspace().requests[name] = asked
    if run:  # now, or when the server's training queue gives it a slot (rnnviz.slots)
        slots.launch(job)
    return None


def resume(name: str, asked: Iterable[RunRequest], cfg: TrainConfig | None = None) -> str | None:
    """Continue the job in slot `name` with new settings, if the gate admits it."""
    job = get(name)
    if job is None:
        return None
    asked = tuple(asked)
    refused = admit(asked, running_requests(skip=name))
    if refused:
        return refused
    state.workspace().requests[name] = asked
    slots.launch(job, lambda: job.resume(cfg))  # through the queue, as `start`
    return None


def use_loaded(model, windows, cfg: TrainConfig) -> str | None:
    """A loaded model as the main job, idle until Resume; the refusal, or None."""
    asked = [RunRequest(model.cfg, cfg.batch_size, windows.window)]
    return start("main", asked, lambda: TrainJob(model, windows, cfg), run=False)
