"""Data -> Train -> Predict with Auto, on a sample and on an upload, as a learner clicks it:
the choice and its reason before training, the best weights kept, and an honest Predict."""

import numpy as np
import pytest

from apphelpers import join_workers, load_sample, page, texts, upload
from rnnviz.data.samples import SAMPLES
from rnnviz.session import lessons
from rnnviz.ui import state

RISING = (
    "Month,Sales\n"
    + "\n".join(
        f"{2000 + m // 12}-{m % 12 + 1:02d}-01,{100 + 3 * m + 8 * np.sin(m / 1.9):.2f}"
        for m in range(160)
    )
    + "\n"
).encode()


def _train(at):
    page(at, "train")
    at.button(key="train").click().run()
    join_workers()
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_rising_upload_is_prepared_as_changes_and_explained(app):
    upload(app, "sales.csv", RISING)
    cfg = state.PREP_CFG.get(app.session_state)
    assert cfg.season == 12  # monthly dates: the season a year holds
    assert cfg.target_transform != "level"  # the trend leaves the training range
    shown = texts(app.info)
    assert "validation" in shown and "Tried" in shown
    assert app.selectbox(key="target_transform").value == cfg.target_transform
    assert "monthly, season 12" in texts(app.caption)
    _train(app)
    run = state.RUN.get(app.session_state)
    assert run.data.cfg == cfg  # the run trained on Auto's choice
    page(app, "predict")
    table = app.dataframe[0].value
    maes = dict(zip(table.iloc[:, 0], table["MAE"], strict=True))
    assert maes["model"] < 3 * maes["last value"]  # in the target's units, not scaled ones
    assert "of the test targets lie outside the range" in texts(app.caption)


def test_the_learner_overrides_auto(app):
    upload(app, "sales.csv", RISING)
    app.selectbox(key="target_transform").set_value("level").run()
    assert not app.exception, app.exception
    assert state.PREP_CFG.get(app.session_state).target_transform == "level"
    assert "differ from Auto's choice" in texts(app.caption)
    app.button(key="auto_run").click().run()
    assert state.PREP_CFG.get(app.session_state).target_transform != "level"


def test_a_sample_gets_auto_and_predict_opens_zoomed(app):
    load_sample(app, "bitcoin")
    cfg = state.PREP_CFG.get(app.session_state)
    assert cfg.target_transform in ("diff", "log_diff")  # prices past the training range
    assert "outside its range" in texts(app.info)
    _train(app)
    status = state.RUN.get(app.session_state).job.status()
    assert status.restored and status.best_step is not None
    page(app, "predict")
    import json

    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    zoomed = [s for s in specs if s["layout"].get("xaxis", {}).get("rangeslider")]
    assert zoomed and zoomed[0]["layout"]["xaxis"]["range"]


def test_a_short_upload_is_not_searched_and_says_so(app):
    short = ("t,v\n" + "\n".join(f"{i},{(i * 7) % 11}" for i in range(30)) + "\n").encode()
    upload(app, "short.csv", short)
    assert "fewer than the 40" in texts(app.info)


@pytest.mark.parametrize(
    "key",
    [k for k, v in lessons.LESSONS.items() if v.sample and SAMPLES[v.sample].kind == "series"],
)
def test_a_lesson_keeps_its_own_settings(app, key):
    lesson = lessons.LESSONS[key]
    app.button(key=f"lesson_{key}").click().run()
    assert not app.exception, app.exception
    page(app, "data")
    cfg = state.PREP_CFG.get(app.session_state)
    assert cfg.target_transform == "level"  # Auto never replaces a lesson's settings
    if lesson.prep and "window" in lesson.prep:
        assert cfg.window == lesson.prep["window"]
