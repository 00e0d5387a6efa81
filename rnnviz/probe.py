"""Look inside a trained network by replaying its cell equations with its own weights.

Training uses the fused modules; these functions re-run one sequence step by step in
torch (same weights, same dtype) so that every gate, cell and hidden state is kept, and
so that autograd can give dL/dh_t through every path (later steps and upper layers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from torch.nn import functional as F

GATE_NAMES = {"lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n"), "rnn_tanh": (), "rnn_relu": ()}


@dataclass
class DirectionTrace:
    """One layer, one direction. Arrays are [T, H], indexed by the original time step."""

    h: np.ndarray
    c: np.ndarray | None = None
    gates: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass
class Trace:
    output: np.ndarray  # [T, H * D], equals model.rnn(x[None])[0][0]
    layers: list[list[DirectionTrace]]  # layers[l][d], d=0 forward, d=1 backward
    inputs: np.ndarray  # [T, input_size] what the first layer read (embedded for text)


def _cell_name(rnn: torch.nn.RNNBase) -> str:
    if isinstance(rnn, torch.nn.LSTM):
        return "lstm"
    if isinstance(rnn, torch.nn.GRU):
        return "gru"
    return "rnn_relu" if rnn.nonlinearity == "relu" else "rnn_tanh"


def _step(cell, x_proj, h, c, w_hh, b_hh):
    """One cell step for a batch. x_proj = W_ih x_t + b_ih was computed for all t at once."""
    h_proj = h @ w_hh.T + b_hh  # (B, G*H)
    if cell == "lstm":
        i, f, g, o = (x_proj + h_proj).chunk(4, dim=-1)
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c = f * c + i * g
        return o * torch.tanh(c), c, (i, f, g, o)
    if cell == "gru":
        xr, xz, xn = x_proj.chunk(3, dim=-1)
        hr, hz, hn = h_proj.chunk(3, dim=-1)
        r, z = torch.sigmoid(xr + hr), torch.sigmoid(xz + hz)
        n = torch.tanh(xn + r * hn)
        return (1 - z) * n + z * h, None, (r, z, n)
    act = torch.relu if cell == "rnn_relu" else torch.tanh
    return act(x_proj + h_proj), None, ()


def _run_direction(rnn, cell, x, layer, reverse):
    """Replay one direction of one layer over x [B, T, in]; returns per-step tensors."""
    sfx = f"_l{layer}" + ("_reverse" if reverse else "")
    w_ih, w_hh = getattr(rnn, "weight_ih" + sfx), getattr(rnn, "weight_hh" + sfx)
    b_ih = getattr(rnn, "bias_ih" + sfx) if rnn.bias else torch.zeros_like(w_ih[:, 0])
    b_hh = getattr(rnn, "bias_hh" + sfx) if rnn.bias else torch.zeros_like(w_hh[:, 0])
    x_proj = x @ w_ih.T + b_ih  # (B, T, G*H)
    h = x.new_zeros(x.shape[0], rnn.hidden_size)  # (B, H)
    c = torch.zeros_like(h) if cell == "lstm" else None
    T = x.shape[1]
    order = range(T - 1, -1, -1) if reverse else range(T)
    hs, cs, gates = {}, {}, {}
    for t in order:
        h, c, g = _step(cell, x_proj[:, t], h, c, w_hh, b_hh)
        hs[t], cs[t], gates[t] = h, c, g
    steps = range(T)
    return [hs[t] for t in steps], [cs[t] for t in steps], [gates[t] for t in steps]


def _replay(model, x: torch.Tensor):
    """Replay every layer and direction of x [B, T, in]; returns (top output [B, T, H*D],
    per-layer records of per-step [B, H] tensors)."""
    rnn, cell = model.rnn, _cell_name(model.rnn)
    num_dirs = 2 if rnn.bidirectional else 1
    layer_in, records = x, []
    for layer in range(rnn.num_layers):
        dirs = [_run_direction(rnn, cell, layer_in, layer, bool(d)) for d in range(num_dirs)]
        records.append(dirs)
        layer_in = torch.cat([torch.stack(hs, dim=1) for hs, _, _ in dirs], dim=-1)  # (B, T, H*D)
    return layer_in, records, cell


def _as_input(model, x) -> torch.Tensor:
    """Sequences as the tensor the recurrent stack reads (token ids are embedded)."""
    p = next(model.rnn.parameters())
    x = torch.as_tensor(x, device=p.device)
    if getattr(model, "embed", None) is not None:
        return model.embed(x.long())  # (T, input_size)
    return x.to(p.dtype)


def _to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


def trace(model, x) -> Trace:
    """Every state and gate of one sequence x [T, input_size] (or [T] token ids)."""
    return trace_many(model, torch.as_tensor(x)[None])[0]


def trace_many(model, xs) -> list[Trace]:
    """trace() for a batch of equal-length sequences at the cost of about one."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            xin = _as_input(model, xs)
            out, records, cell = _replay(model, xin)
    finally:
        model.train(was_training)
    dirs = [[_direction_arrays(cell, *rec) for rec in layer] for layer in records]
    out, xin = _to_numpy(out), _to_numpy(xin)
    return [Trace(output=out[b], inputs=xin[b], layers=[[_pick(d, b) for d in layer] for layer in dirs])
            for b in range(len(out))]


def _direction_arrays(cell, hs, cs, gs) -> DirectionTrace:
    """Per-step [B, H] tensors stacked over time into [B, T, H] arrays."""
    def stacked(steps):
        return _to_numpy(torch.stack(steps, dim=1))
    gates = {n: stacked([g[k] for g in gs]) for k, n in enumerate(GATE_NAMES[cell])}
    return DirectionTrace(h=stacked(hs), c=stacked(cs) if cell == "lstm" else None, gates=gates)


def _pick(d: DirectionTrace, b: int) -> DirectionTrace:
    return DirectionTrace(h=d.h[b], c=None if d.c is None else d.c[b],
                          gates={k: v[b] for k, v in d.gates.items()})


def grad_norms(model, x, y) -> np.ndarray:
    """‖dL/dh_t‖ for every layer, direction and step: [num_layers, num_directions, T].

    L is the model's loss on one sequence (MSE for series, cross-entropy for text). The
    gradient is taken on the replayed per-step states, so it counts every path from h_t
    to the loss: through later steps, the other direction's layer above, and the head.
    """
    was_training = model.training
    model.eval()
    try:
        xin = _as_input(model, torch.as_tensor(x)[None]).detach()
        out, records, _ = _replay(model, xin)
        pred = model.readout(out)[0]
        loss = _loss(model, pred, y)
        states = [h for dirs in records for hs, _, _ in dirs for h in hs]
        grads = torch.autograd.grad(loss, states, allow_unused=True)
    finally:
        model.train(was_training)
    norms = [0.0 if g is None else float(g.norm()) for g in grads]
    num_dirs = 2 if model.rnn.bidirectional else 1
    return np.asarray(norms, dtype=np.float64).reshape(model.rnn.num_layers, num_dirs, -1)


def _loss(model, pred: torch.Tensor, y) -> torch.Tensor:
    y = torch.as_tensor(y, device=pred.device)
    if getattr(model, "embed", None) is not None:
        return F.cross_entropy(pred, y.long().reshape(-1))
    return F.mse_loss(pred, y.to(pred.dtype).reshape(pred.shape))
