"""Keep built figures in the session so a rerun shows the same object.

A figure rebuilt on every rerun restarts a playing animation at frame 0 (and costs the
build again); a figure is rebuilt only when what it shows changes.
"""

from __future__ import annotations

from typing import Callable

import plotly.graph_objects as go
import streamlit as st

from rnnviz import figures, i18n
from rnnviz.ui import state

_STORE = state.FIGURES.key


def cached(name: str, key, build: Callable[[], go.Figure], run=None) -> go.Figure:
    """The figure `name` built for `key`, built anew when the key changes. A figure drawn
    from a run is kept in the run (rnnviz.run.Run.figures): it goes when the run goes."""
    # titles and axes are in the language it was built in, its text sizes in its mode
    key = (key, i18n.language(), figures.presenting())
    store = run.figures if run is not None else st.session_state.setdefault(_STORE, {})
    hit = store.get(name)
    if hit is None or hit[0] != key:
        hit = (key, build())
        store[name] = hit
    return hit[1]
