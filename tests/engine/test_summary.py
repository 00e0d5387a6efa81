"""Parameter and shape tables must agree with what torch builds and returns."""

from __future__ import annotations

import math
import re

import pytest
import torch
from torch import nn

from rnnviz.model import summary
from rnnviz.model.network import ModelConfig, build_model

CELLS = ("rnn_tanh", "rnn_relu", "lstm", "gru")
GROUPS = {"rnn_tanh": 1, "rnn_relu": 1, "lstm": 4, "gru": 3}


def _configs():
    for cell in CELLS:
        for num_layers in (1, 2, 3):
            for bidirectional in (False, True):
                yield ModelConfig(
                    cell=cell,
                    input_size=3,
                    hidden_size=5,
                    num_layers=num_layers,
                    bidirectional=bidirectional,
                    output_size=2,
                )
        yield ModelConfig(
            cell=cell,
            input_size=4,
            hidden_size=6,
            num_layers=2,
            bidirectional=True,
            mode="char_lm",
            vocab_size=11,
        )
        yield ModelConfig(
            cell=cell, input_size=2, hidden_size=3, num_layers=1, mode="many_to_many", output_size=3
        )


CONFIGS = list(_configs())


def _id(cfg):
    return f"{cfg.cell}-L{cfg.num_layers}-{'bi' if cfg.bidirectional else 'uni'}-{cfg.mode}"


@pytest.mark.parametrize("cfg", CONFIGS, ids=_id)
def test_counts_equal_torch(cfg):
    model = build_model(cfg)
    table = summary.parameter_table(cfg)
    by_module = table.groupby("module")["parameters"].sum()
    assert by_module["rnn"] == sum(p.numel() for p in model.rnn.parameters())
    assert by_module["head"] == sum(p.numel() for p in model.head.parameters())
    if cfg.mode == "char_lm":
        assert by_module["embed"] == model.embed.weight.numel()
    else:
        assert "embed" not in by_module
    assert table["parameters"].sum() == sum(p.numel() for p in model.parameters())
    assert summary.recurrent_parameter_count(cfg) == by_module["rnn"]


@pytest.mark.parametrize("cfg", CONFIGS, ids=_id)
def test_every_named_tensor_is_covered_by_its_gate_blocks(cfg):
    model = build_model(cfg)
    table = summary.parameter_table(cfg)
    names = (table["module"] + "." + table["tensor"]).tolist()
    params = dict(model.named_parameters())
    assert set(names) == set(params)
    for name, param in params.items():
        blocks = table[[n == name for n in names]]
        # The row slices tile the tensor's first axis in order, with no gap or overlap.
        spans = [tuple(map(int, r.split(":"))) for r in blocks["rows"]]
        assert spans[0][0] == 0 and spans[-1][1] == param.shape[0]
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
        # Every block has the tensor's trailing shape and the slice's row count.
        for (lo, hi), shape in zip(spans, blocks["shape"], strict=True):
            assert shape == " × ".join(map(str, (hi - lo, *param.shape[1:])))
        assert blocks["parameters"].sum() == param.numel()


@pytest.mark.parametrize("cfg", [c for c in CONFIGS if c.bidirectional], ids=_id)
def test_recurrent_rows_name_gates_and_directions(cfg):
    table = summary.parameter_table(cfg)
    rnn = table[table["module"] == "rnn"]
    assert len(rnn) == cfg.num_layers * 2 * 4 * GROUPS[cfg.cell]
    back = rnn[rnn["direction"] == "backward"]
    assert back["tensor"].str.endswith("_reverse").all()
    assert not rnn[rnn["direction"] == "forward"]["tensor"].str.contains("reverse").any()
    assert tuple(rnn["gate"].iloc[: GROUPS[cfg.cell]]) == summary.GATES[cfg.cell]
    assert set(rnn["layer"]) == set(range(cfg.num_layers))


