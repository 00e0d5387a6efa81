"""The Compare page runs a race, and the Lab shows the gradient figure, in a real browser."""

from __future__ import annotations

import time

from tests.browser.conftest import assert_no_exception, nav, screenshot, wait_idle
from tests.browser.test_flow import button, click, load_sample, set_number, wait_for


def test_compare_page_runs_a_race(page):
    load_sample(page)
    nav(page, "Compare")
    set_number(page, "race_steps", 20)
    click(page, "race_start", settle=False)
    wait_for(
        page,
        lambda: (
            page.locator("[data-testid='stAlertContentSuccess']")
            .filter(has_text="validation loss")
            .count()
            > 0
        ),
        240,
        "the race's winner sentence",
    )
    wait_idle(page)
    assert page.locator(".st-key-race_chart .js-plotly-plot").count() == 1
    assert_no_exception(page)
    screenshot(page, "10_compare_race")


def test_lab_shows_the_gradient_figure(page):
    nav(page, "Lab")
    page.get_by_role("tab", name="Vanishing").first.click()
    wait_idle(page)
    click(page, "lab_grad_run", settle=False)
    charts = page.locator("[class*='st-key-lab_grad_chart_'] .js-plotly-plot")
    wait_for(page, lambda: charts.count() >= 2, 240, "the RNN and LSTM gradient charts")
    assert_no_exception(page)
    screenshot(page, "11_lab_gradients")
    if not button(page, "lab_grad_stop").is_disabled():
        button(page, "lab_grad_stop").click()
    time.sleep(1)
    assert_no_exception(page)
