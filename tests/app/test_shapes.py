"""Shapes of one fused-module call in both layouts, the snippet that prints them, h_0 in the
calculator, and the Keras Dense(1) head counts, as the tutorials print them."""

import ast
import contextlib
import io
import json
import re
import subprocess
import sys

import numpy as np
import pytest
import torch

from apphelpers import TEMPERATURE_CSV, page, texts, train, upload
from rnnviz import figures, i18n
from rnnviz.analysis import calculator
from rnnviz.experiments import lab_setups
from rnnviz.model import shapes
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.session.lessons import LESSONS
from rnnviz.ui import state

# the tutorial's nn.RNN(5, 6, 2)
TUTORIAL = ModelConfig(cell="rnn_tanh", input_size=5, hidden_size=6, num_layers=2)


def _shapes(rows):
    return {name: shape for name, shape, _ in rows}


SHAPE_LINE = re.compile(r"^(\w+) (\([\d, ]*\))$")


def _printed(out: str) -> dict:
    """`name (a, b, c)` lines, as the snippet prints them (h_n's values follow them)."""
    found = {}
    for line in out.strip().splitlines():
        if m := SHAPE_LINE.match(line):
            found[m.group(1)] = ast.literal_eval(m.group(2))
    return found


def _printed_values(out: str) -> np.ndarray:
    """The numbers of the `tensor([...])` print(h_n) writes (4 decimals)."""
    return np.array([float(v) for v in re.findall(r"-?\d+\.\d+(?:e[-+]\d+)?", out)])


# ---------------------------------------------------------------- engine
def test_the_tutorials_numbers_sequence_first():
    rows = _shapes(shapes.shape_rows(TUTORIAL, batch=3, seq_len=1, batch_first=False))
    assert rows == {"input": (1, 3, 5), "h_0": (2, 3, 6), "output": (1, 3, 6), "h_n": (2, 3, 6)}
    lstm = _shapes(
        shapes.shape_rows(
            ModelConfig(cell="lstm", input_size=5, hidden_size=6, num_layers=2), 3, 1, False
        )
    )
    assert lstm["c_0"] == lstm["c_n"] == (2, 3, 6) and lstm["output"] == (1, 3, 6)


def test_batch_first_moves_only_input_and_output():
    cfg = ModelConfig(cell="gru", input_size=5, hidden_size=6, num_layers=2, bidirectional=True)
    seq = _shapes(shapes.shape_rows(cfg, 3, 7, False))
    bf = _shapes(shapes.shape_rows(cfg, 3, 7, True))
    assert seq["input"] == (7, 3, 5) and bf["input"] == (3, 7, 5)
    assert seq["output"] == (7, 3, 12) and bf["output"] == (3, 7, 12)
    assert seq["h_n"] == bf["h_n"] == (4, 3, 6)


CASES = [
    (cell, bi, bf)
    for cell in ("rnn_tanh", "rnn_relu", "lstm", "gru")
    for bi in (False, True)
    for bf in (False, True)
]


@pytest.mark.parametrize("cell, bidirectional, batch_first", CASES)
def test_rows_match_a_real_module_call(cell, bidirectional, batch_first):
    cfg = ModelConfig(
        cell=cell, input_size=3, hidden_size=4, num_layers=2, bidirectional=bidirectional
    )
    rows = _shapes(shapes.shape_rows(cfg, 2, 5, batch_first))
    ns = {}
    with contextlib.redirect_stdout(io.StringIO()):  # the tensors themselves, not the printout
        exec(shapes.snippet(cfg, 2, 5, batch_first, init="randn", seed=1), ns)  # noqa: S102
    real = {"input": ns["x"], "h_0": ns["h0"], "output": ns["output"], "h_n": ns["h_n"]}
    if cell == "lstm":
        real.update(c_0=ns["c0"], c_n=ns["c_n"])
    assert rows == {k: tuple(v.shape) for k, v in real.items()}


