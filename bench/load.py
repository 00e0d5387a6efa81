"""Load: several students at once on one server, in one Chromium with a context each.

Each session uploads its own CSV (its own file name and column), opens the Train page and
waits for the others; then all press Train together and train for a fixed window, watching
the live progress as a student would. Each checks that its pages never show another
session's file or column, then every tab closes with its job still running (so the
server's CPU afterwards shows whether every training thread was stopped).

Figures: foreign data seen (must be 0); training speed per session, read from the progress
text ("... · N samples/s · ...", the job's average since it started) and the steps it
reached; where the CPU went while the jobs trained (training threads, the server's other
threads, the browser); the server's VmRSS sampled every 0.5 s: cold, warm (after one solo
session), at peak, and 20 s after every tab closed. A solo session runs first: it warms
the server (imports, first page runs) and gives the speed of one session alone.

Prints a table and appends it to bench/out/load.txt. Traffic goes only to 127.0.0.1.
Note: the browser runs on the server's machine here; in class it runs on the students'.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import statistics
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from bench.common import OUT_DIR, QUICK, Figure, print_section
from bench.procs import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE,
    cpu_seconds,
    free_port,
    rss_mb,
    start_server,
    stop_server,
    thread_cpu_seconds,
    tree_cpu_seconds,
    wait_healthy,
)

SESSIONS = 3 if QUICK else 8
# Jobs are sized to outlast the window on any machine (1,800 steps), so every job trains
# through all of it, the CPU split finds each job's thread alive at its end, and the tabs
# close on running jobs. Speeds are the jobs' averages within the window.
EPOCHS = 200
ROWS = 800  # ~540 training windows of 30 steps: 9 batches of 64 per epoch
SOLO_LIMIT_S = 50.0  # the solo session until it presses Train
LOAD_LIMIT_S = 100.0  # the concurrent sessions until they press Train (stragglers go without)
SOLO_WINDOW_S = 10.0  # training watched, solo
LOAD_WINDOW_S = 45.0  # training watched, all sessions at once
AFTER_CLOSE_S = 20.0  # memory watched after every context closed
SESSION_TTL_S = 120.0  # Streamlit's server.disconnectedSessionTTL (its default)
SAMPLE_EVERY_S = 0.5
MAX_SAMPLES = 1600  # 13 minutes of samples at most, whatever happens

SUCCESS = "[data-testid='stAlertContentSuccess']"
SPINNER = "[data-testid='stSpinner']"
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"
MAIN_TEXT = "() => document.querySelector(\"[data-testid='stMain']\")?.innerText ?? ''"
SIDEBAR_TEXT = "() => document.querySelector(\"[data-testid='stSidebar']\")?.innerText ?? ''"
SHOWN = """() => [document.body.innerText,
    ...[...document.querySelectorAll('input, textarea')].map(e => e.value)].join('\\n')"""
PROGRESS = re.compile(r"step ([\d,]+)/([\d,]+) · ([\d,]+) samples/s")
COLUMNS = [
    "oslo_temp",
    "lima_sales",
    "kyiv_rain",
    "pune_load",
    "baku_price",
    "nice_visits",
    "bern_flow",
    "cork_wind",
    "solo_level",
]


def _int(s: str) -> int:
    return int(s.replace(",", ""))


@dataclass
class User:
    index: int
    column: str
    file: str
    data: bytes
    trained: bool = False  # got through the training window
    own_data: bool | None = None  # its file on the Data page and in the sidebar, its column
    foreign: list[str] = field(default_factory=list)
    step: int = 0  # steps reached in the window
    steps: int = 0  # the run's total steps (EPOCHS took effect when equal for all)
    rate: float | None = None  # samples/s: the job's average since it started
    finished: bool = False
    phases: dict[str, float] = field(default_factory=dict)  # seconds since the session began
    error: str = ""


def make_user(index: int) -> User:
    column = COLUMNS[index]
    rng = np.random.default_rng(index)
    t = np.arange(ROWS)
    values = (
        50
        + 10 * index
        + 8 * np.sin(2 * np.pi * t / (20 + 7 * index))
        + 0.01 * index * t
        + rng.normal(0, 1.5, ROWS)
    )
    dates = (np.datetime64("2020-01-01") + t).astype(str)
    lines = [f"Date,{column}", *(f"{d},{v:.2f}" for d, v in zip(dates, values, strict=True))]
    return User(index, column, f"user{index}_{column}.csv", ("\n".join(lines) + "\n").encode())


# ---- the server's memory, sampled in a thread; where the CPU goes -------------------------
class RssSampler:
    def __init__(self, pid: int):
        self.pid, self.t0 = pid, time.perf_counter()
        self.samples: list[tuple[float, float]] = []  # (seconds since start, MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set() and len(self.samples) < MAX_SAMPLES:
            mb = rss_mb(self.pid)
            if mb is None:
                return
            self.samples.append((time.perf_counter() - self.t0, mb))
            self._stop.wait(SAMPLE_EVERY_S)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def between(self, start: float, end: float = float("inf")) -> list[float]:
        return [mb for t, mb in self.samples if start <= t <= end]


def thread_count(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("Threads:"))


class CpuSplit:
    """CPU-s/s between begin() and end(): the server's threads that started after begin()
    and lived to end() (the training jobs), its other threads (script runs, the event
    loop), and the browser (every process this bench started but the server)."""

    def __init__(self, server_pid: int):
        self.server = server_pid
        self.t0 = self.t1 = 0.0
        self.split: dict[str, float] = {}

    def _browser_cpu(self) -> float:
        return tree_cpu_seconds(os.getpid(), exclude={self.server})

    def begin(self) -> None:
        self.t0, self.before = time.perf_counter(), thread_cpu_seconds(self.server)
        self.browser0, self.server0 = self._browser_cpu(), cpu_seconds(self.server)

    def end(self) -> None:
        if not self.t0 or self.t1:
            return
        self.t1, after = time.perf_counter(), thread_cpu_seconds(self.server)
        seconds = self.t1 - self.t0
        jobs = sum(v for tid, v in after.items() if tid not in self.before)
        server = cpu_seconds(self.server) - self.server0
        self.split = {
            "seconds": seconds,
            "jobs": jobs / seconds,
            "server other": (server - jobs) / seconds,
            "browser": (self._browser_cpu() - self.browser0) / seconds,
        }


class StartLine:
    """The sessions press Train together, so that the speeds are those of N jobs at once;
    at `latest` the ones ready go without the stragglers. The CPU split starts there."""

    def __init__(self, n: int, latest: float, cpu: CpuSplit):
        self.n, self.ready, self.latest, self.cpu = n, 0, latest, cpu
        self.go = asyncio.Event()

    def _release(self) -> None:
        if not self.go.is_set():
            self.cpu.begin()
            self.go.set()

    async def wait(self) -> None:
        self.ready += 1
        if self.ready >= self.n:
            self._release()
        try:
            await asyncio.wait_for(self.go.wait(), max(0.0, self.latest - time.perf_counter()))
        except TimeoutError:
            self._release()


# ---- one session, driven through the async Playwright API -------------------------------
async def wait_idle(page, timeout: float = 60.0) -> None:
    """As conftest.wait_idle: notRunning twice, 0.3 s apart, with no spinner."""
    await page.wait_for_selector(IDLE, timeout=timeout * 1000)
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for _ in range(2):
            if not await page.locator(IDLE).count() or await page.locator(SPINNER).count():
                break
            await page.wait_for_timeout(300)
        else:
            return
        await page.wait_for_timeout(100)
    raise TimeoutError(f"the app was still busy after {timeout:.0f} s")


async def nav(page, label: str) -> None:
    await page.locator("[data-testid='stSidebarNav'] a").filter(has_text=label).first.click()
    await page.wait_for_timeout(300)
    await wait_idle(page)


async def upload(page, user: User) -> None:
    await nav(page, "Data")
    await page.locator(".st-key-data_source button").filter(has_text="Upload").click()
    await page.wait_for_timeout(300)
    await wait_idle(page)
    box = page.locator(".st-key-data_upload input[type=file]")
    await box.wait_for(state="attached")
    await box.set_input_files(
        files=[{"name": user.file, "mimeType": "text/csv", "buffer": user.data}]
    )
    await page.locator(SUCCESS).filter(has_text=user.file).wait_for(timeout=60_000)
    await wait_idle(page)


async def set_epochs(page) -> None:
    box = page.locator(".st-key-epochs input")
    await box.fill(str(EPOCHS))
    await box.press("Enter")
    # Train's callback gets the settings of the run that drew the button: wait for the rerun
    # that the new value starts (it may also be over before this looks), then for its end.
    with contextlib.suppress(Exception):
        await page.wait_for_selector(RUNNING, timeout=5_000)
    await wait_idle(page)
    if await box.input_value() != str(EPOCHS):
        raise RuntimeError(f"the epochs box shows {await box.input_value()}")


async def watch_training(page, user: User, window: float, cpu: CpuSplit) -> None:
    """Read the progress line about once a second until the job finishes or the window
    ends; the CPU split ends with the first session's window."""
    end = time.perf_counter() + window
    while time.perf_counter() < end:
        text = await page.evaluate(MAIN_TEXT)  # one read: the fragment redraws twice a second
        if m := PROGRESS.search(text):
            user.step, user.steps, user.rate = _int(m.group(1)), _int(m.group(2)), _int(m.group(3))
        if "Finished" in text and m:
            user.finished = True
            break
        await page.wait_for_timeout(1000)
    cpu.end()


