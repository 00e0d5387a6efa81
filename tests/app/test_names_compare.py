"""Compare on the names sample: RNN, LSTM and GRU classify names, one after another."""

import json

from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, load_sample, page, texts, until
from rnnviz.ui import state


def _check_results(at: AppTest, states: set[str]) -> None:
    table = at.dataframe[0].value
    assert list(table["model"]) == ["RNN", "LSTM", "GRU"]
    assert set(table["finished as"]) <= states
    assert (table["parameters"] > 0).all()
    ran = table[table["steps"] > 0]
    assert ran["test accuracy"].between(0, 1).all() and len(ran) >= 1


def test_a_names_race_on_the_compare_page_shows_three_rows_and_a_winner(app):
    load_sample(app, "names")
    page(app, "compare")
    app.number_input(key="names_race_seconds").set_value(5).run()
    app.button(key="names_race_start").click().run()
    assert not app.exception, app.exception
    join_workers()
    app.run()
    assert not app.exception, app.exception
    _check_results(app, {"done"})
    table = app.dataframe[0].value
    assert (table["seconds"] >= 5).all() and (table["epochs"] >= 1).all()
    said = texts(app.success)
    best = table.loc[table["test accuracy"].idxmax(), "model"]
    assert f"**{best}**" in said and "noisy" in said
    bars = json.loads(app.get("plotly_chart")[-1].proto.spec)["data"][0]
    assert bars["x"] == ["RNN", "LSTM", "GRU"]


def _section():
    from rnnviz.ui import actions, names_compare, state

    if state.prepared() is None:
        actions.use_sample("names")
    names_compare.section()


def test_stop_ends_the_race_and_the_table_says_so():
    at = AppTest.from_function(_section, default_timeout=60).run()
    assert not at.exception, at.exception
    assert "Start the race" in texts(at.info)
    assert at.button(key="names_race_stop").disabled
    at.number_input(key="names_race_seconds").set_value(30).run()
    at.button(key="names_race_start").click().run()
    assert not at.exception, at.exception
    assert at.button(key="names_race_start").disabled  # racing: Stop is the way out
    race = state.workspace(at.session_state).jobs["race"]
    # Stop once the first cell has stepped: before it, no row has results to show.
    assert until(lambda: race.status().entrants[0].steps > 0, 60)
    at.button(key="names_race_stop").click().run()
    join_workers()
    at.run()
    assert not at.exception, at.exception
    _check_results(at, {"stopped", "idle"})
    assert at.dataframe[0].value["finished as"].iloc[0] == "stopped"
    assert "stopped early" in texts(at.success)
    assert not at.button(key="names_race_start").disabled
