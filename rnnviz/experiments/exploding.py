"""The Lab's exploding-gradients run (no streamlit here): a plain RNN whose recurrent
weights start with a large spectral radius, trained by SGD, recording the gradient norm
before and after clipping at every step (TrainJob clips inside its step and does not
report the norm). ExplodeJob is a rnnviz.train.worker.Job on the shared Worker thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import torch

from rnnviz.experiments.tasks import TASKS, make_task
from rnnviz.i18n import t
from rnnviz.model.loss import loss_fn
from rnnviz.model.network import ModelConfig, RecurrentModel, build_model
from rnnviz.server.limits import RunRequest
from rnnviz.train.worker import Worker

# Curves' codes -> catalog keys of their names (the legend shows them).
CURVES = {
    "off": "lab.curve_off",
    "before": "lab.curve_before",
    "after": "lab.curve_after",
    "on": "lab.curve_on",
}


def spectral_radius(w: torch.Tensor) -> float:
    """Largest |eigenvalue| of a square matrix: the long-run growth per step of h -> W h."""
    return float(torch.linalg.eigvals(w.detach().double()).abs().max())


def exploding_model(cfg: ModelConfig, scale: float = 1.8, seed: int = 0) -> RecurrentModel:
    """build_model(cfg, seed) with every recurrent matrix redrawn with spectral radius `scale`.

    Each [H, H] block of W_hh (one per gate for LSTM/GRU) becomes a Gaussian matrix scaled
    so that its largest |eigenvalue| is `scale`: above 1, a signal (and a gradient) sent
    back through many steps grows instead of fading. torch's default init gives about 0.6.
    """
    if scale <= 0:
        raise ValueError(t("lab.err.scale"))
    model = build_model(cfg, seed=seed)
    gen = torch.Generator().manual_seed(seed)
    h = cfg.hidden_size
    with torch.no_grad():
        for name, p in model.rnn.named_parameters():
            if not name.startswith("weight_hh"):
                continue
            for block in p.split(h, dim=0):  # (H, H) per gate
                w = torch.randn(h, h, generator=gen, dtype=torch.float64)
                block.copy_((w * (scale / spectral_radius(w))).to(p.dtype))
    return model


@dataclass(frozen=True)
class ExplodeConfig:
    """A ReLU RNN with large recurrent weights, trained by plain SGD (Adam would rescale
    every step and hide what a huge gradient does to the weights)."""

    task: str = "adding"
    seq_len: int = 50
    hidden_size: int = 32
    scale: float = 1.8  # spectral radius of W_hh at the start
    steps: int = 200
    lr: float = 0.01
    clip: float = 0.0  # max total gradient norm; 0 = no clipping
    batch_size: int = 64
    seed: int = 0
    samples: int = 2048


@dataclass
class ExplodeStatus:
    state: str = "idle"  # idle | running | done | stopped | diverged | error
    message: str = ""
    steps: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    norm: list[float] = field(default_factory=list)  # total gradient norm before clipping
    clipped: list[float] = field(default_factory=list)  # the norm the optimizer used
    time_limited: bool = (
        False  # stopped itself at the server's wall-clock limit (rnnviz.train.worker)
    )

    @property
    def active(self) -> bool:
        return self.state == "running"


def explode_model_config(cfg: ExplodeConfig) -> ModelConfig:
    return ModelConfig(
        cell="rnn_relu", input_size=TASKS[cfg.task].input_size, hidden_size=cfg.hidden_size
    )


def explode_requests(cfg: ExplodeConfig) -> tuple[RunRequest, ...]:
    """What the training gate reads before an ExplodeJob is built."""
    return (RunRequest(explode_model_config(cfg), cfg.batch_size, cfg.seq_len),)


class ExplodeJob(Worker[ExplodeStatus]):
    """The exploding setup in a worker thread; other threads call status(), stop(), join()."""

    def __init__(self, cfg: ExplodeConfig):
        super().__init__()
        self.cfg = cfg
        self.data = make_task(cfg.task, cfg.samples, cfg.seq_len, seed=cfg.seed)
        self.model = exploding_model(explode_model_config(cfg), cfg.scale, cfg.seed)
        self._optim = torch.optim.SGD(self.model.parameters(), lr=cfg.lr)
        self._rng = np.random.default_rng(cfg.seed)  # kept: a resumed run draws on from it
        self._status = ExplodeStatus()

    def resume(self, cfg: ExplodeConfig | None = None) -> bool:
        """Continue from the last step up to cfg.steps; a new cfg may change the steps, the
        rate and the clipping (the model, task and scale are this job's). False while running."""
        if self.active:
            return False
        if cfg is not None:
            self.cfg = replace(self.cfg, steps=cfg.steps, lr=cfg.lr, clip=cfg.clip)
            for group in self._optim.param_groups:
                group["lr"] = self.cfg.lr
        return self.start()

    def run(self) -> ExplodeStatus:
        # One thread: on a small shared CPU, two threads beside the server and the browser
        # made small models many times slower, not faster.
        torch.set_num_threads(1)
        with self._lock:
            self._status.state = "running"
            self._status.time_limited = False
        try:
            self._finish(*self._loop())
        except Exception as exc:  # the worker must never die silently
            self._finish("error", t("status.failed", error=exc))
        return self.status()

    def _loop(self) -> tuple:
        first = len(self._status.steps)  # a resumed run goes on from its last step
        train = self.data.splits["train"]
        for step in range(first, self.cfg.steps):
            if self._stop.is_set():
                return "stopped", t("lab.job.stopped", step=step)
            if self.out_of_time():
                return (
                    "stopped",
                    t("fairness.time_limit", minutes=f"{self.limit_minutes:g}", step=step),
                    True,
                )
            x, y = (
                torch.from_numpy(a)
                for a in self.data.get(self._rng.choice(train, self.cfg.batch_size))
            )
            self._optim.zero_grad(set_to_none=True)
            loss = loss_fn(self.model, self.model(x), y)
            if not math.isfinite(loss.item()):
                return "diverged", t("lab.job.loss_blew_up", loss=loss.item(), step=step + 1)
            loss.backward()
            limit = self.cfg.clip if self.cfg.clip > 0 else math.inf
            norm = float(torch.nn.utils.clip_grad_norm_(self.model.parameters(), limit))
            if not math.isfinite(norm):
                return "diverged", t("lab.job.norm_overflow", norm=norm, step=step + 1)
            self._optim.step()
            with self._lock:
                s = self._status
                s.steps.append(step + 1)
                s.loss.append(loss.item())
                s.norm.append(norm)
                s.clipped.append(min(norm, limit))
        return "done", t("lab.job.finished", steps=self.cfg.steps)

    def _finish(self, state: str, message: str, time_limited: bool = False) -> None:
        with self._lock:
            self._status.state, self._status.message = state, message
            self._status.time_limited = time_limited


def explode_curves(statuses: dict[bool, ExplodeStatus]):
    """(gradient-norm curves, loss curves) of the kept runs, keyed by the codes of CURVES:
    "off" (no clipping), "before" / "after" clipping, and "on" for the clipped run's loss."""
    norms, losses = {}, {}
    for on, s in sorted(statuses.items()):
        x = np.asarray(s.steps)
        if on:
            norms["before"] = (x, s.norm)
            norms["after"] = (x, s.clipped)
        else:
            norms["off"] = (x, s.norm)
        losses["on" if on else "off"] = (x, s.loss)
    return norms, losses