def foreign_names(text: str, me: User, users: list[User]) -> list[str]:
    return sorted({x for u in users if u is not me for x in (u.file, u.column) if x in text})


async def session(
    browser, url: str, user: User, everyone: list[User], start: StartLine, window: float
):
    """Upload, check, train for the window, check again. Returns the context, still open."""
    t0 = time.perf_counter()
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(60_000)

    def mark(what: str) -> None:
        user.phases[what] = round(time.perf_counter() - t0, 1)

    try:
        await page.goto(url + "/")
        await wait_idle(page)
        await upload(page, user)
        mark("uploaded")
        data_text = await page.evaluate(MAIN_TEXT)
        column = await page.locator(".st-key-target_col input").input_value()
        seen = await page.evaluate(SHOWN)
        await nav(page, "Train")
        await set_epochs(page)
        mark("ready")
        await start.wait()
        await page.locator(".st-key-train button").first.click()
        mark("pressed")
        await watch_training(page, user, window, start.cpu)
        seen += await page.evaluate(SHOWN)
        sidebar = await page.evaluate(SIDEBAR_TEXT)
        user.foreign = foreign_names(seen, user, everyone)
        user.own_data = (
            f"Loaded: {user.file}" in data_text and column == user.column and user.file in sidebar
        )
        user.trained = True
    except Exception as exc:  # a figure, not a crash: report what each session got to
        user.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
        with contextlib.suppress(Exception):
            await page.screenshot(path=str(OUT_DIR / f"load_failed_{user.index}.png"))
    return context


