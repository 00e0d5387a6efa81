"""Training snapshots for the "over training" animations.

Every K steps the recorder replays a few fixed validation sequences (probe.trace), their
connectivity (rnnviz.analysis.connectivity) and the gradient norms of the first one, and keeps
float32 arrays. K is chosen from measured
costs so probing takes about 2% of training; when the list grows past its cap, every
other snapshot is dropped (first and last kept) and K doubles, so memory stays bounded
and the snapshots stay evenly spread over the run.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import numpy as np

from rnnviz.analysis.connectivity import connectivity_many
from rnnviz.analysis.probe import Trace, grad_norms, trace_many

PROBE_SHARE = 0.02  # target share of training time spent probing (goal: under 3%)
GRAD_EVERY = 4  # gradient norms on every 4th snapshot
WARMUP = 5  # steps measured before the cadence is chosen
# A model on a GPU with fewer parameters than this is probed on a CPU copy of its weights:
# the replay runs one small kernel after another, and for small models the launches cost
# more than the arithmetic (bench.engine's CUDA section measures both ways).
CPU_PROBE_PARAMS = 1_000_000
# Connectivity is a (T_out, T) table per probe sequence and costs one backward pass over
# T_out copies: past this many cells (a many-to-many window of ~140 steps) it is not
# recorded with the snapshots (the Connectivity tab still computes it for the model now).
CONN_MAX_CELLS = 20_000


# Snapshots are traced on these threads while the loop trains on: in the loop a snapshot
# costs only a copy of the weights (traced in the loop, the step-5 timing snapshot alone was
# 4-8% of a short GPU run). Two threads for the whole server bound what probing can take
# from other users' training; the cadence keeps each job's tracing near PROBE_SHARE.
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="probe-pool")


def frozen_copy(model):
    """A CPU copy of the weights now (the model keeps training). Snapshots trace such a copy
    on a probe thread: on the CPU it never queues behind the training kernels (traced on
    the GPU beside training, an LSTM H512 job fell from 0.93x to 0.84x of a plain loop on an
    H200), and the training model itself is never traced while it moves on."""
    with _CLONE_LOCK:
        return copy.deepcopy(model).to("cpu")


_CLONE_LOCK = threading.Lock()


def probe_model(model):
    """The model to replay: itself, or a CPU copy when it is small and on a GPU."""
    params = sum(p.numel() for p in model.parameters())
    on_gpu = next(model.parameters()).device.type != "cpu"
    return frozen_copy(model) if on_gpu and params < CPU_PROBE_PARAMS else model


@dataclass
class Snapshot:
    step: int
    epoch: int
    loss: float | None
    traces: list[Trace]  # one per probe sequence, float32
    grads: np.ndarray | None  # [L, D, T] for the first probe sequence
    conn: np.ndarray | None = None  # [P, T_out, T] connectivity of every probe sequence


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
        self._pending: list[Future] = []  # snapshots being traced on a probe thread
        self._traced = 0  # snapshots traced on a probe thread (their cost is measured)

    def empty(self) -> bool:
        """No snapshot taken or frozen yet (without tracing the frozen ones)."""
        with self._lock:
            return not self._items and not self._later

    def forget(self, step: int) -> None:
        """Drop what was taken at `step` (the weights it held were replaced since)."""
        with self._lock:
            self._items = [s for s in self._items if s.step != step]
            self._later = [item for item in self._later if item[0] != step]

    def items(self, wait_pending: bool = False) -> list[Snapshot]:
        """The snapshots traced so far (all of them with wait_pending)."""
        if wait_pending:
            self.drain()
        self._trace_later()
        with self._lock:
            return list(self._items)

    def drain(self) -> None:
        """Wait for the snapshots still being traced (a finished run shows all of them)."""
        with self._lock:
            pending, self._pending = self._pending, []
        wait(pending)
        for future in pending:
            future.result()  # a probe that failed fails where the run's end is handled

    def _snapshot(self, model, step: int, epoch: int, loss, grads: bool) -> Snapshot:
        traces = [_float32(t) for t in trace_many(model, self.x)]
        g = grad_norms(model, self.x[0], self.y[0]).astype(np.float32) if grads else None
        return Snapshot(step, epoch, loss, traces, g, self._connectivity(model))

    def _connectivity(self, model) -> np.ndarray | None:
        T = self.x.shape[1]
        t_out = 1 if model.cfg.mode == "many_to_one" else T
        if t_out * T > CONN_MAX_CELLS:
            return None
        return connectivity_many(model, self.x).astype(np.float32)

    def record(self, step: int, epoch: int, loss: float | None, now: bool = False) -> None:
        """A snapshot of the weights now (every GRAD_EVERY-th with gradients): copied here,
        traced on a probe thread (or here, with now=True)."""
        t0 = time.perf_counter()
        frozen = frozen_copy(self.model)
        grads = self._count % GRAD_EVERY == GRAD_EVERY - 1  # ~3 traces: not every time
        self._count += 1
        copied = time.perf_counter() - t0
        if now:
            return self._trace(frozen, step, epoch, loss, grads, copied)
        future = _POOL.submit(self._trace, frozen, step, epoch, loss, grads, copied)
        with self._lock:
            self._pending = [f for f in self._pending if not f.done()] + [future]

    def _trace(self, frozen, step, epoch, loss, grads: bool, copied: float) -> None:
        t0 = time.perf_counter()
        snap = self._snapshot(frozen, step, epoch, loss, grads)
        cost = time.perf_counter() - t0 + copied
        with self._lock:
            self._items.append(snap)
            self._items.sort(key=lambda s: s.step)  # two probe threads may finish out of order
            if len(self._items) > self.cfg.max_snapshots:
                self._thin()
            self._traced += 1
            self._cost += (cost - self._cost) / min(self._traced, 20)
            if self.every == 0:  # the timing snapshot: its cost sets the cadence
                budget = PROBE_SHARE * max(self._step_time, 1e-6)
                self.every = max(1, math.ceil(self._cost / budget))

    def record_later(self, step: int, epoch: int, loss: float | None) -> None:
        """Keep a CPU copy of the weights now; trace it when someone first looks.

        The fixed snapshots (the start and the end of a run) are always taken: traced in
        the training loop they dominated short runs (24-45% of a GPU job's time).
        """
        frozen = frozen_copy(self.model)
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

    def maybe_record(self, step: int, epoch: int, loss: float | None, step_seconds: float) -> None:
        self._seen += 1
        self._step_time += (step_seconds - self._step_time) / min(self._seen, 50)
        every = self.every
        if every == 0:
            # After WARMUP steps one snapshot is taken to time it (the fixed start and end
            # ones are traced later); the cadence is set when its trace is done.
            if self._seen >= WARMUP and self._count == 0:
                self.record(step, epoch, loss)
            return
        if step % every == 0:
            self.record(step, epoch, loss)

    def record_final(self, step: int, epoch: int, loss: float | None) -> None:
        """The state at the end of a run: what the Inside page shows."""
        with self._lock:
            if any(s.step == step for s in self._items) or any(
                item[0] == step for item in self._later
            ):
                return
        self.record_later(step, epoch, loss)
