"""Engine helpers for the Lab page (no streamlit here).

- the hand check: read the edited tables, write a SimpleRNN step out as arithmetic, and
  run the same numbers through torch's nn.RNN;
- the races the page starts (settings measured to show the effect in a few hundred steps)
  and the small reshaping its charts and tables need.

The exploding-gradients run lives in rnnviz.experiments.exploding.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
import torch

from rnnviz.experiments.race import (
    STANDARD,
    Entrant,
    Race,
    entrant_code,
    race_requests,
    standard_entrants,
)
from rnnviz.experiments.tasks import TASKS, make_task
from rnnviz.i18n import t
from rnnviz.model import shapes
from rnnviz.model.network import ModelConfig
from rnnviz.server.limits import RunRequest
from rnnviz.train.job import TrainConfig

ACT_TEX = {"tanh": r"\tanh", "relu": r"\operatorname{ReLU}", "linear": ""}
MAX_INPUT_ROWS = 50
SEQUENCES_PER_TASK = 4096  # sequences per task: 80% train, 20% validation
HIDDEN = 32
LR = 0.01  # Adam; measured: an LSTM learns the adding problem (T = 50) in 400-700 steps
BATCH = 64  # the races' batch size
MANY = 10**6  # epochs: the step budget ends a run, never the epoch count
NO_PROBES = 10**9  # snapshot cadence for a race that only draws loss curves
SMOOTH = 25  # steps in the trailing mean of the races' loss curves (the charts say so)
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
# The hand check's units; h_t names the state after step t, never a unit.
UNIT_NAMES = tuple(f"u{j}".translate(SUBSCRIPTS) for j in range(1, 65))


class TableError(ValueError):
    """An edited table that cannot be read as numbers; the message says what to fix."""


# ---- hand check ------------------------------------------------------------------------
def read_edited_table(df: pd.DataFrame, name: str, shape: tuple[int | None, int]) -> np.ndarray:
    """float64 values of an edited table, or TableError naming the table and the cells.

    shape = (rows or None for "any number of rows", columns). Text, empty cells, NaN and
    infinities are refused: the data editor turns text typed into a number column into an
    empty cell, and an added row starts empty.
    """
    rows, cols = shape
    if df.shape[1] != cols:
        raise TableError(t("lab.err.columns", name=name, cols=cols, has=df.shape[1]))
    if rows is None and not 1 <= len(df) <= MAX_INPUT_ROWS:
        raise TableError(t("lab.err.rows_between", name=name, most=MAX_INPUT_ROWS, has=len(df)))
    if rows is not None and len(df) != rows:
        raise TableError(t("lab.err.rows", name=name, rows=rows, has=len(df)))
    values = df.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(values)
    if bad.any():
        cells = [_describe(df, r, c) for r, c in zip(*np.nonzero(bad), strict=True)]
        more = t("lab.err.more", n=len(cells) - 3) if len(cells) > 3 else ""
        raise TableError(
            t("lab.err.cells", name=name, more=more, cells=t("list.separator").join(cells[:3]))
        )
    return values


def _describe(df: pd.DataFrame, r: int, c: int) -> str:
    raw = df.iat[r, c]
    label = df.index[r] if isinstance(df.index[r], str) else r + 1
    where = t("lab.err.where", row=label, col=df.columns[c])
    if raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw).strip() == "":
        return t("lab.err.empty", where=where)
    return t("lab.err.not_number", where=where, raw=repr(str(raw)[:20]))


def fmt(v: float, tex: bool = False) -> str:
    """Short number for the written-out arithmetic: 7, -0.5, 0.9993, 0.999998, ≈1.

    tanh(7) = 0.9999983 must not print as a plain 1 (students would read "exactly 1"),
    so a value that rounds to a whole number it is not gets more digits, or a ≈.
    """
    v = float(v)
    if abs(v - round(v)) < 1e-12 and abs(v) < 1e12:
        return str(int(round(v)))
    for digits in (4, 6):
        s = f"{v:.{digits}g}"
        if "e" in s or float(s) != round(float(s)):
            return s
    return (r"\approx " if tex else "≈") + s


def _row_tex(v) -> str:
    return r"\begin{bmatrix}" + " & ".join(fmt(a, tex=True) for a in v) + r"\end{bmatrix}"


def step_latex(t: int, x_t, h_prev, kernel, recurrent, bias, activation: str) -> str:
    """One SimpleRNN step as aligned LaTeX lines with the numbers filled in (t from 1)."""
    xk, hr = x_t @ kernel, h_prev @ recurrent  # (H,), (H,)
    pre = xk + hr + bias
    act = ACT_TEX[activation]
    wrap = (lambda s: act + r"\!\left(" + s + r"\right)") if act else (lambda s: s)
    # Python 3.11 allows no backslash inside an f-string's braces: build the parts first.
    first = rf"\mathbf{{x}}_{{{t}}} K + \mathbf{{h}}_{{{t - 1}}} R + \mathbf{{b}}"
    filled = f"{_row_tex(x_t)} K + {_row_tex(h_prev)} R + {_row_tex(bias)}"
    products = f"{_row_tex(xk)} + {_row_tex(hr)} + {_row_tex(bias)}"
    lines = [
        rf"\mathbf{{h}}_{{{t}}} &= " + wrap(first),
        "&= " + wrap(filled),
        "&= " + wrap(products),
    ]
    if act:
        lines.append("&= " + wrap(_row_tex(pre)))
    lines.append("&= " + _row_tex(_activate(activation, pre)))
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def step_sums(x_t, h_prev, kernel, recurrent, bias, activation: str) -> str:
    """Every multiplication of one step, one line per unit (for st.code)."""
    out = []
    for j in range(kernel.shape[1]):
        xs = " + ".join(f"{_paren(a)}×{_paren(w)}" for a, w in zip(x_t, kernel[:, j], strict=True))
        hs = " + ".join(
            f"{_paren(a)}×{_paren(w)}" for a, w in zip(h_prev, recurrent[:, j], strict=True)
        )
        pre = float(x_t @ kernel[:, j] + h_prev @ recurrent[:, j] + bias[j])
        line = f"{UNIT_NAMES[j]}: ({xs}) + ({hs}) + {_paren(bias[j])} = {fmt(pre)}"
        if activation != "linear":
            line += f"  →  {activation}({fmt(pre)}) = {fmt(_activate(activation, np.array(pre)))}"
        out.append(line)
    return "\n".join(out)


def _paren(v) -> str:
    s = fmt(v)
    return f"({s})" if s.startswith("-") else s


def _activate(name: str, x):
    activations: dict[str, Callable[[np.ndarray], np.ndarray]] = {
        "tanh": np.tanh,
        "relu": lambda v: np.maximum(v, 0.0),
        "linear": lambda v: v,
    }
    return activations[name](x)


def torch_simple_rnn(x, kernel, recurrent, bias, activation: str) -> np.ndarray:
    """The same forward pass through torch's nn.RNN (float64): Keras stores kernels
    transposed and keeps one bias, so W_ih = kernel.T, W_hh = recurrent.T, b_ih = bias and
    b_hh = 0. nn.RNN offers tanh and ReLU only (no linear)."""
    if activation not in ("tanh", "relu"):
        raise ValueError(t("lab.err.torch_activation"))
    units = kernel.shape[1]
    rnn = torch.nn.RNN(
        kernel.shape[0], units, nonlinearity=activation, batch_first=True, dtype=torch.float64
    )
    with torch.no_grad():
        # get_parameter: the same tensors as rnn.weight_ih_l0 etc., typed as parameters
        rnn.get_parameter("weight_ih_l0").copy_(torch.tensor(kernel.T))
        rnn.get_parameter("weight_hh_l0").copy_(torch.tensor(recurrent.T))
        rnn.get_parameter("bias_ih_l0").copy_(torch.tensor(bias))
        rnn.get_parameter("bias_hh_l0").zero_()
        out, _ = rnn(torch.tensor(x, dtype=torch.float64)[None])  # (1, T, H)
    return out[0].numpy()


def torch_rnn_parameters(input_size: int, units: int) -> int:
    """What torch itself counts for nn.RNN(input_size, units): checks the formula."""
    return sum(p.numel() for p in torch.nn.RNN(input_size, units).parameters())


DENSE_UNITS = (3, 4)  # the tutorial's two SimpleRNN models, each with a Dense(1) head


def dense_rows(features: int = 2, units=DENSE_UNITS, outputs: int = 1) -> list[dict]:
    """SimpleRNN(u) + Dense(outputs) against nn.RNN(features, u) + nn.Linear(u, outputs):
    the recurrent count, the head's (u·outputs weights + outputs biases, the same in both
    frameworks) and the totals, e.g. 18 + 4 = 22 (Keras) and 21 + 4 = 25 (PyTorch) for u = 3."""
    rows = []
    for u in units:
        head = u * outputs + outputs
        keras, torch_rnn = u * (features + u + 1), u * (features + u + 2)
        rows.append(
            {
                "units": u,
                "keras_rnn": keras,
                "dense": head,
                "keras_total": keras + head,
                "torch_rnn": torch_rnn,
                "linear": head,
                "torch_total": torch_rnn + head,
            }
        )
    return rows


def keras_summary(units: int, features: int = 2, steps: int = 3) -> str:
    """What the tutorial's model.summary() prints for SimpleRNN(units) + Dense(1) on
    input_shape=(steps, features): (None, 3) 18 / (None, 1) 4 for units = 3."""
    cfg = ModelConfig(cell="rnn_tanh", input_size=features, hidden_size=units)
    return shapes.keras_printout(shapes.keras_layers(cfg, steps) or [])


# ---- the two races ----------------------------------------------------------------------
def _race_config(steps: int, snapshot_every: int) -> TrainConfig:
    return TrainConfig(
        lr=LR,
        batch_size=BATCH,
        epochs=MANY,
        max_steps=steps,
        device="cpu",
        snapshot_every=snapshot_every,
        probe_count=1,
    )


def _vanishing_entrants(task: str) -> list[Entrant]:
    base = ModelConfig(input_size=TASKS[task].input_size, hidden_size=HIDDEN)
    cfgs = [replace(base, cell="rnn_tanh"), replace(base, cell="lstm")]
    return [Entrant(entrant_code(cfg), cfg) for cfg in cfgs]


def vanishing_race(task: str, seq_len: int, steps: int) -> Race:
    """A tanh RNN and an LSTM on one task, probed ~80 times (gradients on every 4th
    snapshot: ~20 frames of ‖∂L/∂h_t‖)."""
    return Race(
        _vanishing_entrants(task),
        make_task(task, SEQUENCES_PER_TASK, seq_len),
        _race_config(steps, max(1, steps // 80)),
    )


def vanishing_requests(task: str, seq_len: int) -> tuple[RunRequest, ...]:
    """What the training gate reads before vanishing_race builds anything."""
    return race_requests(_vanishing_entrants(task), BATCH, seq_len)


def _memory_entrants(task: str, cells: list[str]) -> list[Entrant]:
    unknown = [c for c in cells if c not in STANDARD]
    if unknown:  # a name instead of a code would otherwise race nothing, silently
        raise ValueError(t("code.unknown_cells", cells=unknown, known=list(STANDARD)))
    spec = TASKS[task]
    base = ModelConfig(
        input_size=spec.input_size,
        hidden_size=HIDDEN,
        mode="many_to_many" if spec.many_to_many else "many_to_one",
    )
    return [
        e for e in standard_entrants(base, bidirectional=spec.many_to_many) if e.cfg.cell in cells
    ]


def memory_race(task: str, seq_len: int, steps: int, cells: list[str]) -> Race:
    """The chosen cells ("rnn_tanh", "lstm", "gru") on one task, same steps each; a task
    that predicts at every step also races each cell's bidirectional twin."""
    return Race(
        _memory_entrants(task, cells),
        make_task(task, SEQUENCES_PER_TASK, seq_len),
        _race_config(steps, NO_PROBES),
    )


