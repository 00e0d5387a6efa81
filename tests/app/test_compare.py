"""The Compare page (architecture race) with AppTest, and its pure helpers."""

import json
import threading

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, load_sample, page, run_race, texts
from rnnviz.experiments import race
from rnnviz.train.job import TrainConfig
from rnnviz.ui import compare_controls


def _race_threads() -> int:
    return sum(t.name == "rnnviz-train" and t.is_alive() for t in threading.enumerate())


def test_compare_without_data_points_to_the_data_page(app):
    page(app, "compare")
    assert "Data" in texts(app.info)
    assert "race_start" not in [b.key for b in app.button]


def test_race_of_three_cells_shows_curves_table_and_winner(app):
    load_sample(app, "airline")
    run_race(app, steps=20)
    table = app.dataframe[0].value
    assert list(table["model"]) == ["RNN", "LSTM", "GRU"]
    assert (table["steps"] == 20).all()
    assert set(table["finished as"]) == {"done"}
    assert table["validation loss"].notna().all()
    assert (table["parameters"] > 0).all() and table["device"].eq("cpu").all()
    # LSTM has 4 gate blocks, GRU 3, RNN 1: the counts must say so
    p = dict(zip(table["model"], table["parameters"], strict=True))
    assert p["RNN"] < p["GRU"] < p["LSTM"]
    best = table.loc[table["validation loss"].idxmin(), "model"]
    said = texts(app.success)  # the best wins, or ties with a model within the noise
    assert f"**{best}** wins" in said or (f"**{best}**" in said and " tie" in said)
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in spec["data"]] == ["RNN", "LSTM", "GRU"]


def test_variants_add_bidirectional_and_two_layer_entrants(app):
    load_sample(app, "airline")
    run_race(app, steps=10, bi=True, deep=True)
    names = list(app.dataframe[0].value["model"])
    assert len(names) == 9
    assert {"GRU bi", "LSTM 2 layers", "RNN bi"} <= set(names)


def test_seconds_budget_ends_each_model_by_the_clock(app):
    load_sample(app, "airline")
    page(app, "compare")
    app.segmented_control(key="race_budget").set_value("seconds").run()
    app.number_input(key="race_seconds").set_value(1).run()
    app.button(key="race_start").click().run()
    join_workers()
    app.run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert set(table["finished as"]) == {"done"} and (table["steps"] > 0).all()
    race = compare_controls.race_config(TrainConfig(), {"budget": "seconds", "seconds": 1})
    assert race.max_seconds == 1.0 and race.max_steps is None


def test_start_is_disabled_while_a_race_runs_and_stop_stops_it(app):
    load_sample(app, "airline")
    page(app, "compare")
    app.number_input(key="race_steps").set_value(20_000).run()
    app.button(key="race_start").click().run()
    try:
        assert _race_threads() == 3
        assert app.button(key="race_start").disabled
        assert not app.button(key="race_stop").disabled
    finally:
        app.button(key="race_stop").click().run()
    assert not app.button(key="race_start").disabled  # redrawn in the same click
    assert app.button(key="race_stop").disabled
    join_workers()
    app.run()
    assert _race_threads() == 0
    table = app.dataframe[0].value
    assert set(table["finished as"]) == {"stopped"} and (table["steps"] < 20_000).all()
    assert "stopped early" in texts(app.success)


def _start_twice():
    # A double click can reach the server before the disabled button does.
    import streamlit as st

    from rnnviz.ui import actions, compare_controls, jobs

    actions.use_sample("airline")
    opts = {**compare_controls.DEFAULTS, "steps": 20_000}
    st.session_state["first"] = compare_controls.start_race(opts)
    race = jobs.get("race")
    st.session_state["second"] = compare_controls.start_race(opts)
    st.session_state["same"] = jobs.get("race") is race
    st.session_state["threads"] = sum(
        t.name == "rnnviz-train" for t in __import__("threading").enumerate()
    )
    race.stop()


def test_second_start_while_running_starts_no_second_race():
    at = AppTest.from_function(_start_twice, default_timeout=60).run()
    join_workers()
    assert not at.exception, at.exception
    assert at.session_state["first"] is None
    assert "already running" in at.session_state["second"]
    assert at.session_state["same"] and at.session_state["threads"] == 3


