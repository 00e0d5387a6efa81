"""End to end in Chromium: upload -> model -> train -> inside -> predict, and bad uploads.

Each test opens a fresh tab (a fresh Streamlit session) on one shared server and moves
between pages through the sidebar links, as a user does (page.goto would start a new
session and forget the data). Screenshots land in tests/artifacts/.

Hard failures (an exception box, a missing element, a job that never ends) stop a test at
once. Views that disagree with each other (a sidebar or a button still showing the state
before a click) are collected in `problems` and fail the test at its end, so that one run
walks the whole flow and lists every such problem.
"""

from __future__ import annotations

import re
import time

import numpy as np

from tests.browser.conftest import (
    assert_no_exception,
    nav,
    page_text,
    screenshot,
    wait_charts,
    wait_idle,
)

SAMPLE_TITLE = "Melbourne daily minimum temperature"
ERROR = "[data-testid='stAlertContentError']"
SUCCESS = "[data-testid='stAlertContentSuccess']"


def temperature_csv(rows: int = 120, seed: int = 0) -> bytes:
    """Daily rows of a noisy seasonal temperature, as a weather export would have them."""
    rng = np.random.default_rng(seed)
    days = np.arange(rows)
    temp = 12 + 5 * np.sin(2 * np.pi * days / 60) + rng.normal(0, 1.0, rows)
    dates = np.datetime64("2021-01-01") + days
    lines = ["Date,Temp", *(f"{d},{t:.1f}" for d, t in zip(dates.astype(str), temp, strict=True))]
    return ("\n".join(lines) + "\n").encode()


# ---- helpers --------------------------------------------------------------------------
def sidebar_text(page) -> str:
    return page.locator("[data-testid='stSidebar']").inner_text()


def workspace(page, field: str) -> str:
    """One line of the sidebar's workspace summary: 'Data', 'Model' or 'Training'."""
    m = re.search(rf"{field}:[^\n]*(\n(?!\w+:)[^\n]+)*", sidebar_text(page))
    return " ".join(m.group(0).split()) if m else f"{field}: (missing)"


