"""Read a user's upload in a child process, with a deadline and a memory limit.

The server is one process whose GIL every user's page and training thread share: a reader
that runs for a minute on one file stalls them all, and one that takes gigabytes takes the
server down. `call(reader, raw)` runs the reader in a child forked from a fork server
(started once, with rnnviz.data.reader already imported; a plain fork of the multi-threaded
server could copy a lock another thread holds), limits the child's memory with
RLIMIT_DATA, and kills it at the deadline. What comes back is the reader's result or its
DataError's message. numpy buffers travel out of band (pickle protocol 5), each into one
buffer of the server's, so the server holds one copy of a table, not two.

A reader is a function of a module the child can import (pickled by name), taking the
file's bytes; its module's imports are paid in every child unless the fork server has
them (rnnviz.data.reader's: pandas, numpy, pyarrow).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing import spawn

from rnnviz import i18n
from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.safe_text import md

SECONDS = 10.0  # of the child's work, from its start to the last byte of its answer
MEMORY_MB = 1024  # the child may allocate beyond what it starts with (~150 MB of modules)
RESULT_MB = 300  # an answer larger than this is refused: every session keeps its data
PARALLEL = 2  # children reading at once (the CPUs); more uploads wait for a turn
WAIT_S = 20.0  # for a turn, before the user is told the server is busy
_PRELOAD = [
    "rnnviz.server.isolated"
]  # what the fork server imports once: rnnviz.data.reader, pandas
_MAIN = "RNNVIZ_READER_MAIN"  # the server's main script, told to the fork server

_turns = threading.BoundedSemaphore(PARALLEL)
_start_lock = threading.Lock()
_context = None


@dataclass(frozen=True)
class Limits:
    seconds: float
    memory_mb: int
    result_mb: int

    @classmethod
    def default(cls) -> Limits:
        """The module's caps as they are now (a server, or a test, may change them)."""
        return cls(SECONDS, MEMORY_MB, RESULT_MB)


class Refused(DataError):
    """A file no reader decided: `kind` says why ("late", "memory", "big", "failed",
    "busy", "no_reader"); a reader's own DataError comes back as it was raised."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Report:
    """How one read went: what the benches and the tests measure."""

    kind: str  # "loaded", "refused" (the reader's DataError), or a Refused kind
    seconds: float  # in the server, from the child's start to its last byte
    peak_mb: float | None  # the child's peak resident memory; None if it never answered
    result: object = None
    error: str | None = None  # the message, when it was refused


class _Late(Exception):
    """The deadline passed before the child answered."""


def call(reader, raw: bytes, limits: Limits | None = None):
    """`reader(raw)` run in a child; its result, or DataError with what to change."""
    limits = limits or Limits.default()
    outcome, _ = _turn(reader, raw, limits)
    return _answer(outcome, limits)


def measure(reader, raw: bytes, limits: Limits | None = None) -> Report:
    """`call`, with its time and the child's peak memory; a refusal is reported, not raised."""
    limits, t0, peak = limits or Limits.default(), time.perf_counter(), None
    try:
        outcome, peak = _turn(reader, raw, limits)
        result = _answer(outcome, limits)
    except DataError as err:
        kind = err.kind if isinstance(err, Refused) else "refused"
        return Report(kind, time.perf_counter() - t0, peak, error=str(err))
    return Report("loaded", time.perf_counter() - t0, peak, result)


def _turn(reader, raw: bytes, limits: Limits):
    # Bytes, their text and their cells are several copies: a file past a quarter of the
    # child's memory could not be read (the server's upload limit is far below it).
    if len(raw) > limits.memory_mb * 2**20 // 4:
        raise Refused("memory", t("parsing.too_much_memory", mb=limits.memory_mb))
    if not _turns.acquire(timeout=WAIT_S):
        raise Refused("busy", t("parsing.busy"))
    try:
        return _run(reader, raw, limits)
    finally:
        _turns.release()


def _forkserver():
    global _context
    with _start_lock:  # one fork server for the whole process, set up once
        if _context is None:
            main = spawn.get_preparation_data("reader").get("init_main_from_path")
            if main:
                os.environ[_MAIN] = main
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            _start_with({"ARROW_DEFAULT_MEMORY_POOL": "system"})
            _context = context
    return _context


def _start_with(variables: dict[str, str]) -> None:
    """Start the fork server with `variables` in its environment, the server's own left as
    they were: pyarrow there and in every child then allocates through malloc from its
    first allocation (its own allocator reserves a gigabyte that RLIMIT_DATA counts)."""
    from multiprocessing import forkserver

    saved = {k: os.environ.get(k) for k in variables}
    os.environ.update(variables)
    try:
        forkserver.ensure_running()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _adopt_main() -> None:
    """In the fork server: mark the server's main script as this process's own.

    Every child re-runs the parent's main script unless its __main__ already names that
    file; under `streamlit run` the script imports streamlit: a second per upload. The
    fork server's __main__ (a `-c` program) names no file, so it is given the script's
    name once here, and no child runs it. The server's own __main__ names its file: left
    alone."""
    main, current = os.environ.get(_MAIN), sys.modules.get("__main__")
    if current is None or getattr(current, "__file__", None) is not None:
        return  # the server's own process
    if main:
        current.__file__ = main
    # A server whose __main__ later names another file (a test harness running the app
    # script as __main__) would make every child run that file: seconds per upload. The
    # readers are imported by their module's name, so no child needs the main script.
    # multiprocessing's private hook, absent from typeshed's stub of spawn
    spawn._fixup_main_from_path = lambda path: None  # type: ignore[attr-defined]


