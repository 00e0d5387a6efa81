"""Recurrent cells from scratch in NumPy: a teaching reference, not a training path.

Every equation is written out once, in PyTorch's conventions, so that a reader can check
the fused module against a page of arithmetic. Given a module's weights, ``forward``
reproduces ``nn.RNN`` / ``nn.LSTM`` / ``nn.GRU`` on one unbatched sequence; the tests
hold it to float64 round-off.

``numpy_step_example`` is tutorial 000's vanilla RNN (hidden size 4, input size 3, 5 steps),
with the NumPy program that prints it (``numpy_step_code``) and its check against torch.

``simple_rnn_forward`` uses the Keras SimpleRNN layout instead (kernel [in, H], one
bias), because that is how most textbooks and blog posts present the plain RNN.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from rnnviz.model.cell import CELLS, GATES, weight_names

# The gates each cell reports (a plain RNN has none): the table is rnnviz.model.cell's, the
# equations below are this module's own.
ACTIVATIONS = ("tanh", "relu", "linear")


def sigmoid(x: np.ndarray) -> np.ndarray:
    # Split by sign so exp never overflows for large |x|.
    out = np.empty_like(x, dtype=np.float64)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def _activate(name: str, x: np.ndarray) -> np.ndarray:
    if name == "tanh":
        return np.tanh(x)
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "linear":
        return x
    raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")


def weights_from_module(rnn: torch.nn.RNNBase) -> dict[str, np.ndarray]:
    """float64 copies of the module's parameters, keyed by torch's names (weight_ih_l0, ...)."""
    return {
        name: p.detach().cpu().to(torch.float64).numpy().copy()
        for name, p in rnn.named_parameters()
    }


def cell_step(cell, x_t, h_prev, c_prev, w_ih, w_hh, b_ih, b_hh):
    """One time step of one cell. Returns (h, c, gates); c is None unless cell == "lstm".

    Shapes: x_t [in], h_prev/c_prev [H], w_ih [G*H, in], w_hh [G*H, H], biases [G*H],
    where G is 4 for LSTM, 3 for GRU and 1 for a plain RNN.
    """
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {CELLS}, got {cell!r}")
    x_proj = w_ih @ x_t + b_ih  # (G*H,)
    h_proj = w_hh @ h_prev + b_hh  # (G*H,)
    blocks = len(GATES[cell])  # stacked by rows in the order of GATES[cell]
    if cell == "lstm":
        i, f, g, o = np.split(x_proj + h_proj, blocks)
        i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
        c = f * c_prev + i * g
        return o * np.tanh(c), c, {"i": i, "f": f, "g": g, "o": o}
    if cell == "gru":
        # The reset gate scales only the hidden projection of the candidate, bias included:
        # that is where PyTorch (and cuDNN) differ from the original GRU paper.
        x_r, x_z, x_n = np.split(x_proj, blocks)
        h_r, h_z, h_n = np.split(h_proj, blocks)
        r, z = sigmoid(x_r + h_r), sigmoid(x_z + h_z)
        n = np.tanh(x_n + r * h_n)
        return (1.0 - z) * n + z * h_prev, None, {"r": r, "z": z, "n": n}
    act = "relu" if cell == "rnn_relu" else "tanh"
    return _activate(act, x_proj + h_proj), None, {}


def _direction_weights(weights, layer, reverse):
    """(w_ih, w_hh, b_ih, b_hh) for one layer and direction; zero biases if bias=False."""
    n_ih, n_hh, n_bih, n_bhh = weight_names(layer, int(reverse))
    w_ih, w_hh = weights[n_ih], weights[n_hh]
    b_ih = weights.get(n_bih, np.zeros(w_ih.shape[0]))
    b_hh = weights.get(n_bhh, np.zeros(w_hh.shape[0]))
    return w_ih, w_hh, b_ih, b_hh


def _run_direction(cell, weights, x, layer, reverse):
    """One layer, one direction over x [T, in]. Returns (hs [T, H] at original t, h_T, c_T)."""
    w_ih, w_hh, b_ih, b_hh = _direction_weights(weights, layer, reverse)
    hidden_size = w_hh.shape[1]
    h = np.zeros(hidden_size)
    c = np.zeros(hidden_size) if cell == "lstm" else None
    hs = np.zeros((x.shape[0], hidden_size))
    # The backward direction reads the sequence from the end but its output at step t
    # is stored at t, so both directions line up in time in the layer's output.
    order = range(x.shape[0] - 1, -1, -1) if reverse else range(x.shape[0])
    for t in order:
        h, c, _ = cell_step(cell, x[t], h, c, w_ih, w_hh, b_ih, b_hh)
        hs[t] = h
    return hs, h, c


def forward(cell, weights, x, num_layers, bidirectional):
    """Run a stacked (bi)directional network over one sequence x [T, input_size].

    Returns (output [T, H*D], h_n [L*D, H], c_n [L*D, H] or None), the same values as
    ``rnn(torch.tensor(x)[None])`` without the batch axis. h_n rows are ordered
    layer-major: (l0 forward, l0 backward, l1 forward, ...), as in torch.
    """
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {CELLS}, got {cell!r}")
    layer_in = np.asarray(x, dtype=np.float64)
    if layer_in.ndim != 2:
        raise ValueError(f"x must be [T, input_size], got shape {layer_in.shape}")
    h_n, c_n = [], []
    for layer in range(num_layers):
        outs = []
        for reverse in (False, True) if bidirectional else (False,):
            hs, h, c = _run_direction(cell, weights, layer_in, layer, reverse)
            outs.append(hs)
            h_n.append(h)
            c_n.append(c)
        # The next layer reads [forward, backward] side by side at each time step.
        layer_in = np.concatenate(outs, axis=1)  # (T, H*D)
    c_out = np.stack(c_n) if cell == "lstm" else None
    return layer_in, np.stack(h_n), c_out


def simple_rnn_forward(x, kernel, recurrent_kernel, bias, activation="tanh"):
    """Keras SimpleRNN: h_t = act(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias), h_0 = 0.

    x [T, in], kernel [in, H], recurrent_kernel [H, H], bias [H]. Returns every h_t, [T, H].
    Keras stores kernels transposed relative to torch and keeps a single bias, so
    kernel = W_ih.T, recurrent_kernel = W_hh.T, bias = b_ih + b_hh gives torch's nn.RNN.
    """
    x, kernel = np.asarray(x, dtype=np.float64), np.asarray(kernel, dtype=np.float64)
    recurrent_kernel = np.asarray(recurrent_kernel, dtype=np.float64)
    bias = np.asarray(bias, dtype=np.float64)
    _check_simple_shapes(x, kernel, recurrent_kernel, bias)
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    h = np.zeros(kernel.shape[1])
    hs = np.zeros((x.shape[0], kernel.shape[1]))
    for t in range(x.shape[0]):
        h = _activate(activation, x[t] @ kernel + h @ recurrent_kernel + bias)
        hs[t] = h
    return hs


def _check_simple_shapes(x, kernel, recurrent_kernel, bias):
    if x.ndim != 2:
        raise ValueError(f"x must be [T, input_size], got shape {x.shape}")
    if kernel.ndim != 2 or kernel.shape[0] != x.shape[1]:
        raise ValueError(
            f"kernel must be [input_size, units] = [{x.shape[1]}, units], got {kernel.shape}"
        )
    units = kernel.shape[1]
    if recurrent_kernel.shape != (units, units):
        raise ValueError(
            f"recurrent_kernel must be [units, units] = [{units}, {units}], "
            f"got {recurrent_kernel.shape}"
        )
    if bias.shape != (units,):
        raise ValueError(f"bias must be [units] = [{units}], got {bias.shape}")


@dataclass(frozen=True)
class NumpyStep:
    """Tutorial 000's worked example: seeded weights and inputs, and every h_t (float64)."""

    seed: int
    x: np.ndarray  # (T, input_size): one x_t a row
    w_hx: np.ndarray  # (H, input_size)
    w_hh: np.ndarray  # (H, H)
    b_h: np.ndarray  # (H,)
    h: np.ndarray  # (T, H): h_t after step t, counted from 0