def wait_for(page, predicate, timeout: float, what: str, every: float = 0.25, fail: bool = True):
    """Poll predicate() until it returns something truthy. On timeout: raise (fail=True)
    or return False."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        got = predicate()
        if got:
            return got
        assert_no_exception(page)
        page.wait_for_timeout(every * 1000)
    if not fail:
        return False
    raise AssertionError(
        f"timed out after {timeout:.0f} s waiting for {what}; page says:\n"
        + page_text(page)[-1500:]
        + "\n-- sidebar --\n"
        + sidebar_text(page)
    )


def one(page, selector: str, timeout: float = 10.0):
    """The single element matching selector, once reruns have removed any stale copy."""
    loc = page.locator(selector)
    wait_for(page, lambda: loc.count() == 1, timeout, f"exactly one {selector}")
    return loc


def set_number(page, key: str, value: int) -> None:
    box = one(page, f".st-key-{key} input")
    box.fill(str(value))
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_idle(page)
    assert one(page, f".st-key-{key} input").input_value() == str(value)


def button(page, key: str):
    # .first: a button with help= can be drawn twice (the tooltip's copy)
    return page.locator(f".st-key-{key} button").first


def click(page, key: str, settle: bool = True) -> None:
    assert button(page, key).is_enabled(), f"button {key!r} is disabled"
    button(page, key).click()
    page.wait_for_timeout(300)
    wait_idle(page, settle=settle)


def choose_upload(page) -> None:
    page.locator(".st-key-data_source button").filter(has_text="Upload").click()
    page.wait_for_timeout(300)
    wait_idle(page)
    one(page, ".st-key-data_upload input[type=file]")


def _outcome(page) -> str:
    # One read of every alert: counting first and reading each after raced with reruns
    # that removed an alert in between (a 30 s wait on an element gone).
    return "\n".join(page.locator(f"{ERROR}, {SUCCESS}").all_inner_texts())


def upload(page, path) -> None:
    """Upload a file and wait for the run it triggers to have drawn its outcome."""
    before = _outcome(page)
    one(page, ".st-key-data_upload input[type=file]").set_input_files(str(path))
    chip = page.locator(".st-key-data_upload [data-testid='stFileChipName']")
    wait_for(
        page,
        lambda: (
            chip.count() == 1
            and chip.inner_text().strip() == path.name
            and not page.locator("[data-testid='stFileChipIconSpinner']").count()
        ),
        30,
        f"the uploader to show {path.name}",
    )
    # The rerun follows the upload: wait until the alerts change (or 15 s: an upload may
    # leave them unchanged, which the caller's assertions then catch).
    wait_for(page, lambda: _outcome(page) != before, 15, "", fail=False)
    wait_idle(page)


def loaded_name(page) -> str:
    return one(page, SUCCESS).inner_text()


def training_state(page) -> str | None:
    m = re.search(r"\b(running|done|stopped|diverged|error|idle)\b", workspace(page, "Training"))
    return m.group(1) if m else None


def redraw(page, label: str, settle: bool = True) -> None:
    """Leave and come back: a full run of the page draws everything afresh."""
    nav(page, "Home", settle)
    nav(page, label, settle)


def load_sample(page) -> None:
    nav(page, "Data")
    if not page.locator(".st-key-sample_choice").count():  # it opens on an upload's source
        page.locator(".st-key-data_source button").filter(has_text="Sample").click()
        page.wait_for_timeout(300)
        wait_idle(page)
    choice = one(page, ".st-key-sample_choice")
    if SAMPLE_TITLE not in choice.inner_text():  # the first sample is the default
        choice.click()
        page.keyboard.type("Melbourne")  # the list is virtualised: filter, then pick
        page.keyboard.press("Enter")
        wait_idle(page)
    click(page, "use_sample")
    assert SAMPLE_TITLE in loaded_name(page)


def check(problems: list, ok: bool, what: str) -> None:
    if not ok:
        problems.append(what)


# ---- the happy path -------------------------------------------------------------------
def test_upload_train_inside_predict(page, tmp_path):
    problems = []
    assert "rnnviz" in page_text(page)
    assert_no_exception(page)
    screenshot(page, "01_home")

    # Data: upload a small temperature-like CSV.
    nav(page, "Data")
    choose_upload(page)
    csv = tmp_path / "my_temps.csv"
    csv.write_bytes(temperature_csv())
    upload(page, csv)
    assert_no_exception(page)
    assert page.locator(ERROR).count() == 0, page.locator(ERROR).first.inner_text()
    assert "my_temps.csv" in loaded_name(page)
    if int(one(page, ".st-key-window input").input_value()) > 12:
        set_number(page, "window", 12)
    assert re.search(r"\d+ training, \d+ validation and \d+ test pairs", page_text(page))
    check(
        problems,
        "my_temps.csv" in workspace(page, "Data"),
        "Data: right after the upload the sidebar still says " + workspace(page, "Data"),
    )
    wait_charts(page)
    screenshot(page, "02_data_upload")

    # Model: a GRU.
    nav(page, "Model")
    page.locator(".st-key-cell button").filter(has_text="GRU").click()
    page.wait_for_timeout(300)
    wait_idle(page)
    assert "GRU cell equations" in page_text(page)
    check(
        problems,
        "GRU" in workspace(page, "Model"),
        "Model: after clicking GRU the sidebar still says " + workspace(page, "Model"),
    )
    assert_no_exception(page)
    wait_charts(page)
    screenshot(page, "03_model_gru")

    # Train: 3 epochs, wait for done.
    nav(page, "Train")
    assert "GRU" in workspace(page, "Model")  # a full run later, the sidebar has caught up
    set_number(page, "epochs", 3)
    click(page, "train", settle=False)
    wait_for(
        page,
        lambda: training_state(page) == "done" or "Finished" in page_text(page),
        90,
        "training to finish",
    )
    wait_idle(page)
    assert "Finished" in page_text(page)
    check(
        problems,
        training_state(page) == "done",
        "Train: training finished but the sidebar says " + workspace(page, "Training"),
    )
    wait_charts(page)
    n_points = page.evaluate(  # _fullData: plotly has decoded the base64 arrays there
        "() => document.querySelector('.st-key-loss_chart .js-plotly-plot')._fullData[0].x.length"
    )
    assert n_points >= 3, f"loss chart shows {n_points} points"
    assert_no_exception(page)
    screenshot(page, "04_train_done")

    # Inside: play the first animation and catch it mid-way.
    nav(page, "Inside")
    assert_no_exception(page)
    chart = page.locator(".st-key-hidden_anim .js-plotly-plot")
    chart.wait_for(timeout=30_000)
    active = "el => el._fullLayout.sliders[0].active"
    before = chart.evaluate(active)
    chart.locator(".updatemenu-button").filter(has_text="Play").first.click()
    page.wait_for_timeout(1500)
    during = chart.evaluate(active)
    assert during != before, "pressing Play did not move the animation's slider"
    assert_no_exception(page)
    screenshot(page, "05_inside_playing")

    # Predict: metrics and the download.
    nav(page, "Predict")
    assert_no_exception(page)
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    text = page_text(page)
    assert "Test set: model against naive baselines" in text
    assert "Lowest RMSE" in text
    assert button(page, "download_predictions").is_enabled()
    headers = page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stDataFrame'] [role='columnheader']")].map(e => e.innerText)""")
    assert any("MAE" in h for h in headers) and any("RMSE" in h for h in headers), headers
    wait_charts(page)
    screenshot(page, "06_predict")
    assert not problems, "views out of step with the session:\n- " + "\n- ".join(problems)


