"""The one cell module: its gate table, its weight accessor and its step, in torch and NumPy."""

import numpy as np
import pytest
import torch

from rnnviz.model import cell as cells
from rnnviz.model.network import ModelConfig, build_model

MODULES = {
    "rnn_tanh": torch.nn.RNN,
    "rnn_relu": torch.nn.RNN,
    "lstm": torch.nn.LSTM,
    "gru": torch.nn.GRU,
}


def test_the_table_follows_torch_gate_order():
    assert cells.GATES["lstm"] == ("i", "f", "g", "o") and cells.GATES["gru"] == ("r", "z", "n")
    assert cells.gates("rnn_relu") == () and cells.gates("gru") == ("r", "z", "n")
    assert cells.weight_names(1, 1) == (
        "weight_ih_l1_reverse",
        "weight_hh_l1_reverse",
        "bias_ih_l1_reverse",
        "bias_hh_l1_reverse",
    )
    assert set(cells.GATES) == set(cells.CELLS)


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn_relu"])
def test_the_weight_accessor_reads_one_gate_block(cell):
    model = build_model(
        ModelConfig(cell=cell, input_size=3, hidden_size=5, num_layers=2, bidirectional=True),
        seed=0,
    )
    assert cells.cell_of(model.rnn) == cell
    w_ih, w_hh, b_ih, b_hh = cells.weights(model.rnn, 1, 1)
    assert w_ih is model.rnn.weight_ih_l1_reverse and b_hh is model.rnn.bias_hh_l1_reverse
    gate = cells.GATES[cell][-1]
    k = len(cells.GATES[cell]) - 1
    block = cells.weights(model.rnn, 1, 1, gate)
    for whole, part in zip((w_ih, w_hh, b_ih, b_hh), block, strict=True):
        torch.testing.assert_close(part, whole[k * 5 : (k + 1) * 5])


def test_a_module_without_bias_reads_zero_biases():
    rnn = torch.nn.GRU(2, 4, bias=False)
    _, _, b_ih, b_hh = cells.weights(rnn, 0, 0)
    assert b_ih.shape == (12,) and not b_ih.any() and not b_hh.any()


@pytest.mark.parametrize("cell", list(MODULES))
def test_one_step_in_torch_and_in_numpy_is_torchs_own_cell(cell):
    kwargs = {"nonlinearity": "relu"} if cell == "rnn_relu" else {}
    rnn = MODULES[cell](3, 4, batch_first=True, dtype=torch.float64, **kwargs)
    x, h0 = torch.randn(2, 1, 3, dtype=torch.float64), torch.randn(1, 2, 4, dtype=torch.float64)
    c0 = torch.randn(1, 2, 4, dtype=torch.float64)
    with torch.no_grad():
        out, _ = rnn(x, (h0, c0) if cell == "lstm" else h0)
        w_ih, w_hh, b_ih, b_hh = cells.weights(rnn, 0, 0)
        x_proj, h_proj = x[:, 0] @ w_ih.T + b_ih, h0[0] @ w_hh.T + b_hh
        step = cells.step(cell, x_proj, h_proj, h0[0], c0[0])
    torch.testing.assert_close(step.h, out[:, 0])
    assert list(step.value) == list(step.pre) == list(cells.GATES[cell])
    again = cells.step(cell, x_proj.numpy(), h_proj.numpy(), h0[0].numpy(), c0[0].numpy())
    assert isinstance(again.h, np.ndarray)
    np.testing.assert_allclose(again.h, out[:, 0].numpy(), atol=1e-12)
    for g in cells.GATES[cell]:
        np.testing.assert_allclose(again.value[g], step.value[g].numpy(), atol=1e-12)
