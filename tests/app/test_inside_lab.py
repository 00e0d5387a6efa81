"""Inside page, teaching lab: the cell calculator, gate insight and HTML export (AppTest)."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import TEMPERATURE_CSV, load_sample, page, texts, train, upload
from conftest import ROOT
from rnnviz.ui.downloads import html_bytes

# One download menu per tab, not a link under every chart.
DOWNLOADS = ["dl_steps", "dl_training", "dl_grads", "dl_insight"]


@pytest.fixture(scope="module")
def lstm_inside():
    """The temperature sample, the default LSTM trained 2 epochs, on the Inside page.
    Trained once for the module: training is what costs the time."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    load_sample(at, "temperature")
    train(at, epochs=2)
    assert "Finished" in texts(at.success)
    return page(at, "inside")


def _specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _title(spec) -> str:
    return spec["layout"].get("title", {}).get("text", "")


def test_calculator_matches_the_fused_lstm(lstm_inside):
    at = lstm_inside
    ok = [s.value for s in at.success if "max difference" in s.value]
    assert ok and "nn.LSTM" in ok[0]
    assert float(ok[0].split("max difference ")[1].split()[0]) < 1e-5
    assert len(at.latex) == 6 and all("underbrace" in e.value for e in at.latex[:4])
    tables = [
        d.value for d in at.dataframe if "W_ih·x" in d.value.columns or "c_t" in d.value.columns
    ]
    assert len(tables) == 5  # i, f, g, o and the states
    assert len(tables[0]) == 32  # one row per hidden unit


def test_calculator_step_and_units_follow_the_widgets(lstm_inside):
    at = lstm_inside
    at.slider(key="calc_t_30").set_value(0).run()
    assert not at.exception, at.exception
    assert "all zeros" in texts(at.caption)
    at.multiselect(key="calc_units_32").set_value([0, 5, 31]).run()
    assert not at.exception, at.exception
    assert len(at.latex) == 18
    assert "Unit 31" in texts(at.markdown)
    at.slider(key="calc_t_30").set_value(29).run()
    assert "state after step 28" in texts(at.caption)


def test_calculator_on_your_own_values(lstm_inside):
    at = lstm_inside
    at.selectbox(key="inside_seq").set_value("type your own").run()
    at.text_input(key="inside_values").set_value("10, 12, 15, 14, 13").run()
    assert not at.exception, at.exception
    assert at.slider(key="calc_t_5").max == 4
    assert any("max difference" in s.value for s in at.success)
    at.selectbox(key="inside_seq").set_value("validation sequence 1").run()


def test_gate_insight_counts_memory_cells_and_shows_the_path(lstm_inside):
    at = lstm_inside
    labels = [m.label for m in at.metric]
    assert labels == ["memory cells", "reset cells", "mixed"]
    assert sum(int(m.value) for m in at.metric) == 32
    specs = {_title(s): s for s in _specs(at)}
    share = next(s for t, s in specs.items() if "forget gate" in t)
    assert [d["name"] for d in share["data"]][0].startswith("f > 0.9")
    pca = next(s for t, s in specs.items() if "principal components" in t)
    assert len(pca["frames"]) == 30
    assert "memory cells" in texts(at.caption)


def test_one_html_download_menu_per_tab(lstm_inside):
    at = lstm_inside
    buttons = {b.key: b for b in at.download_button}
    for key in DOWNLOADS:
        assert key in buttons, key
        assert buttons[key].proto.deferred_file_id  # built on click, not on every rerun
    from rnnviz.ui.state import RUN

    figs = RUN.get(at.session_state).figures  # a run keeps the figures drawn from it
    for name in ["hidden", "gates", "pca"]:
        fig = figs[name][1]
        html = html_bytes(fig).decode("utf-8")
        assert "plotly.js v" in html
        call = html[html.rindex("Plotly.newPlot(") :]
        assert call.count('"traces":[') == len(fig.frames) > 1


@pytest.mark.parametrize("cell, module", [("gru", "nn.GRU"), ("rnn_tanh", "nn.RNN")])
def test_other_cells_two_layers_bidirectional(app, cell, module):
    upload(app, "temps.csv", TEMPERATURE_CSV)
    app.number_input(key="window").set_value(7).run()
    page(app, "model")
    app.segmented_control(key="cell").set_value(cell).run()
    app.number_input(key="num_layers").set_value(2).run()
    app.toggle(key="bidirectional").set_value(True).run()
    train(app, epochs=1)
    page(app, "inside")
    app.selectbox(key="inside_layer").set_value(1).run()
    app.selectbox(key="inside_dir").set_value(1).run()
    assert not app.exception, app.exception
    ok = [s.value for s in app.success if "max difference" in s.value]
    assert ok and module in ok[0] and "layer 2 backward" in ok[0]
    titles = [_title(s) for s in _specs(app)]
    if cell == "gru":
        assert any("update gate" in t for t in titles)
        assert any("z_t" in e.value for e in app.latex)
    else:
        assert "no gates" in texts(app.info)
        assert not app.metric
        assert any("principal components" in t for t in titles)


def test_a_typed_character_is_shown_literally_in_the_calculator_caption():
    from rnnviz.analysis import calculator
    from rnnviz.model.network import ModelConfig, build_model
    from rnnviz.ui.calculator_controls import _what_is_read

    model = build_model(
        ModelConfig(cell="gru", input_size=3, hidden_size=4, mode="char_lm", vocab_size=5), seed=0
    )
    terms = calculator.step_terms(model, [1, 2, 3], 0, 0, 1)
    text = _what_is_read(terms, ["a", "$", "b"])
    assert "\\'\\$\\'" in text  # escaped (safe.md): "$" would otherwise open a formula
    assert "3 numbers" in text and "state after step 0" in text
