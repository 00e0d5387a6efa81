"""Inside page, cell calculator: tutorial 000's NumPy step as a worked example (AppTest)."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, page, texts
from conftest import ROOT
from rnnviz import i18n
from rnnviz.i18n import t
from rnnviz.model import scratch

TANH_LINE = "np.tanh(W_hx @ x[t] + W_hh @ h + b_h)"


@pytest.fixture(scope="module")
def inside():
    """The five-days lesson trained from its button, then the Inside page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.button(key="lesson_five_days").click().run()
    page(at, "train")
    at.button(key="train").click().run()
    join_workers()
    at.run()
    return page(at, "inside")


def _code(at) -> str:
    found = [str(c.value) for c in at.code if TANH_LINE in str(c.value)]
    assert len(found) == 1, [c.value for c in at.code]
    return found[0]


def _frames(at) -> list:
    return [d.value for d in at.dataframe]


def _has(frames, values) -> bool:
    return any(f.shape == values.shape and np.allclose(f.to_numpy(), values) for f in frames)


def test_the_worked_example_shows_the_code_the_weights_and_every_h_t(inside):
    at = inside
    ex = scratch.numpy_step_example(0)
    assert _code(at) == scratch.numpy_step_code(0).strip()
    frames = _frames(at)
    for values in (ex.x, ex.w_hx, ex.w_hh, ex.h):  # (5, 3), (4, 3), (4, 4), (5, 4)
        assert _has(frames, values), values.shape
    h = next(f for f in frames if f.shape == (5, 4) and np.allclose(f.to_numpy(), ex.h))
    assert list(h.index) == [f"t = {k}" for k in range(5)]  # time steps down, units across
    assert list(h.columns) == [t("calc.unit_n", j=j) for j in range(4)]
    assert any("nn.RNN(3, 4)" in s.value and "max difference" in s.value for s in at.success)


def test_another_seed_draws_other_weights_in_code_and_tables(inside):
    at = inside
    at.number_input(key="calc_np_seed").set_value(3).run()
    assert not at.exception, at.exception
    assert "np.random.seed(3)" in _code(at)
    assert _has(_frames(at), scratch.numpy_step_example(3).h)
    at.number_input(key="calc_np_seed").set_value(0).run()


def test_the_example_reads_in_chinese(inside):
    at = inside
    at.session_state["lang"] = "zh"
    at.run()
    try:
        assert not at.exception, at.exception
        i18n.use("zh")
        assert t("calc.np.intro") in texts(at.caption)
        assert _code(at) == scratch.numpy_step_code(0).strip()  # code is code in every language
    finally:
        i18n.use("en")
        at.session_state["lang"] = "en"
        at.run()
