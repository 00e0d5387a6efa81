"""The five tutorials' worked examples, each run through the engine with its lesson's own
settings (rnnviz/session/lessons.py), asserting the numbers the tutorial (and the lesson's banner)
tells the learner to look for."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import torch
from torch import nn

from rnnviz.analysis import diagnose
from rnnviz.analysis.predict import evaluate
from rnnviz.data import typed
from rnnviz.model import shapes, summary
from rnnviz.model.network import build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.lessons import LESSONS, WORKED_EXAMPLES, prep_config
from rnnviz.session.workspace import default_series_config, default_text_config, prepare
from rnnviz.session.workspace import load_sample as load_dataset
from rnnviz.train.job import TrainJob


def _data(lesson, **prep):
    """The lesson's data as its button prepares them, with `prep` changed on top."""
    if lesson.typed:
        rows = typed.TYPED_SAMPLES[lesson.typed].rows
        x, _ = typed.parse_rows(rows)
        cfg = replace(prep_config(lesson, typed.default_config(x)), **prep)
        return typed.prepare_typed(rows, cfg)
    ds = load_dataset(lesson.sample)
    base = default_text_config(ds) if ds.kind == "text" else default_series_config(ds)
    return prepare(ds, replace(prep_config(lesson, base), **prep))


def _trained(key: str, seed: int = 0, prep: dict | None = None, **train):
    lesson = LESSONS[key]
    data = _data(lesson, **(prep or {}))
    model = build_model(model_config_for(data, lesson.model), seed=seed)
    job = TrainJob(model, data.windows, replace(lesson.train, device="cpu", seed=seed, **train))
    status = job.run()
    assert status.state == "done", status.message
    return data, job, status


def test_each_tutorial_has_a_lesson_and_each_such_lesson_is_run_here():
    assert {LESSONS[k].tutorial for k in WORKED_EXAMPLES} == {"000", "001", "002", "003", "004"}
    assert all(LESSONS[k].tutorial for k in WORKED_EXAMPLES)
    # Each is run by a test below, or (the Lab's hand check, the 93 days) in its own module.
    here = {"five_days", "shapes", "char_gru", "stock_gru", "bitcoin", "keras_train"}
    assert set(WORKED_EXAMPLES) == here | {"keras", "bitcoin_93"}


def test_1_at_seed_0_the_tutorials_own_numbers():
    """The tutorial's printed loss at step 100 and its answer for 36..40."""
    data, job, status = _trained("five_days", 0)
    assert abs(status.train_loss[-1] - 706.198) < 5e-4
    assert round(float(typed.answer(job.model, data, "36,37,38,39,40").values[0]), 2) == 10.93


# 1. Five days -> tomorrow: raw 30-40 °C into tanh, then min-max scaled.
@pytest.mark.parametrize("seed", [0, 3])
def test_1_unscaled_temperatures_learn_nothing_useful(seed):
    data, job, status = _trained("five_days", seed)
    assert data.cfg.scaling == "none" and status.step == 100  # 3 rows, batch 3, 100 epochs
    assert status.train_loss[-1] > 100  # the tutorial's measured 700-740
    assert typed.answer(job.model, data, "36,37,38,39,40").values[0] < 20  # about 11


@pytest.mark.parametrize("seed", [0, 3])
def test_1_minmax_scaled_predicts_about_41(seed):
    data, job, _ = _trained("five_days", seed, prep={"scaling": "minmax"})
    assert abs(typed.answer(job.model, data, "36,37,38,39,40").values[0] - 41) < 1


# 2. nn.RNN(5, 6, 2), input (1, 3, 5) sequence-first, h0 (2, 3, 6).
@pytest.mark.parametrize("cell", ["rnn_tanh", "lstm"])
def test_2_the_shapes_are_the_tutorials_and_torchs(cell):
    lesson = LESSONS["shapes"]
    cfg = replace(lesson.model, cell=cell, input_size=lesson.shapes["features"])
    s = lesson.shapes
    rows = {
        name: shape
        for name, shape, _ in shapes.shape_rows(
            cfg, s["batch"], s["steps"], s["batch_first"], s["features"]
        )
    }
    assert rows["input"] == (1, 3, 5) and rows["output"] == (1, 3, 6)
    assert rows["h_0"] == rows["h_n"] == (2, 3, 6)
    module = (nn.LSTM if cell == "lstm" else nn.RNN)(5, 6, 2)
    h0 = torch.randn(2, 3, 6)
    out, h_n = module(torch.randn(1, 3, 5), (h0, torch.zeros(2, 3, 6)) if cell == "lstm" else h0)
    h_n = h_n[0] if cell == "lstm" else h_n
    assert (tuple(out.shape), tuple(h_n.shape)) == (rows["output"], rows["h_n"])
    if cell == "lstm":
        assert rows["c_0"] == rows["c_n"] == (2, 3, 6)