_adopt_main()


def _run(reader, raw: bytes, limits: Limits):
    """The child's (kind, value) and its peak MB; DataError if it gave no answer."""
    context = _forkserver()
    ours, theirs = context.Pipe()
    child = context.Process(
        target=_child, daemon=True, args=(theirs, reader, i18n.language(), limits)
    )
    deadline = time.monotonic() + limits.seconds
    try:
        child.start()
        deadline = time.monotonic() + limits.seconds  # the fork server's own start not counted
        theirs.close()
        ours.send_bytes(raw)
        return _receive(ours, deadline)
    except _Late:
        raise Refused("late", t("parsing.too_slow", seconds=limits.seconds)) from None
    except (EOFError, OSError) as err:  # no answer: see how the child ended
        _end(child, grace=min(2.0, max(0.0, deadline - time.monotonic())))
        raise _silent(child, err, limits) from None
    finally:
        theirs.close()
        ours.close()
        _end(child)


def _end(child, grace: float = 0.0) -> None:
    """The child gone; `grace` seconds to end by itself first (so its own end is seen)."""
    if child.pid is not None:
        child.join(grace)
        if child.is_alive():
            child.kill()
        child.join()


def _silent(child, err: Exception, limits: Limits) -> Refused:
    """Why a child gave no answer: killed by a signal (the memory limit makes C code abort
    or crash), or it could not start or run at all."""
    if child.exitcode is not None and child.exitcode < 0:
        return Refused("memory", t("parsing.too_much_memory", mb=limits.memory_mb))
    return Refused("no_reader", t("parsing.no_reader", error=md(err)))


def _wait(conn, deadline: float) -> None:
    left = deadline - time.monotonic()
    if left <= 0 or not conn.poll(left):
        raise _Late


def _receive(conn, deadline: float):
    """The child's (kind, value) and peak MB, its buffers read into the server's own
    bytearrays (one copy of each array, never a bytes object and then the array)."""
    _wait(conn, deadline)
    sizes, peak = conn.recv()
    _wait(conn, deadline)
    head = conn.recv_bytes()
    buffers = []
    for size in sizes:
        _wait(conn, deadline)
        buffer = bytearray(size)
        conn.recv_bytes_into(buffer)
        buffers.append(buffer)
    return pickle.loads(head, buffers=buffers), peak


def _answer(outcome, limits: Limits):
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "error":
        raise DataError(value)
    if kind == "memory":
        raise Refused(kind, t("parsing.too_much_memory", mb=limits.memory_mb))
    if kind == "big":
        raise Refused(kind, t("parsing.result_too_big", mb=limits.result_mb))
    raise Refused("failed", t("parsing.failed", error=md(value, 200)))


# ---------------------------------------------------------------- in the child


def _child(conn, reader, language: str, limits: Limits) -> None:
    _system_allocator()
    _limit_memory(limits.memory_mb)
    i18n.use(language)  # messages in the user's language, as in the server
    try:
        outcome = ("ok", reader(conn.recv_bytes()))
    except DataError as err:
        outcome = ("error", str(err))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as err:  # a reader's own bug: the user still reads a message
        outcome = ("failed", f"{type(err).__name__}: {err}")
    _send(conn, outcome, limits.result_mb)


def _send(conn, outcome, result_mb: int) -> None:
    buffers: list[pickle.PickleBuffer] = []
    try:
        head = pickle.dumps(outcome, protocol=5, buffer_callback=buffers.append)
        raws = [b.raw() for b in buffers]
    except MemoryError:
        head, raws = pickle.dumps(("memory", None)), []
    if len(head) + sum(r.nbytes for r in raws) > result_mb * 2**20:
        head, raws = pickle.dumps(("big", None)), []
    conn.send(([r.nbytes for r in raws], (status_kb("VmHWM") or 0) / 1024))
    conn.send_bytes(head)
    for r in raws:
        conn.send_bytes(r)


def _system_allocator() -> None:
    """pyarrow (pandas' strings) through malloc, should the fork server have started
    without the variable (restarted by multiprocessing itself)."""
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    try:
        import pyarrow
    except ImportError:  # pandas without pyarrow keeps strings as Python objects
        return
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def status_kb(field: str) -> int | None:
    """A size from /proc/self/status (VmData: what RLIMIT_DATA counts; VmHWM: peak RSS;
    VmRSS), or None where /proc has none."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _limit_memory(memory_mb: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = (status_kb("VmData") or 0) * 1024 + memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
