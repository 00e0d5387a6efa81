"""Tutorial 003's 93 days walked through the pages (nothing held back: Predict says there
is no test part), and tutorial 002's text case: a lower-cased text without line breaks,
100 characters at temperature 1 from a 20-character seed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from apphelpers import join_workers, page, texts
from conftest import ROOT
from rnnviz.i18n import t
from rnnviz.ui import state


def test_the_93_days_lesson_trains_on_every_day_and_predict_says_so(app):
    app.button(key="lesson_bitcoin_93").click().run()
    assert not app.exception, app.exception
    for name in ("data", "model"):
        page(app, name)
        cfg = state.PREP_CFG.get(app.session_state)
        assert (cfg.scaling, cfg.val_frac, cfg.test_frac) == ("none", 0.0, 0.0), name
        assert state.workspace(app.session_state).dataset.table.shape[0] == 93
    page(app, "train")
    app.number_input(key="epochs").set_value(3).run()  # the lesson's 100, cut for the test
    app.button(key="train").click().run()
    join_workers()
    app.run()
    assert not app.exception, app.exception
    page(app, "predict")
    assert t("predict.no_test") in texts(app.info)
    assert t("predict.train_title") in texts(app.subheader)
    assert not app.warning  # no "a baseline wins" advice about rows the model trained on


def test_a_lower_cased_text_generates_100_characters_at_temperature_1():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(s="shakespeare", lc="1", nl="1", mc="20000", sl="32", h="16", ep="1")
    at.run()
    assert not at.exception, at.exception
    cfg = state.PREP_CFG.get(at.session_state)
    assert cfg.lowercase and cfg.drop_newlines
    page(at, "train")
    at.button(key="train").click().run()
    join_workers()
    at.run()
    assert not at.exception, at.exception
    page(at, "predict")
    seed = "First Citizen: befor"  # 20 characters, as typed from the original text
    assert len(seed) == 20
    at.text_input(key="prompt").set_value(seed)
    at.slider(key="temperature").set_value(1.0)
    at.slider(key="gen_length").set_value(100)
    at.button(key="generate").click().run()
    assert not at.exception, at.exception
    gen = state.GENERATED.get(at.session_state)
    assert gen.text.startswith(seed.lower()) and len(gen.text) == 20 + 100
    assert not gen.skipped and not at.warning  # "F" and "C" read as the text's "f" and "c"
    assert "\n" not in gen.text


def test_the_93_days_settings_go_to_the_users_own_export(app):
    """An investing.com export of one's own, uploaded first, keeps its rows and gets the
    tutorial's settings; the banner says so. Another table leaves the bundled 93 days."""
    from apphelpers import upload

    raw = (ROOT / "sample_data" / "bitcoin-93-days.csv").read_bytes()
    mine = raw.replace(b'"Jun 02, 2020"', b'"Jun 03, 2020"')  # a row the sample lacks
    upload(app, "Bitcoin Historical Data.csv", mine)
    page(app, "home")
    app.button(key="lesson_bitcoin_93").click().run()
    assert not app.exception, app.exception
    ws = state.workspace(app.session_state)
    assert ws.dataset.sample is None and ws.dataset.label == "Bitcoin Historical Data.csv"
    assert (ws.prep_cfg.scaling, ws.prep_cfg.val_frac, ws.prep_cfg.test_frac) == ("none", 0, 0)
    assert "Your upload has the tutorial's columns" in texts(app.info)

    upload(app, "airline.csv", (ROOT / "sample_data" / "airline-passengers.csv").read_bytes())
    page(app, "home")
    app.button(key="lesson_bitcoin_93").click().run()
    ws = state.workspace(app.session_state)
    assert ws.dataset.sample is not None and ws.dataset.table.shape[0] == 93
    assert "Your upload has" not in texts(app.info)
