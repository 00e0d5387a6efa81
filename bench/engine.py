"""Engine benchmarks: what instrumentation, replay and windowing cost, as ratios.

1. TrainJob (snapshots + validation) vs a plain PyTorch loop on the same batches.
2. Replay (probe.trace) vs the fused module: max abs error, float32 and float64.
3. Probe cost per call, as a multiple of one training step.
4. Windowing a 1M-row series: WindowSet views vs a Python-loop copy of all pairs.
5. On CUDA, when there is a GPU: 1 and 2 again.
"""

from __future__ import annotations

import math
import platform
import statistics
import time

import numpy as np
import torch
from numpy.lib.stride_tricks import sliding_window_view
from torch.nn import functional as F

from bench.common import (
    QUICK,
    Figure,
    interleaved,
    median_time,
    print_section,
    rss_peak_delta,
    timed,
    tracemalloc_peak_mb,
    write_summary,
)
from rnnviz.analysis.probe import grad_norms, trace, trace_many
from rnnviz.data.windows import WindowSet
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.train import snapshots
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.train.snapshots import PROBE_SHARE

HIDDEN, WINDOW, BATCH, VAL_ROWS = 64, 100, 64, 512
TRAIN_CELLS = ("lstm", "gru", "rnn_tanh")
SHAPES = ((1, False), (2, True))  # (num_layers, bidirectional)
# Steps per timed run (one epoch, as a short app run): long enough for the auto cadence to
# settle; the bidirectional stacks are ~5x slower per step, so fewer of them
# keep `python -m bench` under ~4 minutes on 2 busy cores.
STEPS = {1: 8, 2: 4} if QUICK else {1: 240, 2: 100}
REPEATS = 1 if QUICK else 2
SERIES_ROWS = 100_000 if QUICK else 1_000_000
GOAL_RATIO = 0.95
GOAL_ERR = {torch.float32: 1e-5, torch.float64: 1e-12}


def noisy_sine(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=np.float64)
    return (np.sin(2 * np.pi * t / 50) + 0.1 * rng.standard_normal(n)).astype(np.float32)


def label(cell: str, layers: int, bidirectional: bool) -> str:
    return f"{cell.upper()} {layers}L{' bi' if bidirectional else ''}"


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()  # GPU work is queued: stop the clock only when it is done


# ---- 1. instrumented training vs a plain loop ---------------------------------------
def training_windows(steps: int) -> WindowSet:
    """One epoch of `steps` batches, then the job's end-of-epoch validation (512 samples)."""
    n_train = steps * BATCH + WINDOW  # train samples = n_train - WINDOW
    series = noisy_sine(n_train + VAL_ROWS)
    return WindowSet(series[:, None], series, WINDOW, boundaries=(n_train, len(series)))


def plain_loop(
    model, windows, tcfg: TrainConfig, device, limit: int | None = None, fused: bool = False
) -> float:
    """The loop anyone would write, on the job's batches; returns wall seconds. fused: with
    the fused Adam the job uses on a GPU, so the ratio is the job's own overhead alone."""
    opt = torch.optim.Adam(model.parameters(), lr=tcfg.lr, **({"fused": True} if fused else {}))
    n, bs, done = windows.count("train"), tcfg.batch_size, 0
    t0 = time.perf_counter()
    for epoch in range(tcfg.epochs):
        perm = np.random.default_rng((tcfg.seed, epoch)).permutation(n)  # as TrainJob
        for pos in range(0, n, bs):
            x, y = windows.batch("train", perm[pos : pos + bs])
            x, y = torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)
            opt.zero_grad(set_to_none=True)
            loss = F.mse_loss(model(x), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), tcfg.clip_grad_norm)
            opt.step()
            done += 1
            if limit and done >= limit:
                break
    sync(device)
    return time.perf_counter() - t0


def _count_seconds(obj, name: str) -> list[float]:
    """Wrap obj.name (on the instance only) to add up the seconds spent inside it."""
    spent, inner = [0.0], getattr(obj, name)

    def wrapper(*args, **kwargs):
        seconds, result = timed(lambda: inner(*args, **kwargs))
        spent[0] += seconds
        return result

    setattr(obj, name, wrapper)
    return spent


def job_run(model, windows, tcfg: TrainConfig, device) -> dict:
    job = TrainJob(model, windows, tcfg)  # set-up (optimizer, probe rows) is not timed
    probe, val = _count_seconds(job.recorder, "record"), _count_seconds(job, "validation_loss")
    frozen = _count_seconds(job.recorder, "record_later")  # the fixed snapshots' weight copies
    traced = _count_seconds(job.recorder, "_trace")  # on probe threads, beside the loop
    seconds, status = timed(job.run)
    probe[0] += frozen[0]
    sync(device)
    if status.state != "done":
        raise RuntimeError(f"the job ended {status.state}: {status.message}")
    return {
        "seconds": seconds,
        "probe": probe[0],
        "val": val[0],
        "snapshots": len(job.snapshots()),
        "traced": traced[0],
    }


