"""serve-class keeps serving when one server dies, and Ctrl-C still stops everything.

`deploy/serve_class.py --servers 2` on loopback: one Streamlit server is killed with
SIGKILL (as the kernel's OOM killer would); HAProxy must keep answering
/_stcore/health through the front port (the other server serves), the killed server
must come back on its port, and SIGINT to serve_class must leave no process behind.

Skipped without haproxy on a laptop (apt-get install -y haproxy); a failure when CI=true.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, ROOT, descendants, free_port
from tests.browser.test_class import _require_haproxy

FRONT_WITHIN = 10.0  # seconds after the kill: HAProxy answers through the other server
BACK_WITHIN = 90.0  # seconds after the kill: the killed server answers again


def _ports_free(ports: list[int]) -> bool:
    for p in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", p))
            except OSError:
                return False
    return True


def _front_port() -> int:
    """A port with the next two free as well: serve_class puts server k on port + k."""
    for _ in range(50):
        port = free_port()
        if port < 65000 and _ports_free([port, port + 1, port + 2]):
            return port
    raise RuntimeError("no three free consecutive ports")


def _status(url: str) -> int | str:
    """The HTTP status of GET url, or why there was none."""
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError as exc:
        return type(exc).__name__


def _health(url: str) -> bool:
    return _status(url) == 200


def _wait(predicate, timeout: float, every: float = 0.2) -> float | None:
    """Seconds until predicate() holds, or None after timeout."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if predicate():
            return time.perf_counter() - t0
        time.sleep(every)
    return None


def _pid_on(root: int, needle: bytes) -> int | None:
    """The descendant of root whose command line has the argument `needle`."""
    for pid in descendants(root):
        try:
            if needle in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0"):
                return pid
        except OSError:
            continue
    return None


def _alive(pid: int) -> bool:
    """Running, sleeping or stopped: a zombie waiting for its reaper has ended."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.fixture
def serve_class():
    """(process, front port, log folder) of a running serve_class with 2 servers."""
    _require_haproxy()
    port, logs = _front_port(), ARTIFACTS / "class-restart"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "RNNVIZ_TRAINING_SLOTS": "1"}
    # serve_class.py writes to its log until it stops: the handle outlives this block
    log = open(logs / "serve_class.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "deploy/serve_class.py",
            "--servers",
            "2",
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--logs",
            str(logs),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    children: list[int] = []
    try:
        front = f"http://127.0.0.1:{port}/_stcore/health"
        assert _wait(lambda: proc.poll() is not None or _health(front), 120) is not None
        assert proc.poll() is None, (logs / "serve_class.log").read_text()
        yield proc, port, logs, children
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        for pid in children:  # whatever the test saw and serve_class left behind
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_killed_server_comes_back_and_ctrl_c_stops_all(serve_class):
    proc, port, logs, children = serve_class
    first, second = (_pid_on(proc.pid, str(port + k).encode()) for k in (1, 2))
    haproxy = _pid_on(proc.pid, b"-db")
    assert first and second and haproxy, f"processes under serve_class: {descendants(proc.pid)}"
    children += [first, second, haproxy]

    os.kill(first, signal.SIGKILL)
    killed = time.perf_counter()
    front = f"http://127.0.0.1:{port}/_stcore/health"
    answered = _wait(lambda: _health(front), FRONT_WITHIN)
    # A few requests more: each new one must reach the live server, not the dead one.
    misses = [
        (round(time.perf_counter() - killed, 2), got)
        for _ in range(20)
        if (got := _status(front)) != 200 or time.sleep(0.1)
    ]
    assert answered is not None and not misses, (
        f"HAProxy through the front port: first answer {answered} s after the kill, "
        f"then failures (seconds after the kill, status): {misses}"
    )
    assert _alive(second) and _alive(haproxy), "the other server or HAProxy stopped too"
    back = _wait(
        lambda: _health(f"http://127.0.0.1:{port + 1}/_stcore/health"), BACK_WITHIN, every=0.5
    )
    assert back is not None, (
        f"the killed server did not come back within {BACK_WITHIN:.0f} s:\n"
        + (logs / "serve_class.log").read_text()
    )
    restarted = _pid_on(proc.pid, str(port + 1).encode())
    assert restarted and restarted != first, "the server on the killed port is not a new one"
    children.append(restarted)
    assert _pid_on(proc.pid, str(port + 2).encode()) == second  # the other kept running
    back_s = time.perf_counter() - killed
    print(
        f"\nfront answered {answered:.1f} s after the kill; the killed server answered "
        f"again {back_s:.1f} s after it"
    )

    proc.send_signal(signal.SIGINT)  # Ctrl-C
    assert proc.wait(30) == 0
    left = [pid for pid in (restarted, second, haproxy) if _alive(pid)]
    left += [pid for pid in descendants(proc.pid) if _alive(pid)]
    assert not left, f"processes left after Ctrl-C: {left}"
    assert not _health(front)


class _Proc:
    def __init__(self, code=None):
        self.code = code

    def poll(self):
        return self.code


def test_the_restart_waits_longer_while_a_process_keeps_dying():
    from deploy.serve_class import BACKOFF_FIRST, BACKOFF_MAX, STABLE, Child, check

    started = []
    child = Child("server", start=lambda: started.append(1) or _Proc())
    child.launch(0.0)
    now, waits, said = 0.0, [], []
    for _ in range(7):  # it dies at once each time it starts
        child.proc.code = 1
        check(child, now, said.append)
        waits.append(child.due - now)
        check(child, child.due - 0.01, said.append)
        assert child.proc is None  # not before its time
        now = child.due
        check(child, now, said.append)
        assert child.proc is not None
    assert waits == [1, 2, 4, 8, 16, 30, 30] and BACKOFF_FIRST == 1 and BACKOFF_MAX == 30
    assert child.restarts == 7 and len(started) == 8
    child.proc.code = -9  # it served a while, then died: a new failure, a short wait
    check(child, now + STABLE, said.append)
    assert child.due - (now + STABLE) == BACKOFF_FIRST
    assert "exited with -9" in said[-1]
