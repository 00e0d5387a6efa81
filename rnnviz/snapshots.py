"""Training snapshots for the "over training" animations.

Every K steps the recorder replays a few fixed validation sequences (probe.trace) and the
gradient norms of the first one, and keeps float32 arrays. K is chosen from measured
costs so probing takes about 2% of training; when the list grows past its cap, every
other snapshot is dropped (first and last kept) and K doubles, so memory stays bounded
and the snapshots stay evenly spread over the run.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from dataclasses import dataclass

import numpy as np

from rnnviz.probe import Trace, grad_norms, trace_many

PROBE_SHARE = 0.02  # target share of training time spent probing (goal: under 3%)
GRAD_EVERY = 4  # gradient norms on every 4th snapshot
WARMUP = 5  # steps measured before the cadence is chosen
# A model on a GPU with fewer parameters than this is probed on a CPU copy of its weights:
# the replay runs one small kernel after another, and for small models the launches cost
# more than the arithmetic (bench.engine's CUDA section measures both ways).
CPU_PROBE_PARAMS = 1_000_000


def _on_cpu(model):
    """A copy of the model's current weights on the CPU (the model keeps training)."""
    with _CLONE_LOCK:
        return copy.deepcopy(model).to("cpu")


_CLONE_LOCK = threading.Lock()


def probe_model(model):
    """The model to replay: itself, or a CPU copy when it is small and on a GPU."""
    params = sum(p.numel() for p in model.parameters())
    on_gpu = next(model.parameters()).device.type != "cpu"
    return _on_cpu(model) if on_gpu and params < CPU_PROBE_PARAMS else model


@dataclass
class Snapshot:
    step: int
    epoch: int
    loss: float | None
    traces: list[Trace]  # one per probe sequence, float32
    grads: np.ndarray | None  # [L, D, T] for the first probe sequence


def _float32(tr: Trace) -> Trace:
    for dirs in tr.layers:
        for d in dirs:
            d.h = d.h.astype(np.float32, copy=False)
            d.c = None if d.c is None else d.c.astype(np.float32, copy=False)
            d.gates = {k: v.astype(np.float32, copy=False) for k, v in d.gates.items()}
    tr.output = tr.output.astype(np.float32, copy=False)
    tr.inputs = tr.inputs.astype(np.float32, copy=False)
    return tr


def probe_starts(windows, count: int) -> np.ndarray:
    """Evenly spaced validation (else training) samples: the same ones for the whole run."""
    starts = windows.splits["val"] if windows.count("val") else windows.splits["train"]
    count = max(1, min(count, len(starts)))
    return starts[np.linspace(0, len(starts) - 1, count).round().astype(int)]


class SnapshotRecorder:
    def __init__(self, model, windows, cfg):
        self.model, self.cfg = model, cfg
        self.starts = probe_starts(windows, cfg.probe_count)
        self.x, self.y = windows.get(self.starts)  # [P, T, F] / [P, T], targets
        self._items: list[Snapshot] = []
        self._lock = threading.Lock()
        self.every = cfg.snapshot_every or 0  # 0: chosen after WARMUP steps
        self._count = 0  # snapshots taken, thinned ones included
        self._cost = 0.0  # mean seconds of one snapshot
        self._step_time = 0.0  # mean seconds of one training step
        self._seen = 0
        self._later: list[tuple[int, int, float | None, object]] = []  # frozen, not traced
        self._trace_lock = threading.Lock()  # one reader traces the frozen ones

    def empty(self) -> bool:
        """No snapshot taken or frozen yet (without tracing the frozen ones)."""
        with self._lock:
            return not self._items and not self._later

    def items(self) -> list[Snapshot]:
        self._trace_later()
        with self._lock:
            return list(self._items)

    def _snapshot(self, model, step: int, epoch: int, loss, grads: bool) -> Snapshot:
        traces = [_float32(t) for t in trace_many(model, self.x)]
        g = grad_norms(model, self.x[0], self.y[0]).astype(np.float32) if grads else None
        return Snapshot(step, epoch, loss, traces, g)

    def record(self, step: int, epoch: int, loss: float | None) -> None:
        """Trace the probe sequences now (and, every GRAD_EVERY-th time, their gradients)."""
        t0 = time.perf_counter()
        # Gradients cost ~3 traces: every GRAD_EVERY-th snapshot, not the first one traced
        # in the loop (the start and the end, traced later, always have them).
        snap = self._snapshot(probe_model(self.model), step, epoch, loss,
                              self._count % GRAD_EVERY == GRAD_EVERY - 1)
        with self._lock:
            self._items.append(snap)
            if len(self._items) > self.cfg.max_snapshots:
                self._thin()
        self._count += 1
        cost = time.perf_counter() - t0
        self._cost += (cost - self._cost) / min(self._count, 20)

    def record_later(self, step: int, epoch: int, loss: float | None) -> None:
        """Keep a CPU copy of the weights now; trace it when someone first looks.

        The fixed snapshots (the start and the end of a run) are always taken: traced in
        the training loop they dominated short runs (24-45% of a GPU job's time).
        """
        frozen = _on_cpu(self.model)
        with self._lock:
            self._later.append((step, epoch, loss, frozen))

    def _trace_later(self) -> None:
        with self._trace_lock:
            with self._lock:
                later, self._later = self._later, []
            for step, epoch, loss, frozen in later:
                snap = self._snapshot(frozen, step, epoch, loss, grads=True)
                with self._lock:
                    if any(s.step == step for s in self._items):
                        continue
                    self._items.append(snap)
                    self._items.sort(key=lambda s: s.step)

    def _thin(self) -> None:
        last = self._items[-1]
        self._items = self._items[:-1:2] + [last]
        self.every *= 2

    def maybe_record(self, step: int, epoch: int, loss: float, step_seconds: float) -> None:
        self._seen += 1
        self._step_time += (step_seconds - self._step_time) / min(self._seen, 50)
        if self.every == 0:
            if self._seen < WARMUP:
                return
            measured = self._count == 0  # the fixed snapshots are traced later: time one now
            if measured:
                self.record(step, epoch, loss)
            budget = PROBE_SHARE * max(self._step_time, 1e-6)
            self.every = max(1, math.ceil(self._cost / budget))
            if measured:
                return
        if step % self.every == 0:
            self.record(step, epoch, loss)

    def record_final(self, step: int, epoch: int, loss: float | None) -> None:
        """The state at the end of a run: what the Inside page shows."""
        with self._lock:
            if any(s.step == step for s in self._items) or any(
                    item[0] == step for item in self._later):
                return
        self.record_later(step, epoch, loss)
