"""In Chromium: Predict and the sidebar follow a training run to its end by themselves.

Load the sample, start a short run, open Predict while it trains, then wait without any
navigation: the sidebar's step count moves, it says done, and Predict draws its results.
Screenshots: tests/artifacts/live_*.png."""

from __future__ import annotations

import re

from tests.browser.conftest import (
    ARTIFACTS,
    assert_no_exception,
    nav,
    page_text,
    screenshot,
    wait_charts,
)
from tests.browser.test_flow import (
    click,
    load_sample,
    set_number,
    training_state,
    wait_for,
    workspace,
)

EPOCHS = 40  # long enough to reach Predict while it trains, short enough to wait for


def _step(page) -> int:
    m = re.search(r"step ([\d,]+)/", workspace(page, "Training"))
    return int(m.group(1).replace(",", "")) if m else -1


def test_predict_and_the_sidebar_reach_the_end_of_a_run_by_themselves(page):
    load_sample(page)
    nav(page, "Train")
    set_number(page, "epochs", EPOCHS)
    click(page, "train", settle=False)
    wait_for(page, lambda: _step(page) > 0, 30, "the first training step")
    nav(page, "Predict", settle=False)
    assert training_state(page) == "running", "the run ended before Predict opened"
    assert "Training is running" in page_text(page)
    first = _step(page)
    # No clicks from here on: the page and the sidebar must move by themselves.
    wait_for(
        page,
        lambda: page.locator("[data-testid='stProgress']").count(),
        10,
        "Predict's live progress line",
    )
    page.screenshot(path=str(ARTIFACTS / "live_01_predict_running.png"))  # the viewport: quick
    wait_for(page, lambda: _step(page) > first, 20, "the sidebar's step count to move")
    wait_for(page, lambda: training_state(page) == "done", 240, "the sidebar to say done")
    wait_for(
        page,
        lambda: "RMSE" in page_text(page) and page.locator(".st-key-typed_sequence input").count(),
        60,
        "Predict to draw its results",
    )
    assert "Training is running" not in page_text(page)
    wait_charts(page)
    assert_no_exception(page)
    screenshot(page, "live_02_predict_done")
