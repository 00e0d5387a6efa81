"""Seconds per training step of the actual model, timed on a few real steps before a run.

A guess from the window and hidden size (rnnviz.train.run_length.guess_seconds_per_step) knows
nothing
of the vocabulary: a text of 3,635 characters was shown 17 s and trained for 410 s, since
its embedding and its head over every character dominate the step. So the Train page times
a few steps of a throwaway copy of the model it would train (same config, batches,
optimizer, loss and thread count as rnnviz.train.job) and shows steps times that.

The cost is bounded: a few steps, at most about BUDGET_S of them, one measurement at a time
in the whole server (many sessions timing at once would each time the others' load), and
the result is kept per shape, so the page's many reruns measure once. Nothing here imports
streamlit.
"""

from __future__ import annotations

import math
import statistics
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import torch

from rnnviz.model.network import ModelConfig, RecurrentModel
from rnnviz.train.batches import Batches
from rnnviz.train.device import exact_float32, resolve_device
from rnnviz.train.job import (
    LONG_EPOCH,
    VALS_PER_LONG_EPOCH,
    TrainConfig,
    eval_loss,
    make_optimizer,
    train_step,
    val_subset,
)

WARMUP_STEPS = 2  # the first steps allocate: not counted
TIMED_STEPS = 4
# Steps of a few milliseconds vary more (a scheduler tick is one of them): they are timed on
# until MIN_TIMED_S has passed, at most MAX_STEPS of them.
MIN_TIMED_S, MAX_STEPS = 0.25, 50
BUDGET_S = 1.5  # timed steps stop once this much has passed (a slow step: fewer of them)
WAIT_S = 2.5  # how long a page waits for a result before it shows the guess instead
CACHE_SIZE = 128

_cache: OrderedDict[tuple, float] = OrderedDict()
_running: dict[tuple, threading.Thread] = {}
_lock = threading.Lock()  # guards _cache and _running
_one_at_a_time = threading.Lock()


@dataclass(frozen=True)
class _Shape:
    """What a step's time depends on besides the model config: not the values."""

    window: int
    many_to_many: bool
    inputs: tuple
    targets: tuple
    train: int
    val: int


def _shape(windows) -> _Shape:
    return _Shape(
        windows.window,
        windows.many_to_many,
        _rows(windows.inputs),
        _rows(windows.targets),
        windows.count("train"),
        windows.count("val"),
    )


def _rows(a) -> tuple:
    """An array's shape past its first axis, and its dtype: a step reads rows of it."""
    return tuple(a.shape[1:]), str(a.dtype)


def key(model_cfg: ModelConfig, data, train_cfg: TrainConfig) -> tuple:
    """The cache key: model config, data shape (vocabulary and window included through
    both), and the training settings that change a step's cost."""
    windows = getattr(data, "windows", data)
    device, _ = resolve_device(train_cfg.device)
    c = train_cfg
    return (
        model_cfg,
        _shape(windows),
        c.batch_size,
        c.optimizer,
        c.clip_grad_norm > 0,
        str(device),
        c.num_threads,
        c.val_samples,
        c.val_every,
    )


def measure(
    model_cfg: ModelConfig,
    data,
    train_cfg: TrainConfig,
    steps: int = TIMED_STEPS,
    wait: float | None = None,
) -> float | None:
    """Seconds per optimisation step of `model_cfg` on `data` (prepared data or its
    WindowSet) with `train_cfg`'s batch size, optimizer, device and threads, validation
    included as a share of each step. Cached; None when it failed or was not done after
    `wait` seconds (it then goes on, and a later call finds its result)."""
    k = key(model_cfg, data, train_cfg)
    with _lock:
        if k in _cache:
            _cache.move_to_end(k)
            return _cache[k]
        thread = _running.get(k)
        if thread is None:
            windows = getattr(data, "windows", data)
            thread = threading.Thread(
                target=_measure_into,
                args=(k, model_cfg, windows, train_cfg, steps),
                name="rnnviz-steptime",
                daemon=True,
            )
            _running[k] = thread
            thread.start()
    thread.join(wait)
    with _lock:
        return _cache.get(k)


