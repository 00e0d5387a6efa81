"""The fair training queue (rnnviz.server.train_queue): FIFO admission to a server's training slots,
cancel and release, positions, thread safety, and real TrainJobs that wait their turn."""

from __future__ import annotations

import threading
import time

import pytest

from apphelpers import join_workers, load_sample, page, task_job, until
from rnnviz.server import train_queue
from rnnviz.server.train_queue import Slots, launch
from rnnviz.train.job import TrainConfig
from rnnviz.ui import state

LONG = 100_000  # steps (and epochs) no test waits for: the job is stopped


pytestmark = pytest.mark.usefixtures("fresh_sessions")  # each test trains its own job


def test_first_come_first_served():
    pool = Slots(2)
    assert [pool.enqueue(x) for x in "abcde"] == [0, 0, 1, 2, 3]
    assert pool.load() == (2, 3)
    assert pool.ahead("e") == 2 and pool.ahead("a") is None and pool.position("zz") is None
    assert pool.release("b") and pool.position("c") == 0  # the first in line, not the last
    assert [pool.position(x) for x in "de"] == [1, 2]
    assert not pool.release("b")  # twice: nothing more freed
    assert pool.load() == (2, 2)


def test_enqueue_twice_keeps_the_place():
    pool = Slots(1)
    pool.enqueue("a"), pool.enqueue("b"), pool.enqueue("c")
    assert pool.enqueue("b") == 1 and pool.enqueue("a") == 0 and pool.load() == (1, 2)


def test_cancel_leaves_the_line_and_the_rest_move_up():
    pool = Slots(1)
    for x in "abcd":
        pool.enqueue(x)
    assert pool.cancel("b") and not pool.cancel("b")
    assert [pool.position(x) for x in "acd"] == [0, 1, 2] and pool.position("b") is None
    assert not pool.cancel("a") and pool.holds("a")  # a slot held is kept until released
    pool.release("a")
    assert pool.holds("c") and pool.ahead("d") == 0


def test_wait_returns_on_its_turn_or_when_cancelled():
    pool = Slots(1)
    pool.enqueue("a"), pool.enqueue("b"), pool.enqueue("c")
    assert pool.wait("b", timeout=0.05) is False  # still in line
    threading.Timer(0.1, pool.release, ("a",)).start()
    threading.Timer(0.1, pool.cancel, ("c",)).start()
    assert pool.wait("b", timeout=10) is True
    assert pool.wait("c", timeout=10) is False


def test_resize_admits_the_next_in_line():
    pool = Slots(1)
    pool.enqueue("a"), pool.enqueue("b"), pool.enqueue("c")
    pool.resize(2)
    assert pool.holds("b") and pool.ahead("c") == 0


def test_the_number_of_slots_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(train_queue.ENV, "3")
    assert Slots().slots == 3
    for bad in ("", "0", "-2", "many"):
        monkeypatch.setenv(train_queue.ENV, bad)
        assert train_queue.default_slots() >= 1 and Slots().slots == (
            __import__("os").cpu_count() or 1
        )


def test_many_threads_never_overfill_the_slots():
    pool, lock = Slots(3), threading.Lock()
    inside, most, done = [0], [0], []

    def worker(n):
        pool.enqueue(n)
        assert pool.wait(n, timeout=30)
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.002)
        with lock:
            inside[0] -= 1
            done.append(n)
        pool.release(n)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(60)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert sorted(done) == list(range(60)) and most[0] == 3 and pool.load() == (0, 0)


def test_twotask_jobs_with_one_slot_take_turns():
    pool = Slots(1)
    first, second = task_job(max_steps=LONG, epochs=LONG), task_job(max_steps=5)
    assert launch(first, pool=pool) == 0 and first.active
    assert launch(second, pool=pool) == 1  # the script run is not blocked
    time.sleep(0.3)
    assert not second.active and second.status().step == 0 and pool.ahead(second) == 0
    assert pool.load() == (1, 1)
    first.stop()  # its thread ends: the slot passes on, the second starts by itself
    assert until(lambda: second.status().state == "done")
    assert second.status().step == 5
    assert first.status().state == "stopped" and first.status().step > 0  # nothing lost
    assert until(lambda: pool.load() == (0, 0))


