"""Look inside a trained network by replaying its cell equations with its own weights.

Training uses the fused modules; these functions re-run one sequence step by step in
torch (same weights, same dtype) so that every gate, cell and hidden state is kept, and
so that autograd can give dL/dh_t through every path (later steps and upper layers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from rnnviz.model import cell as cells
from rnnviz.model.loss import loss_fn


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


def _run_direction(rnn, cell, x, layer, reverse, h=None, c=None):
    """Replay one direction of one layer over x [B, T, in] from h (and c) [B, H], zeros when
    None (torch's default); returns per-step tensors."""
    w_ih, w_hh, b_ih, b_hh = cells.weights(rnn, layer, int(reverse))
    x_proj = x @ w_ih.T + b_ih  # (B, T, G*H)
    h = x.new_zeros(x.shape[0], rnn.hidden_size) if h is None else h  # (B, H)
    c = (torch.zeros_like(h) if c is None else c) if cell == "lstm" else None
    T = x.shape[1]
    order = range(T - 1, -1, -1) if reverse else range(T)
    hs, cs, gates = {}, {}, {}
    names, step = cells.gates(cell), cells.step
    for t in order:
        out = step(cell, x_proj[:, t], h @ w_hh.T + b_hh, h, c)  # (B, G*H) projections
        h, c, value = out.h, out.c, out.value
        hs[t], cs[t], gates[t] = h, c, [value[n] for n in names]
    steps = range(T)
    return [hs[t] for t in steps], [cs[t] for t in steps], [gates[t] for t in steps]


def _replay(model, x: torch.Tensor, h0=None, c0=None):
    """Replay every layer and direction of x [B, T, in] from h0 (c0) [L·D, B, H], zeros when
    None; returns (top output [B, T, H*D], per-layer records of per-step [B, H] tensors)."""
    rnn, cell = model.rnn, cells.cell_of(model.rnn)
    num_dirs = 2 if rnn.bidirectional else 1
    layer_in, records = x, []

    def start(state, row):
        return None if state is None else state[row]

    for layer in range(rnn.num_layers):
        rows = [layer * num_dirs + d for d in range(num_dirs)]
        dirs = [
            _run_direction(rnn, cell, layer_in, layer, bool(d), start(h0, row), start(c0, row))
            for d, row in enumerate(rows)
        ]
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


def trace(model, x, h0=None, c0=None) -> Trace:
    """Every state and gate of one sequence x [T, input_size] (or [T] token ids), from the
    initial state h0 (and c0 for an LSTM) [L·D, H]: zeros when None, as torch's default."""
    return trace_many(model, torch.as_tensor(x)[None], h0, c0)[0]


def _initial(model, state, batch: int):
    """An initial state [L·D, H] as the [L·D, B, H] tensor the replay starts from."""
    if state is None:
        return None
    p = next(model.rnn.parameters())
    return torch.as_tensor(state, dtype=p.dtype, device=p.device)[:, None].expand(-1, batch, -1)


def trace_many(model, xs, h0=None, c0=None) -> list[Trace]:
    """trace() for a batch of equal-length sequences at the cost of about one."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            xin = _as_input(model, xs)
            out, records, cell = _replay(
                model, xin, _initial(model, h0, len(xin)), _initial(model, c0, len(xin))
            )
    finally:
        model.train(was_training)
    dirs = [[_direction_arrays(cell, *rec) for rec in layer] for layer in records]
    outputs, inputs = _to_numpy(out), _to_numpy(xin)
    return [
        Trace(
            output=outputs[b],
            inputs=inputs[b],
            layers=[[_pick(d, b) for d in layer] for layer in dirs],
        )
        for b in range(len(outputs))
    ]


def trace_inputs(model, xin: torch.Tensor) -> Trace:
    """trace() of one sequence given as the recurrent stack reads it, xin [T, input_size]
    (a classifier's model.features: its embedded or one-hot letters), from zero states."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            out, records, cell = _replay(model, xin[None])
    finally:
        model.train(was_training)
    layers = [[_pick(_direction_arrays(cell, *rec), 0) for rec in layer] for layer in records]
    return Trace(output=_to_numpy(out)[0], layers=layers, inputs=_to_numpy(xin))


def _direction_arrays(cell, hs, cs, gs) -> DirectionTrace:
    """Per-step [B, H] tensors stacked over time into [B, T, H] arrays."""

    def stacked(steps):
        return _to_numpy(torch.stack(steps, dim=1))

    gates = {n: stacked([g[k] for g in gs]) for k, n in enumerate(cells.gates(cell))}
    return DirectionTrace(h=stacked(hs), c=stacked(cs) if cell == "lstm" else None, gates=gates)


def _pick(d: DirectionTrace, b: int) -> DirectionTrace:
    return DirectionTrace(
        h=d.h[b], c=None if d.c is None else d.c[b], gates={k: v[b] for k, v in d.gates.items()}
    )


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
    """The training loss (rnnviz.model.loss) of one sequence's prediction."""
    y = torch.as_tensor(y, device=pred.device)
    return loss_fn(model, pred, y.long() if model.cfg.mode == "char_lm" else y.to(pred.dtype))
