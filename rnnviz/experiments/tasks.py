"""Synthetic sequence tasks that need memory: where a plain RNN fails and an LSTM succeeds.

Each returns float32 arrays ready for a WindowSet-like ArrayTask: X [n, T, F], y [n, ...].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rnnviz.i18n import t


def adding_problem(n: int, T: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Hochreiter & Schmidhuber's adding problem.

    Channel 0: uniform values in [0, 1); channel 1: markers, exactly one 1 in the first
    half and one in the second half. Target: the sum of the two marked values. Predicting
    the mean (1.0) gives an MSE of about 1/6, the variance of the target.
    """
    if T < 2:
        raise ValueError(t("task.err.short"))
    rng = np.random.default_rng(seed)
    values = rng.random((n, T), dtype=np.float32)
    half = T // 2
    first = rng.integers(0, half, n)
    second = rng.integers(half, T, n)
    markers = np.zeros((n, T), np.float32)
    rows = np.arange(n)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    y = (values[rows, first] + values[rows, second])[:, None]
    return np.stack([values, markers], axis=-1), y.astype(np.float32)


def delayed_recall(n: int, T: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Copy task, many-to-one form: remember the value shown at step 0, recall it at the end.

    Channel 0: the value to remember at t=0, then noise; the target is that first value.
    A network that forgets its distant past can only guess the mean (MSE ~ 1/12).
    """
    rng = np.random.default_rng(seed)
    x = rng.random((n, T, 1), dtype=np.float32) * 0.2  # distracting noise
    first = rng.random(n, dtype=np.float32)
    x[:, 0, 0] = first
    return x, first[:, None]


def needs_the_future(n: int, T: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Many-to-many: at each step predict the NEXT input value (known only to a reader
    coming from the future). A bidirectional network sees it; a forward one must guess."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, T + 1, 1)).astype(np.float32)
    return x[:, :-1], x[:, 1:, 0]


class ArrayTask:
    """Fixed arrays with the WindowSet interface the training job reads (count/batch/get)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, val_frac: float = 0.2):
        n_val = max(1, int(len(x) * val_frac))
        self._x, self._y = x, y
        idx = np.arange(len(x))
        self.splits = {"train": idx[:-n_val], "val": idx[-n_val:], "test": idx[:0]}

    def count(self, split: str) -> int:
        return len(self.splits[split])

    def get(self, rows: np.ndarray):
        rows = np.asarray(rows)
        return np.ascontiguousarray(self._x[rows]), np.ascontiguousarray(self._y[rows])

    def batch(self, split: str, index: np.ndarray):
        return self.get(self.splits[split][index])


@dataclass(frozen=True)
class TaskSpec:
    key: str
    title_key: str  # catalog key: the title is read in the language of the moment
    input_size: int
    many_to_many: bool
    baseline_mse: float  # what "predict the mean" scores
    build: Callable[[int, int, int], tuple[np.ndarray, np.ndarray]]  # (n, T, seed) -> (x, y)

    @property
    def title(self) -> str:
        return t(self.title_key)


TASKS = {
    "adding": TaskSpec("adding", "task.adding", 2, False, 1 / 6, adding_problem),
    "recall": TaskSpec("recall", "task.recall", 1, False, 1 / 12, delayed_recall),
    "future": TaskSpec("future", "task.future", 1, True, 1.0, needs_the_future),
}


def make_task(key: str, n: int, T: int, seed: int = 0) -> ArrayTask:
    spec = TASKS[key]
    return ArrayTask(*spec.build(n, T, seed))
