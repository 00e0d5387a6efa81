"""Multi-step actions a button triggers (kept out of pages so they stay layout only)."""

from __future__ import annotations

import streamlit as st

from rnnviz.data import DataError
from rnnviz.models import ModelConfig
from rnnviz.ui import jobs, state
from rnnviz.workspace import default_series_config, default_text_config, load_sample, load_upload


def default_prep(ds):
    return default_text_config(ds) if ds.kind == "text" else default_series_config(ds)


def use_sample(key: str) -> None:
    ds = load_sample(key)
    state.set_dataset(ds, default_prep(ds))
    if ds.kind == "text":
        state.set_model_cfg(ModelConfig(cell="gru", hidden_size=128))


def use_upload(name: str, raw: bytes) -> str | None:
    """Load a user's file; returns an error message (the old data stay) or None."""
    try:
        ds = load_upload(name, raw)
        state.set_dataset(ds, default_prep(ds))
    except DataError as err:
        return f"{err} The previous data set stays loaded."
    return None


def quick_start() -> None:
    use_sample("temperature")
    state.set_model_cfg(ModelConfig(cell="lstm", hidden_size=32))
    jobs.drop()
