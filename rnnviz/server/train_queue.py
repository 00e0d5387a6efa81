"""A fair queue for training slots: at most `slots` jobs train at once in this server process.

A class of students on one server: with more training threads than cores every job slows
down and the page polls starve them of the GIL, so a job past the limit waits in line, first
come first served, and starts by itself when a slot frees. The queue is per process (each
server behind the load balancer has its own); no extra service, no streamlit here.

A ticket is any hashable object, here the job itself (a TrainJob, a Race, an ExplodeJob):
one slot per job, so a race of three entrants takes one slot. Positions: 0 holds a slot,
k >= 1 is the k-th in line (k - 1 ahead of it), None is neither.

RNNVIZ_TRAINING_SLOTS sets the number of slots per process (default: the number of cores).

A ticket may name its owner (a browser, as rnnviz.ui.browser identifies it): an owner holds
at most `running` slots (RNNVIZ_JOBS_RUNNING, default 1) and waits with at most `queued`
tickets (RNNVIZ_JOBS_QUEUED, default 1), so five tabs of one student neither train five
jobs nor put a classmate five places back. An owner's ticket past its `running` cap waits
for that owner's own slot to free, and tickets behind it of other owners go first. A ticket
also carries the bytes its job was admitted with, so the whole server's training memory is
known (`memory`). Tickets without an owner (engine tests, benchmarks) are not capped.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable

ENV = "RNNVIZ_TRAINING_SLOTS"
RUNNING_ENV, QUEUED_ENV = "RNNVIZ_JOBS_RUNNING", "RNNVIZ_JOBS_QUEUED"
RUNNING_DEFAULT, QUEUED_DEFAULT = 1, 1
THREAD_NAME = "rnnviz-slot"  # not rnnviz-train: the poll pacing counts training threads only


def default_slots() -> int:
    """RNNVIZ_TRAINING_SLOTS if it is a whole number >= 1, else the number of cores."""
    raw = os.environ.get(ENV, "").strip()
    if raw.isdigit() and int(raw) >= 1:
        return int(raw)
    return os.cpu_count() or 1


def _whole(env: str, default: int, least: int) -> int:
    raw = os.environ.get(env, "").strip()
    return int(raw) if raw.isdigit() and int(raw) >= least else default


def default_caps() -> tuple[int, int]:
    """(running, queued) per owner: RNNVIZ_JOBS_RUNNING (>= 1) and RNNVIZ_JOBS_QUEUED
    (>= 0) if they are whole numbers, else 1 and 1."""
    return (_whole(RUNNING_ENV, RUNNING_DEFAULT, 1), _whole(QUEUED_ENV, QUEUED_DEFAULT, 0))


class Slots:
    """FIFO admission to `slots` training places; every method is thread-safe."""

    def __init__(self, slots: int | None = None, caps: tuple[int, int] | None = None) -> None:
        self._cond = threading.Condition()
        self._holding: set[Hashable] = set()
        self._waiting: dict[Hashable, None] = {}  # insertion order is the line
        self._owner: dict[Hashable, Hashable] = {}  # ticket -> owner, for tickets that have one
        self._bytes: dict[Hashable, int] = {}  # ticket -> memory its job was admitted with
        self.slots = max(1, slots or default_slots())
        self.running, self.queued = caps or default_caps()

    def resize(self, slots: int) -> None:
        """A new capacity; more slots admit the next in line at once (fewer wait for releases)."""
        with self._cond:
            self.slots = max(1, int(slots))
            self._promote()

    def enqueue(self, ticket: Hashable, owner: Hashable | None = None, memory: int = 0) -> int:
        """Join the line (or take a free slot at once); the position. Idempotent (a ticket
        in place keeps its place; its owner and memory are updated)."""
        with self._cond:
            if owner is not None:
                self._owner[ticket] = owner
            if memory:
                self._bytes[ticket] = int(memory)
            if ticket not in self._holding and ticket not in self._waiting:
                self._waiting[ticket] = None
                self._promote()
            position = self._position(ticket)
            assert position is not None  # just placed: it holds a slot or waits for one
            return position

    def refusal(
        self, owner: Hashable | None, skip: Hashable | None = None
    ) -> tuple[int, int] | None:
        """Why a new ticket of `owner` may not join: (its owner's tickets holding a slot,
        waiting) when it would have to wait and the owner already waits with `queued`;
        None when it may. `skip` is a ticket about to be replaced (its job is stopped)."""
        if owner is None:
            return None
        with self._cond:
            mine = [
                k
                for k, o in self._owner.items()
                if o == owner and k != skip and (k in self._holding or k in self._waiting)
            ]
            held = sum(k in self._holding for k in mine)
            waiting = len(mine) - held
            free = len(self._holding - {skip}) < self.slots
            if free and held < self.running:
                return None  # it would train at once
            return (held, waiting) if waiting >= self.queued else None

    def blocked(self, ticket: Hashable) -> bool:
        """Waiting because its owner already holds its `running` slots (not for a free one)."""
        with self._cond:
            return ticket in self._waiting and self._capped(self._owner.get(ticket))

    def memory(self, skip: Hashable | None = None) -> int:
        """Bytes the jobs holding or waiting for a slot were admitted with (`skip` left out)."""
        with self._cond:
            return sum(b for k, b in self._bytes.items() if k != skip)

    def position(self, ticket: Hashable) -> int | None:
        with self._cond:
            return self._position(ticket)

    def ahead(self, ticket: Hashable) -> int | None:
        """How many wait before this ticket; None when it is not waiting."""
        pos = self.position(ticket)
        return pos - 1 if pos else None

    def holds(self, ticket: Hashable) -> bool:
        return self.position(ticket) == 0

    def cancel(self, ticket: Hashable) -> bool:
        """Leave the line (Stop, a closed tab); True if it was waiting. A slot held is kept
        until `release`: its thread is still finishing its step."""
        with self._cond:
            if self._waiting.pop(ticket, False) is None:
                self._forget(ticket)
                self._promote()  # a ticket capped behind its owner's may go now
                return True
            return False

    def release(self, ticket: Hashable) -> bool:
        """Give the slot back; the next in line takes it. True if it was held."""
        with self._cond:
            if ticket not in self._holding:
                return False
            self._holding.discard(ticket)
            self._forget(ticket)
            self._promote()
            return True

    def wait(self, ticket: Hashable, timeout: float | None = None) -> bool:
        """Block until the ticket holds a slot (True) or has left the line (False)."""
        with self._cond:
            self._cond.wait_for(
                lambda: ticket in self._holding or ticket not in self._waiting, timeout
            )
            return ticket in self._holding

    def load(self) -> tuple[int, int]:
        """(training, waiting): the sidebar's "server: 3 training, 2 waiting"."""
        with self._cond:
            return len(self._holding), len(self._waiting)

    # ---- under the lock ------------------------------------------------------------
    def _position(self, ticket: Hashable) -> int | None:
        if ticket in self._holding:
            return 0
        for k, waiting in enumerate(self._waiting, start=1):
            if waiting is ticket or waiting == ticket:
                return k
        return None

    def _capped(self, owner: Hashable | None) -> bool:
        if owner is None:
            return False
        return sum(self._owner.get(k) == owner for k in self._holding) >= self.running

    def _forget(self, ticket: Hashable) -> None:
        self._owner.pop(ticket, None)
        self._bytes.pop(ticket, None)

    def _promote(self) -> None:
        """The first in line whose owner is under its cap takes each free slot."""
        for ticket in list(self._waiting):
            if len(self._holding) >= self.slots:
                break
            if not self._capped(self._owner.get(ticket)):
                del self._waiting[ticket]
                self._holding.add(ticket)
        self._cond.notify_all()


