"""One Job protocol for everything that trains (rnnviz.train.worker), the Worker thread TrainJob and
ExplodeJob share, and the session Workspace that holds a session's data, run and jobs."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, load_sample, task_job, train
from rnnviz.data.reader import DataError
from rnnviz.experiments import lab_setups
from rnnviz.experiments.exploding import ExplodeConfig, ExplodeJob
from rnnviz.experiments.race import Race, standard_entrants
from rnnviz.experiments.tasks import make_task
from rnnviz.model.network import ModelConfig
from rnnviz.session.workspace import Workspace, default_series_config
from rnnviz.session.workspace import load_sample as read_sample
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.train.worker import THREAD_NAME, Job, Worker
from rnnviz.ui import state

ROOT = Path(__file__).resolve().parents[2]
LONG = 100_000  # steps no test waits for: the job is stopped


pytestmark = pytest.mark.usefixtures("fresh_sessions")  # each test trains its own job


def _race(**kw) -> Race:
    base = ModelConfig(input_size=2, hidden_size=8)
    cfg = TrainConfig(batch_size=32, lr=0.01, device="cpu", **kw)
    return Race(standard_entrants(base)[:2], make_task("adding", 256, 10), cfg)


def _explode(**kw) -> ExplodeJob:
    return ExplodeJob(ExplodeConfig(seq_len=10, hidden_size=8, samples=256, **kw))


JOBS = {
    "train": task_job,
    "race": _race,
    "explode": _explode,
    "lab_race": lambda: lab_setups.memory_race("adding", 10, 5, ["lstm"]),
}


@pytest.mark.parametrize("kind", list(JOBS))
def test_every_job_kind_is_a_job(kind):
    job = JOBS[kind]()
    assert isinstance(job, Job)
    assert not job.active and job.status().state == "idle"


def test_the_protocol_check_can_fail():
    class NoResume:  # what ExplodeJob was: start/stop/status/join, no resume
        def start(self): ...
        def stop(self): ...
        def status(self): ...
        def join(self, timeout=None): ...

        active = False

    assert not isinstance(NoResume(), Job)


def test_train_and_explode_share_one_worker():
    assert issubclass(TrainJob, Worker) and issubclass(ExplodeJob, Worker)
    for name in ("start", "stop", "join", "active"):  # neither re-implements the thread
        assert name not in vars(TrainJob) and name not in vars(ExplodeJob), name


@pytest.mark.parametrize("kind", ["train", "race", "explode"])
def test_a_running_job_refuses_a_second_start(kind):
    job = JOBS[kind](**({"steps": LONG} if kind == "explode" else {"max_steps": LONG}))
    assert job.start() is True
    try:
        assert job.active
        threads = sum(t.name == THREAD_NAME for t in threading.enumerate())
        assert job.start() is False and job.resume() is False
        assert sum(t.name == THREAD_NAME for t in threading.enumerate()) == threads
    finally:
        job.stop()
        job.join(30)
    assert not job.active and job.status().state == "stopped"


def test_explode_resume_goes_on_as_if_never_stopped():
    whole = _explode(steps=8).run()
    job = _explode(steps=5)
    assert job.run().state == "done" and len(job.status().steps) == 5
    assert job.resume(ExplodeConfig(steps=8)) is True
    job.join(30)
    s = job.status()
    assert s.state == "done" and s.steps == list(range(1, 9))
    assert s.loss == whole.loss and s.norm == whole.norm  # the same batches, the same weights


def test_race_status_names_each_entrant_and_the_race():
    race = _race(max_steps=3)
    assert race.status().state == "idle"
    race.run()
    s = race.status()
    assert set(s.entrants) == set(race.jobs) and s.state == "done" and not s.active
    assert all(e.step == 3 for e in s.entrants.values())
    assert race.resume(TrainConfig(batch_size=32, lr=0.01, device="cpu", max_steps=5))
    race.join(30)
    assert all(e.step == 5 for e in race.status().entrants.values())


def test_workspace_keeps_its_data_when_new_data_fail():
    ws = Workspace()
    ds = read_sample("airline")
    cfg = default_series_config(ds)
    ws.set_dataset(ds, cfg)
    before = ws.prepared
    with pytest.raises(DataError):
        ws.set_prep_cfg(replace(cfg, target="no such column"))
    assert ws.prep_cfg == cfg and ws.prepared is before
    assert ws.model_settings().cell == "lstm" and ws.train_settings().epochs == 20


def test_workspace_drops_and_stops_the_job_it_replaces():
    ws = Workspace()
    old = _explode(steps=LONG)
    ws.put_job("lab", old)
    old.start()
    ws.put_job("lab", _explode())
    old.join(30)
    assert old.status().state == "stopped" and ws.jobs["lab"] is not old


def test_the_session_workspace_holds_the_run_and_a_new_session_has_its_own():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    load_sample(at, "airline")
    train(at, epochs=2)
    ws = state.workspace(at.session_state)
    assert ws.dataset.sample.key == "airline"
    assert ws.run is not None and ws.jobs["main"] is ws.run.job
    assert ws.run.job.status().state == "done" and ws.run.job.status().epoch == 2
    assert state.RUN.get(at.session_state) is ws.run  # the Entry-like fields read the same object

    other = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not other.exception, other.exception
    theirs = state.workspace(other.session_state)
    assert theirs is not ws and theirs.run is None and theirs.jobs == {}
    assert theirs.dataset is None
    join_workers()
    at.run()  # the first session still has its run after the second one started
    assert not at.exception, at.exception
    assert state.workspace(at.session_state).run is ws.run
