"""RNN, LSTM and GRU classify the same names with the same budget, one after another, and
are scored on accuracy, time and size: the comparison the Chinese RNN courses end with.

Each entrant is a rnnviz.train.classify_job.ClassifyJob run in the race's own thread
(ClassifyJob.run, blocking), so its loop is the app's own. One entrant at a time: on a
small CPU, three at once would share the cores and a seconds budget would mean less.
Entrants, rows and curves are keyed by cell codes ("rnn_tanh", "lstm", "gru");
rnnviz.experiments.race.label names them for the reader.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from rnnviz.data.labels import LabelledData
from rnnviz.data.note import Note
from rnnviz.experiments.race import STANDARD, label
from rnnviz.i18n import t
from rnnviz.model.classifier import ClassifierConfig, build_classifier
from rnnviz.model.network import count_parameters
from rnnviz.train.classify_job import ClassifyJob, ClassStatus, evaluate
from rnnviz.train.job import TrainConfig
from rnnviz.train.worker import Worker

MANY_EPOCHS = 1_000_000  # a seconds budget ends each entrant, never the epoch count
# Two accuracies closer than this (a share: 0.01 is one point) tie: another seed or batch
# order moves one run's accuracy by about a point.
TIE_ACC = 0.01
# Results table: column code -> catalog key of its header.
COLUMNS = {
    "model": "nrace.col.model",
    "parameters": "nrace.col.parameters",
    "seconds": "nrace.col.seconds",
    "steps": "nrace.col.steps",
    "epochs": "nrace.col.epochs",
    "best_val_acc": "nrace.col.best_val_acc",
    "val_acc": "nrace.col.val_acc",
    "test_acc": "nrace.col.test_acc",
    "samples_per_s": "nrace.col.samples",
    "state": "nrace.col.state",
}


@dataclass(frozen=True)
class EntrantResult:
    """One cell's run so far (live while it trains, final once it ended)."""

    code: str
    parameters: int
    state: str = "idle"
    seconds: float = 0.0  # wall clock trained, validations included
    steps: int = 0
    epochs: int = 0
    samples_per_s: float = 0.0
    best_val_acc: float | None = None  # the highest validation accuracy measured
    val_acc: float | None = None  # the last one (of the weights kept, once ended)
    test_acc: float | None = None  # of the weights kept; None until it ended
    curve_steps: tuple[int, ...] = ()  # where validation accuracy was measured
    curve_seconds: tuple[float, ...] = ()
    curve_acc: tuple[float, ...] = ()


