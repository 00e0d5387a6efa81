"""Pages that show a run follow its job by themselves (rnnviz.ui.follow), the typed-sequence
box answers with the run shown, and the Data page's source segment says where the loaded
data came from. AppTest's run_every timers do not fire: a training job is held at its first
step by a gate, and the poll's logic runs in the fragment's own function."""

from __future__ import annotations

import re
import threading
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import TEMPERATURE_CSV, join_workers, load_sample, page, texts, upload
from rnnviz import i18n
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.train.job import TrainJob
from rnnviz.ui import follow, state
from rnnviz.ui.typed_predict import BOX, default_sequence

pytestmark = pytest.mark.usefixtures("fresh_sessions")


@pytest.fixture(params=["en", "zh"])
def language(request, app):
    app.session_state["lang"] = request.param
    app.run()
    i18n.use(request.param)  # the test's own t() speaks the page's language
    yield request.param
    i18n.use("en")


@pytest.fixture
def gate(monkeypatch):
    """Every training step waits for the gate: a job stays "running" until it opens."""
    opened = threading.Event()
    real = TrainJob._train_step

    def gated(self):
        opened.wait(60)
        return real(self)

    monkeypatch.setattr(TrainJob, "_train_step", gated)
    yield opened
    opened.set()


def _sidebar(app) -> str:
    return texts(app.sidebar.markdown)


def _start(app, epochs: int = 2) -> None:
    page(app, "train")
    app.number_input(key="epochs").set_value(epochs).run()
    app.button(key="train").click().run()


def test_predict_and_the_sidebar_follow_a_job_to_its_end(app, language, gate):
    load_sample(app, "airline")
    _start(app)
    page(app, "predict")
    assert t("predict.training_running") in texts(app.info)
    assert app.get("progress"), "a live progress line, not a dead end"
    assert t("state.running") in _sidebar(app)
    gate.set()
    join_workers()
    app.run()  # what the poll's full rerun draws (the rerun itself: the tests below)
    assert not app.exception, app.exception
    assert t("predict.training_running") not in texts(app.info)
    assert {"MAE", "RMSE"} <= set(app.dataframe[0].value.columns)
    assert t("state.done") in _sidebar(app)


def test_inside_follows_a_job_and_shows_its_progress(app, gate):
    load_sample(app, "airline")
    _start(app)
    page(app, "inside")
    assert app.get("progress") and app.get("plotly_chart")
    assert t("state.running") in _sidebar(app)
    gate.set()
    join_workers()
    app.run()
    assert not app.exception, app.exception
    assert not app.get("progress")
    assert t("state.done") in _sidebar(app)


def _poll_script():
    import time

    import streamlit as st

    from rnnviz.ui import follow, jobs

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    job = st.session_state.get("job")
    if job is not None and jobs.get() is not job:
        jobs.put(job)
    if st.session_state["runs"] == 1:  # as a poll of a fragment drawn by an earlier run
        follow._poll(
            job, st.session_state["drawn"], None, st.session_state["step"], time.monotonic()
        )  # drawn just now
    st.write(st.session_state["runs"])


def _polled(drawn, job=None, step=None) -> int:
    """How many script runs one poll makes: 2 when it asked for a full rerun."""
    at = AppTest.from_function(_poll_script, default_timeout=30)
    at.session_state["drawn"], at.session_state["job"], at.session_state["step"] = drawn, job, step
    at.run()
    assert not at.exception, at.exception
    return at.session_state["runs"]


def _finished_job():
    from apphelpers import task_job

    job = task_job(epochs=1)
    job.start()
    job.join(60)
    assert job.status().state == "done"
    return job


def test_a_poll_that_sees_its_job_end_reruns_the_page_once():
    job = _finished_job()
    assert _polled("running", job) == 2  # drawn running, now done: one full rerun
    assert _polled("waiting", job) == 2  # its turn came (and went)
    assert _polled("done", job) == 1  # nothing new: no rerun


def test_a_poll_redraws_a_snapshot_page_when_a_newer_snapshot_exists(monkeypatch):
    job = SimpleNamespace(snapshots=lambda: [SimpleNamespace(step=40)])
    monkeypatch.setattr(follow, "seen", lambda j: "running")
    monkeypatch.setattr(follow.jobs, "get", lambda name="main": job)
    monkeypatch.setattr(follow.jobs, "put", lambda j, name="main": None)
    monkeypatch.setattr(follow, "REDRAW_S", 0.0)
    assert _polled("running", job, step=20) == 2  # a newer snapshot: redraw
    assert _polled("running", job, step=40) == 1  # the page shows the newest
    monkeypatch.setattr(follow, "REDRAW_S", 3600.0)
    assert _polled("running", job, step=20) == 1  # not yet: a redraw restarts animations


# ---- the typed-sequence box --------------------------------------------------------------
def _train(app, epochs: int = 2) -> None:
    _start(app, epochs)
    join_workers()
    app.run()


def test_the_typed_box_is_refilled_for_another_run_and_names_it(app, language):
    upload(app, "temps.csv", TEMPERATURE_CSV)
    _train(app)
    page(app, "predict")
    run = state.workspace(app.session_state).run
    assert app.text_input(key=BOX).value == default_sequence(run.data)
    assert t("typed.predict.by_run", name=md("temps.csv"), target="Temp") in texts(app.caption)
    app.text_input(key=BOX).set_value("11, 12, 13").run()
    assert app.text_input(key=BOX).value == "11, 12, 13"  # the user's text stays
    # A box left over from another run (the browser kept it): this run's sequence replaces it.
    app.session_state[state.TYPED_FOR.key] = "another run"
    app.run()
    assert app.text_input(key=BOX).value == default_sequence(run.data)


def test_the_typed_box_writes_numbers_as_the_data_has_them(app):
    upload(app, "temps.csv", TEMPERATURE_CSV)  # one decimal place
    _train(app)
    page(app, "predict")
    numbers = app.text_input(key=BOX).value.split(", ")
    assert numbers and not any("e" in v for v in numbers)
    assert all(re.fullmatch(r"\d+(\.\d)?", v) for v in numbers), numbers


# ---- the finish message and the Data page's source ---------------------------------------
def test_the_finish_message_follows_a_language_switch(app):
    load_sample(app, "airline")
    _train(app)
    step = state.workspace(app.session_state).jobs["main"].status().step
    assert t("status.finished", step=step) in texts(app.success)
    app.radio(key="lang").set_value("zh").run()
    i18n.use("zh")
    try:
        assert t("status.finished", step=step) in texts(app.success)
    finally:
        i18n.use("en")


def test_the_data_page_opens_on_the_source_of_what_is_loaded(app):
    upload(app, "temps.csv", TEMPERATURE_CSV)
    page(app, "home")
    page(app, "data")
    assert app.segmented_control(key="data_source").value == "Upload"
    assert not any(b.key == "use_sample" for b in app.button)
    assert app.segmented_control(key="data_source").proto.required  # a second click keeps it
    load_sample(app, "airline")
    page(app, "home")
    page(app, "data")
    assert app.segmented_control(key="data_source").value == "Sample"
