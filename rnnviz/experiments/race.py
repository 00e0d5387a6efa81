"""Several architectures trained on the same data with the same budget, side by side.

Entrants, curves and table rows are keyed by stable codes ("lstm", "gru_bi",
"rnn_tanh_2layers"); `label()` names them for the reader when a page draws them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from rnnviz.data.text import TextData
from rnnviz.i18n import CATALOG, t
from rnnviz.model.network import ModelConfig, build_model, count_parameters
from rnnviz.server.limits import RunRequest
from rnnviz.train.job import Status, TrainConfig, TrainJob

# Cell names as a learner reads them: acronyms, the same in every language.
CELL_NAMES = {"rnn_tanh": "RNN", "rnn_relu": "RNN (ReLU)", "lstm": "LSTM", "gru": "GRU"}
STANDARD = ("rnn_tanh", "lstm", "gru")
VARIANTS = {"_bi": "race.bidirectional", "_2layers": "race.two_layers"}  # code suffix -> key
# One colour per cell and one dash per variant, so "GRU" and "GRU bi" read as a pair.
CELL_COLORS = {"rnn_tanh": "#1f77b4", "rnn_relu": "#9467bd", "lstm": "#d62728", "gru": "#2ca02c"}
# Results table: column code -> catalog key of its header.
COLUMNS = {
    "model": "race.col.model",
    "parameters": "race.col.parameters",
    "steps": "race.col.steps",
    "final_train_loss": "race.col.final_train",
    "validation_loss": "race.col.validation",
    "samples_per_s": "race.col.samples",
    "device": "race.col.device",
    "state": "race.col.state",
}
SMOOTH_MAX = 25  # steps in the trailing mean of a loss curve, at most
# Below this relative gap in validation loss two models tie: a seed or a batch order moves
# a loss by a few percent, so a smaller gap says nothing about the architectures.
TIE_SHARE = 0.02
NOISE_EVALS = 3  # the last evaluations whose spread is the noise of a validation loss
RACE_SNAPSHOTS = 2  # a Compare race's snapshots: its start and its end (no probes between)


@dataclass(frozen=True)
class Entrant:
    code: str  # stable key: "lstm", "gru_bi", "rnn_tanh_2layers"
    cfg: ModelConfig


def entrant_code(cfg: ModelConfig) -> str:
    """The cell, and "_bi" or "_2layers" for the variants a race adds."""
    if cfg.bidirectional:
        return cfg.cell + "_bi"
    return cfg.cell + ("_2layers" if cfg.num_layers > 1 else "")


def label(code: str) -> str:
    """An entrant's name in the current language: "LSTM", "GRU bi", "RNN 2 layers"."""
    for end, key in VARIANTS.items():
        if code.endswith(end) and code[: -len(end)] in CELL_NAMES:
            return t(key, cell=CELL_NAMES[code[: -len(end)]])
    return CELL_NAMES.get(code, code)


def entrant_style(cfg: ModelConfig) -> dict:
    """A curve's line: coloured by cell, dashed by variant."""
    dash = "dash" if cfg.bidirectional else "dot" if cfg.num_layers > 1 else "solid"
    return {"color": CELL_COLORS.get(cfg.cell), "dash": dash}


def standard_entrants(
    base: ModelConfig, bidirectional: bool = False, deep: bool = False
) -> list[Entrant]:
    """RNN, LSTM and GRU with the same size; optionally their bidirectional / 2-layer twins."""
    cfgs = [replace(base, cell=c) for c in STANDARD]
    if bidirectional:
        cfgs += [replace(base, cell=c, bidirectional=True) for c in STANDARD]
    if deep:
        cfgs += [replace(base, cell=c, num_layers=2) for c in STANDARD]
    return [Entrant(entrant_code(cfg), cfg) for cfg in cfgs]


def race_requests(
    entrants: list[Entrant], batch_size: int, seq_len: int, snapshots: int = RACE_SNAPSHOTS
) -> tuple[RunRequest, ...]:
    """What the training gate reads for a race: every entrant, since all train at once,
    each with the snapshots it keeps (a Compare race probes none between start and end)."""
    return tuple(
        RunRequest(e.cfg, batch_size, seq_len, name=label(e.code), snapshots=snapshots)
        for e in entrants
    )


