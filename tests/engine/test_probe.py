"""The replay must equal torch's fused modules, and its gradients a step-by-step reference."""

import numpy as np
import pytest
import torch

from rnnviz.analysis.probe import grad_norms, trace
from rnnviz.model.network import ModelConfig, build_model

CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("num_layers", [1, 2, 3])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_replay_equals_fused(cell, num_layers, bidirectional, dtype):
    cfg = ModelConfig(
        cell=cell, input_size=3, hidden_size=7, num_layers=num_layers, bidirectional=bidirectional
    )
    model = build_model(cfg, seed=1).to(dtype)
    x = torch.randn(13, 3, dtype=dtype, generator=torch.Generator().manual_seed(2))
    tr = trace(model, x)
    out, h_n = (
        model.rnn(x[None])[:2]
        if cell != "lstm"
        else (model.rnn(x[None])[0], model.rnn(x[None])[1][0])
    )
    ref = out[0].detach().numpy()
    tol = 1e-5 if dtype == torch.float32 else 1e-12
    assert tr.output.shape == (13, 7 * cfg.num_directions)
    assert np.abs(tr.output - ref).max() < tol
    # Final states: forward ends at t=T-1, backward at t=0 (indexed by original time).
    h_n = h_n[:, 0].detach().numpy()  # (L*D, H)
    for layer in range(num_layers):
        fwd = tr.layers[layer][0]
        assert np.abs(fwd.h[-1] - h_n[layer * cfg.num_directions]).max() < tol
        if bidirectional:
            assert np.abs(tr.layers[layer][1].h[0] - h_n[layer * 2 + 1]).max() < tol


@pytest.mark.parametrize("cell", CELLS)
def test_gates_present_and_in_range(cell):
    model = build_model(
        ModelConfig(cell=cell, input_size=2, hidden_size=5, bidirectional=True), seed=0
    )
    tr = trace(model, torch.randn(9, 2) * 3)
    expected = {"lstm": {"i", "f", "g", "o"}, "gru": {"r", "z", "n"}}.get(cell, set())
    for d in tr.layers[0]:
        assert set(d.gates) == expected
        for name, g in d.gates.items():
            assert g.shape == (9, 5)
            lo, hi = (-1, 1) if name in ("g", "n") else (0, 1)
            assert g.min() >= lo and g.max() <= hi
        assert (d.c is not None) == (cell == "lstm")
    if cell == "rnn_relu":
        assert tr.layers[0][0].h.min() >= 0


def test_lstm_cell_state_follows_its_gates():
    model = build_model(ModelConfig(cell="lstm", input_size=1, hidden_size=4), seed=3)
    d = trace(model, torch.randn(6, 1)).layers[0][0]
    g = d.gates
    c_prev = np.vstack([np.zeros((1, 4)), d.c[:-1]])
    np.testing.assert_allclose(d.c, g["f"] * c_prev + g["i"] * g["g"], atol=1e-6)
    np.testing.assert_allclose(d.h, g["o"] * np.tanh(d.c), atol=1e-6)


def test_char_model_traces_token_ids():
    cfg = ModelConfig(cell="gru", input_size=6, hidden_size=8, mode="char_lm", vocab_size=11)
    model = build_model(cfg, seed=0)
    ids = torch.tensor([1, 4, 2, 10, 0])
    tr = trace(model, ids)
    ref = model.rnn(model.embed(ids)[None])[0][0].detach().numpy()
    assert np.abs(tr.output - ref).max() < 1e-5
    assert tr.inputs.shape == (5, 6)


def _stepwise_grad_norms(model, x, y):
    """Reference: step the fused module one step at a time, keeping each h_t."""
    hs, state = [], None
    for t in range(x.shape[0]):
        out, state = model.rnn(x[None, t : t + 1], state)
        h = out[0, 0]
        h.retain_grad()
        hs.append(h)
        # Feed this very h_t to the next step, so every path to the loss runs through it.
        state = (h.view(1, 1, -1), state[1]) if isinstance(state, tuple) else h.view(1, 1, -1)
    pred = model.head(hs[-1])
    torch.nn.functional.mse_loss(pred, y).backward()
    return np.array([float(h.grad.norm()) for h in hs])


@pytest.mark.parametrize("cell", CELLS)
def test_grad_norms_equal_stepwise_reference(cell):
    model = build_model(ModelConfig(cell=cell, input_size=2, hidden_size=6), seed=4).double()
    x = torch.randn(12, 2, dtype=torch.float64)
    y = torch.tensor([0.7], dtype=torch.float64)
    got = grad_norms(model, x, y)
    assert got.shape == (1, 1, 12)
    np.testing.assert_allclose(got[0, 0], _stepwise_grad_norms(model, x, y), rtol=1e-8)
    assert got[0, 0, -1] > 0


def test_grad_norms_shape_deep_bidirectional_and_nonzero():
    cfg = ModelConfig(cell="lstm", input_size=1, hidden_size=4, num_layers=2, bidirectional=True)
    model = build_model(cfg, seed=0)
    g = grad_norms(model, torch.randn(10, 1), torch.tensor([1.0]))
    assert g.shape == (2, 2, 10)
    assert np.all(np.isfinite(g)) and np.all(g > 0)


def test_vanilla_rnn_gradients_vanish_over_a_long_sequence():
    """The lesson the lab teaches: dL/dh_t of a tanh RNN shrinks towards early steps."""
    model = build_model(ModelConfig(cell="rnn_tanh", input_size=1, hidden_size=16), seed=0)
    with torch.no_grad():
        model.rnn.weight_hh_l0.mul_(0.5)
    g = grad_norms(model, torch.randn(60, 1), torch.tensor([0.0]))[0, 0]
    assert g[0] < g[-1] * 1e-3


def test_trace_many_equals_one_by_one():
    from rnnviz.analysis.probe import trace_many

    model = build_model(
        ModelConfig(cell="lstm", input_size=2, hidden_size=5, num_layers=2, bidirectional=True),
        seed=0,
    )
    xs = torch.randn(3, 8, 2)
    many = trace_many(model, xs)
    for b, tr in enumerate(many):
        one = trace(model, xs[b])
        np.testing.assert_allclose(tr.output, one.output, atol=1e-6)
        np.testing.assert_allclose(
            tr.layers[1][1].gates["f"], one.layers[1][1].gates["f"], atol=1e-6
        )
        np.testing.assert_allclose(tr.layers[0][0].c, one.layers[0][0].c, atol=1e-6)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("cell", CELLS)
def test_replay_equals_fused_on_cuda(cell):
    """On a GPU the app's replay must match cuDNN to < 1e-5 (TF32 off, as the app sets it)."""
    from rnnviz.train.device import resolve_device

    device, _ = resolve_device("cuda")
    cfg = ModelConfig(cell=cell, input_size=3, hidden_size=64, num_layers=2, bidirectional=True)
    model = build_model(cfg, seed=1).to(device)
    x = torch.randn(50, 3, generator=torch.Generator().manual_seed(2)).to(device)
    tr = trace(model, x)
    ref = model.rnn(x[None])[0][0].detach().cpu().numpy()
    assert np.abs(tr.output - ref).max() < 1e-5
