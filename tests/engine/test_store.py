"""The server's store of saved work (rnnviz.files.store, rnnviz.files.store_pack,
rnnviz.files.store_run):
round trip, damaged files, expiry and the cap, a full disk, ids that are not ours."""

from __future__ import annotations

import errno
import io
import json
import os

import numpy as np
import pandas as pd
import pytest

from rnnviz.files import store, store_pack, store_run
from rnnviz.model.network import build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.run import Origin, Run
from rnnviz.session.workspace import (
    DEFAULT_MODEL,
    Dataset,
    Workspace,
    default_series_config,
    load_sample,
)
from rnnviz.train.job import TrainConfig, TrainJob


def _trained_workspace(ds: Dataset | None = None) -> Workspace:
    ws = Workspace()
    ds = ds or load_sample("airline")
    ws.set_dataset(ds, default_series_config(ds))
    cfg = model_config_for(ws.prepared, DEFAULT_MODEL)
    job = TrainJob(build_model(cfg), ws.prepared.windows, TrainConfig(epochs=3, device="cpu"))
    job.run()
    ws.run = Run(job, ws.prepared, Origin.of(ds))
    ws.model_cfg, ws.train_cfg = DEFAULT_MODEL, TrainConfig(epochs=3, lr=0.01)
    return ws


@pytest.fixture(scope="module")
def trained() -> Workspace:
    return _trained_workspace()


def _upload() -> Dataset:
    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {
            "day": pd.date_range("2020-01-01", periods=200, freq="D"),
            "temp": rng.normal(10, 3, 200).round(2),
        }
    )
    return Dataset("my temps.csv", "series", table=table, digest="abc123")


def test_round_trip_of_a_trained_sample_run(tmp_path, trained):
    s, work = store.Store(tmp_path), store.new_id()
    s.save(work, store_pack.pack(trained, {"lesson": "five_days"}))
    loaded = s.load(work)
    r = store_pack.unpack(loaded.files, loaded.damaged)
    assert not r.skipped
    assert r.dataset.sample.key == "airline" and r.prep_cfg == trained.prep_cfg
    assert r.model_cfg == trained.model_cfg and r.train_cfg == trained.train_cfg
    assert r.choices == {"lesson": "five_days"}
    old, new = trained.run, r.run
    assert new.id == old.id and new.origin == old.origin
    a, b = old.job.status(), new.job.status()
    assert (b.state, b.step, b.epoch) == (a.state, a.step, a.epoch)
    assert b.train_loss == a.train_loss and b.val_loss == a.val_loss
    assert b.best_step == a.best_step
    assert b.epoch_steps == a.epoch_steps and len(a.epoch_steps) == a.epoch  # the loss log's
    for (k, v), w in zip(
        old.model.state_dict().items(), new.model.state_dict().values(), strict=True
    ):
        assert np.array_equal(v.numpy(), w.numpy()), k
    assert [s.step for s in new.job.snapshots()] == [s.step for s in old.job.snapshots()]
    h_old = old.job.snapshots()[-1].traces[0].layers[0][0].h
    assert np.array_equal(new.job.snapshots()[-1].traces[0].layers[0][0].h, h_old)
    np.testing.assert_array_equal(new.data.values, old.data.values)


def test_an_upload_table_and_a_text_come_back(tmp_path):
    ws = Workspace()
    ds = _upload()
    ws.set_dataset(ds, default_series_config(ds))
    r = store_pack.unpack(store_pack.pack(ws, {}))
    pd.testing.assert_frame_equal(r.dataset.table, ds.table)
    assert (r.dataset.label, r.dataset.digest, r.prep_cfg) == (ds.label, ds.digest, ws.prep_cfg)
    text = Workspace()
    from rnnviz.data.text import TextConfig

    text.set_dataset(
        Dataset("poem.txt", "text", text="春眠不觉晓 " * 50, digest="t1"), TextConfig(seq_len=16)
    )
    back = store_pack.unpack(store_pack.pack(text, {}))
    assert back.dataset.text == text.dataset.text and back.prep_cfg == TextConfig(seq_len=16)


def test_a_running_run_comes_back_stopped_where_it_was_saved(trained):
    files = store_pack.pack(trained, {})
    history = json.loads(files[store_run.HISTORY])
    history["status"]["state"] = "running"
    files[store_run.HISTORY] = json.dumps(history).encode()
    run = store_pack.unpack(files).run
    assert run.job.status().state == "stopped" and store_run.was_running(run.job)
    assert run.job.resume() and (run.job.join(60) or True)  # Resume goes on from that step
    assert run.job.status().step >= history["status"]["step"]


@pytest.mark.parametrize("victim", [store_run.WEIGHTS, store_run.HISTORY, store_run.SNAPS])
def test_a_damaged_run_file_is_skipped_and_the_rest_loads(tmp_path, trained, victim):
    s, work = store.Store(tmp_path), store.new_id()
    s.save(work, store_pack.pack(trained, {}))
    path = next((tmp_path / "work").iterdir()) / victim
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])  # a save killed half way through this file
    loaded = s.load(work)
    assert loaded.damaged == [victim]
    r = store_pack.unpack(loaded.files, loaded.damaged)
    assert r.skipped == ["run"] and r.run is None
    assert r.dataset is not None and r.model_cfg == trained.model_cfg


