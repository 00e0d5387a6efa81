"""The live training of a name classifier (rnnviz.model.classifier), meant for a worker thread.

Like rnnviz.train.job.TrainJob, other threads only call `status()`, `snapshots()`, `stop()`
and `resume()`; the Train page reads the same Status (losses, epochs, the best step) and
the classifier's accuracy beside it. The pieces of one epoch (`epoch_order`, `batch_of`,
`lr_at`, `class_step`) are plain functions: the exported script calls the same ones, so its
losses equal the app's.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import torch

from rnnviz.data.labels import LabelledData
from rnnviz.data.note import Note
from rnnviz.i18n import t
from rnnviz.model.classifier import NameClassifier, classifier_loss
from rnnviz.train.best import BestWeights
from rnnviz.train.device import exact_float32, resolve_device
from rnnviz.train.job import Status, TrainConfig
from rnnviz.train.worker import Worker

MAX_CLASS_SNAPSHOTS = 24  # weights kept along a run for Inside's slider (a copy each)


@dataclass
class ClassStatus(Status):
    val_acc: list[float] = field(default_factory=list)  # at each of val_steps
    best_val_acc: float | None = None


@dataclass(frozen=True)
class ClassSnapshot:
    step: int
    epoch: int
    loss: float | None
    state: dict  # a CPU copy of the weights at this step


@dataclass(frozen=True)
class NameSet:
    """What the Train page and the server's gate read of a job's data, as of a WindowSet:
    the examples in a part, and the longest text read (a window's length)."""

    data: LabelledData

    def count(self, part: str) -> int:
        return len(self.data.rows(part))

    @property
    def window(self) -> int:
        return int(self.data.ids.shape[1])


def epoch_order(train_rows: np.ndarray, seed: int, epoch: int) -> np.ndarray:
    """The training rows in this epoch's shuffled order (the same for a resumed run)."""
    return np.random.default_rng([seed, epoch]).permutation(train_rows)


def batch_of(data: LabelledData, rows: np.ndarray) -> tuple[torch.Tensor, ...]:
    """ids cut to the batch's longest text, the lengths and the classes of `rows`."""
    lengths = data.lengths[rows]
    ids = data.ids[rows, : max(1, int(lengths.max()))]
    return torch.as_tensor(ids), torch.as_tensor(lengths), torch.as_tensor(data.y[rows])


def lr_at(lr: float, step: int, total_steps: int) -> float:
    """A cosine from lr down to zero over the run: it ends calm whatever its length."""
    return lr * 0.5 * (1 + math.cos(math.pi * min(1.0, step / max(1, total_steps))))


def class_step(model, optim, batch, weights, clip_grad_norm: float) -> torch.Tensor:
    """One optimisation step; returns the loss, unread."""
    ids, lengths, y = batch
    optim.zero_grad(set_to_none=True)
    loss = classifier_loss(model(ids, lengths), y, weights)
    loss.backward()
    if clip_grad_norm > 0:
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip_grad_norm)
    optim.step()
    return loss.detach()


def evaluate(model: NameClassifier, data: LabelledData, rows: np.ndarray, weights=None):
    """(loss, accuracy, predicted classes) of the examples at `rows`, in eval mode."""
    was = model.training
    model.eval()
    with torch.inference_mode():
        ids, lengths, y = batch_of(data, rows)
        logits = model(ids.to(model.head.weight.device), lengths)
        loss = float(classifier_loss(logits.cpu(), y, weights))
        pred = logits.argmax(1).cpu().numpy()
    model.train(was)
    return loss, float((pred == data.y[rows]).mean()) if len(rows) else 0.0, pred