async def run_sessions(
    url: str, users: list[User], everyone: list[User], limit: float, window: float, cpu: CpuSplit
) -> float:
    """Run the users' sessions at once, then close every context (jobs still running).
    Returns the time of the close. `everyone`: whose files and columns count as foreign."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            start = StartLine(len(users), time.perf_counter() + limit, cpu)
            tasks = [
                asyncio.wait_for(
                    session(browser, url, u, everyone, start, window), limit + window + 30
                )
                for u in users
            ]
            contexts = await asyncio.gather(*tasks, return_exceptions=True)
            for u, c in zip(users, contexts, strict=True):
                if isinstance(c, BaseException) and not u.error:
                    u.error = f"{type(c).__name__} (over {limit + window + 30:.0f} s)"
            closed_at = time.perf_counter()
            for c in contexts:
                if not isinstance(c, BaseException):
                    await c.close()  # the tabs close: the sessions disconnect
            return closed_at
        finally:
            await browser.close()


# ---- report -------------------------------------------------------------------------------
def _split(split: dict[str, float]) -> str:
    if not split:
        return "not measured"
    return (
        f"jobs {split['jobs']:.2f}, server other {split['server other']:.2f}, browser "
        f"{split['browser']:.2f} ({split['seconds']:.0f} s)"
    )


def table(users: list[User]) -> list[str]:
    rows = [
        f"{'session':<8} {'file':<26} {'own data':<8} {'foreign':<8} {'steps':>9} "
        f"{'samples/s':>9}  {'ready/pressed s':<16} error"
    ]
    for u in users:
        own = {True: "yes", False: "NO", None: "-"}[u.own_data]
        steps = f"{u.step}/{u.steps}" + ("*" if u.finished else "")
        rate = f"{u.rate:,.0f}" if u.rate is not None else "-"
        times = f"{u.phases.get('ready', '-')}/{u.phases.get('pressed', '-')}"
        rows.append(
            f"{u.index:<8} {u.file:<26} {own:<8} {len(u.foreign):<8} {steps:>9} "
            f"{rate:>9}  {times:<16} {u.error}"
        )
    return rows


def main() -> None:
    if not os.path.exists(CHROMIUM):
        print(f"skipped: {CHROMIUM} not found")
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = start_server(port, OUT_DIR / "load_server.log")
    url = f"http://127.0.0.1:{port}"
    solo, users = make_user(len(COLUMNS) - 1), [make_user(i) for i in range(SESSIONS)]
    everyone = [solo, *users]
    load_avg = os.getloadavg()[0]
    solo_cpu, cpu = CpuSplit(proc.pid), CpuSplit(proc.pid)
    try:
        wait_healthy(url + "/_stcore/health", proc)
        with RssSampler(proc.pid) as rss:
            cold = rss_mb(proc.pid)
            asyncio.run(run_sessions(url, [solo], everyone, SOLO_LIMIT_S, SOLO_WINDOW_S, solo_cpu))
            time.sleep(3)
            warm_t, warm, threads_warm = rss.now(), rss_mb(proc.pid), thread_count(proc.pid)
            closed_at = asyncio.run(
                run_sessions(url, users, everyone, LOAD_LIMIT_S, LOAD_WINDOW_S, cpu)
            )
            closed_t = rss.now() - (time.perf_counter() - closed_at)
            time.sleep(max(0.0, AFTER_CLOSE_S - 5))
            cpu1, t1 = cpu_seconds(proc.pid), time.perf_counter()
            time.sleep(5)
            idle_cpu = (cpu_seconds(proc.pid) - cpu1) / (time.perf_counter() - t1)
            final, threads_final = rss_mb(proc.pid), thread_count(proc.pid)
            # A second class of the same size: memory that grows again would be a leak
            # (models or threads kept per session); memory that levels off is the heap.
            again = [make_user(i) for i in range(SESSIONS)]
            asyncio.run(
                run_sessions(
                    url, again, [solo, *again], LOAD_LIMIT_S, SOLO_WINDOW_S, CpuSplit(proc.pid)
                )
            )
            time.sleep(AFTER_CLOSE_S)
            second, threads_second = rss_mb(proc.pid), thread_count(proc.pid)
            # Streamlit keeps a closed tab's session (its data and models) for
            # server.disconnectedSessionTTL seconds, in case the tab reconnects.
            time.sleep(max(0.0, SESSION_TTL_S + 10 - AFTER_CLOSE_S))
            expired = rss_mb(proc.pid)
        during = rss.between(warm_t, closed_t)
        all_mb = [mb for _, mb in rss.samples]
    finally:
        stop_server(proc)

    peak = max(during) if during else warm
    trained = [u for u in users if u.trained]
    rates = [u.rate for u in trained if u.rate is not None]
    foreign = sum(1 for u in everyone if u.foreign)
    lines = [
        f"# bench.load {time.strftime('%Y-%m-%d %H:%M')}: {SESSIONS} sessions at once, "
        f"LSTM 32 on {ROWS} rows ({EPOCHS} epochs asked), {LOAD_WINDOW_S:.0f} s of "
        f"training watched; load average {load_avg:.1f} on {os.cpu_count()} cores",
        *table([solo]),
        *table(users)[1:],
        "(steps: reached/total, * finished)",
    ]
    figures = [
        Figure(
            "sessions that trained",
            f"{len(trained)}/{SESSIONS}",
            f"{SESSIONS}/{SESSIONS}",
            len(trained) == SESSIONS,
        ),
        Figure("saw a foreign file/column", f"{foreign} session(s)", "0", foreign == 0),
        Figure(
            "saw their own data",
            f"{sum(bool(u.own_data) for u in trained)}/{len(trained)} that trained",
            "all",
            all(u.own_data for u in trained),
        ),
        Figure(
            "samples/s solo",
            f"{solo.rate or 0:,.0f} (step {solo.step}/{solo.steps} in {SOLO_WINDOW_S:.0f} s)",
        ),
        Figure(
            "samples/s each, concurrent",
            f"median {statistics.median(rates):,.0f} (min {min(rates):,.0f}, max "
            f"{max(rates):,.0f}); sum {sum(rates):,.0f}"
            if rates
            else "none",
        ),
        Figure("CPU-s/s, all training", _split(cpu.split)),
        Figure("CPU-s/s, solo training", _split(solo_cpu.split)),
        Figure(
            "server CPU 15-20 s after",
            f"{idle_cpu:.2f} CPU-s/s (tabs closed while training)",
            "< 0.05",
            idle_cpu < 0.05,
        ),
        Figure(
            "RSS cold / warm (MB)",
            f"{cold:.0f} / {warm:.0f} (warm: 3 s after the solo session closed)",
        ),
        Figure(
            "RSS during load (MB)",
            f"min {min(during):.0f} / peak {peak:.0f} / "
            f"+{peak - warm:.0f} over warm ({(peak - warm) / SESSIONS:.1f} per session)"
            if during
            else "no samples",
        ),
        Figure(
            "RSS 20 s after close (MB)",
            f"{final:.0f}: {final - warm:+.0f} vs warm, {peak - final:.0f} of the peak given back",
        ),
        Figure(
            "after a second round (MB)",
            f"{second:.0f}: {second - final:+.0f} vs after "
            f"the first ({SESSIONS} more sessions, {SOLO_WINDOW_S:.0f} s of training each)",
        ),
        Figure(
            "after the sessions expired (MB)",
            f"{expired:.0f}: {expired - warm:+.0f} vs "
            f"warm ({SESSION_TTL_S + 10:.0f} s after the second round closed)",
        ),
        Figure(
            "server threads",
            f"warm {threads_warm}, after the close {threads_final}, "
            f"after the second round {threads_second} (Streamlit's pools included)",
        ),
        Figure(
            "RSS samples",
            f"{len(all_mb)} every {SAMPLE_EVERY_S} s; whole run min "
            f"{min(all_mb):.0f} peak {max(all_mb):.0f} final {all_mb[-1]:.0f}",
        ),
    ]
    for line in lines:
        print(line)
    print_section("load", figures)
    with open(OUT_DIR / "load.txt", "a") as f:
        f.write("\n".join([*lines, *(fig.line() for fig in figures)]) + "\n\n")


if __name__ == "__main__":
    main()
