"""The Train page prints the losses like the tutorials: `Epoch [10/100], Loss: ...` (AppTest)."""

import pytest

from apphelpers import join_workers, page, texts
from rnnviz import i18n
from rnnviz.i18n import t
from rnnviz.ui import state


def _log(at) -> list[str]:
    logs = [c.value for c in at.code if str(c.value).startswith("Epoch [")]
    assert len(logs) == 1, [c.value for c in at.code]
    return logs[0].splitlines()


@pytest.fixture(scope="module")
def five_days(request):
    """The five-days lesson (typed rows, unscaled, 100 one-step epochs) trained from its
    button: the run the tutorial prints `Epoch [100/100], Loss: 706.1980` for."""
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.button(key="lesson_five_days").click().run()
    page(at, "train")
    at.button(key="train").click().run()
    join_workers()
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_log_prints_every_tenth_epoch_with_the_loss_number(five_days):
    at = five_days
    lines = _log(at)
    assert [line.split(",")[0] for line in lines] == [
        f"Epoch [{e}/100]" for e in range(10, 101, 10)
    ]
    s = state.RUN.get(at.session_state).job.status()
    assert s.step == 100 and s.epoch_steps == list(range(1, 101))
    # One step an epoch: the loss printed is that step's, as the tutorial's loss.item().
    assert lines[-1].startswith(f"Epoch [100/100], Loss: {s.train_loss[-1]:.4f}")
    assert lines[-1].startswith("Epoch [100/100], Loss: 706.19")  # the tutorial's 706.198
    assert lines[0].startswith(f"Epoch [10/100], Loss: {s.train_loss[9]:.4f}")
    assert t("train.loss_log_caption") in texts(at.caption)


def test_the_log_is_drawn_in_chinese_with_the_same_lines(five_days):
    at = five_days
    english = _log(at)
    at.session_state["lang"] = "zh"
    at.run()
    try:
        assert _log(at) == english  # the program's output: the same in every language
        i18n.use("zh")
        assert t("train.loss_log_caption") in texts(at.caption)
    finally:
        i18n.use("en")
        at.session_state["lang"] = "en"
        at.run()