def memory_requests(task: str, seq_len: int, cells: list[str]) -> tuple[RunRequest, ...]:
    """What the training gate reads before memory_race builds anything."""
    return race_requests(_memory_entrants(task, cells), BATCH, seq_len)


# ---- small helpers for the page's figures and tables ------------------------------------
def log_range(arrays: list[np.ndarray]) -> tuple[float, float]:
    """One log10 axis range [lo, hi] for several gradient-norm arrays, so charts side by
    side can be compared by eye (zeros and non-finite values are ignored)."""
    values = np.concatenate([np.ravel(a) for a in arrays])
    pos = values[np.isfinite(values) & (values > 0)]
    if pos.size == 0:
        return -12.0, 0.0
    return float(np.log10(pos.min() / 10)), float(np.log10(pos.max() * 3))


# The memory table: column code -> catalog key of its header.
MEMORY_COLUMNS = {
    "model": "race.col.model",
    "validation_mse": "lab.col.validation",
    "x_baseline": "lab.col.ratio",
    "parameters": "race.col.parameters",
    "steps": "race.col.steps",
    "samples_per_s": "race.col.samples",
    "state": "race.col.state",
}


def race_rows(table: list[dict], baseline: float) -> list[dict]:
    """Race.table() rows as the memory table shows them, keyed by MEMORY_COLUMNS' codes:
    validation MSE against the baseline of always predicting the mean."""
    rows = []
    for r in table:
        val = r["validation_loss"]
        rows.append(
            {
                "model": r["model"],
                "validation_mse": val,
                "x_baseline": None if val is None else val / baseline,
                **{k: r[k] for k in ("parameters", "steps", "samples_per_s", "state")},
            }
        )
    return rows
