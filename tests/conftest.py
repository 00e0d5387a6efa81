"""Shared fixtures: AppTest with full error details, so a failing page shows its traceback.

The suite mirrors the layout: tests/engine (no streamlit session), tests/app (AppTest),
tests/browser (a real server and Chromium), marked by folder. A test that starts another
process is marked `subprocess`, and one that is not but tries is failed: `make test-fast`
leaves out exactly those and the browser tests.
"""

import os
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
import streamlit as st
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from rnnviz import i18n
from rnnviz.server import owners

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
FOLDERS = ("engine", "app", "browser")
# The saved work of this test run, apart from a real server's (and from other runs): the
# app servers browser tests start inherit it; a test that needs its own sets its own.
os.environ.setdefault("RNNVIZ_STORE", tempfile.mkdtemp(prefix="rnnviz-test-store-"))


def pytest_collection_modifyitems(items):
    for item in items:
        folder = Path(str(item.path)).resolve().relative_to(TESTS).parts[0]
        if folder in FOLDERS:
            item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture(autouse=True)
def _processes_only_where_marked(request, monkeypatch):
    """A test that is not marked `subprocess` (or `browser`) may start no process, so that
    the fast target really starts none."""
    if request.node.get_closest_marker("subprocess") or request.node.get_closest_marker("browser"):
        return

    def refuse(self, args, *rest, **kwargs):
        raise AssertionError(f"{request.node.nodeid} starts {args!r}: mark it subprocess")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


@pytest.fixture(autouse=True, scope="session")
def _show_error_details():
    st_config.set_option("client.showErrorDetails", "full")
    yield


def clear_sessions() -> None:
    """Every AppTest runs as the same session id ("test session id"), so what the server
    keeps per session (the book of its training jobs, session-scoped resources) would carry
    one test's jobs into the next test's fresh app: join the training threads, end every
    session's jobs as a closed tab's (a cache clear stops none), drop every cached resource."""
    for thread in threading.enumerate():
        if thread.name.startswith("rnnviz-"):
            thread.join(120)
    owners.book().end_all()
    st.cache_resource.clear()


@pytest.fixture
def fresh_sessions():
    """No job of another test's, before or after: for modules where each test trains its
    own (`pytestmark = pytest.mark.usefixtures("fresh_sessions")`)."""
    clear_sessions()
    yield
    clear_sessions()


@pytest.fixture(autouse=True, scope="module")
def _fresh_module():
    """Each test module starts and ends with no jobs (module fixtures keep theirs)."""
    clear_sessions()
    yield
    clear_sessions()


@pytest.fixture
def app():
    """A fresh app session on the Home page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(params=["en", "zh"])
def language(request, app):
    """The app session of `app`, in English and then in Chinese."""
    app.session_state["lang"] = request.param
    app.run()
    yield request.param
    i18n.use("en")
