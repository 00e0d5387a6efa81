"""The settings schema (rnnviz/session/schema.py): each setting is declared once, and links,
widgets,
lessons and defaults read it. Parametrised over the schema, so a new setting is tested
without a new test."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

import pytest
from streamlit.testing.v1 import AppTest

from apphelpers import page, texts
from conftest import ROOT
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.text import TextConfig
from rnnviz.i18n import CATALOG
from rnnviz.model.network import ModelConfig
from rnnviz.session import links, schema
from rnnviz.session.schema import SETTINGS, Setting
from rnnviz.train.job import TrainConfig
from rnnviz.ui import state

# The keys shared links have always used: an old link must keep working.
OLD_KEYS = [
    "s",
    "t",
    "f",
    "w",
    "hz",
    "m2m",
    "sc",
    "vf",
    "tf",
    "na",
    "sl",
    "mc",
    "cell",
    "h",
    "l",
    "bi",
    "do",
    "opt",
    "lr",
    "bs",
    "ep",
    "clip",
    "seed",
]
LINKED = [s for s in SETTINGS if s.key]
PAGES = ("data", "model", "train", "inside", "predict", "compare", "lab")
SAMPLE_FOR = {
    SeriesConfig: "bitcoin",
    TextConfig: "shakespeare",
    ModelConfig: "airline",
    TrainConfig: "airline",
}
CONFIG = {
    SeriesConfig: state.PREP_CFG,
    TextConfig: state.PREP_CFG,
    ModelConfig: state.MODEL_CFG,
    TrainConfig: state.TRAIN_CFG,
}


def other_value(s: Setting, default):
    """A valid value that is not `default`, and off the widget's marks and steps where the
    schema allows one (the value a snapping widget would have changed)."""
    if s.kind == "bool":
        return not default
    if s.kind == "choice":
        return next(c for c in s.choices if c != default)
    if s.kind == "column":
        return "Open"  # bitcoin's columns: Close is the default target
    if s.name == "extra_targets":  # predicted beside the target (Close)
        return ("Open", "Vol.")
    if s.kind == "columns":
        return ("Open", "Close", "Vol.")
    if s.log:
        return round(default * 0.4, 12)  # 0.005 -> 0.002: between two marks
    if s.kind == "float":
        step = s.step if s.grid else s.step / 2  # off the arrows' steps where not a grid
        return round(default + step if default + step <= s.hi else default - step, 10)
    value = (default or 0) + 1
    while value in s.marks:
        value += 1
    return value


def _default(s: Setting):
    base = (
        links.sample_defaults(links.SAMPLES[SAMPLE_FOR[s.owner]])
        if s.owner in (SeriesConfig, TextConfig)
        else schema.make(s.owner)
    )
    return schema.value(base, s)


# ---------------------------------------------------------------- the schema itself


def test_links_keep_their_keys():
    assert [k for k in links.KEYS if k in OLD_KEYS] == OLD_KEYS  # new keys may join
    assert schema.LANGUAGE_KEY == "lang"
    from rnnviz.ui import lang

    assert lang.KEY == schema.LANGUAGE_KEY


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: s.name)
def test_each_setting_is_whole(s):
    assert s.kind in schema.KINDS
    assert s.name in {f.name for f in dataclass_fields(s.owner)}
    assert s.label in CATALOG and (s.help is None or s.help in CATALOG)
    assert all(f"{s.choice_label}{c}" in CATALOG for c in s.choices)
    if s.default is not None:
        assert schema.check(s, s.default) == s.default
    if s.optional:  # None is a value of its own (row numbers, the whole text)
        assert schema.check(s, None) is None
    else:
        with pytest.raises(ValueError):
            schema.check(s, None)
    if s.kind in ("int", "float"):
        assert s.lo < s.hi and all(schema.check(s, m) == m for m in s.marks)
        assert s.marks or s.step  # a widget needs one or the other


def test_widget_keys_and_link_keys_are_unique():
    assert len({s.widget for s in SETTINGS}) == len(SETTINGS)
    assert len({s.key for s in LINKED}) == len(LINKED)


@pytest.mark.parametrize("owner", [ModelConfig, TrainConfig])
def test_schema_defaults_are_the_configs_defaults(owner):
    """ModelConfig() in the engine and a fresh session in the app agree."""
    assert schema.make(owner) == owner()


@pytest.mark.parametrize("s", LINKED, ids=lambda s: s.key)
def test_values_read_back_from_their_link_text(s):
    for value in (_default(s), other_value(s, _default(s))):
        assert schema.parse(s, schema.text(s, value)) == value


BAD = {
    "int": ["x", "1.5", "-99999999999", "9" * 40],
    "float": ["nan", "inf", "1e300", "x"],
    "bool": ["yes", "2"],
    "choice": ["banana", ""],
    "column": [" "],
    "columns": [",,,"],
}


@pytest.mark.parametrize("s", LINKED, ids=lambda s: s.key)
def test_invalid_link_values_warn_and_name_the_key(s):
    sample = SAMPLE_FOR[s.owner]
    for bad in BAD[s.kind] + (["0.123"] if s.grid else []):
        got, warnings = links.from_params({"s": sample, s.key: bad})
        assert len(warnings) == 1 and warnings[0].startswith(f"{s.key}='"), (bad, warnings)
        cfg = (
            got.prep
            if s.owner in (SeriesConfig, TextConfig)
            else getattr(got, "model" if s.owner is ModelConfig else "train")
        )
        assert schema.value(cfg, s) == _default(s)  # kept


def test_make_names_a_bad_field():
    with pytest.raises(ValueError, match="hidden_size=0"):
        schema.make(ModelConfig, hidden_size=0)
    assert schema.make(TrainConfig, max_steps=3).max_steps == 3  # not a setting: unchecked


# ---------------------------------------------------------------- links in the app


def _open(first: str | None = None, **params) -> AppTest:
    """A fresh session opened on a link: on Home, or on the page `first` names."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    if first:
        at.switch_page(f"views/{first}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _shown(s: Setting, value):
    """The value as the setting's widget holds it."""
    if s.kind == "columns":
        return list(value)
    return s.none_as if value is None else value


@pytest.mark.parametrize("s", LINKED, ids=lambda s: s.key)
def test_a_link_value_survives_every_page(s):
    value = other_value(s, _default(s))
    text = schema.text(s, value)
    at = _open(s=SAMPLE_FOR[s.owner], **{s.key: text})
    assert not at.warning, texts(at.warning)
    for name in PAGES:
        page(at, name)
        assert schema.value(CONFIG[s.owner].get(at.session_state), s) == value, name
        assert at.query_params[s.key] == text, name
        if s.widget in at.session_state:  # the widget is drawn on this page
            assert at.session_state[s.widget] == _shown(s, value), name


def test_every_bad_value_of_one_link_is_named_once():
    params = {
        "s": "airline",
        **{s.key: BAD[s.kind][0] for s in LINKED if s.owner not in (TextConfig,)},
    }
    at = _open(**params)
    warning = texts(at.warning)
    for s in LINKED:
        if s.owner is not TextConfig:
            assert f"{s.key}='" in warning, s.key
    assert state.DATASET.get(at.session_state).sample.key == "airline"


# ---------------------------------------------------------------- the reproductions


def test_a_bitcoin_link_opened_on_train_survives_the_data_page():
    at = _open("train", s="bitcoin", t="Close", f="Open,Close,Vol.", w="10", hz="2", m2m="1")
    assert at.title[0].value == "3 · Train"
    page(at, "data")
    cfg = state.PREP_CFG.get(at.session_state)
    assert (cfg.inputs, cfg.window, cfg.horizon, cfg.many_to_many) == (
        ("Open", "Close", "Vol."),
        10,
        2,
        True,
    )
    assert at.number_input(key="window").value == 10
    assert at.multiselect(key="feature_cols").value == ["Open", "Close", "Vol."]
    assert (
        at.query_params["f"],
        at.query_params["w"],
        at.query_params["hz"],
        at.query_params["m2m"],
    ) == ("Open,Close,Vol.", "10", "2", "1")


def test_a_learning_rate_between_marks_is_kept_by_the_train_page():
    at = _open(s="airline", lr="0.002", bs="100")
    assert not at.warning  # the link's values are valid: nothing to say
    page(at, "train")
    cfg = state.TRAIN_CFG.get(at.session_state)
    assert (cfg.lr, cfg.batch_size) == (0.002, 100)
    assert at.select_slider(key="lr").value == 0.002
    assert at.select_slider(key="batch_size").value == 100
    assert (at.query_params["lr"], at.query_params["bs"]) == ("0.002", "100")
    at.select_slider(key="lr").set_value(0.01).run()  # the marks still work around it
    assert state.TRAIN_CFG.get(at.session_state).lr == 0.01 and at.query_params["lr"] == "0.01"


LINK = {
    "s": "bitcoin",
    "f": "Open,Vol.",
    "w": "7",
    "hz": "3",
    "m2m": "1",
    "sc": "standard",
    "vf": "0.2",
    "cell": "gru",
    "h": "20",
    "l": "2",
    "do": "0.25",
    "bi": "1",
    "opt": "sgd",
    "lr": "0.02",
    "bs": "48",
    "ep": "3",
    "clip": "0.25",
    "seed": "9",
}


@pytest.mark.parametrize("first", PAGES)
def test_a_whole_link_opened_on_any_page_is_kept_by_every_page(first):
    at = _open(first, **LINK)
    # Every value of the link is taken: no warning but the one about the choice itself
    # (its inputs leave the target out: rnnviz.data.roles warns before training).
    ignored = [w for w in at.warning if "is not among the input features" not in w.value]
    assert not ignored, texts(at.warning)
    for name in (first, *PAGES):
        page(at, name)
        assert {k: at.query_params[k] for k in LINK} == LINK, name
