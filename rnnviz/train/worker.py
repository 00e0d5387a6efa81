"""One protocol for everything that trains in the background, and the thread it runs in.

Training (rnnviz.train.job.TrainJob), a race (rnnviz.experiments.race.Race) and the Lab's exploding
run
(rnnviz.experiments.exploding.ExplodeJob) are all a `Job`: the pages start, stop, resume, poll and
join
them the same way, and one registry (rnnviz.ui.jobs) holds any of them. No streamlit here.

Every run on a shared server ends by itself after a wall-clock limit (RNNVIZ_RUN_LIMIT_MINUTES,
default 20; 0 turns it off), counted from each start or resume: it keeps its weights and
history, says it hit the limit, and may be resumed (through the training queue again).
"""

from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import fields, replace
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from rnnviz import i18n

THREAD_NAME = "rnnviz-train"  # every training thread's name: pages count them to pace polls
LIMIT_ENV = "RNNVIZ_RUN_LIMIT_MINUTES"
LIMIT_MINUTES = 20.0


def run_limit_minutes() -> float | None:
    """Minutes a run may train before it stops itself: RNNVIZ_RUN_LIMIT_MINUTES if it is a
    number > 0 (0 or less: no limit), else 20. Read at each start, so a server (or a
    test) that changes it is obeyed by the next run."""
    raw = os.environ.get(LIMIT_ENV, "").strip()
    try:
        minutes = float(raw) if raw else LIMIT_MINUTES
    except ValueError:
        return LIMIT_MINUTES
    if math.isnan(minutes):
        return LIMIT_MINUTES
    return minutes if 0 < minutes < math.inf else None


@runtime_checkable
class Job(Protocol):
    """What a page may do with a job from any thread; each call takes the job's lock."""

    def start(self) -> bool:
        """Begin training in the background; False (and nothing started) while it runs."""

    def stop(self) -> None:
        """Ask the worker to end after its current step."""

    def resume(self, cfg: Any = None) -> bool:
        """Continue from where it ended, optionally with new settings; False while it runs."""

    def status(self) -> Any:
        """A copy of the job's progress, with `state` and `active`."""

    def join(self, timeout: float | None = None) -> None:
        """Wait for the worker to end (tests, Stop buttons)."""

    @property
    def active(self) -> bool:
        """Training now."""


class Progress(Protocol):
    """What Worker itself reads and writes of a subclass's status."""

    state: str

    @property
    def active(self) -> bool: ...


StatusT = TypeVar("StatusT", bound=Progress)


class Worker(Generic[StatusT]):
    """A job's worker thread, lock and stop event, shared by TrainJob and ExplodeJob.

    A subclass keeps its progress in `self._status` (a dataclass with `state` and
    `active`; the subclass names its type as Worker's parameter, Worker[Status]), updates it
    under `self._lock`, and defines `run()`: the blocking loop that checks `self._stop` and
    `out_of_time()` between steps. Other threads only call start/stop/join/status/active.
    """

    _status: StatusT  # set by the subclass's __init__

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.limit_minutes: float | None = None  # of the current (or last) start
        self._deadline: float | None = None  # time.monotonic() at which it stops itself

    def start(self) -> bool:
        """Start the worker thread; False if one is already running."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return False
            self._stop.clear()
            self._status.state = "running"
            self.limit_minutes = run_limit_minutes()
            self._deadline = (
                None if self.limit_minutes is None else time.monotonic() + 60.0 * self.limit_minutes
            )
            self._thread = threading.Thread(
                target=i18n.speaking(self.run), name=THREAD_NAME, daemon=True
            )
            self._thread.start()
            return True

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def out_of_time(self) -> bool:
        """Past this start's wall-clock limit (the loop then stops itself)."""
        return self._deadline is not None and time.monotonic() >= self._deadline

    def status(self) -> StatusT:
        """A copy of the progress; its lists (the curves) are copies too, so a page reads
        them while the worker appends."""
        with self._lock:
            s: Any = self._status  # a dataclass (the subclass's Status type)
            lists = {
                f.name: list(v) for f in fields(s) if isinstance(v := getattr(s, f.name), list)
            }
            return replace(s, **lists)

    @property
    def active(self) -> bool:
        with self._lock:  # no copy of the curves: pages ask this on every poll
            return self._status.active

    def run(self):  # pragma: no cover - every subclass defines its loop
        raise NotImplementedError
