"""Fair training on a shared server: per-browser caps on the training queue
(rnnviz.server.train_queue),
the wall-clock limit of a run (rnnviz.train.worker), the memory a run is admitted with (snapshots
and
weight copies, the whole server's share: rnnviz.server.limits), and jobs that stop only when their
session really ends, never on a cache clear (rnnviz.server.owners, rnnviz.ui.jobs)."""

from __future__ import annotations

import binascii
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, load_sample, page, task_job, texts, until
from rnnviz.experiments.exploding import ExplodeConfig, ExplodeJob
from rnnviz.experiments.tasks import make_task
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.server import limits, train_queue
from rnnviz.server import owners as sessions
from rnnviz.server.limits import (
    RunRequest,
    admit,
    snapshot_bytes,
    training_memory,
    training_request,
)
from rnnviz.server.train_queue import Slots
from rnnviz.train import run_length
from rnnviz.train import worker as engine_jobs
from rnnviz.train.job import TrainConfig
from rnnviz.train.snapshots import SnapshotRecorder
from rnnviz.ui import browser, state

ROOT = Path(__file__).resolve().parents[2]
LONG = 100_000  # steps (and epochs) no test waits for: the job is stopped
pytestmark = pytest.mark.usefixtures("fresh_sessions")  # each test trains its own jobs


# ---- the queue's per-owner caps -----------------------------------------------------------
def test_an_owner_trains_one_job_and_queues_one_others_go_past():
    pool = Slots(4, caps=(1, 1))
    assert pool.enqueue("a1", owner="amy") == 0
    assert pool.enqueue("a2", owner="amy") == 1  # a free slot, but Amy already trains one
    assert pool.blocked("a2") and not pool.blocked("a1")
    assert pool.refusal("amy") == (1, 1)  # a third would wait too: refused
    assert pool.refusal("bob") is None
    assert pool.enqueue("b1", owner="bob") == 0  # Bob goes past Amy's capped ticket
    assert pool.load() == (2, 1)
    pool.release("a1")  # Amy's first ends: her second takes its place
    assert pool.holds("a2") and pool.load() == (2, 0) and pool.refusal("amy") is None


def test_an_owner_waits_with_one_job_when_the_server_is_full():
    pool = Slots(1, caps=(1, 1))
    pool.enqueue("other")  # no owner: not capped
    assert pool.enqueue("a1", owner="amy") == 1 and not pool.blocked("a1")
    assert pool.refusal("amy") == (0, 1)  # waiting already: a second one is refused
    assert pool.refusal("amy", skip="a1") is None  # ...unless it replaces that one
    pool.cancel("a1")
    assert pool.refusal("amy") is None


def test_five_tabs_of_one_browser_put_a_classmate_at_most_one_back():
    """Each tab tries to queue a job: the cap lets one wait, so Bob is one behind, not five."""
    pool = Slots(1, caps=(1, 1))
    pool.enqueue("running", owner="carl")
    for tab in range(5):
        if pool.refusal("amy") is None:
            pool.enqueue(f"amy{tab}", owner="amy")
    pool.enqueue("bob", owner="bob")
    assert pool.ahead("bob") == 1


def test_the_caps_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(train_queue.RUNNING_ENV, "2")
    monkeypatch.setenv(train_queue.QUEUED_ENV, "0")
    pool = Slots(4)
    assert (pool.running, pool.queued) == (2, 0)
    pool.enqueue("a1", owner="amy"), pool.enqueue("a2", owner="amy")
    assert pool.load() == (2, 0) and pool.refusal("amy") == (2, 0)
    for bad in ("", "-1", "many", "1.5"):
        monkeypatch.setenv(train_queue.RUNNING_ENV, bad)
        monkeypatch.setenv(train_queue.QUEUED_ENV, bad)
        assert train_queue.default_caps() == (
            train_queue.RUNNING_DEFAULT,
            train_queue.QUEUED_DEFAULT,
        )
    monkeypatch.setenv(train_queue.RUNNING_ENV, "0")  # nobody could train: the default
    assert train_queue.default_caps()[0] == train_queue.RUNNING_DEFAULT


def test_the_queue_knows_the_memory_of_its_jobs():
    pool = Slots(1)
    pool.enqueue("a", owner="amy", memory=100), pool.enqueue("b", memory=20)
    assert pool.memory() == 120 and pool.memory(skip="a") == 20
    pool.cancel("b"), pool.release("a")
    assert pool.memory() == 0


# ---- the wall-clock limit ---------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, minutes",
    [("", 20.0), ("many", 20.0), ("nan", 20.0), ("0", None), ("-3", None), ("1.5", 1.5)],
)
def test_the_run_limit_comes_from_the_environment(monkeypatch, raw, minutes):
    monkeypatch.setenv(engine_jobs.LIMIT_ENV, raw)
    assert engine_jobs.run_limit_minutes() == minutes


