"""What the five-days lesson's pages say about its run is true and in the page's language:
the Inside caption of an unscaled run, the Predict answer's label (AppTest)."""

import pytest

from apphelpers import join_workers, page, texts


@pytest.fixture(scope="module", params=["en", "zh"])
def five_days(request):
    """The five-days lesson (typed rows, no scaling) trained from its button."""
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = request.param
    at.run()
    at.button(key="lesson_five_days").click().run()
    page(at, "train")
    at.button(key="train").click().run()
    join_workers()
    at.run()
    assert not at.exception, at.exception
    return at, request.param


def test_an_unscaled_run_is_not_called_scaled(five_days):
    at, language = five_days
    captions = texts(page(at, "inside").caption)
    true, contradiction = {
        "en": ("the very numbers the model reads: there is no scaling", "scaled (none)"),
        "zh": ("也就是模型读取的数值本身：没有缩放", "缩放后的数值"),
    }[language]
    assert true in captions, captions
    assert contradiction not in captions


def test_the_answer_names_the_typed_target_as_its_table_does(five_days):
    at, language = five_days
    labels = [m.label for m in page(at, "predict").metric]
    # The typed table heads its column "target" / "目标": the answer names it the same way.
    assert {"en": "The model's answer for target", "zh": "模型的回答（目标）"}[language] in labels


def test_the_calculator_does_not_call_unscaled_inputs_scaled(five_days):
    at, language = five_days
    captions = texts(page(at, "inside").caption)
    scaled, unscaled = {
        "en": ("(scaled)", "in the data's own units (no scaling)"),
        "zh": ("（已缩放）", "是数据本身的单位（不缩放）"),
    }[language]
    assert unscaled in captions and scaled not in captions
