"""One-click lessons and shareable links: engine and AppTest."""

import re
from dataclasses import replace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import TEMPERATURE_CSV, join_workers, load_sample, page, texts, upload
from conftest import ROOT
from rnnviz import i18n
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.reader import numeric_columns
from rnnviz.data.samples import SAMPLES
from rnnviz.data.text import TextConfig
from rnnviz.experiments.tasks import TASKS
from rnnviz.i18n import t
from rnnviz.model.classifier import build_classifier, classifier_config
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session import links
from rnnviz.session import schema as settings
from rnnviz.session.lessons import LAB_PRESETS, LESSONS, WORKED_EXAMPLES, prep_config
from rnnviz.session.workspace import default_prep, prepare
from rnnviz.session.workspace import load_sample as load_dataset
from rnnviz.train.classify_job import ClassifyJob
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.ui import state

DATA_LESSONS = [k for k, lesson in LESSONS.items() if lesson.sample]


# ---------------------------------------------------------------- lessons: engine


TUTORIALS = {
    "five_days": "000",
    "shapes": "001",
    "char_gru": "002",
    "stock_gru": "002",
    "bitcoin": "003",
    "bitcoin_93": "003",
    "keras": "004",
    "keras_train": "004",
}


def test_the_lessons_exist_and_each_tutorial_has_its_own():
    assert set(LESSONS) == {*TUTORIALS, "adding", "bidirectional", "names"}
    assert {k: LESSONS[k].tutorial for k in TUTORIALS} == TUTORIALS
    assert LESSONS["adding"].tutorial is LESSONS["bidirectional"].tutorial is None
    assert LESSONS["names"].tutorial is None
    # The worked examples are the lessons that name a tutorial, in the tutorials' order.
    in_order = tuple(sorted(TUTORIALS, key=lambda k: (TUTORIALS[k], k)))
    assert in_order == WORKED_EXAMPLES
    assert all(k == lesson.key for k, lesson in LESSONS.items())


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_lesson_card_and_banner_names_its_tutorial(app, language):
    app.radio(key="lang").set_value(language).run()
    try:
        i18n.use(language)
        for key in TUTORIALS:
            named = t("lesson.tutorial", number=TUTORIALS[key])
            assert named in texts(app.caption), key  # on the Home card
        _apply(app, "stock_gru")
        app.radio(key="lang").set_value(language).run()  # AppTest's page switch resets it
        banner = t("lesson.banner_tutorial", title=LESSONS["stock_gru"].title, number="002")
        assert banner in texts(app.markdown)
    finally:
        i18n.use("en")


def test_banners_show_where_each_lessons_point_shows():
    """Five days' ±1 saturation and Bitcoin's flat states are on Inside; Shakespeare's text
    and model on Data and Model; the Keras rows on Data."""
    wanted = {
        "five_days": ("views/inside.py",),
        "bitcoin": ("views/inside.py",),
        "char_gru": ("views/data.py", "views/model.py"),
        "keras_train": ("views/data.py",),
        "stock_gru": ("views/data.py", "views/predict.py"),
    }
    for key, pages in wanted.items():
        assert set(pages) <= set(LESSONS[key].pages), key


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_bitcoin_banner_says_what_is_the_tutorials_and_what_is_not(language):
    """The model and its training are the tutorial's; the data, scaling, splits and epochs
    are not, and the banner says which, in both languages."""
    try:
        i18n.use(language)
        lesson = LESSONS["bitcoin"]
        words = lesson.what_to_watch + lesson.expect
        for said in ("nn.RNN(3, 3, 2)", "1e-12", "3,793", "93", "100", "10 ", "15%"):
            assert said in words, said
        assert "Exactly" not in words and "完全相同" not in words
    finally:
        i18n.use("en")


@pytest.mark.parametrize("key", list(LESSONS))
def test_each_lesson_says_what_to_watch_in_two_sentences(key):
    lesson = LESSONS[key]
    assert len(re.findall(r"[.!?](?:\s|$)", lesson.what_to_watch.strip())) == 2
    assert lesson.title and (ROOT / lesson.start_page).exists()
    assert lesson.sample is None or lesson.sample in SAMPLES
    assert lesson.task is None or lesson.task in LAB_PRESETS
    assert set(LAB_PRESETS) - {"keras"} <= set(TASKS)


