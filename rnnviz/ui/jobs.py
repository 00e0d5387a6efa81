"""The user's training jobs, held in a session-scoped resource, and the gate they start by.

A job's worker thread outlives reruns and page switches. The resource is scoped to the
browser session, so when the tab closes Streamlit releases it and `_stop_all` stops
every thread the session started: no orphaned training on a shared server.

Every path that trains (Train, Resume, "Use loaded weights", a race, the Lab's runs)
starts through `start` or `resume`, which ask `limits.admit` first, counting what the
session's other running jobs already hold. A job reports what it trains as the
RunRequests it was admitted with (kept beside it here, by slot name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st

from rnnviz.limits import RunRequest, admit
from rnnviz.train import TrainConfig, TrainJob


def _stop_all(jobs: dict) -> None:
    for job in jobs.values():
        job.stop()


@st.cache_resource(scope="session", on_release=_stop_all, show_spinner=False)
def _registry() -> dict[str, TrainJob]:
    return {}


@st.cache_resource(scope="session", show_spinner=False)
def _requests() -> dict[str, tuple[RunRequest, ...]]:
    return {}


def get(name: str = "main") -> TrainJob | None:
    return _registry().get(name)


def put(job: TrainJob, name: str = "main") -> None:
    """Register a job without the gate: `start` is the way in for anything that trains."""
    old = _registry().get(name)
    if old is not None:
        old.stop()
    _registry()[name] = job
    _requests().pop(name, None)


def drop(name: str = "main") -> None:
    old = _registry().pop(name, None)
    _requests().pop(name, None)
    if old is not None:
        old.stop()


def is_active(job) -> bool:
    """Training now? TrainJob and the Lab's jobs have status(); a Race has `active`."""
    if job is None:
        return False
    status = getattr(job, "status", None)
    return status().active if callable(status) else bool(getattr(job, "active", False))


def requests(name: str = "main") -> tuple[RunRequest, ...]:
    """What the job in this slot was admitted to train."""
    return _requests().get(name, ())


def running_requests(skip: str | None = None) -> list[RunRequest]:
    """The requests of every running job but the one in slot `skip` (it is replaced)."""
    return [r for name, job in list(_registry().items())
            if name != skip and is_active(job) for r in _requests().get(name, ())]


def start(name: str, asked: Iterable[RunRequest], build: Callable[[], object],
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
    _requests()[name] = asked
    if run:
        job.start()
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
    _requests()[name] = asked
    job.resume(cfg)
    return None


def use_loaded(model, windows, cfg: TrainConfig) -> str | None:
    """A loaded model as the main job, idle until Resume; the refusal, or None."""
    asked = [RunRequest(model.cfg, cfg.batch_size, windows.window)]
    return start("main", asked, lambda: TrainJob(model, windows, cfg), run=False)
