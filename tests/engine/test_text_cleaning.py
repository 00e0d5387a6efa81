"""A text lower-cased and without its line breaks, as the char-GRU tutorial reads it: a
choice of the preparation, off by default, carried by links and saved run files."""

from __future__ import annotations

import json

import pytest

from rnnviz.data.text import TextConfig, prepare_text
from rnnviz.files import run_data
from rnnviz.model.network import ModelConfig
from rnnviz.model.sizes import model_config_for
from rnnviz.session import links, schema
from rnnviz.session.workspace import default_text_config, load_sample

TEXT = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n" * 40


def test_the_text_is_read_as_it_is_by_default():
    cfg = TextConfig(seq_len=16)
    assert (cfg.lowercase, cfg.drop_newlines) == (False, False)
    assert prepare_text(TEXT, cfg).text == TEXT
    assert default_text_config(load_sample("shakespeare")) == TextConfig()


def test_lower_case_and_no_newlines_as_the_tutorial_reads_it():
    data = prepare_text(TEXT, TextConfig(seq_len=16, lowercase=True, drop_newlines=True))
    assert data.text == TEXT.lower().replace("\n", "")
    assert "\n" not in data.vocab.chars and not any(c.isupper() for c in data.vocab.chars)
    assert len(data.vocab) < len(prepare_text(TEXT, TextConfig(seq_len=16)).vocab)


def test_a_changed_choice_reads_the_text_again():
    plain = prepare_text(TEXT, TextConfig(seq_len=16))
    lower = prepare_text(TEXT, TextConfig(seq_len=16, lowercase=True), previous=plain)
    assert lower.text == TEXT.lower()  # not the previous preparation's ids


@pytest.mark.parametrize("name, key", [("lowercase", "lc"), ("drop_newlines", "nl")])
def test_a_link_carries_each_choice_and_an_old_link_keeps_the_text(name, key):
    s = schema.get(TextConfig, name)
    assert (s.kind, s.key, s.default) == ("bool", key, False)
    sample = links.SAMPLES["shakespeare"]
    setup, warnings = links.from_params({"s": "shakespeare", key: "1"})
    assert not warnings and getattr(setup.prep, name) is True
    old, _ = links.from_params({"s": "shakespeare", "sl": "64"})  # a link older than the choice
    assert getattr(old.prep, name) is False
    assert links.to_params("shakespeare", setup.prep, setup.model, setup.train)[key] == "1"
    assert sample.kind == "text"


def _saved(cfg: TextConfig):
    data = prepare_text(TEXT, cfg)
    model = model_config_for(data, ModelConfig(cell="gru", hidden_size=8))
    return json.loads(json.dumps(run_data.describe(data))), run_data.tensors(data), model


def test_a_saved_run_keeps_its_cleaned_text():
    prep, arrays, model = _saved(TextConfig(seq_len=16, lowercase=True, drop_newlines=True))
    data = run_data.rebuild(prep, arrays, model)
    assert data.cfg.lowercase and data.cfg.drop_newlines
    assert data.text == TEXT.lower().replace("\n", "")


def test_a_file_older_than_the_choices_still_loads():
    prep, arrays, model = _saved(TextConfig(seq_len=16))
    for name in ("lowercase", "drop_newlines"):
        del prep["config"][name]
    data = run_data.rebuild(prep, arrays, model)
    assert (data.cfg.lowercase, data.cfg.drop_newlines) == (False, False)
    assert data.text == TEXT
