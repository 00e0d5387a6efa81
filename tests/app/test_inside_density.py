"""The Inside page calm enough to teach from: a colour scale per page, gate insight
that explains "0 / 0 / 32", one download menu per tab, Play at the top of every animation,
text runs labelled with their characters, and figure text that reads the same in Chinese
and at the projector."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import chart_spec, load_sample, page, spec_array, texts, train
from conftest import ROOT
from rnnviz import figures as F
from rnnviz import i18n
from rnnviz.figures.inside import char_ticks
from rnnviz.figures.insight import gate_mean_histogram


@pytest.fixture(scope="module")
def inside():
    """The temperature sample, the default LSTM trained 2 epochs, on the Inside page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    load_sample(at, "temperature")
    train(at, epochs=2)
    return page(at, "inside")


@pytest.fixture
def presenting():
    F.use_present(True)
    yield
    F.use_present(False)


def _heatmap(at, key: str) -> dict:
    return next(d for d in chart_spec(at, key)["data"] if d["type"] == "heatmap")


# ---- 1. colour scale ------------------------------------------------------------------


def test_hidden_state_is_scaled_to_the_data_by_default_and_fixed_on_request(inside):
    at = inside
    assert at.radio(key="color_scale").value == "data"
    heat = _heatmap(at, "hidden_anim")
    assert heat["zmin"] == -heat["zmax"] and 0 < heat["zmax"] < 1  # a short-trained LSTM
    assert heat["colorbar"]["title"]["text"] == "value (scaled to data)"
    over = [d for d in chart_spec(at, "snap_heat")["data"] if d["type"] == "heatmap"]
    assert over[0]["zmax"] == over[-1]["zmax"] < 1  # one range for every snapshot
    bars = chart_spec(at, "gate_anim")["layout"]  # panels i f g o c h: h is the sixth
    assert bars["yaxis6"]["range"] == [-heat["zmax"], heat["zmax"]]  # the bars follow it
    assert bars["yaxis5"]["range"][1] < 1  # and the cell state is scaled to its data
    at.radio(key="color_scale").set_value("fixed").run()
    assert not at.exception, at.exception
    heat = _heatmap(at, "hidden_anim")
    assert (heat["zmin"], heat["zmax"]) == (-1, 1)
    assert chart_spec(at, "gate_anim")["layout"]["yaxis6"]["range"] == [-1, 1]
    assert heat["colorbar"]["title"]["text"] == "value (fixed scale)"
    assert _heatmap(at, "snap_heat")["zmax"] == 1
    at.radio(key="color_scale").set_value("data").run()


def test_color_range_keeps_relu_from_zero():
    from rnnviz.ui.inside_controls import color_range

    h = np.array([[0.0, 0.3], [2.5, np.nan]], np.float32)
    assert color_range(h, relu=True, scale="fixed") == color_range(h, True, "data") == (0.0, 2.5)
    assert color_range(h, relu=False, scale="fixed") is None  # the builders' ±1
    assert color_range(h, relu=False, scale="data") == (-2.5, 2.5)


# ---- 2. gate insight ------------------------------------------------------------------


def test_all_mixed_units_get_a_conclusion_and_a_histogram_with_the_thresholds(inside):
    at = inside
    counts = [int(m.value) for m in at.metric]
    hist = chart_spec(at, "gate_hist")
    assert spec_array(hist["data"][0]["y"]).sum() == sum(counts) == 32  # every unit in a bin
    lines = sorted(s["x0"] for s in hist["layout"]["shapes"] if s["type"] == "line")
    assert lines == [0.1, 0.9]
    assert {"0.1", "0.9"} <= set(hist["layout"]["xaxis"]["ticktext"])
    assert "dashed lines are these thresholds" in texts(at.caption)
    said = texts(at.info)
    if counts[:2] == [0, 0]:  # the default model after 2 epochs: "0 / 0 / 32"
        assert "What to conclude from 0 / 0 / 32" in said and "adding task" in said
    else:
        assert "What to conclude" not in said


def test_histogram_counts_units_per_bin_and_colours_the_zones():
    mean = np.array([0.05, 0.5, 0.52, 0.95, np.nan])
    fig = gate_mean_histogram(mean, 0.1, 0.9)
    bars = fig.data[0]
    assert np.asarray(bars.y).sum() == 4  # NaN (a unit with no finite step) left out
    colours = bars.marker.color
    assert colours[1] == F.gate_share_figure.__globals__["BACKWARD_COLOR"]  # 0.05-0.10: reset
    assert colours[-1] == F.gate_share_figure.__globals__["FORWARD_COLOR"]
    assert colours[10] == "#d0d0d0"
    assert [a.text for a in fig.layout.annotations] == ["← reset zone", "memory zone →"]
    assert [a.x for a in fig.layout.annotations] == [0.1, 0.9]  # at the thresholds


# ---- 3. one download menu per tab ------------------------------------------------------


