"""Training survives page switches and reruns; Stop keeps the model; Resume goes on from there."""

import re
import time

from apphelpers import join_workers, load_sample, page, texts


def _stopped_step(app) -> int:
    m = re.search(r"Stopped at step (\d+)", texts(app.info))
    assert m, texts(app.info)
    return int(m.group(1))


def test_switch_pages_stop_and_resume_lose_nothing(app):
    load_sample(app, "airline")
    page(app, "train")
    app.number_input(key="epochs").set_value(500).run()
    app.button(key="train").click().run()
    assert app.button(key="train").disabled  # a second click cannot start a second job
    time.sleep(0.5)
    page(app, "inside")  # training goes on while the user looks elsewhere
    assert app.get("plotly_chart")
    page(app, "predict")
    assert "Training is running" in texts(app.info)
    page(app, "train")
    assert not app.button(key="stop").disabled
    app.button(key="stop").click().run()
    first = _stopped_step(app)
    assert first > 0
    app.run()  # a rerun changes nothing
    assert _stopped_step(app) == first
    app.button(key="resume").click().run()
    time.sleep(0.5)
    app.button(key="stop").click().run()
    join_workers()
    app.run()
    assert _stopped_step(app) > first
    page(app, "predict")  # the stopped model predicts
    assert {"MAE", "RMSE"} <= set(app.dataframe[0].value.columns)


def test_divergence_is_explained_and_the_user_can_resume_slower(app):
    load_sample(app, "airline")
    page(app, "model")
    app.segmented_control(key="cell").set_value("rnn_relu").run()
    page(app, "train")
    app.selectbox(key="optimizer").set_value("sgd").run()
    app.select_slider(key="lr").set_value(10.0).run()
    app.number_input(key="clip").set_value(0.0).run()
    app.number_input(key="epochs").set_value(200).run()
    app.button(key="train").click().run()
    join_workers()
    app.run()
    assert "diverged" in texts(app.error) and "Lower the learning rate" in texts(app.error)
    app.select_slider(key="lr").set_value(0.001).run()
    app.number_input(key="clip").set_value(1.0).run()
    app.number_input(key="epochs").set_value(1).run()
    app.button(key="resume").click().run()
    join_workers()
    app.run()
    assert not app.exception
    assert "diverged" not in texts(app.error)
