"""The Data page's text choices: lower-case the text, drop its line breaks (as tutorial 002
prepares its corpus), with the vocabulary and the training pairs following at once."""

from apphelpers import load_sample, page
from rnnviz.data.text import TextConfig
from rnnviz.session import schema
from rnnviz.ui import state


def _vocab(at) -> str:
    return "".join(state.workspace(at.session_state).prepared.vocab.chars)


def test_lower_case_and_no_newlines_change_the_vocabulary(app):
    at = load_sample(app, "shakespeare")
    before = _vocab(at)
    assert "F" in before and "\n" in before
    at.toggle(key=schema.get(TextConfig, "lowercase").widget).set_value(True).run()
    at.toggle(key=schema.get(TextConfig, "drop_newlines").widget).set_value(True).run()
    assert not at.exception, at.exception
    after = _vocab(at)
    assert after == after.lower() and "\n" not in after
    cfg = state.workspace(at.session_state).prep_cfg
    assert cfg.lowercase and cfg.drop_newlines
    page(at, "train")  # the choice survives another page
    page(at, "data")
    assert at.toggle(key=schema.get(TextConfig, "lowercase").widget).value is True