class ClassifyJob(Worker[ClassStatus]):
    def __init__(self, model: NameClassifier, data: LabelledData, cfg: TrainConfig):
        if len(data.rows("train")) < 1:
            raise ValueError(t("train.no_samples"))
        self.model, self.data, self.cfg = model, data, cfg
        self.windows = NameSet(data)
        self.device, fallback = resolve_device(cfg.device)
        self.model.to(self.device)
        super().__init__()
        self._status = ClassStatus(
            device=str(self.device), notes=(Note("config.no_cuda"),) if fallback else ()
        )
        self._status.total_steps = self._total_steps()
        self._weights = None if data.weights is None else torch.as_tensor(data.weights)
        self._optim = torch.optim.Adam(model.parameters(), lr=cfg.lr)
        self._best = BestWeights()
        self._snaps: list[ClassSnapshot] = []
        self._pos = 0
        self._shuffled: tuple[int, np.ndarray] = (-1, np.empty(0, np.int64))
        self._snapshot(None)

    # ---- public, thread-safe ----------------------------------------------------------
    def resume(self, cfg: TrainConfig | None = None) -> bool:
        if cfg is not None:
            self.cfg = cfg
            with self._lock:
                self._status.total_steps = self._total_steps()
        return self.start()

    def snapshots(self) -> list[ClassSnapshot]:
        with self._lock:
            return list(self._snaps)

    # ---- the loop ---------------------------------------------------------------------
    def run(self) -> ClassStatus:
        torch.set_num_threads(max(1, self.cfg.num_threads))
        exact_float32()
        with self._lock:
            self._status.state, self._status.restored = "running", False
        try:
            self._loop()
        except Exception as exc:  # the worker must never die silently
            self._finish("error", Note("status.failed", {"error": str(exc)}))
        return self.status()

    def _loop(self) -> None:
        self.model.train()
        torch.manual_seed(self.cfg.seed + self._status.step)  # dropout's masks
        started, first = time.perf_counter(), self._status.step
        rows = self.data.rows("train")
        every = max(1, self._status.total_steps // (MAX_CLASS_SNAPSHOTS - 2))
        while True:
            if (done := self._budget_reason(started)) is not None:
                return self._finish(*done)
            order = self._order(rows)
            batch = batch_of(self.data, order[self._pos : self._pos + self.cfg.batch_size])
            for group in self._optim.param_groups:
                group["lr"] = self._lr(started)
            batch = tuple(b.to(self.device) if i != 1 else b for i, b in enumerate(batch))
            loss = float(class_step(self.model, self._optim, batch, self._weights, self._clip))
            if not math.isfinite(loss):
                return self._finish(
                    "diverged", Note("status.diverged", {"step": self._status.step})
                )
            self._pos += self.cfg.batch_size
            self._record(loss, started, first)
            if self._pos >= len(rows):
                self._end_epoch()
            if self._status.step % every == 0:
                self._snapshot(loss)

    def _order(self, rows: np.ndarray) -> np.ndarray:
        epoch = self._status.epoch
        if self._shuffled[0] != epoch:
            self._shuffled = (epoch, epoch_order(rows, self.cfg.seed, epoch))
        return self._shuffled[1]

    @property
    def _clip(self) -> float:
        return self.cfg.clip_grad_norm

    def _lr(self, started: float) -> float:
        """Over the steps of the run, or over its seconds when it has a time budget."""
        if self.cfg.max_seconds:
            return lr_at(
                self.cfg.lr,
                int(1e6 * (time.perf_counter() - started)),
                int(1e6 * self.cfg.max_seconds),
            )
        return lr_at(self.cfg.lr, self._status.step, self._status.total_steps)

    def _record(self, loss: float, started: float, first: int) -> None:
        with self._lock:
            s = self._status
            s.step += 1
            s.train_steps.append(s.step)
            s.train_loss.append(loss)
            wall = time.perf_counter() - started
            rate = (s.step - first) / wall if wall > 0 else 0.0
            s.samples_per_s = rate * self.cfg.batch_size
            s.seconds_left = (s.total_steps - s.step) / rate if rate > 0 else None

    def _end_epoch(self) -> None:
        loss, acc, _ = evaluate(self.model, self.data, self.data.rows("val"), self._weights)
        self._best.offer(self.model, self._status.step, loss)
        with self._lock:
            s = self._status
            self._pos = 0
            s.epoch += 1
            s.epoch_steps.append(s.step)
            s.val_steps.append(s.step)
            s.val_loss.append(loss)
            s.val_acc.append(acc)
            if self._best.step == s.step:
                s.best_step, s.best_val_loss, s.best_val_acc = s.step, loss, acc

    def _snapshot(self, loss: float | None) -> None:
        state = {k: v.detach().to("cpu", copy=True) for k, v in self.model.state_dict().items()}
        snap = ClassSnapshot(self._status.step, self._status.epoch, loss, state)
        with self._lock:
            self._snaps = [s for s in self._snaps if s.step != snap.step] + [snap]
            if len(self._snaps) > MAX_CLASS_SNAPSHOTS:  # thin the middle, keep both ends
                del self._snaps[1 : len(self._snaps) - 1 : 2]

    def _budget_reason(self, started: float):
        s, c = self._status, self.cfg
        if self._stop.is_set():
            return ("stopped", Note("status.stopped", {"step": s.step}))
        if s.step >= s.total_steps:
            return ("done", Note("status.finished", {"step": s.step}))
        if c.max_seconds is not None and time.perf_counter() - started >= c.max_seconds:
            return ("done", Note("status.budget", {"seconds": c.max_seconds, "step": s.step}))
        if self.out_of_time():
            minutes = f"{self.limit_minutes:g}"
            return (
                "stopped",
                Note("fairness.time_limit", {"minutes": minutes, "step": s.step}),
                True,
            )
        return None

    def _finish(self, state: str, note: Note, time_limited: bool = False) -> None:
        notes: tuple[Note, ...] = (note,)
        if state in ("done", "stopped") and self.cfg.restore_best and self._best.state is not None:
            loss, _, _ = evaluate(self.model, self.data, self.data.rows("val"), self._weights)
            assert self._best.loss is not None  # kept with the weights
            if loss > self._best.loss:
                self._best.restore(self.model)
                notes += (
                    Note("best.restored", {"step": self._best.step, "loss": self._best.loss}),
                )
                with self._lock:
                    self._status.restored = True
        if state in ("done", "stopped"):
            losses = self._status.train_loss
            self._snapshot(losses[-1] if losses else None)
        with self._lock:
            self._status.state, self._status.notes = state, notes
            self._status.time_limited = time_limited
            if state != "stopped":
                self._status.seconds_left = None

    def _steps_per_epoch(self) -> int:
        return max(1, math.ceil(len(self.data.rows("train")) / self.cfg.batch_size))

    def _total_steps(self) -> int:
        total = self._steps_per_epoch() * self.cfg.epochs
        return min(total, self.cfg.max_steps) if self.cfg.max_steps else total
