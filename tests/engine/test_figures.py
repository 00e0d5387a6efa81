"""Figure builders: shapes of traces and frames, fixed colour ranges, sizes, escaping."""

from __future__ import annotations

import json
import pathlib
import re
import time

import numpy as np
import plotly.graph_objects as go
import pytest

from rnnviz import figures as F
from rnnviz.figures._anim import merge_labels, minmax_indices, packed, subsample, unpacked

RNG = np.random.default_rng(0)
FIVE_MB = 5_000_000


def _sigmoid(a):
    return 1 / (1 + np.exp(-a))


def _tanh_states(*shape):
    return np.tanh(RNG.normal(size=shape)).astype(np.float32)


def _timed(label, build):
    """Build twice (the first call also pays plotly's one-off validator set-up) and print
    the second build's time, the JSON time and size. Printed, not asserted: timings vary."""
    build()
    t0 = time.perf_counter()
    fig = build()
    t1 = time.perf_counter()
    size = len(fig.to_json())
    print(
        f"\n{label}: built in {t1 - t0:.3f} s, to_json {time.perf_counter() - t1:.3f} s, "
        f"{size / 1e6:.2f} MB, {len(fig.frames)} frames"
    )
    return fig, size


def _play_args(fig):
    (menu,) = fig.layout.updatemenus
    play, pause = menu.buttons
    return play, pause


def _frame_array(fig, frame, trace, attr="z"):
    return unpacked(getattr(fig.frames[frame].data[trace], attr))


def _lstm_panels(T=20, H=6):
    return {
        "input gate i": _sigmoid(RNG.normal(size=(T, H))),
        "forget gate f": _sigmoid(RNG.normal(size=(T, H))),
        "candidate g": np.tanh(RNG.normal(size=(T, H))),
        "output gate o": _sigmoid(RNG.normal(size=(T, H))),
        "cell state c": 3 * RNG.normal(size=(T, H)),
        "hidden h": np.tanh(RNG.normal(size=(T, H))),
    }


# ---- shared plumbing ------------------------------------------------------------------


@pytest.mark.parametrize("n,cap", [(0, 5), (1, 5), (5, 5), (6, 5), (200, 60), (1001, 100)])
def test_subsample_caps_and_keeps_ends(n, cap):
    idx = subsample(n, cap)
    assert len(idx) <= cap
    assert len(idx) == min(n, cap)
    assert np.all(np.diff(idx) > 0)
    if n:
        assert idx[0] == 0 and idx[-1] == n - 1


