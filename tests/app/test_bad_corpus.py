"""Every file of tests/data/bad/ through the Data page: a clear error or a clean load,
never an exception box, and the data loaded before stays when a file is refused."""

import json
from pathlib import Path

import pytest

from apphelpers import load_sample, page, texts, upload
from rnnviz.data.samples import SAMPLES
from rnnviz.safe_text import md
from rnnviz.ui import state

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text())


def test_the_corpus_is_big_enough():
    assert len(EXPECTED) >= 25
    assert all((BAD / name).is_file() for name in EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_corpus_file_through_the_ui(app, name):
    load_sample(app, "airline")
    upload(app, name, (BAD / name).read_bytes())
    if EXPECTED[name] == "error":
        errors = texts(app.error)
        assert "previous data set stays loaded" in errors, errors
        assert state.DATASET.get(app.session_state).sample.key == "airline"
        assert md(SAMPLES["airline"].title) in texts(app.success)  # escaped Markdown
    else:
        assert not app.error, texts(app.error)
        assert state.DATASET.get(app.session_state).name == name
    page(app, "model")  # the app goes on working
