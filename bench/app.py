"""App benchmarks: the running Streamlit app in Chromium, and the Inside figures.

1. Cold start: `streamlit run app.py` launched -> Home rendered in Chromium (seconds).
2. Train pressed (after Home's quick start) -> first loss point in the chart (seconds).
3. Training throughput with the Train page open (its fragment polling twice a second)
   vs the same job trained headless in this process: wall-clock samples/s, interleaved.
4. Size and build time of the default Inside animations.

Needs Debian's /usr/bin/chromium; without it sections 1-3 are reported as skipped.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import time
from pathlib import Path

import numpy as np
import torch

from bench.common import OUT_DIR, QUICK, Figure, median_time, print_section, timed
from bench.procs import (
    CHROMIUM,
    IDLE,
    cpu_seconds,
    free_port,
    launch_browser,
    start_server,
    stop_server,
    tree_cpu_seconds,
    wait_healthy,
    wait_idle,
)
from rnnviz import figures
from rnnviz.analysis.probe import trace
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.workspace import default_series_config, load_sample, prepare
from rnnviz.train.job import TrainConfig, TrainJob

LOSS_POINTS = (
    "() => { const p = document.querySelector('.st-key-loss_chart .js-plotly-plot');"
    " return !!(p && p._fullData && p._fullData.length && p._fullData[0].x"
    " && p._fullData[0].x.length > 0); }"
)
PROGRESS = re.compile(r"step ([\d,]+)/([\d,]+) · ([\d,]+) samples/s")

REPEATS = 1 if QUICK else 3  # first-loss-point and throughput rounds
WINDOW_S = 4.0 if QUICK else 8.0  # seconds of training per throughput measurement
GOAL_FIRST_LOSS_S, GOAL_RATIO, GOAL_MB, GOAL_BUILD_S = 2.0, 0.9, 5.0, 0.5


def _click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    page.wait_for_timeout(300)
    wait_idle(page)


def _progress(page) -> tuple[int, int, int] | None:
    """(step, total, samples/s) from the Train page's progress text, or None."""
    text = page.evaluate(
        "() => { const e = document.querySelector(\"[data-testid='stProgress']\");"
        " return e ? e.innerText : ''; }"
    )
    m = PROGRESS.search(text or "")
    return tuple(int(g.replace(",", "")) for g in m.groups()) if m else None


# ---- 1-3. the app in Chromium ------------------------------------------------------
def cold_start(pw) -> tuple[float, float, subprocess.Popen, object, str]:
    """Seconds to /_stcore/health and to Home rendered; returns the running server and tab."""
    browser = launch_browser(pw)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    proc = start_server(port, OUT_DIR / "app_server.log")
    wait_healthy(base + "/_stcore/health", proc, every=0.05)  # the cold start is timed
    healthy = time.perf_counter() - t0
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    page.goto(base + "/")
    page.wait_for_selector(IDLE, timeout=120_000)
    page.get_by_role("heading", name=re.compile("rnnviz")).wait_for(timeout=120_000)
    rendered = time.perf_counter() - t0
    return healthy, rendered, proc, page, base


FIRST_SEEN = """() => {
    const p = document.querySelector('.st-key-loss_chart .js-plotly-plot');
    const e = document.querySelector("[data-testid='stProgress']");
    const m = e ? /step ([\\d,]+)\\//.exec(e.innerText) : null;
    return [!!(p && p._fullData && p._fullData.length && p._fullData[0].x
               && p._fullData[0].x.length > 0),
            !!(m && parseInt(m[1].replace(/,/g, '')) >= 1)]; }"""


