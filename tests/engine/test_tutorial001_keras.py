"""The numbers tutorials 001 and 004 print: the snippet modules' parameter counts, the h_n the
seeded snippet prints, and Keras' model.summary() of SimpleRNN + Dense."""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace

import pytest
import torch
from torch import nn

from rnnviz.model import shapes
from rnnviz.model.network import ModelConfig
from rnnviz.session.lessons import LESSONS

TUTORIAL = ModelConfig(cell="rnn_tanh", input_size=1, hidden_size=6, num_layers=2)


def _torch_module(cell: str, f: int, cfg: ModelConfig) -> nn.Module:
    kw = {"num_layers": cfg.num_layers, "bidirectional": cfg.bidirectional}
    if cell == "lstm":
        return nn.LSTM(f, cfg.hidden_size, **kw)
    if cell == "gru":
        return nn.GRU(f, cfg.hidden_size, **kw)
    return nn.RNN(f, cfg.hidden_size, nonlinearity=cell.removeprefix("rnn_"), **kw)


def test_the_tutorials_counts_are_the_snippets_modules_not_the_app_model():
    # the model's own input size (1 here) and head must not enter: the snippet reads F = 5
    counts = {cell: n for cell, _, n in shapes.parameter_counts(TUTORIAL, input_size=5)}
    assert counts == {"rnn_tanh": 162, "gru": 486, "lstm": 648}
    blocks = {cell: g for cell, g, _ in shapes.parameter_counts(TUTORIAL, input_size=5)}
    assert blocks == {"rnn_tanh": 1, "gru": 3, "lstm": 4}


@pytest.mark.parametrize("cell", ["rnn_tanh", "rnn_relu", "lstm", "gru"])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2, 3])
def test_counts_match_torch_for_every_cell(cell, bidirectional, num_layers):
    cfg = ModelConfig(
        cell=cell, hidden_size=6, num_layers=num_layers, bidirectional=bidirectional, head="linear"
    )
    rows = shapes.parameter_counts(cfg, input_size=5)
    assert cell in [shown for shown, _, _ in rows]  # the snippet's own module is one of them
    for shown, _, count in rows:
        real = _torch_module(shown, 5, cfg)
        assert count == sum(p.numel() for p in real.parameters()), (shown, cfg)


def _run_snippet(code: str) -> dict:
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, ns)  # noqa: S102
    return ns


@pytest.mark.parametrize("init", ["randn", "zeros"])
@pytest.mark.parametrize(
    "cfg, batch_first",
    [
        (replace(TUTORIAL, input_size=5), False),
        (ModelConfig(cell="lstm", input_size=5, hidden_size=6, num_layers=2), True),
        (ModelConfig(cell="gru", input_size=3, hidden_size=4, bidirectional=True), False),
        (ModelConfig(cell="rnn_relu", input_size=2, hidden_size=3), True),
    ],
)
def test_shown_h_n_is_what_the_seeded_snippet_computes(cfg, batch_first, init):
    code = shapes.snippet(cfg, 3, 4 if batch_first else 1, batch_first, init=init, seed=7)
    ns = _run_snippet(code)
    run = shapes.snippet_values(cfg, 3, 4 if batch_first else 1, batch_first, init=init, seed=7)
    assert run is not None
    # the same numbers (a gradient-tracking LSTM call may differ in the last bit)
    torch.testing.assert_close(torch.as_tensor(run.h_n), ns["h_n"].detach(), rtol=0, atol=1e-6)
    torch.testing.assert_close(
        torch.as_tensor(run.output), ns["output"].detach(), rtol=0, atol=1e-6
    )
    assert code.index("torch.manual_seed(7)") < code.index("rnn = ")  # weights seeded too
    assert code.rstrip().endswith("print(h_n)")  # the tutorial prints the values


def test_the_tutorials_h_n_with_the_lessons_seed():
    torch.manual_seed(0)  # the tutorial's own lines, in its order
    rnn = nn.RNN(5, 6, 2)
    x = torch.randn(1, 3, 5)
    h0 = torch.randn(2, 3, 6)
    output, h_n = rnn(x, h0)
    run = shapes.snippet_values(replace(TUTORIAL, input_size=5), 3, 1, False, init="randn")
    assert run is not None and run.h_n.shape == (2, 3, 6) and run.output.shape == (1, 3, 6)
    assert torch.equal(torch.as_tensor(run.h_n), h_n.detach())
    assert torch.equal(torch.as_tensor(run.output[-1]), h_n[-1].detach())  # top layer, last t


def test_values_are_not_computed_for_huge_sizes():
    big = ModelConfig(cell="lstm", input_size=2000, hidden_size=512, num_layers=4)
    assert shapes.snippet_values(big, 1024, 1000, False) is None


def test_the_shapes_lesson_has_no_head():
    lesson = LESSONS["shapes"]
    assert lesson.model.head == "none"
    assert lesson.shapes["steps"] == 1 and lesson.shapes["features"] == 5


# ---------------------------------------------------------------- Keras model.summary()
def _keras(units: int, **kw) -> ModelConfig:
    return ModelConfig(cell="rnn_tanh", input_size=2, hidden_size=units, **kw)


def test_keras_summary_of_the_tutorials_two_models():
    rows3 = shapes.keras_layers(_keras(3), seq_len=3)
    assert [(r.name, r.kind, r.shape, r.params) for r in rows3] == [
        ("simple_rnn", "SimpleRNN", (None, 3), 18),
        ("dense", "Dense", (None, 1), 4),
    ]
    rows4 = shapes.keras_layers(_keras(4), seq_len=3)
    assert [(r.shape, r.params) for r in rows4] == [((None, 4), 28), ((None, 1), 5)]
    text = shapes.keras_printout(rows4)
    for part in ("Layer (type)", "Output Shape", "Param #", "simple_rnn (SimpleRNN)"):
        assert part in text
    assert "(None, 4)" in text and "Total params: 33" in text and "Trainable params: 33" in text


@pytest.mark.parametrize("cell, per_unit", [("rnn_tanh", 1), ("lstm", 4), ("gru", 3)])
def test_keras_counts_follow_keras_formulas(cell, per_unit):
    cfg = ModelConfig(cell=cell, input_size=2, hidden_size=4, num_layers=2, mode="many_to_many")
    rows = shapes.keras_layers(cfg, seq_len=3)
    extra = 2 if cell == "gru" else 1  # Keras' GRU (reset_after) keeps two biases
    assert rows[0].params == per_unit * 4 * (2 + 4 + extra)
    assert rows[1].params == per_unit * 4 * (4 + 4 + extra)
    assert rows[0].shape == rows[1].shape == (None, 3, 4)  # return_sequences=True
    assert (rows[2].shape, rows[2].params) == ((None, 3, 1), 5)
    assert rows[1].name.endswith("_1")


def test_keras_summary_bidirectional_and_no_head():
    rows = shapes.keras_layers(_keras(3, bidirectional=True, head="none"), seq_len=3)
    assert [(r.kind, r.shape, r.params) for r in rows] == [("Bidirectional", (None, 6), 36)]
    text = ModelConfig(cell="gru", mode="char_lm", vocab_size=5)
    assert shapes.keras_layers(text, seq_len=3) is None  # not a Keras sequential here