def test_quick_start_then_stop(page):
    problems = []
    button(page, "quick_start").click()
    page.wait_for_timeout(300)
    wait_idle(page)
    assert "3 · Train" in page_text(page)
    assert SAMPLE_TITLE in workspace(page, "Data") and "LSTM" in workspace(page, "Model")
    set_number(page, "epochs", 200)
    click(page, "train", settle=False)
    wait_for(
        page,
        lambda: re.search(r"step [1-9][\d,]*/", page_text(page)),
        30,
        "the first training step",
    )
    page.wait_for_timeout(1000)
    stop_ready = wait_for(
        page, lambda: button(page, "stop").is_enabled(), 3, "Stop to be enabled", fail=False
    )
    check(
        problems,
        stop_ready,
        "Train: while training runs, Stop stays disabled (and Train "
        "enabled) until the page is redrawn by another click",
    )
    check(
        problems,
        training_state(page) == "running",
        "Train: while training runs the sidebar says " + workspace(page, "Training"),
    )
    nav(page, "Predict", settle=False)  # a page that ends early (st.stop) while it trains
    assert "Train" in page_text(page)
    check(
        problems,
        training_state(page) == "running",
        "Predict: a page that stops early leaves the sidebar without the workspace: "
        + workspace(page, "Training"),
    )
    nav(page, "Train", settle=False)
    assert training_state(page) == "running", "200 epochs ended within seconds?"
    button(page, "stop").click()
    wait_for(page, lambda: "Stopped at step" in page_text(page), 20, "the stopped message")
    wait_idle(page)
    resume_ready = wait_for(
        page, lambda: button(page, "resume").is_enabled(), 3, "Resume to be enabled", fail=False
    )
    check(
        problems,
        resume_ready
        and button(page, "train").is_enabled()
        and not button(page, "stop").is_enabled(),
        "Train: after Stop the buttons still show a running job (Train/Resume disabled, "
        "Stop enabled)",
    )
    check(
        problems,
        training_state(page) == "stopped",
        "Train: after Stop the sidebar says " + workspace(page, "Training"),
    )
    assert_no_exception(page)
    wait_charts(page)
    screenshot(page, "07_train_stopped")
    redraw(page, "Train")  # whatever the first draw showed, a fresh one must be right
    assert training_state(page) == "stopped"
    assert button(page, "resume").is_enabled() and not button(page, "stop").is_enabled()
    assert_no_exception(page)
    assert not problems, "views out of step with the session:\n- " + "\n- ".join(problems)


