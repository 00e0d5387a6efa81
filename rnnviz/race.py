"""Several architectures trained on the same data with the same budget, side by side."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rnnviz.i18n import CATALOG, t
from rnnviz.limits import RunRequest
from rnnviz.models import ModelConfig, build_model, count_parameters
from rnnviz.train import TrainConfig, TrainJob


@dataclass(frozen=True)
class Entrant:
    name: str  # shown in the legend, e.g. "LSTM" or "GRU 2 layers" (in the starter's language)
    cfg: ModelConfig


def standard_entrants(base: ModelConfig, bidirectional: bool = False, deep: bool = False) -> list[Entrant]:
    """RNN, LSTM and GRU with the same size; optionally their bidirectional / 2-layer twins."""
    names = {"rnn_tanh": "RNN", "lstm": "LSTM", "gru": "GRU"}
    out = [Entrant(n, replace(base, cell=c)) for c, n in names.items()]
    if bidirectional:
        out += [Entrant(t("race.bidirectional", cell=n), replace(base, cell=c, bidirectional=True))
                for c, n in names.items()]
    if deep:
        out += [Entrant(t("race.two_layers", cell=n), replace(base, cell=c, num_layers=2))
                for c, n in names.items()]
    return out


def race_requests(entrants: list[Entrant], batch_size: int, seq_len: int) -> tuple[RunRequest, ...]:
    """What the training gate reads for a race: every entrant, since all train at once."""
    return tuple(RunRequest(e.cfg, batch_size, seq_len, name=e.name) for e in entrants)


def headers(*keys: str) -> dict[str, str]:
    """{column: header in the current language} for a results table whose columns are
    named by the English text of catalog keys (as table() and lab.race_rows() name them):
    the argument of DataFrame.rename(columns=...)."""
    return {CATALOG[key][0]: t(key) for key in keys}


def state_text(state: str) -> str:
    """A job's state ("done", "stopped", ...) in the current language, for a table cell."""
    key = f"state.{state}"
    return t(key) if key in CATALOG else state


class Race:
    """One TrainJob per entrant on the same windows; budget in steps or seconds each.

    start() runs each job in its own worker thread, all at once, so on a 2-core machine a
    same-seconds race is fair only on average; a same-steps race is exact. Every job uses
    the same seed, batches and optimizer settings.
    """

    def __init__(self, entrants: list[Entrant], windows, train_cfg: TrainConfig):
        self.entrants = entrants
        self.jobs = {e.name: TrainJob(build_model(e.cfg, seed=train_cfg.seed), windows, train_cfg)
                     for e in entrants}

    def start(self) -> None:
        for job in self.jobs.values():
            job.start()

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
        return any(job.status().active for job in self.jobs.values())

    def curves(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        out = {}
        for name, job in self.jobs.items():
            s = job.status()
            out[name] = (np.asarray(s.train_steps), np.asarray(s.train_loss))
        return out

    def table(self) -> list[dict]:
        rows = []
        for e in self.entrants:
            job = self.jobs[e.name]
            s = job.status()
            row = {"model": e.name, "parameters": count_parameters(job.model), "steps": s.step}
            # Column names are keys for code and tests, in English; pages show them under
            # translated headers (race.col.*, see headers()).
            row["final train loss"] = _tail_mean(s.train_loss)
            row["validation loss"] = job.validation_loss() if not s.active else \
                (s.val_loss[-1] if s.val_loss else None)
            row.update({"samples/s": round(s.samples_per_s), "device": s.device, "state": s.state})
            rows.append(row)
        return rows


def _tail_mean(values: list[float], n: int = 20) -> float | None:
    return float(np.mean(values[-n:])) if values else None
