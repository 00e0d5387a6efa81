"""The cell calculator against probe.trace and torch's fused modules; gate insight; export."""

import numpy as np
import pytest
import torch

from rnnviz import figures
from rnnviz.analysis import calculator, insight
from rnnviz.analysis.probe import trace
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.ui.downloads import html_bytes

CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]
T, F, H = 6, 2, 4


def _model(cell, num_layers=1, bidirectional=False, **kw):
    cfg = ModelConfig(
        cell=cell,
        input_size=F,
        hidden_size=H,
        num_layers=num_layers,
        bidirectional=bidirectional,
        **kw,
    )
    model = build_model(cfg, seed=3)
    with torch.no_grad():  # larger weights than the default init: gates away from 0.5
        for p in model.rnn.parameters():
            p.mul_(3.0)
    return model


def _x(seed=0):
    return np.random.default_rng(seed).normal(size=(T, F)).astype(np.float32)


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2])
@pytest.mark.parametrize("cell", CELLS)
def test_h_t_equals_trace_and_the_fused_module(cell, num_layers, bidirectional):
    model, x = _model(cell, num_layers, bidirectional), _x()
    tr = trace(model, x)
    with torch.no_grad():
        top = model.rnn(torch.as_tensor(x)[None])[0][0].double().numpy()  # (T, H*D)
    for layer in range(num_layers):
        for d in range(2 if bidirectional else 1):
            for t in (0, T // 2, T - 1):  # both ends: one of them starts from zeros
                s = calculator.step_terms(model, x, layer, d, t, tr=tr if t else None)
                # float32 keeps ~7 digits: with ReLU states of 4-5 (weights x3), 1e-6
                # absolute is two ulps, so the bound grows with the state's size.
                tol = 1e-6 * max(1.0, float(np.abs(s.h).max()))
                np.testing.assert_allclose(s.h, tr.layers[layer][d].h[t], atol=tol)
                assert s.max_abs_diff < tol and s.replay_diff < tol
                np.testing.assert_allclose(s.h, s.fused_h, atol=tol)
                if layer == num_layers - 1:  # the top layer against model.rnn, taken here
                    np.testing.assert_allclose(s.h, top[t, d * H : (d + 1) * H], atol=1e-6)


def test_lower_layer_is_checked_against_a_fused_module_not_the_replay():
    model, x = _model("lstm", 2, True), _x()
    out = calculator.fused_layer_output(model, x, 0)
    tr = trace(model, x)
    np.testing.assert_allclose(out, np.concatenate([d.h for d in tr.layers[0]], axis=1), atol=1e-6)
    with torch.no_grad():  # change layer 0's weights: the fused copy must follow them
        model.rnn.weight_hh_l0.add_(1.0)
    moved = calculator.fused_layer_output(model, x, 0)
    assert np.abs(moved - out).max() > 1e-3


@pytest.mark.parametrize("cell", CELLS)
def test_the_pieces_add_up_to_the_pre_activation(cell):
    s = calculator.step_terms(_model(cell), _x(), 0, 0, 3)
    assert tuple(s.pre) == s.gates
    for g in s.gates:
        parts = s.w_ih_x[g] + s.b_ih[g] + s.w_hh_h[g] + s.b_hh[g]
        if cell == "gru" and g == "n":
            continue
        np.testing.assert_allclose(s.pre[g], parts, atol=1e-12)


def test_gru_candidate_uses_r_times_the_hidden_part():
    s = calculator.step_terms(_model("gru"), _x(), 0, 0, 3)
    expected = s.w_ih_x["n"] + s.b_ih["n"] + s.value["r"] * (s.w_hh_h["n"] + s.b_hh["n"])
    np.testing.assert_allclose(s.pre["n"], expected, atol=1e-12)
    np.testing.assert_allclose(s.value["n"], np.tanh(expected), atol=1e-12)
    plain = s.w_ih_x["n"] + s.b_ih["n"] + s.w_hh_h["n"] + s.b_hh["n"]
    assert np.abs(s.pre["n"] - plain).max() > 1e-3  # r really changed something here
    table = calculator.gate_table(s, "n")
    np.testing.assert_allclose(
        table["W_ih·x"] + table["b_ih"] + table["r·(W_hh·h+b_hh)"],
        table["pre-activation"],
        atol=1e-12,
    )


def test_lstm_gate_values_and_cell_state():
    s = calculator.step_terms(_model("lstm"), _x(), 0, 0, 2)
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    for g in "ifo":
        np.testing.assert_allclose(s.value[g], sig(s.pre[g]), atol=1e-12)
    np.testing.assert_allclose(s.value["g"], np.tanh(s.pre["g"]), atol=1e-12)
    np.testing.assert_allclose(s.c, s.value["f"] * s.c_prev + s.value["i"] * s.value["g"])
    np.testing.assert_allclose(s.h, s.value["o"] * np.tanh(s.c))


def test_previous_state_forward_and_backward():
    model, x = _model("lstm", bidirectional=True), _x()
    tr = trace(model, x)
    fwd = calculator.step_terms(model, x, 0, 0, 2, tr=tr)
    assert fwd.prev_t == 1
    np.testing.assert_allclose(fwd.h_prev, tr.layers[0][0].h[1])
    np.testing.assert_allclose(fwd.c_prev, tr.layers[0][0].c[1])
    back = calculator.step_terms(model, x, 0, 1, 2, tr=tr)  # reads reversed: previous is t+1
    assert back.prev_t == 3
    np.testing.assert_allclose(back.h_prev, tr.layers[0][1].h[3])
    first_back = calculator.step_terms(model, x, 0, 1, T - 1, tr=tr)
    assert first_back.prev_t is None and not first_back.h_prev.any() and not first_back.c_prev.any()
    first = calculator.step_terms(model, x, 0, 0, 0, tr=tr)
    assert first.prev_t is None and not first.h_prev.any()


def test_upper_layer_reads_both_directions_of_the_layer_below():
    model, x = _model("gru", 2, True), _x()
    tr = trace(model, x)
    s = calculator.step_terms(model, x, 1, 0, 4, tr=tr)
    np.testing.assert_allclose(s.x, np.concatenate([tr.layers[0][0].h[4], tr.layers[0][1].h[4]]))
    bottom = calculator.step_terms(model, x, 0, 0, 4, tr=tr)
    np.testing.assert_allclose(bottom.x, x[4], atol=1e-7)


def test_char_model_embeds_token_ids():
    model = build_model(
        ModelConfig(cell="lstm", input_size=3, hidden_size=H, mode="char_lm", vocab_size=7), seed=1
    )
    ids = np.array([1, 4, 2, 6, 0])
    s = calculator.step_terms(model, ids, 0, 0, 3)
    np.testing.assert_allclose(s.x, model.embed.weight[6].detach().numpy(), atol=1e-7)
    assert s.max_abs_diff < 1e-6


def test_bad_step_layer_or_direction_is_a_clear_error():
    model, x = _model("lstm"), _x()
    with pytest.raises(ValueError, match="time step"):
        calculator.step_terms(model, x, 0, 0, T)
    with pytest.raises(ValueError, match="layer"):
        calculator.step_terms(model, x, 1, 0, 0)
    with pytest.raises(ValueError, match="direction"):
        calculator.step_terms(model, x, 0, 1, 0)


@pytest.mark.parametrize("cell, count", [("lstm", 6), ("gru", 4), ("rnn_tanh", 1), ("rnn_relu", 1)])
def test_latex_lines_carry_the_numbers(cell, count):
    s = calculator.step_terms(_model(cell, bidirectional=True), _x(), 0, 1, 2)
    lines = calculator.latex_lines(s, 1)
    assert len(lines) == count
    assert all("h_{t+1}" in line for line in lines if "W_" in line)  # backward: previous is t+1
    assert "h_t" in lines[-1] and lines[-1].endswith(
        f"= {s.h[1]:.3f}" + ("\\end{aligned}" if cell.startswith("rnn") else "")
    )
    for g in s.gates:
        assert any(f"{abs(s.value[g][1]):.3f}" in line for line in lines)


def test_gate_and_state_tables_have_a_row_per_unit():
    s = calculator.step_terms(_model("lstm"), _x(), 0, 0, 2)
    table = calculator.gate_table(s, "f")
    assert list(table.columns) == ["W_ih·x", "b_ih", "W_hh·h", "b_hh", "pre-activation", "value"]
    assert len(table) == H
    np.testing.assert_allclose(table["value"], s.value["f"])
    states = calculator.state_table(s)
    assert list(states.columns) == ["c_t-1", "c_t", "h_t-1", "h_t"]
    np.testing.assert_allclose(states["h_t"], s.h)


# ---- gate insight ---------------------------------------------------------------------


def test_forget_gate_shares_on_a_hand_made_gate():
    f = np.array(
        [
            [0.95, 0.05, 0.50, 0.90],
            [0.99, 0.02, 0.95, 0.10],
            [0.50, 0.00, 0.05, 0.90],
            [0.92, 0.50, 0.50, 0.10],
        ]
    )
    out = insight.forget_gate_shares(f)
    np.testing.assert_allclose(out["memory"], [0.75, 0.0, 0.25, 0.0])  # 0.9 itself is not > 0.9
    np.testing.assert_allclose(out["reset"], [0.0, 0.75, 0.25, 0.0])
    np.testing.assert_allclose(out["between"], [0.25, 0.25, 0.5, 1.0])
    np.testing.assert_allclose(out["mean"], f.mean(axis=0))
    assert list(out["kind"]) == ["memory", "reset", "mixed", "mixed"]
    assert insight.kind_counts(out) == {"memory": 1, "reset": 1, "mixed": 2}


def test_forget_gate_shares_rejects_bad_input():
    with pytest.raises(ValueError, match=r"\[T, H\]"):
        insight.forget_gate_shares(np.zeros(5))
    with pytest.raises(ValueError, match="low < high"):
        insight.forget_gate_shares(np.zeros((3, 2)), high=0.1, low=0.9)


def test_memory_gate_is_f_for_lstm_z_for_gru_none_for_rnn():
    x = _x()
    for cell, name in [("lstm", "f"), ("gru", "z")]:
        d = trace(_model(cell), x).layers[0][0]
        got, values = insight.memory_gate(cell, d.gates)
        assert got == name and values is d.gates[name]
    assert insight.memory_gate("rnn_tanh", trace(_model("rnn_tanh"), x).layers[0][0].gates) is None


def test_gate_share_figure_stacks_to_one():
    fig = figures.gate_share_figure(
        np.array([0.5, 0.0]),
        np.array([0.25, 1.0]),
        mean=np.array([0.7, 0.05]),
        labels={"title": "forget gate f"},
    )
    assert fig.layout.barmode == "stack" and fig.layout.title.text == "forget gate f"
    bars = [tr for tr in fig.data if tr.type == "bar"]
    total = sum(np.asarray(figures._anim.unpacked(tr.y), dtype=float) for tr in bars)
    np.testing.assert_allclose(total, [1.0, 1.0])
    (marks,) = [tr for tr in fig.data if tr.type == "scatter"]
    np.testing.assert_allclose(figures._anim.unpacked(marks.y), [0.7, 0.05], atol=1e-7)
    with pytest.raises(ValueError, match="unknown label"):
        figures.gate_share_figure(np.zeros(2), np.zeros(2), labels={"titel": "x"})


# ---- export ---------------------------------------------------------------------------


def test_html_export_is_standalone_with_every_frame():
    fig = figures.pca_trajectory_animation(np.random.default_rng(0).normal(size=(12, 5)))
    html = html_bytes(fig).decode("utf-8")
    assert html.lower().startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert "plotly.js v" in html and "<script src=" not in html  # library inlined: works offline
    call = html[html.rindex("Plotly.newPlot(") :]
    assert "Plotly.addFrames(" in call
    assert call.count('"traces":[') == len(fig.frames) == 12
    assert "Plotly.animate(" not in call  # waits for Play: the teacher starts it
