"""A UI-agnostic training job, meant to run in a worker thread.

The job owns the model, optimizer and data. Other threads only call `status()`,
`snapshots()`, `stop()` and `resume()`, which take the job's lock and copy what they
return, so a page can poll it while it trains. It never imports streamlit.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from rnnviz.data.note import Note
from rnnviz.data.windows import WindowSet
from rnnviz.i18n import t
from rnnviz.model.loss import loss_fn
from rnnviz.train.batches import Batches
from rnnviz.train.best import BestWeights
from rnnviz.train.device import exact_float32, resolve_device, tf32_allowed
from rnnviz.train.rollback import Rollback
from rnnviz.train.snapshots import SnapshotRecorder
from rnnviz.train.worker import Worker


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
    # The weights of the lowest validation loss are put back when a run ends, so a longer
    # run (or "Train longer") never leaves a model worse on validation than it was.
    restore_best: bool = True
    patience: int = 0  # validations without improvement before stopping early; 0: never
    val_every: int = 0  # steps between validation losses; 0: every epoch (long epochs: more)


@dataclass
class Status:
    state: str = "idle"  # idle | running | stopped | done | diverged | error
    step: int = 0
    epoch: int = 0
    total_steps: int = 0
    samples_per_s: float = 0.0
    seconds_left: float | None = None
    # What the run said, as catalog keys (rnnviz.data.note): translated when read, so a finish
    # message follows a change of language after the run ended.
    notes: tuple[Note, ...] = ()
    device: str = "cpu"
    tf32: bool | None = None  # whether TF32 rounding was allowed in the worker (never, once run)
    time_limited: bool = (
        False  # stopped itself at the server's wall-clock limit (rnnviz.train.worker)
    )
    train_steps: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    val_steps: list[int] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    epoch_steps: list[int] = field(default_factory=list)  # the step each epoch ended at
    best_step: int | None = None  # the step of the lowest validation loss so far
    best_val_loss: float | None = None
    restored: bool = False  # the run ended on the weights of best_step (restore_best)

    @property
    def active(self) -> bool:
        return self.state == "running"

    @property
    def message(self) -> str:
        return " ".join(note.text for note in self.notes)


# Steps between reading the losses back: each read waits for the GPU to finish its queue,
# so reading every step left it idle between steps. The loss curve arrives up to this
# many steps late, and a divergence rolls back at most this far.
SYNC_EVERY = 16
# An epoch longer than this many steps is validated VALS_PER_LONG_EPOCH times, not once:
# a big data set trains for only a few epochs, and with one validation each the best
# weights could only be one of those few. A validation reads at most val_samples windows
# (about 4 batches' forward pass), under 1% of 200 training steps.
LONG_EPOCH = 200
VALS_PER_LONG_EPOCH = 4


class TrainJob(Worker):
    def __init__(self, model, windows: WindowSet, cfg: TrainConfig):
        if windows.count("train") < 1:
            raise ValueError(t("train.no_samples"))
        self.model, self.windows, self.cfg = model, windows, cfg
        self.device, fallback = resolve_device(cfg.device)
        self.model.to(self.device)
        super().__init__()  # the thread, lock and stop event (rnnviz.train.worker.Worker)
        # resolve_device words its fallback; the note is its key, read in the reader's language
        self._status = Status(
            device=str(self.device), notes=(Note("config.no_cuda"),) if fallback else ()
        )
        self._status.total_steps = self._total_steps()
        self._pos = 0  # batch position inside the current epoch
        self._optim = self._make_optimizer()
        self._rollback = Rollback(model.parameters(), (0, 0, 0))
        self._pending: list[torch.Tensor] = []  # losses of steps not yet read back
        self._last_loss: float | None = None
        self._bad = 0  # steps after the rollback candidate until the first non-finite loss
        self._batches = Batches(windows, self.device)
        self.recorder = SnapshotRecorder(model, windows, cfg)
        self._val_idx = self._val_subset()
        self._first_step = 0
        self._best = BestWeights()  # kept across resumes: a longer run never ends worse
        self._val_at: tuple[int, float] | None = None  # (step, loss) of the weights now
        self._patience_out = False  # patience validations passed without improvement

    # ---- public, thread-safe (start, stop, join, status, active: rnnviz.train.worker.Worker) --
    def resume(self, cfg: TrainConfig | None = None) -> bool:
        """Continue from the same step; a new config may change rate, epochs or budget."""
        if cfg is not None:
            self._reconfigure(cfg)
        return self.start()

    def snapshots(self):
        """Training snapshots; a job that never ran (e.g. a loaded model) gets one now."""
        items = self.recorder.items()
        if not items and not self.status().active:
            self.recorder.record(self._status.step, self._status.epoch, None, now=True)
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
            self._status.time_limited = False
            self._status.restored = False
        try:
            self._loop()
        except Exception as exc:  # the worker must never die silently
            self._finish("error", Note("status.failed", {"error": str(exc)}))
        return self.status()

    def _loop(self) -> None:
        self.model.train()
        started, self._first_step = time.perf_counter(), self._status.step
        self._best.since, self._patience_out = 0, False  # a resume gets its full patience
        if self._status.step == 0 and self.recorder.empty():
            self.recorder.record_later(0, 0, None)
        while True:
            done = self._budget_reason(started)
            if done:
                return self._finish(*done) if self._flush(started) else self._diverged()
            t0 = time.perf_counter()
            self._pending.append(self._train_step())
            seconds = time.perf_counter() - t0
            with self._lock:
                self._status.step += 1
            self._pos += 1
            epoch_end = self._pos >= self._steps_per_epoch()
            val_due = not epoch_end and self._val_due()
            # Weights are validated (and perhaps kept) only once their losses read finite.
            if (
                epoch_end or val_due or len(self._pending) >= SYNC_EVERY or self._probe_due()
            ) and not self._flush(started):
                return self._diverged()
            if epoch_end:
                self._end_epoch()
            elif val_due:
                self._validate()
            self.recorder.maybe_record(
                self._status.step, self._status.epoch, self._last_loss, seconds
            )

    def _probe_due(self) -> bool:
        """A snapshot may be taken after this step: its weights must be checked first."""
        every = self.recorder.every
        return every == 0 or self._status.step % every == 0

    def _val_due(self) -> bool:
        """A validation inside the epoch: every val_every steps, or a few per long epoch."""
        if self.cfg.val_every > 0:
            return self._status.step % self.cfg.val_every == 0
        per_epoch = self._steps_per_epoch()
        return (
            per_epoch > LONG_EPOCH and self._pos % math.ceil(per_epoch / VALS_PER_LONG_EPOCH) == 0
        )

    def _budget_reason(self, started: float):
        s, c = self._status, self.cfg
        if self._stop.is_set():
            return ("stopped", Note("status.stopped", {"step": s.step}))
        if s.step >= s.total_steps:
            return ("done", Note("status.finished", {"step": s.step}))
        if self._patience_out:
            return ("done", Note("best.early", {"step": s.step, "n": c.patience}))
        if c.max_seconds is not None and time.perf_counter() - started >= c.max_seconds:
            return ("done", Note("status.budget", {"seconds": c.max_seconds, "step": s.step}))
        if self.out_of_time():  # the server's limit: stopped, so Resume goes on from here
            return (
                "stopped",
                Note("fairness.time_limit", {"minutes": f"{self.limit_minutes:g}", "step": s.step}),
                True,
            )
        return None

    def _train_step(self) -> torch.Tensor:
        """One optimisation step; returns the loss on the device, unread (no host sync)."""
        x, y = self._batches.get(self.cfg.seed, self._status.epoch, self._pos, self.cfg.batch_size)
        return train_step(self.model, self._optim, x, y, self.cfg.clip_grad_norm)

    def _flush(self, started: float) -> bool:
        """Read the pending losses back (one host sync for up to SYNC_EVERY steps).

        All finite, and the weights too: they become the rollback copy. Otherwise False,
        and the caller rolls back to the last copy (at most SYNC_EVERY steps earlier).
        """
        if not self._pending:
            return True
        # Fused calls over all weights: times zero, a finite weight is 0 and inf or NaN is
        # NaN, so the norms' sum is finite exactly when every weight is (a check per tensor
        # launched two kernels each; norms of the weights themselves overflow near 1e19).
        norms = torch._foreach_norm(torch._foreach_mul(list(self.model.parameters()), 0.0))
        finite = torch.isfinite(torch.stack(norms).sum())
        values = torch.cat([torch.stack(self._pending).float(), finite.float()[None]]).tolist()
        losses, self._pending = values[:-1], []
        bad = next(
            (i for i, v in enumerate(losses) if not math.isfinite(v)),
            None if values[-1] == 1.0 else len(losses),
        )
        if bad is not None:
            self._bad = bad
            return False
        self._record_losses(losses, started)
        self._rollback.advance(self.model.parameters(), self._position())
        return True

    def _position(self):
        return (self._status.step, self._status.epoch, self._pos)

    def _record_losses(self, losses: list[float], started: float) -> None:
        with self._lock:
            s = self._status
            first = s.step - len(losses) + 1
            s.train_steps.extend(range(first, s.step + 1))
            s.train_loss.extend(losses)
            # Wall-clock rate of this run: probes and validation included, as the user waits.
            wall = time.perf_counter() - started
            rate = (s.step - self._first_step) / wall if wall > 0 else 0.0
            s.samples_per_s = rate * self.cfg.batch_size
            s.seconds_left = (s.total_steps - s.step) / rate if rate > 0 else None
        self._last_loss = losses[-1]

    def _end_epoch(self) -> None:
        self._validate()
        with self._lock:
            self._pos = 0
            self._status.epoch += 1
            self._status.epoch_steps.append(self._status.step)
        self._rollback.relabel(self._position())  # read at the epoch's last step

    def _validate(self) -> None:
        """The validation loss now, on the curve; the weights kept when it is the lowest."""
        val = self.validation_loss()
        if val is None:
            return
        step = self._status.step
        self._val_at = (step, val)
        self._best.offer(self.model, step, val)
        with self._lock:
            s = self._status
            s.val_steps.append(step)
            s.val_loss.append(val)
            s.best_step, s.best_val_loss = self._best.step, self._best.loss
        patience = self.cfg.patience
        self._patience_out = patience > 0 and self._best.since >= patience

    def validation_loss(self) -> float | None:
        if len(self._val_idx) == 0:
            return None
        return eval_loss(self.model, self.windows, self._val_idx, self.device)

    def _diverged(self) -> None:
        """Back to the last weights that gave finite losses, and the step they were at."""
        bad_step = self._rollback.candidate_at[0] + self._bad + 1
        step, epoch, pos = self._rollback.restore(self.model.parameters(), self._bad)
        self._optim = self._make_optimizer()  # its moments may hold inf/NaN too
        with self._lock:
            s = self._status
            s.step, s.epoch, self._pos = step, epoch, pos
            kept = sum(1 for k in s.train_steps if k <= step)  # the curve ends where we are
            del s.train_steps[kept:], s.train_loss[kept:]
            del s.epoch_steps[sum(1 for k in s.epoch_steps if k <= step) :]
        self._finish("diverged", Note("status.diverged", {"step": bad_step}))

    def _keep_best(self) -> Note | None:
        """Put back the best weights when they beat the weights now (restore_best); returns
        the line saying so. Runs before the final snapshot, so Inside shows the kept model."""
        best, step = self._best, self._status.step
        if not self.cfg.restore_best or best.state is None:
            return None
        assert best.loss is not None  # kept with the weights
        now = (
            self._val_at[1] if self._val_at and self._val_at[0] == step else self.validation_loss()
        )
        if now is None or now <= best.loss:
            # No worse: they stay, and become the best when a stop between validations
            # caught a lower loss than any validation did.
            if now is not None and best.offer(self.model, step, now):
                with self._lock:
                    self._status.best_step, self._status.best_val_loss = step, now
            return None
        best.restore(self.model)
        self._val_at = (step, best.loss)
        # Divergence after a resume must roll back to these weights, not the replaced ones.
        self._rollback = Rollback(self.model.parameters(), self._position())
        self._forget_snapshot(step)
        with self._lock:
            self._status.restored = True
        return Note("best.restored", {"step": best.step, "loss": best.loss})

    def _forget_snapshot(self, step: int) -> None:
        """A snapshot taken at this step holds the replaced weights: the final one is taken
        again from the kept weights."""
        self.recorder.drain()
        self.recorder.forget(step)

    def _finish(self, state: str, note: Note, time_limited: bool = False) -> None:
        notes: tuple[Note, ...] = (note,)
        if state in ("done", "stopped"):
            if kept := self._keep_best():
                notes += (kept,)
            losses = self._status.train_loss
            self.recorder.record_final(
                self._status.step, self._status.epoch, losses[-1] if losses else None
            )
        # A finished run has every snapshot (they are traced on probe threads meanwhile).
        self.recorder.drain()
        with self._lock:
            self._status.state = state
            self._status.notes = notes
            self._status.time_limited = time_limited
            self._status.seconds_left = None if state != "stopped" else self._status.seconds_left

    # ---- set-up helpers -----------------------------------------------------------
    def _steps_per_epoch(self) -> int:
        return max(1, math.ceil(self.windows.count("train") / self.cfg.batch_size))

    def _total_steps(self) -> int:
        total = self._steps_per_epoch() * self.cfg.epochs
        return min(total, self.cfg.max_steps) if self.cfg.max_steps else total

    def _make_optimizer(self):
        return make_optimizer(self.model, self.cfg, self.device)

    def _reconfigure(self, cfg: TrainConfig) -> None:
        changed_optim = (cfg.optimizer, cfg.lr) != (self.cfg.optimizer, self.cfg.lr)
        self.cfg = cfg
        self.recorder.cfg = cfg
        with self._lock:
            self._status.total_steps = self._total_steps()
        if changed_optim or self._status.state == "diverged":
            self._optim = self._make_optimizer()

    def _val_subset(self) -> np.ndarray:
        return val_subset(self.windows, self.cfg.val_samples)


# ---- the pieces of a step, shared with rnnviz.train.steptime (which times them) ------------
def make_optimizer(model, cfg: TrainConfig, device: torch.device):
    params = model.parameters()
    # On a GPU the fused kernels update every tensor at once: the default (foreach) Adam
    # launched about ten kernels a step, which a small model's step cannot hide.
    fused: dict[str, Any] = {"fused": True} if device.type == "cuda" else {}
    if cfg.optimizer == "sgd":
        return torch.optim.SGD(params, lr=cfg.lr, momentum=0.9, **fused)
    return torch.optim.Adam(params, lr=cfg.lr, **fused)


def train_step(
    model, optim, x: torch.Tensor, y: torch.Tensor, clip_grad_norm: float
) -> torch.Tensor:
    """One optimisation step on (x, y); returns the loss on the device, unread."""
    optim.zero_grad(set_to_none=True)
    loss = loss_fn(model, model(x), y)
    loss.backward()
    if clip_grad_norm > 0:
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip_grad_norm)
    optim.step()
    return loss.detach()


def val_subset(windows: WindowSet, val_samples: int) -> np.ndarray:
    """The validation starts a job measures its loss on: at most val_samples, spread out."""
    starts = windows.splits["val"]
    if len(starts) > val_samples:
        pick = np.linspace(0, len(starts) - 1, val_samples).round().astype(int)
        starts = starts[pick]
    return starts


def eval_loss(model, windows: WindowSet, starts: np.ndarray, device: torch.device) -> float:
    """The loss over the samples at `starts`, without gradients (validation)."""
    x, y = windows.get(starts)
    was = model.training
    model.eval()
    with torch.no_grad():
        x = torch.from_numpy(x).to(device, non_blocking=True)
        y = torch.from_numpy(y).to(device, non_blocking=True)
        loss = float(loss_fn(model, model(x), y))
    model.train(was)
    return loss