def test_race_does_not_touch_the_main_training_job(app):
    load_sample(app, "airline")
    page(app, "train")
    app.number_input(key="epochs").set_value(1).run()
    app.button(key="train").click().run()
    join_workers()
    run_race(app, steps=10)
    page(app, "train")
    assert "Finished" in texts(app.success)  # the main job is still there


def test_changed_data_after_a_race_is_pointed_out(app):
    load_sample(app, "airline")
    run_race(app, steps=10)
    load_sample(app, "sunspots")
    page(app, "compare")
    assert "earlier settings" in texts(app.warning)


def test_race_on_text_trains_char_models(app):
    load_sample(app, "shakespeare")
    app.slider(key="seq_len").set_value(32).run()
    page(app, "model")
    app.select_slider(key="hidden_size").set_value(16).run()
    run_race(app, steps=10)
    table = app.dataframe[0].value
    assert (table["steps"] == 10).all() and table["validation loss"].notna().all()


def test_winner_sentence_picks_the_lowest_validation_loss():
    rows = [
        {
            "model": "rnn_tanh",
            "validation_loss": 0.5,
            "parameters": 10,
            "steps": 5,
            "state": "done",
        },
        {"model": "gru_bi", "validation_loss": 0.1, "parameters": 30, "steps": 5, "state": "done"},
        {"model": "lstm", "validation_loss": 0.2, "parameters": 40, "steps": 5, "state": "done"},
        {
            "model": "bad",
            "validation_loss": float("nan"),
            "parameters": 1,
            "steps": 5,
            "state": "diverged",
        },
    ]
    text = race.winner_sentence(rows)
    assert text.startswith("**GRU bi** wins") and "50% below the runner-up, LSTM" in text
    assert "stopped" not in text
    none = race.winner_sentence([{**rows[0], "validation_loss": None}])
    assert "No model" in none


def test_race_config_budget_in_steps_replaces_epochs():
    base = TrainConfig(epochs=3, lr=0.01, batch_size=16)
    cfg = compare_controls.race_config(base, {"budget": "steps", "steps": 123})
    assert cfg.max_steps == 123 and cfg.max_seconds is None
    assert (cfg.lr, cfg.batch_size) == (0.01, 16)
    assert cfg.epochs > 123  # the budget, not the epoch count, ends the race


@pytest.mark.parametrize("n", [0, 1, 7, 60, 1000])
@pytest.mark.parametrize("k", [None, 25])
def test_smoothing_keeps_length_and_level(n, k):
    y = np.full(n, 2.0)
    s = race.smooth(y, k)
    assert s.shape == (n,) and np.allclose(s, 2.0)
    noisy = np.random.default_rng(0).normal(1, 0.5, n)
    if n >= 100:
        assert race.smooth(noisy, k).std() < noisy.std()
    if n >= 30 and k:  # a trailing mean: the value at step i is the mean of the k before it
        assert race.smooth(noisy, k)[29] == pytest.approx(noisy[5:30].mean())


def test_shown_curves_are_thinned_and_keep_their_codes():
    curves = {"lstm": (np.arange(5000), np.linspace(1, 0, 5000)), "gru": (np.arange(3), np.ones(3))}
    shown = race.shown_curves(curves, 100)
    assert list(shown) == ["lstm", "gru"]
    x, y = shown["lstm"]
    assert len(x) == len(y) == 100 and x[0] == 0 and x[-1] == 4999 and y.dtype == np.float32
    assert len(shown["gru"][0]) == 3


def test_entrants_have_stable_codes_and_translated_labels():
    from rnnviz import i18n
    from rnnviz.model.network import ModelConfig

    entrants = race.standard_entrants(ModelConfig(hidden_size=4), bidirectional=True, deep=True)
    codes = [e.code for e in entrants]
    assert codes == [
        "rnn_tanh",
        "lstm",
        "gru",
        "rnn_tanh_bi",
        "lstm_bi",
        "gru_bi",
        "rnn_tanh_2layers",
        "lstm_2layers",
        "gru_2layers",
    ]
    assert [race.label(c) for c in codes[3:5]] == ["RNN bi", "LSTM bi"]
    assert race.label("gru_2layers") == "GRU 2 layers"
    i18n.use("zh")
    try:
        assert (
            race.label("gru_bi") == "GRU 双向" and race.entrant_code(entrants[4].cfg) == "lstm_bi"
        )
    finally:
        i18n.use("en")
