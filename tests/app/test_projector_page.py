"""At the projector: readable loss axes, the many-to-one diagram, parameters that
add up, ties called ties, and presentation mode (large figure text, carried by the link)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import load_sample, page, spec_array, texts
from conftest import ROOT
from rnnviz import figures as F
from rnnviz import i18n
from rnnviz.data.prep import SeriesConfig
from rnnviz.experiments import race
from rnnviz.figures import _anim
from rnnviz.model import summary
from rnnviz.model.network import ModelConfig, build_model, count_parameters
from rnnviz.session import schema
from rnnviz.ui import state


@pytest.fixture
def presenting():
    F.use_present(True)
    yield
    F.use_present(False)


# ---- loss chart -----------------------------------------------------------------------


def test_loss_axis_labels_decades_only_and_hover_is_exact():
    fig = F.loss_figure(np.arange(50), np.geomspace(2.0, 1e-4, 50), loss="mse")
    y = fig.layout.yaxis
    assert y.type == "log" and y.dtick == 1  # 1, 0.1, 0.01 ...: no "2 3 4 ... 9"
    assert y.exponentformat == "none"  # 0.0001, not "100µ"
    assert "%{y:.6g}" in fig.data[0].hovertemplate
    assert y.title.text == "loss: mean squared error (MSE)"  # the caption says on what


def test_loss_within_one_decade_still_has_labels():
    fig = F.loss_figure(np.arange(5), [0.05, 0.04, 0.03, 0.03, 0.02])
    assert fig.layout.yaxis.dtick == "D2"  # no decade inside the range: 1-2-5 ticks


def test_text_loss_has_the_uniform_guess_line():
    fig = F.loss_figure(
        np.arange(5), [4.5, 3.0, 2.5, 2.2, 2.0], loss="cross_entropy", vocab_size=65
    )
    assert fig.layout.yaxis.title.text == "loss: cross-entropy (nats)"
    (line,) = fig.layout.shapes
    assert line.y0 == line.y1 == pytest.approx(math.log(65))
    assert "uniform guess: ln 65 = 4.17" in fig.layout.annotations[0].text
    assert not F.loss_figure(np.arange(3), [1.0, 0.5, 0.2]).layout.shapes  # series: none


def test_loss_axis_names_the_loss_in_chinese():
    i18n.use("zh")
    try:
        fig = F.loss_figure([0, 1], [1.0, 0.5], loss="cross_entropy", vocab_size=10)
    finally:
        i18n.use("en")
    assert "交叉熵" in fig.layout.yaxis.title.text and "均匀猜测" in fig.layout.annotations[0].text


# ---- unrolled diagram -----------------------------------------------------------------


def _outputs(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.text and a.text.startswith("y<sub>")]


def test_many_to_one_diagram_has_one_output_at_the_last_step():
    one = F.unrolled_figure(2, True, steps=30, mode="many_to_one")
    assert _outputs(one) == ["y<sub>30</sub>"]
    many = F.unrolled_figure(2, True, steps=30, mode="many_to_many")
    assert _outputs(many) == [f"y<sub>{k}</sub>" for k in (1, 2, 3, 4, 30)]
    assert _outputs(F.unrolled_figure(1, False, steps=3, mode="many_to_one")) == ["y<sub>3</sub>"]


def test_model_page_draws_the_data_mode(app):
    load_sample(app, "airline")  # a series sample: many-to-one by default
    page(app, "model")
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    outs = [
        a["text"] for a in spec["layout"]["annotations"] if a.get("text", "").startswith("y<sub>")
    ]
    assert len(outs) == 1


# ---- parameters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cfg",
    [
        ModelConfig(),
        ModelConfig(cell="gru", num_layers=3, bidirectional=True, output_size=2),
        ModelConfig(cell="rnn_tanh", mode="char_lm", vocab_size=40, input_size=8),
    ],
)
def test_parameter_parts_add_up_to_the_model(cfg):
    parts = summary.parameter_parts(cfg)
    assert sum(n for *_, n in parts) == count_parameters(build_model(cfg))
    assert parts[-1][0] == "head"
    assert {c: n for c, _, n in parts}["recurrent"] == summary.recurrent_parameter_count(cfg)


def test_model_page_shows_the_head_and_the_sum(app):
    page(app, "model")
    shown = texts(app.markdown)
    assert "nn.Linear (Keras: Dense)" in shown and "| 33 |" in shown  # 1 · (32 + 1)
    assert "**4,513**" in shown and "| 4,480 |" in shown  # the heading's total, as a sum


# ---- compare: ties --------------------------------------------------------------------

ROWS = [
    {"model": "gru_bi", "validation_loss": 0.1000, "parameters": 30, "steps": 5, "state": "done"},
    {"model": "lstm", "validation_loss": 0.1015, "parameters": 40, "steps": 5, "state": "done"},
]


def test_a_gap_under_two_percent_is_a_tie_in_both_languages():
    assert race.winner_sentence(ROWS).startswith("**GRU bi** and **LSTM** tie")
    assert "wins" not in race.winner_sentence(ROWS)
    i18n.use("zh")
    try:
        zh = race.winner_sentence(ROWS)
    finally:
        i18n.use("en")
    assert "打平" in zh and "获胜" not in zh


def test_a_clear_gap_wins_unless_within_the_noise():
    rows = [ROWS[0], {**ROWS[1], "validation_loss": 0.12}]
    assert race.winner_sentence(rows).startswith("**GRU bi** wins")
    noisy = [{**rows[0], "validation_noise": 0.03}, rows[1]]  # 0.02 apart, noise 0.03
    assert "tie" in race.winner_sentence(noisy)
    assert race._spread([0.5, 0.2, 0.21, 0.25]) == pytest.approx(0.05)
    assert race._spread([0.2, 0.3]) is None  # too few evaluations to say


# ---- presentation mode ----------------------------------------------------------------


def test_present_is_a_link_setting_read_as_0_or_1():
    s = schema.PRESENT
    assert (s.key, s.kind, s.default) == ("present", "bool", False)
    assert schema.parse(s, "1") is True and schema.parse(s, "0") is False
    with pytest.raises(ValueError):
        schema.parse(s, "yes")
    assert s.label in i18n.CATALOG and s.help in i18n.CATALOG


def _tick_size(fig) -> float:
    """The size an x axis draws its ticks at in Streamlit: its own, else 12 px (the chart
    theme's, whatever the figure's font or template say), so presenting must name one."""
    x = fig.layout.xaxis
    return x.tickfont.size if x and x.tickfont and x.tickfont.size else 12


BUILT = {
    "loss": lambda: F.loss_figure([0, 1], [1.0, 0.5]),
    "diagram": lambda: F.unrolled_figure(1, False),
    "grad": lambda: F.grad_norm_animation(np.random.rand(2, 1, 1, 5), ["a", "b"]),
    "series": lambda: F.series_figure(np.arange(5), {"a": np.arange(5.0)}),
}


@pytest.mark.parametrize("name", sorted(BUILT))
def test_presenting_makes_figure_text_large(name, presenting):
    fig = BUILT[name]()
    assert _tick_size(fig) >= 16 and fig.layout.title.font.size >= 22
    if fig.layout.sliders:
        assert fig.layout.sliders[0].currentvalue.font.size >= 16


@pytest.mark.parametrize("name", sorted(BUILT))
def test_normal_figures_keep_their_size(name):
    fig = BUILT[name]()
    assert _tick_size(fig) == 12 and not fig.layout.title.font.size


def test_the_mode_is_per_run_not_global():
    """One server serves a presenting teacher and a student: a thread that set nothing
    (and has no session) draws normal figures."""
    import threading

    F.use_present(True)
    seen = []
    worker = threading.Thread(target=lambda: seen.append(_anim.presenting()))
    worker.start()
    worker.join()
    F.use_present(False)
    assert seen == [False]


def _app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def test_link_with_present_1_turns_it_on_and_the_link_keeps_it():
    at = _app(present="1")
    assert at.toggle(key="present").value is True
    assert at.query_params.get("present") in ("1", ["1"])
    page(at, "model")  # figures of a presenting session are large
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] >= 16 and spec["layout"]["title"]["font"]["size"] >= 22
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params  # off: a plain link
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] < 16


def test_switching_present_on_writes_it_into_the_link(app):
    assert app.toggle(key="present").value is False and "present" not in app.query_params
    app.toggle(key="present").set_value(True).run()
    assert app.query_params.get("present") in ("1", ["1"])


def test_a_bad_present_value_is_said_and_ignored():
    at = _app(present="maybe")
    assert at.toggle(key="present").value is False
    assert any("present='maybe'" in str(x.value) for x in at.toast)


# ---- data page: the window's minimum ---------------------------------------------------


def test_the_window_box_says_its_range(app):
    """Typing 1 in the window box was refused by the browser with a red icon and no word:
    the box's help says the schema's range, and a window of 1 (a tutorial's) is accepted."""
    load_sample(app, "airline")
    box = app.number_input(key="window")
    s = schema.get(SeriesConfig, "window")
    assert box.min == s.lo == 1 and f"Allowed: 1 to {s.hi:,}." in box.help
    box.set_value(1).run()
    assert not app.exception and state.PREP_CFG.get(app.session_state).window == 1
    app.number_input(key="horizon")  # every number box of the schema says it
    assert "Allowed: 1 to 365." in app.number_input(key="horizon").help


# ---- inside: over training ------------------------------------------------------------


def _slider_labels(spec) -> tuple[str, list[str]]:
    slider = spec["layout"]["sliders"][0]
    return slider["currentvalue"]["prefix"], [s["label"] for s in slider["steps"]]


def test_snapshot_animation_reads_training_steps_from_snapshot_0():
    stack = np.zeros((3, 4, 2), np.float32)
    loss = np.array([0.9, 0.5, 0.25], np.float32)
    fig = F.snapshot_heatmap_animation(
        stack, ["0", "1", "2"], loss=loss, loss_x=np.array([0, 1, 2])
    )
    spec = json.loads(fig.to_json())
    prefix, steps = _slider_labels(spec)
    assert prefix == "training step: " and steps == ["0", "1", "2"]
    line = fig.data[-2]
    assert list(np.asarray(line.x)) == [0, 1, 2] and "markers" in line.mode  # each snapshot
    axis = fig.layout.xaxis2
    assert axis.title.text == "training step" and axis.dtick == 1  # no 0.5 ticks


def test_inside_over_training_says_training_step(app):
    from apphelpers import train

    load_sample(app, "airline")
    train(app, epochs=2)
    page(app, "inside")
    charts = {c.key: json.loads(c.proto.spec) for c in app.get("plotly_chart")}
    specs = list(charts.values())
    over = [charts["snap_heat"], charts["snap_gates"]]  # the Over training tab's animations
    for spec in over:
        prefix, steps = _slider_labels(spec)
        assert prefix == "training step: " and steps[0] == "0" and steps[-1].isdigit()
    heat = next(s for s in over if any(d["type"] == "heatmap" for d in s["data"]))
    line = next(d for d in heat["data"] if d["type"] == "scatter" and "lines" in d["mode"])
    x, y = (spec_array(line[k]) for k in ("x", "y"))
    assert x[0] == 0 and np.isfinite(y[0])  # the untrained model has a loss point too
    for spec in specs:  # no slider says "time step: step 800" any more
        if spec["layout"].get("sliders"):
            prefix, steps = _slider_labels(spec)
            assert not ("time step" in prefix and steps[-1].startswith("step")), prefix


def test_small_loss_row_labels_decades_and_the_slider_clears_the_buttons():
    loss = np.geomspace(2.0, 0.005, 5).astype(np.float32)
    fig = F.snapshot_heatmap_animation(
        np.zeros((5, 4, 2), np.float32), list("01234"), loss=loss, loss_x=np.arange(0, 50, 10)
    )
    assert fig.layout.yaxis2.type == "log" and fig.layout.yaxis2.dtick == 1
    slider = fig.layout.sliders[0]
    (menu,) = fig.layout.updatemenus  # Play and Pause went to the top: the slider has the row
    assert slider.x == 0 and slider.y == 0 and (menu.y, menu.yanchor) == (1, "bottom")
