"""The names sample end to end in Chromium, as a user walks it: Data -> Model -> Train one
epoch -> Inside -> Predict (the three accuracies, a typed name, once in Chinese) ->
Compare (a 5 s race). No exception box on any page; screenshots: tests/artifacts/names_*.png.
"""

from __future__ import annotations

import csv
import time

from rnnviz.i18n import t
from tests.browser.conftest import (
    ROOT,
    assert_no_exception,
    nav,
    opened,
    page_text,
    screenshot,
    wait_charts,
    wait_idle,
)
from tests.browser.test_flow import (
    button,
    click,
    loaded_name,
    one,
    set_number,
    sidebar_text,
    training_state,
    wait_for,
)

SAMPLE = "names-18-languages.csv"
METRIC_LABELS = "[data-testid='stMetric'] [data-testid='stMetricLabel']"
TIMES: dict[str, object] = {}  # printed at the end (seen with -s)


def classes() -> set[str]:
    with open(ROOT / "sample_data" / SAMPLE, newline="", encoding="utf-8") as f:
        return {row["language"] for row in csv.DictReader(f)}


def labels(page) -> list[str]:
    return [s.strip() for s in page.locator(METRIC_LABELS).all_inner_texts()]


def chart_count(page, key: str) -> int:
    """Traces plotly.js has drawn in the chart with that Streamlit key (0: not drawn)."""
    return page.evaluate(
        """k => { const p = document.querySelector(`.st-key-${k} .js-plotly-plot`);
        return p && p._fullData && p.querySelector('.main-svg') ? p._fullData.length : 0; }""",
        key,
    )


def type_into(page, key: str, text: str) -> None:
    box = one(page, f".st-key-{key} input")
    box.fill(text)
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_idle(page)


def timed(name: str, started: float) -> None:
    TIMES[name] = round(time.perf_counter() - started, 1)


def load_names(page) -> None:
    nav(page, "Data")
    if not page.locator(".st-key-sample_choice").count():
        page.locator(".st-key-data_source button").filter(has_text="Sample").click()
        page.wait_for_timeout(300)
        wait_idle(page)
    title = t("sample.names.title")
    picked = one(page, ".st-key-sample_choice input")
    if picked.input_value() != title:
        picked.click()
        picked.fill("Surnames")  # the list is virtualised: filter, then pick
        page.locator("[role='option']").filter(has_text=title).first.wait_for()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        wait_idle(page)
    assert picked.input_value() == title, picked.input_value()
    click(page, "use_sample")
    assert title in loaded_name(page)
    assert_no_exception(page)
    bars = wait_for(page, lambda: chart_count(page, "class_balance"), 30, "the class balance")
    assert bars == 3, f"the class balance shows {bars} parts, not train, validation and test"
    screenshot(page, "names_1_data")


def model_page(page) -> None:
    nav(page, "Model")
    assert_no_exception(page)
    embed = one(page, ".st-key-embed")
    assert t("names.embed") in embed.inner_text()
    assert len(embed.locator("label").all()) >= 2, "the embed radio offers one choice"
    screenshot(page, "names_2_model")


def train_one_epoch(page, problems: list[str]) -> None:
    nav(page, "Train")
    set_number(page, "epochs", 1)
    started = time.perf_counter()
    click(page, "train", settle=False)
    wait_for(
        page,
        lambda: training_state(page) == "done" or "Finished" in page_text(page),
        240,
        "one epoch of training to finish",
    )
    timed("train 1 epoch", started)
    wait_idle(page)
    assert_no_exception(page)
    if t("train.changed") in page_text(page):
        problems.append("Train: right after training it says the data or the model changed")
    wait_charts(page)
    screenshot(page, "names_3_train")


