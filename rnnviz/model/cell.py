"""One recurrent cell, written once: its gate table, where its weights live, and its step.

The probe (torch, batched, differentiable) and the cell calculator (float64 NumPy, one
unit's numbers) both step through `step` below, so the gates the Inside page draws and
the terms the calculator writes out come from the same equations. The NumPy scratch cells
(rnnviz.model.scratch) stay a separate from-scratch reference for teaching, but read the gate
table and the weight names from here.

PyTorch stacks the gate blocks along the rows of W_ih, W_hh, b_ih and b_hh:
LSTM [i, f, g, o], GRU [r, z, n]; a plain RNN has one block, named "h" here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from rnnviz.model.network import CELLS  # noqa: F401  (the cell codes, declared with ModelConfig)

# Row blocks of W_ih, W_hh, b_ih, b_hh, in the order torch stacks them.
GATES = {
    "rnn_tanh": ("h",),
    "rnn_relu": ("h",),
    "lstm": ("i", "f", "g", "o"),
    "gru": ("r", "z", "n"),
}
SIGMOID_GATES = frozenset({"i", "f", "o", "r", "z"})
WEIGHTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")  # torch's parameter stems


def gates(cell: str) -> tuple[str, ...]:
    """The gates proper (a plain RNN's single block is its new state h, not a gate)."""
    return tuple(g for g in GATES[cell] if g != "h")


def suffix(layer: int, direction: int) -> str:
    """torch's parameter suffix: "_l0", "_l1_reverse", ..."""
    return f"_l{layer}" + ("_reverse" if direction else "")


def weight_names(layer: int, direction: int) -> tuple[str, str, str, str]:
    """(weight_ih_lX, weight_hh_lX, bias_ih_lX, bias_hh_lX) of one layer and direction."""
    sfx = suffix(layer, direction)
    return tuple(stem + sfx for stem in WEIGHTS)  # type: ignore[return-value]


def rows(cell: str, gate: str, hidden_size: int) -> slice:
    """The rows a gate block occupies in W_ih, W_hh, b_ih and b_hh."""
    k = GATES[cell].index(gate)
    return slice(k * hidden_size, (k + 1) * hidden_size)


def weights(rnn: torch.nn.RNNBase, layer: int, direction: int, gate: str | None = None):
    """(W_ih, W_hh, b_ih, b_hh) of one layer and direction of a fused module, as its own
    tensors (zeros for a module built without bias); one gate block's rows with `gate`."""
    w_ih, w_hh, b_ih, b_hh = (getattr(rnn, n, None) for n in weight_names(layer, direction))
    assert w_ih is not None and w_hh is not None  # only the biases are optional
    # bias=False drops both biases (torch adds nothing, which zeros say as well)
    if b_ih is None or b_hh is None:
        b_ih, b_hh = torch.zeros_like(w_ih[:, 0]), torch.zeros_like(w_hh[:, 0])
    out = (w_ih, w_hh, b_ih, b_hh)
    if gate is None:
        return out
    r = rows(cell_of(rnn), gate, rnn.hidden_size)
    return tuple(p[r] for p in out)


def cell_of(rnn: torch.nn.RNNBase) -> str:
    """The cell code of a fused module."""
    if isinstance(rnn, torch.nn.LSTM):
        return "lstm"
    if isinstance(rnn, torch.nn.GRU):
        return "gru"
    return "rnn_relu" if rnn.nonlinearity == "relu" else "rnn_tanh"


def _split(v, n: int):
    """n equal blocks along the last axis, for a tensor or an array."""
    return v.chunk(n, dim=-1) if isinstance(v, torch.Tensor) else np.split(v, n, axis=-1)


def blocks(cell: str, v):
    """{gate: v's block} along the last axis of a stacked [.., G*H] array or tensor."""
    names = GATES[cell]
    return dict(zip(names, _split(v, len(names)), strict=True)) if len(names) > 1 else {names[0]: v}


# ---- the step ---------------------------------------------------------------------------
# (sigmoid, tanh, relu) for tensors and for arrays. The NumPy sigmoid is written with tanh,
# which never overflows on large |v| (1 / (1 + e^-v) does).
_TORCH_OPS = (torch.sigmoid, torch.tanh, torch.relu)
_NUMPY_OPS = (lambda a: 0.5 * (1.0 + np.tanh(0.5 * a)), np.tanh, lambda a: np.maximum(a, 0.0))


@dataclass(slots=True)
class Step:
    """The named terms of one step: per gate block (GATES order) its pre-activation and
    value, then the new cell state (LSTM) and hidden state."""

    pre: dict
    value: dict
    c: object  # LSTM only, else None
    h: object


def step(cell: str, x_proj, h_proj, h_prev, c_prev=None) -> Step:
    """One step from the two projections: x_proj = W_ih x_t + b_ih and h_proj = W_hh h_prev
    + b_hh, both [.., G*H] (torch tensors or NumPy arrays; the result is of the same kind).

    LSTM: c = f*c_prev + i*g, h = o*tanh(c). GRU: the reset gate scales only the hidden
    part of the candidate, bias included, n = tanh(W_in x + b_in + r*(W_hn h + b_hn)),
    and h = (1-z)*n + z*h_prev (where PyTorch and cuDNN differ from the original paper).
    """
    sigmoid, tanh, relu = _TORCH_OPS if isinstance(x_proj, torch.Tensor) else _NUMPY_OPS
    # Written out per cell, as the equations are: the probe runs this once per time step.
    if cell == "lstm":
        pre = _split(x_proj + h_proj, 4)  # [i, f, g, o]
        i, f, g, o = sigmoid(pre[0]), sigmoid(pre[1]), tanh(pre[2]), sigmoid(pre[3])
        c = f * c_prev + i * g
        names = GATES[cell]
        return Step(
            dict(zip(names, pre, strict=True)),
            dict(zip(names, (i, f, g, o), strict=True)),
            c,
            o * tanh(c),
        )
    if cell == "gru":
        (xr, xz, xn), (hr, hz, hn) = _split(x_proj, 3), _split(h_proj, 3)
        pre_r, pre_z = xr + hr, xz + hz
        r, z = sigmoid(pre_r), sigmoid(pre_z)
        pre_n = xn + r * hn  # the reset gate scales the hidden part only, bias included
        n = tanh(pre_n)
        return Step(
            {"r": pre_r, "z": pre_z, "n": pre_n},
            {"r": r, "z": z, "n": n},
            None,
            (1 - z) * n + z * h_prev,
        )
    pre = x_proj + h_proj
    h = relu(pre) if cell == "rnn_relu" else tanh(pre)
    return Step({"h": pre}, {"h": h}, None, h)