@dataclass
class ClassRaceStatus:
    state: str = "idle"  # idle | running | stopped | done | error
    current: str | None = None  # the entrant training now
    entrants: tuple[EntrantResult, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def active(self) -> bool:
        return self.state == "running"

    @property
    def message(self) -> str:
        return " ".join(note.text for note in self.notes)


def race_train_config(cfg: TrainConfig, seconds: float | None) -> TrainConfig:
    """The user's training settings with `seconds` of wall clock per entrant instead of
    epochs (None: the epochs of `cfg` each)."""
    if seconds is None:
        return replace(cfg, max_seconds=None)
    return replace(cfg, epochs=MANY_EPOCHS, max_steps=None, max_seconds=float(seconds))


def entrant_configs(base: ClassifierConfig) -> dict[str, ClassifierConfig]:
    """RNN, LSTM and GRU with the architecture of `base` otherwise."""
    return {cell: replace(base, cell=cell) for cell in STANDARD}


class ClassRace(Worker[ClassRaceStatus]):
    """The three cells trained on `data`, one after another, each with budget `cfg`."""

    def __init__(self, data: LabelledData, base: ClassifierConfig, cfg: TrainConfig):
        self.data, self.base, self.cfg = data, base, cfg
        # Every model is built with the same seed, so each starts from torch's own draw.
        self.jobs = {
            code: ClassifyJob(build_classifier(c, seed=cfg.seed), data, cfg)
            for code, c in entrant_configs(base).items()
        }
        self.parameters = {code: count_parameters(job.model) for code, job in self.jobs.items()}
        super().__init__()
        self._status = ClassRaceStatus()
        self._results: dict[str, EntrantResult] = {}
        self._started: dict[str, float] = {}  # perf_counter at each entrant's start

    # ---- public, thread-safe ----------------------------------------------------------
    def stop(self) -> None:
        """The race ends; the entrant training now stops after its step, and any entrant
        the race had not reached yet would stop at once."""
        self._stop.set()
        for job in self.jobs.values():
            job.stop()

    def resume(self, cfg: TrainConfig | None = None) -> bool:
        """A race is not resumed: its entrants would no longer share one budget."""
        return False

    def status(self) -> ClassRaceStatus:
        with self._lock:
            s, done, started = self._status, dict(self._results), dict(self._started)
            state, current, notes = s.state, s.current, s.notes
        rows = tuple(
            done.get(code) or self._live(code, job, started.get(code))
            for code, job in self.jobs.items()
        )
        return ClassRaceStatus(state, current, rows, notes)

    # ---- the race ---------------------------------------------------------------------
    def run(self) -> ClassRaceStatus:
        with self._lock:
            self._status.state = "running"
        try:
            for code, job in self.jobs.items():
                if self._stop.is_set():
                    break
                self._race(code, job)
            self._end()
        except Exception as exc:  # the worker must never die silently
            with self._lock:
                self._status.state, self._status.current = "error", None
                self._status.notes = (Note("status.failed", {"error": str(exc)}),)
        return self.status()

    def _race(self, code: str, job: ClassifyJob) -> None:
        # The server's wall-clock limit counts from the race's start, for all entrants.
        job.limit_minutes, job._deadline = self.limit_minutes, self._deadline
        with self._lock:
            self._status.current, self._started[code] = code, time.perf_counter()
        s = job.run()
        seconds = time.perf_counter() - self._started[code]
        result = self._final(code, job, s, seconds)
        with self._lock:
            self._results[code] = result
        if s.time_limited:  # the rest would have no time either
            with self._lock:
                self._status.notes = s.notes
            self._stop.set()

    def _end(self) -> None:
        stopped = self._stop.is_set() or any(r.state == "stopped" for r in self._results.values())
        with self._lock:
            self._status.current = None
            self._status.state = "stopped" if stopped else "done"

    def _live(self, code: str, job: ClassifyJob, started: float | None) -> EntrantResult:
        s = job.status()
        seconds = 0.0 if started is None else time.perf_counter() - started
        return _result(code, self.parameters[code], s, seconds)

    def _final(self, code: str, job: ClassifyJob, s: ClassStatus, seconds: float):
        """The entrant's row once it ended: accuracies of the weights it keeps."""
        result = _result(code, self.parameters[code], s, seconds)
        if s.step == 0:
            return result
        _, val_acc, _ = evaluate(job.model, self.data, self.data.rows("val"))
        _, test_acc, _ = evaluate(job.model, self.data, self.data.rows("test"))
        steps, accs = list(result.curve_steps), list(result.curve_acc)
        if not s.restored and (not steps or steps[-1] != s.step):
            steps.append(s.step)  # the run ended between two epochs' validations
            accs.append(val_acc)
        return replace(
            result,
            val_acc=val_acc,
            test_acc=test_acc,
            best_val_acc=max(accs) if accs else val_acc,
            curve_steps=tuple(steps),
            curve_seconds=_seconds_at(steps, s.step, seconds),
            curve_acc=tuple(accs),
        )


def _seconds_at(steps, last_step: int, seconds: float) -> tuple[float, ...]:
    """The wall clock at each of `steps`, read off the run's steady rate (every step is one
    batch of the same size, so the rate holds but for the short validations)."""
    return tuple(float(x) * seconds / max(1, last_step) for x in steps)


def _result(code: str, parameters: int, s: ClassStatus, seconds: float) -> EntrantResult:
    return EntrantResult(
        code=code,
        parameters=parameters,
        state=s.state,
        seconds=seconds,
        steps=s.step,
        epochs=s.epoch,
        samples_per_s=s.samples_per_s,
        best_val_acc=max(s.val_acc) if s.val_acc else None,
        val_acc=s.val_acc[-1] if s.val_acc else None,
        curve_steps=tuple(s.val_steps),
        curve_seconds=_seconds_at(s.val_steps, s.step, seconds),
        curve_acc=tuple(s.val_acc),
    )


# ---- what a page shows of a race -------------------------------------------------------
def results_rows(status: ClassRaceStatus) -> list[dict]:
    """One row per entrant, keyed by the codes of COLUMNS."""
    return [
        {
            "model": r.code,
            "parameters": r.parameters,
            "seconds": round(r.seconds, 1),
            "steps": r.steps,
            "epochs": r.epochs,
            "best_val_acc": r.best_val_acc,
            "val_acc": r.val_acc,
            "test_acc": r.test_acc,
            "samples_per_s": round(r.samples_per_s),
            "state": r.state,
        }
        for r in status.entrants
    ]


def results_table(status: ClassRaceStatus) -> pd.DataFrame:
    """The rows as a table with the column codes of COLUMNS (the same in every language)."""
    return pd.DataFrame(results_rows(status), columns=list(COLUMNS))


def curves(
    status: ClassRaceStatus, by: str = "seconds"
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{code: (seconds or steps, validation accuracy)} of the entrants measured so far."""
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for r in status.entrants:
        if r.curve_acc:
            x = r.curve_seconds if by == "seconds" else r.curve_steps
            out[r.code] = (np.asarray(x, np.float64), np.asarray(r.curve_acc, np.float32))
    return out


def winner_sentence(status: ClassRaceStatus) -> str:
    """Which cell got the most test names right and by how much, or that the best two
    tie (within TIE_ACC), and that one run each is noisy."""
    scored = sorted(
        (r for r in status.entrants if r.test_acc is not None), key=lambda r: -(r.test_acc or 0)
    )
    if not scored:
        return t("nrace.no_winner")
    best = scored[0]
    assert best.test_acc is not None
    if len(scored) == 1:
        text = t("nrace.alone", model=label(best.code), acc=best.test_acc)
    else:
        second = scored[1]
        assert second.test_acc is not None
        gap = best.test_acc - second.test_acc
        key = "nrace.tie" if gap < TIE_ACC else "nrace.winner"
        text = t(
            key,
            model=label(best.code),
            acc=best.test_acc,
            second=label(second.code),
            second_acc=second.test_acc,
            points=100 * gap,
            params=best.parameters,
            seconds=best.seconds,
        )
    text += t("nrace.noise", limit=100 * TIE_ACC)
    if status.state == "stopped" or any(r.state == "stopped" for r in status.entrants):
        text += t("nrace.stopped")
    return text


def share(status: ClassRaceStatus, cfg: TrainConfig) -> float:
    """How far the race is, 0..1 (cfg: its budget): the entrants that ended, and the part
    of its seconds (or epochs) the current one has trained."""
    parts = []
    for r in status.entrants:
        if r.state == "running":
            done = r.seconds / cfg.max_seconds if cfg.max_seconds else r.epochs / max(1, cfg.epochs)
            parts.append(min(1.0, done))
        else:
            parts.append(0.0 if r.state == "idle" else 1.0)
    return float(np.mean(parts)) if parts else 0.0
