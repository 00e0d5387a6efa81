"""A class on one machine: N `streamlit run app.py` servers on consecutive loopback ports
and HAProxy in front of them on one port (deploy/haproxy.cfg), stopped together.

    python deploy/serve_class.py --servers 4 --port 8501      (make serve-class N=4)

Students open http://<machine>:8501; server k listens on 127.0.0.1:8501+k only. Each server
gets RNNVIZ_TRAINING_SLOTS = cores // servers (at least 1) unless it is set already, so the
machine trains about one job per core however the class spreads. A process that dies (a
server, or HAProxy) is started again, after 1 s, then 2, 4 ... up to 30 s while it keeps
dying, and the others keep serving: the students of a dead server reload and land on
another. Ctrl-C (SIGINT) or SIGTERM stops every process; the children also get SIGTERM
from the kernel if this script is killed outright (PR_SET_PDEATHSIG), so no server
outlives it.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg")
PR_SET_PDEATHSIG = 1
BACKOFF_FIRST = 1.0  # seconds before a dead process is started again
BACKOFF_MAX = 30.0  # the wait doubles while it keeps dying, up to this
STABLE = 60.0  # seconds up after which a process counts as healthy again (backoff reset)


def render_config(port: int, backends: list[int], host: str = "127.0.0.1") -> str:
    """deploy/haproxy.cfg with the front port and one `server` line per backend port."""
    servers = "\n".join(
        f"    server s{k} 127.0.0.1:{p} check cookie s{k}" for k, p in enumerate(backends, start=1)
    )
    return TEMPLATE.read_text().replace("@BIND@", f"{host}:{port}").replace("@SERVERS@", servers)


try:  # looked up here: the child between fork and exec should only make the call
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux: the signal handlers still stop the children
    _PRCTL = None


def _die_with_parent() -> None:
    """In the child, before exec: the kernel sends SIGTERM when this script's thread dies."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_streamlit(port: int, log, slots: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if slots is not None:
        env.setdefault("RNNVIZ_TRAINING_SLOTS", str(slots))
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
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,
    )


def start_haproxy(config: str, path: Path, log) -> subprocess.Popen:
    """HAProxy in the foreground (-db) on `config`, written to `path` and checked first."""
    exe = shutil.which("haproxy") or "/usr/sbin/haproxy"
    path.write_text(config)
    check = subprocess.run([exe, "-c", "-f", path], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"haproxy rejected the config:\n{check.stdout}{check.stderr}")
    return subprocess.Popen(
        [exe, "-db", "-f", path], stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
    )


def wait_healthy(url: str, procs: list[subprocess.Popen], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if dead := [p.args for p in procs if p.poll() is not None]:
            raise RuntimeError(f"exited before serving: {dead[0]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def stop_all(procs: list[subprocess.Popen], grace: float = 10.0) -> None:
    """SIGTERM to all at once, then SIGKILL to whatever is still alive after `grace`."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)


@dataclass
class Child:
    """One supervised process: how to start it, the process now (None while it waits for
    its restart) and its backoff."""

    name: str
    start: Callable[[], subprocess.Popen]
    proc: subprocess.Popen | None = None
    started: float = 0.0
    due: float = 0.0  # when a waiting restart may run
    delay: float = BACKOFF_FIRST
    restarts: int = 0

    def launch(self, now: float) -> None:
        self.proc, self.started = self.start(), now


def check(child: Child, now: float, say: Callable[[str], None]) -> None:
    """Notice that the child died (and schedule its restart), or restart it once due."""
    if child.proc is None:
        if now >= child.due:
            child.restarts += 1
            child.launch(now)
            say(f"rnnviz: {child.name} started again (restart {child.restarts})")
        return
    code = child.proc.poll()
    if code is None:
        return
    if now - child.started >= STABLE:  # it served a while: this is a new failure
        child.delay = BACKOFF_FIRST
    say(
        f"rnnviz: {child.name} exited with {code}; starting it again in {child.delay:.0f} s, "
        "the others keep serving"
    )
    child.proc, child.due = None, now + child.delay
    child.delay = min(2 * child.delay, BACKOFF_MAX)


def supervise(children: list[Child], every: float = 0.5) -> None:
    """Keep every child running until a signal ends this script."""

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    while True:
        for child in children:
            check(child, time.monotonic(), say)
        time.sleep(every)


def _logged(start: Callable, path: Path, *args) -> Callable[[], subprocess.Popen]:
    """start(*args, log) with the log opened for appending (a restart keeps what the dead
    process wrote), closed here once the child holds it."""

    def run() -> subprocess.Popen:
        with open(path, "a") as log:
            return start(*args, log)

    return run


def _children(args, ports: list[int], slots: int) -> list[Child]:
    children = [
        Child(
            f"server 127.0.0.1:{p}",
            _logged(
                lambda port, log: start_streamlit(port, log, slots),
                args.logs / f"server-{p}.log",
                p,
            ),
        )
        for p in ports
    ]
    config = render_config(args.port, ports, args.host)
    children.append(
        Child(
            f"HAProxy {args.host}:{args.port}",
            _logged(start_haproxy, args.logs / "haproxy.log", config, args.logs / "haproxy.cfg"),
        )
    )
    for path in [args.logs / f"server-{p}.log" for p in ports] + [args.logs / "haproxy.log"]:
        path.write_text("")  # each serve-class run starts fresh logs
    return children


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--servers", "-n", type=int, default=4)
    ap.add_argument("--port", type=int, default=8501, help="the one port students open")
    ap.add_argument("--host", default="0.0.0.0", help="HAProxy's address (0.0.0.0: the LAN)")
    ap.add_argument("--logs", type=Path, default=Path(tempfile.gettempdir()) / "rnnviz-class")
    args = ap.parse_args(argv)
    if not shutil.which("haproxy") and not Path("/usr/sbin/haproxy").exists():
        print("haproxy not found: apt-get install -y haproxy", file=sys.stderr)
        return 2
    n = max(1, args.servers)
    ports = [args.port + k for k in range(1, n + 1)]
    slots = max(1, (os.cpu_count() or 1) // n)
    args.logs.mkdir(parents=True, exist_ok=True)
    children = _children(args, ports, slots)

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for child in children[:-1]:
            child.launch(time.monotonic())
        for p in ports:  # a server that cannot start at all is an install problem: stop
            wait_healthy(f"http://127.0.0.1:{p}/_stcore/health", [c.proc for c in children[:-1]])
        children[-1].launch(time.monotonic())
        print(
            f"rnnviz: {n} servers on 127.0.0.1:{ports[0]}-{ports[-1]} "
            f"({slots} training slot(s) each), HAProxy on {args.host}:{args.port}; "
            f"logs in {args.logs}. Ctrl-C stops them all.",
            flush=True,
        )
        supervise(children)
        return 1  # not reached: only a signal ends supervise
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code != 128 + signal.SIGINT else 0
    finally:
        stop_all([c.proc for c in children if c.proc is not None])


if __name__ == "__main__":
    sys.exit(main())
