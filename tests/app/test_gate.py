"""Every path that trains passes one gate (rnnviz.server.limits.admit through rnnviz.ui.jobs):
Train, Resume, "Use loaded weights", a race, and the Lab's runs. A refused path shows the
gate's message, raises nothing and starts no thread.

AppTest runs the app in this process, so monkeypatching rnnviz.server.limits reaches the page.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, load_sample, page, texts
from rnnviz.experiments import lab_setups
from rnnviz.experiments.race import race_requests, standard_entrants
from rnnviz.files.model_file import model_bytes
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.server import limits
from rnnviz.server.limits import RunRequest
from rnnviz.ui import state

OCTET = "application/octet-stream"


def _drop_every_job():
    from rnnviz.ui import jobs

    for name in list(jobs._registry()):
        jobs.drop(name)


@pytest.fixture(autouse=True)
def _no_jobs_left():
    """Every AppTest has the same session id, so session-scoped resources (the job registry)
    outlive a test: start and end each test with none, so "no job" means this test's."""
    AppTest.from_function(_drop_every_job).run()
    join_workers()
    yield
    AppTest.from_function(_drop_every_job).run()
    join_workers()


def _share_of(monkeypatch, limit_bytes: float) -> None:
    """As if the machine were sized so that MEMORY_SHARE of it is `limit_bytes`."""
    monkeypatch.setattr(limits, "machine_memory", lambda: int(limit_bytes / limits.MEMORY_SHARE))


def _training_threads() -> int:
    return sum(th.name == "rnnviz-train" and th.is_alive() for th in threading.enumerate())


def _keyed(elements, key: str) -> list:
    return [e for e in elements if e.key == key]


def _upload_model(app, hidden_size: int):
    """A valid saved model that fits the sample's data, uploaded on the Model page."""
    page(app, "model")
    cfg = model_config_for(
        state.PREPARED.get(app.session_state), ModelConfig(cell="gru", hidden_size=hidden_size)
    )
    raw = model_bytes(build_model(cfg, seed=1))
    app.file_uploader(key="model_upload").upload("m.safetensors", raw, OCTET).run()
    assert not app.exception, app.exception
    return cfg


def _no_main_job(app) -> None:
    page(app, "train")
    assert app.button(key="resume").disabled and app.button(key="reset").disabled
    assert _training_threads() == 0


def test_a_model_file_over_the_hidden_cap_never_trains(app):
    """The issue's file: hidden 700 (cap 512). The file check may refuse it on upload, or the
    gate on "Use loaded weights"; either way the cap is named and nothing is registered."""
    load_sample(app, "airline")
    _upload_model(app, 700)
    if _keyed(app.button, "use_loaded"):  # the file loaded: the gate must refuse it
        app.button(key="use_loaded").click().run()
        assert t("limits.hidden", hidden=700, cap=512) in texts(app.error)
    assert not app.exception, app.exception
    assert "512" in texts(app.error) and "Loaded" not in texts(app.success)
    _no_main_job(app)


def test_use_loaded_weights_passes_the_gate(app, monkeypatch):
    """A file within every size cap can still be refused for training: here its window is
    over the sequence cap (the file check does not know the window)."""
    load_sample(app, "airline")
    _upload_model(app, 16)
    window = state.PREP_CFG.get(app.session_state).window
    monkeypatch.setattr(limits, "MAX_SEQ_LEN", window - 1)
    app.button(key="use_loaded").click().run()
    assert not app.exception, app.exception
    assert t("limits.seq_len", steps=window, cap=window - 1) in texts(app.error)
    assert "Loaded" not in texts(app.success)
    _no_main_job(app)
    monkeypatch.undo()  # the same click within the caps is admitted
    _upload_model(app, 16)  # the uploader forgets its file when the page is left
    app.button(key="use_loaded").click().run()
    assert "Loaded" in texts(app.success) and not texts(app.error)


