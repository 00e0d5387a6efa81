"""Classifying names as a user does it: Data, Model, Train, Predict, Inside and Compare on
the names sample, then changing one's mind (other data, the other language, a lesson, a
share link, a saved classifier on a fresh session)."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from apphelpers import chart_spec, load_sample, page, texts, train
from rnnviz import i18n
from rnnviz.files.classifier_file import classifier_bytes
from rnnviz.session.run import run_bytes
from rnnviz.ui import state

ROOT = Path(__file__).resolve().parents[2]
NAMES_PAGES = ["data", "model", "train", "predict", "inside", "compare"]


def _fresh() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def _run(at: AppTest):
    return state.workspace(at.session_state).run


def _charts(at: AppTest) -> set[str]:
    return {c.key for c in at.get("plotly_chart")}


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def trained() -> AppTest:
    """One session trained one epoch on the names sample, shared by the module's tests (the
    last one loads other data into it)."""
    at = _fresh()
    load_sample(at, "names")
    train(at, epochs=1)
    yield at
    i18n.use("en")


@pytest.fixture(scope="module")
def forecaster_file() -> bytes:
    """The saved file of a forecaster trained one epoch on the temperature sample."""
    at = _fresh()
    load_sample(at, "temperature")
    train(at, epochs=1)
    run = _run(at)
    assert run is not None and not run.is_labels
    return run_bytes(run)


# ---------------------------------------------------------------- the whole flow


def test_data_page_shows_the_names_and_their_balance(app):
    load_sample(app, "names")
    assert "class_balance" in _charts(app)
    summary = texts(app.info)
    assert "in 18 classes" in summary, summary
    assert app.selectbox(key="text_col").value == "name"
    assert app.selectbox(key="label_col").value == "language"
    bars = chart_spec(app, "class_balance")["data"]
    assert bars and len(bars[0]["y"] if "y" in bars[0] else bars[0]["x"]) == 18


def _param_total(at: AppTest) -> int:
    title = next(s.value for s in at.subheader if s.value.startswith("Parameters"))
    return int(re.sub(r"\D", "", title))


def test_model_page_counts_parameters_for_each_way_letters_enter(app):
    load_sample(app, "names")
    page(app, "model")
    assert app.radio(key="embed").value == "embedding"
    embedded = _param_total(app)
    app.radio(key="embed").set_value("one_hot").run()
    assert not app.exception, app.exception
    one_hot = _param_total(app)
    assert one_hot != embedded and one_hot > 0
    page(app, "model")  # leaving and coming back keeps the choice
    assert app.radio(key="embed").value == "one_hot"
    assert _param_total(app) == one_hot


def test_train_page_finishes_one_epoch(trained):
    page(trained, "train")
    assert re.search(r"Finished \d+ steps", texts(trained.success)), texts(trained.success)
    assert not trained.error, texts(trained.error)
    assert _run(trained).is_labels
    assert trained.get("download_button")  # the classifier's downloads


def test_predict_page_scores_confusion_pairs_and_a_typed_name(trained):
    page(trained, "predict")
    scores = _metrics(trained)
    assert len(scores) == 3, scores
    assert scores["Majority class"] == "49.9%"
    assert any(k.startswith("Letter bigrams") for k in scores), scores
    assert "names_conf" in _charts(trained)
    pairs = trained.dataframe[-1].value
    assert len(pairs) >= 1 and pairs.iloc[:, 2].min() >= 1  # counts of confused names
    trained.text_input(key="name_input").set_value("Nakamura").run()
    assert not trained.exception, trained.exception
    after = _metrics(trained)
    top = {k: v for k, v in after.items() if k not in scores}
    assert len(top) == 3, after
    probs = [float(v.rstrip("%")) for v in top.values()]
    assert probs == sorted(probs, reverse=True) and sum(probs) <= 100.5
    assert "names_strip" in _charts(trained)
    strip = chart_spec(trained, "names_strip")
    assert "Nakamura"[0] in json.dumps(strip, ensure_ascii=False)


def test_inside_page_draws_a_name_and_follows_picks_typing_and_snapshots(trained):
    page(trained, "inside")
    assert {"names_inside_strip", "names_hidden", "names_gates", "names_influence"} <= _charts(
        trained
    )
    first = trained.selectbox(key="names_pick").value
    title = texts(trained.subheader)
    other = next(o for o in trained.selectbox(key="names_pick").options if o != first)
    trained.selectbox(key="names_pick").set_value(other).run()
    assert not trained.exception, trained.exception
    assert texts(trained.subheader) != title and other in texts(trained.subheader)
    trained.text_input(key="names_typed").set_value("Schmidt").run()
    assert not trained.exception, trained.exception
    assert "Schmidt" in texts(trained.subheader)
    before = chart_spec(trained, "names_inside_strip")
    slider = trained.select_slider(key="names_snap")
    assert slider.value != 0
    slider.set_value(0).run()
    assert not trained.exception, trained.exception
    assert "(step 0)" in texts(trained.subheader)
    assert chart_spec(trained, "names_inside_strip")["data"] != before["data"]
    last = trained.select_slider(key="names_snap").options[-1]
    trained.select_slider(key="names_snap").set_value(last).run()
    trained.text_input(key="names_typed").set_value("").run()


def test_compare_page_offers_the_names_race(trained):
    page(trained, "compare")
    assert trained.button(key="names_race_start")
    assert trained.number_input(key="names_race_seconds")
    assert "Start the race" in texts(trained.info)


def test_no_idle_rnnviz_thread_outlives_the_baseline_fit(trained):
    """clear_sessions (tests/conftest.py) joins every thread named rnnviz-*, so one that
    waits for work forever holds each module's teardown for two minutes."""
    page(trained, "predict")  # the baselines are fitted by now
    idle = [
        th.name
        for th in threading.enumerate()
        if th.name.startswith("rnnviz-") and th.name != "rnnviz-train"
    ]
    assert not idle, idle