# 3. The char model: embedding -> GRU -> logits; it starts at a uniform guess, ln V.
def test_3_the_char_model_starts_at_ln_of_its_vocabulary():
    data, job, status = _trained("char_gru", max_steps=1)
    vocab = len(data.vocab)
    assert job.model.cfg.mode == "char_lm" and job.model.cfg.vocab_size == vocab
    assert abs(status.train_loss[0] - math.log(vocab)) < 0.3


# 3b. The stock case: the min-max-scaled close into a GRU; the test part lies past the
# training range, so the naive last value wins, by the numbers its banner gives.
def test_3_the_stock_gru_loses_to_the_last_value_by_its_banners_numbers():
    data, job, _ = _trained("stock_gru")
    assert data.input_size == 1 and job.model.cfg.cell == "gru" and data.cfg.scaling == "minmax"
    metrics = evaluate(job.model, data, season=7, split="test").metrics
    assert round(metrics["last_value"]["RMSE"]) == 1057
    assert metrics["model"]["RMSE"] > 2 * metrics["last_value"]["RMSE"]
    assert f"{diagnose.outside_share(data):.0%}" == "83%"
    assert diagnose.frozen_reach("adam", job.cfg.lr, job.status().step) is None


def test_4_a_rate_of_1e_12_is_too_small_to_move_the_weights():
    """What Predict says of the Bitcoin lesson's run: Adam's reach, lr × steps, stays under
    a ten-thousandth; at 0.01, or with SGD (its reach is the gradient's), no such claim."""
    assert diagnose.frozen_reach("adam", 1e-12, 2650) == pytest.approx(2.65e-9)
    assert diagnose.frozen_reach("adam", 0.01, 2650) is None
    assert diagnose.frozen_reach("sgd", 1e-12, 2650) is None


# 4. Bitcoin: nn.RNN(3, 3, 2) as the output, lr 1e-12: the tutorial's parameters, no learning.
def test_4_bitcoin_has_the_tutorials_parameters_and_does_not_learn():
    data, job, status = _trained("bitcoin", max_steps=60)
    torch_count = sum(p.numel() for p in nn.RNN(3, 3, 2).parameters())
    assert sum(p.numel() for p in job.model.parameters()) == torch_count == 48
    assert summary.parameter_table(job.model.cfg)["parameters"].sum() == torch_count
    assert sum(n for _, _, n in summary.parameter_parts(job.model.cfg)) == torch_count
    assert data.input_size == 3 and len(data.cfg.outputs) == 3
    # At lr 1e-12 a step moves a weight by about 1e-12: the same batches give the same
    # losses as an untrained model's (lr 0), while lr 0.01 moves them.
    frozen = _trained("bitcoin", max_steps=60, lr=0.0)[2].train_loss
    moved = _trained("bitcoin", max_steps=60, lr=0.01)[2].train_loss
    assert max(abs(a - b) / b for a, b in zip(status.train_loss, frozen, strict=True)) < 1e-6
    assert max(abs(a - b) / b for a, b in zip(moved, frozen, strict=True)) > 1e-3


# 5. Keras SimpleRNN(4) + Dense(1): 2,000 epochs -> about 10, 20, 30.
def test_5_keras_rows_predict_10_20_30():
    data, job, status = _trained("keras_train")
    assert status.step == 2000 and data.input_size == 2 and data.cfg.window == 3
    for sequence, target in typed.TYPED_SAMPLES["keras"].rows:
        assert abs(typed.answer(job.model, data, sequence).values[0] - float(target)) < 0.5
