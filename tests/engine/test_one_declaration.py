"""Each default and each range is declared once: a config field's default is the schema's
(rnnviz/session/schema.py reads it from the config), the workspace starts from the schema, and a
saved run's file is read with the schema's ranges (rnnviz/files/run_data.py). Enumerated over the
configs' fields and the schema, so a field added to either is checked without a new test."""

from __future__ import annotations

import json
from dataclasses import MISSING, fields, replace

import pytest

from rnnviz.data.labels import LabelConfig
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.text import TextConfig
from rnnviz.files import model_file, run_data
from rnnviz.model import sizes
from rnnviz.model.network import ModelConfig
from rnnviz.server import limits
from rnnviz.session import links, schema, workspace
from rnnviz.session.schema import FILE_ONLY, SETTINGS
from rnnviz.train.job import TrainConfig

CONFIGS = (SeriesConfig, TextConfig, ModelConfig, TrainConfig, LabelConfig)
# Fields no user sets: what the data decide, fixed shares, and the machine's and the
# races' budgets. A new field must join the schema or this list.
NOT_SETTINGS = {
    SeriesConfig: {"last_rows", "every_nth"},
    TextConfig: {"val_frac", "test_frac"},
    LabelConfig: {"val_frac", "test_frac", "seed"},  # the tutorial's fixed 15% test
    ModelConfig: {"input_size", "output_size", "mode", "vocab_size"},
    TrainConfig: {
        "device",
        "num_threads",
        "snapshot_every",
        "max_snapshots",
        "probe_count",
        "max_steps",
        "max_seconds",
        "val_samples",
    },
}
# A series names its target, labelled texts their two columns: no default.
REQUIRED = {
    SeriesConfig: {"target": "y"},
    LabelConfig: {"text_column": "name", "label_column": "language"},
}


@pytest.mark.parametrize("owner", CONFIGS, ids=lambda c: c.__name__)
def test_every_config_field_is_a_setting_or_named_as_none(owner):
    declared = {s.name for s in schema.of(owner)}
    assert not declared & NOT_SETTINGS[owner]
    assert declared | NOT_SETTINGS[owner] == {f.name for f in fields(owner)}


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: f"{s.owner.__name__}.{s.name}")
def test_each_default_is_its_config_fields_and_valid(s):
    field = next(f for f in fields(s.owner) if f.name == s.name)
    if s.default is None:  # the data decide, or there is no default
        assert field.default in (MISSING, None) or s.kind in ("column", "columns")
    else:
        assert s.default == field.default
        assert schema.check(s, field.default) == field.default


@pytest.mark.parametrize("owner", CONFIGS, ids=lambda c: c.__name__)
def test_a_fresh_config_is_the_schemas(owner):
    required = REQUIRED.get(owner, {})
    made = schema.make(owner, **required)
    assert made == owner(**required)
    for s in schema.of(owner):
        if s.default is not None:
            assert getattr(made, s.name) == s.default


def test_the_workspace_starts_from_the_schema():
    assert schema.make(ModelConfig) == workspace.DEFAULT_MODEL
    assert replace(schema.make(TrainConfig), device="cpu") == workspace.DEFAULT_TRAIN
    assert workspace.default_text_config(workspace.load_sample("shakespeare")) == TextConfig()
    assert TextConfig().max_chars == 300_000  # what the app has always read of a text


def test_a_model_files_caps_and_choices_are_the_schemas():
    caps = dict(limits.size_caps())
    for s in schema.of(ModelConfig):
        if s.name in caps:
            assert caps[s.name] == s.hi, s.name
        if s.name in model_file.CHOICES:
            assert tuple(model_file.CHOICES[s.name]) == s.choices, s.name


# ---- a saved run's preparation is read with the schema's ranges ---------------------------

_SAVED: dict = {}


def _saved(kind: str):
    """A real preparation as a file holds it (JSON), its arrays and its model config."""
    if kind not in _SAVED:
        ds = workspace.load_sample("shakespeare" if kind == "text" else "temperature")
        data = workspace.prepare(
            ds,
            workspace.default_text_config(ds)
            if kind == "text"
            else workspace.default_series_config(ds),
        )
        cfg = sizes.model_config_for(data, workspace.DEFAULT_MODEL)
        _SAVED[kind] = (
            json.loads(json.dumps(run_data.describe(data))),
            run_data.tensors(data),
            cfg,
        )
    return _SAVED[kind]


FILE_FIELDS = [
    s
    for s in SETTINGS + FILE_ONLY
    if s.owner in (SeriesConfig, TextConfig) and s.kind in ("int", "float", "bool", "choice")
]


def _outside(s) -> list:
    if s.kind == "bool":
        return [1, "true"]
    if s.kind == "choice":
        return ["banana", None]
    step = s.step or 1
    return [s.lo - step, s.hi + step]


@pytest.mark.parametrize("kind", ["series", "text"])
def test_a_saved_preparation_reads_back(kind):
    prep, arrays, cfg = _saved(kind)
    config = prep["config"]
    want = SeriesConfig.from_dict(config) if kind == "series" else TextConfig(**config)
    assert run_data.rebuild(prep, arrays, cfg).cfg == want


@pytest.mark.parametrize("s", FILE_FIELDS, ids=lambda s: f"{s.owner.__name__}.{s.name}")
def test_a_files_values_are_checked_with_the_schemas_range(s):
    assert schema.in_file(s.owner, s.name) is s  # the file-only declaration wins
    prep, arrays, cfg = _saved("text" if s.owner is TextConfig else "series")
    for bad in _outside(s):
        changed = {**prep, "config": {**prep["config"], s.name: bad}}
        with pytest.raises(ValueError, match=f"config.{s.name}"):
            run_data.rebuild(changed, arrays, cfg)
    if s.kind in ("int", "float"):  # both ends are valid in a file (the data's cap apart)
        for value in (s.lo, s.hi):
            assert run_data._value({s.name: value}, s.owner, s.name) == value


def test_the_names_sample_starts_from_its_own_columns_and_the_schema():
    ds = workspace.load_sample("names")
    assert workspace.default_prep(ds) == LabelConfig("name", "language")
    assert workspace.default_prep(ds) == links.sample_defaults(ds.sample)
    train = workspace.default_train_config(ds)
    for s in schema.of(TrainConfig):  # every value the classifier's defaults set is valid
        assert schema.check(s, getattr(train, s.name)) == getattr(train, s.name)