@pytest.mark.parametrize("key", list(LESSONS))
def test_each_lesson_sets_only_valid_values(key):
    """Every value a lesson sets passes the settings schema (what the widgets and links
    accept); the lesson's prep names only settings of its sample's preparation."""
    lesson = LESSONS[key]
    for cfg in (lesson.model, lesson.train):
        if cfg is not None:
            for s in settings.of(type(cfg)):
                assert settings.check(s, getattr(cfg, s.name)) == getattr(cfg, s.name)
    if lesson.sample:
        owner = type(links.sample_defaults(SAMPLES[lesson.sample]))
        for name, value in lesson.prep.items():
            assert settings.check(settings.get(owner, name), value) == value


def test_lessons_set_the_sizes_the_issue_asks_for():
    a = LESSONS["five_days"]
    assert (a.typed, a.prep["scaling"], a.model.cell, a.model.hidden_size) == (
        "temperatures",
        "none",
        "rnn_tanh",
        10,
    )
    b = LESSONS["char_gru"]
    assert (b.prep["seq_len"], b.model.cell, b.model.hidden_size) == (64, "gru", 128)
    assert b.prep["max_chars"] <= 250_000
    c = LESSONS["bitcoin"]
    assert c.prep["features"] == ("Open", "Close", "Vol.") and c.model.num_layers == 2
    assert set(c.prep["extra_targets"]) | {"Close"} == set(c.prep["features"])
    assert (c.model.hidden_size, c.model.head, c.train.lr, c.train.batch_size) == (
        3,
        "none",
        1e-12,
        10,
    )
    assert (c.prep["window"], c.prep["horizon"], c.prep["many_to_many"]) == (10, 2, True)
    assert LESSONS["keras"].start_page == LESSONS["adding"].start_page == "views/lab.py"
    assert LESSONS["keras"].sample is None
    assert LESSONS["bidirectional"].race["bidirectional"]


@pytest.mark.parametrize("key", DATA_LESSONS)
def test_lesson_configs_train_five_steps_in_the_engine(key):
    lesson = LESSONS[key]
    ds = load_dataset(lesson.sample)
    if ds.kind == "labels":  # a classifier: its own job on the sample's own columns
        data = prepare(ds, prep_config(lesson, default_prep(ds)))
        ccfg = classifier_config(lesson.model, len(data.vocab), len(data.classes))
        job = ClassifyJob(build_classifier(ccfg, seed=0), data, replace(lesson.train, max_steps=5))
        status = job.run()
        assert status.state == "done" and status.step == 5
        assert np.isfinite(status.train_loss).all()
        return
    base = (
        TextConfig(seq_len=64, max_chars=300_000)
        if ds.kind == "text"
        else SeriesConfig(
            target=ds.sample.target, features=(ds.sample.target,), date_column=ds.sample.date_column
        )
    )
    data = prepare(ds, prep_config(lesson, base))
    cfg = model_config_for(data, lesson.model)
    job = TrainJob(build_model(cfg, seed=0), data.windows, replace(lesson.train, max_steps=5))
    status = job.run()
    assert status.state == "done" and status.step == 5
    assert np.isfinite(status.train_loss).all()
    if key == "bitcoin":
        assert data.input_size == 3 and cfg.num_layers == 2 and cfg.mode == "many_to_many"
        _, y = data.windows.batch("train", np.arange(2))
        assert y.shape == (2, 10, 3)  # the window's three columns shifted two days ahead


# ---------------------------------------------------------------- lessons: AppTest


def _apply(app, key):
    app.button(key=f"lesson_{key}").click().run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("key", list(LESSONS))
def test_each_lesson_button_applies_and_opens_its_page(app, key):
    lesson = LESSONS[key]
    assert lesson.what_to_watch in texts(app.markdown)
    _apply(app, key)
    assert state.LAB_PRESET.get(app.session_state) == lesson.task
    if lesson.model:
        assert state.MODEL_CFG.get(app.session_state) == lesson.model
    if lesson.train:
        assert state.TRAIN_CFG.get(app.session_state).lr == lesson.train.lr
    if lesson.sample or lesson.typed:
        ds = state.DATASET.get(app.session_state)
        assert ds.kind == "typed" if lesson.typed else ds.sample.key == lesson.sample
        prep = state.PREP_CFG.get(app.session_state)
        assert all(getattr(prep, f) == v for f, v in lesson.prep.items())
    else:
        assert state.DATASET.get(app.session_state) is None  # leaves the data alone
    # The banner: on the start page now, and on every other page the lesson touches.
    for path in lesson.pages:
        app.switch_page(path).run()
        assert not app.exception, app.exception
        assert lesson.expect in texts(app.markdown), path


