"""Shared fixtures: AppTest with full error details, so a failing page shows its traceback."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from streamlit import config as st_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _show_error_details():
    st_config.set_option("client.showErrorDetails", "full")
    yield


@pytest.fixture
def app():
    """A fresh app session on the Home page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at
