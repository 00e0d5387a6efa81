"""Units found by behaviour (rnnviz.analysis.units, LSTMVis' rule) and the Inside page's Units
tab."""

import json

import numpy as np
import pytest

from apphelpers import load_sample, page, train
from rnnviz.analysis import units
from rnnviz.i18n import use
from rnnviz.ui import state


@pytest.fixture(autouse=True)
def _english():
    use("en")


def _states(T=40, H=6, seed=0):
    """Every unit off (well below 0.5) except where a test switches it on."""
    return np.random.default_rng(seed).uniform(-0.9, 0.1, size=(T, H))


def test_a_unit_on_exactly_inside_the_span_ranks_first():
    h = _states()
    h[10:20, 4] = 0.9  # unit 4: on in the span, off elsewhere
    h[12:18, 1] = 0.8  # unit 1: on in part of the span only
    table = units.select_units(h, (10, 20), 0.5)
    assert table["unit"].tolist() == [4, 1]
    assert table.loc[0, "score"] == 1.0
    assert table.loc[1, "score"] == pytest.approx(0.6)


def test_a_unit_on_everywhere_is_excluded():
    h = _states()
    h[:, 2] = 0.95  # on everywhere: the span is not what it answers to
    h[10:20, 3] = 0.9
    scores = units.unit_scores(h, (10, 20), 0.5).set_index("unit")
    assert scores.loc[2, "score"] == 0.0
    assert 2 not in units.select_units(h, (10, 20), 0.5)["unit"].tolist()
    assert units.select_units(h, (10, 20), 0.5)["unit"].tolist() == [3]


def test_search_finds_a_planted_match():
    stream = _states(T=500, H=8, seed=1)
    stream[300:310, [2, 5]] = 0.9  # both units on together here only
    stream[100:110, 2] = 0.9  # one of them alone: half as good
    matches = units.search(stream, [2, 5], 10, 0.5, top=3)
    assert matches[0] == units.Match(300, 1.0)
    assert matches[1].start == 100 and matches[1].score == pytest.approx(0.5)
    # windows never overlap: the runner-up is not the planted match shifted by a step
    assert all(abs(m.start - 300) >= 10 for m in matches[1:])


def test_search_returns_nothing_when_the_units_are_never_on():
    assert units.search(_states(T=100), [0, 1], 5, 0.5) == []


@pytest.mark.parametrize(
    "span, threshold, words",
    [
        ((10, 10), 0.5, "span is empty"),
        ((12, 5), 0.5, "span is empty"),
        ((30, 50), 0.5, "outside the sequence of 40 steps"),
        ((-3, 5), 0.5, "outside the sequence"),
        ((0, 40), 0.5, "whole sequence"),
        ((10, 20), float("nan"), "threshold must be a number"),
        ((10, 20), float("inf"), "threshold must be a number"),
    ],
)
def test_bad_span_or_threshold_says_what_to_do(span, threshold, words):
    with pytest.raises(units.UnitsError, match=words):
        units.select_units(_states(), span, threshold)


def test_bad_search_inputs_say_what_to_do():
    stream = _states(T=20)
    with pytest.raises(units.UnitsError, match="at least one unit"):
        units.search(stream, [], 5, 0.5)
    with pytest.raises(units.UnitsError, match="longer than the data"):
        units.search(stream, [0], 30, 0.5)
    with pytest.raises(units.UnitsError, match="threshold"):
        units.search(stream, [0], 5, float("nan"))


def test_context_marks_the_match():
    assert units.context_text("hello world\nagain", 6, 5, pad=3) == "…lo ⟦world⟧↵ag…"
    assert units.context_values(np.arange(20.0), 2, 3) == "2, 3, 4"


# ---- the Units tab on the Inside page --------------------------------------------------
def _spec(at, key):
    chart = next(c for c in at.get("plotly_chart") if key in c.proto.id)
    return json.loads(chart.proto.spec)


def test_units_tab_ranks_units_and_searches_the_validation_series(app):
    at = train(load_sample(app, "airline"), epochs=2)
    page(at, "inside")
    at.number_input(key="units_threshold").set_value(-1.0).run()  # everything on: none listed
    assert not at.exception, at.exception
    assert any("No unit is on inside the span" in i.value for i in at.info)
    # tanh states are always above -1: the search finds the chosen unit on everywhere
    matches = next(df.value for df in at.dataframe if "start step" in df.value.columns)
    assert len(matches) == units.TOP_MATCHES and (matches["on together"] == 1.0).all()
    starts = np.sort(matches["start step"].to_numpy())
    lo, hi = at.slider(key="units_span").value
    assert (np.diff(starts) >= hi - lo + 1).all()  # as long as the span, never overlapping
    at.number_input(key="units_threshold").set_value(0.0).run()
    at.slider(key="units_span").set_value((2, 5)).run()
    assert not at.exception, at.exception
    run = state.RUN.get(at.session_state)
    assert len(_spec(at, "units_probes")["data"]) == len(run.job.recorder.starts)
    stream = _spec(at, "units_stream")
    assert stream["data"][0]["type"] == "scatter" and stream["layout"]["shapes"]


def test_units_tab_colours_the_validation_text(app):
    at = train(load_sample(app, "shakespeare"), epochs=1)
    page(at, "inside")
    assert not at.exception, at.exception
    text = _spec(at, "units_text")
    assert text["data"][0]["type"] == "heatmap"
