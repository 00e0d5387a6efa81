"""The session's work saved on the server (rnnviz.files.store), found again by a cookie.

Each browser gets an unguessable id in the `rnnviz_id` cookie (never in the address: a
copied link carries settings only, rnnviz.ui.share). app.py calls `restore()` once per
session, before a link's settings are applied, `save()` after every full run, and
`cookie()` and `forget_button()` in the sidebar.

- A new session of a browser whose id has saved work starts from that work; any other
  cookie (none, malformed, forged, expired) gets a fresh id and an empty workspace.
- Work is saved when it changed (a fingerprint: data, settings, run, its job's state and
  progress in tenths), so polls and plain reruns write nothing.
- Two tabs of one browser share one saved workspace: each works on its own copy, the later
  save wins, and a new tab or a reload opens the last one saved.
- A run that was training when its page was left comes back stopped where it was last
  saved (the start of the run, its end, or any full rerun between); Resume goes on.
"""

from __future__ import annotations

import logging
import threading
import time

import streamlit as st

from rnnviz.data.reader import DataError
from rnnviz.files import store, store_pack, store_run
from rnnviz.i18n import t
from rnnviz.model.classifier import ClassifierConfig
from rnnviz.server.limits import RunRequest
from rnnviz.session import links
from rnnviz.ui import actions, browser, jobs, state

COOKIE = "rnnviz_id"
_LOG = logging.getLogger(__name__)
_lock = threading.Lock()
_store: list = []  # [Store | None], made on first use from the environment
_saving: dict[str, threading.Lock] = {}  # one save at a time per id (two tabs of a browser)


def server_store() -> store.Store | None:
    with _lock:
        if not _store:
            try:
                _store.append(store.from_env())
            except OSError:  # the folder cannot be made: the app works, nothing is kept
                _LOG.exception("store_from_env")
                _store.append(None)
        return _store[0]


def _active() -> store.Store | None:
    """The store, when this is a served session (an AppTest has no browser to find again)."""
    return server_store() if browser.serving() else None


def _cookie_value() -> str | None:
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:  # no client context
        return None


# ---- restoring ---------------------------------------------------------------------------
def restore() -> None:
    """Once per session: find this browser's work again, or give it a new id."""
    s = _active()
    if s is None or state.STORE_ID.get() is not None:
        return
    cookie = _cookie_value()
    loaded = s.load(cookie) if store.valid_id(cookie) else None
    state.STORE_ID.set(cookie if loaded is not None else store.new_id())
    ws = state.workspace()
    if loaded is None or ws.dataset is not None or ws.run is not None:
        return
    restored = store_pack.unpack(loaded.files, loaded.damaged)
    notes = _apply(restored)
    if restored.skipped:
        parts = t("list.separator").join(t(f"store.skipped.{p}") for p in restored.skipped)
        notes.append(("store.skipped", {"parts": parts}))
    ago = _ago(time.time() - loaded.saved_at)
    notes.insert(0, ("store.restored", {"ago": ago, "parts": _parts(restored)}))
    state.STORE_NOTES.set(tuple(notes))
    state.STORE_SAVED.set(_fingerprint())  # nothing changed yet: no save until it does
    _skip_same_link()


def _apply(r: store_pack.Restored) -> list:
    notes: list = []
    if r.model_cfg is not None:
        state.set_model_cfg(r.model_cfg)
    if r.train_cfg is not None:
        state.set_train_cfg(r.train_cfg)
    if r.dataset is not None:
        try:
            state.set_dataset(r.dataset, r.prep_cfg)
        except DataError:
            state.set_dataset(r.dataset, actions.default_prep(r.dataset))
    if r.run is not None:
        job, cfg = r.run.job, r.run.model_cfg
        if isinstance(cfg, ClassifierConfig):  # sized as its recurrent stack
            cfg = cfg.stack_config()
        asked = [RunRequest(cfg, job.cfg.batch_size, job.windows.window)]
        if jobs.start("main", asked, lambda: job, run=False) is None:
            state.set_run(r.run)
            if store_run.was_running(job):
                notes.append(("store.stopped_at", {"step": job.status().step}))
        else:
            r.skipped.append("run")
    for key, slot in (("lesson", state.LESSON), ("lab_preset", state.LAB_PRESET)):
        if isinstance(r.choices.get(key), str):
            slot.set(r.choices[key])
    return notes


def _parts(r: store_pack.Restored) -> str:
    parts = [
        p
        for p, there in (
            ("data", r.dataset),
            ("settings", r.model_cfg or r.train_cfg),
            ("run", r.run),
        )
        if there is not None
    ]
    return t("list.separator").join(t(f"store.part.{p}") for p in parts) or "—"


