"""Side by side on Compare: the same probe sequence through each finished race entrant."""

import numpy as np

from apphelpers import chart_spec, load_sample, run_race, spec_array
from rnnviz.analysis.connectivity import connectivity
from rnnviz.analysis.probe import trace
from rnnviz.figures.compare import SideRow, connectivity_side_figure, side_by_side_figure
from rnnviz.i18n import use
from rnnviz.ui import compare_controls, state


def test_two_models_get_one_row_each_and_one_slider_for_both():
    use("en")
    rng = np.random.default_rng(0)
    rows = [
        SideRow("RNN", rng.uniform(-1, 1, (12, 4))),
        SideRow("LSTM", rng.uniform(-1, 1, (12, 4)), rng.uniform(0, 1, (12, 4)), "f"),
    ]
    fig = side_by_side_figure(rows)
    heat = [tr for tr in fig.data if tr.type == "heatmap"]
    assert len(heat) == 3  # two hidden states and the LSTM's gate; the RNN has none
    assert {tr.yaxis for tr in heat} == {"y", "y3", "y4"}  # row 1: h; row 2: h and f
    assert len(fig.frames) == 12 and len(fig.layout.sliders) == 1
    # frame 3 covers steps 4.. in every heatmap at once: the rows step together
    shapes = fig.frames[3].layout.shapes
    assert len(shapes) == 3 and {s.x0 for s in shapes} == {3.5}


def test_race_shows_every_finished_model_side_by_side(app):
    load_sample(app, "airline")
    run_race(app, steps=15)
    race = state.workspace(app.session_state).jobs[compare_controls.JOB]
    spec = chart_spec(app, "cmp_side_chart")
    heat = [tr for tr in spec["data"] if tr["type"] == "heatmap"]
    names = [a["text"] for a in spec["layout"]["annotations"]]
    assert [n for n in names if "hidden" in n] == [
        f"{m} · hidden state h" for m in ("RNN", "LSTM", "GRU")
    ]
    assert len(heat) == 5  # 3 hidden states + the LSTM's f and the GRU's z
    T = race.jobs["lstm"].recorder.x.shape[1]
    assert len(spec["frames"]) == T and len(spec["layout"]["sliders"]) == 1
    # the LSTM row is its own model's hidden state on the first probe sequence
    lstm = race.jobs["lstm"]
    want = trace(lstm.model, lstm.recorder.x[0]).layers[-1][0].h
    assert np.allclose(spec_array(heat[1]["z"]), want.T.astype(np.float32).reshape(-1), atol=1e-6)
    conn = chart_spec(app, "cmp_side_conn")
    assert [tr["name"] for tr in conn["data"]] == ["RNN", "LSTM", "GRU"]
    gru = race.jobs["gru"]
    assert np.allclose(
        spec_array(conn["data"][2]["y"]),
        np.maximum(connectivity(gru.model, gru.recorder.x[0]), 1e-12),
        rtol=1e-5,
    )


def test_connectivity_side_figure_draws_zeros_on_the_log_axis():
    use("en")
    fig = connectivity_side_figure({"rnn_tanh": np.array([0.0, 0.1, 1.0])}, 2)
    assert fig.layout.yaxis.type == "log" and np.all(np.asarray(fig.data[0].y) > 0)