def test_stop_takes_a_waiting_job_out_of_the_line():
    pool = Slots(1)
    first, second, third = (task_job(max_steps=n, epochs=LONG) for n in (LONG, 3, 3))
    launch(first, pool=pool), launch(second, pool=pool), launch(third, pool=pool)
    second.stop()  # as the Stop button, a dropped job or a closed tab does
    assert pool.position(second) is None and pool.ahead(third) == 0
    first.stop()
    assert until(lambda: third.status().state == "done")
    time.sleep(0.2)
    assert second.status().step == 0 and second.status().state != "running"
    assert until(lambda: pool.load() == (0, 0))


def test_a_finished_job_resumes_through_the_queue():
    pool = Slots(1)
    job = task_job(max_steps=3)
    launch(job, pool=pool)
    job.join(30)
    assert until(lambda: pool.load() == (0, 0))
    blocker = object()
    pool.enqueue(blocker)
    assert (
        launch(
            job,
            lambda: job.resume(TrainConfig(batch_size=32, lr=0.01, device="cpu", max_steps=6)),
            pool=pool,
        )
        == 1
    )
    time.sleep(0.2)
    assert job.status().step == 3  # waits: the blocker holds the only slot
    pool.release(blocker)
    assert until(lambda: job.status().state == "done" and job.status().step == 6)


# ---- the Train page, with the server's only slot taken ---------------------------------
@pytest.fixture
def one_slot(monkeypatch):
    """The server's queue with one slot (as RNNVIZ_TRAINING_SLOTS=1), held by another user."""
    monkeypatch.setenv(train_queue.ENV, "1")
    pool = Slots()
    monkeypatch.setattr(train_queue, "_SERVER", pool)
    other = object()
    assert pool.enqueue(other) == 0
    yield pool, other
    pool.release(other)


def _texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def _train_page(app):
    load_sample(app, "airline")
    page(app, "train")
    app.number_input(key="epochs").set_value(2).run()
    app.button(key="train").click().run()
    assert not app.exception, app.exception
    return state.workspace(app.session_state).jobs["main"]


def test_the_train_page_waits_for_a_slot_then_trains_by_itself(app, one_slot):
    pool, other = one_slot
    job = _train_page(app)
    assert "Waiting for a free training slot — 0 ahead of you" in _texts(app.info)
    assert "server: 1 training, 1 waiting" in _texts(app.sidebar.caption)
    assert app.button(key="train").disabled and not app.button(key="stop").disabled
    assert not job.active and job.status().step == 0
    pool.release(other)  # the other user's job ends: this one starts without a click
    assert until(lambda: job.status().state == "done", 120)
    join_workers()
    app.run()
    assert not app.exception, app.exception
    assert "Waiting for a free training slot" not in _texts(app.info)
    assert job.status().epoch == 2
    assert until(lambda: pool.load() == (0, 0))  # its watcher gave the slot back


def test_stop_leaves_the_queue_on_the_train_page(app, one_slot):
    pool, other = one_slot
    job = _train_page(app)
    assert pool.load() == (1, 1)
    app.button(key="stop").click().run()
    assert not app.exception, app.exception
    assert pool.load() == (1, 0) and "Waiting for a free training slot" not in _texts(app.info)
    assert not app.button(key="train").disabled
    pool.release(other)
    time.sleep(0.5)
    assert job.status().step == 0 and not job.active  # it never starts after its Stop


def test_a_closed_tab_leaves_the_queue(one_slot):
    """An ended session's jobs (rnnviz.server.owners, swept by rnnviz.ui.jobs) are all stopped:
    a job waiting in line leaves it and never starts."""
    pool, other = one_slot
    from rnnviz.server import owners

    job = task_job(max_steps=3)
    assert launch(job) == 1 and pool.load() == (1, 1)
    book = owners.Book()
    book.add("closed tab", job)
    owners.sweep(book, lambda s: True, owners.sweep(book, lambda s: True, set()))
    assert pool.load() == (1, 0)
    pool.release(other)
    time.sleep(0.3)
    assert job.status().step == 0 and not job.active