def vanilla_rnn(x, w_hx, w_hh, b_h) -> np.ndarray:
    """h_t = tanh(W_hx x_t + W_hh h_{t-1} + b_h) from h = 0, the tutorial's one bias; every
    h_t, (T, H). The same step as ``cell_step("rnn_tanh", ...)`` with b_ih = b_h, b_hh = 0."""
    x, b_h = np.asarray(x, dtype=np.float64), np.asarray(b_h, dtype=np.float64)
    h = np.zeros(w_hh.shape[0])
    hs = np.zeros((x.shape[0], w_hh.shape[0]))
    for t in range(x.shape[0]):
        h, _, _ = cell_step("rnn_tanh", x[t], h, None, w_hx, w_hh, b_h, np.zeros_like(b_h))
        hs[t] = h
    return hs


def numpy_step_example(seed: int = 0, hidden_size=4, input_size=3, steps=5) -> NumpyStep:
    """The numbers ``numpy_step_code(seed)`` prints: a RandomState draws what
    np.random.seed(seed) then np.random.randn draw, in the code's order, without touching
    NumPy's global generator."""
    rng = np.random.RandomState(seed)
    w_hx = rng.randn(hidden_size, input_size)
    w_hh = rng.randn(hidden_size, hidden_size)
    b_h = np.zeros(hidden_size)
    x = rng.randn(steps, input_size)
    return NumpyStep(seed, x, w_hx, w_hh, b_h, vanilla_rnn(x, w_hx, w_hh, b_h))


