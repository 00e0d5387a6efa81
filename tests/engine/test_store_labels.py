"""A name classifier's run in the server's store: packed with the work, back on the same data."""

from __future__ import annotations

import numpy as np
import torch

from rnnviz.data.labels import LabelConfig
from rnnviz.files import store_labels, store_pack
from rnnviz.model.classifier import ClassifierConfig, build_classifier
from rnnviz.session import workspace
from rnnviz.session.run import Origin, Run
from rnnviz.train.classify_job import ClassifyJob
from rnnviz.train.job import TrainConfig


def _work(max_len: int = 32):
    ds = workspace.load_sample("names")
    cfg = LabelConfig("name", "language", max_len=max_len)
    ws = workspace.Workspace()
    ws.set_dataset(ds, cfg)
    data = ws.prepared
    model = build_classifier(ClassifierConfig(len(data.vocab), len(data.classes), hidden_size=8))
    job = ClassifyJob(model, data, TrainConfig(epochs=1, batch_size=512, device="cpu", max_steps=6))
    job.start()
    job.join(60)
    ws.run = Run(job, data, Origin.of(ds))
    return ws


def test_a_classifier_comes_back_with_its_progress_and_answers():
    ws = _work()
    files = store_pack.pack(ws, {})
    assert store_labels.WEIGHTS in files
    back = store_pack.unpack(files)
    assert back.run is not None and back.run.is_labels and "run" not in back.skipped
    old, new = ws.run.job.status(), back.run.job.status()
    assert (new.step, new.train_loss, new.state) == (old.step, old.train_loss, old.state)
    assert back.run.id == ws.run.id
    rows = ws.run.data.rows("test")[:50]
    ids, n = torch.as_tensor(ws.run.data.ids[rows]), torch.as_tensor(ws.run.data.lengths[rows])
    ws.run.model.eval()
    back.run.model.eval()
    with torch.no_grad():
        assert torch.equal(back.run.model(ids, n), ws.run.model(ids, n))
    assert np.array_equal(back.run.data.part, ws.run.data.part)  # the same split


def test_a_classifier_of_other_data_is_skipped_and_the_data_stay():
    ws = _work()
    files = store_pack.pack(ws, {})
    other = _work(max_len=4)  # other letters read: other ids
    files[store_labels.WEIGHTS] = store_pack.pack(other, {})[store_labels.WEIGHTS]
    files[store_pack.WORK] = store_pack.pack(ws, {})[store_pack.WORK]
    back = store_pack.unpack(files)
    assert back.dataset is not None and back.run is None and "run" in back.skipped


def test_a_damaged_classifier_file_is_skipped():
    ws = _work()
    files = store_pack.pack(ws, {})
    files[store_labels.WEIGHTS] = files[store_labels.WEIGHTS][:100]
    back = store_pack.unpack(files)
    assert back.run is None and "run" in back.skipped and back.dataset is not None