def test_packed_frames_are_plain_rounded_lists():
    """Streamlit's plotly.js does not decode base64 typed arrays inside frames."""
    a = RNG.normal(size=(3, 7)).astype(np.float32)
    spec = packed(a)
    assert spec.dtype == object and spec.shape == (3, 7)
    shown = json.loads(go.Figure(frames=[{"data": [{"type": "heatmap", "z": spec}]}]).to_json())
    assert isinstance(shown["frames"][0]["data"][0]["z"], list)
    np.testing.assert_allclose(unpacked(spec), a, rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(unpacked(packed(a[0])), a[0], rtol=1e-4, atol=1e-7)


def test_minmax_indices_keeps_a_spike_and_the_ends():
    values = RNG.random(100_001)
    values[54_321] = 50.0
    idx = minmax_indices(values, 1000)
    assert len(idx) <= 1002
    assert 54_321 in idx and idx[0] == 0 and idx[-1] == 100_000
    np.testing.assert_array_equal(minmax_indices(values[:10], 1000), np.arange(10))


def test_unknown_label_key_is_an_error():
    with pytest.raises(ValueError, match="titel"):
        merge_labels({"title": "x"}, {"titel": "y"})
    with pytest.raises(ValueError):
        F.loss_figure([], [], labels={"no such key": "x"})


# ---- hidden states --------------------------------------------------------------------


def test_hidden_fill_frames_reveal_columns_up_to_k():
    h = _tanh_states(30, 8)
    fig = F.hidden_fill_animation(h)
    assert isinstance(fig, go.Figure)
    assert len(fig.frames) == 30
    heat = fig.data[0]
    np.testing.assert_array_equal(np.asarray(heat.z), h.T)  # static view: the full map
    assert (heat.zmin, heat.zmax) == (-1, 1)
    for k in (0, 7, 29):  # frame k hides the steps after k under a white curtain
        curtain = fig.frames[k].layout.shapes[0]
        assert (curtain.x0, curtain.x1, curtain.fillcolor) == (k + 0.5, 29.5, "white")
    assert list(fig.layout.xaxis.range) == [-0.5, 29.5]
    assert fig.layout.sliders[0].active == 29
    assert [s.label for s in fig.layout.sliders[0].steps][:3] == ["0", "1", "2"]


def test_hidden_fill_input_row_and_cursor():
    h, x = _tanh_states(12, 4), RNG.normal(size=(12, 2))
    fig = F.hidden_fill_animation(h, inputs=x, input_names=["temp", "<b>rain</b>"])
    names = [t.name for t in fig.data if t.type == "scatter" and t.name]
    assert names == ["temp", "&lt;b&gt;rain&lt;/b&gt;"]
    assert fig.frames[5].traces == (0,)  # only the cursor moves; the heatmap stays
    cursor = fig.frames[5].data[0]
    np.testing.assert_array_equal(unpacked(cursor.x), [5, 5])
    np.testing.assert_allclose(unpacked(cursor.y), x[5], rtol=1e-4)
    assert fig.layout.yaxis2.domain[1] < fig.layout.yaxis.domain[0]  # input row on top


def test_hidden_fill_text_input_is_escaped():
    text = "<b>hi</b> 你好"
    h = _tanh_states(len(text), 5)
    fig = F.hidden_fill_animation(h, input_text=text)
    chars = next(t for t in fig.data if t.mode == "text").text
    assert chars[0] == "&lt;" and chars[2] == "&gt;" and "你" in chars and "·" in chars
    with pytest.raises(ValueError):
        F.hidden_fill_animation(h, input_text=text + "x")


def test_hidden_fill_user_range_for_relu():
    h = np.abs(RNG.normal(size=(10, 3))).astype(np.float32) * 4
    fig = F.hidden_fill_animation(h, zrange=(0, 4))
    assert (fig.data[0].zmin, fig.data[0].zmax) == (0, 4)
    # No diverging scale when 0 is the bottom: white would mean "0" nowhere near the middle.
    assert fig.data[0].colorscale != F.hidden_fill_animation(h).data[0].colorscale
    with pytest.raises(ValueError):
        F.hidden_fill_animation(h, zrange=(1, 1))


def test_hidden_fill_default_size_is_small_and_float32():
    fig, size = _timed(
        "hidden_fill_animation 64 units x 100 steps",
        lambda: F.hidden_fill_animation(_tanh_states(100, 64), inputs=RNG.normal(size=100)),
    )
    assert size < FIVE_MB
    assert len(fig.frames) == 100
    spec = json.loads(fig.to_json())
    heat = [t for t in spec["data"] if t["type"] == "heatmap"][0]["z"]
    assert heat["dtype"] == "f4" and "bdata" in heat  # the big array travels as float32
    assert "bdata" not in json.dumps(spec["frames"])  # frames: no base64 (not drawn there)
    play, _ = _play_args(fig)
    assert play.args[1]["frame"]["redraw"] is True


def test_hidden_fill_long_sequence_is_subsampled_with_real_step_labels():
    fig = F.hidden_fill_animation(_tanh_states(250, 4))
    labels = [s.label for s in fig.layout.sliders[0].steps]
    assert len(fig.frames) <= 100
    assert labels[0] == "0" and labels[-1] == "249"
    assert fig.frames[-1].layout.shapes[0].x0 == 249.5  # the last frame shows all 250 steps


def test_player_labels_are_translatable():
    fig = F.hidden_fill_animation(
        _tanh_states(5, 2), labels={"play": "播放", "pause": "暂停", "slider": "时间步："}
    )
    play, pause = _play_args(fig)
    assert (play.label, pause.label) == ("播放", "暂停")
    assert fig.layout.sliders[0].currentvalue.prefix == "时间步："
    assert list(pause.args[0]) == [None] and play.args[0] is None  # pause vs play all


# ---- gates ----------------------------------------------------------------------------


def test_default_range():
    assert F.default_range(np.array([0.1, 0.9])) == (0.0, 1.0)
    assert F.default_range(np.array([-0.5, 0.9])) == (-1.0, 1.0)
    assert F.default_range(np.array([0.0, 7.0])) == (0.0, 7.0)
    assert F.default_range(np.array([-3.0, 2.0])) == (-3.0, 3.0)


def test_gate_bars_one_panel_per_gate_with_fixed_ranges():
    panels = _lstm_panels(T=12, H=6)
    fig = F.gate_bars_animation(panels, [f"t={k}" for k in range(12)])
    assert len(fig.data) == 6 and len(fig.frames) == 12
    assert all(t.type == "bar" for t in fig.data)
    gate = fig.data[0]
    assert (gate.marker.cmin, gate.marker.cmax) == (0, 1)
    assert list(fig.layout.yaxis.range) == [0, 1]
    assert list(fig.layout.yaxis3.range) == [-1, 1]  # candidate g: tanh
    lo, hi = fig.layout.yaxis5.range  # cell state: symmetric around 0
    assert lo == -hi and hi >= np.abs(panels["cell state c"]).max() - 1e-5
    np.testing.assert_allclose(_frame_array(fig, 4, 1, "y"), panels["forget gate f"][4], rtol=1e-4)
    assert "t=4" in fig.frames[4].data[1].hovertemplate
    assert [s.label for s in fig.layout.sliders[0].steps][-1] == "t=11"


def test_gate_bars_serves_snapshots_and_user_ranges():
    panels = {"r": _sigmoid(RNG.normal(size=(3, 5))), "h": 5 * RNG.normal(size=(3, 5))}
    fig = F.gate_bars_animation(
        panels,
        ["step 0", "step 50", "step 100"],
        ranges={"h": (-10, 10)},
        labels={"slider": "snapshot: "},
    )
    assert list(fig.layout.yaxis2.range) == [-10, 10]
    assert fig.layout.sliders[0].currentvalue.prefix == "snapshot: "
    with pytest.raises(ValueError):
        F.gate_bars_animation(panels, ["only one label"])


def test_gate_heatmaps_share_one_fixed_scale_for_sigmoid_gates():
    panels = _lstm_panels(T=15, H=4)
    fig = F.gate_heatmaps(panels)
    assert len(fig.data) == 6 and not fig.frames
    axes = {t.coloraxis for t in fig.data}
    sig = fig.layout[fig.data[0].coloraxis]
    assert (sig.cmin, sig.cmax) == (0, 1)
    assert fig.data[1].coloraxis == fig.data[3].coloraxis == fig.data[0].coloraxis
    assert fig.layout[fig.data[2].coloraxis].cmin == -1
    assert len(axes) == 3  # sigmoid, tanh, the cell state's own
    np.testing.assert_array_equal(
        np.asarray(fig.data[0].z), panels["input gate i"].T.astype(np.float32)
    )


# ---- over training --------------------------------------------------------------------


def test_snapshot_heatmap_default_size_subsampled():
    stack = _tanh_states(200, 100, 64)
    loss = np.exp(-np.arange(200) / 50)
    labels = [f"step {10 * s}" for s in range(200)]
    fig, size = _timed(
        "snapshot_heatmap_animation 200 x 100 x 64",
        lambda: F.snapshot_heatmap_animation(stack, labels, loss=loss),
    )
    assert size < FIVE_MB
    steps = [s.label for s in fig.layout.sliders[0].steps]
    assert len(fig.frames) <= 60 and steps[0] == "step 0" and steps[-1] == "step 1990"
    heats = [t for t in fig.data if t.type == "heatmap"]
    assert len(heats) == len(fig.frames)  # one trace per shown snapshot, in the data
    np.testing.assert_allclose(np.asarray(heats[-1].z), stack[-1].T)
    np.testing.assert_allclose(np.asarray(heats[0].z), stack[0].T)
    assert [t.visible for t in heats].count(True) == 1 and heats[-1].visible
    shown = [d.visible for d in fig.frames[10].data[: len(heats)]]
    assert shown.count(True) == 1 and shown[10]
    k = int(steps[10].split()[1]) // 10
    np.testing.assert_allclose(_frame_array(fig, 10, len(heats), "y"), [loss[k]], rtol=1e-4)
    assert fig.layout.yaxis2.type == "log"
    play, _ = _play_args(fig)
    assert play.args[1]["frame"]["redraw"] is True


def test_snapshot_heatmap_without_loss():
    fig = F.snapshot_heatmap_animation(_tanh_states(3, 5, 2), ["a", "b", "c"])
    assert len(fig.data) == 3 and len(fig.frames) == 3  # one heatmap per snapshot, no loss row


def test_pca_recovers_a_planar_trajectory():
    t = np.linspace(0, 2 * np.pi, 50)
    basis = np.linalg.qr(RNG.normal(size=(16, 2)))[0]  # two orthonormal directions
    h = np.outer(3 * np.cos(t), basis[:, 0]) + np.outer(np.sin(t), basis[:, 1]) + 0.5
    points, share = F.pca_project(h)
    assert share[0] > share[1] and share.sum() == pytest.approx(1.0)
    a, b = 3 * np.cos(t), np.sin(t)
    np.testing.assert_allclose(np.abs(points[:, 0]), np.abs(a - a.mean()), atol=1e-4)
    np.testing.assert_allclose(np.abs(points[:, 1]), np.abs(b - b.mean()), atol=1e-4)


def test_pca_animation_draws_itself():
    h = np.cumsum(RNG.normal(size=(40, 8)), axis=0)
    fig = F.pca_trajectory_animation(h)
    assert len(fig.frames) == 40
    assert len(unpacked(fig.frames[9].data[0].x)) == 10
    assert "PC1" in fig.layout.xaxis.title.text
    assert F.pca_project(np.ones((5, 3)))[0].shape == (5, 2)  # constant: no crash


# ---- series ---------------------------------------------------------------------------


def test_series_figure_splits_and_range_slider():
    x = np.arange("2020-01-01", "2022-01-01", dtype="datetime64[D]")
    y = np.sin(np.arange(len(x)) / 20)
    fig = F.series_figure(x, {"temp <°C>": y, "other": y * 2}, split_at=[500, 600])
    assert [t.name for t in fig.data] == ["temp &lt;°C&gt;", "other"]
    shapes = fig.layout.shapes
    assert len(shapes) == 3
    assert shapes[1].x0.startswith(str(x[500])) and shapes[2].x1.startswith(str(x[-1]))
    assert fig.layout.xaxis.rangeslider.visible is True
    small = F.series_figure(np.arange(50), {"a": np.arange(50.0)})
    assert not small.layout.xaxis.rangeslider.visible and not small.layout.shapes


def test_series_figure_thins_a_million_rows():
    y = RNG.random(1_000_000)
    y[777_777] = 9.0
    fig, size = _timed(
        "series_figure 1M rows", lambda: F.series_figure(np.arange(len(y)), {"y": y})
    )
    assert len(fig.data[0].y) <= 20_002 and fig.data[0].y.max() == pytest.approx(9.0)
    assert size < FIVE_MB


def test_window_animation_many_to_one():
    y = np.arange(100.0) ** 0.5
    fig = F.window_animation(np.arange(100), y, window=10, horizon=3, starts=range(0, 60, 2))
    assert len(fig.frames) == 30
    s = 2 * 7
    np.testing.assert_allclose(_frame_array(fig, 7, 1, "y"), y[s : s + 10], rtol=1e-4)
    np.testing.assert_allclose(_frame_array(fig, 7, 2, "y"), [y[s + 9 + 3]], rtol=1e-4)
    np.testing.assert_allclose(_frame_array(fig, 7, 2, "x"), [s + 12], rtol=1e-4, atol=1e-7)
    assert fig.frames[7].traces == (1, 2, 3)
    with pytest.raises(ValueError):
        F.window_animation(np.arange(100), y, window=10, horizon=3, starts=[88])


def test_window_animation_many_to_many_dates_and_cap():
    x = np.arange("2021-01-01", "2021-12-31", dtype="datetime64[D]")
    y = RNG.normal(size=len(x))
    fig = F.window_animation(x, y, window=7, horizon=2, starts=range(0, 300), many_to_many=True)
    assert len(fig.frames) <= 40
    last = int(fig.layout.sliders[0].steps[-1].label)
    assert last == 299
    np.testing.assert_allclose(_frame_array(fig, -1, 2, "y"), y[last + 2 : last + 9], rtol=1e-4)


def test_prediction_figure_with_forecast():
    x = np.arange(50)
    actual = np.sin(x / 5)
    preds = {"LSTM": actual + 0.1, "naive": np.r_[np.nan, actual[:-1]]}
    fig = F.prediction_figure(x, actual, preds, forecast_x=np.arange(50, 60), forecast=np.zeros(10))
    assert [t.name for t in fig.data] == ["actual", "LSTM", "naive", "forecast"]
    assert fig.data[-1].line.dash == "dash"
    assert fig.data[2].line.width < fig.data[1].line.width


# ---- training -------------------------------------------------------------------------


def test_loss_figure_empty_and_filled():
    empty = F.loss_figure(np.array([]), np.array([]), np.array([]), np.array([]))
    assert isinstance(empty, go.Figure) and len(empty.to_json()) > 0
    assert empty.layout.xaxis.title.text == "training step"
    fig = F.loss_figure(np.arange(10), np.linspace(1, 0.1, 10), [0, 5, 9], [1.0, 0.5, 0.3])
    assert len(fig.data) == 2 and fig.layout.yaxis.type == "log"
    flat = F.loss_figure(np.arange(3), [0.5, 0.0, -0.1])  # log of <= 0: linear instead
    assert flat.layout.yaxis.type == "linear"
    assert F.loss_figure([1, 2], [1.0, 0.5], log_y=False).layout.yaxis.type == "linear"
    with pytest.raises(ValueError):
        F.loss_figure([1, 2, 3], [1.0])


def test_grad_norm_animation_lines_and_zero_clipping():
    norms = RNG.random((5, 2, 2, 12))
    norms[0, 0, 0, :3] = 0.0
    fig = F.grad_norm_animation(norms, [f"s{k}" for k in range(5)])
    assert [t.name for t in fig.data] == [
        "layer 1 forward",
        "layer 1 backward",
        "layer 2 forward",
        "layer 2 backward",
    ]
    assert len(fig.frames) == 5 and fig.layout.yaxis.type == "log"
    first = _frame_array(fig, 0, 0, "y")
    assert np.all(first > 0) and first[0] < norms[norms > 0].min()
    np.testing.assert_allclose(_frame_array(fig, 3, 2, "y"), norms[3, 1, 0], rtol=1e-4)


def test_grad_norm_single_snapshot_is_static():
    fig = F.grad_norm_animation(RNG.random((1, 1, 1, 8)), ["only"])
    assert not fig.frames and not fig.layout.updatemenus and not fig.layout.sliders
    assert [t.name for t in fig.data] == ["layer 1"]


def test_race_figure_with_baseline():
    steps = np.arange(100)
    fig = F.race_figure(
        {"RNN": (steps, np.exp(-steps / 30) + 0.1), "LSTM": (steps, np.exp(-steps / 10) + 0.05)},
        baseline=0.5,
        x_title="epoch",
    )
    assert [t.name for t in fig.data] == ["RNN", "LSTM"]
    assert fig.layout.shapes[0].y0 == 0.5 and fig.layout.xaxis.title.text == "epoch"
    assert fig.layout.annotations[0].y == pytest.approx(np.log10(0.5))  # log axis units


# ---- diagram and text -----------------------------------------------------------------


def test_unrolled_figure_bidirectional_with_ellipsis():
    fig = F.unrolled_figure(num_layers=2, bidirectional=True, steps=100, cell="lstm")
    texts = [a.text for a in fig.layout.annotations]
    assert F.shown_steps(100) == [1, 2, 3, 4, None, 100]
    assert "…" in texts and "x<sub>100</sub>" in texts
    assert "LSTM<br>h<sub>100</sub><sup>(2)</sup>" in texts
    boxes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(boxes) == 5 * (2 * 2 + 2)  # 5 drawn steps x (2 layers x 2 lanes + in + out)
    colors = {a.arrowcolor for a in fig.layout.annotations if a.showarrow}
    assert {"#1f77b4", "#d95f02"} <= colors
    assert [t.name for t in fig.data] == [
        "forward lane (left to right)",
        "backward lane (right to left)",
    ]
    assert fig.layout.xaxis.visible is False


def test_unrolled_figure_unidirectional_short():
    fig = F.unrolled_figure(num_layers=1, bidirectional=False, steps=3, cell="gru")
    texts = [a.text for a in fig.layout.annotations]
    assert "…" not in texts and "GRU<br>h<sub>3</sub><sup>(1)</sup>" in texts
    assert len(fig.layout.shapes) == 3 * 3
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 3 * 2 + 2  # up into and out of each cell, plus 2 recurrent


def test_char_activation_escapes_html_and_keeps_cjk():
    text = "<script>alert(1)</script>\n你好 & more"
    act = np.linspace(-1, 1, len(text))
    fig = F.char_activation_figure(text, act, width=20)
    cells = fig.data[0].text
    flat = [c for row in cells for c in row]
    assert "<" not in "".join(flat) and "&lt;" in flat and "&amp;" in flat
    assert "你" in flat and "好" in flat
    assert "<script>" not in fig.to_json()
    # Wide characters halve the row (10 cells of 20): 20 chars, 5 more and the newline,
    # then the second line
    assert len(cells) == 4
    assert cells[2][5] == "↵" and cells[3][0] == "你"
    z = np.asarray(fig.data[0].z)
    assert z[0, 0] == pytest.approx(-1) and np.isnan(z[2, 6])
    assert fig.data[0].customdata[3][0] == text.index("你")
    assert (fig.data[0].zmin, fig.data[0].zmax) == (-1, 1)
    with pytest.raises(ValueError):
        F.char_activation_figure(text, act[:-1])


def test_char_grid_wraps_and_caps_rows():
    cells = F.char_grid("abcdefg", width=3, max_rows=2)
    assert [(r, c) for r, c, _ in cells] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]


