"""Connectivity: how strongly each input step drives the output at a later step.

Distill's "Memorization in RNNs" draws ‖∂y_{t'}/∂x_t‖ over t for a chosen output step t':
a model that remembers far back has large values far to the left of t'. Here it is the
gradient of the output through the fused module (autograd, the model's own weights and
dtype), so it is exact and needs no replay of the cell equations.

What x_t is: the values the recurrent stack reads at step t, i.e. the (scaled) input row
of a series, or the embedding vector of the token at step t for a text model. What y_{t'}
is: the head's output at t' (for several output units, ‖·‖ is the Frobenius norm of the
Jacobian block ∂y_{t'}/∂x_t); for text, one logit: the chosen character's, by default
the model's top prediction at t'.

Unidirectional models: y_{t'} has read x_0..x_{t'} only, so the value is 0 for t > t'
(exactly: the gradient is zero there, nothing is masked). Bidirectional models: the
backward direction has read the whole sequence, so every t may be non-zero.
"""

from __future__ import annotations

import contextlib

import numpy as np
import torch


def connectivity(model, x, out_step: int | None = None, token: int | None = None) -> np.ndarray:
    """‖∂y_{out_step}/∂x_t‖ for every input step t: (T,) float64.

    x: one sequence, (T, input_size) values or (T,) token ids. out_step: the output step
    t' (default the last; many-to-one models have only the last). token: char_lm only,
    the character whose logit is y (default the top prediction at t').
    """
    feats = _features(model, x)
    steps = _out_steps(model, feats.shape[0])
    out_step = steps[-1] if out_step is None else _checked_step(out_step, steps)
    tokens = None if token is None else np.asarray([token])
    return _jacobian_norms(model, feats, [out_step], tokens)[0]


def connectivity_all(model, x, tokens=None) -> np.ndarray:
    """connectivity() for every output step at once: (T_out, T) float64.

    T_out is 1 for a many-to-one model (its only output, after the last step), T for the
    others. tokens: char_lm only, (T,) the character per output step (default the top
    prediction at each step). One forward and one backward pass over a batch of T_out
    copies of the sequence: copy k carries the gradient of output step k only.
    """
    feats = _features(model, x)
    steps = _out_steps(model, feats.shape[0])
    return _jacobian_norms(model, feats, steps, None if tokens is None else np.asarray(tokens))


def connectivity_many(model, xs) -> np.ndarray:
    """connectivity_all() for several equal-length sequences in one pass: (P, T_out, T).

    xs: (P, T, input_size) values or (P, T) token ids. The snapshots record it for every
    probe sequence: one batch of P * T_out copies costs far less than P calls."""
    xs = np.asarray(xs)
    feats = torch.stack([_features(model, x) for x in xs])  # (P, T, F)
    steps = _out_steps(model, feats.shape[1])
    table = _jacobian_norms(model, feats, steps * len(xs), None, copies=feats)
    return table.reshape(len(xs), len(steps), -1)


def _features(model, x) -> torch.Tensor:
    """What the recurrent stack reads, as a detached (T, input_size) tensor."""
    p = next(model.rnn.parameters())
    x = torch.as_tensor(np.asarray(x), device=p.device)
    if model.cfg.mode == "char_lm":
        with torch.no_grad():
            return model.embed(x.long().reshape(-1))  # (T, E)
    x = x.to(p.dtype)
    return x[:, None] if x.ndim == 1 else x  # (T, F)


def _out_steps(model, length: int) -> list[int]:
    return [length - 1] if model.cfg.mode == "many_to_one" else list(range(length))


def _checked_step(out_step: int, steps: list[int]) -> int:
    step = int(out_step)
    if step < 0:
        step += steps[-1] + 1
    if step not in steps:
        raise ValueError(
            f"out_step {out_step} is not an output step of this model "
            f"(valid: {steps[0]}..{steps[-1]})"
        )
    return step


def _jacobian_norms(
    model, feats: torch.Tensor, steps: list[int], tokens, copies: torch.Tensor | None = None
) -> np.ndarray:
    """(len(steps), T): row k is ‖∂y_{steps[k]}/∂x_t‖ over t. copies: (P, T, F) several
    sequences, each repeated len(steps) / P times (steps then lists each one's steps)."""
    n = len(steps)
    if copies is None:
        xs = feats.detach()[None].repeat(n, 1, 1)  # (n, T, F): one copy a row
    else:
        xs = copies.detach().repeat_interleave(n // len(copies), dim=0)  # (n, T, F)
    xs = xs.requires_grad_(True)
    rows = torch.arange(n, device=feats.device)
    at = torch.as_tensor(steps, device=feats.device)
    with _eval(model), _backward_anywhere(feats):
        out, _ = model.rnn(xs)  # (n, T, H*D)
        pred = model.readout(out)  # (n, O) many-to-one; (n, T, O) or (n, T, V) otherwise
        picked = pred if model.cfg.mode == "many_to_one" else pred[rows, at]  # (n, O or V)
        if model.cfg.mode == "char_lm":
            chosen = _tokens(picked, tokens, rows)
            squared = _squared_grads(xs, picked[rows, chosen][:, None])
        else:
            squared = _squared_grads(xs, picked)
    return squared.sqrt().cpu().numpy().astype(np.float64)


def _tokens(logits: torch.Tensor, tokens, rows: torch.Tensor) -> torch.Tensor:
    if tokens is None:
        return logits.detach().argmax(dim=-1)  # the top prediction at each output step
    chosen = torch.as_tensor(tokens, device=logits.device).long().reshape(-1)
    if chosen.numel() == 1:
        chosen = chosen.expand(len(rows))
    if chosen.numel() != len(rows) or chosen.min() < 0 or chosen.max() >= logits.shape[-1]:
        raise ValueError(f"tokens must be {len(rows)} ids below {logits.shape[-1]}")
    return chosen


def _squared_grads(xs: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Σ_o (∂y[k, o]/∂xs[k, t])² summed over features: (n, T). Copies never mix, so one
    backward of y[:, o].sum() gives every row's gradient for output unit o at once."""
    total = torch.zeros(xs.shape[:2], dtype=xs.dtype, device=xs.device)
    for o in range(y.shape[1]):
        (g,) = torch.autograd.grad(y[:, o].sum(), xs, retain_graph=o < y.shape[1] - 1)
        total += g.pow(2).sum(dim=-1)
    return total


@contextlib.contextmanager
def _eval(model):
    """Dropout off while measuring; the model's mode is put back after."""
    was_training = model.training
    model.eval()
    try:
        yield
    finally:
        model.train(was_training)


def _backward_anywhere(feats: torch.Tensor):
    """cuDNN refuses an RNN backward in eval mode: use torch's own kernels on a GPU."""
    if feats.device.type == "cuda":
        return torch.backends.cudnn.flags(enabled=False)
    return contextlib.nullcontext()
