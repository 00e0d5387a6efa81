"""A class through HAProxy: 16 sessions to 2 servers with 2 training slots each, against the
same 16 sessions on one server without the queue (16 slots: every job trains at once).

Each session uploads its own CSV, asks for EPOCHS epochs and waits at the start line; all
press Train together and watch until their job finishes. Figures per setup: total samples/s
(every session's samples over the time from the start line to the last finish), each
session's wait from its press to the first step its page shows (the page's poll delay
included) and its own samples/s (the job's average while it trained), foreign data seen
(must be 0), the sessions per server (SERVERID cookie), and the servers' VmRSS before, at
peak and 20 s after the tabs closed (summed over servers).

Appends its table to bench/out/load_class.txt. Traffic goes only to 127.0.0.1. The browser,
all its tabs and the servers share this machine's cores: absolute rates are low; compare the
two setups of one run.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import time
from dataclasses import dataclass, field

import numpy as np

from bench.common import OUT_DIR, QUICK, Figure, print_section
from bench.load import (
    MAIN_TEXT,
    PROGRESS,
    SHOWN,
    RssSampler,
    _int,
    nav,
    upload,
    wait_idle,
)
from bench.procs import (
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    rss_mb,
    start_server,
    stop_server,
    wait_healthy,
)
from rnnviz.train.job import TrainConfig

SESSIONS = 4 if QUICK else 16
EPOCHS = 15  # ~135 steps of 64 on 800 rows: seconds alone, so the queue turns over
ROWS = 800
SETUP_LIMIT_S = 240.0  # until every session waits at the start line
TRAIN_LIMIT_S = 420.0  # until every job has finished
AFTER_CLOSE_S = 20.0


@dataclass
class Seat:
    index: int
    column: str
    file: str
    data: bytes
    server: str = "-"
    pressed: float | None = None  # perf_counter times
    first_step: float | None = None
    finished: float | None = None
    steps: int = 0
    batch: int = TrainConfig().batch_size  # the page's default: the sessions leave it
    rate: float | None = None
    foreign: list[str] = field(default_factory=list)
    error: str = ""


def make_seat(index: int) -> Seat:
    column = f"s{index:02d}_level"
    rng = np.random.default_rng(100 + index)
    t = np.arange(ROWS)
    values = 20 + index + 5 * np.sin(2 * np.pi * t / (15 + index)) + rng.normal(0, 1, ROWS)
    dates = (np.datetime64("2021-01-01") + t).astype(str)
    lines = [f"Date,{column}", *(f"{d},{v:.2f}" for d, v in zip(dates, values, strict=True))]
    return Seat(index, column, f"seat{index:02d}_{column}.csv", ("\n".join(lines) + "\n").encode())


async def set_number(page, key: str, value: int) -> None:
    box = page.locator(f".st-key-{key} input")
    await box.fill(str(value))
    await box.press("Enter")
    await page.wait_for_timeout(500)
    await wait_idle(page)


async def seat_session(
    browser, url: str, seat: Seat, everyone: list[Seat], go: asyncio.Event, ready: list[int]
):
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(90_000)
    try:
        await page.goto(url + "/")
        await wait_idle(page)
        seat.server = next(
            (c["value"] for c in await context.cookies() if c["name"] == "SERVERID"), "-"
        )
        await upload(page, seat)
        await nav(page, "Train")
        await set_number(page, "epochs", EPOCHS)
        ready.append(seat.index)
        await go.wait()
        await page.locator(".st-key-train button").first.click()
        seat.pressed = time.perf_counter()
        await watch(page, seat)
        seen = await page.evaluate(SHOWN)
        seat.foreign = sorted(
            {x for s in everyone if s is not seat for x in (s.file, s.column) if x in seen}
        )
    except Exception as exc:  # a figure, not a crash
        seat.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:100]}"
    return context


async def watch(page, seat: Seat) -> None:
    """Read the page twice a second: the first step shown, then the finish."""
    end = seat.pressed + TRAIN_LIMIT_S
    while time.perf_counter() < end:
        text = await page.evaluate(MAIN_TEXT)
        if m := PROGRESS.search(text):
            seat.steps, seat.rate = _int(m.group(1)), _int(m.group(3))
            if seat.steps > 0 and seat.first_step is None:
                seat.first_step = time.perf_counter()
        if "Finished" in text and m:
            seat.finished = time.perf_counter()
            return
        await page.wait_for_timeout(500)
    seat.error = seat.error or f"not finished in {TRAIN_LIMIT_S:.0f} s"


async def run_class(url: str, seats: list[Seat]) -> tuple[float, float]:
    """Every seat at once; (start line time, close time)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            go, ready = asyncio.Event(), []
            tasks = [
                asyncio.create_task(seat_session(browser, url, s, seats, go, ready)) for s in seats
            ]
            deadline = time.perf_counter() + SETUP_LIMIT_S
            while (
                len(ready) < len(seats)
                and time.perf_counter() < deadline
                and not all(t.done() for t in tasks)
            ):
                await asyncio.sleep(0.5)
            started = time.perf_counter()
            go.set()
            contexts = await asyncio.gather(*tasks, return_exceptions=True)
            closed = time.perf_counter()
            for c in contexts:
                if not isinstance(c, BaseException):
                    await c.close()
            return started, closed
        finally:
            await browser.close()


