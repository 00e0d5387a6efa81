"""A class on one machine: two rnnviz servers behind HAProxy (deploy/haproxy.cfg).

Four browser contexts (four students) open the one HAProxy address. Each uploads its own CSV
(an upload is a separate HTTP request that only the server holding the session accepts:
this is what the SERVERID cookie's affinity protects), trains 2 epochs and sees only its own
data. Both servers must get sessions, and a context keeps its server across a reload.
Each server has one training slot, so with two students on a server one waits its turn in
the fair queue (rnnviz.server.train_queue) and starts by itself.

Skipped without haproxy on a laptop (apt-get install -y haproxy); a failure when CI=true.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from deploy.serve_class import render_config, start_haproxy
from tests.browser.conftest import (
    ARTIFACTS,
    _require_chromium,
    assert_no_exception,
    free_port,
    nav,
    page_text,
    require,
    start_server,
    stop_server,
    wait_healthy,
    wait_idle,
)
from tests.browser.test_flow import (
    SUCCESS,
    choose_upload,
    click,
    loaded_name,
    set_number,
    wait_for,
    workspace,
)
from tests.browser.test_sessions import series_csv

STUDENTS = {  # file name -> target column; no tab may show another's
    "anna_rainfall.csv": "Rainfall",
    "bo_shop_sales.csv": "Sales",
    "chen_river_level.csv": "Level",
    "dara_power_load.csv": "Load",
}
SHOWN = """() => [document.body.innerText,
    ...[...document.querySelectorAll('input, textarea')].map(e => e.value)].join('\\n')"""


def _require_haproxy() -> str:
    exe = shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None
    )
    require(
        exe is not None, "haproxy not found (apt-get install -y haproxy): the class test needs it"
    )
    return exe


@pytest.fixture(scope="module")
def class_url():
    """Two servers with one training slot each, and HAProxy in front: the front URL."""
    _require_chromium()
    _require_haproxy()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ports, front = [free_port(), free_port()], free_port()
    saved = os.environ.get("RNNVIZ_TRAINING_SLOTS")
    os.environ["RNNVIZ_TRAINING_SLOTS"] = "1"  # the servers inherit it
    procs = []
    try:
        for p in ports:
            procs.append(start_server(p, ARTIFACTS / f"class-server-{p}.log"))
        for p, proc in zip(ports, procs, strict=True):
            wait_healthy(f"http://127.0.0.1:{p}/_stcore/health", proc)
        # HAProxy writes to its log until it stops: the handle outlives this block
        log = open(ARTIFACTS / "class-haproxy.log", "w")  # noqa: SIM115
        haproxy = start_haproxy(render_config(front, ports), ARTIFACTS / "class-haproxy.cfg", log)
        procs.append(haproxy)
        wait_healthy(f"http://127.0.0.1:{front}/_stcore/health", haproxy)
        yield f"http://127.0.0.1:{front}"
    finally:
        if saved is None:
            os.environ.pop("RNNVIZ_TRAINING_SLOTS", None)
        else:
            os.environ["RNNVIZ_TRAINING_SLOTS"] = saved
        for proc in procs:
            stop_server(proc)


def server_of(context) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == "SERVERID"), None)


def foreign(page, own: str) -> list[str]:
    text = page.evaluate(SHOWN)
    return [
        f"{name} / {column}"
        for name, column in STUDENTS.items()
        if name != own and (name in text or re.search(rf"\b{column}\b", text))
    ]


def loaded(page, name: str) -> bool:
    return any(name in t for t in page.locator(SUCCESS).all_inner_texts())


def upload(page, path: Path) -> None:
    nav(page, "Data")
    choose_upload(page)
    page.locator(".st-key-data_upload input[type=file]").set_input_files(str(path))
    wait_for(page, lambda: loaded(page, path.name), 60, f"{path.name}: the upload to load")
    wait_idle(page)
    assert_no_exception(page)
    assert path.name in loaded_name(page), f"{path.name}: the Data page says {loaded_name(page)!r}"


def test_four_students_through_haproxy(browser, class_url, tmp_path):
    tabs = {}
    try:
        for i, (name, column) in enumerate(STUDENTS.items()):
            path = tmp_path / name
            path.write_bytes(series_csv(column, rows=300, seed=i, weekly=i % 2 == 1))
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            pg = context.new_page()
            pg.set_default_timeout(30_000)
            pg.goto(class_url + "/")
            wait_idle(pg)
            tabs[name] = (context, pg, path)
        servers = {name: server_of(ctx) for name, (ctx, _, _) in tabs.items()}
        assert all(servers.values()), f"HAProxy set no SERVERID cookie: {servers}"
        assert set(servers.values()) == {"s1", "s2"}, f"one server got every session: {servers}"

        for name, (_, pg, path) in tabs.items():
            upload(pg, path)  # fails without affinity: the upload reaches the other server
            assert not foreign(pg, name), f"{name}: the Data page shows {foreign(pg, name)}"
            nav(pg, "Train")
            set_number(pg, "epochs", 2)
        for _, pg, _ in tabs.values():  # all at once: one per server waits its turn
            click(pg, "train", settle=False)
        for name, (_, pg, _) in tabs.items():
            wait_for(
                pg, lambda pg=pg: "Finished" in page_text(pg), 180, f"{name}: training to finish"
            )
            wait_idle(pg)
            assert_no_exception(pg)
            assert name in workspace(pg, "Data"), f"{name}: sidebar says {workspace(pg, 'Data')}"
            assert not foreign(pg, name), f"{name}: the Train page shows {foreign(pg, name)}"

        for name, (ctx, pg, _) in tabs.items():  # a reload keeps the tab on its server
            pg.reload()
            wait_idle(pg)
            assert_no_exception(pg)
            assert server_of(ctx) == servers[name], f"{name} moved from {servers[name]}"
        name, (_, pg, path) = next(iter(tabs.items()))
        upload(pg, path)  # a new session after the reload, on the same server: uploads work
    finally:
        for ctx, _, _ in tabs.values():
            ctx.close()
