"""Browser end-to-end fixtures: a real `streamlit run` server and a Chromium page.

The browser is Debian's chromium (/usr/bin/chromium); Playwright's own browser download
is not used. Without it these tests skip on a laptop, but fail when CI=true.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

# The server, browser and /proc helpers live in bench/ (the benchmarks use them too);
# they are imported here so the browser tests keep importing them from this module.
from bench.procs import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE,
    ROOT,
    cpu_rate,
    cpu_seconds,
    descendants,
    find_server_pid,
    free_port,
    launch_browser,
    rss_mb,
    start_server,
    stop_server,
    thread_cpu_seconds,
    tree_cpu_seconds,
    wait_healthy,
    wait_idle,
)

ARTIFACTS = ROOT / "tests" / "artifacts"


def require(found: bool, msg: str) -> None:
    """Skip on a laptop without a program the test drives; in CI (where .ci/run installs
    it) fail instead, so a missing install never passes as a skip."""
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(msg + ": it must run in CI (.ci/run installs it)", pytrace=False)
    pytest.skip(msg)


def _require_chromium() -> None:
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} not found (apt-get install -y chromium)")


@contextmanager
def opened(browser, **context_options):
    """A page in a new browser context with the tests' timeout; the context is closed on
    the way out, whatever the test did."""
    context = browser.new_context(**context_options)
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        yield pg
    finally:
        context.close()


@contextmanager
def served(log_name: str):
    """(base url, process) of a new app server on a free loopback port, logging to
    tests/artifacts/<log_name>; stopped on leaving."""
    _require_chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = start_server(port, ARTIFACTS / log_name)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def base_url():
    with served("server.log") as (url, _proc):
        yield url


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_browser(pw)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh tab (a fresh Streamlit session) on the Home page."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(base_url + "/")
    wait_idle(pg)
    yield pg
    context.close()


# ---- helpers --------------------------------------------------------------------------
def assert_no_exception(page) -> None:
    boxes = page.locator("[data-testid='stException']")
    if boxes.count():
        raise AssertionError("exception box on the page:\n" + boxes.first.inner_text())


CONTENT_HEIGHT = """() => Math.max(...['stMain', 'stSidebarContent'].map(id => {
    const e = document.querySelector(`[data-testid='${id}']`); return e ? e.scrollHeight : 0; }))"""


def screenshot(page, name: str) -> Path:
    """The whole page. Streamlit scrolls inside stMain, so full_page alone gives only the
    viewport: the viewport is stretched to the content's height for the shot."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = min(12_000, max(size["height"], page.evaluate(CONTENT_HEIGHT)))
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(700)  # charts relayout to the new size
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


def nav(page, label: str, settle: bool = True) -> None:
    """Go to a page through the sidebar link (keeps the session, unlike page.goto)."""
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=label).first.click()
    page.wait_for_timeout(300)
    wait_idle(page, settle=settle)


def wait_charts(page, timeout: float = 30.0) -> int:
    """Wait until every st.plotly_chart has been drawn by plotly.js (the library loads
    lazily: the first chart of a session can take seconds); returns how many."""
    js = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
        .every(c => c.querySelector('.js-plotly-plot .main-svg'))"""
    page.wait_for_function(js, timeout=timeout * 1000)
    return page.locator("[data-testid='stPlotlyChart']").count()


def page_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


# ---- several sessions, and the server process as the OS sees it -----------------------
@pytest.fixture
def new_session(browser, base_url):
    """A factory of fresh tabs, each in its own browser context (its own cookies, its own
    Streamlit session) on the Home page. Contexts still open at the end are closed."""
    contexts = []

    def open_session():
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        pg.goto(base_url + "/")
        wait_idle(pg)
        return pg

    yield open_session
    for context in contexts:
        with suppress(Exception):  # already closed by the test
            context.close()


@pytest.fixture(scope="session")
def server_pid(base_url) -> int:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs Linux /proc to read the server's CPU time")
    return find_server_pid(base_url)


# ---- a client of one's own: raw messages, as a crafted client would send them ----------
def send_backmsg(base_url: str, msg, linger: float = 0.5) -> None:
    """Send one streamlit BackMsg over a WebSocket of its own (a new session of the server).

    What a browser adds is left out on purpose: Streamlit accepts a WebSocket without an
    Origin header (non-browser clients send none), and the XSRF token in the subprotocol
    only guards the login cookie, so the "streamlit" subprotocol is all it takes. The
    server handles a connection's messages in order before its close: `linger` only
    leaves time for its log line."""
    from websockets.sync.client import connect

    url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    with connect(url, subprotocols=["streamlit"], open_timeout=10) as ws:
        ws.send(msg.SerializeToString())
        time.sleep(linger)


def log_lines(path: Path, text: str) -> list[str]:
    """The lines of a server's log that contain `text`."""
    return [line for line in path.read_text(errors="replace").splitlines() if text in line]


def rss_until(pid: int, until: float, every: float = 1.0) -> list[float]:
    """The process's RSS in MB, read every `every` seconds until time.perf_counter()
    reaches `until` (one reading at least)."""
    readings = [round(rss_mb(pid) or 0.0, 1)]
    while time.perf_counter() + every <= until:
        time.sleep(every)
        readings.append(round(rss_mb(pid) or 0.0, 1))
    return readings
