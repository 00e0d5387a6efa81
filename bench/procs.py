"""Processes the benchmarks and the browser tests share: a `streamlit run` server, a
Chromium launched from Debian's package, and what the OS says about their CPU and memory.

Kept here, not under tests/, so the benchmarks never import the test suite; the browser
tests' fixtures (tests/browser/conftest.py) import these.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(
    url: str, proc: subprocess.Popen, timeout: float = 60.0, every: float = 0.2
) -> float:
    """Seconds until GET url answers 200; raises if the server dies or never answers."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(every)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def start_server(port: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = open(log_path, "w")  # noqa: SIM115  # the server writes to it until it stops
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--client.showErrorDetails",
            "full",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def launch_browser(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_idle(page, timeout: float = 60.0, settle: bool = True) -> None:
    """Wait until the script run has finished and no spinner shows.

    settle=True asks for notRunning twice, 0.3 s apart (it flickers between a click and
    its rerun). While a job trains, the Train page's fragment reruns every 0.5 s and the
    app is rarely idle twice in a row: pass settle=False there."""
    page.wait_for_selector(IDLE, timeout=timeout * 1000)
    if not settle:
        return
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if page.locator(IDLE).count() and not page.locator("[data-testid='stSpinner']").count():
            page.wait_for_timeout(300)
            if page.locator(IDLE).count() and not page.locator("[data-testid='stSpinner']").count():
                return
        page.wait_for_timeout(100)
    raise TimeoutError(f"the app was still busy after {timeout:.0f} s")


def _parents() -> dict[int, int]:
    """{pid: parent pid} of every process (field 4 of /proc/<pid>/stat)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):  # gone meanwhile
                continue
    return parents


def _children(pid: int) -> list[int]:
    return [p for p, parent in _parents().items() if parent == pid]


def descendants(root: int) -> list[int]:
    """root's child processes, their children, and so on."""
    by_parent: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        by_parent.setdefault(parent, []).append(pid)
    out, todo = [], [root]
    while todo:
        kids = by_parent.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def find_server_pid(base_url: str, parent: int | None = None) -> int:
    """The pid of the `streamlit run` child of `parent` (this process) serving base_url."""
    port = base_url.rsplit(":", 1)[1].strip("/")
    for pid in _children(parent or os.getpid()):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in argv and port.encode() in argv:
            return pid
    raise RuntimeError(f"no streamlit child process serves {base_url}")


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, all its threads included (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15


def tree_cpu_seconds(root: int, exclude: set[int] = frozenset()) -> float:
    """CPU seconds of root's descendants but `exclude` (here: the browser, its renderers
    and Playwright's driver, without the server); a process that ends meanwhile counts 0."""
    total = 0.0
    for pid in descendants(root):
        if pid not in exclude:
            with contextlib.suppress(OSError, IndexError, ValueError):
                total += cpu_seconds(pid)
    return total


def cpu_rate(pid: int, seconds: float = 3.0) -> float:
    """CPU-seconds the process used per wall-clock second over the next `seconds`."""
    c0, t0 = cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)
    return (cpu_seconds(pid) - c0) / (time.perf_counter() - t0)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (VmRSS), None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def thread_cpu_seconds(pid: int) -> dict[int, float]:
    """utime + stime of each thread of a process ({tid: seconds}); a thread that has ended
    is simply absent."""
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(task.name)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return out
