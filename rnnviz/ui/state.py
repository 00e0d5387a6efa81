"""Typed accessors for one user's session (st.session_state is per browser tab).

Widgets made on a page are forgotten when the user leaves it, so every choice that must
survive a page switch is copied into these keys as a frozen config.
"""

from __future__ import annotations

import streamlit as st

from rnnviz.models import ModelConfig
from rnnviz.train import TrainConfig
from rnnviz.workspace import Dataset, prepare

_DATASET, _PREP_CFG, _PREPARED = "rv_dataset", "rv_prep_cfg", "rv_prepared"
_MODEL_CFG, _TRAIN_CFG, _TRAINED = "rv_model_cfg", "rv_train_cfg", "rv_trained"


def dataset() -> Dataset | None:
    return st.session_state.get(_DATASET)


def _reset_data_widgets(cfg) -> None:
    """Give the Data page's widgets the new data set's settings.

    Written through the Session State API (which the browser follows) rather than deleted:
    a deleted key leaves the browser showing the old value while the server uses another.
    """
    values = {"window": getattr(cfg, "window", None), "horizon": getattr(cfg, "horizon", None),
              "scaling": getattr(cfg, "scaling", None), "val_frac": cfg.val_frac,
              "test_frac": cfg.test_frac, "many_to_many": getattr(cfg, "many_to_many", None),
              "target_col": getattr(cfg, "target", None), "date_col": getattr(cfg, "date_column", None),
              "feature_cols": list(getattr(cfg, "inputs", ())) or None,
              "seq_len": getattr(cfg, "seq_len", None)}
    for key, value in values.items():
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value
    for key in ("missing_fix", "row_choice", "last_rows", "every_nth"):
        st.session_state.pop(key, None)


def set_dataset(ds: Dataset, prep_cfg) -> None:
    """Replace the data set only once it prepared cleanly (the caller catches DataError)."""
    prepared = prepare(ds, prep_cfg)
    _reset_data_widgets(prep_cfg)
    st.session_state[_DATASET] = ds
    st.session_state[_PREP_CFG] = prep_cfg
    st.session_state[_PREPARED] = prepared


def prep_cfg():
    return st.session_state.get(_PREP_CFG)


def set_prep_cfg(cfg) -> None:
    """New preparation settings for the current data set (DataError leaves the old ones)."""
    if cfg == prep_cfg():
        return
    st.session_state[_PREPARED] = prepare(dataset(), cfg)
    st.session_state[_PREP_CFG] = cfg


def prepared():
    return st.session_state.get(_PREPARED)


def model_cfg() -> ModelConfig:
    return st.session_state.get(_MODEL_CFG) or ModelConfig(cell="lstm", hidden_size=32)


def set_model_cfg(cfg: ModelConfig) -> None:
    st.session_state[_MODEL_CFG] = cfg


def train_cfg() -> TrainConfig:
    return st.session_state.get(_TRAIN_CFG) or TrainConfig(epochs=20, lr=0.005, device="cpu")


def set_train_cfg(cfg: TrainConfig) -> None:
    st.session_state[_TRAIN_CFG] = cfg


def trained_on():
    """(data set digest, prep config) the current job was started with."""
    return st.session_state.get(_TRAINED)


def set_trained_on(value) -> None:
    st.session_state[_TRAINED] = value
