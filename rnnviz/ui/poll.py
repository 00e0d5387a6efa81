"""Fragments that poll training jobs, less often when the server trains many jobs at once.

Every poll is a script run that holds the GIL while it builds and sends its figures; the
jobs need the same GIL between torch ops. With eight students training on a two-core
server, polling each twice a second left the jobs no time to train, so the interval grows
with the number of training threads per core.
"""

from __future__ import annotations

import functools
import os
import threading

import streamlit as st

BASE_S = 0.5  # one job per core: progress twice a second
MAX_S = 4.0
# The name every training thread gets (rnnviz.train.job, rnnviz.experiments.lab_setups).
TRAINING = "rnnviz-train"


def every(base: float = BASE_S) -> float:
    """Seconds between polls: `base` while jobs <= cores, then in proportion to jobs."""
    jobs = sum(t.name == TRAINING for t in threading.enumerate())
    return min(MAX_S, base * max(1.0, jobs / (os.cpu_count() or 1)))


def fragment(body, polling: bool, base: float = BASE_S):
    """`body` as a fragment that reruns itself while `polling`, every `base` seconds
    while the server is not loaded.

    A fragment's interval is fixed when a full run draws it: when the number of jobs has
    since moved it by half or double, the poll asks for a full run, which sets a new one.
    (Its reruns skip app.py; rnnviz.ui.lang's fallback gives them the session's language.)
    """
    interval = every(base) if polling else None

    @functools.wraps(body)
    def run(*args, **kwargs):
        if interval and not 0.5 <= every(base) / interval <= 2.0:
            st.rerun(scope="app")
        return body(*args, **kwargs)

    return st.fragment(run_every=interval)(run)
