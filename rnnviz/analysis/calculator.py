"""The cell calculator: one time step of one layer and direction, every term with its number.

The states the step starts from (h_{t-1}, c_{t-1}, and the layer input from the layer
below) come from probe.trace, so they are the numbers the Inside page's figures show.
The step itself is recomputed here in float64 NumPy from the module's own weights, term
by term in PyTorch's layout and gate order (LSTM rows [i, f, g, o], GRU [r, z, n]).

Two checks come with it:
- ``max_abs_diff``: this h_t against the FUSED torch module's output at the same layer,
  direction and time step. For the top layer that module is ``model.rnn`` itself; for a
  lower layer it is a fused copy truncated to layers 0..layer with the same weights
  (torch only returns the top layer's outputs).
- ``replay_diff``: this h_t against probe.trace's h_t (the replay the figures draw).
An initial state h_0 (c_0) other than zeros (a tutorial's `torch.randn`) is given to both:
the states are then replayed here in float64 from that h_0 (probe.trace starts from zeros,
as the figures do), the fused module is called with it, and replay_diff compares with that
float64 replay.
Neither means anything when the model's weights hold NaN or inf: ``finite`` says whether
h_t is a number, and ``nonfinite`` names what the step reads that is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from rnnviz import i18n  # i18n.t: `t` is a time step here
from rnnviz.analysis.probe import trace
from rnnviz.model import cell as cells
from rnnviz.model.cell import GATES, SIGMOID_GATES

# The fused torch module of each cell, named as PyTorch writes it ("nn.LSTM").
MODULE_NAMES = {
    cell: f"nn.{module.__name__}"
    for cell, module in (
        ("rnn_tanh", torch.nn.RNN),
        ("rnn_relu", torch.nn.RNN),
        ("lstm", torch.nn.LSTM),
        ("gru", torch.nn.GRU),
    )
}


@dataclass(frozen=True)
class StepTerms:
    """Every term of one step. Per-gate dicts map a gate letter (cell.GATES order; "h"
    for a plain RNN) to an [H] float64 array."""

    cell: str
    layer: int
    direction: int  # 0 forward, 1 backward
    t: int
    prev_t: int | None  # the step h_prev comes from (t-1, or t+1 backwards); None: h_0
    x: np.ndarray  # [in] what this layer reads at t
    h_prev: np.ndarray  # [H]
    c_prev: np.ndarray | None  # [H], LSTM only
    w_ih_x: dict[str, np.ndarray]  # W_ih · x_t, per gate block
    b_ih: dict[str, np.ndarray]
    w_hh_h: dict[str, np.ndarray]  # W_hh · h_prev, per gate block
    b_hh: dict[str, np.ndarray]
    pre: dict[str, np.ndarray]  # pre-activation (GRU n: r multiplies the hidden part)
    value: dict[str, np.ndarray]  # after the nonlinearity (plain RNN: "h" is h_t)
    c: np.ndarray | None  # [H] c_t, LSTM only
    h: np.ndarray  # [H] h_t
    fused_h: np.ndarray  # [H] the fused module's output for this layer/direction/t
    max_abs_diff: float  # |h - fused_h|, max over units
    replay_diff: float  # |h - probe.trace's h_t|, max over units
    nonfinite: tuple[str, ...] = ()  # what the step reads holding NaN/inf: "W_hh", "h_t-1", ...

    @property
    def finite(self) -> bool:
        """h_t and the fused output are numbers, so comparing them says something."""
        return bool(np.isfinite(self.h).all() and np.isfinite(self.fused_h).all())

    @property
    def gates(self) -> tuple[str, ...]:
        return GATES[self.cell]

    @property
    def module_name(self) -> str:
        return MODULE_NAMES[self.cell]


def _weights(rnn, layer: int, direction: int):
    """float64 (W_ih, W_hh, b_ih, b_hh) of one layer/direction (zeros without bias)."""
    return [
        p.detach().cpu().to(torch.float64).numpy() for p in cells.weights(rnn, layer, direction)
    ]


def _layer_input(inputs, layers, layer: int, t: int) -> np.ndarray:
    """Layer 0 reads the (embedded) input; higher layers [forward, backward] h of the one below."""
    if layer == 0:
        return inputs[t].astype(np.float64)
    return np.concatenate([d.h[t] for d in layers[layer - 1]]).astype(np.float64)


def _previous(layers, layer: int, direction: int, t: int, start=None):
    """(prev_t, h_prev, c_prev): the backward direction reads the sequence reversed, so its
    "previous" step is t+1; before the first step read the state is h_0 (`start`: (h, c)
    of this layer and direction), zeros when none is given (torch's default)."""
    d = layers[layer][direction]
    T, H = d.h.shape
    prev = t + 1 if direction else t - 1
    if not 0 <= prev < T:
        if start is not None:
            return None, start[0], start[1]
        zeros = np.zeros(H)
        return None, zeros, (zeros if d.c is not None else None)
    c_prev = None if d.c is None else d.c[prev].astype(np.float64)
    return prev, d.h[prev].astype(np.float64), c_prev


def _nonfinite_inputs(direction: int, x, h_prev, c_prev, weights) -> tuple[str, ...]:
    """What step t reads that holds NaN or inf, named as the tables name it."""
    prev = "t+1" if direction else "t-1"
    named = [
        ("x_t", x),
        (f"h_{prev}", h_prev),
        (f"c_{prev}", c_prev),
        *zip(("W_ih", "W_hh", "b_ih", "b_hh"), weights, strict=True),
    ]
    return tuple(name for name, v in named if v is not None and not np.isfinite(v).all())


def _gates(cell, x, h_prev, c_prev, weights):
    """Every product and bias split into gate blocks, and the step (rnnviz.model.cell) they make."""
    w_ih, w_hh, b_ih, b_hh = weights
    wx, wh = w_ih @ x, w_hh @ h_prev
    out = cells.step(cell, wx + b_ih, wh + b_hh, h_prev, c_prev)
    return [cells.blocks(cell, v) for v in (wx, b_ih, wh, b_hh)], out


def _initial(rows, first: int, p: torch.Tensor):
    """Rows [L·D, H] of an initial state as torch wants it: (first, 1, H), the module's dtype."""
    return (
        None
        if rows is None
        else torch.as_tensor(rows[:first], dtype=p.dtype, device=p.device)[:, None]
    )


def _layer_of(key: str) -> int:
    """The layer a fused module's state_dict key belongs to: "weight_hh_l2_reverse" -> 2."""
    found = re.search(r"_l(\d+)", key)
    assert found is not None  # every parameter of a fused RNN/LSTM/GRU ends in _l<layer>
    return int(found.group(1))


def fused_layer_output(model, x, layer: int, h0=None, c0=None) -> np.ndarray:
    """[T, H * D] outputs of layer `layer` from a real fused torch module (eval mode),
    started from h0 (and c0) [L·D, H] when given, from zeros otherwise.

    torch returns only the top layer's outputs, so a lower layer is read from a fused copy
    that stops at that layer and carries the same weights."""
    rnn = model.rnn
    if layer == rnn.num_layers - 1:
        module = rnn
    else:
        kwargs = {
            "input_size": rnn.input_size,
            "hidden_size": rnn.hidden_size,
            "num_layers": layer + 1,
            "bias": rnn.bias,
            "batch_first": True,
            "bidirectional": rnn.bidirectional,
        }
        if isinstance(rnn, torch.nn.RNN):  # LSTM and GRU are not nn.RNN subclasses
            kwargs["nonlinearity"] = rnn.nonlinearity
        module = type(rnn)(**kwargs).to(next(rnn.parameters()))
        keep = {k: v for k, v in rnn.state_dict().items() if _layer_of(k) <= layer}
        module.load_state_dict(keep)
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            p = next(rnn.parameters())
            xs = torch.as_tensor(x, device=p.device)[None]
            xs = model.features(xs.long()) if model.embed is not None else xs.to(p.dtype)
            first = (layer + 1) * (2 if rnn.bidirectional else 1)  # the states this copy has
            h, c = _initial(h0, first, p), _initial(c0, first, p)
            hx = None if h is None else ((h, c) if c is not None else h)
            out, _ = module(xs, hx)  # (1, T, H*D)
    finally:
        model.train(was_training)
    return out[0].detach().cpu().to(torch.float64).numpy()


def step_terms(
    model, x, layer: int, direction: int, t: int, tr=None, h0=None, c0=None
) -> StepTerms:
    """Every term of step t of one layer/direction for one sequence x [T, input_size] (or [T]
    token ids). `tr` may be probe.trace(model, x) when the caller already has it. h0 (and
    c0 for an LSTM) [L·D, H]: the initial state, zeros when None (torch's default)."""
    cfg = model.cfg
    if not 0 <= layer < cfg.num_layers or not 0 <= direction < cfg.num_directions:
        raise ValueError(i18n.t("calc.err_layer", layer=layer, direction=direction))
    tr = trace(model, x) if tr is None else tr
    T, H = tr.layers[layer][direction].h.shape
    if not 0 <= t < T:
        raise ValueError(i18n.t("calc.err_step", last=T - 1, t=t))
    if cfg.cell == "lstm" and h0 is not None and c0 is None:
        c0 = np.zeros_like(np.asarray(h0, dtype=np.float64))
    cell, row = cfg.cell, layer * cfg.num_directions + direction
    layers = tr.layers if h0 is None else trace(model, x, h0, c0).layers
    start = (
        None
        if h0 is None
        else (
            np.asarray(h0[row], dtype=np.float64),
            None if c0 is None else np.asarray(c0[row], dtype=np.float64),
        )
    )
    xt = _layer_input(tr.inputs, layers, layer, t)
    prev_t, h_prev, c_prev = _previous(layers, layer, direction, t, start)
    weights = _weights(model.rnn, layer, direction)
    (wx, bi, wh, bh), out = _gates(cell, xt, h_prev, c_prev, weights)
    pre, value, c, h = out.pre, out.value, out.c, out.h
    fused = fused_layer_output(model, x, layer, h0, c0)[t, direction * H : (direction + 1) * H]
    replay = layers[layer][direction].h[t].astype(np.float64)
    return StepTerms(
        cell,
        layer,
        direction,
        t,
        prev_t,
        xt,
        h_prev,
        c_prev,
        wx,
        bi,
        wh,
        bh,
        pre,
        value,
        c,
        h,
        fused,
        float(np.abs(h - fused).max()),
        float(np.abs(h - replay).max()),
        _nonfinite_inputs(direction, xt, h_prev, c_prev, weights),
    )


def gate_table(terms: StepTerms, gate: str) -> pd.DataFrame:
    """One row per hidden unit: the four products/biases, the pre-activation, the value."""
    cols = {
        "W_ih·x": terms.w_ih_x[gate],
        "b_ih": terms.b_ih[gate],
        "W_hh·h": terms.w_hh_h[gate],
        "b_hh": terms.b_hh[gate],
    }
    if terms.cell == "gru" and gate == "n":  # shows how r enters: pre = W_ih·x + b_ih + this
        cols["r·(W_hh·h+b_hh)"] = terms.value["r"] * (terms.w_hh_h[gate] + terms.b_hh[gate])
    cols[i18n.t("calc.col_pre")] = terms.pre[gate]
    cols[i18n.t("calc.col_value")] = terms.value[gate]
    df = pd.DataFrame(cols)
    df.index.name = i18n.t("calc.col_unit")
    return df


def state_table(terms: StepTerms) -> pd.DataFrame:
    """One row per hidden unit: the states the step starts from and the ones it makes."""
    prev = "t+1" if terms.direction else "t-1"
    cols = {}
    if terms.c is not None:
        cols[f"c_{prev}"], cols["c_t"] = terms.c_prev, terms.c
    cols[f"h_{prev}"], cols["h_t"] = terms.h_prev, terms.h
    df = pd.DataFrame(cols)
    df.index.name = i18n.t("calc.col_unit")
    return df


# ---- the step as the equations are written, with one unit's numbers ------------------
ACT_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}"}


