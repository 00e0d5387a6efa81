"""Which session started each job, for the whole server process (no streamlit here).

A job must stop when the session that started it really ends (its tab closed, or gone for
longer than a reconnect takes), never because a cache was cleared: so the book is a plain
object of this process, not a Streamlit cache. rnnviz.ui.jobs adds every job it registers
and sweeps the book now and then, ending the sessions no tab is connected to any more
(`sweep`).

Jobs are held weakly: a session's workspace (and a running thread) keeps its jobs alive, so
a job that was replaced, dropped or garbage collected leaves the book by itself.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable


class Book:
    """{session id: its jobs}; every method is thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[Hashable, weakref.WeakSet] = {}

    def add(self, session: Hashable, job) -> None:
        with self._lock:
            self._jobs.setdefault(session, weakref.WeakSet()).add(job)

    def jobs(self, session: Hashable) -> list:
        with self._lock:
            return list(self._jobs.get(session, ()))

    def sessions(self) -> list[Hashable]:
        """Sessions with a job still alive (the others are forgotten here)."""
        with self._lock:
            for session in [s for s, jobs in self._jobs.items() if not len(jobs)]:
                del self._jobs[session]
            return list(self._jobs)

    def end(self, session: Hashable) -> int:
        """Stop every job of the session (a waiting one leaves the line) and forget it;
        how many jobs it had."""
        with self._lock:
            jobs = list(self._jobs.pop(session, ()))
        for job in jobs:
            job.stop()
        return len(jobs)

    def end_all(self) -> int:
        return sum(self.end(session) for session in self.sessions())


def sweep(book: Book, gone: Callable[[Hashable], bool], suspects: set) -> set:
    """End the sessions `gone` reports at this sweep and the one before; the new suspects.

    Two sweeps in a row: a session between its disconnect and the server's bookkeeping of
    it is not ended on one look (and a `gone` that cannot tell says False).
    """
    now = {session for session in book.sessions() if gone(session)}
    for session in now & suspects:
        book.end(session)
    return now - suspects


_BOOK = Book()


def book() -> Book:
    """This process's book."""
    return _BOOK