# ---- every builder: labels, style, no streamlit ---------------------------------------

BUILDERS = {
    "hidden_fill": lambda lab: F.hidden_fill_animation(_tanh_states(6, 3), labels=lab),
    "gate_bars": lambda lab: F.gate_bars_animation(
        {"z": _sigmoid(RNG.normal(size=(4, 3)))}, list("abcd"), labels=lab
    ),
    "gate_heatmaps": lambda lab: F.gate_heatmaps(
        {"z": _sigmoid(RNG.normal(size=(4, 3)))}, labels=lab
    ),
    "snapshots": lambda lab: F.snapshot_heatmap_animation(
        _tanh_states(2, 4, 3), ["a", "b"], labels=lab
    ),
    "pca": lambda lab: F.pca_trajectory_animation(RNG.normal(size=(6, 3)), labels=lab),
    "series": lambda lab: F.series_figure(np.arange(5), {"a": np.arange(5.0)}, labels=lab),
    "window": lambda lab: F.window_animation(
        np.arange(20), np.arange(20.0), 4, 1, [0, 5], labels=lab
    ),
    "prediction": lambda lab: F.prediction_figure(
        np.arange(5), np.ones(5), {"m": np.ones(5)}, labels=lab
    ),
    "loss": lambda lab: F.loss_figure([], [], labels=lab),
    "grad": lambda lab: F.grad_norm_animation(RNG.random((2, 1, 1, 5)), ["a", "b"], labels=lab),
    "race": lambda lab: F.race_figure({"a": (np.arange(3), np.ones(3))}, labels=lab),
    "diagram": lambda lab: F.unrolled_figure(1, False, labels=lab),
    "chars": lambda lab: F.char_activation_figure("abc", np.zeros(3), labels=lab),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_labels_override_title_and_style_is_shared(name):
    default = BUILDERS[name](None)
    translated = BUILDERS[name]({"title": "标题"})
    assert translated.layout.title.text == "标题" != default.layout.title.text
    assert default.layout.paper_bgcolor == "white" and default.layout.plot_bgcolor == "white"
    assert default.layout.font.size >= 13 and default.layout.height >= 200
    assert default.layout.margin.t >= 60  # room for the title


@pytest.mark.parametrize("name", ["hidden_fill", "gate_bars", "snapshots", "pca", "window", "grad"])
def test_animations_have_player_and_redraw(name):
    fig = BUILDERS[name](None)
    play, pause = _play_args(fig)
    assert (play.label, pause.label) == ("Play", "Pause")
    assert play.args[1]["frame"]["redraw"] is True and play.args[1]["fromcurrent"] is True
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(fig.frames) and slider.active == len(fig.frames) - 1
    assert all(s.args[1]["frame"]["redraw"] for s in slider.steps)


def test_hover_shows_unit_step_and_value():
    fig = F.hidden_fill_animation(_tanh_states(4, 2))
    template = fig.data[0].hovertemplate
    assert "unit %{y}" in template and "time step %{x}" in template and "%{z" in template


def test_figures_package_never_imports_streamlit():
    root = pathlib.Path(F.__file__).parent
    pattern = re.compile(r"^\s*(import|from)\s+streamlit", re.MULTILINE)
    assert {"inside.py", "series.py", "training.py"} <= {p.name for p in root.glob("*.py")}
    for path in root.glob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name
