"""Tutorial 003 (Bitcoin prices with nn.RNN): its from-scratch cell, its notes, and its
settings applied to a user's own investing.com export.

The tutorial writes a plain RNN cell by hand before using nn.RNN: U (input -> hidden),
W (hidden -> hidden) and V (hidden -> output) with a sigmoid on the output, run on an input
of (5, 3, 2) laid out as [time steps, batch, features], to an output of (5, 3, 4). Here it
is in NumPy, float64, in the same layout as nn.RNN with batch_first=False (its default), so
the tests hold it to torch.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnnviz.data.prep import SeriesConfig
from rnnviz.data.reader import numeric_columns
from rnnviz.i18n import t
from rnnviz.model.scratch import sigmoid
from rnnviz.session.lessons import LESSONS, prep_config

INPUT_SHAPE = (5, 3, 2)  # (T, B, F): 5 time steps, a batch of 3, 2 features
OUTPUTS = 4  # the output's last size: (5, 3, 4)
HIDDEN = 3  # the tutorial names no hidden size; 3 keeps U, W and V of three different shapes
LESSON = "bitcoin_93"  # the tutorial's lesson: its preparation is what an upload gets


def init_params(
    seed: int = 0, features: int = INPUT_SHAPE[2], hidden: int = HIDDEN, outputs: int = OUTPUTS
) -> dict[str, np.ndarray]:
    """Small random weights (torch's uniform ±1/√hidden) and biases, float64."""
    rng = np.random.default_rng(seed)
    bound = 1.0 / np.sqrt(hidden)

    def draw(*shape: int) -> np.ndarray:
        return rng.uniform(-bound, bound, shape)

    return {
        "U": draw(hidden, features),  # input -> hidden
        "W": draw(hidden, hidden),  # hidden -> hidden
        "V": draw(outputs, hidden),  # hidden -> output
        "b_h": draw(hidden),
        "b_y": draw(outputs),
    }


def forward(
    x: np.ndarray,
    U: np.ndarray,
    W: np.ndarray,
    V: np.ndarray,
    b_h: np.ndarray | None = None,
    b_y: np.ndarray | None = None,
    h0: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The cell over every step: h_t = tanh(U x_t + W h_(t-1) + b_h), y_t = sigmoid(V h_t
    + b_y). x (T, B, F) -> outputs (T, B, O) and hidden states (T, B, H)."""
    x = np.asarray(x, np.float64)
    hidden, outputs = W.shape[0], V.shape[0]
    if x.ndim != 3 or U.shape != (hidden, x.shape[2]) or V.shape[1] != hidden:
        raise ValueError(t("tutorial003.bad_shape", features=U.shape[1], u=U.shape, got=x.shape))
    b_h = np.zeros(hidden) if b_h is None else b_h
    b_y = np.zeros(outputs) if b_y is None else b_y
    h = np.zeros((x.shape[1], hidden)) if h0 is None else np.asarray(h0, np.float64)  # (B, H)
    states = np.empty((*x.shape[:2], hidden))  # (T, B, H)
    for step, x_t in enumerate(x):  # x_t (B, F)
        h = np.tanh(x_t @ U.T + h @ W.T + b_h)
        states[step] = h
    return sigmoid(states @ V.T + b_y), states  # (T, B, O), (T, B, H)


def batch_first_note() -> str:
    """The tutorial's two slips, for a caption beside its cell (Lab or Model page)."""
    return t("tutorial003.batch_first_note")


def scratch_caption(params: dict[str, np.ndarray] | None = None) -> str:
    """What the from-scratch cell computes, with its shapes."""
    p = params or init_params()
    x = INPUT_SHAPE
    y = (*x[:2], p["V"].shape[0])
    return t(
        "tutorial003.scratch_caption",
        u=tuple(p["U"].shape),
        w=tuple(p["W"].shape),
        v=tuple(p["V"].shape),
        x=x,
        y=y,
    )


# ---------------------------------------------------------------- a user's own export


def named_columns() -> tuple[str, ...]:
    """The columns the lesson's preparation reads and predicts (the export's headers)."""
    prep = LESSONS[LESSON].prep
    names = (prep.get("target"), *prep.get("features", ()), *prep.get("extra_targets", ()))
    return tuple(dict.fromkeys(n for n in names if n))


def upload_prep(table: pd.DataFrame, base: SeriesConfig) -> SeriesConfig | None:
    """The lesson's preparation on an uploaded table (`base`: its default preparation, which
    keeps its date column), when the table has every column the lesson names as numbers;
    None otherwise, and the lesson loads its own 93 days."""
    numbers = set(numeric_columns(table))
    if not set(named_columns()) <= numbers:
        return None
    cfg = prep_config(LESSONS[LESSON], base)
    assert isinstance(cfg, SeriesConfig)  # the lesson's base is a table's preparation
    return cfg
