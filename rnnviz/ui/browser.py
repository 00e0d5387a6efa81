"""Who is asking: this session's id, its browser, and whether a session is still connected.

A browser is told apart from another by the XSRF cookie Streamlit gives it (with
`server.enableXsrfProtection`, on in .streamlit/config.toml): every tab of that browser
sends the same token with its WebSocket, so a student's tabs count together for the
training caps (rnnviz.server.train_queue). The cookie is written masked, with a new mask on every
page
load: the token under the mask is what stays, and only a hash of it is kept. Without the
cookie (protection off, a test) each session is its own browser.
"""

from __future__ import annotations

import binascii
import hashlib

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

XSRF_COOKIE = "_streamlit_xsrf"


def session_id() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def xsrf_token(cookie: str) -> bytes | None:
    """The token of an XSRF cookie: "2|mask|masked|time" unmasked, or a version-1 cookie's
    hex token; None when it reads as neither."""
    value = cookie.strip("\"'")
    try:
        if value.startswith("2|"):
            _, mask_hex, masked_hex, _ = value.split("|")
            mask, masked = binascii.a2b_hex(mask_hex), binascii.a2b_hex(masked_hex)
            if len(mask) != 4 or not masked:
                return None
            return bytes(b ^ mask[i % 4] for i, b in enumerate(masked))
        return binascii.a2b_hex(value) if value else None
    except (ValueError, binascii.Error):
        return None


def _cookies() -> dict:
    try:
        return dict(st.context.cookies)
    except Exception:  # no client context (a bare script run): no cookie to read
        return {}


def owner() -> str:
    """This browser's id for the training caps: a hash of its XSRF token, else the session's."""
    token = xsrf_token(_cookies().get(XSRF_COOKIE, ""))
    if token:
        return "browser:" + hashlib.sha256(token).hexdigest()[:24]
    return f"session:{session_id()}"


def serving() -> bool:
    """Run by a Streamlit server (not an AppTest, which has no runtime)."""
    return Runtime.exists()


def gone(session: str) -> bool:
    """The session has no tab connected (closed, or its connection lost). False when that
    cannot be told (no server runtime). rnnviz.server.owners.sweep asks twice, a sweep apart,
    before it ends a session: a tab that reconnects at once keeps its training."""
    return Runtime.exists() and not Runtime.instance().is_active_session(session)
