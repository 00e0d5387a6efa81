"""A run as stored files, and back: weights with their data, history, snapshots.

The weights and the prepared data are the same safetensors file a download gives
(rnnviz.session.run.run_bytes), read back through the same checked loader
(rnnviz.files.model_file.load_model):
the store's files are read as untrusted as an upload. The history (the losses, steps, best
step) is JSON; the snapshots are one more safetensors file of float32 arrays with their
steps in its metadata. A run that was training when it was saved comes back stopped at
the step it was saved at: Resume goes on from there (the optimizer starts afresh).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, fields
from typing import Any, cast

import numpy as np
import torch
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from rnnviz.analysis.probe import DirectionTrace, Trace
from rnnviz.data.note import Note
from rnnviz.files.model_file import load_model
from rnnviz.i18n import CATALOG, t
from rnnviz.session import schema
from rnnviz.session.run import Run, run_bytes, saved_origin
from rnnviz.train.job import Status, TrainConfig, TrainJob
from rnnviz.train.snapshots import Snapshot

WEIGHTS, HISTORY, SNAPS = "run.safetensors", "run.json", "snaps.safetensors"
CURVES = ("train_steps", "train_loss", "val_steps", "val_loss")
MAX_SNAPSHOTS = 1000  # a stored snapshots file listing more is not read


def pack(run: Run) -> dict[str, bytes]:
    return {
        WEIGHTS: run_bytes(run),
        HISTORY: json.dumps(history(run)).encode(),
        SNAPS: _snapshots_bytes(run.job.snapshots()),
    }


def history(run: Run) -> dict:
    """The run's settings and progress as JSON values (a classifier's too)."""
    status = run.job.status()
    return {
        "id": run.id,
        "train": asdict(run.train_cfg),
        "pos": _pos(run.job),
        "status": {
            k: getattr(status, k)
            for k in (
                "state",
                "step",
                "epoch",
                "best_step",
                "best_val_loss",
                "restored",
                "samples_per_s",
                "epoch_steps",
                *CURVES,
            )
        },
        "notes": [[n.key, n.params] for n in getattr(status, "notes", ())],
    }


def _pos(job: TrainJob) -> int:
    return int(getattr(job, "_pos", 0))


def unpack(files: dict[str, bytes]) -> Run:
    """The stored run, idle; ValueError when its files cannot make one."""
    if WEIGHTS not in files or HISTORY not in files:
        raise ValueError("run files missing")
    model = load_model(files[WEIGHTS])
    data = model.saved_data
    if data is None:
        raise ValueError("run without its data")
    history = json.loads(files[HISTORY])
    job = TrainJob(model, data.windows, train_config(history.get("train")))
    _set_status(job, history.get("status") or {}, history.get("pos"))
    _set_notes(
        job,
        history.get("notes"),
        was_running=(history.get("status") or {}).get("state") == "running",
    )
    if SNAPS in files:
        _adopt(job, _snapshots(files[SNAPS]))
    origin = saved_origin(model)
    if origin is None:
        raise ValueError("run without its origin")
    run_id = history.get("id")
    return Run(
        job,
        data,
        origin,
        id=run_id
        if isinstance(run_id, str) and run_id.isalnum() and len(run_id) <= 64
        else Run(job, data, origin).id,
    )


def train_config(d) -> TrainConfig:
    """A stored TrainConfig: known fields of the right type, checked by the schema."""
    base = TrainConfig()
    if not isinstance(d, dict):
        return base
    values = {}
    for f in fields(TrainConfig):
        value, default = d.get(f.name), getattr(base, f.name)
        if value is None or f.name not in d:
            continue
        if isinstance(default, bool) or isinstance(value, bool):
            ok = type(value) is bool and (default is None or isinstance(default, bool))
        elif isinstance(default, str):
            ok = isinstance(value, str)
        else:
            ok = isinstance(value, (int, float)) and math.isfinite(value)
        if ok:
            values[f.name] = value
    try:
        return schema.make(TrainConfig, base, **values)
    except (TypeError, ValueError):
        return base


def _set_status(job: TrainJob, saved: dict, pos) -> None:
    """The saved progress on the new job. A run that was training stops where it was saved."""
    s = job._status  # the job has not started: no other thread reads it yet
    state = saved.get("state")
    known = ("idle", "stopped", "done", "diverged", "error")
    s.state = state if state in known else "stopped"  # "running": stopped where it was saved
    s.step, s.epoch = _count(saved.get("step")), _count(saved.get("epoch"))
    curves: dict[str, list] = {k: v if isinstance(v := saved.get(k), list) else [] for k in CURVES}
    n_train = min(len(curves["train_steps"]), len(curves["train_loss"]))
    n_val = min(len(curves["val_steps"]), len(curves["val_loss"]))
    s.train_steps = [_count(v) for v in curves["train_steps"][:n_train]]
    s.train_loss = [_float(v) for v in curves["train_loss"][:n_train]]
    s.val_steps = [_count(v) for v in curves["val_steps"][:n_val]]
    s.val_loss = [_float(v) for v in curves["val_loss"][:n_val]]
    # Where each epoch ended (the loss log's lines): at most one per epoch, none past the step.
    ends = saved.get("epoch_steps")
    ends = ends[: s.epoch] if isinstance(ends, list) else []
    s.epoch_steps = sorted(k for k in map(_count, ends) if k <= s.step)
    best = saved.get("best_step")
    s.best_step = _count(best) if best is not None else None
    loss = saved.get("best_val_loss")
    s.best_val_loss = _float(loss) if loss is not None else None
    s.restored = saved.get("restored") is True
    rate = saved.get("samples_per_s")
    s.samples_per_s = (
        float(rate) if isinstance(rate, (int, float)) and math.isfinite(rate) and rate >= 0 else 0.0
    )
    job._pos = min(_count(pos), max(0, job._steps_per_epoch() - 1))
    job._first_step = s.step


def _set_notes(job: TrainJob, saved, was_running: bool) -> None:
    """What the run said when it was saved; a run saved while training says where it stopped."""
    notes: tuple[Note, ...]
    if was_running:
        notes = (Note("store.stopped_at", {"step": job._status.step}),)
    elif isinstance(saved, list):
        notes = tuple(Note(k, p) for k, p in (n for n in saved[:10] if _pair(n)) if k in CATALOG)
    else:
        notes = ()
    if any(f.name == "notes" for f in fields(Status)):
        job._status.notes = notes
    else:  # a Status that keeps its words as text: there `message` is a field, not
        # this Status's read-only property, so the checker cannot know it is settable
        cast(Any, job._status).message = " ".join(n.text for n in notes)


def was_running(job: TrainJob) -> bool:
    """Whether a restored job was training when it was saved (it says where it stopped)."""
    status = job.status()
    return any(n.key == "store.stopped_at" for n in getattr(status, "notes", ())) or t(
        "store.stopped_at", step=status.step
    ) == getattr(status, "message", None)


def _pair(n) -> bool:
    return isinstance(n, list) and len(n) == 2 and isinstance(n[0], str) and isinstance(n[1], dict)


def _count(value) -> int:
    return value if type(value) is int and 0 <= value < 2**53 else 0


def _float(value) -> float:
    return (
        float(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else float("nan")
    )


def _adopt(job: TrainJob, snaps: list[Snapshot]) -> None:
    """Give the new job's recorder the stored snapshots (taken by the run it continues)."""
    rec = job.recorder
    with rec._lock:
        rec._items = snaps
        rec._count = len(snaps)


