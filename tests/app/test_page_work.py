"""Page work bounded: Predict runs the model over the test set once per state of the
weights, and every Inside figure of a big run stays under the figure budget, its first and
last frames kept, with a caption saying what was thinned."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, load_sample, page, spec_array, texts, train
from bench.pagework import inside_run, series_run
from conftest import ROOT
from rnnviz import figures as F
from rnnviz.analysis import predict
from rnnviz.figures.budget import FIGURE_BUDGET, MIN_FRAMES, every, frames_that_fit, thinned
from rnnviz.session.run import weights_version
from rnnviz.ui import predict_controls, state

pytestmark = pytest.mark.usefixtures("fresh_sessions")


# ---- the engine: one batched pass, a version that follows the weights ----------------------


def test_the_test_set_runs_in_batches_and_gives_the_same_outputs():
    run = series_run(3000, 20, 8)
    ws = run.data.windows
    x, _ = ws.batch("test", np.arange(ws.count("test")))
    whole = predict.predict_outputs(run.model, x)
    batched = predict.predict_split(run.model, ws, "test", batch_size=37)
    assert batched.shape == (ws.count("test"), 1)
    assert np.array_equal(whole, batched)
    ev = predict.evaluate(run.model, run.data, season=50)
    kept = predict.evaluate(run.model, run.data, season=50, scaled=batched)
    assert ev.metrics == kept.metrics
    assert run.model.training  # put back as it was


def test_the_weights_version_moves_with_every_change_of_the_weights():
    model = series_run(1000, 10, 4).model
    v0 = weights_version(model)
    assert weights_version(model) == v0
    with torch.no_grad():
        next(model.parameters()).add_(1.0)  # a rollback's copy, an optimizer step
    v1 = weights_version(model)
    assert v1 != v0
    model.load_state_dict({k: v.clone() for k, v in model.state_dict().items()}, assign=True)
    assert weights_version(model) != v1  # a loaded file's new tensors


# ---- Predict: one evaluation per run --------------------------------------------------------


@pytest.fixture
def spied(monkeypatch):
    """How often Predict ran the model over the test set, and how many windows the model
    read in all (the typed box and the forecast read a few)."""
    calls, windows = [], []
    real_split, real_predicted = predict_controls.predict_split, predict._predicted
    monkeypatch.setattr(
        predict_controls, "predict_split", lambda *a, **k: calls.append(1) or real_split(*a, **k)
    )

    def counted(model, batches):
        def each():
            for x in batches:
                windows.append(len(x))
                yield x

        return real_predicted(model, each())

    monkeypatch.setattr(predict, "_predicted", counted)
    return calls, windows


def test_predict_runs_the_model_over_the_test_set_once_per_state_of_the_weights(spied):
    calls, windows = spied
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    load_sample(at, "temperature")
    train(at, epochs=2)
    page(at, "predict")
    run = state.workspace(at.session_state).run
    test = run.data.windows.count("test")
    assert calls == [1] and sum(windows) >= test
    read = sum(windows)
    at.run()
    at.number_input(key="season").set_value(7).run()  # the baseline changes, not the model
    at.number_input(key="forecast_steps").set_value(12).run()
    at.text_input(key="typed_sequence").set_value("10, 11, 12, 13").run()
    assert not at.exception, at.exception
    assert calls == [1]  # four reruns, no new pass over the test set
    assert sum(windows) - read < test  # what they read: the forecast and the typed sequence
    assert at.dataframe[0].value.shape[0] == 3  # the metrics table still there
    # Training goes on: new weights, a new evaluation.
    page(at, "train")
    at.number_input(key="epochs").set_value(3).run()
    at.button(key="resume").click().run()
    join_workers()
    at.run()
    assert run.job.status().epoch == 3
    page(at, "predict")
    assert calls == [1, 1]
    at.run()
    assert calls == [1, 1]


def test_a_long_test_set_is_thinned_for_drawing_and_scored_in_full():
    n = 200_000
    x = np.arange(n)
    actual = np.sin(x / 500.0).astype(np.float32)
    preds = {"model": actual + 0.01, "last_value": np.roll(actual, 1)}
    fig = F.prediction_figure(x, actual, preds)
    shown, total = thinned(fig)["points"]
    assert total == n and shown <= F.series.PREDICTION_POINTS + 2
    assert len(fig.to_json()) < FIGURE_BUDGET
    assert predict.metrics(actual, preds["model"])["MAE"] == pytest.approx(0.01, abs=1e-6)


# ---- Inside: every figure under the budget -----------------------------------------------


def test_frames_are_kept_as_the_budget_allows_with_a_floor():
    assert frames_that_fit(200, 1.0, cap=60) == 60
    assert frames_that_fit(200, FIGURE_BUDGET / 100) == 90  # 90% of the budget in frames
    assert frames_that_fit(200, FIGURE_BUDGET / 10) == MIN_FRAMES
    assert frames_that_fit(200, FIGURE_BUDGET) == MIN_FRAMES  # then the grid is thinned
    assert frames_that_fit(5, FIGURE_BUDGET) == 5
    assert list(every(10, 4)) == [0, 4, 8, 9]


def _slider_labels(spec: dict) -> list[str]:
    return [s["label"] for s in spec["layout"]["sliders"][0]["steps"]]


BIG = [(512, 200, 200), (512, 1000, 200)]  # hidden, window, snapshots


@pytest.mark.parametrize("hidden,window,snapshots", BIG)
def test_every_inside_figure_of_a_big_run_is_under_the_budget(hidden, window, snapshots):
    rng = np.random.default_rng(0)
    T, H, S = window, hidden, snapshots
    h = np.tanh(rng.standard_normal((T, H))).astype(np.float32)
    panels = dict.fromkeys(("i", "f", "g", "o", "c", "h"), h)
    hs = [h * (k + 1) / S for k in range(S)]
    snap_labels = [str(10 * k) for k in range(S)]
    built = {
        "hidden": F.hidden_fill_animation(h, inputs=h[:, :1]),
        "gates": F.gate_bars_animation(panels, [str(k) for k in range(T)]),
        "maps": F.gate_heatmaps({k: v for k, v in panels.items() if k != "h"}),
        "snap_heat": F.snapshot_heatmap_animation(
            hs, snap_labels, loss=np.ones(S, np.float32), loss_x=np.arange(S) * 10
        ),
        "snap_gates": F.gate_bars_animation(
            {k: np.stack([v[-1] for v in hs]) for k in panels}, snap_labels
        ),
        "grads": F.grad_norm_animation(np.abs(rng.standard_normal((S, 1, 1, T))), snap_labels),
        "pca": F.pca_trajectory_animation(h),
        "conn_train": F.connectivity_animation(
            np.abs(rng.standard_normal((S, T))), list(range(S)), T - 1, values=h[:, 0]
        ),
    }
    for name, fig in built.items():
        spec = json.loads(fig.to_json())
        assert len(fig.to_json()) <= FIGURE_BUDGET, (name, len(fig.to_json()))
        if spec.get("frames"):  # the animation starts and ends where the data do
            labels = _slider_labels(spec)
            want = {"hidden": T, "gates": T, "pca": T, "conn_train": S}.get(name)
            want = snap_labels if want is None else [str(k) for k in range(want)]
            assert labels[0] == want[0] and labels[-1] == want[-1], name
    heat = json.loads(built["snap_heat"].to_json())
    assert thinned(heat)["frames"][1] == S and thinned(heat)["frames"][0] >= MIN_FRAMES
    assert thinned(heat)["units"][1] == H  # every k-th unit and step drawn, the last kept
    first = heat["data"][0]
    units, steps = spec_array(first["y"]), spec_array(first["x"])
    assert (units[0], units[-1], steps[0], steps[-1]) == (0, H - 1, 0, T - 1)


def _big_inside(monkeypatch, builds: list):
    """The Inside page of a big synthetic run (hidden 512, window 200, 200 snapshots)."""
    real = F.snapshot_heatmap_animation
    monkeypatch.setattr(
        F, "snapshot_heatmap_animation", lambda *a, **k: builds.append(1) or real(*a, **k)
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    run = inside_run(hidden=512, window=200, snapshots=200)
    ws = state.workspace(at.session_state)
    ws.put_job("main", run.job)
    ws.run = run
    return page(at, "inside")


def test_the_inside_page_of_a_big_run_sends_light_figures_built_once(monkeypatch):
    builds = []
    at = _big_inside(monkeypatch, builds)
    charts = at.get("plotly_chart")
    assert {
        "hidden_anim",
        "gate_anim",
        "gate_maps",
        "snap_heat",
        "snap_gates",
        "grad_anim",
        "conn_chart",
        "conn_train",
        "pca_anim",
    } <= {c.key for c in charts}
    for chart in charts:
        assert len(chart.proto.spec) <= FIGURE_BUDGET, (chart.key, len(chart.proto.spec))
    heat = json.loads(next(c for c in charts if c.key == "snap_heat").proto.spec)
    labels = _slider_labels(heat)
    assert (labels[0], labels[-1]) == ("0", "1990")  # the first and the last snapshot
    captions = texts(at.caption)
    assert "of 200 snapshots" in captions and "units" in captions
    at.run()  # a rerun builds nothing again
    at.radio(key="color_scale").set_value("data").run()
    assert not at.exception, at.exception
    assert builds == [1]
    at.radio(key="color_scale").set_value("fixed").run()  # another view: built anew
    assert builds == [1, 1]


def test_the_thinned_caption_speaks_chinese(monkeypatch):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["lang"] = "zh"
    at.run()
    run = inside_run(hidden=512, window=200, snapshots=200)
    ws = state.workspace(at.session_state)
    ws.put_job("main", run.job)
    ws.run = run
    page(at, "inside")
    assert "200 个快照中的" in texts(at.caption)
