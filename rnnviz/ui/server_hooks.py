"""What a class server must refuse a client, and the memory an ended session must return.

Installed once per process (`install()`, from rnnviz/ui/__init__.py on the first script run
of the process). Each hook wraps one Streamlit runtime method:

- a client's `clear_cache` message is refused: Streamlit would clear every cache of the
  process, `st.cache_resource` included, which releases every session's job registry and
  stops every student's training;
- the bytes one session may hold in uploaded files are capped
  (RNNVIZ_UPLOAD_BYTES_PER_SESSION, default 200 MB): a crafted client can upload files that
  belong to no widget, and Streamlit keeps them while its WebSocket stays open;
- a disconnected session that nobody resumes is closed when its reconnect window
  (`server.disconnectedSessionTTL`) ends: Streamlit only drops it from its store then,
  without shutting it down, so its uploads were never removed;
- a session that ends schedules one garbage collection a few seconds later: a closed
  session is a web of reference cycles, and `runner.postScriptGC = false` (kept, see
  .streamlit/config.toml) leaves them to Python's own collector, which rarely reaches them.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import os
import threading
import time
import weakref
from collections.abc import Callable

from starlette.exceptions import HTTPException
from streamlit import config
from streamlit.logger import get_logger
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from rnnviz import i18n

LOG = get_logger(__name__)
UPLOAD_ENV = "RNNVIZ_UPLOAD_BYTES_PER_SESSION"
UPLOAD_DEFAULT = 200 * 1024 * 1024
COLLECT_DELAY = 3.0  # seconds after a session ends: its script and job threads unwind first
_installed = False
_install_lock = threading.Lock()


def install() -> bool:
    """Wrap the runtime methods once per process; True when this call installed them."""
    global _installed
    with _install_lock:
        if _installed:
            return False
        AppSession._handle_clear_cache_request = _refuse_clear_cache
        AppSession.shutdown = _collect_after(AppSession.shutdown)
        MemoryUploadedFileManager.add_file = _capped(MemoryUploadedFileManager.add_file)
        Runtime.disconnect_session = _expire_later(Runtime.disconnect_session)
        _installed = True
        return True


# ---- clear_cache ----------------------------------------------------------------------
def _refuse_clear_cache(session: AppSession) -> None:
    """In place of AppSession._handle_clear_cache_request: nothing is cleared."""
    LOG.warning(log_text("server.log.clear_cache", session=session.id))


# ---- the upload cap -------------------------------------------------------------------
def upload_cap() -> int:
    """Bytes one session may hold in uploaded files (the env value, else 200 MB)."""
    try:
        cap = int(os.environ.get(UPLOAD_ENV, ""))
    except ValueError:
        return UPLOAD_DEFAULT
    return cap if cap > 0 else UPLOAD_DEFAULT


def held_bytes(
    manager: MemoryUploadedFileManager, session_id: str, replacing: str | None = None
) -> int:
    """Bytes of the files `session_id` holds now, the file `replacing` (same id) left out."""
    with manager._lock:
        files = manager.file_storage.get(session_id, {})
        return sum(len(f.data) for fid, f in files.items() if fid != replacing)


def log_text(key: str, **params) -> str:
    """A catalog text in English: the server's log is read (and searched) by whoever runs
    it, in one language whatever the sessions speak."""
    return i18n.CATALOG[key][0].format(**params)


def both_languages(key: str, **params) -> str:
    """A catalog text in English and Chinese: an HTTP refusal reaches the browser outside
    any script run, so it cannot know the session's language."""
    return " / ".join(text.format(**params) for text in i18n.CATALOG[key])


def _capped(add_file: Callable) -> Callable:
    """add_file refusing (HTTP 413) a file that would take its session past the cap.

    Streamlit's upload handler calls add_file on the server's event loop, so two uploads of
    one session are never checked at the same time."""

    def add_capped(self, session_id: str, file: UploadedFileRec) -> None:
        cap = upload_cap()
        total = held_bytes(self, session_id, file.file_id) + len(file.data)
        if total > cap:
            LOG.warning(
                log_text(
                    "server.log.upload_cap",
                    size=len(file.data),
                    total=total,
                    session=session_id,
                    cap=cap,
                    env=UPLOAD_ENV,
                )
            )
            raise HTTPException(
                status_code=413,
                detail=both_languages("server.upload_cap", cap=cap // (1024 * 1024)),
            )
        add_file(self, session_id, file)

    return add_capped


# ---- sessions that end ----------------------------------------------------------------
def _expire_later(disconnect: Callable) -> Callable:
    """Runtime.disconnect_session that also closes the session when its reconnect window
    ends, unless a tab has resumed it by then."""
    pending: dict[str, asyncio.TimerHandle] = {}

    def expire(runtime: Runtime, session_id: str, ref: weakref.ref) -> None:
        pending.pop(session_id, None)
        if runtime.is_active_session(session_id):
            return  # resumed
        runtime.close_session(session_id)
        session = ref()
        if session is not None:  # already dropped from the store (full or expired)
            session.shutdown()  # a no-op for a session closed above

    def disconnect_and_expire(self: Runtime, session_id: str, **kwargs) -> None:
        session = _active_session(self, session_id)
        disconnect(self, session_id, **kwargs)
        if session is None or self.is_active_session(session_id):
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not on the event loop: leave it to Streamlit
            return
        if old := pending.pop(session_id, None):
            old.cancel()
        ttl = float(config.get_options_for_section("server")["disconnectedSessionTTL"])
        # Just before the store forgets it, so close_session still finds it there.
        pending[session_id] = loop.call_later(
            max(0.1, ttl - min(1.0, ttl / 2)), expire, self, session_id, weakref.ref(session)
        )

    return disconnect_and_expire


def _active_session(runtime: Runtime, session_id: str) -> AppSession | None:
    # The Runtime names its sessions only by id; the session object is needed for the case
    # where the store drops it before the window ends (it holds at most 128).
    info = runtime._session_mgr.get_active_session_info(session_id)
    return info.session if info is not None else None


def _collect_after(shutdown: Callable) -> Callable:
    def shutdown_and_collect(self: AppSession) -> None:
        shutdown(self)
        COLLECTOR.soon()

    return shutdown_and_collect


class Collector:
    """One gc.collect() (and a heap trim) `delay` seconds after the first request; requests
    made while one is pending join it, so a class leaving at once costs one collection."""

    def __init__(self, delay: float = COLLECT_DELAY):
        self.delay = delay
        self.runs = 0
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def soon(self) -> None:
        with self._lock:
            if self._timer is not None:
                return
            self._timer = threading.Timer(self.delay, self._collect)
            self._timer.daemon = True
            self._timer.start()

    def _collect(self) -> None:
        with self._lock:
            self._timer = None
        t0 = time.perf_counter()
        found = gc.collect()
        _trim_heap()
        self.runs += 1
        LOG.info(log_text("server.log.collected", objects=found, seconds=time.perf_counter() - t0))


def _trim_heap() -> None:
    """Give freed heap pages back to the OS (glibc keeps them for reuse otherwise)."""
    # not glibc (no libc.so.6, or no malloc_trim): the memory is reused, just not returned
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


COLLECTOR = Collector()