def headers(columns: Mapping[str, str]) -> dict[str, str]:
    """{column code: header in the current language} for {code: catalog key}."""
    return {code: t(key) for code, key in columns.items()}


def state_text(state: str) -> str:
    """A job's state ("done", "stopped", ...) in the current language, for a table cell."""
    key = f"state.{state}"
    return t(key) if key in CATALOG else state


def shown_table(rows: list[dict], columns: Mapping[str, str]) -> pd.DataFrame:
    """Rows keyed by codes as a page shows them: entrant names, states and headers in the
    current language, the columns in the order of `columns` ({code: catalog key})."""
    table = pd.DataFrame(rows, columns=list(columns))
    table["model"] = table["model"].map(label)
    if "state" in table:
        table["state"] = table["state"].map(state_text)
    return table.rename(columns=headers(columns))


@dataclass(frozen=True)
class RaceStatus:
    """Each entrant's Status, by code, and the race's state as one word: running while
    any entrant trains, idle before the start, stopped if any was stopped, else done
    (an entrant's divergence is a result of the race, shown in its row)."""

    entrants: dict[str, Status]

    @property
    def state(self) -> str:
        states = {s.state for s in self.entrants.values()}
        if "running" in states:
            return "running"
        if states <= {"idle"}:
            return "idle"
        return "stopped" if "stopped" in states else "done"

    @property
    def active(self) -> bool:
        return self.state == "running"


