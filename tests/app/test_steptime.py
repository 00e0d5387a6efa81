"""rnnviz.train.steptime: a few real steps of the actual model, timed, cached and bounded."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
import torch

from apphelpers import load_sample, page, texts
from rnnviz.data.text import TextConfig, prepare_text
from rnnviz.data.windows import WindowSet
from rnnviz.model.network import ModelConfig
from rnnviz.train import steptime
from rnnviz.train.job import TrainConfig
from rnnviz.ui import state

CPU = TrainConfig(device="cpu", batch_size=32)


@pytest.fixture(autouse=True)
def fresh_cache():
    steptime.clear()
    yield
    steptime.clear()


def sine(n: int = 400) -> WindowSet:
    series = np.sin(np.arange(n, dtype=np.float32) / 8)
    return WindowSet(series[:, None], series, 20, boundaries=(300, 350))


def text(chars: int, vocab: int, seed: int = 0):
    """A text of `chars` characters drawn from `vocab` CJK characters (all of them used)."""
    rng = np.random.default_rng(seed)
    codes = np.concatenate([np.arange(vocab), rng.integers(0, vocab, chars - vocab)])
    return prepare_text("".join(map(chr, 0x4E00 + codes)), TextConfig(seq_len=32))


def lm(data, hidden: int) -> ModelConfig:
    return ModelConfig(
        cell="gru", hidden_size=hidden, mode="char_lm", input_size=32, vocab_size=len(data.vocab)
    )


def test_a_measured_step_takes_a_positive_finite_time():
    seconds = steptime.measure(ModelConfig(hidden_size=8), sine(), CPU)
    assert seconds is not None and math.isfinite(seconds) and 0 < seconds < 1


def test_a_big_vocabulary_and_hidden_size_measure_slower():
    small, big = text(4000, 20), text(8000, 4000)
    assert len(small.vocab) == 20 and len(big.vocab) == 4000
    fast = steptime.measure(lm(small, 8), small, CPU)
    slow = steptime.measure(lm(big, 256), big, CPU)
    assert slow >= 2 * fast, (fast, slow)


def test_a_second_call_reads_the_cache(monkeypatch):
    calls = []
    timer = steptime._time
    monkeypatch.setattr(steptime, "_time", lambda *a: calls.append(1) or timer(*a))
    cfg, windows = ModelConfig(hidden_size=8), sine()
    first = steptime.measure(cfg, windows, CPU)
    assert steptime.measure(cfg, sine(), CPU) == first  # other arrays, the same shapes
    assert steptime.cached(cfg, windows, CPU) == first
    assert len(calls) == 1
    steptime.measure(cfg, windows, TrainConfig(device="cpu", batch_size=16))
    assert len(calls) == 2  # another batch size is another step


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(steptime, "CACHE_SIZE", 2)
    monkeypatch.setattr(steptime, "_time", lambda *a: 0.01)
    for hidden in (4, 5, 6):
        steptime.measure(ModelConfig(hidden_size=hidden), sine(), CPU)
    assert steptime.cached(ModelConfig(hidden_size=4), sine(), CPU) is None
    assert steptime.cached(ModelConfig(hidden_size=6), sine(), CPU) == 0.01


def test_a_slow_step_is_timed_within_the_budget(monkeypatch):
    monkeypatch.setattr(steptime, "BUDGET_S", 0.3)
    big = text(20_000, 4000)
    t0 = time.perf_counter()
    # 50 steps asked for: far past the budget at these steps' size.
    seconds = steptime.measure(
        lm(big, 512), big, TrainConfig(device="cpu", batch_size=64), steps=50
    )
    took = time.perf_counter() - t0
    assert seconds > 0.05, seconds  # 50 of them would take 2.5 s at least
    # The budget, plus the step that crossed it, and the validation share.
    assert took < 0.3 + 3 * seconds + 0.3, (took, seconds)


def test_a_page_that_cannot_wait_gets_none_and_the_result_later(monkeypatch):
    monkeypatch.setattr(steptime, "_time", lambda *a: time.sleep(0.3) or 0.02)
    cfg = ModelConfig(hidden_size=8)
    assert steptime.measure(cfg, sine(), CPU, wait=0.01) is None
    assert steptime.measure(cfg, sine(), CPU) == 0.02  # joins the measurement under way


def test_measuring_draws_nothing_from_torchs_global_generator():
    # Another session's seeded model must get the weights its seed names.
    before = torch.get_rng_state()
    steptime.measure(ModelConfig(hidden_size=8), sine(), CPU)
    assert torch.equal(before, torch.get_rng_state())


def test_a_model_that_cannot_be_built_gives_none():
    bad = ModelConfig(hidden_size=8, head="none")  # hidden 8 cannot be one output
    assert steptime.measure(bad, sine(), CPU) is None


def test_the_train_page_shows_steps_times_the_measured_step(app, monkeypatch):
    monkeypatch.setattr(steptime, "_time", lambda *a: 0.5)  # far from any guess
    load_sample(app, "airline")
    page(app, "train")
    pairs = state.PREPARED.get(app.session_state).windows.count("train")
    batch = app.select_slider(key="batch_size").value
    steps = math.ceil(pairs / batch) * app.number_input(key="epochs").value
    assert f"≈ {steps:,} steps, ≈ {steps * 0.5:,.0f} seconds" in texts(app.caption)