def measure(name: str, slots: int, servers: int) -> dict:
    """One setup: `servers` rnnviz processes (HAProxy in front when more than one)."""
    from deploy.serve_class import render_config, start_haproxy

    os.environ["RNNVIZ_TRAINING_SLOTS"] = str(slots)
    ports = [free_port() for _ in range(servers)]
    procs = [start_server(p, OUT_DIR / f"load_class_{name}_{p}.log") for p in ports]
    seats = [make_seat(i) for i in range(SESSIONS)]
    try:
        for p, proc in zip(ports, procs, strict=True):
            wait_healthy(f"http://127.0.0.1:{p}/_stcore/health", proc)
        url = f"http://127.0.0.1:{ports[0]}"
        if servers > 1:
            front = free_port()
            # HAProxy writes to its log until it stops: the handle outlives this block
            log = open(OUT_DIR / "load_class_haproxy.log", "w")  # noqa: SIM115
            proxy = start_haproxy(
                render_config(front, ports), OUT_DIR / "load_class_haproxy.cfg", log
            )
            procs.append(proxy)
            url = f"http://127.0.0.1:{front}"
            wait_healthy(url + "/_stcore/health", proxy)
        samplers = [RssSampler(proc.pid) for proc in procs[:servers]]
        for s in samplers:
            s.__enter__()
        before = sum(rss_mb(p.pid) or 0 for p in procs[:servers])
        started, _ = asyncio.run(run_class(url, seats))
        time.sleep(AFTER_CLOSE_S)
        after = sum(rss_mb(p.pid) or 0 for p in procs[:servers])
        for s in samplers:
            s.__exit__()
        peak = sum(max((mb for _, mb in s.samples), default=0) for s in samplers)
    finally:
        os.environ.pop("RNNVIZ_TRAINING_SLOTS", None)
        for proc in procs:
            stop_server(proc)
    return summarize(name, seats, started, before, peak, after)


def summarize(name: str, seats: list[Seat], started: float, before, peak, after) -> dict:
    done = [s for s in seats if s.finished]
    span = max((s.finished for s in done), default=started) - started
    samples = sum(s.steps * s.batch for s in seats)
    waits = [s.first_step - s.pressed for s in seats if s.first_step and s.pressed]
    rates = [s.rate for s in done if s.rate]
    servers = {}
    for s in seats:
        servers[s.server] = servers.get(s.server, 0) + 1
    detail = [
        f"  seat {s.index:>2} {s.server:<3} steps {s.steps:>5} x {s.batch} "
        f"wait {_secs(s.pressed, s.first_step)} trained {_secs(s.first_step, s.finished)} "
        f"rate {s.rate or 0:,.0f} {s.error}"
        for s in seats
    ]
    return {
        "name": name,
        "finished": f"{len(done)}/{len(seats)}",
        "detail": detail,
        "total": samples / span if span > 0 else 0.0,
        "wait": (statistics.median(waits), max(waits)) if waits else None,
        "rate": (statistics.median(rates), min(rates), max(rates)) if rates else None,
        "foreign": sum(bool(s.foreign) for s in seats),
        "servers": servers,
        "mem": (before, peak, after),
        "errors": [s.error for s in seats if s.error][:3],
    }


def _secs(a: float | None, b: float | None) -> str:
    return f"{b - a:6.1f} s" if a is not None and b is not None else "     - s"


def row(r: dict) -> str:
    wait = "median {:.1f} s, max {:.1f} s".format(*r["wait"]) if r["wait"] else "-"
    rate = "median {:,.0f} (min {:,.0f}, max {:,.0f})".format(*r["rate"]) if r["rate"] else "-"
    return (
        f"{r['name']:<26} finished {r['finished']:<6} total {r['total']:>7,.0f} samples/s | "
        f"wait before first step {wait} | samples/s each {rate} | RSS MB before/peak/after "
        "{:.0f}/{:.0f}/{:.0f} | foreign {} | sessions per server {}".format(
            *r["mem"], r["foreign"], r["servers"]
        )
        + (f" | errors {r['errors']}" if r["errors"] else "")
    )


def main() -> None:
    if not os.path.exists(CHROMIUM) or not shutil.which("haproxy"):
        print("skipped: needs /usr/bin/chromium and haproxy")
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    rows = [measure("1 server, no queue", SESSIONS, 1), measure("2 servers x 2 slots", 2, 2)]
    head = (
        f"# bench.load_class {time.strftime('%Y-%m-%d %H:%M')}: {SESSIONS} sessions, "
        f"LSTM on {ROWS} rows, {EPOCHS} epochs each; load average {load:.1f} on "
        f"{os.cpu_count()} cores"
    )
    lines = [head, *(x for r in rows for x in (row(r), *r["detail"]))]
    print("\n".join(lines))
    a, b = rows
    print_section(
        "load_class",
        [
            Figure("total samples/s, queue vs none", f"{b['total']:,.0f} vs {a['total']:,.0f}"),
            Figure(
                "foreign data seen",
                f"{a['foreign'] + b['foreign']} session(s)",
                "0",
                a["foreign"] + b["foreign"] == 0,
            ),
        ],
    )
    with open(OUT_DIR / "load_class.txt", "a") as f:
        f.write("\n".join(lines) + "\n\n")


if __name__ == "__main__":
    main()