_SERVER: Slots | None = None
_SERVER_LOCK = threading.Lock()


def server() -> Slots:
    """This process's queue, sized from RNNVIZ_TRAINING_SLOTS when first asked for."""
    global _SERVER
    with _SERVER_LOCK:
        if _SERVER is None:
            _SERVER = Slots()
        return _SERVER


class _StopHook:
    """Replaces a launched job's `stop` (on the instance): every Stop, whoever calls it (the
    Stop buttons, a job replaced or dropped from the workspace, a closed tab), also takes
    the job out of the line; otherwise a stopped job would start later, with nobody to see
    it. The lock makes "stopped while waiting" and "started by its waiter" exclusive."""

    def __init__(self, pool: Slots, job) -> None:
        self.pool, self.job, self.stop = pool, job, job.stop
        self.lock = threading.Lock()
        self.count = 0  # Stops so far: a waiter started before a Stop must not start

    def __call__(self) -> None:
        with self.lock:
            self.count += 1
            self.pool.cancel(self.job)
            self.stop()

    @classmethod
    def on(cls, pool: Slots, job) -> _StopHook:
        hook = vars(job).get("stop")
        if not isinstance(hook, cls):
            hook = cls(pool, job)
            job.stop = hook
        return hook


def launch(
    job,
    start: Callable[[], object] | None = None,
    pool: Slots | None = None,
    owner: Hashable | None = None,
    memory: int = 0,
) -> int:
    """Start `job` (any rnnviz.train.worker.Job) when it holds a slot; its position now.

    A free slot starts it before returning (callers may join it at once, as before). A job
    that must wait gets a waiter thread, so the script run never blocks: the thread starts
    it when its turn comes, unless it was stopped meanwhile. Either way a watcher releases
    the slot when the job's threads end (done, stopped, diverged, or a closed tab).
    `start` defaults to job.start; resume passes its own. `owner` and `memory` go with the
    ticket (Slots.enqueue).
    """
    pool = pool or server()
    start = start or job.start
    hook = _StopHook.on(pool, job)
    held = pool.holds(job)  # already training: its watcher releases the slot, not this call
    pos = pool.enqueue(job, owner, memory)
    if pos == 0:
        started = start()
        if not held:
            threading.Thread(
                target=_watch, args=(pool, job, started), name=THREAD_NAME, daemon=True
            ).start()
    else:
        threading.Thread(
            target=_wait_then_start,
            args=(pool, job, start, hook, hook.count),
            name=THREAD_NAME,
            daemon=True,
        ).start()
    return pos


def _watch(pool: Slots, job, started) -> None:
    """Hold the slot while the job trains; a resume that slipped in before the release
    (the slot was still held) is waited for too."""
    try:
        while started is not False:
            job.join()
            if not job.active:
                break
    finally:
        pool.release(job)


def _wait_then_start(pool: Slots, job, start, hook: _StopHook, stops: int) -> None:
    if not pool.wait(job):
        return  # stopped while waiting
    started = False
    try:
        with hook.lock:
            if hook.count == stops:  # not stopped between its turn and now
                started = start()
    finally:
        _watch(pool, job, started)
