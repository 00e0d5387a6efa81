"""rnnviz in Chinese in a real browser: a zh-CN browser opens it in Chinese, every page
reads as Chinese with no missing-translation marker (figures included), the switch goes
back to English and the address keeps the choice. Screenshots: tests/artifacts/zh_*.png."""

from __future__ import annotations

import re

from rnnviz import i18n
from rnnviz.i18n import t
from tests.browser.conftest import (
    assert_no_exception,
    nav,
    opened,
    page_text,
    screenshot,
    wait_charts,
    wait_idle,
)
from tests.browser.test_flow import button, click, set_number, sidebar_text, wait_for

CJK = re.compile(r"[\u4e00-\u9fff]")
PAGES = ["home", "data", "model", "train", "inside", "predict", "compare", "lab"]
CHART_TEXT = """() => [...document.querySelectorAll('.js-plotly-plot .main-svg text')]
    .map(e => e.textContent).join('\\n')"""


def zh(key: str, **params) -> str:
    i18n.use("zh")
    try:
        return t(key, **params)
    finally:
        i18n.use("en")


def test_every_page_in_chinese(browser, base_url):
    with opened(browser, viewport={"width": 1400, "height": 900}, locale="zh-CN") as pg:
        pg.goto(base_url + "/")
        wait_idle(pg)
        assert zh("nav.data") in sidebar_text(pg), "a zh-CN browser did not open in Chinese"
        button(pg, "quick_start").click()  # the temperature sample and an LSTM, on Train
        pg.wait_for_timeout(300)
        wait_idle(pg)
        set_number(pg, "epochs", 2)
        click(pg, "train", settle=False)
        done = zh("state.done")
        wait_for(pg, lambda: done in sidebar_text(pg), 120, "training to finish")
        wait_idle(pg)
        for name in PAGES:
            nav(pg, zh(f"nav.{name}"))
            charts = pg.locator("[data-testid='stPlotlyChart']").count() and wait_charts(pg)
            assert_no_exception(pg)
            body = pg.locator("body").inner_text()
            assert "⟦" not in body, f"{name}: a missing translation: {body[body.index('⟦') :][:80]}"
            chinese = len(CJK.findall(page_text(pg)))
            assert chinese > 20, f"{name}: only {chinese} Chinese characters on the page"
            if charts:  # titles and axes drawn by plotly.js are Chinese too
                assert CJK.search(pg.evaluate(CHART_TEXT)), f"{name}: figures not in Chinese"
            screenshot(pg, f"zh_{name}")
        pg.locator(".st-key-lang label").filter(has_text="English").click()
        pg.wait_for_timeout(300)
        wait_idle(pg)
        assert "1 · Data" in sidebar_text(pg), "the switch did not turn the app to English"
        wait_for(pg, lambda: "lang=en" in pg.url, 10, "the address to carry lang=en")
