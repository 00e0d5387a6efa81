"""The Lab page: hand check of a SimpleRNN, vanishing/exploding gradients, memory races."""

import json

import numpy as np
import pandas as pd
import pytest
import torch

from apphelpers import join_workers, page, texts
from rnnviz.analysis.probe import grad_norms
from rnnviz.experiments import exploding, lab_setups
from rnnviz.experiments.tasks import adding_problem
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.scratch import simple_rnn_forward
from rnnviz.train.job import loss_fn
from rnnviz.ui import state

CLASSIC = [[7, 3, 12], [13, 27, 16], [48, 45, 54]]
K = np.array([[1, 0, 2], [2, 1, 3]], float)
R = np.array([[1, 2, 1], [1, 0, 1], [0, 1, 0]], float)
B = np.array([0, 0, 1], float)
X = np.array([[1, 3], [1, 1], [2, 3]], float)


def _outputs(at) -> pd.DataFrame:
    tables = [d for d in at.dataframe if d.editing_mode == "read_only"]
    assert tables, "no output table"
    return tables[0].value


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _titled(at, words: str) -> list[dict]:
    return [s for s in _charts(at) if words in s["layout"].get("title", {}).get("text", "")]


# ---------------------------------------------------------------- hand check
def test_hand_check_shows_the_classic_numbers(app):
    page(app, "lab")
    assert _outputs(app).to_numpy().tolist() == [[str(v) for v in row] for row in CLASSIC]
    latex = "\n".join(e.value for e in app.latex)
    # step 2 written out: x2·K = [3 1 5], h1·R = [10 26 10]
    assert r"\begin{bmatrix}3 & 1 & 5\end{bmatrix}" in latex
    assert r"\begin{bmatrix}10 & 26 & 10\end{bmatrix}" in latex
    assert "= 18" in latex and "= 21" in latex  # Keras and PyTorch parameter counts
    assert "only tanh and ReLU" in texts(app.info)  # linear: no nn.RNN comparison


@pytest.mark.parametrize(
    "act, first_row", [("tanh", ["0.999998", "0.9951", "≈1"]), ("relu", ["7", "3", "12"])]
)
def test_hand_check_matches_nn_rnn(app, act, first_row):
    page(app, "lab")
    app.segmented_control(key="lab_activation").set_value(act).run()
    assert not app.exception
    shown = _outputs(app).to_numpy().tolist()
    assert shown[0] == first_row  # tanh(7), tanh(3), tanh(12): never a false "1"
    assert shown == [
        [lab_setups.fmt(v) for v in row] for row in simple_rnn_forward(X, K, R, B, act)
    ]
    ok = texts(app.success)
    assert "Matches `nn.RNN" in ok and f"nonlinearity='{act}'" in ok


