"""The live training of a name classifier, and its model file."""

from __future__ import annotations

import json
import struct

import numpy as np
import pandas as pd
import pytest
import torch

from rnnviz.data.labels import LabelConfig, prepare_labels
from rnnviz.files.classifier_file import classifier_bytes, load_classifier
from rnnviz.files.model_file import load_model
from rnnviz.model.classifier import ClassifierConfig, build_classifier
from rnnviz.train.classify_job import MAX_CLASS_SNAPSHOTS, ClassifyJob, epoch_order, evaluate
from rnnviz.train.job import TrainConfig

ENDINGS = {"Russian": "ov", "Japanese": "mura", "Irish": "ey", "Italian": "ini"}


def _names(per_class: int = 60, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for label, end in ENDINGS.items():
        for _ in range(per_class):
            stem = "".join(rng.choice(list("abcdefghiklmnoprstu"), int(rng.integers(2, 6))))
            rows.append((stem.capitalize() + end, label))
    return pd.DataFrame(rows, columns=["name", "language"])


@pytest.fixture(scope="module")
def data():
    return prepare_labels(_names(), LabelConfig("name", "language"))


def _job(data, epochs=3, **kw):
    cfg = ClassifierConfig(
        len(data.vocab),
        len(data.classes),
        cell=kw.pop("cell", "gru"),
        hidden_size=16,
        bidirectional=kw.pop("bidirectional", False),
    )
    train = TrainConfig(lr=0.01, batch_size=32, epochs=epochs, device="cpu", **kw)
    return ClassifyJob(build_classifier(cfg, seed=0), data, train)


def _run(job):
    job.start()
    job.join(120)
    return job.status()


def test_trains_to_the_end_and_learns_the_endings(data):
    s = _run(_job(data, epochs=8))
    assert s.state == "done", s.message
    per_epoch = -(-len(data.rows("train")) // 32)
    assert s.step == s.total_steps == 8 * per_epoch
    assert len(s.train_loss) == s.step and len(s.val_acc) == len(s.val_loss) == 8
    assert np.mean(s.train_loss[-per_epoch:]) < 0.5 * np.mean(s.train_loss[:per_epoch])
    assert s.val_acc[-1] > 0.6  # the endings tell the class; chance is 0.25


def test_the_same_seed_gives_the_same_losses(data):
    a, b = _run(_job(data, epochs=2)), _run(_job(data, epochs=2))
    assert a.train_loss == b.train_loss


def test_each_epoch_reads_every_training_name_once(data):
    rows = data.rows("train")
    order = epoch_order(rows, 0, 3)
    assert sorted(order.tolist()) == rows.tolist()
    assert not np.array_equal(order, epoch_order(rows, 0, 4))


def test_snapshots_are_capped_and_span_the_run(data):
    job = _job(data, epochs=20)
    s = _run(job)
    snaps = job.snapshots()
    assert 2 <= len(snaps) <= MAX_CLASS_SNAPSHOTS
    assert snaps[0].step == 0 and snaps[-1].step == s.step
    first = build_classifier(job.model.cfg)
    first.load_state_dict(snaps[0].state)
    assert not torch.equal(first.head.weight, job.model.head.weight)  # weights of their step


def test_stop_then_resume_goes_on_from_the_same_step(data):
    job = _job(data, epochs=30)
    job.start()
    while job.status().step < 5:
        pass
    job.stop()
    job.join(60)
    stopped = job.status()
    assert stopped.state == "stopped" and 5 <= stopped.step < stopped.total_steps
    s = _run_resume(job, TrainConfig(lr=0.01, batch_size=32, epochs=31, device="cpu"))
    assert s.state == "done" and s.step == s.total_steps > stopped.step


def _run_resume(job, cfg):
    job.resume(cfg)
    job.join(120)
    return job.status()


def test_weighted_classes_change_the_loss():
    skewed = pd.concat([_names(), _names(40, seed=1).query("language == 'Irish'")])
    plain = prepare_labels(skewed, LabelConfig("name", "language"))
    weighted = prepare_labels(skewed, LabelConfig("name", "language", weight_classes=True))
    assert plain.weights is None and weighted.weights.max() > weighted.weights.min()
    assert _run(_job(plain, epochs=1)).train_loss != _run(_job(weighted, epochs=1)).train_loss


def test_evaluate_matches_the_models_answers(data):
    job = _job(data, epochs=2)
    _run(job)
    rows = data.rows("test")
    loss, acc, pred = evaluate(job.model, data, rows)
    with torch.no_grad():
        job.model.eval()
        logits = job.model(torch.as_tensor(data.ids[rows]), torch.as_tensor(data.lengths[rows]))
    assert np.array_equal(pred, logits.argmax(1).numpy())
    assert acc == pytest.approx(float((pred == data.y[rows]).mean()))
    assert np.isfinite(loss)


# ---- the model file -----------------------------------------------------------------------
@pytest.mark.parametrize("cell,bi", [("gru", False), ("lstm", True), ("rnn_tanh", False)])
def test_the_file_gives_back_the_same_answers(data, cell, bi):
    job = _job(data, epochs=1, cell=cell, bidirectional=bi)
    _run(job)
    model, classes, vocab, cfg = load_classifier(classifier_bytes(job.model, data))
    assert classes == data.classes and vocab.chars == data.vocab.chars and cfg == data.cfg
    ids, n = torch.as_tensor(data.ids[:20]), torch.as_tensor(data.lengths[:20])
    job.model.eval()
    with torch.no_grad():
        assert torch.equal(model(ids, n), job.model(ids, n))


def _tampered(raw: bytes, change) -> bytes:
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    change(header["__metadata__"])
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + raw[8 + size :]


def _model_meta(key, value):
    def change(meta):
        d = json.loads(meta["model"])
        d[key] = value
        meta["model"] = json.dumps(d)

    return change


def _prep_meta(key, value):
    def change(meta):
        d = json.loads(meta["preparation"])
        d[key] = value
        meta["preparation"] = json.dumps(d)

    return change


@pytest.mark.parametrize(
    "change,words",
    [
        (_model_meta("num_classes", 10**9), "cap"),
        (_model_meta("hidden_size", 10**7), "cap"),
        (_model_meta("hidden_size", 8.5), "hidden_size"),
        (_model_meta("cell", "transformer"), "cell"),
        (_prep_meta("classes", ["a"] * 4), "class"),
        (_prep_meta("vocab", "ab"), "alphabet"),
        (_model_meta("hidden_size", 17), "shape"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(data, change, words):
    job = _job(data, epochs=1)
    raw = _tampered(classifier_bytes(job.model, data), change)
    with pytest.raises(ValueError, match=words):
        load_classifier(raw)


def test_each_loader_refuses_the_others_file(data):
    job = _job(data, epochs=1)
    with pytest.raises(ValueError, match="classifier"):
        load_model(classifier_bytes(job.model, data))
    with pytest.raises(ValueError):
        load_classifier(b"not a model at all")