def compare_training(cell: str, layers: int, bidirectional: bool, device) -> Figure:
    cfg = ModelConfig(cell=cell, hidden_size=HIDDEN, num_layers=layers, bidirectional=bidirectional)
    steps = STEPS[layers]
    windows = training_windows(steps)
    tcfg = TrainConfig(epochs=1, batch_size=BATCH, snapshot_every=0, device=device.type)
    plain_loop(build_model(cfg, seed=0).to(device), windows, tcfg, device, limit=2)  # warm-up
    res = interleaved(_runners(cfg, windows, tcfg, device), REPEATS)
    return _training_figure(label(cell, layers, bidirectional), steps, res)


def _runners(cfg: ModelConfig, windows, tcfg: TrainConfig, device) -> dict:
    runners = {
        "job": lambda: job_run(build_model(cfg, seed=0), windows, tcfg, device),
        "plain": lambda: plain_loop(build_model(cfg, seed=0).to(device), windows, tcfg, device),
    }
    if device.type == "cuda":  # the same optimizer kernels as the job's
        runners["fused"] = lambda: plain_loop(
            build_model(cfg, seed=0).to(device), windows, tcfg, device, fused=True
        )
    return runners


def _training_figure(name: str, steps: int, res: dict) -> Figure:
    samples = steps * BATCH
    jobs, plains = res["job"], res["plain"]
    # Paired rounds: the ratio of each A/B pair, then the median over rounds.
    ratio = statistics.median(p / j["seconds"] for j, p in zip(jobs, plains, strict=True))
    loop_only = statistics.median(
        p / (j["seconds"] - j["probe"] - j["val"]) for j, p in zip(jobs, plains, strict=True)
    )
    job_s = statistics.median(j["seconds"] for j in jobs)
    probe = statistics.median(j["probe"] / j["seconds"] for j in jobs)
    val = statistics.median(j["val"] / j["seconds"] for j in jobs)
    value = (
        f"{ratio:.2f}x  job {samples / job_s:.0f} vs plain "
        f"{samples / statistics.median(plains):.0f} samples/s, {steps} steps; "
        f"{jobs[0]['snapshots']} snapshots, probe {probe:.1%} in the loop "
        f"(+{statistics.median(j['traced'] / j['seconds'] for j in jobs):.1%} on probe "
        f"threads), val {val:.1%}; "
        f"without them {loop_only:.2f}x"
    )
    if "fused" in res:  # against a plain loop with the job's fused Adam: overhead alone
        same = statistics.median(p / j["seconds"] for j, p in zip(jobs, res["fused"], strict=True))
        value += f"; vs plain loop with fused Adam {same:.2f}x"
    return Figure(f"train {name}", value, f">= {GOAL_RATIO}x", ratio >= GOAL_RATIO)


def training_section(device) -> list[Figure]:
    return [
        compare_training(cell, layers, bi, device) for cell in TRAIN_CELLS for layers, bi in SHAPES
    ]


# ---- 2. replay vs fused -------------------------------------------------------------
def replay_error(cell: str, dtype: torch.dtype, device) -> float:
    cfg = ModelConfig(cell=cell, hidden_size=HIDDEN, num_layers=2, bidirectional=True)
    model = build_model(cfg, seed=0).to(device=device, dtype=dtype).eval()
    x = torch.from_numpy(noisy_sine(WINDOW)[:, None]).to(device=device, dtype=dtype)  # (T, 1)
    with torch.no_grad():
        fused = model.rnn(x[None])[0][0]  # (T, 2H)
    return float(np.abs(trace(model, x).output - fused.cpu().numpy()).max())


def replay_section(device) -> list[Figure]:
    figures = []
    for cell in ("lstm", "gru", "rnn_tanh", "rnn_relu"):
        errs = {dt: replay_error(cell, dt, device) for dt in GOAL_ERR}
        ok = all(errs[dt] <= goal for dt, goal in GOAL_ERR.items())
        value = f"max abs error f32 {errs[torch.float32]:.1e}, f64 {errs[torch.float64]:.1e}"
        figures.append(Figure(f"replay {cell.upper()} 2L bi", value, "<= 1e-5 / 1e-12", ok))
    return figures