def _ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{seconds // 60} min"
    return f"{seconds / 3600:.1f} h"


def _skip_same_link() -> None:
    """A reload keeps the address, and with it the settings link of the restored work: it is
    not applied again (that would reload the sample over the restored data)."""
    params = st.query_params.to_dict()
    if not links.carries_settings(params):
        return
    carried = {k: str(v) for k, v in params.items() if k in links.KEYS}
    if carried == share_params():
        state.SHARE_RESTORED.set(True)


def share_params() -> dict[str, str]:
    ds = state.dataset()
    if ds is None or ds.sample is None:
        return {}
    return links.to_params(ds.sample.key, state.prep_cfg(), state.model_cfg(), state.train_cfg())


def notes() -> None:
    """What the restore said, above the page, until the work changes."""
    for key, params in state.STORE_NOTES.get():
        st.info(t(key, **params), icon=":material/restore:")


# ---- saving ------------------------------------------------------------------------------
def _fingerprint() -> tuple:
    ws = state.workspace()
    ds, run = ws.dataset, ws.run
    progress = None
    if run is not None:
        status = run.job.status()
        bucket = max(1, status.total_steps // 10)
        progress = (run.id, status.state, status.step // bucket)
    return (
        (ds.digest, ds.keep_codes) if ds else None,
        ws.prep_cfg,
        ws.model_cfg,
        ws.train_cfg,
        progress,
        state.LESSON.get(),
        state.LAB_PRESET.get(),
    )


def save() -> None:
    """Save the work when it changed since the last save; a refusal is said once."""
    s, work_id = _active(), state.STORE_ID.get()
    if s is None or work_id is None:
        return
    print_now = _fingerprint()
    ws = state.workspace()
    if print_now == state.STORE_SAVED.get() or (
        ws.dataset is None and ws.run is None and state.STORE_SAVED.get() is None
    ):
        return  # unchanged, or nothing worth a file yet
    if state.STORE_SAVED.get() is not None:
        state.STORE_NOTES.set(())  # the work changed: the restore's words are old news
    state.STORE_SAVED.set(print_now)  # a refused save is not retried until the work changes
    choices = {"lesson": state.LESSON.get(), "lab_preset": state.LAB_PRESET.get()}
    with _lock:
        one = _saving.setdefault(work_id, threading.Lock())
    try:
        with one:
            s.save(work_id, store_pack.pack(state.workspace(), choices))
        state.STORE_REFUSED.set(False)
    except store.StoreFull:
        _refused(t("store.full"))
    except OSError as err:
        _LOG.exception("store_save")
        _refused(t("store.failed", error=type(err).__name__))


def _refused(message: str) -> None:
    if not state.STORE_REFUSED.get():  # a toast until closed: it outlasts the reruns after it
        st.toast(message, icon=":material/save:", duration="infinite")
        state.STORE_REFUSED.set(True)


# ---- the cookie and the button -----------------------------------------------------------
def cookie() -> None:
    """Write this browser's id into its cookie (each session: the expiry starts again)."""
    s, work_id = _active(), state.STORE_ID.get()
    if s is None or not store.valid_id(work_id):
        return
    st.html(
        store.cookie_script(COOKIE, work_id, int(s.idle_seconds)),
        unsafe_allow_javascript=True,
        width="content",
    )


def forget_button() -> None:
    s, work_id = _active(), state.STORE_ID.get()
    if s is None or work_id is None:
        return
    hours = f"{s.idle_seconds / 3600:g}"
    if st.button(
        t("store.forget"),
        key="forget_work",
        icon=":material/delete:",
        help=t("store.forget_help", hours=hours),
    ):
        s.forget(work_id)
        _fresh()
        state.STORE_ID.set(store.new_id())  # the old id names nothing any more
        state.STORE_NOTES.set((("store.forgotten", {}),))
        state.STORE_SAVED.set(_fingerprint())
        st.rerun()


def _fresh() -> None:
    """An empty workspace: every job stopped, data, settings and run forgotten."""
    ws = state.workspace()
    ws.stop_all()
    ws.jobs.clear()
    ws.requests.clear()
    for f in (
        state.RUN,
        state.DATASET,
        state.PREP_CFG,
        state.PREPARED,
        state.MODEL_CFG,
        state.TRAIN_CFG,
    ):
        f.pop()
    state.LESSON.pop()
    state.LAB_PRESET.pop()
