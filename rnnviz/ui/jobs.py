"""The session's jobs (kept by name in its Workspace) and the gate they start by.

A job's worker thread outlives reruns and page switches. The jobs live in the session's
rnnviz.session.workspace.Workspace; the process's rnnviz.server.owners book also records which
session
started each, and a sweeper thread ends the jobs of a session whose tab is gone (closed, or
its connection lost for two sweeps in a row): no orphaned training on a shared server. The
book is no Streamlit cache, so clearing the caches stops nobody's training.

Every path that trains (Train, Resume, "Use loaded weights", a race, the Lab's runs)
starts through `start` or `resume`, which ask `limits.admit` first, counting what the
session's other running jobs already hold and what every session's hold on this server,
then the per-browser caps of the server's training queue (rnnviz.server.train_queue). A job reports
what
it trains as the RunRequests it was admitted with (kept beside it in the workspace, by name).

Once admitted, a job trains when it holds one of the server's training slots: at once, or
in its turn (rnnviz.server.train_queue, first come first served, at most one training per browser by
default). Stopping it (a Stop button, a replaced or dropped job, a session that ended) also
takes it out of the line.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from rnnviz.i18n import t
from rnnviz.server import owners, train_queue
from rnnviz.server.limits import RunRequest, admit
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.train.worker import Job, run_limit_minutes
from rnnviz.ui import browser, state

SWEEP_SECONDS = 5.0  # between looks for ended sessions: a closed tab's jobs stop 5-10 s later
_LOG = logging.getLogger(__name__)
_sweeper: threading.Thread | None = None
_sweeper_lock = threading.Lock()
_starting: dict[str, threading.Lock] = {}  # one start at a time per browser (see `start`)


def _registry() -> dict[str, Job]:
    return state.workspace().jobs


def get(name: str = "main") -> Job | None:
    return _registry().get(name)


def put(job: Job, name: str = "main") -> None:
    """Register a job without the gate: `start` is the way in for anything that trains."""
    state.workspace().put_job(name, job)
    owners.book().add(browser.session_id(), job)
    _sweep_soon()


def drop(name: str = "main") -> None:
    state.workspace().drop_job(name)


def is_active(job: Job | None) -> bool:
    """Training now, or waiting in the server's queue to train (it will)."""
    return job is not None and (job.active or queued(job))


def queued(job: Job | None) -> bool:
    """Waiting in the server's training queue (rnnviz.server.train_queue)."""
    return job is not None and (train_queue.server().position(job) or 0) > 0


def queued_note(prefix: str = "") -> str | None:
    """The waiting note of this session's first queued job whose name starts with `prefix`."""
    return next(
        (
            waiting_note(job)
            for name, job in list(_registry().items())
            if name.startswith(prefix) and queued(job)
        ),
        None,
    )


def waiting_note(job: Job | None) -> str | None:
    """Why this job waits (for a free slot, or for this browser's other run); None if not."""
    pool = train_queue.server()
    ahead = pool.ahead(job) if job is not None else None
    if ahead is None:
        return None
    if pool.blocked(job):
        return t("fairness.waiting_own", running=pool.running)
    return t("slots.waiting", ahead=ahead)


def rules() -> str:
    """The server's fairness rules in one sentence (the sidebar's help, the Train page)."""
    pool, minutes = train_queue.server(), run_limit_minutes()
    if minutes is None:
        return t("fairness.rules_no_limit", running=pool.running, queued=pool.queued)
    return t("fairness.rules", running=pool.running, queued=pool.queued, minutes=f"{minutes:g}")


def requests(name: str = "main") -> tuple[RunRequest, ...]:
    """What the job in this slot was admitted to train."""
    return state.workspace().requests.get(name, ())


def running_requests(skip: str | None = None) -> list[RunRequest]:
    """The requests of every running job but the one in slot `skip` (it is replaced); a job
    waiting for a training slot counts: it will run."""
    return [
        r
        for name, job in list(_registry().items())
        if name != skip and is_active(job)
        for r in requests(name)
    ]


def _refused(asked: tuple[RunRequest, ...], name: str) -> str | None:
    """The gate's refusal for the job in slot `name` to train `asked` now, or None: the
    caps and memory (the session's and the server's), then this browser's job caps."""
    old, pool = get(name), train_queue.server()
    refused = admit(asked, running_requests(skip=name), server_held=pool.memory(skip=old))
    if refused:
        return refused
    if (mine := pool.refusal(browser.owner(), skip=old)) is not None:
        held, waiting = mine
        return t(
            "fairness.caps", held=held, waiting=waiting, running=pool.running, queued=pool.queued
        )
    return None


def _launch(job: Job, asked: tuple[RunRequest, ...], begin=None) -> None:
    # now, or when the server's training queue gives it a slot (rnnviz.server.train_queue)
    train_queue.launch(job, begin, owner=browser.owner(), memory=sum(r.memory for r in asked))


def _lock_for(owner: str) -> threading.Lock:
    with _sweeper_lock:
        return _starting.setdefault(owner, threading.Lock())


def start(
    name: str, asked: Iterable[RunRequest], build: Callable[[], Job], run: bool = True
) -> str | None:
    """Build, register and (with `run`) start a job, if the gate admits it.

    `build` is called only once admitted: building the model is already the allocation the
    gate is there to prevent. Returns the refusal (nothing built, the old job kept) or None.
    A job registered idle (run=False) is checked alone; `resume` checks it again against
    what is running when it starts training. Two tabs of one browser start one after the
    other, so both cannot pass the caps at once.
    """
    asked = tuple(asked)
    with _lock_for(browser.owner()):
        refused = _refused(asked, name) if run else admit(asked)
        if refused:
            return refused
        job = build()
        put(job, name)
        state.workspace().requests[name] = asked
        if run:
            _launch(job, asked)
    return None


def resume(name: str, asked: Iterable[RunRequest], cfg: TrainConfig | None = None) -> str | None:
    """Continue the job in slot `name` with new settings, if the gate admits it."""
    job = get(name)
    if job is None:
        return None
    asked = tuple(asked)
    with _lock_for(browser.owner()):
        refused = _refused(asked, name)
        if refused:
            return refused
        state.workspace().requests[name] = asked
        _launch(job, asked, lambda: job.resume(cfg))  # through the queue, as `start`
    return None


def use_loaded(model, windows, cfg: TrainConfig) -> str | None:
    """A loaded model as the main job, idle until Resume; the refusal, or None."""
    asked = [RunRequest(model.cfg, cfg.batch_size, windows.window)]
    return start("main", asked, lambda: TrainJob(model, windows, cfg), run=False)


# ---- ended sessions -------------------------------------------------------------------
def _sweep_soon() -> None:
    """Start the process's sweeper once, on a server (an AppTest has no sessions to end)."""
    global _sweeper
    if not browser.serving():
        return
    with _sweeper_lock:
        if _sweeper is None or not _sweeper.is_alive():
            # Not named rnnviz-*: tests and pages count those as training threads.
            _sweeper = threading.Thread(target=_sweep_forever, name="sessions-sweep", daemon=True)
            _sweeper.start()


def _sweep_forever() -> None:
    suspects: set = set()
    while True:
        time.sleep(SWEEP_SECONDS)
        try:
            suspects = owners.sweep(owners.book(), browser.gone, suspects)
        except Exception:  # a sweep that failed must not end the sweeping
            _LOG.exception("sessions-sweep")  # the traceback says what failed
