"""The NumPy reference must reproduce torch's fused modules and the textbook example."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz.model import scratch
from rnnviz.model.cell import gates as gate_names

CELLS = ("rnn_tanh", "rnn_relu", "lstm", "gru")


def _module(cell, input_size, hidden_size, num_layers, bidirectional, bias=True):
    kwargs = {
        "input_size": input_size,
        "hidden_size": hidden_size,
        "num_layers": num_layers,
        "bidirectional": bidirectional,
        "batch_first": True,
        "bias": bias,
    }
    if cell == "lstm":
        return nn.LSTM(**kwargs).double()
    if cell == "gru":
        return nn.GRU(**kwargs).double()
    return nn.RNN(nonlinearity=cell.removeprefix("rnn_"), **kwargs).double()


def _torch_run(rnn, x):
    with torch.no_grad():
        out, state = rnn(torch.tensor(x)[None])
    if isinstance(state, tuple):
        h_n, c_n = state
        return out[0].numpy(), h_n[:, 0].numpy(), c_n[:, 0].numpy()
    return out[0].numpy(), state[:, 0].numpy(), None


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("num_layers", [1, 2, 3])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_forward_matches_torch(cell, num_layers, bidirectional):
    torch.manual_seed(num_layers * 10 + bidirectional)
    input_size, hidden_size, seq_len = 3, 5, 7
    rnn = _module(cell, input_size, hidden_size, num_layers, bidirectional)
    x = np.random.default_rng(0).normal(size=(seq_len, input_size))

    out, h_n, c_n = scratch.forward(
        cell, scratch.weights_from_module(rnn), x, num_layers, bidirectional
    )
    ref_out, ref_h, ref_c = _torch_run(rnn, x)

    d = 2 if bidirectional else 1
    assert out.shape == (seq_len, hidden_size * d)
    assert h_n.shape == (num_layers * d, hidden_size)
    np.testing.assert_allclose(out, ref_out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(h_n, ref_h, rtol=0, atol=1e-10)
    if cell == "lstm":
        np.testing.assert_allclose(c_n, ref_c, rtol=0, atol=1e-10)
    else:
        assert c_n is None


@pytest.mark.parametrize("cell", CELLS)
def test_forward_matches_torch_without_bias(cell):
    torch.manual_seed(1)
    rnn = _module(cell, 2, 4, 2, True, bias=False)
    x = np.random.default_rng(1).normal(size=(6, 2))
    out, h_n, _ = scratch.forward(cell, scratch.weights_from_module(rnn), x, 2, True)
    ref_out, ref_h, _ = _torch_run(rnn, x)
    np.testing.assert_allclose(out, ref_out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(h_n, ref_h, rtol=0, atol=1e-10)


def test_backward_direction_stores_outputs_at_original_time():
    # The backward half at t=0 has read the whole sequence, so it equals the backward
    # final state; the forward half at the last step equals the forward final state.
    torch.manual_seed(2)
    rnn = _module("gru", 2, 3, 1, True)
    x = np.random.default_rng(2).normal(size=(5, 2))
    out, h_n, _ = scratch.forward("gru", scratch.weights_from_module(rnn), x, 1, True)
    np.testing.assert_allclose(out[-1, :3], h_n[0], rtol=0, atol=0)
    np.testing.assert_allclose(out[0, 3:], h_n[1], rtol=0, atol=0)


@pytest.mark.parametrize(
    "cell, torch_cell",
    [
        ("rnn_tanh", lambda: nn.RNNCell(3, 4, nonlinearity="tanh")),
        ("rnn_relu", lambda: nn.RNNCell(3, 4, nonlinearity="relu")),
        ("lstm", lambda: nn.LSTMCell(3, 4)),
        ("gru", lambda: nn.GRUCell(3, 4)),
    ],
)
def test_cell_step_matches_torch_cells(cell, torch_cell):
    torch.manual_seed(3)
    mod = torch_cell().double()
    w = {k: v.detach().numpy() for k, v in mod.named_parameters()}
    rng = np.random.default_rng(3)
    x, h0, c0 = rng.normal(size=3), rng.normal(size=4), rng.normal(size=4)

    h, c, gates = scratch.cell_step(
        cell,
        x,
        h0,
        c0 if cell == "lstm" else None,
        w["weight_ih"],
        w["weight_hh"],
        w["bias_ih"],
        w["bias_hh"],
    )
    xt, ht, ct = (torch.tensor(a)[None] for a in (x, h0, c0))
    with torch.no_grad():
        ref = mod(xt, (ht, ct)) if cell == "lstm" else mod(xt, ht)
    if cell == "lstm":
        np.testing.assert_allclose(h, ref[0][0].numpy(), rtol=0, atol=1e-12)
        np.testing.assert_allclose(c, ref[1][0].numpy(), rtol=0, atol=1e-12)
    else:
        np.testing.assert_allclose(h, ref[0].numpy(), rtol=0, atol=1e-12)
        assert c is None
    assert tuple(gates) == gate_names(cell)


def test_lstm_gates_follow_the_cell_equations():
    rng = np.random.default_rng(4)
    w_ih, w_hh = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    b_ih, b_hh = rng.normal(size=8), rng.normal(size=8)
    x, h0, c0 = rng.normal(size=3), rng.normal(size=2), rng.normal(size=2)
    h, c, g = scratch.cell_step("lstm", x, h0, c0, w_ih, w_hh, b_ih, b_hh)
    pre = w_ih @ x + b_ih + w_hh @ h0 + b_hh
    # Rows are [i, f, g, o], two units each.
    np.testing.assert_allclose(g["f"], 1 / (1 + np.exp(-pre[2:4])))
    np.testing.assert_allclose(g["g"], np.tanh(pre[4:6]))
    np.testing.assert_allclose(c, g["f"] * c0 + g["i"] * g["g"])
    np.testing.assert_allclose(h, g["o"] * np.tanh(c))


def test_gru_reset_gate_scales_hidden_bias_too():
    # With zero weights only the biases act: n = tanh(b_in + r * b_hn), r = sigmoid(b_ir + b_hr).
    zeros_ih, zeros_hh = np.zeros((3, 1)), np.zeros((3, 1))
    b_ih, b_hh = np.array([0.0, 0.0, 0.5]), np.array([1.0, 0.0, 2.0])
    h, _, g = scratch.cell_step(
        "gru", np.ones(1), np.zeros(1), None, zeros_ih, zeros_hh, b_ih, b_hh
    )
    r = 1 / (1 + np.exp(-1.0))
    np.testing.assert_allclose(g["r"], [r])
    np.testing.assert_allclose(g["n"], [np.tanh(0.5 + r * 2.0)])
    np.testing.assert_allclose(h, 0.5 * g["n"])  # z = sigmoid(0) = 0.5, h_prev = 0


def test_sigmoid_is_stable_for_large_inputs():
    with np.errstate(over="raise"):
        s = scratch.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(s, [0.0, 0.5, 1.0])


def test_weights_from_module_are_float64_copies():
    rnn = nn.LSTM(2, 3, num_layers=2, bidirectional=True)  # float32 module
    w = scratch.weights_from_module(rnn)
    assert set(w) == {name for name, _ in rnn.named_parameters()}
    assert "weight_hh_l1_reverse" in w
    assert all(a.dtype == np.float64 for a in w.values())
    before = rnn.weight_ih_l0.detach().clone()
    w["weight_ih_l0"][:] = 99.0
    assert torch.equal(rnn.weight_ih_l0.detach(), before)


def test_unknown_cell_raises():
    with pytest.raises(ValueError, match="cell"):
        scratch.forward("elman", {}, np.zeros((2, 1)), 1, False)
    with pytest.raises(ValueError, match="cell"):
        scratch.cell_step(
            "transformer",
            np.zeros(1),
            np.zeros(1),
            None,
            np.zeros((1, 1)),
            np.zeros((1, 1)),
            np.zeros(1),
            np.zeros(1),
        )


# The published SimpleRNN worked example (2 inputs, 3 units, linear activation).
KERNEL = [[1, 0, 2], [2, 1, 3]]
RECURRENT = [[1, 2, 1], [1, 0, 1], [0, 1, 0]]
BIAS = [0, 0, 1]
INPUTS = [[1, 3], [1, 1], [2, 3]]


def test_keras_worked_example():
    # By hand: h1 = [1,3]K + b = [7,3,11] + [0,0,1] = [7,3,12]
    #          h2 = [1,1]K + h1 R + b = [3,1,5] + [10,26,10] + [0,0,1] = [13,27,16]
    #          h3 = [2,3]K + h2 R + b = [8,3,13] + [40,42,40] + [0,0,1] = [48,45,54]
    hs = scratch.simple_rnn_forward(INPUTS, KERNEL, RECURRENT, BIAS, activation="linear")
    np.testing.assert_array_equal(hs, [[7, 3, 12], [13, 27, 16], [48, 45, 54]])


def test_keras_example_with_tanh_squashes_each_step():
    hs = scratch.simple_rnn_forward(INPUTS, KERNEL, RECURRENT, BIAS, activation="tanh")
    np.testing.assert_allclose(hs[0], np.tanh([7, 3, 12]))
    h2 = np.tanh(np.array([3, 1, 5]) + hs[0] @ np.array(RECURRENT) + BIAS)
    np.testing.assert_allclose(hs[1], h2)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_simple_rnn_matches_torch_rnn(activation):
    torch.manual_seed(5)
    rnn = nn.RNN(4, 6, nonlinearity=activation, batch_first=True).double()
    x = np.random.default_rng(5).normal(size=(9, 4))
    w = scratch.weights_from_module(rnn)
    hs = scratch.simple_rnn_forward(
        x,
        w["weight_ih_l0"].T,
        w["weight_hh_l0"].T,
        w["bias_ih_l0"] + w["bias_hh_l0"],
        activation=activation,
    )
    ref, _, _ = _torch_run(rnn, x)
    np.testing.assert_allclose(hs, ref, rtol=0, atol=1e-10)


@pytest.mark.parametrize(
    "x, kernel, recurrent, bias",
    [
        (np.zeros((3, 2)), np.zeros((3, 3)), np.zeros((3, 3)), np.zeros(3)),  # kernel rows
        (np.zeros((3, 2)), np.zeros((2, 3)), np.zeros((3, 2)), np.zeros(3)),  # recurrent
        (np.zeros((3, 2)), np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(2)),  # bias
        (np.zeros(3), np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(3)),  # x not 2-D
        (np.zeros((3, 2)), np.zeros(2), np.zeros((3, 3)), np.zeros(3)),  # kernel not 2-D
    ],
)
def test_simple_rnn_bad_shapes_raise(x, kernel, recurrent, bias):
    with pytest.raises(ValueError, match="must be"):
        scratch.simple_rnn_forward(x, kernel, recurrent, bias)


def test_simple_rnn_unknown_activation_raises():
    with pytest.raises(ValueError, match="activation"):
        scratch.simple_rnn_forward(INPUTS, KERNEL, RECURRENT, BIAS, activation="sigmoid")


def test_param_counts_match_the_frameworks():
    # Keras SimpleRNN(3) on 2 features: kernel 2x3 + recurrent 3x3 + bias 3 = 6 + 9 + 3.
    assert scratch.keras_param_count(2, 3) == 6 + 9 + 3
    assert scratch.torch_param_count(2, 3) == sum(p.numel() for p in nn.RNN(2, 3).parameters())
    for input_size, hidden_size in [(1, 1), (5, 7), (16, 64)]:
        rnn = nn.RNN(input_size, hidden_size)
        assert scratch.torch_param_count(input_size, hidden_size) == sum(
            p.numel() for p in rnn.parameters()
        )
        # torch keeps two bias vectors where Keras keeps one.
        assert (
            scratch.torch_param_count(input_size, hidden_size)
            - scratch.keras_param_count(input_size, hidden_size)
            == hidden_size
        )
