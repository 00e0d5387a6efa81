"""Gate insight: which hidden units keep their memory and which ones wipe it.

An LSTM unit whose forget gate f sits near 1 carries its cell state forward almost
unchanged (a "memory cell"); one whose f sits near 0 throws the old state away at every
step (a "reset cell"). A GRU's update gate z plays the same part: z near 1 keeps the old
state (h_t = (1 - z) n + z h_{t-1}). Plain RNNs have no gate to read.
"""

from __future__ import annotations

from typing import cast

import numpy as np

from rnnviz.i18n import t

HIGH, LOW = 0.9, 0.1  # "open" and "shut" thresholds for a sigmoid gate
MAJORITY = 0.5  # share of steps a unit must spend there to be called so
MEMORY_GATE = {"lstm": "f", "gru": "z"}  # the gate whose value near 1 keeps the old state
KINDS = ("memory", "reset", "mixed")


def memory_gate(cell: str, gates: dict[str, np.ndarray]) -> tuple[str, np.ndarray] | None:
    """(gate letter, values [T, H]) of the gate that decides what is kept; None for RNNs."""
    name = MEMORY_GATE.get(cell)
    if name is None or name not in gates:
        return None
    return name, gates[name]


def forget_gate_shares(
    f: np.ndarray, high: float = HIGH, low: float = LOW, majority: float = MAJORITY
) -> dict:
    """Per hidden unit, how often its keep-gate f [T, H] (LSTM f, GRU z) is above `high`
    or below `low`.

    Returns {"memory": [H] share of steps with f > high, "reset": [H] share with f < low,
    "nonfinite": [H] share of steps where f is NaN or inf (a model with non-finite weights),
    "between": [H] the rest, "mean": [H] the gate's average over its finite steps (says
    where a "mixed" unit leans; NaN for a unit with none), "kind": [H] "memory" / "reset" /
    "mixed" (a unit counts as a memory or reset cell when it spends at least `majority` of
    the steps there)}.
    """
    f = np.asarray(f, dtype=np.float64)
    if f.ndim != 2 or f.shape[0] < 1:
        raise ValueError(t("insight.err_shape", shape=f.shape))
    if not 0.0 <= low < high <= 1.0:
        raise ValueError(t("insight.err_thresholds", low=low, high=high))
    finite = np.isfinite(f)
    memory = (finite & (f > high)).mean(axis=0)
    reset = (finite & (f < low)).mean(axis=0)
    nonfinite = 1.0 - finite.mean(axis=0)
    steps = finite.sum(axis=0)  # nanmean would warn on a unit with no finite step
    mean = np.where(steps > 0, np.where(finite, f, 0.0).sum(axis=0) / np.maximum(steps, 1), np.nan)
    kind = np.where(memory >= majority, "memory", np.where(reset >= majority, "reset", "mixed"))
    return {
        "memory": memory,
        "reset": reset,
        "nonfinite": nonfinite,
        "between": 1.0 - memory - reset - nonfinite,
        "mean": mean,
        "kind": kind.astype(object),
    }


def kind_counts(shares: dict) -> dict[str, int]:
    """How many units of each kind, in KINDS order."""
    kinds = list(shares["kind"])
    return {k: kinds.count(k) for k in KINDS}


def finite_rows(values: np.ndarray) -> np.ndarray:
    """[T] True where step t of values [T, H] holds only finite numbers."""
    # cast: numpy's stubs type .all(axis=...) as scalar or array; a [T, H] input gives [T]
    return cast(np.ndarray, np.isfinite(np.asarray(values, dtype=np.float64)).all(axis=-1))
