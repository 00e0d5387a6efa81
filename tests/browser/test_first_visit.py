"""A shared link opened as a server's very first visit still runs through app.py."""

from __future__ import annotations

from tests.browser.conftest import (
    ARTIFACTS,
    _require_chromium,
    free_port,
    start_server,
    stop_server,
    wait_healthy,
    wait_idle,
)


def test_a_deep_link_as_the_first_visit_restores_its_settings(browser):
    """Streamlit runs a page alone (no navigation, no link restored) until some session
    has run st.navigation; the first visitor after a restart must not get that."""
    _require_chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = start_server(port, ARTIFACTS / "first_visit_server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base + "/_stcore/health", proc)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(base + "/data?s=bitcoin&t=Close&f=Open,Close&w=10")
        wait_idle(page)
        page.wait_for_selector("text=Bitcoin daily prices", timeout=30_000)
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "1 · Data" in nav and "app" not in nav.split()  # app.py's navigation
        page.wait_for_selector("text=steps of 2 feature", timeout=30_000)
        assert "w=10" in page.url and "s=bitcoin" in page.url
        context.close()
    finally:
        stop_server(proc)