@pytest.mark.parametrize(
    "key", [k for k, lesson in LESSONS.items() if lesson.sample or lesson.typed]
)
def test_data_lessons_train_a_few_steps_on_the_train_page(app, key):
    _apply(app, key)
    state.TRAIN_CFG.set(
        replace(state.TRAIN_CFG.get(app.session_state), max_steps=4), app.session_state
    )
    page(app, "train")
    app.button(key="train").click().run()
    join_workers()
    app.run()
    assert not app.exception, app.exception
    assert "Finished 4 steps" in texts(app.success)


@pytest.mark.parametrize("key", ["char_gru", "bitcoin", "stock_gru"])
def test_the_sample_picker_shows_the_lessons_sample(app, key):
    """Data's picker names the sample the lesson loaded (not the first, Melbourne's)."""
    sample = LESSONS[key].sample
    _apply(app, key)
    page(app, "data")
    assert app.selectbox(key="sample_choice").value == sample
    assert SAMPLES[sample].description in texts(app.caption)
    assert SAMPLES["temperature"].description not in texts(app.caption)


@pytest.mark.parametrize("key", ["five_days", "keras_train"])
def test_opening_data_keeps_a_typed_lessons_scaling(app, key):
    _apply(app, key)
    page(app, "data")
    assert state.PREP_CFG.get(app.session_state).scaling == "none"
    assert app.selectbox(key=settings.get(SeriesConfig, "scaling").widget).value == "none"


def test_bidirectional_lesson_ticks_the_variants_on_compare(app):
    _apply(app, "bidirectional")
    assert app.checkbox(key="race_bi").value and not app.checkbox(key="race_deep").value
    assert app.number_input(key="race_steps").value == 300
    assert state.PREP_CFG.get(app.session_state).many_to_many


def test_the_banner_stays_off_pages_the_lesson_does_not_touch_and_closes(app):
    lesson = LESSONS["bitcoin"]
    _apply(app, "bitcoin")
    app.switch_page("views/compare.py").run()  # not one of its pages
    assert lesson.expect not in texts(app.markdown)
    app.switch_page("views/predict.py").run()
    assert lesson.expect in texts(app.markdown)
    app.button(key="lesson_close").click().run()
    assert not app.exception and lesson.expect not in texts(app.markdown)
    app.switch_page("views/train.py").run()  # closed for good, its settings kept
    assert lesson.expect not in texts(app.markdown)
    assert state.MODEL_CFG.get(app.session_state) == lesson.model


def test_another_lesson_replaces_the_banner(app):
    _apply(app, "five_days")
    app.switch_page("views/home.py").run()
    _apply(app, "keras_train")
    assert LESSONS["keras_train"].expect in texts(app.markdown)
    assert LESSONS["five_days"].expect not in texts(app.markdown)


def test_bitcoin_lesson_reads_three_columns(app):
    _apply(app, "bitcoin")
    data = state.PREPARED.get(app.session_state)
    assert data.input_size == 3 and data.cfg.horizon == 2


def test_a_lesson_after_training_drops_the_old_model(app):
    _apply(app, "five_days")
    state.TRAIN_CFG.set(
        replace(state.TRAIN_CFG.get(app.session_state), max_steps=3), app.session_state
    )
    app.run()  # the Train button's callback takes the settings drawn with it
    app.button(key="train").click().run()
    join_workers()
    app.run()
    assert "Finished 3 steps" in texts(app.success)
    app.switch_page("views/home.py").run()
    _apply(app, "bitcoin")
    assert "Press **Train**" in texts(app.info)  # no stale temperature model left


# ---------------------------------------------------------------- links: engine


def _settings(sample="temperature"):
    prep = links.sample_defaults(SAMPLES[sample])
    return (
        sample,
        prep,
        ModelConfig(cell="gru", hidden_size=16, num_layers=2, bidirectional=True, dropout=0.2),
        TrainConfig(lr=0.003, batch_size=32, epochs=7, optimizer="sgd", seed=42),
    )


@pytest.mark.parametrize("sample", ["temperature", "bitcoin", "shakespeare"])
def test_params_round_trip(sample):
    key, prep, model, train = _settings(sample)
    if sample == "bitcoin":
        prep = replace(
            prep,
            features=("Open", "Close", "Vol."),
            window=10,
            horizon=2,
            many_to_many=True,
            scaling="standard",
            val_frac=0.2,
            missing="drop",
        )
    if sample == "shakespeare":
        prep = replace(prep, seq_len=32, max_chars=None)
    params = links.to_params(key, prep, model, train)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    assert params["s"] == sample and params["cell"] == "gru" and params["h"] == "16"
    settings, warnings = links.from_params(params)
    assert warnings == []
    assert settings == links.Setup(key, prep, model, train)