class Race:
    """One TrainJob per entrant on the same windows; budget in steps or seconds each.

    start() runs each job in its own worker thread, all at once, so on a 2-core machine a
    same-seconds race is fair only on average; a same-steps race is exact. Every job uses
    the same seed, batches and optimizer settings.
    """

    def __init__(self, entrants: list[Entrant], windows, train_cfg: TrainConfig):
        self.entrants = entrants
        self.jobs = {
            e.code: TrainJob(build_model(e.cfg, seed=train_cfg.seed), windows, train_cfg)
            for e in entrants
        }

    def start(self) -> bool:
        """Every entrant's worker at once; False (nothing started) while the race runs."""
        if self.active:
            return False
        for job in self.jobs.values():
            job.start()
        return True

    def resume(self, cfg: TrainConfig | None = None) -> bool:
        """Every entrant goes on from its step (a new cfg may raise the budget)."""
        if self.active:
            return False
        for job in self.jobs.values():
            job.resume(cfg)
        return True

    def status(self) -> RaceStatus:
        return RaceStatus({code: job.status() for code, job in self.jobs.items()})

    def run(self) -> None:
        """Blocking, one job after another (tests, benchmarks)."""
        for job in self.jobs.values():
            job.run()

    def stop(self) -> None:
        for job in self.jobs.values():
            job.stop()

    def join(self, timeout: float | None = None) -> None:
        for job in self.jobs.values():
            job.join(timeout)

    @property
    def active(self) -> bool:
        return any(job.active for job in self.jobs.values())

    def curves(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """{code: (steps, training loss)} in the entrants' order."""
        out = {}
        for code, job in self.jobs.items():
            s = job.status()
            out[code] = (np.asarray(s.train_steps), np.asarray(s.train_loss))
        return out

    def styles(self) -> dict[str, dict]:
        return {e.code: entrant_style(e.cfg) for e in self.entrants}

    def table(self) -> list[dict]:
        """One row per entrant, keyed by the codes of COLUMNS."""
        rows = []
        for e in self.entrants:
            job = self.jobs[e.code]
            s = job.status()
            val = (
                job.validation_loss() if not s.active else (s.val_loss[-1] if s.val_loss else None)
            )
            rows.append(
                {
                    "model": e.code,
                    "parameters": count_parameters(job.model),
                    "steps": s.step,
                    "final_train_loss": _tail_mean(s.train_loss),
                    "validation_loss": val,
                    "validation_noise": _spread(s.val_loss),
                    "samples_per_s": round(s.samples_per_s),
                    "device": s.device,
                    "state": s.state,
                }
            )
        return rows


def _spread(values: list[float], n: int = NOISE_EVALS) -> float | None:
    """How far the last n validation losses spread (max - min): a gap smaller than that is
    noise. None before n evaluations."""
    tail = [v for v in values[-n:] if math.isfinite(v)]
    return float(max(tail) - min(tail)) if len(tail) == n else None


def _tail_mean(values: list[float], n: int = 20) -> float | None:
    return float(np.mean(values[-n:])) if values else None


# ---- what the pages draw from a race: smoothed curves, a baseline, the winner ----------
def smooth(y, k: int | None = None) -> np.ndarray:
    """Trailing mean over k steps (fewer at the start): one batch's loss is noisy, and
    several noisy curves on one chart hide which is lower. k=None: about 2% of the steps,
    at most SMOOTH_MAX."""
    y = np.asarray(y, np.float64)
    if k is None:
        k = max(1, min(SMOOTH_MAX, len(y) // 50))
    if y.size == 0 or k <= 1:
        return y
    c = np.cumsum(np.insert(y, 0, 0.0))
    n = np.minimum(np.arange(1, y.size + 1), k)
    return (c[1:] - c[np.arange(1, y.size + 1) - n]) / n


def shown_curves(curves: Mapping[str, tuple], max_points: int, k: int | None = None) -> dict:
    """Smoothed curves, each thinned to at most max_points evenly spread points (a chart
    redrawn twice a second stays cheap), as float32."""
    out = {}
    for code, (x, y) in curves.items():
        x, y = np.asarray(x), smooth(y, k)
        if len(x) > max_points:
            idx = np.linspace(0, len(x) - 1, max_points).round().astype(int)
            x, y = x[idx], y[idx]
        out[code] = (x, y.astype(np.float32))
    return out


def mean_baseline(data) -> float | None:
    """Training MSE of always predicting the mean target: a curve at this line learned
    nothing. Series only (a text model's loss is a cross-entropy)."""
    if isinstance(data, TextData):
        return None
    starts = data.windows.splits["train"]
    pick = np.linspace(0, len(starts) - 1, min(len(starts), 5000)).round().astype(int)
    _, y = data.windows.get(starts[pick])
    return float(np.var(np.asarray(y, np.float64)))


def is_tie(best: dict, second: dict) -> bool:
    """Whether two rows' validation losses are too close to name a winner: a relative gap
    under TIE_SHARE, or a difference within either run's noise (`validation_noise`)."""
    a, b = best["validation_loss"], second["validation_loss"]
    if b <= 0 or 1 - a / b < TIE_SHARE:
        return True
    noise = [
        n for n in (best.get("validation_noise"), second.get("validation_noise")) if n is not None
    ]
    return bool(noise) and b - a <= max(noise)


def winner_sentence(rows: list[dict]) -> str:
    """Which model ended with the lowest validation loss, in one sentence (Race.table rows),
    or that the best two tie (is_tie)."""
    scored = [
        r for r in rows if r["validation_loss"] is not None and math.isfinite(r["validation_loss"])
    ]
    if not scored:
        return t("compare.no_winner")
    scored.sort(key=lambda r: r["validation_loss"])
    best = scored[0]
    if len(scored) > 1 and is_tie(best, scored[1]):
        second = scored[1]
        text = t(
            "compare.tie",
            model=label(best["model"]),
            second=label(second["model"]),
            loss=best["validation_loss"],
            second_loss=second["validation_loss"],
            limit=TIE_SHARE,
        )
    else:
        text = t("compare.winner", model=label(best["model"]), loss=best["validation_loss"])
        if len(scored) > 1:
            second = scored[1]
            gap = 1 - best["validation_loss"] / second["validation_loss"]
            text += t("compare.winner_gap", gap=gap, second=label(second["model"]))
        text += t("compare.winner_size", params=best["parameters"], steps=best["steps"])
    if any(r["state"] == "stopped" for r in rows):
        text += t("compare.winner_stopped")
    return text + t("compare.winner_end")