def test_resume_of_a_loaded_model_over_the_caps_is_refused(app, monkeypatch):
    load_sample(app, "airline")
    _upload_model(app, 16)
    app.button(key="use_loaded").click().run()
    assert "Loaded" in texts(app.success)
    page(app, "train")
    app.number_input(key="epochs").set_value(1).run()
    assert not app.button(key="resume").disabled
    monkeypatch.setattr(limits, "MAX_HIDDEN", 8)  # the caps are lowered under the loaded model
    app.button(key="resume").click().run()
    assert not app.exception, app.exception
    assert t("limits.hidden", hidden=16, cap=8) in texts(app.error)
    assert _training_threads() == 0 and not app.button(key="resume").disabled  # still idle
    assert not _keyed(app.get("download_button"), "download_model")  # never trained a step
    monkeypatch.undo()  # within the caps, the same Resume trains
    app.button(key="resume").click().run()
    join_workers()
    app.run()
    assert not app.exception and not texts(app.error)
    assert _keyed(app.get("download_button"), "download_model")


def _race_requests(app, bidirectional: bool, deep: bool) -> tuple[RunRequest, ...]:
    """What the Compare page asks for (its entrants are the user's model, one layer, one way)."""
    data = state.PREPARED.get(app.session_state)
    base = replace(
        model_config_for(data, state.MODEL_CFG.get(app.session_state)),
        bidirectional=False,
        num_layers=1,
    )
    return race_requests(
        standard_entrants(base, bidirectional, deep),
        state.TRAIN_CFG.get(app.session_state).batch_size,
        data.cfg.window,
    )


def test_a_race_over_the_memory_share_is_refused_though_each_model_fits(app, monkeypatch):
    load_sample(app, "airline")
    page(app, "model")
    page(app, "train")
    page(app, "compare")
    app.checkbox(key="race_bi").check().run()
    app.checkbox(key="race_deep").check().run()
    asked = _race_requests(app, True, True)
    biggest = max(r.memory for r in asked)
    _share_of(monkeypatch, 1.5 * biggest)  # every model alone fits; nine together do not
    assert all(limits.admit([r]) is None for r in asked)
    app.button(key="race_start").click().run()
    assert not app.exception, app.exception
    assert t(
        "limits.memory_models",
        n=9,
        need=sum(r.memory for r in asked) / 2**30,
        limit=1.5 * biggest / 2**30,
    ) in texts(app.error)
    assert _training_threads() == 0 and app.button(key="race_stop").disabled


def test_the_labs_runs_pass_the_gate(app, monkeypatch):
    """The Lab's widgets cannot reach a size cap; a (pretend) tiny machine reaches the
    memory share from every one of its three runs."""
    _share_of(monkeypatch, 1)
    page(app, "lab")
    for run in ("lab_grad_run", "lab_explode_run", "lab_mem_run"):
        app.button(key=run).click().run()
        assert not app.exception, app.exception
        assert "GiB of memory" in texts(app.error), run
        assert _training_threads() == 0
    for info in (state.LAB_GRAD_INFO, state.LAB_EXPLODE_RUN, state.LAB_MEM_INFO):
        assert info.get(app.session_state) is None  # nothing was registered as started


def test_jobs_still_running_count_against_a_new_one(app, monkeypatch):
    """A Lab race holds memory while it runs: Train is refused until it is stopped."""
    load_sample(app, "airline")
    page(app, "model")
    page(app, "train")
    data, train_cfg = state.PREPARED.get(app.session_state), state.TRAIN_CFG.get(app.session_state)
    main = RunRequest(
        model_config_for(data, state.MODEL_CFG.get(app.session_state)),
        train_cfg.batch_size,
        data.cfg.window,
    )
    lab_race = lab_setups.memory_requests("adding", 100, ["rnn_tanh", "lstm", "gru"])
    held = sum(r.memory for r in lab_race)
    page(app, "lab")
    app.select_slider(key="lab_mem_T").set_value(100).run()
    app.select_slider(key="lab_mem_steps").set_value(2000).run()
    app.button(key="lab_mem_run").click().run()
    assert not app.exception and _training_threads() == 3
    try:
        _share_of(monkeypatch, held + main.memory / 2)  # each alone fits, not both
        page(app, "train")
        app.button(key="train").click().run()
        assert not app.exception, app.exception
        assert "still running" in texts(app.error)
        assert app.button(key="resume").disabled and app.button(key="reset").disabled
    finally:
        page(app, "lab")
        app.button(key="lab_mem_stop").click().run()
        join_workers()
    assert _training_threads() == 0
    page(app, "train")
    app.number_input(key="epochs").set_value(1).run()
    app.button(key="train").click().run()  # the Lab race stopped: the same run is admitted
    join_workers()
    app.run()
    assert not app.exception and not texts(app.error)
    assert _keyed(app.get("download_button"), "download_model")