@pytest.mark.subprocess
def test_the_snippet_prints_the_tables_shapes_in_a_fresh_python():
    """Each snippet runs unchanged in the venv's python; its printout is the table."""
    cases = [(TUTORIAL, 3, 1, False, "randn"), (TUTORIAL, 3, 1, False, "zeros")]
    cases += [
        (
            ModelConfig(cell=c, input_size=5, hidden_size=6, num_layers=2, bidirectional=bi),
            3,
            4,
            bf,
            "randn",
        )
        for c, bi, bf in CASES
        if c != "rnn_tanh" or bi
    ]
    codes = [shapes.snippet(cfg, b, t_, bf, init=init, seed=7) for cfg, b, t_, bf, init in cases]
    # the tutorial's own snippet alone, exactly as a learner pastes it
    out = subprocess.run(
        [sys.executable, "-c", codes[0]], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert _printed(out) == {
        "input": (1, 3, 5),
        "h_0": (2, 3, 6),
        "output": (1, 3, 6),
        "h_n": (2, 3, 6),
    }
    # the h_n it prints is the table the page shows, to torch's 4 printed decimals
    shown = shapes.snippet_values(TUTORIAL, 3, 1, False, init="randn", seed=7)
    np.testing.assert_allclose(_printed_values(out), shown.h_n.ravel(), atol=5e-5)
    # the others in one interpreter (one torch import), each in a namespace of its own
    runner = (
        "import sys\nfor i, code in enumerate(sys.argv[1:]):\n    print('=== ', i)\n"
        "    exec(code, {})\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", runner, *codes],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout
    parts = out.split("=== ")[1:]
    assert len(parts) == len(cases)
    for part, (cfg, b, t_, bf, _) in zip(parts, cases, strict=True):
        printed = _printed(part.split("\n", 1)[1])
        assert printed == _shapes(shapes.shape_rows(cfg, b, t_, bf)), (cfg, bf)


def test_seeded_h0_is_what_the_snippets_manual_seed_gives():
    cfg = ModelConfig(cell="lstm", input_size=5, hidden_size=6, num_layers=2)
    h0, c0 = shapes.initial_state(cfg, 3, "randn", seed=11)
    torch.manual_seed(11)
    assert torch.equal(h0, torch.randn(2, 3, 6)) and torch.equal(c0, torch.randn(2, 3, 6))
    z, zc = shapes.initial_state(cfg, 3, "zeros")
    assert not z.any() and not zc.any() and z.shape == (2, 3, 6)
    assert shapes.initial_state(TUTORIAL, 3, "randn")[1] is None  # no c for RNN / GRU
    with pytest.raises(ValueError, match="zeros, randn"):
        shapes.initial_state(cfg, 3, "ones")


@pytest.mark.parametrize(
    "batch, seq_len, features, name, hi",
    [
        (0, 1, 5, "B", "1,024"),
        (3, 0, 5, "T", "1,000"),
        (3, 1, 0, "F", "2,000"),
        (10**100, 1, 5, "B", "1,024"),
        (3, 10**4000, 5, "T", "1,000"),
        (3, 1, 2.5, "F", "2,000"),
        (True, 1, 5, "B", "1,024"),
    ],
)
def test_bad_sizes_are_refused_with_the_range(batch, seq_len, features, name, hi):
    with pytest.raises(ValueError) as err:
        shapes.shape_rows(TUTORIAL, batch, seq_len, False, features)
    assert str(err.value).startswith(f"{name} must be a whole number from 1 to {hi}")
    with pytest.raises(ValueError):
        shapes.snippet(TUTORIAL, batch, seq_len, False, features)


# ---------------------------------------------------------------- calculator with h_0
@pytest.mark.parametrize("cell", ["rnn_tanh", "lstm", "gru"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_calculator_matches_the_fused_module_from_a_random_h0(cell, bidirectional):
    cfg = ModelConfig(
        cell=cell, input_size=2, hidden_size=4, num_layers=2, bidirectional=bidirectional
    )
    model = build_model(cfg, seed=3)
    x = np.random.default_rng(0).normal(size=(6, 2)).astype(np.float32)
    h0, c0 = shapes.initial_state(cfg, 1, "randn", seed=5)
    h0, c0 = h0[:, 0].numpy(), (None if c0 is None else c0[:, 0].numpy())
    with torch.no_grad():  # the top layer straight from nn.X called with (h0, c0)
        hx = torch.as_tensor(h0)[:, None]
        top = (
            model.rnn(
                torch.as_tensor(x)[None],
                (hx, torch.as_tensor(c0)[:, None]) if c0 is not None else hx,
            )[0][0]
            .double()
            .numpy()
        )
    for layer in range(2):
        for d in range(cfg.num_directions):
            for t in (0, 5):  # both ends: one of them starts from h_0
                s = calculator.step_terms(model, x, layer, d, t, h0=h0, c0=c0)
                assert s.max_abs_diff < 1e-5 and s.replay_diff < 1e-5
                if layer == 1:
                    np.testing.assert_allclose(s.h, top[t, d * 4 : (d + 1) * 4], atol=1e-5)
                if s.prev_t is None:  # the step read this layer's and direction's h_0
                    np.testing.assert_allclose(s.h_prev, h0[layer * cfg.num_directions + d])
    zero = calculator.step_terms(model, x, 0, 0, 0)
    moved = calculator.step_terms(model, x, 0, 0, 0, h0=h0, c0=c0)
    assert np.abs(zero.h - moved.h).max() > 1e-3  # h_0 really entered the step


# ---------------------------------------------------------------- Lab: the Dense(1) head
def test_dense_head_counts_are_the_tutorials_and_torchs():
    rows = {r["units"]: r for r in lab_setups.dense_rows()}
    assert (rows[3]["keras_rnn"], rows[3]["dense"], rows[3]["keras_total"]) == (18, 4, 22)
    assert (rows[4]["keras_rnn"], rows[4]["dense"], rows[4]["keras_total"]) == (28, 5, 33)
    for u, r in rows.items():
        rnn, head = torch.nn.RNN(2, u), torch.nn.Linear(u, 1)
        assert r["torch_rnn"] == sum(p.numel() for p in rnn.parameters())
        assert r["linear"] == sum(p.numel() for p in head.parameters())
        assert r["torch_total"] == r["torch_rnn"] + r["linear"] == u * (2 + u + 2) + u + 1


def test_lab_page_shows_the_dense_lines(app):
    page(app, "lab")
    shown = texts(app.markdown)
    assert "18 + 4 = **22**" in shown and "28 + 5 = **33**" in shown
    assert "21 + 4 = **25**" in shown and "32 + 5 = **37**" in shown
    formulas = texts(app.get("latex"))
    assert "u\\,(f + u + 1)" in formulas and "u\\,(f + u + 2)" in formulas


# ---------------------------------------------------------------- Model page
def _explorer(at):
    """The explorer's table: the one with an h_0 row."""
    for df in at.dataframe:
        if "h_0" in set(df.value["tensor"]):
            return dict(zip(df.value["tensor"], df.value["shape"], strict=True))
    return None


def test_model_page_reproduces_the_tutorial(app):
    page(app, "model")
    app.segmented_control(key="cell").set_value("rnn_tanh").run()
    app.number_input(key="hidden_exact").set_value(6).run()
    assert app.select_slider(key="hidden_size").value == 6  # the slider took the typed size
    app.number_input(key="num_layers").set_value(2).run()
    for key, value in (("shapes_features", 5), ("shapes_batch", 3), ("shapes_steps", 1)):
        app.number_input(key=key).set_value(value).run()
    assert not app.exception, app.exception
    assert _explorer(app) == {
        "input": "(1, 3, 5)",
        "h_0": "(2, 3, 6)",
        "output": "(1, 3, 6)",
        "h_n": "(2, 3, 6)",
    }
    code = app.code[0].value
    assert "nn.RNN(5, 6, 2)" in code and "torch.randn(1, 3, 5)" in code
    assert "h0 = torch.zeros(2, 3, 6)" in code
    app.radio(key="h0_init").set_value("randn").run()
    app.number_input(key="h0_seed").set_value(4).run()
    code = app.code[0].value
    assert "torch.manual_seed(4)" in code and "h0 = torch.randn(2, 3, 6)" in code
    assert code.index("torch.manual_seed(4)") < code.index("rnn = nn.RNN(5, 6, 2)")
    app.toggle(key="batch_first").set_value(True).run()
    table = _explorer(app)
    assert table["input"] == "(3, 1, 5)" and table["output"] == "(3, 1, 6)"
    assert table["h_n"] == "(2, 3, 6)" and "batch_first=True" in app.code[0].value


def test_model_page_lstm_shows_c_rows(app):
    page(app, "model")
    app.segmented_control(key="cell").set_value("lstm").run()
    table = _explorer(app)
    assert "c_0" in table and "c_n" in table


@pytest.mark.parametrize(
    "key, value, hi",
    [
        ("shapes_batch", 0, "1,024"),
        ("shapes_steps", 0, "1,000"),
        ("shapes_features", 0, "2,000"),
        ("shapes_batch", 10**12, "1,024"),
        ("shapes_features", 999_999, "2,000"),
    ],
)
def test_model_page_refuses_bad_sizes_with_the_range(app, key, value, hi):
    page(app, "model")
    app.number_input(key=key).set_value(value).run()
    assert not app.exception, app.exception
    assert any(f"from 1 to {hi}" in e.value for e in app.error)
    assert _explorer(app) is None  # nothing drawn, nothing built
    assert not [c for c in app.code if c.language == "python"]


def test_exact_size_refuses_out_of_range_and_keeps_the_slider(app):
    page(app, "model")
    before = app.select_slider(key="hidden_size").value
    for bad in (0, 513, 10**9):
        app.number_input(key="hidden_exact").set_value(bad).run()
        assert not app.exception, app.exception
        assert any("from 1 to 512" in e.value for e in app.error)
        assert app.select_slider(key="hidden_size").value == before
        assert app.number_input(key="hidden_exact").value == before  # the box shows it again
    app.number_input(key="hidden_exact").set_value(300).run()
    assert app.select_slider(key="hidden_size").value == 300 and not app.error


def test_calculator_tab_with_a_seeded_random_h0(app):
    """The Inside calculator: h_0 random normal goes into the step and into nn.LSTM alike."""
    upload(app, "temps.csv", TEMPERATURE_CSV)
    app.number_input(key="window").set_value(7).run()
    train(app, epochs=1)
    page(app, "inside")
    app.radio(key="calc_h0_init").set_value("randn").run()
    app.number_input(key="calc_h0_seed").set_value(3).run()
    app.slider(key="calc_t_7").set_value(0).run()
    assert not app.exception, app.exception
    ok = [s.value for s in app.success if "max difference" in s.value]
    assert ok and "nn.LSTM" in ok[0]
    assert float(ok[0].split("max difference ")[1].split()[0]) < 1e-5
    captions = texts(app.caption)
    assert "torch.manual_seed(3)" in captions and "random normal (seed 3)" in captions
    with_h0 = _states(app)["h_t-1"].tolist()  # the states table: h_0 at t = 0
    app.radio(key="calc_h0_init").set_value("zeros").run()
    assert "all zeros" in texts(app.caption)
    assert _states(app)["h_t-1"].abs().max() == 0 != max(map(abs, with_h0))


def _states(at):
    """The calculator's states table (other tables may follow it on the tab)."""
    return next(d.value for d in at.dataframe if "h_t-1" in d.value.columns)


# ---------------------------------------------------------------- the tutorials' lessons
def _lesson(at, key):
    at.button(key=f"lesson_{key}").click().run()
    assert not at.exception, at.exception
    return at


def _rects(spec) -> int:
    return sum(s.get("type") == "rect" for s in spec["layout"].get("shapes", []))


def test_shapes_lesson_counts_values_and_diagram_are_the_tutorials(app):
    _lesson(app, "shapes")
    shown = texts(app.markdown)
    # the snippet's modules with F = 5 and no head, not the app model's 145 / 559 / 421
    assert "`nn.RNN(5, 6, 2)` | 1 | 162" in shown
    assert "`nn.GRU(5, 6, 2)` | 3 | 486" in shown and "`nn.LSTM(5, 6, 2)` | 4 | 648" in shown
    assert "162 < 486 < 648" in shown
    assert "145" not in shown and "559" not in shown and "421" not in shown
    # h_n as the seeded snippet prints it
    (table,) = [d.value for d in app.dataframe if "h_n[0, 0]" in list(d.value.index)]
    want = shapes.snippet_values(TUTORIAL, 3, 1, False, init="randn", seed=0).h_n
    np.testing.assert_allclose(table.to_numpy(float), want.reshape(6, 6), atol=5e-5)
    assert "print(h_n)" in app.code[0].value
    printed = texts(app.code)
    assert "output (1, 3, 6)\nh_n (2, 3, 6)" in printed
    # one time step, as the explorer's T says, and no head in the diagram's model
    (spec,) = [json.loads(c.proto.spec) for c in app.get("plotly_chart")][:1]
    one = figures.unrolled_figure(2, False, steps=1, cell="rnn_tanh", mode="many_to_one")
    assert _rects(spec) == len([s for s in one.layout.shapes if s.type == "rect"])
    assert state.MODEL_CFG.get(app.session_state).head == "none"
    captions = texts(app.caption)
    assert "as in PyTorch and the tutorials" not in captions
    assert "000" in captions and "003" in captions and "batch_first=True" in captions


def test_batch_first_note_in_chinese_names_the_tutorials(app):
    i18n.use("zh")
    try:
        note, watch = i18n.t("shapes.layout_caption"), i18n.t("lesson.shapes.watch")
        assert "000" in note and "003" in note and "与 PyTorch 和教程一致" not in note
        assert "000" in watch and "003" in watch
    finally:
        i18n.use("en")


def test_keras_train_lesson_shows_keras_summary_on_model(app):
    _lesson(app, "keras_train")
    page(app, "model")
    printed = texts(app.code)
    assert "simple_rnn (SimpleRNN)      (None, 4)                 28" in printed
    assert "dense (Dense)               (None, 1)                 5" in printed
    assert "Total params: 33" in printed
    assert "0.0070" in LESSONS["keras_train"].expect and "0.0070" in texts(app.markdown)


def test_lab_shows_the_tutorials_keras_summaries(app):
    page(app, "lab")
    printed = texts(app.code)
    assert "simple_rnn (SimpleRNN)      (None, 3)                 18" in printed
    assert "dense (Dense)               (None, 1)                 4" in printed
    assert "Total params: 22" in printed and "Total params: 33" in printed


def test_the_page_says_which_count_is_the_snippets(app):
    """Two counts on one page (the snippet's module, the app's model on the data) each say
    what they count; with equal input sizes there is nothing to tell apart."""
    app.button(key="lesson_shapes").click().run()
    page(app, "model")
    which = "the snippet's module above reads 5 numbers a step"
    assert which in texts(app.caption)
    app.number_input(key="shapes_features").set_value(1).run()  # the app's input size here
    assert which not in texts(app.caption) and "reads 1 numbers" not in texts(app.caption)
