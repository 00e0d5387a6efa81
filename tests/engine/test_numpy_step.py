"""Tutorial 000's vanilla RNN step in NumPy: hidden size 4, input size 3, 5 time steps,
h_t = tanh(W_hx x_t + W_hh h_{t-1} + b_h), held to torch's nn.RNN(3, 4) with the same weights."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz.model import scratch


def _torch_h(ex: scratch.NumpyStep) -> np.ndarray:
    """Every h_t from torch's own nn.RNN(3, 4), its parameters set to the example's."""
    rnn = nn.RNN(3, 4, batch_first=True).double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(ex.w_hx))
        rnn.weight_hh_l0.copy_(torch.from_numpy(ex.w_hh))
        rnn.bias_ih_l0.copy_(torch.from_numpy(ex.b_h))
        rnn.bias_hh_l0.zero_()  # the tutorial has one bias, b_h
        out, h_n = rnn(torch.from_numpy(ex.x)[None])  # (1, 5, 3) -> (1, 5, 4)
    assert np.array_equal(out[0, -1].numpy(), h_n[0, 0].numpy())
    return out[0].numpy()


def test_the_tutorials_shapes():
    ex = scratch.numpy_step_example()
    assert ex.x.shape == (5, 3) and ex.w_hx.shape == (4, 3) and ex.w_hh.shape == (4, 4)
    assert ex.b_h.shape == (4,) and ex.h.shape == (5, 4)
    assert ex.x.dtype == ex.h.dtype == np.float64


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_every_step_is_the_tutorials_equation(seed):
    ex = scratch.numpy_step_example(seed)
    h = np.zeros(4)  # h_0
    for t in range(5):
        h = np.tanh(ex.w_hx @ ex.x[t] + ex.w_hh @ h + ex.b_h)
        np.testing.assert_array_equal(ex.h[t], h)


@pytest.mark.parametrize("seed", [0, 7])
def test_torch_nn_rnn_with_those_weights_gives_the_same_numbers(seed):
    ex = scratch.numpy_step_example(seed)
    np.testing.assert_allclose(ex.h, _torch_h(ex), rtol=0, atol=1e-12)
    assert scratch.numpy_step_torch_diff(ex) < 1e-12


def test_a_bias_reaches_torch_as_its_input_bias():
    # The tutorial's b_h starts at zeros: a non-zero one checks where it goes in torch.
    ex = scratch.numpy_step_example(3)
    b_h = np.array([0.5, -1.0, 0.25, 2.0])
    h = scratch.vanilla_rnn(ex.x, ex.w_hx, ex.w_hh, b_h)
    biased = scratch.NumpyStep(ex.seed, ex.x, ex.w_hx, ex.w_hh, b_h, h)
    np.testing.assert_allclose(h, _torch_h(biased), rtol=0, atol=1e-12)
    assert not np.allclose(h, ex.h)


@pytest.mark.parametrize("seed", [0, 5])
def test_the_code_shown_prints_the_same_numbers(seed):
    """The NumPy code beside the numbers, run as a student would paste it, computes them."""
    ex = scratch.numpy_step_example(seed)
    code = scratch.numpy_step_code(seed)
    assert "np.tanh(W_hx @ x[t] + W_hh @ h + b_h)" in code
    assert f"np.random.seed({seed})" in code
    state = np.random.get_state()  # the code seeds NumPy's global generator
    try:
        scope: dict = {}
        exec(compile(code.replace("print(", "(lambda *a: None)("), "<tutorial 000>", "exec"), scope)
    finally:
        np.random.set_state(state)
    np.testing.assert_array_equal(scope["W_hx"], ex.w_hx)
    np.testing.assert_array_equal(scope["W_hh"], ex.w_hh)
    np.testing.assert_array_equal(scope["x"], ex.x)
    np.testing.assert_array_equal(np.stack(scope["hs"]), ex.h)


def test_the_torch_check_leaves_torchs_global_generator_alone():
    before = torch.random.get_rng_state()
    scratch.numpy_step_torch_diff(scratch.numpy_step_example(0))
    assert torch.equal(torch.random.get_rng_state(), before)