def first_loss_point(page) -> tuple[list[float], list[float]]:
    """Home's quick start, then Train pressed -> (seconds to a loss point drawn in the
    chart, seconds to the progress text showing step >= 1), REPEATS times. The first
    round includes loading plotly.js: no chart was on screen before it."""
    _click(page, "quick_start")
    box = page.locator(".st-key-epochs input")
    box.fill("500")  # long enough that no round sees it finish
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_idle(page)
    chart, text = [], []
    for _ in range(REPEATS):
        _stop_training(page)
        if page.locator(".st-key-reset button").first.is_enabled():
            _click(page, "reset")  # no job, no chart: the next points can only be the new job's
        page.wait_for_function(f"() => !({LOSS_POINTS})()", timeout=30_000)
        t0 = time.perf_counter()
        page.locator(".st-key-train button").first.click()
        seen = [None, None]
        while None in seen and time.perf_counter() - t0 < 60:
            for i, ok in enumerate(page.evaluate(FIRST_SEEN)):
                if ok and seen[i] is None:
                    seen[i] = time.perf_counter() - t0
            page.wait_for_timeout(20)
        if None in seen:
            page.screenshot(path=str(OUT_DIR / "app_timeout.png"))
            raise TimeoutError(f"no loss point within 60 s of pressing Train (seen {seen})")
        chart.append(seen[0])
        text.append(seen[1])
        page.wait_for_timeout(500)
    return chart, text


def _nav(page, label: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=label).first.click()
    page.wait_for_timeout(300)
    wait_idle(page)


def _stop_training(page) -> None:
    """Stop the job if one runs. The page is redrawn (via Home) before and after the
    click: the Train page's buttons are drawn before a click's handler runs and are not
    redrawn by the polling fragment, so they can show the state before the click."""
    _nav(page, "Home")
    _nav(page, "Train")
    stop = page.locator(".st-key-stop button").first
    if stop.is_enabled():
        stop.click()
        page.wait_for_timeout(300)
        wait_idle(page)
        _nav(page, "Home")
        _nav(page, "Train")
    page.wait_for_function(
        "() => !document.querySelector('.st-key-train button').disabled", timeout=30_000
    )


def _changed_progress(page, last_step: int | None, timeout: float = 10.0):
    """Wait for the progress text to show a new step; (time seen, step, samples/s)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        got = _progress(page)
        if got and got[0] != last_step:
            return time.perf_counter(), got[0], got[2]
        page.wait_for_timeout(20)
    raise TimeoutError("the progress text did not change")


class CpuMeter:
    """CPU use (in cores) of the server and of the browser between start() and stop()."""

    def __init__(self, server_pid: int):
        self.server_pid = server_pid

    def _read(self) -> tuple[float, float, float]:
        return (
            time.perf_counter(),
            cpu_seconds(self.server_pid),
            tree_cpu_seconds(os.getpid(), exclude={self.server_pid}),
        )

    def start(self) -> None:
        self.t0 = self._read()

    def stop(self) -> tuple[float, float]:
        t1 = self._read()
        wall = t1[0] - self.t0[0]
        return (t1[1] - self.t0[1]) / wall, (t1[2] - self.t0[2]) / wall


def page_throughput(page, batch: int, meter: CpuMeter) -> tuple[float, float, tuple]:
    """Wall-clock samples/s over WINDOW_S with the Train page open, the page's own figure,
    and the CPU (server, browser) used meanwhile.

    The clock is read when the shown step changes (each fragment redraw), so the 0.5 s
    poll interval does not blur the interval measured."""
    _stop_training(page)
    page.locator(".st-key-train button").first.click()
    page.wait_for_function(LOSS_POINTS, polling=50, timeout=60_000)
    page.wait_for_timeout(1500)  # past the step-0 and step-5 probes
    t1, s1, _ = _changed_progress(page, None)
    t1, s1, _ = _changed_progress(page, s1)
    meter.start()
    page.wait_for_timeout(WINDOW_S * 1000)
    t2, s2, shown = _changed_progress(page, s1)
    return (s2 - s1) * batch / (t2 - t1), float(shown), meter.stop()


def _sidebar_step(page) -> int:
    text = page.locator("[data-testid='stSidebar']").inner_text()
    m = re.search(r"running, step ([\d,]+)/", text)
    if not m:
        raise RuntimeError(f"the sidebar shows no running job: {text!r}")
    return int(m.group(1).replace(",", ""))


def away_throughput(page, batch: int) -> float:
    """Wall-clock samples/s of the same job in the server while the tab shows a light page
    (Predict, then Home): no fragment polls, no chart redraws. Steps are read from the
    sidebar, which every full run draws."""
    _stop_training(page)
    page.locator(".st-key-train button").first.click()
    page.wait_for_function(LOSS_POINTS, polling=50, timeout=60_000)
    page.wait_for_timeout(1500)
    t1 = time.perf_counter()
    _nav(page, "Predict")
    s1 = _sidebar_step(page)
    page.wait_for_timeout(WINDOW_S * 1000)
    t2 = time.perf_counter()
    _nav(page, "Home")
    s2 = _sidebar_step(page)
    _nav(page, "Train")
    return (s2 - s1) * batch / (t2 - t1)


def engine_job(epochs: int = 500) -> TrainJob:
    """The quick start's model and data, as the app builds them."""
    ds = load_sample("temperature")
    data = prepare(ds, default_series_config(ds))
    cfg = model_config_for(data, ModelConfig(cell="lstm", hidden_size=32))
    tcfg = TrainConfig(epochs=epochs, lr=0.005, device="cpu")
    return TrainJob(build_model(cfg, seed=0), data.windows, tcfg)


