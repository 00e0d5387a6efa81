"""The server's runtime hooks (rnnviz/ui/server_hooks.py), without a server: the upload cap,
the refused clear_cache, the collection after a session ends, the close of a session whose
reconnect window has passed."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import weakref
from types import SimpleNamespace

import pytest
import streamlit as st
from starlette.exceptions import HTTPException
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from rnnviz.i18n import CATALOG
from rnnviz.ui import server_hooks

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def installed():
    server_hooks.install()  # idempotent: importing rnnviz.ui has installed them already


def _rec(file_id: str, size: int) -> UploadedFileRec:
    return UploadedFileRec(
        file_id=file_id, name=f"{file_id}.csv", type="text/csv", data=b"x" * size
    )


def test_install_wraps_once():
    assert server_hooks.install() is False
    assert AppSession._handle_clear_cache_request is server_hooks._refuse_clear_cache


def test_uploads_past_the_session_cap_are_refused(monkeypatch):
    monkeypatch.setenv(server_hooks.UPLOAD_ENV, str(10 * MB))
    mgr = MemoryUploadedFileManager("/_stcore/upload_file")
    mgr.add_file("a", _rec("f1", 4 * MB))
    mgr.add_file("a", _rec("f2", 4 * MB))
    with pytest.raises(HTTPException) as refused:
        mgr.add_file("a", _rec("f3", 4 * MB))  # 12 MB > 10 MB
    assert refused.value.status_code == 413
    english, chinese = CATALOG["server.upload_cap"]
    assert english.format(cap=10) in refused.value.detail
    assert chinese.format(cap=10) in refused.value.detail
    assert mgr.get_files("a", ["f3"]) == []  # nothing of the refused file is kept
    assert server_hooks.held_bytes(mgr, "a") == 8 * MB

    mgr.add_file("a", _rec("f2", 6 * MB))  # a file replaced counts once: 4 + 6 MB
    assert server_hooks.held_bytes(mgr, "a") == 10 * MB
    mgr.add_file("b", _rec("f1", 9 * MB))  # the cap is per session
    mgr.remove_file("a", "f1")
    mgr.add_file("a", _rec("f4", 4 * MB))  # a removed file frees its share
    assert server_hooks.held_bytes(mgr, "a") == 10 * MB


def test_the_cap_defaults_to_200_mb(monkeypatch):
    monkeypatch.delenv(server_hooks.UPLOAD_ENV, raising=False)
    assert server_hooks.upload_cap() == 200 * MB
    for bad in ("lots", "0", "-5"):
        monkeypatch.setenv(server_hooks.UPLOAD_ENV, bad)
        assert server_hooks.upload_cap() == 200 * MB
    monkeypatch.setenv(server_hooks.UPLOAD_ENV, "1000")
    assert server_hooks.upload_cap() == 1000


def test_a_clients_clear_cache_keeps_the_caches():
    made = []

    @st.cache_resource
    def registry():
        made.append(1)
        return object()

    first = registry()
    session = SimpleNamespace(id="crafted", _session_state={"kept": 1})
    AppSession._handle_clear_cache_request(session)
    assert registry() is first and len(made) == 1
    assert session._session_state == {"kept": 1}
    registry.clear()


class _Cycle:
    def __init__(self):
        self.me = self


def test_a_session_end_collects_its_cycles_once():
    collector = server_hooks.Collector(delay=0.2)
    gc.disable()  # only the collector may find the cycle
    try:
        ref = weakref.ref(_Cycle())
        assert ref() is not None
        collector.soon()
        collector.soon()  # joins the pending one
        time.sleep(0.1)
        assert ref() is not None  # not at once: the session's threads unwind first
        deadline = time.perf_counter() + 5
        while collector.runs < 1 and time.perf_counter() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert ref() is None
        assert collector.runs == 1  # one collection for both requests
    finally:
        gc.enable()


class _Runtime:
    """What the expiry hook reads of streamlit's Runtime."""

    def __init__(self):
        self.active, self.closed = {"s1": SimpleNamespace(session=_Session())}, []
        self._session_mgr = SimpleNamespace(get_active_session_info=self.active.get)

    def is_active_session(self, session_id):
        return session_id in self.active

    def close_session(self, session_id):
        self.closed.append(session_id)


class _Session:
    shut = 0

    def shutdown(self):
        self.shut += 1


def _disconnect(runtime, session_id, **_):
    runtime.stored = runtime.active.pop(session_id)


def _run(body):
    """asyncio.run(body()) on a thread of its own: the browser tests' Playwright keeps an
    event loop running on this one."""
    failed = []

    def main():
        try:
            asyncio.run(body())
        except BaseException as exc:  # re-raised on the test's thread
            failed.append(exc)

    thread = threading.Thread(target=main)
    thread.start()
    thread.join(30)
    if failed:
        raise failed[0]


def _window(monkeypatch, seconds: float) -> None:
    """server.disconnectedSessionTTL, as the hook reads it."""
    monkeypatch.setattr(
        server_hooks.config,
        "get_options_for_section",
        lambda section: {"disconnectedSessionTTL": seconds},
    )


def test_a_session_nobody_resumes_is_closed_when_its_window_ends(monkeypatch):
    _window(monkeypatch, 0.4)
    disconnect = server_hooks._expire_later(_disconnect)
    rt = _Runtime()

    async def body():
        disconnect(rt, "s1")
        await asyncio.sleep(0.05)
        assert rt.closed == []  # still inside its window
        await asyncio.sleep(0.5)

    _run(body)
    assert rt.closed == ["s1"]


def test_a_resumed_session_is_left_open(monkeypatch):
    _window(monkeypatch, 0.4)
    disconnect = server_hooks._expire_later(_disconnect)
    rt = _Runtime()

    async def body():
        disconnect(rt, "s1")
        await asyncio.sleep(0.05)
        rt.active["s1"] = rt.stored  # the tab came back
        await asyncio.sleep(0.5)

    _run(body)
    assert rt.closed == [] and rt.stored.session.shut == 0
