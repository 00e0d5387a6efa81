"""A model with NaN/inf weights (a damaged file, a diverged run): every view says so, where,
and what to do; nothing crashes and the calculator never blames itself (engine + AppTest)."""

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from apphelpers import load_sample, page, texts
from conftest import ROOT
from rnnviz import figures, i18n
from rnnviz.analysis import calculator, insight
from rnnviz.analysis.probe import trace
from rnnviz.files.model_file import model_bytes
from rnnviz.model.network import ModelConfig, build_model, nonfinite_parameters
from rnnviz.model.sizes import model_config_for
from rnnviz.ui.guards import named_parameters
from rnnviz.ui.state import PREPARED

NAN, INF = float("nan"), float("inf")
T, F, H = 6, 2, 4


def _model(cell="lstm", num_layers=1, **kw):
    cfg = ModelConfig(cell=cell, input_size=F, hidden_size=H, num_layers=num_layers, **kw)
    return build_model(cfg, seed=0)


def _x():
    return np.random.default_rng(0).normal(size=(T, F)).astype(np.float32)


# ---- engine -------------------------------------------------------------------------------


def test_nonfinite_parameters_names_the_damaged_ones():
    model = _model(num_layers=2)
    assert nonfinite_parameters(model) == []
    with torch.no_grad():
        model.rnn.weight_hh_l1[0, 0] = NAN
        model.head.bias[0] = -INF
    assert nonfinite_parameters(model) == ["rnn.weight_hh_l1", "head.bias"]


def test_named_parameters_names_three_then_counts():
    names = [f"p{k}" for k in range(5)]
    assert named_parameters(names) == "`p0`; `p1`; `p2` and 2 more"
    assert named_parameters(names[:3]) == "`p0`; `p1`; `p2`"


def test_pca_skips_nonfinite_rows():
    h = np.random.default_rng(1).normal(size=(8, H))
    clean, clean_share = figures.pca_project(h[:5])
    h[5:] = NAN
    points, share = figures.pca_project(h)  # numpy's SVD raises LinAlgError on NaN
    assert np.isnan(points[5:]).all()
    np.testing.assert_allclose(np.abs(points[:5]), np.abs(clean), atol=1e-6)  # sign is free
    np.testing.assert_allclose(share, clean_share)


@pytest.mark.parametrize("bad", [NAN, INF])
def test_pca_of_a_wholly_nonfinite_path_does_not_raise(bad):
    points, share = figures.pca_project(np.full((6, H), bad))
    assert np.isnan(points).all() and (share == 0).all()
    fig = figures.pca_trajectory_animation(np.full((6, H), bad))
    assert np.isfinite(fig.layout.xaxis.range).all() and np.isfinite(fig.layout.yaxis.range).all()


def test_gate_shares_count_nonfinite_steps_apart():
    f = np.array([[0.95, NAN], [0.95, NAN], [0.05, 0.5], [NAN, 0.95]])
    out = insight.forget_gate_shares(f)
    np.testing.assert_allclose(out["memory"], [0.5, 0.25])
    np.testing.assert_allclose(out["reset"], [0.25, 0.0])
    np.testing.assert_allclose(out["nonfinite"], [0.25, 0.5])
    np.testing.assert_allclose(out["between"], [0.0, 0.25])
    np.testing.assert_allclose(out["mean"], [(0.95 * 2 + 0.05) / 3, (0.5 + 0.95) / 2])
    assert np.isnan(insight.forget_gate_shares(np.full((3, 2), NAN))["mean"]).all()
    np.testing.assert_array_equal(insight.finite_rows(f), [False, False, True, False])


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn_tanh"])
def test_gate_insight_runs_on_a_nan_model(cell):
    model = _model(cell)
    with torch.no_grad():
        model.rnn.weight_ih_l0[0, 0] = NAN
    d = trace(model, _x()).layers[0][0]
    found = insight.memory_gate(cell, d.gates)
    if found is not None:
        insight.kind_counts(insight.forget_gate_shares(found[1]))
    figures.pca_trajectory_animation(d.h)


def test_calculator_names_what_is_not_finite():
    model, x = _model(), _x()
    clean = calculator.step_terms(model, x, 0, 0, 2)
    assert clean.finite and clean.nonfinite == ()
    with torch.no_grad():
        model.rnn.weight_hh_l0[0, 0] = NAN
    first = calculator.step_terms(model, x, 0, 0, 0)  # h_t-1 is zeros, but NaN * 0 is NaN
    assert not first.finite and first.nonfinite == ("W_hh",)
    later = calculator.step_terms(model, x, 0, 0, 2)
    assert not later.finite and later.nonfinite == ("h_t-1", "c_t-1", "W_hh")
    lines = " ".join(calculator.latex_lines(later, 0))
    assert r"\text{NaN}" in lines and "nan" not in lines