def engine_throughput() -> tuple[float, float]:
    """The same job headless in this process, measured the same way: wall-clock samples/s
    from 1.5 s after its start over WINDOW_S, and the job's own figure at the end."""
    job = engine_job()
    job.start()
    try:
        time.sleep(1.5)
        t1, s1 = time.perf_counter(), job.status().step
        time.sleep(WINDOW_S)
        t2, s = time.perf_counter(), job.status()
    finally:
        job.stop()
        job.join(10)
    return (s.step - s1) * job.cfg.batch_size / (t2 - t1), s.samples_per_s


def app_section() -> list[Figure]:
    if not Path(CHROMIUM).exists():
        return [Figure("app in chromium", f"skipped: {CHROMIUM} not found")]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        healthy, rendered, proc, page, _ = cold_start(pw)
        print(f"  cold start {rendered:.1f} s", flush=True)
        try:
            loss_times, text_times = first_loss_point(page)
            print(f"  first loss point {loss_times} s, progress text {text_times} s", flush=True)
            batch = engine_job().cfg.batch_size
            meter = CpuMeter(proc.pid)
            rates = {"page": [], "away": [], "engine": []}
            runs = {
                "page": lambda: page_throughput(page, batch, meter),
                "away": lambda: away_throughput(page, batch),
                "engine": lambda: (_stop_training(page), engine_throughput())[1],
            }
            for r in range(REPEATS):  # interleaved, the order rotated each round
                names = list(runs)[r % 3 :] + list(runs)[: r % 3]
                for name in names:
                    rates[name].append(runs[name]())
                    got = rates[name][-1][0] if name == "page" else rates[name][-1]
                    print(f"  round {r + 1} {name}: {got}", flush=True)
            _stop_training(page)
        finally:
            stop_server(proc)
    return [
        Figure(
            "cold start", f"{rendered:.1f} s to Home rendered (health answered at {healthy:.1f} s)"
        ),
        Figure(
            "train -> first loss point",
            f"{loss_times[0]:.2f} s the first time (loads "
            f"plotly.js), then {', '.join(f'{t:.2f}' for t in loss_times[1:]) or '-'} s; "
            f"progress text at step >= 1 after {', '.join(f'{t:.2f}' for t in text_times)} s",
            f"< {GOAL_FIRST_LOSS_S:g} s",
            max(loss_times) < GOAL_FIRST_LOSS_S,
        ),
        *throughput_figures(rates),
    ]