def _fmt(v: float) -> str:
    """3 decimals; NaN and inf (non-finite weights) as LaTeX writes them, not "nan"."""
    if np.isnan(v):
        return r"\text{NaN}"
    return (r"-\infty" if v < 0 else r"\infty") if np.isinf(v) else f"{v:.3f}"


def _num(v: float) -> str:
    return f"({_fmt(v)})" if v < 0 else _fmt(v)


def _brace(v: float, what: str, paren: bool = True) -> str:
    """A number with the term it is written under: students see which is which. Negative
    numbers get parentheses where a sign would follow an operator (paren=False inside f(...))."""
    return rf"\underbrace{{{_num(v) if paren else _fmt(v)}}}_{{{what}}}"


def _act_tex(cell: str, gate: str) -> str:
    if gate in SIGMOID_GATES:
        return ACT_TEX["sigmoid"]
    return ACT_TEX["relu"] if cell == "rnn_relu" else ACT_TEX["tanh"]


def _gate_line(terms: StepTerms, gate: str, j: int, prev: str) -> str:
    """e.g. i_t = sigma(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi) with the numbers of unit j."""
    plain = terms.cell.startswith("rnn")
    wi, wh = ("ih", "hh") if plain else (f"i{gate}", f"h{gate}")
    hpart = (
        rf"{_brace(terms.w_hh_h[gate][j], f'W_{{{wh}}} h_{{{prev}}}')} + "
        rf"{_brace(terms.b_hh[gate][j], f'b_{{{wh}}}')}"
    )
    if terms.cell == "gru" and gate == "n":
        hpart = rf"{_brace(terms.value['r'][j], 'r_t')} \cdot ({hpart})"
    inner = (
        rf"{_brace(terms.w_ih_x[gate][j], f'W_{{{wi}}} x_t')} + "
        rf"{_brace(terms.b_ih[gate][j], f'b_{{{wi}}}')} + {hpart}"
    )
    act = _act_tex(terms.cell, gate)
    # Two rows aligned at "=": one row would overflow a 1024-pixel projector.
    return (
        rf"\begin{{aligned}}{gate}_t &= {act}\left({inner}\right) \\ "
        rf"&= {act}({_fmt(terms.pre[gate][j])}) = {_fmt(terms.value[gate][j])}\end{{aligned}}"
    )


