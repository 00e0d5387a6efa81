"""A name classifier's run in the server's store, and back: its file (weights, classes,
alphabet: rnnviz.files.classifier_file) and its progress. Its data are the stored data set
prepared again with the stored settings, which give the same texts, ids and split; a stored
classifier that does not know those classes and letters is not restored."""

from __future__ import annotations

import json
import math
from typing import Any

from rnnviz.data.labels import LabelConfig, LabelledData
from rnnviz.files import store_run
from rnnviz.files.classifier_file import classifier_bytes, load_classifier
from rnnviz.session.run import Origin, Run
from rnnviz.session.workspace import Dataset, prepare
from rnnviz.train.classify_job import ClassifyJob

WEIGHTS = "classifier.safetensors"


def pack(run: Run) -> dict[str, bytes]:
    assert isinstance(run.data, LabelledData)  # a classifier's run
    history = store_run.history(run) | {"val_acc": getattr(run.job.status(), "val_acc", [])}
    return {
        WEIGHTS: classifier_bytes(run.model, run.data),
        store_run.HISTORY: json.dumps(history).encode(),
    }


def unpack(files: dict[str, bytes], ds: Dataset | None, prep_cfg) -> Run:
    """The stored classifier on the restored data set, idle; ValueError when they differ."""
    if ds is None or ds.kind != "labels" or not isinstance(prep_cfg, LabelConfig):
        raise ValueError("a classifier without its data")
    data = prepare(ds, prep_cfg)
    assert isinstance(data, LabelledData)  # labelled texts prepare into it
    model, classes, vocab, _ = load_classifier(files[WEIGHTS])
    if classes != data.classes or vocab.chars != data.vocab.chars:
        raise ValueError("a classifier of other data")
    saved = json.loads(files[store_run.HISTORY])
    # Any: the store's helpers and Run name TrainJob, whose status and loop this job shares
    job: Any = ClassifyJob(model.train(), data, store_run.train_config(saved.get("train")))
    status = saved.get("status") or {}
    store_run._set_status(job, status, 0)
    acc = saved.get("val_acc")
    job._status.val_acc = [
        float(v)
        for v in (acc if isinstance(acc, list) else [])[: len(job._status.val_steps)]
        if isinstance(v, (int, float)) and math.isfinite(v)
    ]
    pos = saved.get("pos")
    job._pos = pos if type(pos) is int and 0 <= pos < len(data.rows("train")) else 0
    store_run._set_notes(job, saved.get("notes"), was_running=status.get("state") == "running")
    run_id = saved.get("id")
    run = Run(job, data, Origin.of(ds))
    if isinstance(run_id, str) and run_id.isalnum() and len(run_id) <= 64:
        run.id = run_id
    return run