def numpy_step_code(seed: int = 0, hidden_size=4, input_size=3, steps=5) -> str:
    """The NumPy program tutorial 000 writes for this example; it prints every h_t."""
    return f"""import numpy as np

np.random.seed({seed})
hidden_size, input_size, steps = {hidden_size}, {input_size}, {steps}
W_hx = np.random.randn(hidden_size, input_size)  # ({hidden_size}, {input_size})
W_hh = np.random.randn(hidden_size, hidden_size)  # ({hidden_size}, {hidden_size})
b_h = np.zeros(hidden_size)  # ({hidden_size},)
x = np.random.randn(steps, input_size)  # ({steps}, {input_size}): x[t] is x_t

h = np.zeros(hidden_size)
hs = []
for t in range(steps):
    h = np.tanh(W_hx @ x[t] + W_hh @ h + b_h)
    hs.append(h)
    print(t, np.round(h, 4))
"""


def numpy_step_torch_diff(ex: NumpyStep) -> float:
    """max |h_t - torch's nn.RNN(input_size, hidden_size) with the same weights| (float64);
    the tutorial's one bias is torch's b_ih, its b_hh zero."""
    hidden_size, input_size = ex.w_hx.shape
    with torch.random.fork_rng(devices=[]):  # its random init must not move the global seed
        rnn = torch.nn.RNN(input_size, hidden_size, batch_first=True).double()
    weights = {
        "weight_ih_l0": ex.w_hx,
        "weight_hh_l0": ex.w_hh,
        "bias_ih_l0": ex.b_h,
        "bias_hh_l0": np.zeros_like(ex.b_h),
    }
    rnn.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
    with torch.no_grad():
        out, _ = rnn(torch.from_numpy(ex.x)[None])  # (1, T, input_size) -> (1, T, H)
    return float(np.abs(out[0].numpy() - ex.h).max())


def keras_param_count(input_size: int, units: int) -> int:
    """Keras SimpleRNN: kernel + recurrent kernel + one bias = units * (input_size + units + 1)."""
    return units * (input_size + units + 1)


def torch_param_count(input_size: int, hidden_size: int) -> int:
    """torch nn.RNN (one layer): W_ih + W_hh + b_ih + b_hh = H * (input_size + H + 2)."""
    return hidden_size * (input_size + hidden_size + 2)