# ---- 3. probe cost per call ---------------------------------------------------------
def probe_costs(hidden: int, seq_len: int) -> Figure:
    """trace, grad_norms and one training step (batch 64), interleaved in one run."""
    model = build_model(ModelConfig(cell="lstm", hidden_size=hidden), seed=0)
    series = noisy_sine(BATCH + seq_len)
    x1, y1 = series[:seq_len, None], series[seq_len : seq_len + 1]  # one probe sequence
    xb = torch.from_numpy(np.stack([series[i : i + seq_len, None] for i in range(BATCH)]))
    yb = torch.from_numpy(series[seq_len : seq_len + BATCH, None])  # (B, 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.005)

    def step():
        opt.zero_grad(set_to_none=True)
        F.mse_loss(model(xb), yb).backward()
        opt.step()

    from rnnviz.analysis.connectivity import connectivity_many

    x2 = np.stack([x1, series[1 : seq_len + 1, None]])  # the 2 probe sequences
    runs = {
        "step": step,
        "trace": lambda: trace(model, x1),
        "grads": lambda: grad_norms(model, x1, y1),
        "conn": lambda: connectivity_many(model, x2),
    }
    for fn in runs.values():
        fn()  # warm-up
    res = interleaved({k: (lambda f=f: timed(f)[0]) for k, f in runs.items()}, 3 if QUICK else 9)
    ms = {k: statistics.median(v) * 1e3 for k, v in res.items()}
    # a snapshot: 2 probe traces + 1 grad_norms + connectivity of both
    snap = 2 * ms["trace"] + ms["grads"] + ms["conn"]
    every = math.ceil(snap / (PROBE_SHARE * ms["step"]))
    value = (
        f"trace {ms['trace']:.1f} ms = {ms['trace'] / ms['step']:.2f} steps, grad_norms "
        f"{ms['grads']:.1f} ms = {ms['grads'] / ms['step']:.2f} steps, connectivity "
        f"{ms['conn']:.1f} ms = {ms['conn'] / ms['step']:.2f} steps "
        f"(step {ms['step']:.1f} ms); "
        f"snapshot {snap / ms['step']:.1f} steps -> auto every {every} steps"
    )
    return Figure(f"probe LSTM H{hidden} T{seq_len}", value)


def probe_section() -> list[Figure]:
    return [probe_costs(32, 30), probe_costs(HIDDEN, WINDOW)]  # app default, then H64 T100


# ---- 4. windowing a long series -----------------------------------------------------
def windowing_section() -> list[Figure]:
    series = noisy_sine(SERIES_ROWS)
    values = series[:, None]  # (N, 1)
    idx = np.random.default_rng(0).integers(0, SERIES_ROWS - WINDOW, BATCH)

    def views():
        return WindowSet(values, series, WINDOW).batch("train", idx)

    def naive():  # every (window, target) pair copied up front; returns the bytes held
        x = np.stack([values[i : i + WINDOW] for i in range(SERIES_ROWS - WINDOW)])
        return x.nbytes + series[WINDOW:].copy().nbytes

    fast_s, fast_mb = median_time(views, repeats=9), tracemalloc_peak_mb(views)
    # The view alone is what the guide's "0.3 ms, 0 MB" measured; WindowSet adds its
    # per-split start indices (int64, 8 bytes a row held, ~24 at peak).
    view_s = median_time(lambda: sliding_window_view(values, WINDOW, axis=0), repeats=9)
    slow_s, slow_mb, _ = rss_peak_delta(naive)  # once: ~0.5 GB and about a second
    # The guide's goal is "never copy the windows": views must cost far less than copies.
    ok = slow_s / fast_s >= 100 and (slow_mb or 0) / max(fast_mb, 1e-3) >= 10
    value = (
        f"{slow_s / fast_s:.0f}x faster: WindowSet + batch {fast_s * 1e3:.2f} ms, "
        f"+{fast_mb:.1f} MB peak (view alone {view_s * 1e3:.2f} ms) vs loop copy "
        f"{slow_s:.2f} s, +{slow_mb or float('nan'):.0f} MB RSS"
    )
    return [Figure(f"windows {SERIES_ROWS:,} rows", value, ">=100x time, 10x MB", ok)]


# ---- 5. CUDA ------------------------------------------------------------------------
def big_lstm(device) -> Figure:
    """LSTM H512 T200 B256, 60 steps: a model big enough for the GPU to be busy."""
    n = 60 * 256 + 200
    series = noisy_sine(n + 600)
    windows = WindowSet(series[:, None], series, 200, boundaries=(n, len(series)))
    cfg = ModelConfig(cell="lstm", hidden_size=512)
    tcfg = TrainConfig(epochs=1, batch_size=256, device=device.type)
    plain_loop(build_model(cfg, seed=0).to(device), windows, tcfg, device, limit=3)  # warm-up
    res = interleaved(_runners(cfg, windows, tcfg, device), REPEATS)
    return _training_figure("LSTM H512 T200 B256", 60, res)


