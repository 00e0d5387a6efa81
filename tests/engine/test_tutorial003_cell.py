"""Tutorial 003's RNN cell from scratch (U, W, V and a sigmoid output) against the same
computation in torch, on the tutorial's shapes: input (5, 3, 2) -> output (5, 3, 4)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnviz.experiments import tutorial003
from rnnviz.i18n import t, use


def _torch_cell(x, U, W, V, b_h, b_y):
    """nn.RNN with the tutorial's U and W (its tanh step), then V and a sigmoid."""
    rnn = torch.nn.RNN(U.shape[1], U.shape[0], bias=True, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(U))
        rnn.weight_hh_l0.copy_(torch.from_numpy(W))
        rnn.bias_ih_l0.copy_(torch.from_numpy(b_h))
        rnn.bias_hh_l0.zero_()
        h, _ = rnn(torch.from_numpy(x))  # (T, B, H): batch_first=False, the default
        return torch.sigmoid(h @ torch.from_numpy(V).T + torch.from_numpy(b_y)).numpy()


def test_the_tutorials_shapes():
    x = np.random.default_rng(0).standard_normal(tutorial003.INPUT_SHAPE)
    params = tutorial003.init_params(seed=0)
    out, hidden = tutorial003.forward(x, **params)
    assert x.shape == (5, 3, 2) and out.shape == (5, 3, 4)
    assert params["U"].shape == (tutorial003.HIDDEN, 2)  # input -> hidden
    assert params["W"].shape == (tutorial003.HIDDEN, tutorial003.HIDDEN)  # hidden -> hidden
    assert params["V"].shape == (4, tutorial003.HIDDEN)  # hidden -> output
    assert hidden.shape == (5, 3, tutorial003.HIDDEN)
    assert ((out > 0) & (out < 1)).all()  # a sigmoid output


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_it_matches_torch(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((5, 3, 2))
    params = tutorial003.init_params(seed=seed)
    out, _ = tutorial003.forward(x, **params)
    np.testing.assert_allclose(out, _torch_cell(x, **params), atol=1e-12)


def test_the_state_carries_from_step_to_step():
    params = tutorial003.init_params(seed=0)
    x = np.zeros((5, 3, 2))
    x[0] = 1.0  # only the first step sees an input
    out, _ = tutorial003.forward(x, **params)
    still, _ = tutorial003.forward(np.zeros((5, 3, 2)), **params)
    assert not np.allclose(out[4], still[4])  # step 5 still remembers step 1


def test_bad_shapes_are_refused():
    params = tutorial003.init_params(seed=0)
    with pytest.raises(ValueError):
        tutorial003.forward(np.zeros((5, 3, 3)), **params)  # 3 features, U reads 2
    with pytest.raises(ValueError):
        tutorial003.forward(np.zeros((5, 2)), **params)


def test_the_note_says_the_default_is_false_in_both_languages():
    try:
        for lang in ("en", "zh"):
            use(lang)
            note = tutorial003.batch_first_note()
            assert note == t("tutorial003.batch_first_note")
            assert "batch_first=False" in note and "'tanh'" in note and "'relu'" in note
            assert "sigmoid" in note
            caption = tutorial003.scratch_caption()
            assert "(5, 3, 2)" in caption and "(5, 3, 4)" in caption
    finally:
        use("en")
    torch_default = torch.nn.RNN(2, 4).batch_first
    assert torch_default is False
    with pytest.raises(ValueError):
        torch.nn.RNN(2, 4, nonlinearity="sigmoid")