def test_a_run_stops_itself_at_the_limit_and_keeps_its_work(monkeypatch):
    monkeypatch.setenv(engine_jobs.LIMIT_ENV, str(0.5 / 60))  # half a second
    job = task_job(max_steps=LONG, epochs=LONG)
    started = time.monotonic()
    assert job.start()
    job.join(60)
    s = job.status()
    assert time.monotonic() - started < 30
    assert s.state == "stopped" and s.time_limited and "time limit of 0.00833333 min" in s.message
    assert s.step > 0 and len(s.train_loss) > 0 and job.snapshots()  # nothing lost
    weights = [p.detach().clone() for p in job.model.parameters()]
    monkeypatch.setenv(engine_jobs.LIMIT_ENV, "0")  # resumed without a limit: goes on
    # restore_best off: five more steps that do not beat the best validation loss would
    # otherwise end on the weights they started from, and the check below would not see
    # the training that happened.
    assert job.resume(
        TrainConfig(
            batch_size=32,
            lr=0.01,
            device="cpu",
            epochs=LONG,
            max_steps=s.step + 5,
            restore_best=False,
        )
    )
    job.join(60)
    after = job.status()
    assert after.state == "done" and not after.time_limited and after.step == s.step + 5
    assert after.train_steps[: len(s.train_steps)] == s.train_steps
    assert any((p != w).any() for p, w in zip(job.model.parameters(), weights, strict=True))


def test_a_lab_run_stops_at_the_limit_too(monkeypatch):
    monkeypatch.setenv(engine_jobs.LIMIT_ENV, str(0.3 / 60))
    job = ExplodeJob(ExplodeConfig(seq_len=10, hidden_size=8, samples=256, steps=10**7, clip=1.0))
    job.start()
    job.join(60)
    s = job.status()
    assert s.state == "stopped" and s.time_limited and len(s.steps) > 0


def test_an_estimate_past_the_limit_says_where_it_would_stop():
    assert run_length.steps_by_limit(1000, 60.0, 20.0) is None  # a minute: in time
    assert run_length.steps_by_limit(1000, 60.0, None) is None  # no limit
    assert run_length.steps_by_limit(1000, 4800.0, 20.0) == 250  # 80 min: a quarter of it
    assert run_length.duration(30) == ("seconds", 30)
    assert run_length.duration(600) == ("minutes", 10)
    assert run_length.duration(5 * 3600) == ("hours", 5)
    assert run_length.duration(158 * 86400) == ("days", 158)


# ---- memory: snapshots, copies and the server's share ------------------------------------
@pytest.mark.parametrize(
    "task, cfg, seq_len",
    [
        (
            "adding",
            ModelConfig(
                cell="lstm", input_size=2, hidden_size=16, num_layers=2, bidirectional=True
            ),
            12,
        ),
        ("future", ModelConfig(cell="gru", input_size=1, hidden_size=8, mode="many_to_many"), 20),
        (
            "future",
            ModelConfig(cell="rnn_tanh", input_size=1, hidden_size=24, mode="many_to_many"),
            200,
        ),
        ("recall", ModelConfig(cell="lstm", input_size=1, hidden_size=8), 30),
    ],
)
def test_the_snapshot_estimate_is_what_a_snapshot_holds(task, cfg, seq_len):
    """Measured on real snapshots, with gradients (the start one has them) and connectivity
    (recorded up to CONN_MAX_CELLS: the 200-step many-to-many one's is not)."""
    recorder = SnapshotRecorder(
        build_model(cfg), make_task(task, 64, seq_len), TrainConfig(probe_count=2)
    )
    recorder.record_later(0, 0, None)  # the start snapshot: traced with gradients
    snap = recorder.items()[0]
    assert snap.grads is not None
    arrays = [snap.grads, snap.conn] + [a for tr in snap.traces for a in (tr.output, tr.inputs)]
    arrays += [
        a
        for tr in snap.traces
        for dirs in tr.layers
        for d in dirs
        for a in (d.h, d.c, *d.gates.values())
    ]
    held = sum(a.nbytes for a in arrays if a is not None)
    assert held <= snapshot_bytes(cfg, seq_len, 2) <= 1.02 * held


def test_the_heavy_link_counts_its_snapshots_and_is_refused_with_advice():
    """w=1000 h=512 l=4 bi=1 bs=1: the step alone looked like 0.59 GiB; each snapshot is
    195 MiB and a job keeps up to 202 of them."""
    cfg = ModelConfig(cell="lstm", input_size=1, hidden_size=512, num_layers=4, bidirectional=True)
    req = RunRequest(cfg, 1, 1000)
    n, each = req.snapshot_memory
    assert n == 202 and 190 < each / 2**20 < 200
    assert training_memory(cfg, 1, 1000, snapshots=0) < 2**30  # the step and weight copies
    assert req.memory > 38 * 2**30
    msg = admit([req])
    assert msg and "GiB of memory" in msg and "training snapshots" in msg and "window" in msg


