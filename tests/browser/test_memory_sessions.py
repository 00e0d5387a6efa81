"""A class server gives back the memory of the sessions that end.

Over 10 cycles two browser contexts (two students) each open a session, upload a generated
15 MB CSV and close the tab. A closed session is a web of reference cycles that Streamlit's
collection after every run would free, but `runner.postScriptGC = false` (it starved the
training threads) leaves them to Python's collector, and Streamlit dropped a disconnected
session from its store without shutting it down, its uploads kept: the server grew by each
session's upload and data, for good. Here the server's RSS a minute after the last close
must be within MARGIN_MB of what it was a minute after cycle 2.

The server is this module's own (not the shared one), so no other test's sessions count.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from tests.browser.conftest import nav, opened, rss_until, served, wait_idle
from tests.browser.test_flow import SUCCESS, choose_upload, wait_for

CYCLES = 10
ROWS = 140_000  # x 12 columns: about 15 MB of CSV
# What the heap may keep after 16 more sessions of 15 MB each come and go: fragments and
# caches, not their data (without the fix the server grew by about 37 MB a session).
MARGIN_MB = 120
FREED_WITHIN = 60.0  # seconds after a close


def big_csv(seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    values = rng.normal(100, 15, (ROWS, 12)).round(3)
    dates = np.datetime64("2000-01-01T00:00") + np.arange(ROWS) * np.timedelta64(1, "h")
    head = "Time," + ",".join(f"Sensor{k}" for k in range(12))
    body = "\n".join(
        f"{d},{','.join(map(str, row))}" for d, row in zip(dates.astype(str), values, strict=True)
    )
    return (head + "\n" + body + "\n").encode()


@pytest.fixture(scope="module")
def server():
    """(base url, pid) of a server of this module's own."""
    with served("memory-server.log") as (url, proc):
        yield url, proc.pid


def _loaded(pg, name: str) -> bool:
    return any(name in text for text in pg.locator(SUCCESS).all_inner_texts())


def _cycle(browser, url: str, files: list) -> None:
    """Two students at once: open, upload, see it loaded, close the tab."""
    with (
        opened(browser, viewport={"width": 1400, "height": 900}) as a,
        opened(browser, viewport={"width": 1400, "height": 900}) as b,
    ):
        for pg in (a, b):
            pg.goto(url + "/")
            wait_idle(pg)
            nav(pg, "Data")
            choose_upload(pg)
        for pg, path in zip((a, b), files, strict=True):
            pg.locator(".st-key-data_upload input[type=file]").set_input_files(str(path))
        for pg, path in zip((a, b), files, strict=True):
            wait_for(
                pg, lambda pg=pg, path=path: _loaded(pg, path.name), 120, f"{path.name} to load"
            )
            wait_idle(pg)


@pytest.mark.timeout(900)  # 10 cycles and two one-minute waits: 4-5 min here
def test_closed_sessions_give_their_memory_back(browser, server, tmp_path):
    url, pid = server
    files = []
    for k in range(2):
        files.append(tmp_path / f"student{k}_sensors.csv")
        files[-1].write_bytes(big_csv(k))
    after_close, settled = [], {}
    for cycle in range(1, CYCLES + 1):
        _cycle(browser, url, files)
        closed = time.perf_counter()
        after_close.append(rss_until(pid, 0)[0])
        if cycle in (2, CYCLES):
            settled[cycle] = rss_until(pid, closed + FREED_WITHIN, every=2.0)
    base, last = settled[2][-1], settled[CYCLES][-1]
    print(
        f"\nRSS (MB) right after each cycle's close: {after_close}\n"
        f"a minute after cycle 2: {settled[2]}\na minute after cycle {CYCLES}: "
        f"{settled[CYCLES]}\ngrowth cycle 2 -> {CYCLES}: {last - base:+.0f} MB"
    )
    assert last <= base + MARGIN_MB, (
        f"{FREED_WITHIN:.0f} s after the last close the server holds {last:.0f} MB, "
        f"{last - base:.0f} MB more than after cycle 2 ({base:.0f} MB): the closed sessions' "
        f"uploads and data were not freed (right after each close: {after_close})"
    )