def test_one_download_button_per_tab(inside):
    keys = sorted(b.key for b in inside.download_button)
    assert keys == ["dl_grads", "dl_insight", "dl_steps", "dl_training"], keys
    pick = inside.selectbox(key="dl_steps_pick")
    assert pick.options[0].startswith("Hidden state")
    pick.set_value(1).run()
    assert not inside.exception, inside.exception


# ---- 4. Play at the top ----------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        lambda: F.hidden_fill_animation(np.zeros((12, 4)), inputs=np.zeros(12)),
        lambda: F.gate_bars_animation({"f": np.full((5, 3), 0.5)}, list("abcde")),
        lambda: F.grad_norm_animation(np.random.rand(3, 1, 1, 5), ["a", "b", "c"]),
    ],
)
def test_play_buttons_sit_above_the_plot_under_the_title(build):
    fig = build()
    (menu,) = fig.layout.updatemenus
    assert menu.y == 1 and menu.yanchor == "bottom"  # the top of the chart, not under it
    room = fig.layout.margin.t
    assert room >= menu.pad.b + 36 + 30  # the buttons' row and the title's above them
    assert fig.layout.title.yref == "container" and fig.layout.title.y == 1
    assert fig.layout.sliders[0].y == 0  # the timeline stays under the plot


def test_buttons_clear_a_top_legend_and_subplot_titles():
    plain = F.hidden_fill_animation(np.zeros((6, 2)))
    legend = F.grad_norm_animation(np.random.rand(3, 1, 2, 5), ["a", "b", "c"])
    panels = F.gate_bars_animation({"f": np.full((5, 3), 0.5)}, list("abcde"))
    assert plain.layout.updatemenus[0].pad.b < legend.layout.updatemenus[0].pad.b
    assert panels.layout.updatemenus[0].pad.b >= 30


# ---- 5. text runs ----------------------------------------------------------------------


def test_a_64_step_text_run_is_labelled_with_its_characters():
    text = ("to be or not\nto be " * 6)[:64]
    fig = F.hidden_fill_animation(np.zeros((64, 8)), input_text=list(text))
    x = fig.layout.xaxis2
    assert x.tickmode == "array" and len(x.tickvals) <= 40  # every k-th: no overlap
    k = x.tickvals[1] - x.tickvals[0]
    assert list(x.tickvals) == list(range(0, 64, k))
    assert list(x.ticktext) == [{" ": "·", "\n": "↵"}.get(text[i], text[i]) for i in x.tickvals]
    assert char_ticks("abc")["tickvals"] == [0, 1, 2]  # short runs: every character


def test_presenting_labels_fewer_characters(presenting):
    assert len(char_ticks("x" * 64)["tickvals"]) < 64 / 1.5


# ---- 6. Lab gradients slider ------------------------------------------------------------


def test_lab_gradient_slider_reads_snapshot_step():
    from rnnviz.ui.lab_gradients import _grad_figure

    fig = _grad_figure(
        np.random.rand(2, 1, 1, 5) + 0.1, ["step 300", "step 600"], "LSTM", -3.0, 1.0
    )
    slider = fig.layout.sliders[0]
    assert slider.currentvalue.prefix + slider.steps[-1].label == "snapshot: step 600"


# ---- 7. presentation mode: colour bars ---------------------------------------------------


def test_presenting_colour_bar_ticks_are_large(presenting):
    heat = F.hidden_fill_animation(np.zeros((6, 3)))
    maps = F.gate_heatmaps({"f": np.full((6, 3), 0.5), "c": np.linspace(-3, 3, 18).reshape(6, 3)})
    text = F.char_activation_figure("abc", np.zeros(3))
    bars = [
        heat.data[-1].colorbar,
        maps.layout.coloraxis.colorbar,
        maps.layout.coloraxis2.colorbar,
        text.data[0].colorbar,
    ]
    assert all(b.tickfont.size >= 16 and b.title.font.size >= 16 for b in bars)


def test_normal_colour_bars_keep_the_theme():
    assert F.hidden_fill_animation(np.zeros((6, 3))).data[-1].colorbar.tickfont.size is None


# ---- 8. Chinese date axes ----------------------------------------------------------------


def test_chinese_date_axes_use_numeric_dates():
    x = np.arange("2020-01-01", "2020-03-01", dtype="datetime64[D]")
    y = np.arange(len(x), dtype=float)
    i18n.use("zh")
    try:
        figs = [
            F.series_figure(x, {"a": y}),
            F.prediction_figure(x, y, {"model": y}),
            F.window_animation(x, y, 7, 1, [0, 10]),
        ]
        numeric = F.series_figure(np.arange(5), {"a": np.arange(5.0)})
    finally:
        i18n.use("en")
    for fig in figs:
        assert fig.layout.xaxis.tickformat == "%Y-%m-%d" == fig.layout.xaxis.hoverformat
    assert numeric.layout.xaxis.tickformat is None  # a number axis keeps its own format
    assert F.series_figure(x, {"a": y}).layout.xaxis.tickformat is None  # English: plotly's
