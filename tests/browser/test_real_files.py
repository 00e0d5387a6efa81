"""In Chromium: a sensor file that writes -200 for a missing reading, uploaded as a user
would, draws its series without spikes to -200; keeping the codes brings them back."""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import screenshot, wait_charts, wait_idle
from tests.browser.test_flow import choose_upload, nav, one, upload, wait_for

SENSOR = Path(__file__).resolve().parent.parent / "data" / "real" / "sensor_minus200.csv"
# The lowest y of the first chart's traces as Plotly drew them (_fullData: decoded arrays).
LOWEST = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  if (!plot || !plot._fullData) return null;
  let low = Infinity;
  for (const trace of plot._fullData) {
    const ys = trace.y && trace.y.length !== undefined ? Array.from(trace.y) : [];
    for (const y of ys) if (y !== null && Number.isFinite(y) && y < low) low = y;
  }
  return Number.isFinite(low) ? low : null;
}"""


def _lowest(page):
    wait_charts(page)
    return page.evaluate(LOWEST)


def test_sensor_chart_has_no_spikes_to_the_code(page):
    nav(page, "Data")
    choose_upload(page)
    upload(page, SENSOR)
    text = one(page, "[data-testid='stAlertContentSuccess']").inner_text()
    assert SENSOR.name in text
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "-200 in 9 columns" in body and "read together as one time axis" in body
    low = wait_for(page, lambda: _lowest(page), 30, "the series chart")
    assert low > -2, f"the chart dips to {low}: the code was drawn as a value"
    screenshot(page, "real_sensor_codes_missing")
    page.locator(".st-key-keep_codes label").first.click()
    wait_idle(page)
    wait_for(page, lambda: (_lowest(page) or 0) <= -200, 30, "the kept codes in the chart")
    screenshot(page, "real_sensor_codes_kept")
