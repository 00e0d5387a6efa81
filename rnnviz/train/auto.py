"""Auto: the preparation that wins on the validation split, chosen before training.

No single default wins everywhere (predicting the change rescues a trending series and
hurts a stationary one; standard scaling rescues a heavy tail and hurts a bounded one),
so each series is tried a few ways. First a linear model on every (transform, window)
pair: milliseconds each, and what a recurrent net can learn is close to what a linear
one can on such short windows. Then the best pairs are trained briefly as the recurrent
net itself with each scaling, a fixed seed and a fixed number of steps, so the same data
always give the same choice. Validation MAE is in the target's own units throughout.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from rnnviz.analysis import diagnose
from rnnviz.analysis.predict import evaluate
from rnnviz.data.prep import SeriesConfig, SeriesData, prepare_series
from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.train import run_length
from rnnviz.train.job import TrainConfig, TrainJob

LINEAR_WINDOWS = 5000  # training windows the linear proxy fits on: the newest ones
# Ridge strengths per training window: the weakest keeps the solve stable on a window of
# near-identical columns, the strongest leaves little more than the mean change.
RIDGES = (1e-5, 1e-2, 1.0)
BRIEF_STEPS = (40, 400)  # a brief run's steps: fewer tell nothing, more cost the budget


@dataclass(frozen=True)
class AutoConfig:
    budget_seconds: float = 20.0  # at most, whatever the run
    seed: int = 0
    min_rows: int = 40  # fewer rows give too few validation windows to choose on
    budget_share: float = 0.2  # of the training run's estimated seconds


@dataclass(frozen=True)
class Candidate:
    cfg: SeriesConfig
    val_mae: float | None  # None: the candidate could not be prepared (error says why)
    seconds: float
    error: str | None = None
    stage: str = "linear"  # "linear" (the proxy) | "rnn" (a brief run of the network)


@dataclass(frozen=True)
class AutoResult:
    cfg: SeriesConfig
    candidates: tuple[Candidate, ...]
    why: tuple[tuple[str, dict], ...]  # catalog keys and values: told in any language
    searched: bool  # False: the series was too short to choose on; cfg is the base
    naive_mae: float | None = None  # "last value" on the validation split
    seconds: float = 0.0

    @property
    def reason(self) -> str:
        return " ".join(t(key, **values) for key, values in self.why)


# ---- the candidates -----------------------------------------------------------------------


def candidates(df, base: SeriesConfig) -> list[SeriesConfig]:
    """The (transform, window) pairs worth trying on this table, with the base's scaling."""
    transforms = ["level", "diff"]
    if base.season and base.season >= max(2, base.horizon):
        transforms.append("seasonal_diff")
    target = pd.to_numeric(df[base.target], errors="coerce") if base.target in df else []
    if len(target) and np.nanmin(target) > 0:
        transforms.append("log_diff")
    windows = [base.window]
    if base.season and base.season + 1 != base.window and base.season + 1 <= len(df) // 8:
        windows.append(base.season + 1)
    return [replace(base, target_transform=tr, window=w) for tr in transforms for w in windows]


def _linear_mae(data: SeriesData) -> float:
    """Validation MAE of the best of a few ridge fits on the flattened training windows
    (the proxy). A strong ridge shrinks a change towards none, the naive forecast the
    transform stands for ("last value" for the change, "seasonal naive" for the seasonal
    change), which a network trained briefly also starts from."""
    ws = data.windows
    n = ws.count("train")
    x, y = ws.batch("train", np.arange(max(0, n - LINEAR_WINDOWS), n))
    a = np.c_[x.reshape(len(x), -1), np.ones(len(x))].astype(np.float64)
    b = y.reshape(len(y), -1)[:, :1].astype(np.float64)
    xv, _ = ws.batch("val", np.arange(ws.count("val")))
    av = np.c_[xv.reshape(len(xv), -1), np.ones(len(xv))]
    rows = ws.target_rows("val")
    gram, eye = a.T @ a, np.eye(a.shape[1])
    maes = []
    for ridge in RIDGES:
        coef = np.linalg.solve(gram + ridge * len(a) * eye, a.T @ b)
        maes.append(_mae(data.levels((av @ coef)[:, 0], rows), data.raw_target[rows]))
    return min(maes)


def _mae(pred: np.ndarray, actual: np.ndarray) -> float:
    err = np.abs(np.asarray(pred, np.float64) - actual)
    return float(np.mean(err)) if np.isfinite(err).all() else float("inf")


def _try(df, cfg: SeriesConfig, score: Callable[[SeriesData], float], stage: str) -> Candidate:
    t0 = time.perf_counter()
    try:
        data = prepare_series(df, cfg)
        mae = score(data)
    except (DataError, ValueError, np.linalg.LinAlgError) as err:
        return Candidate(cfg, None, time.perf_counter() - t0, str(err), stage)
    # A fallback (log of a zero, no usable season) is scored as what it became.
    return Candidate(data.cfg, mae, time.perf_counter() - t0, None, stage)


# ---- the search -----------------------------------------------------------------------------


def _brief_steps(
    data: SeriesData, model_cfg: ModelConfig, train_cfg: TrainConfig, auto: AutoConfig, runs: int
) -> int:
    """Steps of each brief run: the budget's share of the run, from the step-time guess
    (not the clock: the same data must give the same choice on a busy server)."""
    step_s = run_length.guess_seconds_per_step(
        data.cfg.window, model_cfg.hidden_size, model_cfg.num_layers
    )
    pairs = data.windows.count("train")
    epochs = run_length.default_epochs(pairs, train_cfg.batch_size, step_s)
    full = run_length.steps_per_epoch(pairs, train_cfg.batch_size) * epochs
    budget = min(auto.budget_seconds, auto.budget_share * full * step_s)
    return min(int(budget / step_s / max(1, runs)), BRIEF_STEPS[1], full)