def test_calculator_on_an_infinite_bias_writes_infinity():
    model = _model("rnn_tanh")
    with torch.no_grad():
        model.rnn.bias_ih_l0[1] = INF
    terms = calculator.step_terms(model, _x(), 0, 0, 0)
    assert "b_ih" in terms.nonfinite
    assert r"\infty" in " ".join(calculator.latex_lines(terms, 1))


# ---- the pages ----------------------------------------------------------------------------


def _loaded(sample: str, cell: str, damage) -> AppTest:
    """A session with `sample` loaded and a model made to fit it, damaged by `damage(model)`,
    saved, uploaded on the Model page and put to use (the route a student takes)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    load_sample(at, sample)
    cfg = model_config_for(PREPARED.get(at.session_state), ModelConfig(cell=cell, hidden_size=8))
    model = build_model(cfg, seed=0)
    with torch.no_grad():
        damage(model)
    page(at, "model")
    at.file_uploader(key="model_upload").upload(
        "nan.safetensors", model_bytes(model), "application/octet-stream"
    ).run()
    at.button(key="use_loaded").click().run()
    assert not at.exception, at.exception
    return at


def _one_weight(model):
    model.rnn.weight_hh_l0[0, 0] = NAN


def _every_weight(model):
    for p in model.parameters():
        p.fill_(NAN)


def _message(at) -> str:
    shown = [e.value for e in at.error if "not all finite numbers" in e.value]
    assert len(shown) == 1, texts(at.error)
    return shown[0]


@pytest.fixture
def nan_inside():
    """Per test: AppTest sessions share the session-scoped job registry, so a module-wide
    fixture's job would be replaced by the next test's upload."""
    return page(_loaded("temperature", "lstm", _one_weight), "inside")


def test_inside_says_where_and_what_to_do(nan_inside):
    msg = _message(nan_inside)
    assert "`rnn.weight_hh_l0`" in msg and "more" not in msg
    assert "from scratch" in msg and "learning rate" in msg and "Model" in msg


def test_inside_calculator_does_not_claim_a_bug(nan_inside):
    notes = texts(nan_inside.warning)
    assert "please report" not in notes and "max difference" not in notes
    assert "not a finite number" in notes and "W_hh" in notes


def test_inside_gate_insight_explains_instead_of_drawing(nan_inside):
    infos = texts(nan_inside.info)
    assert "forget gate is NaN" in infos and "no path to draw" in infos


def test_inside_own_values_on_a_nan_model(nan_inside):
    at = nan_inside
    at.selectbox(key="inside_seq").set_value("type your own").run()
    assert not at.exception, at.exception
    _message(at)
    at.selectbox(key="inside_seq").set_value("validation sequence 1").run()


def test_predict_shows_the_message_and_stops(nan_inside):
    at = page(nan_inside, "predict")
    _message(at)
    assert not at.get("plotly_chart")


def test_every_weight_nan_names_three_then_counts():
    at = page(_loaded("temperature", "gru", _every_weight), "inside")
    msg = _message(at)  # a 1-layer GRU and its head: 6 parameters
    assert msg.count("`") == 6 and "and 3 more" in msg
    at.switch_page("views/predict.py").run()
    assert not at.exception, at.exception
    _message(at)


def test_text_model_with_a_nan_embedding():
    def damage(model):
        model.embed.weight[:] = NAN

    at = page(_loaded("shakespeare", "lstm", damage), "inside")
    assert "`embed.weight`" in _message(at)
    at = page(at, "predict")  # sampling from NaN probabilities would raise in torch
    _message(at)


def test_train_page_shows_the_message(nan_inside):
    at = page(nan_inside, "train")
    _message(at)


def test_a_finite_model_shows_no_message():
    at = page(_loaded("temperature", "lstm", lambda model: None), "inside")
    assert not [e for e in at.error if "finite" in e.value]
    assert "max difference" in texts(at.success)


def test_the_message_in_chinese(nan_inside):
    at = nan_inside
    at.session_state["lang"] = "zh"
    try:
        at = page(at, "inside")
        shown = [e.value for e in at.error if "并非全是有限数" in e.value]
        assert len(shown) == 1, texts(at.error)
        assert "`rnn.weight_hh_l0`" in shown[0] and "学习率" in shown[0]
        notes = texts(at.warning) + texts(at.info)
        assert "⟦" not in notes and "不是有限数" in notes and "遗忘门" in notes
    finally:
        at.session_state["lang"] = "en"
        at.run()
        i18n.use("en")
