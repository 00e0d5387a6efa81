"""A page that fails shows users rnnviz's own words and logs the rest; developers (and these
tests, through at.exception) still get the traceback with client.showErrorDetails full.

The failure is made where a page calls the engine: the Home page's quick start, raising
what a crafted model's dates once raised on Predict, with a server path in its text.
"""

from __future__ import annotations

import logging
import tomllib

import pandas as pd
import pytest
import streamlit as st
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from apphelpers import texts
from conftest import ROOT
from rnnviz.i18n import CATALOG
from rnnviz.ui import actions

LEAK = f"Out of bounds nanosecond timestamp: 12000-01-01, in {ROOT}/rnnviz/analysis/predict.py"
MESSAGE_EN, MESSAGE_ZH = CATALOG["app.page_failed"]


@pytest.fixture
def details():
    """Set client.showErrorDetails for one test; back to full (conftest's) after it."""

    def set_to(value: str) -> None:
        st_config.set_option("client.showErrorDetails", value)

    yield set_to
    set_to("full")


def _fail(*_args, **_kwargs):
    raise pd.errors.OutOfBoundsDatetime(LEAK)


def _clicked(monkeypatch, quick_start, language: str | None = None) -> AppTest:
    monkeypatch.setattr(actions, "quick_start", quick_start)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if language:
        at.query_params["lang"] = language
    at.run()
    assert not at.exception, at.exception
    at.button(key="quick_start").click().run()
    return at


def _everything(at: AppTest) -> str:
    shown = [
        at.markdown,
        at.error,
        at.warning,
        at.info,
        at.exception,
        at.code,
        at.caption,
        at.text,
        at.title,
        at.subheader,
    ]
    return "\n".join(texts(elements) for elements in shown)


def test_users_see_rnnvizs_message_and_no_traceback_or_path(monkeypatch, details, caplog):
    details("none")
    with caplog.at_level(logging.ERROR, logger="rnnviz.app"):
        at = _clicked(monkeypatch, _fail)
    assert not at.exception, at.exception
    assert MESSAGE_EN in texts(at.error)
    page_text = _everything(at)
    for leak in ("Traceback", "OutOfBounds", str(ROOT), "12000", ".py"):
        assert leak not in page_text, leak
    assert "Your workspace" in texts(at.sidebar.markdown)  # the rest of the app still drawn
    logged = [r for r in caplog.records if r.name == "rnnviz.app"]
    assert len(logged) == 1 and "'home'" in logged[0].getMessage()
    assert logged[0].exc_info[0] is pd.errors.OutOfBoundsDatetime  # the log keeps it all


def test_the_message_in_chinese(monkeypatch, details):
    details("none")
    at = _clicked(monkeypatch, _fail, language="zh")
    assert not at.exception and MESSAGE_ZH in texts(at.error)


def test_with_full_details_the_failure_reaches_at_exception(monkeypatch, details, caplog):
    details("full")
    with caplog.at_level(logging.ERROR, logger="rnnviz.app"):
        at = _clicked(monkeypatch, _fail)
    assert at.exception and "Out of bounds" in at.exception[0].message
    assert MESSAGE_EN not in texts(at.error)
    assert [r.name for r in caplog.records].count("rnnviz.app") == 1


def test_switch_page_passes_through(monkeypatch, details):
    details("none")
    at = _clicked(monkeypatch, lambda: None)  # the page then calls st.switch_page
    assert not at.exception and MESSAGE_EN not in texts(at.error)
    # The Train page is drawn, and ends at its guard's st.stop (no data yet): not a failure
    assert CATALOG["nav.train"][0] in texts(at.title)
    assert CATALOG["guard.no_data"][0] in texts(at.info)


@pytest.mark.parametrize("control", ["stop", "rerun"])
def test_stop_and_rerun_pass_through(monkeypatch, details, caplog, control):
    details("none")
    calls = []

    def quick_start():
        calls.append(control)
        if len(calls) == 1:  # the rerun's run finds the button unclicked
            getattr(st, control)()

    with caplog.at_level(logging.ERROR, logger="rnnviz.app"):
        at = _clicked(monkeypatch, quick_start)
    assert not at.exception and MESSAGE_EN not in texts(at.error)
    assert not [r for r in caplog.records if r.name == "rnnviz.app"]
    assert calls == [control]


def test_users_servers_hide_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