def test_a_text_cell_gives_an_error_not_a_traceback(app):
    page(app, "lab")
    # AppTest seeds an editor's edits through its session state; the editor turns text in
    # a number column into an empty cell, as the browser does.
    app.session_state["lab_kernel"] = {
        "edited_rows": {0: {"u₂": "abc"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.session_state["lab_inputs"] = {
        "edited_rows": {},
        "added_rows": [{"x1": 4.0}],
        "deleted_rows": [],
    }
    app.run()
    assert not app.exception
    errors = texts(app.error)
    assert "Kernel K: row x1, column u₂ is empty" in errors
    assert "Inputs x_t: row 4, column x2 is empty" in errors
    assert not [d for d in app.dataframe if d.editing_mode == "read_only"]  # no stale outputs


def test_reset_brings_the_example_back(app):
    page(app, "lab")
    app.session_state["lab_bias"] = {
        "edited_rows": {0: {"u₃": 0.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert _outputs(app).iloc[0].tolist() == ["7", "3", "11"]  # b3 = 0 now
    app.button(key="lab_reset").click().run()
    assert _outputs(app).to_numpy().tolist() == [[str(v) for v in row] for row in CLASSIC]


def test_units_and_time_steps_have_distinct_names(app):
    """Columns are units u₁-u₃, rows and the step-by-step are time steps h_t, in both
    languages."""
    page(app, "lab")
    assert list(_outputs(app).columns) == ["u₁", "u₂", "u₃"]
    assert list(app.dataframe[0].value.columns) == ["u₁", "u₂", "u₃"]  # the kernel K
    sums = texts(app.code)
    assert "u₁: (1×1 + 3×2)" in sums and "h1" not in sums and "unit 1" not in sums
    assert r"\mathbf{h}_{1}" in texts(app.latex)  # h_t: the state after step t
    from rnnviz import i18n

    for lang in ("en", "zh"):
        i18n.use(lang)
        try:
            assert "u₁" in lab_setups.step_sums(X[0], np.zeros(3), K, R, B, "linear")
            assert "u₁" in i18n.t("lab.outputs") and r"\mathbf{h}_t" in i18n.t("lab.outputs")
        finally:
            i18n.use("en")


def test_read_table_names_bad_cells():
    df = pd.DataFrame(
        [["1", "abc", None], [2.0, float("nan"), np.inf]],
        index=["x1", "x2"],
        columns=["h1", "h2", "h3"],
    )
    with pytest.raises(lab_setups.TableError) as err:
        lab_setups.read_edited_table(df, "Kernel K", (2, 3))
    msg = str(err.value)
    assert msg.startswith("Kernel K: ")
    assert "row x1, column h2 holds 'abc'" in msg and "row x1, column h3 is empty" in msg
    assert "and 1 more" in msg and "Type a number" in msg
    good = pd.DataFrame([["1.5", 2]], columns=["a", "b"])  # numeric text is fine
    np.testing.assert_array_equal(lab_setups.read_edited_table(good, "t", (None, 2)), [[1.5, 2.0]])
    with pytest.raises(lab_setups.TableError, match="needs 3 columns"):
        lab_setups.read_edited_table(good, "Bias b", (1, 3))
    with pytest.raises(lab_setups.TableError, match="between 1 and"):
        lab_setups.read_edited_table(good.iloc[:0], "Inputs", (None, 2))


def test_written_arithmetic_never_rounds_to_a_false_whole_number():
    assert lab_setups.fmt(np.tanh(7)) == "0.999998" and lab_setups.fmt(7.0) == "7"
    assert (
        lab_setups.fmt(np.tanh(13)) == "≈1"
        and lab_setups.fmt(np.tanh(13), tex=True) == r"\approx 1"
    )
    sums = lab_setups.step_sums(X[1], np.array([7.0, 3, 12]), K, R, B, "linear")
    assert sums.splitlines()[1] == "u₂: (1×0 + 1×1) + (7×2 + 3×0 + 12×1) + 0 = 27"


def test_torch_simple_rnn_matches_the_scratch_forward_on_random_weights():
    rng = np.random.default_rng(0)
    x, k, r, b = (
        rng.normal(size=(6, 4)),
        rng.normal(size=(4, 5)),
        rng.normal(size=(5, 5)),
        rng.normal(size=5),
    )
    for act in ("tanh", "relu"):
        np.testing.assert_allclose(
            lab_setups.torch_simple_rnn(x, k, r, b, act),
            simple_rnn_forward(x, k, r, b, act),
            atol=1e-12,
        )
    with pytest.raises(ValueError):
        lab_setups.torch_simple_rnn(x, k, r, b, "linear")
    assert lab_setups.torch_rnn_parameters(2, 3) == 21


# ---------------------------------------------------------------- gradients
def test_exploding_model_sets_the_radius_and_makes_larger_gradients():
    cfg = ModelConfig(cell="rnn_relu", input_size=2, hidden_size=32)
    x, y = adding_problem(64, 50, seed=0)
    normal, big = build_model(cfg, seed=0), exploding.exploding_model(cfg, 1.8, seed=0)
    assert exploding.spectral_radius(big.rnn.weight_hh_l0) == pytest.approx(1.8, rel=1e-5)
    assert exploding.spectral_radius(normal.rnn.weight_hh_l0) < 1
    # the state at t = 0 still reaches the loss, where the normal model's has vanished
    g_normal, g_big = grad_norms(normal, x[0], y[0]), grad_norms(big, x[0], y[0])
    assert g_big[0, 0, 0] > 1e6 * g_normal[0, 0, 0]

    def total(model):
        model.zero_grad()
        loss_fn(model, model(torch.from_numpy(x)), torch.from_numpy(y)).backward()
        return float(torch.nn.utils.clip_grad_norm_(model.parameters(), float("inf")))

    assert total(big) > 3 * total(normal)
    lstm = exploding.exploding_model(ModelConfig(cell="lstm", input_size=2, hidden_size=8), 1.5, 1)
    for block in lstm.rnn.weight_hh_l0.split(8):  # every gate's block gets the radius
        assert exploding.spectral_radius(block) == pytest.approx(1.5, rel=1e-5)


def test_explode_job_diverges_without_clipping_and_trains_with_it():
    free = exploding.ExplodeJob(exploding.ExplodeConfig(steps=12, clip=0.0)).run()
    assert free.state == "diverged" and "step" in free.message
    assert max(free.norm) > 1e4 * free.norm[0]
    tamed = exploding.ExplodeJob(exploding.ExplodeConfig(steps=12, clip=1.0)).run()
    assert tamed.state == "done" and len(tamed.steps) == 12
    assert max(tamed.clipped) <= 1.0 + 1e-6 < max(tamed.norm)
    assert np.isfinite(tamed.loss).all()


def test_gradient_section_trains_both_models_and_animates(app):
    page(app, "lab")
    app.slider(key="lab_grad_T").set_value(20).run()
    app.select_slider(key="lab_grad_steps").set_value(50).run()
    app.button(key="lab_grad_run").click().run()
    join_workers()
    app.run()
    assert not app.exception
    for name in ("RNN (tanh)", "LSTM"):
        (spec,) = _titled(app, f"{name}: ‖∂L/∂h")
        assert spec["layout"]["yaxis"]["type"] == "log"
        assert len(spec.get("frames", [])) >= 2
    rnn, lstm = _titled(app, "RNN (tanh)")[0], _titled(app, "LSTM")[0]
    assert rnn["layout"]["yaxis"]["range"] == lstm["layout"]["yaxis"]["range"]  # comparable
    assert texts(app.caption).count("validation MSE") == 2


def test_exploding_section_keeps_both_runs_on_the_chart(app):
    page(app, "lab")
    app.select_slider(key="lab_explode_steps").set_value(20).run()
    app.button(key="lab_explode_run").click().run()
    join_workers()
    app.toggle(key="lab_explode_clip").set_value(True).run()
    app.button(key="lab_explode_run").click().run()
    join_workers()
    app.run()
    assert not app.exception
    (norms,) = _titled(app, "Total gradient norm")
    names = [d["name"] for d in norms["data"]]
    assert names == ["no clipping", "clipping on: before clipping", "clipping on: after clipping"]
    assert norms["layout"]["yaxis"]["type"] == "log"
    assert "Clipping on:" in texts(app.success)


# ---------------------------------------------------------------- memory race
def test_memory_race_completes_and_shows_the_table(app):
    page(app, "lab")
    app.select_slider(key="lab_mem_T").set_value(10).run()
    app.select_slider(key="lab_mem_steps").set_value(50).run()
    app.button(key="lab_mem_run").click().run()
    join_workers()
    app.run()
    assert not app.exception
    table = [d for d in app.dataframe if d.editing_mode == "read_only"][-1].value
    assert list(table["model"]) == ["RNN", "LSTM", "GRU"]
    assert (table["steps"] == 50).all() and (table["state"] == "done").all()
    assert np.isfinite(table["validation MSE"]).all()
    (race,) = _titled(app, "Training loss (mean of the last")
    assert [d["name"] for d in race["data"]] == ["RNN", "LSTM", "GRU"]


def test_memory_race_needs_a_model_and_follows_a_lesson_preset(app):
    state.LAB_PRESET.set("recall", app.session_state)
    page(app, "lab")
    assert app.selectbox(key="lab_mem_task").value == "recall"
    app.pills(key="lab_mem_cells").set_value([]).run()
    app.button(key="lab_mem_run").click().run()
    assert not app.exception
    assert "Pick at least one model" in texts(app.error)


def test_a_task_that_predicts_every_step_races_bidirectional_twins():
    race = lab_setups.memory_race("future", 8, 4, ["rnn_tanh", "gru"])
    assert [e.code for e in race.entrants] == ["rnn_tanh", "gru", "rnn_tanh_bi", "gru_bi"]
    race.run()
    rows = lab_setups.race_rows(race.table(), 1.0)
    assert [r["model"] for r in rows] == ["rnn_tanh", "gru", "rnn_tanh_bi", "gru_bi"]
    assert all(r["steps"] == 4 and np.isfinite(r["validation_mse"]) for r in rows)
    assert rows[0]["x_baseline"] == pytest.approx(rows[0]["validation_mse"])
    assert set(rows[0]) == set(lab_setups.MEMORY_COLUMNS)
    with pytest.raises(ValueError, match="'RNN'"):  # a name, not a code: refused, not ignored
        lab_setups.memory_requests("adding", 10, ["RNN", "gru"])
