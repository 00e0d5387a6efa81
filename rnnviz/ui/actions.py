"""Multi-step actions a button triggers (kept out of pages so they stay layout only)."""

from __future__ import annotations

from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.session.workspace import (
    default_model_config,
    default_series_config,
    default_text_config,
    load_sample,
    load_upload,
)
from rnnviz.ui import jobs, state


def default_prep(ds):
    return default_text_config(ds) if ds.kind == "text" else default_series_config(ds)


def use_sample(key: str) -> None:
    ds = load_sample(key)
    state.set_dataset(ds, default_prep(ds))
    if ds.kind == "text":
        state.set_model_cfg(default_model_config(ds))


def use_upload(name: str, raw: bytes) -> str | None:
    """Load a user's file; returns an error message (the old data, if any, stay) or None."""
    try:
        ds = load_upload(name, raw)
        state.set_dataset(ds, default_prep(ds))
    except DataError as err:
        # With nothing loaded before, "the previous data set stays" would be untrue.
        key = "data.upload_failed" if state.dataset() else "filekind.upload_failed_first"
        return t(key, error=err)
    return None


def quick_start() -> None:
    use_sample("temperature")
    state.set_model_cfg(default_model_config(state.dataset()))
    jobs.drop()