def test_garbage_values_give_warnings_and_keep_defaults():
    params = {
        "s": "temperature",
        "cell": "banana",
        "h": "-5",
        "lr": "abc",
        "w": "7",
        "bi": "yes",
        "ep": "1e9",
        "vf": "nan",
        "embed": "true",
    }
    settings, warnings = links.from_params(params)
    named = " ".join(warnings)
    for bad in ("cell='banana'", "h='\\-5'", "lr='abc'", "bi='yes'", "ep='1e9'", "vf='nan'"):
        assert bad in named
    assert len(warnings) == 6  # embed is not ours: ignored without a word
    assert settings.model == ModelConfig() and settings.train == TrainConfig()
    assert settings.prep.window == 7  # the good part is kept


@pytest.mark.parametrize(
    "params",
    [
        {"s": "nope"},
        {"s": ""},
        {"s": ["airline", "x" * 10_000]},
        {"h": "x" * 100_000},
        {"s": "shakespeare", "sl": "-1", "mc": "many"},
        {"t": "Temp"},
        {"cell": ""},
        {},
        {"s": "bitcoin", "f": ",,,", "t": " "},
        {"lr": "inf"},
        {"seed": "-1"},
        {"do": "0.9"},
    ],
)
def test_any_link_reads_without_an_exception(params):
    settings, warnings = links.from_params(params)
    assert isinstance(settings, links.Setup) and isinstance(warnings, list)
    assert all(len(w) < 300 for w in warnings)


def test_unknown_columns_are_left_out_with_a_warning():
    ds = load_dataset("bitcoin")
    params = {"s": "bitcoin", "t": "Price", "f": "Open,Nope,Vol."}
    settings, warnings = links.from_params(params, columns=numeric_columns(ds.table))
    assert settings.prep.target == "Close" and settings.prep.features == ("Open", "Vol.")
    assert any("'Price'" in w for w in warnings) and any("'Nope'" in w for w in warnings)


# ---------------------------------------------------------------- links: AppTest


def _open_link(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def test_shared_link_restores_sample_and_model():
    at = _open_link(s="airline", cell="gru", h="16")
    assert state.DATASET.get(at.session_state).sample.key == "airline"
    cfg = state.MODEL_CFG.get(at.session_state)
    assert (cfg.cell, cfg.hidden_size) == ("gru", 16)
    assert not at.warning
    assert at.query_params["s"] == "airline" and at.query_params["w"] == "12"  # filled in
    page(at, "model")
    assert at.segmented_control(key="cell").value == "gru"
    assert at.select_slider(key="hidden_size").value == 16


def test_garbage_link_warns_names_the_bad_parts_and_keeps_the_rest():
    at = _open_link(s="airline", cell="banana", h="-5", lr="abc", l="2")
    warning = texts(at.warning)
    assert "cell='banana'" in warning and "h='\\-5'" in warning and "lr='abc'" in warning
    assert state.DATASET.get(at.session_state).sample.key == "airline"
    assert state.MODEL_CFG.get(at.session_state).num_layers == 2
    assert at.query_params["cell"] == "lstm"  # the URL now says what is in use
    at.run()
    assert not at.warning  # said once


def test_link_with_a_window_too_long_for_the_sample_falls_back():
    at = _open_link(s="airline", w="500")
    assert "do not fit" in texts(at.warning)
    assert state.PREP_CFG.get(at.session_state).window == 12


def test_settings_changes_are_written_to_the_url(app):
    assert "s" not in app.query_params
    load_sample(app, "sunspots")
    assert app.query_params["s"] == "sunspots"
    page(app, "model")
    app.segmented_control(key="cell").set_value("gru").run()
    assert app.query_params["cell"] == "gru"  # in the same run that changed it
    page(app, "train")
    app.number_input(key="epochs").set_value(3).run()
    assert app.query_params["ep"] == "3"
    assert "Share this setup" in texts(app.sidebar.caption)


def test_an_upload_cannot_be_shared(app):
    load_sample(app, "airline")
    upload(app, "temps.csv", TEMPERATURE_CSV)
    assert not set(links.KEYS) & set(app.query_params)
    assert "cannot carry" in texts(app.sidebar.caption)


def test_a_link_opened_later_is_not_restored_again(app):
    load_sample(app, "airline")
    app.query_params["s"] = "sunspots"  # the session was restored (or not) once already
    app.run()
    assert state.DATASET.get(app.session_state).sample.key == "airline"
