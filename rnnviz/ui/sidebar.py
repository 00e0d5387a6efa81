"""The sidebar every page shares: the current data set, model and training status."""

from __future__ import annotations

import streamlit as st

from rnnviz.summary import CELL_LABELS
from rnnviz.ui import jobs, state

STATE_ICONS = {"running": ":material/hourglass_top:", "done": ":material/check_circle:",
               "stopped": ":material/pause_circle:", "diverged": ":material/warning:",
               "error": ":material/error:", "idle": ""}


def sidebar(container=None) -> None:
    with container if container is not None else st.sidebar:
        st.markdown("### Your workspace")
        ds = state.dataset()
        st.markdown(f"**Data:** {ds.name if ds else 'none yet'}", help="Choose it on the Data page.")
        cfg = state.model_cfg()
        arch = f"{CELL_LABELS[cfg.cell]}, {cfg.hidden_size} units × {cfg.num_layers} layer(s)"
        if cfg.bidirectional:
            arch += ", bidirectional"
        st.markdown(f"**Model:** {arch}")
        job = jobs.get()
        if job is None:
            st.markdown("**Training:** not started")
        else:
            s = job.status()
            st.markdown(f"**Training:** {STATE_ICONS.get(s.state, '')} {s.state}, "
                        f"step {s.step}/{s.total_steps}")