# ---------------------------------------------------------------- the other language


def _shown(at: AppTest) -> str:
    def nodes(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from nodes(child)

    parts = []
    for root in (at.main, at.sidebar):
        for node in nodes(root):
            if (proto := getattr(node, "proto", None)) is not None:
                parts.append(json.dumps(MessageToDict(proto), ensure_ascii=False))
    return "\n".join(parts)


def test_every_names_page_in_chinese_has_no_missing_text(trained):
    trained.radio(key="lang").set_value("zh").run()
    try:
        for name in NAMES_PAGES:
            page(trained, name)
            shown = _shown(trained)
            assert "⟦" not in shown, (name, re.findall(r"⟦[^⟧]*⟧", shown))
            assert len(re.findall(r"[\u4e00-\u9fff]", shown)) > 20, name
        page(trained, "inside")
        trained.text_input(key="names_typed").set_value("Nakamura").run()
        assert not trained.exception, trained.exception
        page(trained, "predict")
        trained.text_input(key="name_input").set_value("Nakamura").run()
        assert not trained.exception, trained.exception
        assert "⟦" not in _shown(trained)
    finally:
        trained.radio(key="lang").set_value("en").run()
        i18n.use("en")


# ---------------------------------------------------------------- lessons and links


def test_the_names_lesson_loads_names_a_bidirectional_gru_and_12_epochs(app):
    app.button(key="lesson_names").click().run()
    assert not app.exception, app.exception
    ds = state.DATASET.get(app.session_state)
    assert ds.kind == "labels" and ds.sample.key == "names"
    cfg = state.MODEL_CFG.get(app.session_state)
    assert cfg.cell == "gru" and cfg.bidirectional
    page(app, "train")
    assert app.number_input(key="epochs").value == 12
    page(app, "data")
    assert "in 18 classes" in texts(app.info)


def test_a_share_link_opens_the_names_sample():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["s"] = "names"
    at.run()
    assert not at.exception, at.exception
    ds = state.DATASET.get(at.session_state)
    assert ds is not None and ds.kind == "labels" and ds.sample.key == "names"
    page(at, "data")
    assert "in 18 classes" in texts(at.info)


# ---------------------------------------------------------------- saved files


def _upload_model(at: AppTest, raw: bytes) -> AppTest:
    page(at, "model")
    at.file_uploader(key="model_upload").upload("m.safetensors", raw).run()
    assert not at.exception, at.exception
    return at


def test_a_saved_classifier_predicts_on_a_fresh_session(trained):
    run = _run(trained)
    raw = classifier_bytes(run.model, run.data)
    page(trained, "predict")
    accuracy = _metrics(trained)["Your model, test accuracy"]
    at = _fresh()
    load_sample(at, "names")
    _upload_model(at, raw)
    at.button(key="use_loaded").click().run()
    assert not at.exception, at.exception
    assert "Loaded" in texts(at.success)
    page(at, "predict")
    assert _metrics(at)["Your model, test accuracy"] == accuracy
    assert "names_conf" in _charts(at)
    page(at, "inside")
    assert "names_inside_strip" in _charts(at)


def test_a_forecasters_file_on_names_data_gives_a_clear_error(forecaster_file):
    at = _fresh()
    load_sample(at, "names")
    _upload_model(at, forecaster_file)
    assert "not a classifier" in texts(at.error), texts(at.error)
    assert not any(b.key == "use_loaded" for b in at.button)


def test_a_classifier_file_on_temperature_data_gives_a_clear_error(trained):
    run = _run(trained)
    raw = classifier_bytes(run.model, run.data)
    at = _fresh()
    load_sample(at, "temperature")
    _upload_model(at, raw)
    assert "classifier of names" in texts(at.error), (texts(at.error), texts(at.warning))
    assert not any(b.key == "use_loaded" for b in at.button)
    assert state.workspace(at.session_state).run is None


# ---------------------------------------------------------------- changing one's mind


def _other_data_note(at: AppTest) -> bool:
    return "other data or settings" in texts(at.warning)


def test_forecaster_then_names():
    at = _fresh()
    load_sample(at, "temperature")
    train(at, epochs=1)
    assert not _run(at).is_labels
    load_sample(at, "names")
    for name in ("predict", "inside"):
        page(at, name)
        assert _other_data_note(at), name
        assert "names_conf" not in _charts(at) and "names_inside_strip" not in _charts(at)
    train(at, epochs=1)
    assert re.search(r"Finished \d+ steps", texts(at.success))
    assert _run(at).is_labels
    page(at, "predict")
    assert not _other_data_note(at)
    assert "names_conf" in _charts(at) and len(_metrics(at)) == 3


def test_names_then_temperature_keeps_the_names_run_until_training(trained):
    """Last in the module: it loads other data into the shared session."""
    load_sample(trained, "temperature")
    page(trained, "predict")
    assert _other_data_note(trained)
    assert "names_conf" in _charts(trained) and len(_metrics(trained)) == 3
    page(trained, "inside")
    assert _other_data_note(trained)
    assert "names_inside_strip" in _charts(trained)
    train(trained, epochs=1)
    assert re.search(r"Finished \d+ steps", texts(trained.success))
    run = _run(trained)
    assert run is not None and not run.is_labels
    page(trained, "predict")
    assert not _other_data_note(trained) and "names_conf" not in _charts(trained)