def cached(model_cfg: ModelConfig, data, train_cfg: TrainConfig) -> float | None:
    """The measured seconds per step when they are known already; never measures."""
    with _lock:
        return _cache.get(key(model_cfg, data, train_cfg))


def clear() -> None:
    with _lock:
        _cache.clear()


def _measure_into(k, model_cfg, windows, train_cfg, steps) -> None:
    """The measuring thread: like a training job's worker, it sets the job's thread count
    (torch's setting is per thread: the page's own thread keeps its own)."""
    try:
        with _one_at_a_time:
            torch.set_num_threads(max(1, train_cfg.num_threads))
            seconds = _time(model_cfg, windows, train_cfg, steps)
    except Exception:  # no estimate is worth a page's error: the caller shows the guess
        seconds = None
    with _lock:
        _running.pop(k, None)
        if seconds is not None and math.isfinite(seconds) and seconds > 0:
            _cache[k] = seconds
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)


def _time(model_cfg: ModelConfig, windows, cfg: TrainConfig, steps: int) -> float:
    """Time real steps of a fresh model (nothing the user has is trained), in the order a
    job reads its first batches, plus one validation spread over the steps between two."""
    exact_float32()
    device, _ = resolve_device(cfg.device)
    model = _throwaway(model_cfg, device)
    optim = make_optimizer(model, cfg, device)
    batches = Batches(windows, device)
    per_epoch = max(1, math.ceil(windows.count("train") / cfg.batch_size))

    def step(pos: int) -> float:
        t0 = time.perf_counter()
        x, y = batches.get(cfg.seed, 0, pos % per_epoch, cfg.batch_size)
        train_step(model, optim, x, y, cfg.clip_grad_norm)
        _sync(device)
        return time.perf_counter() - t0

    started, first = time.perf_counter(), step(0)
    if first >= BUDGET_S / 2:  # one slow step is the figure: its allocations are small beside it
        return first
    for pos in range(1, WARMUP_STEPS):
        step(pos)
    times: list[float] = []
    while len(times) < max(1, steps) or (sum(times) < MIN_TIMED_S and len(times) < MAX_STEPS):
        if times and time.perf_counter() - started + times[-1] > BUDGET_S:
            break  # the next step would end past the budget
        times.append(step(WARMUP_STEPS + len(times)))
    return statistics.median(times) + _validation_share(model, windows, cfg, device, per_epoch)


def _throwaway(model_cfg: ModelConfig, device: torch.device) -> RecurrentModel:
    """The model a job would train, with weights from a generator of its own: drawing them
    from torch's global one could land between another session's manual_seed and its
    model's initialisation, and that run would not be the one its seed names."""
    with torch.device("meta"):  # no weights drawn yet
        model = RecurrentModel(model_cfg)
    model = model.to_empty(device=device)
    generator = torch.Generator(device=device).manual_seed(0)
    with torch.no_grad():
        for p in model.parameters():
            torch.nn.init.uniform_(p, -0.1, 0.1, generator=generator)  # values: any
    return model.train()


def _validation_share(model, windows, cfg: TrainConfig, device, per_epoch: int) -> float:
    """One validation's seconds over the steps between two validations (rnnviz.train.job's
    cadence): a short epoch validates after every few steps, and the user waits for it."""
    starts = val_subset(windows, cfg.val_samples)
    if len(starts) == 0:
        return 0.0
    # One batch of them, scaled: a forward pass's cost grows with the samples it reads.
    some = starts[: cfg.batch_size]
    t0 = time.perf_counter()
    eval_loss(model, windows, some, device)
    seconds = (time.perf_counter() - t0) * len(starts) / len(some)
    if cfg.val_every > 0:
        between: float = min(cfg.val_every, per_epoch)
    else:
        between = per_epoch / VALS_PER_LONG_EPOCH if per_epoch > LONG_EPOCH else per_epoch
    return seconds / max(1.0, between)


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()  # queued GPU work: stop the clock only when it is done
