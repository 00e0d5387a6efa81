"""The workspace survives a reload, a dropped connection and a server restart (real Chromium).

Each test runs its own server with its own store folder (RNNVIZ_STORE), so what one saves
no other test sees. Training uses the quick start (the temperature sample, an LSTM) with a
few epochs; the store is then read through the page a user sees: the sidebar's summary,
the Train page's step count, the address.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager

import pytest

from tests.browser.conftest import (
    assert_no_exception,
    nav,
    opened,
    page_text,
    screenshot,
    served,
    wait_idle,
)
from tests.browser.test_flow import (
    SAMPLE_TITLE,
    button,
    click,
    set_number,
    training_state,
    wait_for,
    workspace,
)

PAGES = ("Home", "Data", "Model", "Train", "Inside", "Predict", "Compare", "Lab")
VIEW = {"viewport": {"width": 1400, "height": 900}}


@contextmanager
def server(monkeypatch, folder, log: str, **env):
    monkeypatch.setenv("RNNVIZ_STORE", str(folder))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with served(log) as (url, proc):
        yield url


def steps(pg) -> str:
    """The Train page's "step N/M" of the run (the sidebar gives its state)."""
    m = re.search(r"step ([\d,]+)/([\d,]+)", page_text(pg))
    return m.group(0) if m else "(no step shown)"


def shown_steps(pg, timeout: float = 20) -> str:
    """The step line once the Train page has drawn it: the sidebar draws before the main
    column, so on a loaded machine "idle" can come between the two."""
    wait_for(pg, lambda: steps(pg) != "(no step shown)", timeout, "the step line", fail=False)
    return steps(pg)


def trained(pg, url: str, epochs: int = 3) -> str:
    """Quick start, train `epochs` epochs to the end; returns the Train page's step line."""
    pg.goto(url + "/")
    wait_idle(pg)
    button(pg, "quick_start").click()
    pg.wait_for_timeout(300)
    wait_idle(pg)
    set_number(pg, "epochs", epochs)
    click(pg, "train", settle=False)
    wait_for(pg, lambda: training_state(pg) == "done", 90, "training to finish")
    wait_idle(pg)
    return shown_steps(pg)


def reload(pg) -> None:
    pg.reload()
    wait_idle(pg)


def cookie(pg) -> str | None:
    found = [c["value"] for c in pg.context.cookies() if c["name"] == "rnnviz_id"]
    return found[0] if found else None


def test_reload_keeps_data_run_and_page_on_every_page(browser, monkeypatch, tmp_path):
    with (
        server(monkeypatch, tmp_path / "store", "reload.log") as url,
        opened(browser, **VIEW) as pg,
    ):
        done = trained(pg, url)
        assert cookie(pg) and re.fullmatch(r"[A-Za-z0-9_-]{32}", cookie(pg))
        assert "rnnviz_id" not in pg.url and cookie(pg) not in pg.url  # never in the link
        before = {f: workspace(pg, f) for f in ("Data", "Model", "Training")}
        # The cookie's script draws nothing and leaves no gap in the sidebar.
        gap = pg.evaluate("""() => [...document.querySelectorAll(
            "[data-testid='stSidebar'] [data-testid='stElementContainer']")]
            .filter(e => e.querySelector("[data-testid='stHtml']"))
            .map(e => e.getBoundingClientRect().height)""")
        assert gap and max(gap) < 1, gap
        for label in PAGES:
            nav(pg, label)
            address = pg.url
            reload(pg)
            assert pg.url == address, f"{label}: the reload opened {pg.url}"
            assert_no_exception(pg)
            for field, text in before.items():
                assert workspace(pg, field) == text, f"{label}: {field} after a reload"
            screenshot(pg, f"reload_{label.lower()}")
        nav(pg, "Train")
        assert shown_steps(pg) == done, f"Train shows {steps(pg)}, trained {done}"
        assert "restored" in page_text(pg) or "Train" in page_text(pg)


def test_restart_between_visits_keeps_the_work(browser, monkeypatch, tmp_path):
    folder = tmp_path / "store"
    with opened(browser, **VIEW) as pg:
        with server(monkeypatch, folder, "restart_1.log") as url:
            done = trained(pg, url)
            data = workspace(pg, "Data")
        with server(monkeypatch, folder, "restart_2.log") as url2:  # another port, same folder
            pg.goto(url2 + "/train")
            wait_idle(pg)
            screenshot(pg, "reload_after_restart")
            assert workspace(pg, "Data") == data
            assert training_state(pg) == "done"
            assert shown_steps(pg) == done
            assert "restored" in page_text(pg)