def _rnn_score(model_cfg: ModelConfig, train_cfg: TrainConfig, seed: int, steps: int):
    def score(data: SeriesData) -> float:
        model = build_model(model_config_for(data, model_cfg), seed=seed)
        cfg = replace(
            train_cfg,
            seed=seed,
            max_steps=steps,
            epochs=10_000,
            device="cpu",
            max_seconds=None,
            restore_best=True,
            patience=0,
            val_every=max(1, steps // 8),
            max_snapshots=1,
        )
        TrainJob(model, data.windows, cfg).run()
        return evaluate(model, data, split="val").metrics["model"]["MAE"]

    return score


def search(
    df,
    base: SeriesConfig,
    model_cfg: ModelConfig,
    train_cfg: TrainConfig,
    auto: AutoConfig = AutoConfig(),
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> AutoResult:
    """The preparation with the lowest validation MAE among the candidates; the base
    itself, with the reason, when the series is too short to choose on."""
    started = time.perf_counter()
    base_data = prepare_series(df, base)  # DataError: the base itself is unusable
    rows = len(base_data.raw_target)
    if rows < auto.min_rows:
        return AutoResult(
            base, (), (("auto.too_short", {"rows": rows, "most": auto.min_rows}),), False
        )
    pairs = candidates(df, base)
    tried = []
    for i, cfg in enumerate(pairs):
        tried.append(_try(df, cfg, _linear_mae, "linear"))
        if progress:  # the brief runs, up to 4, are counted once their number is known
            progress(i + 1, len(pairs) + 4)
    ok = sorted((c for c in tried if c.val_mae is not None), key=_scored_mae)
    if not ok:
        return AutoResult(base, tuple(tried), (("auto.none_fit", {}),), True)
    top = _distinct(ok)[:2]
    brief = _brief(
        df, top, base_data, model_cfg, train_cfg, auto, progress, should_stop, len(pairs)
    )
    tried.extend(brief)
    scored = [c for c in brief if c.val_mae is not None] or top
    best = min(scored, key=lambda c: c.val_mae)
    if not brief:
        best = _changes_robust(best)
    naive = _naive_mae(base_data)
    why = _why(best, base_data, naive, len(tried), bool(brief))
    return AutoResult(best.cfg, tuple(tried), why, True, naive, time.perf_counter() - started)


def _changes_robust(best: Candidate) -> Candidate:
    """Changes scaled robustly when no brief run chose a scaling: centred on the median
    change, a network that has learned little predicts about that (near "last value" for
    a random walk) instead of the middle of the changes' range."""
    cfg = best.cfg
    if cfg.target_transform == "level" or cfg.scaling == "none":
        return best
    return replace(best, cfg=replace(cfg, scaling="robust"))


def _distinct(ranked: list[Candidate]) -> list[Candidate]:
    seen, out = set(), []
    for c in ranked:
        key = (c.cfg.target_transform, c.cfg.window)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _brief(df, top, base_data, model_cfg, train_cfg, auto, progress, should_stop, done):
    """The recurrent net itself, briefly, on the best pairs with each scaling."""
    scalings = ["minmax", "robust"] if base_data.cfg.scaling != "none" else ["none"]
    runs = [replace(c.cfg, scaling=s) for c in top for s in scalings]
    steps = _brief_steps(base_data, model_cfg, train_cfg, auto, len(runs))
    if steps < BRIEF_STEPS[0]:
        runs = []  # too small a budget to tell them apart: the proxy decides
    if progress:
        progress(done, done + len(runs))
    out = []
    for i, cfg in enumerate(runs):
        if should_stop and should_stop():
            break
        out.append(_try(df, cfg, _rnn_score(model_cfg, train_cfg, auto.seed, steps), "rnn"))
        if progress:
            progress(done + i + 1, done + len(runs))
    return out


def _naive_mae(data: SeriesData) -> float:
    rows = data.windows.target_rows("val")
    return _mae(data.raw_target[rows - data.cfg.horizon], data.raw_target[rows])


def _scored_mae(c: Candidate) -> float:
    """The validation MAE of a candidate that has one (the sort key of the scored ones)."""
    assert c.val_mae is not None  # only scored candidates are sorted
    return c.val_mae


def _why(best: Candidate, data: SeriesData, naive: float, tried: int, trained: bool):
    cfg = best.cfg
    outside = diagnose.outside_share(data, "val")
    key = {
        "level": "auto.why.level",
        "diff": "auto.why.diff",
        "seasonal_diff": "auto.why.seasonal",
        "log_diff": "auto.why.log",
    }[cfg.target_transform]
    why: list[tuple[str, dict[str, object]]] = [
        ("auto.summary", {"tried": tried, "mae": best.val_mae, "naive": naive})
    ]
    if cfg.target_transform != "level" and outside >= diagnose.OUTSIDE:  # the likeliest cause first
        why.append(("auto.why.range", {"share": f"{outside:.0%}"}))
    why.append((key, {"season": cfg.season or 0}))
    if trained:  # the scalings were tried only by the brief runs of the network
        why.append((f"auto.why.scaling_{cfg.scaling}", {}))
    elif cfg.target_transform != "level" and cfg.scaling == "robust":
        why.append(("auto.why.scaling_changes", {}))
    if cfg.season and cfg.window >= cfg.season + 1:
        why.append(("auto.why.window", {"window": cfg.window, "season": cfg.season}))
    return tuple(why)