def test_weight_copies_are_counted():
    cfg = ModelConfig(cell="gru", hidden_size=256, num_layers=2)
    params = sum(p.numel() for p in build_model(cfg).parameters())
    assert training_memory(cfg, 1, 1, snapshots=0) >= 4 * (4 + limits.MODEL_COPIES) * params


def test_a_request_counts_the_snapshots_its_job_keeps():
    cfg = ModelConfig(hidden_size=64)
    default = training_request(cfg, TrainConfig(), 50)
    assert default.snapshot_memory[0] == TrainConfig().max_snapshots + 2
    assert default.memory == RunRequest(cfg, 64, 50).memory
    race_like = training_request(cfg, TrainConfig(max_steps=500, snapshot_every=10**9), 50)
    assert race_like.snapshot_memory[0] == 2 and race_like.memory < default.memory
    few = training_request(cfg, TrainConfig(max_snapshots=10, probe_count=1), 50)
    assert few.snapshot_memory == (12, snapshot_bytes(cfg, 50, 1))


def test_the_whole_server_memory_is_checked(monkeypatch):
    req = RunRequest(ModelConfig(hidden_size=64), 64, 50)
    monkeypatch.setattr(limits, "machine_memory", lambda: int(10 * req.memory))
    assert admit([req], server_held=0) is None
    held = int(limits.SERVER_SHARE * 10 * req.memory)  # the server's share is all taken
    msg = admit([req], server_held=held)
    assert msg.startswith(
        t(
            "fairness.memory_server",
            need=req.memory / 2**30,
            held=held / 2**30,
            limit=limits.SERVER_SHARE * 10 * req.memory / 2**30,
        )
    )
    assert "Wait for some to finish" in msg and "batch size" in msg


def test_a_container_limit_lowers_the_machine_memory(monkeypatch, tmp_path):
    cap = tmp_path / "memory.max"
    cap.write_text("1073741824\n")
    monkeypatch.setattr(limits, "CGROUP_LIMIT", str(cap))
    assert limits.machine_memory() == 2**30
    cap.write_text("max\n")
    assert limits.machine_memory() > 2**28


# ---- sessions: only a session that really ended stops its jobs ---------------------------
class _Job:
    def __init__(self):
        self.stopped = 0

    def stop(self):
        self.stopped += 1


def test_a_session_ends_after_two_sweeps_that_find_it_gone():
    book, alive, dead = sessions.Book(), _Job(), _Job()
    book.add("here", alive), book.add("closed", dead)
    gone = {"closed"}.__contains__
    suspects = sessions.sweep(book, gone, set())
    assert suspects == {"closed"} and dead.stopped == 0  # one look is not enough
    suspects = sessions.sweep(book, gone, suspects)
    assert dead.stopped == 1 and alive.stopped == 0 and book.sessions() == ["here"]
    back = sessions.sweep(book, lambda s: False, {"here"})  # reconnected in between
    assert back == set() and alive.stopped == 0


def test_without_a_server_runtime_no_session_is_gone():
    assert browser.gone("test session id") is False


def test_a_server_runtime_tells_which_sessions_are_gone(monkeypatch):
    class Runtime:
        @staticmethod
        def exists():
            return True

        @classmethod
        def instance(cls):
            return cls()

        def is_active_session(self, session):
            return session == "connected"

    monkeypatch.setattr(browser, "Runtime", Runtime)
    assert [browser.gone(s) for s in ("connected", "closed")] == [False, True]


def _masked(token: bytes, mask: bytes) -> str:
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
    return f"2|{binascii.b2a_hex(mask).decode()}|{binascii.b2a_hex(masked).decode()}|1700000000"


def test_a_browser_is_its_xsrf_token_whatever_the_mask(monkeypatch):
    token, other = bytes(range(16)), bytes(range(1, 17))
    cookie = {}
    monkeypatch.setattr(browser, "_cookies", lambda: cookie)
    owners = []
    for value in (
        _masked(token, b"\x01\x02\x03\x04"),
        _masked(token, b"\xff\x00\x10\x20"),
        _masked(other, b"\x01\x02\x03\x04"),
        binascii.b2a_hex(token).decode(),
    ):
        cookie[browser.XSRF_COOKIE] = value
        owners.append(browser.owner())
    assert owners[0] == owners[1] == owners[3] != owners[2]
    assert token.hex() not in owners[0]  # kept hashed
    for bad in ("2|zz|00|1", "2|0102|00", "", "not hex"):
        cookie[browser.XSRF_COOKIE] = bad
        assert browser.owner().startswith("session:")