def test_two_browsers_never_see_each_other(browser, monkeypatch, tmp_path):
    with (
        server(monkeypatch, tmp_path / "store", "isolated.log") as url,
        opened(browser, **VIEW) as a,
        opened(browser, **VIEW) as b,
    ):
        trained(a, url)
        b.goto(url + "/train")
        wait_idle(b)
        assert "none yet" in workspace(b, "Data") and "not started" in workspace(b, "Training")
        assert cookie(b) and cookie(b) != cookie(a)
        # A forged cookie (someone else's id guessed wrong, or a path) gives a fresh start.
        for forged in ("../../etc/passwd", "x" * 32, "", "A" * 500):
            b.context.add_cookies([{"name": "rnnviz_id", "value": forged, "url": url}])
            reload(b)
            assert_no_exception(b)
            assert "none yet" in workspace(b, "Data"), forged


def test_a_copied_link_brings_settings_only(browser, monkeypatch, tmp_path):
    with (
        server(monkeypatch, tmp_path / "store", "link.log") as url,
        opened(browser, **VIEW) as a,
        opened(browser, **VIEW) as b,
    ):
        trained(a, url)
        link = a.url
        assert "s=temperature" in link
        b.goto(link)
        wait_idle(b)
        assert SAMPLE_TITLE in workspace(b, "Data")  # the link's sample and settings
        assert "not started" in workspace(b, "Training")  # never the sharer's run


def test_two_tabs_share_the_last_save(browser, monkeypatch, tmp_path):
    """Two tabs of one browser: each works on its own copy, the later save wins, and a
    reload opens the last one saved (its run; the address's settings apply on top)."""
    with server(monkeypatch, tmp_path / "store", "tabs.log") as url, opened(browser, **VIEW) as a:
        first = trained(a, url)
        b = a.context.new_page()
        b.set_default_timeout(30_000)
        b.goto(url + "/train")
        wait_idle(b)
        assert training_state(b) == "done" and shown_steps(b) == first  # the new tab: the last save
        set_number(b, "epochs", 5)
        click(b, "train", settle=False)  # tab B trains a new run
        wait_for(
            b,
            lambda: training_state(b) == "done" and steps(b) not in (first, "(no step shown)"),
            90,
            "tab B's run to finish",
        )
        wait_idle(b)
        second = steps(b)
        nav(a, "Train")
        assert shown_steps(a) == first  # tab A keeps its own copy meanwhile
        reload(a)
        nav(a, "Train")
        assert shown_steps(a) == second, "a reload opens the later save (tab B's run)"


def test_forget_my_work(browser, monkeypatch, tmp_path):
    with (
        server(monkeypatch, tmp_path / "store", "forget.log") as url,
        opened(browser, **VIEW) as pg,
    ):
        trained(pg, url)
        old = cookie(pg)
        click(pg, "forget_work")
        assert "none yet" in workspace(pg, "Data")
        screenshot(pg, "reload_forgotten")
        reload(pg)
        assert "none yet" in workspace(pg, "Data")
        assert cookie(pg) != old


def test_expiry_and_cap(browser, monkeypatch, tmp_path):
    """A short idle time forgets the work; a cap smaller than one run refuses to save it,
    once, while training goes on."""
    hours = f"{3 / 3600:.6f}"  # three seconds
    with (
        server(monkeypatch, tmp_path / "a", "expiry.log", RNNVIZ_STORE_IDLE_HOURS=hours) as url,
        opened(browser, **VIEW) as pg,
    ):
        trained(pg, url, epochs=1)
        time.sleep(4)
        reload(pg)  # the address still brings the sample's settings, never the run
        assert "not started" in workspace(pg, "Training")
        assert "restored" not in page_text(pg)
    with (
        server(monkeypatch, tmp_path / "b", "cap.log", RNNVIZ_STORE_MAX_MB="0.001") as url,
        opened(browser, **VIEW) as pg,
    ):
        trained(pg, url, epochs=1)
        assert training_state(pg) == "done"  # training went on
        toasts = pg.locator("[data-testid='stToast']").filter(has_text="could not be saved")
        wait_for(pg, lambda: toasts.count() == 1, 10, "the refusal's toast")
        screenshot(pg, "reload_refused")
        nav(pg, "Data")
        nav(pg, "Train")
        assert toasts.count() == 1  # said once, not on every run
        reload(pg)
        assert "not started" in workspace(pg, "Training")


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