# ---- snapshots <-> one safetensors file ------------------------------------------------
def _snapshots_bytes(snaps: list[Snapshot]) -> bytes:
    arrays, meta = {}, []
    for i, snap in enumerate(snaps):
        layout = []
        for j, tr in enumerate(snap.traces):
            arrays[f"{i}.{j}.output"], arrays[f"{i}.{j}.inputs"] = tr.output, tr.inputs
            dirs = []
            for li, layer in enumerate(tr.layers):
                for di, d in enumerate(layer):
                    base = f"{i}.{j}.{li}.{di}"
                    arrays[base + ".h"] = d.h
                    if d.c is not None:
                        arrays[base + ".c"] = d.c
                    arrays.update({f"{base}.g.{k}": v for k, v in d.gates.items()})
                dirs.append([[d.c is not None, list(d.gates)] for d in layer])
            layout.append(dirs)
        for name in ("grads", "conn"):
            if getattr(snap, name) is not None:
                arrays[f"{i}.{name}"] = getattr(snap, name)
        meta.append({"step": snap.step, "epoch": snap.epoch, "loss": snap.loss, "traces": layout})
    # copies: the snapshots share their input arrays, and safetensors refuses shared memory
    tensors = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in arrays.items()}
    return save_tensors(tensors, metadata={"snapshots": json.dumps(meta)})


def _snapshots(raw: bytes) -> list[Snapshot]:
    """The stored snapshots, or none when the file does not read back whole."""
    try:
        tensors = load_tensors(raw)
        header_len = int.from_bytes(raw[:8], "little")
        meta = json.loads(json.loads(raw[8 : 8 + header_len])["__metadata__"]["snapshots"])
        if not isinstance(meta, list) or len(meta) > MAX_SNAPSHOTS:
            return []
        arrays = {k: v.numpy() for k, v in tensors.items() if v.dtype == torch.float32}
        return [_snapshot(i, m, arrays) for i, m in enumerate(meta)]
    except Exception:  # safetensors, JSON and a missing key each raise their own kind
        return []  # the run loads without its animations: its weights and curves are whole


def _snapshot(i: int, m: dict, arrays: dict) -> Snapshot:
    traces = []
    for j, dirs in enumerate(m["traces"]):
        layers = [
            [
                DirectionTrace(
                    arrays[f"{i}.{j}.{li}.{di}.h"],
                    arrays[f"{i}.{j}.{li}.{di}.c"] if has_c else None,
                    {k: arrays[f"{i}.{j}.{li}.{di}.g.{k}"] for k in gates},
                )
                for di, (has_c, gates) in enumerate(layer)
            ]
            for li, layer in enumerate(dirs)
        ]
        traces.append(Trace(arrays[f"{i}.{j}.output"], layers, arrays[f"{i}.{j}.inputs"]))
    loss = m.get("loss")
    return Snapshot(
        _count(m["step"]),
        _count(m["epoch"]),
        float(loss) if isinstance(loss, (int, float)) else None,
        traces,
        arrays.get(f"{i}.grads"),
        arrays.get(f"{i}.conn"),
    )