def _state_lines(terms: StepTerms, j: int, prev: str) -> list[str]:
    v = {g: a[j] for g, a in terms.value.items()}
    if terms.cell == "lstm":
        assert terms.c_prev is not None and terms.c is not None  # an LSTM step carries c
        c = (
            rf"c_t = {_brace(v['f'], 'f_t')} \cdot {_brace(terms.c_prev[j], f'c_{{{prev}}}')}"
            rf" + {_brace(v['i'], 'i_t')} \cdot {_brace(v['g'], 'g_t')} = {_fmt(terms.c[j])}"
        )
        c_t = _brace(terms.c[j], "c_t", paren=False)
        h = rf"h_t = {_brace(v['o'], 'o_t')} \cdot \tanh({c_t}) = {_fmt(terms.h[j])}"
        return [c, h]
    if terms.cell == "gru":
        return [
            rf"h_t = (1 - {_brace(v['z'], 'z_t')}) \cdot {_brace(v['n'], 'n_t')} + "
            rf"{_brace(v['z'], 'z_t')} \cdot {_brace(terms.h_prev[j], f'h_{{{prev}}}')} "
            rf"= {_fmt(terms.h[j])}"
        ]
    return []


def latex_lines(terms: StepTerms, unit: int) -> list[str]:
    """The cell's equations for one hidden unit, every term replaced by its number."""
    prev = "t+1" if terms.direction else "t-1"
    lines = [_gate_line(terms, g, unit, prev) for g in terms.gates]  # plain RNN: gate "h" is h_t
    return lines + _state_lines(terms, unit, prev)
