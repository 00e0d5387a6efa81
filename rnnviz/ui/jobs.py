"""The user's training jobs, held in a session-scoped resource.

A job's worker thread outlives reruns and page switches. The resource is scoped to the
browser session, so when the tab closes Streamlit releases it and `_stop_all` stops
every thread the session started: no orphaned training on a shared server.
"""

from __future__ import annotations

import streamlit as st

from rnnviz.train import TrainJob


def _stop_all(jobs: dict) -> None:
    for job in jobs.values():
        job.stop()


@st.cache_resource(scope="session", on_release=_stop_all, show_spinner=False)
def _registry() -> dict[str, TrainJob]:
    return {}


def get(name: str = "main") -> TrainJob | None:
    return _registry().get(name)


def put(job: TrainJob, name: str = "main") -> None:
    old = _registry().get(name)
    if old is not None:
        old.stop()
    _registry()[name] = job


def drop(name: str = "main") -> None:
    old = _registry().pop(name, None)
    if old is not None:
        old.stop()