def probe_place(device) -> Figure:
    """One snapshot of the bench model on the GPU itself vs on a CPU copy of its weights."""
    cfg = ModelConfig(cell="lstm", hidden_size=HIDDEN, num_layers=2, bidirectional=True)
    model = build_model(cfg, seed=0).to(device)
    x = np.stack([noisy_sine(WINDOW, seed=k)[:, None] for k in range(2)])

    def on(where):
        def run():
            m = snapshots.frozen_copy(model) if where == "cpu" else model
            trace_many(m, x)
            sync(device)

        return run

    gpu, cpu = median_time(on("gpu"), 5), median_time(on("cpu"), 5)
    return Figure(
        "probe place LSTM 2L bi",
        f"GPU {gpu * 1e3:.1f} ms vs CPU copy "
        f"{cpu * 1e3:.1f} ms: {'CPU' if cpu < gpu else 'GPU'} is cheaper",
    )


def cuda_section() -> list[Figure]:
    if not torch.cuda.is_available():
        return [Figure("cuda", "no GPU here")]
    cuda = torch.device("cuda")
    figures = [Figure("cuda device", torch.cuda.get_device_name(0))]
    figures += training_section(cuda) + [big_lstm(cuda), probe_place(cuda)]
    figures += replay_section(cuda)
    for fig in figures[1:]:
        fig.name = "cuda " + fig.name
    return figures


# ---- run ----------------------------------------------------------------------------
def header() -> list[str]:
    return [
        f"rnnviz engine bench, {time.strftime('%Y-%m-%d %H:%M')}, torch {torch.__version__}, "
        f"{platform.processor() or platform.machine()}, torch threads "
        f"{torch.get_num_threads()}{', QUICK' if QUICK else ''}",
        "Ratios are medians of A/B runs interleaved in this one run (shared machine).",
        "A job always snapshots step 0, step 5 (to set its cadence) and the end, and "
        "validates at each epoch end; in the loop a snapshot is a copy of the weights, traced "
        "on a probe thread beside it. 'without them' is the loop alone.",
    ]


def main() -> None:
    torch.set_num_threads(1)  # as the app's training worker does
    sections = [
        (
            "1. instrumented training (TrainJob) vs plain loop, CPU",
            lambda: training_section(torch.device("cpu")),
        ),
        (
            "2. replay (probe.trace) vs fused module, CPU",
            lambda: replay_section(torch.device("cpu")),
        ),
        ("3. probe cost per call, CPU", probe_section),
        ("4. windowing a long series", windowing_section),
        ("5. CUDA", cuda_section),
        ("6. connectivity, CPU", connectivity_costs),
    ]
    summary = []
    for title, run in sections:
        seconds, figures = timed(run)
        print_section(f"{title} ({seconds:.0f} s)", figures)
        summary += figures
    print("\n== summary ==")
    for line in header():
        print(line)
    for fig in summary:
        print(fig.line())
    print(f"(written to {write_summary('engine', header(), summary)})")


# ---- 6. connectivity --------------------------------------------------------------
def connectivity_costs() -> list[Figure]:
    """connectivity_all for one sequence vs one training step (batch 64, Adam, clipping) at
    the app's default model (LSTM H32, window 30): many-to-one (the default, one output
    step) and many-to-many (an output at every step, the most a series asks for)."""
    return [_connectivity_cost(mode) for mode in ("many_to_one", "many_to_many")]


def _connectivity_cost(mode: str) -> Figure:
    """One mode of connectivity_costs: its own model, batch and optimizer, timed here."""
    from rnnviz.analysis.connectivity import connectivity_all

    model = build_model(ModelConfig(cell="lstm", hidden_size=32, mode=mode), seed=0)
    series = noisy_sine(BATCH + 31)
    xb = torch.from_numpy(np.stack([series[i : i + 30, None] for i in range(BATCH)]))
    yb = torch.from_numpy(np.stack([series[i + 1 : i + 31] for i in range(BATCH)]))
    yb = yb if mode == "many_to_many" else yb[:, -1:]  # (B, T) or (B, 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.005)

    def step():
        opt.zero_grad(set_to_none=True)
        F.mse_loss(model(xb).reshape(yb.shape), yb).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    runs = {"step": step, "conn": lambda: connectivity_all(model, series[:30, None])}
    for fn in runs.values():
        fn()  # warm-up
    res = interleaved({k: (lambda f=f: timed(f)[0]) for k, f in runs.items()}, 3 if QUICK else 21)
    ms = {k: statistics.median(v) * 1e3 for k, v in res.items()}
    ratio = ms["conn"] / ms["step"]
    return Figure(
        f"connectivity {mode}",
        f"{ratio:.2f} steps: connectivity_all "
        f"{ms['conn']:.2f} ms, step {ms['step']:.2f} ms (LSTM H32 T30)",
        "<= 2 steps",
        ratio <= 2.0,
    )