def inside(page) -> None:
    nav(page, "Inside")
    assert_no_exception(page)
    for key in ("names_inside_strip", "names_hidden", "names_influence"):
        wait_for(page, lambda k=key: chart_count(page, k), 30, f"the {key} chart")
    type_into(page, "names_typed", "Schmidt")
    wait_for(page, lambda: "Schmidt" in page_text(page), 15, "the strip to read Schmidt")
    wait_charts(page)
    ticks = page.evaluate(
        """() => [...document.querySelectorAll(
        '.st-key-names_inside_strip .xtick text')].map(e => e.textContent).join('')"""
    )
    assert ticks == "Schmidt", f"the strip's x axis reads {ticks!r}"
    assert_no_exception(page)
    screenshot(page, "names_4_inside")


def predict(page, known: set[str]) -> None:
    started = time.perf_counter()
    # Not nav(): the page waits in a spinner (up to 60 s) while the bigram baseline fits.
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Predict").first.click()
    bigram = t("names.acc_bigram")
    wait_for(page, lambda: bigram in labels(page), 150, "the bigram baseline's accuracy")
    timed("predict: three metrics", started)
    wait_idle(page)
    assert_no_exception(page)
    shown = labels(page)
    assert {t("names.acc_model"), t("names.acc_majority"), bigram} <= set(shown), shown
    wait_for(page, lambda: chart_count(page, "names_conf"), 30, "the confusion matrix")
    assert page.locator("[data-testid='stDataFrame']").count() >= 1, "no confused pairs table"
    type_into(page, "name_input", "Nakamura")
    wait_for(page, lambda: chart_count(page, "names_strip"), 30, "the strip of Nakamura")
    top = [s for s in labels(page) if s in known]
    assert len(top) == 3, f"the top 3 of Nakamura: {labels(page)}"
    TIMES["Nakamura top 3"] = " > ".join(top)
    if top[0] != "Japanese":
        print(f"after one epoch Nakamura reads {top[0]} first")
    assert_no_exception(page)
    wait_charts(page)
    screenshot(page, "names_5_predict")


def predict_in_chinese(page) -> None:
    page.locator(".st-key-lang label").filter(has_text="中文").click()
    page.wait_for_timeout(300)
    wait_idle(page)
    wait_for(page, lambda: "预测" in sidebar_text(page), 15, "the sidebar in Chinese")
    body = page.locator("body").inner_text()
    assert "⟦" not in body, f"a missing translation: {body[body.index('⟦') :][:80]}"
    assert "字母二元组" in page_text(page), "the bigram metric is not in Chinese"
    assert_no_exception(page)
    wait_charts(page)
    screenshot(page, "names_6_predict_zh")
    page.locator(".st-key-lang label").filter(has_text="English").click()
    page.wait_for_timeout(300)
    wait_idle(page)
    wait_for(page, lambda: "5 · Predict" in sidebar_text(page), 15, "the sidebar in English")


def compare(page) -> None:
    nav(page, "Compare")
    assert_no_exception(page)
    set_number(page, "names_race_seconds", 5)
    started = time.perf_counter()
    click(page, "names_race_start", settle=False)
    results = t("nrace.results")
    wait_for(
        page,
        lambda: (
            results in page_text(page) and page.locator("[data-testid='stDataFrame']").count() >= 1
        ),
        180,
        "the race's results table",
    )
    timed("race 3 x 5 s", started)
    wait_idle(page)
    assert_no_exception(page)
    wait_charts(page)
    rows = page.locator("[data-testid='stDataFrame'] [role='row']").count()
    assert rows >= 4, f"the results table has {rows} rows (a header and three cells)"
    assert button(page, "names_race_start").is_enabled()
    screenshot(page, "names_7_compare")


def test_names_sample_walk(browser, base_url):
    known, problems = classes(), []
    assert len(known) == 18, sorted(known)
    with opened(browser, viewport={"width": 1400, "height": 900}) as page:
        started = time.perf_counter()
        page.goto(base_url + "/?lang=en")
        wait_idle(page)
        load_names(page)
        model_page(page)
        train_one_epoch(page, problems)
        inside(page)
        predict(page, known)
        predict_in_chinese(page)
        compare(page)
        timed("whole walk", started)
    print("timings:", TIMES)
    # Views that contradict the session fail the test at its end, after the whole walk.
    assert not problems, "views out of step with the session:\n- " + "\n- ".join(problems)
