"""A UI-agnostic training job, meant to run in a worker thread.

The job owns the model, optimizer and data. Other threads only call `status()`,
`snapshots()`, `stop()` and `resume()`, which take the job's lock and copy what they
return, so a page can poll it while it trains. It never imports streamlit.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field, replace

import numpy as np
import torch
from torch.nn import functional as F

from rnnviz.device import exact_float32, resolve_device, tf32_allowed
from rnnviz import i18n
from rnnviz.i18n import t
from rnnviz.snapshots import SnapshotRecorder
from rnnviz.windows import WindowSet


@dataclass(frozen=True)
class TrainConfig:
    optimizer: str = "adam"  # "adam" | "sgd"
    lr: float = 0.005
    batch_size: int = 64
    epochs: int = 20
    clip_grad_norm: float = 1.0  # 0 turns clipping off
    seed: int = 0
    device: str = "auto"  # "auto" | "cpu" | "cuda"
    num_threads: int = 1  # 2 threads made small models far slower beside the server
    snapshot_every: int = 0  # steps between probes; 0 picks a cadence costing ~1%
    max_snapshots: int = 200
    probe_count: int = 2  # validation sequences traced at each snapshot
    max_steps: int | None = None  # a budget in steps (races)
    max_seconds: float | None = None  # a budget in wall-clock seconds (races)
    val_samples: int = 256  # validation loss is measured on at most this many


@dataclass
class Status:
    state: str = "idle"  # idle | running | stopped | done | diverged | error
    step: int = 0
    epoch: int = 0
    total_steps: int = 0
    samples_per_s: float = 0.0
    seconds_left: float | None = None
    message: str = ""
    device: str = "cpu"
    tf32: bool | None = None  # whether TF32 rounding was allowed in the worker (never, once run)
    train_steps: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    val_steps: list[int] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.state == "running"


def loss_fn(model, pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    if model.cfg.mode == "char_lm":
        return F.cross_entropy(pred.reshape(-1, pred.shape[-1]), y.reshape(-1))
    return F.mse_loss(pred.reshape(y.shape), y)


class TrainJob:
    def __init__(self, model, windows: WindowSet, cfg: TrainConfig):
        if windows.count("train") < 1:
            raise ValueError(t("train.no_samples"))
        self.model, self.windows, self.cfg = model, windows, cfg
        self.device, fallback = resolve_device(cfg.device)
        self.model.to(self.device)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = Status(device=str(self.device), message=fallback)
        self._status.total_steps = self._total_steps()
        self._pos = 0  # batch position inside the current epoch
        self._optim = self._make_optimizer()
        self._good = [p.detach().clone() for p in model.parameters()]
        self.recorder = SnapshotRecorder(model, windows, cfg)
        self._val_idx = self._val_subset()
        self._first_step = 0

    # ---- public, thread-safe -------------------------------------------------------
    def start(self) -> bool:
        """Start the worker thread; False if one is already running."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return False
            self._stop.clear()
            self._status.state = "running"
            self._thread = threading.Thread(
                target=i18n.speaking(self.run), name="rnnviz-train", daemon=True)
            self._thread.start()
            return True

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def resume(self, cfg: TrainConfig | None = None) -> bool:
        """Continue from the same step; a new config may change rate, epochs or budget."""
        if cfg is not None:
            self._reconfigure(cfg)
        return self.start()

    def status(self) -> Status:
        with self._lock:
            s = self._status
            return replace(s, train_steps=list(s.train_steps), train_loss=list(s.train_loss),
                           val_steps=list(s.val_steps), val_loss=list(s.val_loss))

    def snapshots(self):
        """Training snapshots; a job that never ran (e.g. a loaded model) gets one now."""
        items = self.recorder.items()
        if not items and not self.status().active:
            self.recorder.record(self._status.step, self._status.epoch, None)
            items = self.recorder.items()
        return items

    # ---- the loop -----------------------------------------------------------------
    def run(self) -> Status:
        """Train until done, stopped, diverged or out of budget (blocking)."""
        torch.set_num_threads(max(1, self.cfg.num_threads))
        exact_float32()
        with self._lock:
            self._status.state = "running"
            self._status.tf32 = tf32_allowed()
        try:
            self._loop()
        except Exception as exc:  # the worker must never die silently
            self._finish("error", t("status.failed", error=exc))
        return self.status()

    def _loop(self) -> None:
        self.model.train()
        started, self._first_step = time.perf_counter(), self._status.step
        if self._status.step == 0 and not self.recorder.items():
            self.recorder.record(0, 0, None)
        while True:
            done = self._budget_reason(started)
            if done:
                return self._finish(*done)
            t0 = time.perf_counter()
            loss = self._train_step()
            seconds = time.perf_counter() - t0
            if not math.isfinite(loss):
                return self._diverged()
            self._advance(loss, started)
            self.recorder.maybe_record(self._status.step, self._status.epoch, loss, seconds)

    def _budget_reason(self, started: float):
        s, c = self._status, self.cfg
        if self._stop.is_set():
            return ("stopped", t("status.stopped", step=s.step))
        if s.step >= s.total_steps:
            return ("done", t("status.finished", step=s.step))
        if c.max_seconds is not None and time.perf_counter() - started >= c.max_seconds:
            return ("done", t("status.budget", seconds=c.max_seconds, step=s.step))
        return None

    def _train_step(self) -> float:
        x, y = self._batch()
        self._optim.zero_grad(set_to_none=True)
        loss = loss_fn(self.model, self.model(x), y)
        value = loss.item()
        if not math.isfinite(value):
            return value
        loss.backward()
        if self.cfg.clip_grad_norm > 0:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.clip_grad_norm)
        # These weights gave a finite loss: keep them for a rollback.
        with torch.no_grad():
            for good, p in zip(self._good, self.model.parameters()):
                good.copy_(p)
        self._optim.step()
        return value

    def _batch(self):
        n, bs = self.windows.count("train"), self.cfg.batch_size
        perm = np.random.default_rng((self.cfg.seed, self._status.epoch)).permutation(n)
        idx = perm[self._pos * bs: (self._pos + 1) * bs]
        x, y = self.windows.batch("train", idx)
        return self._tensor(x), self._tensor(y)

    def _tensor(self, a: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(a).to(self.device, non_blocking=True)

    def _advance(self, loss: float, started: float) -> None:
        steps_per_epoch = self._steps_per_epoch()
        with self._lock:
            s = self._status
            s.step += 1
            s.train_steps.append(s.step)
            s.train_loss.append(loss)
            self._pos += 1
            # Wall-clock rate of this run: probes and validation included, as the user waits.
            wall = time.perf_counter() - started
            rate = (s.step - self._first_step) / wall if wall > 0 else 0.0
            s.samples_per_s = rate * self.cfg.batch_size
            s.seconds_left = (s.total_steps - s.step) / rate if rate > 0 else None
        if self._pos >= steps_per_epoch:
            self._end_epoch()

    def _end_epoch(self) -> None:
        val = self.validation_loss()
        with self._lock:
            self._pos = 0
            self._status.epoch += 1
            if val is not None:
                self._status.val_steps.append(self._status.step)
                self._status.val_loss.append(val)

    def validation_loss(self) -> float | None:
        if len(self._val_idx) == 0:
            return None
        x, y = self.windows.get(self._val_idx)
        was = self.model.training
        self.model.eval()
        with torch.no_grad():
            loss = float(loss_fn(self.model, self.model(self._tensor(x)), self._tensor(y)))
        self.model.train(was)
        return loss

    def _diverged(self) -> None:
        with torch.no_grad():
            for p, g in zip(self.model.parameters(), self._good):
                p.copy_(g)
        self._optim = self._make_optimizer()  # its moments may hold inf/NaN too
        self._finish("diverged", t("status.diverged", step=self._status.step + 1))

    def _finish(self, state: str, message: str) -> None:
        if state in ("done", "stopped"):
            self.recorder.record_final(self._status.step, self._status.epoch,
                                       self._status.train_loss[-1] if self._status.train_loss else None)
        with self._lock:
            self._status.state = state
            self._status.message = message
            self._status.seconds_left = None if state != "stopped" else self._status.seconds_left

    # ---- set-up helpers -----------------------------------------------------------
    def _steps_per_epoch(self) -> int:
        return max(1, math.ceil(self.windows.count("train") / self.cfg.batch_size))

    def _total_steps(self) -> int:
        total = self._steps_per_epoch() * self.cfg.epochs
        return min(total, self.cfg.max_steps) if self.cfg.max_steps else total

    def _make_optimizer(self):
        params = self.model.parameters()
        if self.cfg.optimizer == "sgd":
            return torch.optim.SGD(params, lr=self.cfg.lr, momentum=0.9)
        return torch.optim.Adam(params, lr=self.cfg.lr)

    def _reconfigure(self, cfg: TrainConfig) -> None:
        changed_optim = (cfg.optimizer, cfg.lr) != (self.cfg.optimizer, self.cfg.lr)
        self.cfg = cfg
        self.recorder.cfg = cfg
        with self._lock:
            self._status.total_steps = self._total_steps()
        if changed_optim or self._status.state == "diverged":
            self._optim = self._make_optimizer()

    def _val_subset(self) -> np.ndarray:
        starts = self.windows.splits["val"]
        if len(starts) > self.cfg.val_samples:
            pick = np.linspace(0, len(starts) - 1, self.cfg.val_samples).round().astype(int)
            starts = starts[pick]
        return starts