def test_garbage_that_passes_the_manifest_is_still_skipped(trained):
    files = store_pack.pack(trained, {})
    files[store_run.WEIGHTS] = b"\x08" + b"\x00" * 7 + b"{}" * 4  # a forged, vouched-for file
    files[store_run.SNAPS] = os.urandom(64)
    r = store_pack.unpack(files)
    assert r.run is None and r.skipped == ["run"] and r.dataset is not None
    files[store_pack.WORK] = b"{not json"
    assert store_pack.unpack(files).skipped == ["work"]


def test_a_missing_manifest_or_a_temp_file_left_behind(tmp_path, trained):
    s, work = store.Store(tmp_path), store.new_id()
    s.save(work, store_pack.pack(trained, {}))
    folder = next((tmp_path / "work").iterdir())
    (folder / ".tmp-abc").write_bytes(b"half")  # a server killed before os.replace
    assert s.load(work).damaged == []
    (folder / store.MANIFEST).write_bytes(b"\x00garbage")
    assert s.load(work) is None  # nothing vouched for: a fresh workspace


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "",
        "../../etc/passwd",
        "x" * 31,
        "x" * 33,
        "a/b" + "c" * 29,
        "é" * 32,
        42,
        "A" * 10_000,
    ],
)
def test_ids_that_are_not_ours_reach_no_path(tmp_path, forged):
    s = store.Store(tmp_path)
    assert not store.valid_id(forged)
    assert s.load(forged) is None
    s.forget(forged)
    with pytest.raises(ValueError):
        s.save(forged, {"work.json": b"{}"})
    assert store.valid_id(store.new_id())
    assert store.Store(tmp_path).load(store.new_id()) is None  # a valid id with no work


def test_expiry_after_the_idle_time(tmp_path):
    s = store.Store(tmp_path, idle_seconds=100)
    old, new = store.new_id(), store.new_id()
    s.save(old, {"work.json": b"1"}, now=1000)
    s.save(new, {"work.json": b"2"}, now=1050)
    assert s.load(old, now=1099) is not None  # used at 1099: 100 s more from there
    assert s.load(old, now=1250) is None  # idle past the time: removed
    assert s.evict(now=1160) == 1 and s.load(new, now=1160) is None
    assert not any((tmp_path / "work").iterdir())


def test_the_cap_evicts_the_least_recently_used_first(tmp_path):
    s = store.Store(tmp_path, cap_bytes=250)
    a, b, c = (store.new_id() for _ in range(3))
    s.save(a, {"work.json": b"a" * 100}, now=1)
    s.save(b, {"work.json": b"b" * 100}, now=2)
    s.load(a, now=3)  # a was used after b
    s.save(c, {"work.json": b"c" * 100}, now=4)  # 300 bytes: b, the oldest used, goes
    assert s.load(b, now=5) is None
    assert s.load(a, now=5).files == {"work.json": b"a" * 100}
    assert s.used_bytes() == 200
    with pytest.raises(store.StoreFull):  # one person's work alone over the cap
        s.save(a, {"work.json": b"x" * 251})
    assert s.load(a, now=6).files == {"work.json": b"a" * 100}  # the refused save: no change


def test_a_full_disk_refuses_the_save_and_keeps_the_last_one(tmp_path, monkeypatch):
    s, work = store.Store(tmp_path), store.new_id()
    s.save(work, {"work.json": b"first"})

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "replace", full)
    with pytest.raises(store.StoreFull):
        s.save(work, {"work.json": b"second"})
    monkeypatch.undo()
    assert s.load(work).files == {"work.json": b"first"}
    assert not [
        p for p in next((tmp_path / "work").iterdir()).iterdir() if p.name.startswith(".tmp-")
    ]  # no temp file left behind


def test_the_environment_sets_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_DIR, str(tmp_path / "shared"))
    monkeypatch.setenv(store.ENV_IDLE, "0.5")
    monkeypatch.setenv(store.ENV_CAP, "bad")
    s = store.from_env()
    assert s.root == tmp_path / "shared" and s.idle_seconds == 1800
    assert s.cap_bytes == int(store.DEFAULT_CAP_MB * 1024**2)
    monkeypatch.setenv(store.ENV_DIR, "off")
    assert store.from_env() is None


def test_the_cookie_script_holds_only_a_checked_id():
    work = store.new_id()
    assert f"rnnviz_id={work};" in store.cookie_script("rnnviz_id", work, 60)
    with pytest.raises(ValueError):
        store.cookie_script("rnnviz_id", "x'; alert(1); '" + "x" * 20, 60)


def test_a_stored_table_is_sized_before_it_is_read(monkeypatch):
    buf = io.BytesIO()
    pd.DataFrame({"a": np.arange(1000)}).to_parquet(buf)
    monkeypatch.setattr(store_pack, "MAX_CELLS", 10)
    with pytest.raises(ValueError):
        store_pack._table(buf.getvalue())


def test_stored_epoch_ends_past_the_run_are_dropped(trained):
    files = store_pack.pack(trained, {})
    history = json.loads(files[store_run.HISTORY])
    step, epoch = history["status"]["step"], history["status"]["epoch"]
    history["status"]["epoch_steps"] = [step + 5, "x", *range(1, 10 * epoch)]
    files[store_run.HISTORY] = json.dumps(history).encode()
    ends = store_pack.unpack(files, ()).run.job.status().epoch_steps
    assert len(ends) <= epoch and all(0 <= k <= step for k in ends) and ends == sorted(ends)