# ---- the pages ----------------------------------------------------------------------------
def _tab() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _train(at: AppTest, epochs: int = 5000) -> None:
    page(at, "train")
    at.number_input(key="epochs").set_value(epochs).run()
    at.button(key="train").click().run()
    assert not at.exception, at.exception


def _stop_all(*tabs) -> None:
    for at in tabs:
        for job in list(state.workspace(at.session_state).jobs.values()):
            job.stop()
    join_workers()


def test_a_cache_clear_stops_no_training(app):
    load_sample(app, "airline")
    _train(app)
    job = state.workspace(app.session_state).jobs["main"]
    assert until(lambda: job.active, 60)
    st.cache_resource.clear()  # what a client's clear_cache message did to every session
    time.sleep(0.5)
    try:
        assert job.active and job.status().state == "running"
        app.run()
        assert not app.exception, app.exception
        assert state.workspace(app.session_state).jobs["main"] is job
    finally:
        _stop_all(app)
    assert job.status().state == "stopped"


def test_tabs_of_one_browser_share_the_caps_and_others_train(app, monkeypatch):
    """Three tabs of one browser: the first trains, the second waits for it (a slot is
    free: others may take it), the third is refused with what to do; another browser
    trains at once."""
    cookie = {browser.XSRF_COOKIE: _masked(bytes(range(16)), b"\x01\x02\x03\x04")}
    monkeypatch.setattr(browser, "_cookies", lambda: dict(cookie))
    monkeypatch.setattr(train_queue, "_SERVER", Slots(3, caps=(1, 1)))
    tabs = [app, _tab(), _tab()]
    try:
        for at in tabs:
            load_sample(at, "airline")
        _train(tabs[0])
        _train(tabs[1])
        assert "Waiting for your other run to finish" in texts(tabs[1].info)
        assert "waiting for your other run" in texts(tabs[1].sidebar.markdown)
        second = state.workspace(tabs[1].session_state).jobs["main"]
        assert not second.active and second.status().step == 0
        _train(tabs[2])
        assert "this browser already has 1 run(s) training and 1 waiting" in texts(tabs[2].error)
        assert "main" not in state.workspace(tabs[2].session_state).jobs  # nothing built
        cookie[browser.XSRF_COOKIE] = _masked(bytes(range(2, 18)), b"\x05\x06\x07\x08")
        _train(tabs[2])  # another browser: it trains, past the waiting job
        third = state.workspace(tabs[2].session_state).jobs["main"]
        assert not tabs[2].error and until(lambda: third.active or third.status().step > 0, 60)
        first = state.workspace(tabs[0].session_state).jobs["main"]
        first.stop()  # the first tab's run ends: the second tab's starts by itself
        assert until(lambda: second.active or second.status().step > 0, 60)
    finally:
        _stop_all(*tabs)


def test_a_race_waits_behind_the_same_browsers_training(app, monkeypatch):
    monkeypatch.setattr(train_queue, "_SERVER", Slots(3, caps=(1, 1)))
    load_sample(app, "airline")
    _train(app)
    try:
        page(app, "compare")
        app.button(key="race_start").click().run()
        assert not app.exception, app.exception
        assert "Waiting for your other run to finish" in texts(app.info)
        assert app.button(key="race_start").disabled and not app.button(key="race_stop").disabled
        page(app, "lab")
        app.button(key="lab_mem_run").click().run()
        assert "this browser already has 1 run(s) training and 1 waiting" in texts(app.error)
        assert state.LAB_MEM_INFO.get(app.session_state) is None
    finally:
        _stop_all(app)


def test_the_train_page_says_the_limit_and_flags_a_run_past_it(app, monkeypatch):
    load_sample(app, "airline")
    page(app, "train")
    assert "Runs on this server stop after 20 min" in texts(app.caption)
    assert "stop after 20 min: it would stop near step" not in texts(app.warning)
    monkeypatch.setenv(engine_jobs.LIMIT_ENV, "0.05")  # 3 s
    app.number_input(key="epochs").set_value(5000).run()
    assert "Runs on this server stop after 0.05 min" in texts(app.caption)
    assert "runs on this server stop after 0.05 min: it would stop near step" in texts(app.warning)
    app.button(key="train").click().run()
    job = state.workspace(app.session_state).jobs["main"]
    job.join(60)
    app.run()
    assert not app.exception, app.exception
    s = job.status()
    assert s.state == "stopped" and s.time_limited and s.step < s.total_steps
    assert "Stopped at this server's time limit of 0.05 min" in texts(app.warning)
    assert not app.button(key="resume").disabled  # Resume goes on