# ---- bad uploads ----------------------------------------------------------------------
BAD_FILES = {
    "empty.csv": b"",
    "header_only.csv": b"Date,Temp\n",
    "picture.csv": b"\x89PNG\r\n\x1a\n" + np.random.default_rng(1).bytes(2048),
    "no_numbers.csv": b"name,colour\nann,red\nbob,blue\ncid,green\ndee,teal\n",
    "one_row.csv": b"Date,Temp\n2021-01-01,12.5\n",
}


def test_bad_uploads_show_errors_and_keep_data(page, tmp_path):
    problems = []
    load_sample(page)
    choose_upload(page)
    seen = {}
    for name, content in BAD_FILES.items():
        path = tmp_path / name
        path.write_bytes(content)
        upload(page, path)
        assert_no_exception(page)
        errors = page.locator(ERROR)
        assert errors.count() >= 1, f"{name}: no error message; page says:\n{page_text(page)}"
        msg = errors.first.inner_text().strip()
        assert len(msg) > 20 and "Traceback" not in msg, f"{name}: unhelpful error {msg!r}"
        assert SAMPLE_TITLE in loaded_name(page), f"{name}: the loaded data set was replaced"
        assert SAMPLE_TITLE in workspace(page, "Data")
        seen[name] = msg
        if name == "picture.csv":  # one is enough to judge how an error looks
            screenshot(page, "08_bad_upload")
    print("\n".join(f"{k}: {v}" for k, v in seen.items()))  # shown with -s or on failure
    assert len(set(seen.values())) >= 4, f"the errors should say what is wrong: {seen}"

    # A 10-row series. Either it is refused (the sample stays) or it loads with a window
    # that fits; then a window of 30 must be refused. Both ways: a readable error.
    short = tmp_path / "ten_rows.csv"
    short.write_bytes(temperature_csv(10))
    upload(page, short)
    assert_no_exception(page)
    loaded = "ten_rows.csv" in loaded_name(page)
    if not loaded:
        assert SAMPLE_TITLE in loaded_name(page), loaded_name(page)
        assert page.locator(ERROR).count() >= 1, "ten_rows.csv neither loaded nor refused"
    typed = loaded and page.locator(ERROR).count() == 0
    if typed:
        set_number(page, "window", 30)
        page.wait_for_selector(ERROR, timeout=15_000)  # the rerun may land after idle
    assert_no_exception(page)
    errors = page.locator(ERROR)
    assert errors.count() >= 1, "a window of 30 on a 10-row series gave no error"
    msg = errors.first.inner_text()
    assert re.search(r"too short|only \d+ rows|shorter window", msg), msg
    used = int(re.search(r"each reads (\d+) steps", page_text(page)).group(1))
    shown = one(page, ".st-key-window input").input_value()
    if loaded:
        assert used < 10
    # The box may disagree with the window in use only when the user typed it and the
    # error says the old setting stays.
    check(
        problems,
        shown == str(used) or (typed and "stay in use" in msg),
        f"Data: after uploading a 10-row file the window box shows {shown} while the pairs "
        f"use a window of {used}; the error reads: {msg!r}",
    )
    screenshot(page, "09_bad_short_series")
    assert not problems, "views out of step with the session:\n- " + "\n- ".join(problems)