def test_lstm_gate_blocks_by_hand():
    # Upper layer of a bidirectional LSTM, H = 64: W_ih is [256, 128] and its forget-gate
    # block is rows 64:128, each 64 × 128 = 8192 parameters.
    cfg = ModelConfig(cell="lstm", input_size=2, hidden_size=64, num_layers=2, bidirectional=True)
    table = summary.parameter_table(cfg)
    row = table[(table["tensor"] == "weight_ih_l1_reverse") & (table["gate"] == "f")].iloc[0]
    assert row["rows"] == "64:128"
    assert row["shape"] == "64 × 128"
    assert row["parameters"] == 8192
    assert row["gate_name"] == "forget gate"
    assert row["direction"] == "backward"


def test_gate_labels():
    assert [summary.gate_label(g) for g in summary.GATES["gru"]] == [
        "reset gate",
        "update gate",
        "candidate",
    ]
    assert summary.gate_label(summary.GATES["rnn_tanh"][0]) == "hidden"


def _terms(latex: str) -> list[int]:
    """Each layer group's count in the equation: D · G · H (I + H + 2), worked out."""
    found = re.findall(r"((?:\d+ \\cdot )*\d+)\\,\((\d+) \+ (\d+) \+ 2\)", latex)
    assert found, latex
    return [
        math.prod(int(f) for f in factors.split(" \\cdot ")) * (int(i) + int(h) + 2)
        for factors, i, h in found
    ]


def test_torch_and_keras_simple_rnn_counts():
    # nn.RNN(2, 3): W_ih 3x2 + W_hh 3x3 + b_ih 3 + b_hh 3 = 6 + 9 + 3 + 3.
    assert sum(p.numel() for p in nn.RNN(2, 3).parameters()) == 21
    cfg = ModelConfig(cell="rnn_tanh", input_size=2, hidden_size=3)
    assert summary.recurrent_parameter_count(cfg) == 21
    assert summary.count_formula_latex(cfg).endswith("= 3\\,(2 + 3 + 2) = 21")


def test_count_formula_lstm_example():
    # 4 gate blocks × 32 units × (1 input + 32 recurrent + 2 biases) = 4 · 32 · 35.
    cfg = ModelConfig(cell="lstm", input_size=1, hidden_size=32)
    assert summary.count_formula_latex(cfg).endswith("= 4 \\cdot 32\\,(1 + 32 + 2) = 4480")


@pytest.mark.parametrize("cfg", CONFIGS, ids=_id)
def test_count_formula_totals_match_torch(cfg):
    total = sum(p.numel() for p in build_model(cfg).rnn.parameters())
    latex = summary.count_formula_latex(cfg)
    assert sum(_terms(latex)) == total  # each layer group's term, worked out, adds up
    latex = summary.count_formula_latex(cfg)
    assert latex.endswith(f"= {total}")
    assert latex.count("{") == latex.count("}")
    assert "·" not in latex and "×" not in latex  # LaTeX needs \cdot, not unicode


@pytest.mark.parametrize("cfg", CONFIGS, ids=_id)
def test_shape_table_matches_real_tensors(cfg):
    batch_size, seq_len = 4, 7
    model = build_model(cfg, seed=0).eval()
    if cfg.mode == "char_lm":
        tokens = torch.randint(0, cfg.vocab_size, (batch_size, seq_len))
        x = model.features(tokens)
    else:
        tokens = x = torch.randn(batch_size, seq_len, cfg.input_size)
    with torch.no_grad():
        out, state = model.rnn(x)
        head = model(tokens)
    real = {"input": x, "output": out, "head output": head}
    if cfg.mode == "char_lm":
        real["tokens"] = tokens
    if cfg.cell == "lstm":
        real["h_n"], real["c_n"] = state
    else:
        real["h_n"] = state

    rows = summary.shape_table(cfg, batch_size, seq_len)
    assert {name for name, _, _ in rows} == set(real)
    for name, shape, explanation in rows:
        assert shape == tuple(real[name].shape), name
        assert explanation.strip()