def throughput_figures(rates: dict[str, list]) -> list[Figure]:
    page, away, engine = rates["page"], rates["away"], rates["engine"]
    wall = [p[0] / e[0] for p, e in zip(page, engine, strict=True)]
    shown = [p[1] / e[1] for p, e in zip(page, engine, strict=True)]
    ratio = statistics.median(wall)
    med = lambda xs: statistics.median(xs)  # noqa: E731
    return [
        Figure(
            "train page vs engine",
            f"{ratio:.2f}x  wall-clock: page "
            f"{med(p[0] for p in page):,.0f} vs engine {med(e[0] for e in engine):,.0f} "
            f"samples/s (rounds {', '.join(f'{w:.2f}' for w in wall)}); as the job reports "
            f"it (step time only) {med(shown):.2f}x",
            f">= {GOAL_RATIO:g}x",
            ratio >= GOAL_RATIO,
        ),
        Figure(
            "server, tab away vs engine",
            f"{med(a / e[0] for a, e in zip(away, engine, strict=True)):.2f}x"
            f"  {med(away):,.0f} samples/s: the same job in the server, tab on a light page",
        ),
        Figure(
            "cpu while training (page)",
            f"server {med(p[2][0] for p in page):.2f} cores "
            f"(training thread included), browser {med(p[2][1] for p in page):.2f} cores, "
            f"of {os.cpu_count()}; 1-min load average {os.getloadavg()[0]:.1f}",
        ),
    ]


# ---- 4. the Inside figures ----------------------------------------------------------
def lstm_trace(hidden: int, steps: int):
    torch.manual_seed(0)
    model = build_model(ModelConfig(cell="lstm", hidden_size=hidden), seed=0)
    x = np.sin(np.linspace(0, 6, steps, dtype=np.float32))[:, None]
    return trace(model, x).layers[0][0]


def _figure(name: str, build) -> Figure:
    seconds = median_time(build, repeats=1 if QUICK else 3)
    mb = len(build().to_json()) / 1e6
    ok = mb < GOAL_MB and seconds < GOAL_BUILD_S
    return Figure(
        name,
        f"{mb:.2f} MB, built in {seconds:.3f} s",
        f"< {GOAL_MB:g} MB, < {GOAL_BUILD_S:g} s",
        ok,
    )


def figures_section() -> list[Figure]:
    out = []
    for hidden, steps in ((32, 30), (64, 100)):
        d = lstm_trace(hidden, steps)
        gp = figures.gate_panels(d)
        labels = [str(t) for t in range(steps)]
        out.append(
            _figure(
                f"hidden_fill {hidden}x{steps}",
                lambda d=d: figures.hidden_fill_animation(
                    d.h, inputs=np.zeros((len(d.h), 1), np.float32)
                ),
            )
        )
        out.append(
            _figure(
                f"gate_bars {hidden}x{steps}",
                lambda gp=gp, labels=labels: figures.gate_bars_animation(
                    gp, labels, ranges=figures.gate_ranges(gp, False)
                ),
            )
        )
    for hidden, steps in ((32, 30), (64, 100)):
        rng = np.random.default_rng(0)
        stack = np.tanh(rng.standard_normal((200, steps, hidden))).astype(np.float32)
        labels = [f"step {10 * k}" for k in range(200)]
        loss = np.geomspace(1.0, 0.01, 200).astype(np.float32)
        out.append(
            _figure(
                f"snapshot_heat 200x{hidden}x{steps}",
                lambda stack=stack, labels=labels, loss=loss: figures.snapshot_heatmap_animation(
                    stack, labels, loss=loss
                ),
            )
        )
    return out


# ---- report -------------------------------------------------------------------------
def header() -> list[str]:
    return [
        f"rnnviz app bench, {time.strftime('%Y-%m-%d %H:%M')}, torch {torch.__version__}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"
        f"{', QUICK' if QUICK else ''}",
        "Wall-clock seconds on a shared machine: expect 2-3x drift between runs. The "
        "throughput ratio is the median of rounds interleaved in this run.",
    ]


def main() -> None:
    sections = [("1-3. the app in Chromium", app_section), ("4. Inside figures", figures_section)]
    summary = []
    for title, run in sections:
        seconds, figs = timed(run)
        print_section(f"{title} ({seconds:.0f} s)", figs)
        summary += figs
    lines = [*header(), *(f.line() for f in summary)]
    print("\n== summary ==")
    print("\n".join(lines))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / "app.txt"
    with open(path, "a") as f:  # appended: keeps a history of runs to compare
        f.write("\n".join(lines) + "\n\n")
    print(f"(appended to {path})")


if __name__ == "__main__":
    main()
