"""Keep built figures (and what the model computed for them) in the session.

A figure rebuilt on every rerun restarts a playing animation at frame 0 (and costs the
build again); a figure is rebuilt only when what it shows changes. What the model
computes for a page (the test set's predictions, a connectivity table) is kept the same
way, keyed by the weights it came from, so a widget that changes only the view never
runs the model again.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from rnnviz import figures, i18n
from rnnviz.i18n import t
from rnnviz.session.run import weights_version
from rnnviz.ui import state


def cached(name: str, key, build: Callable[[], go.Figure], run=None) -> go.Figure:
    """The figure `name` built for `key`, built anew when the key changes. A figure drawn
    from a run is kept in the run (rnnviz.session.run.Run.figures): it goes when the run goes."""
    # titles and axes are in the language it was built in, its text sizes in its mode
    return kept(name, (key, i18n.language(), figures.presenting()), build, run)


def kept(name: str, key, build: Callable[[], object], run=None):
    """Any value `name` computed for `key` (arrays, a table), computed anew when the key
    changes; in the run when there is one, else in the session."""
    store = run.figures if run is not None else state.FIGURES.setdefault({})
    hit = store.get(name)
    if hit is None or hit[0] != key:
        hit = (key, build())
        store[name] = hit
    return hit[1]


def model_key(run) -> tuple:
    """What the run's model computes depends on: the run, its job's step and its weights
    (training on, a resume, a rollback or a loaded file each change it)."""
    return run.id, run.job.status().step, weights_version(run.job.model)


# What a figure's thinned frames are, by the page's word for them.
_FRAMES = {"steps": "inside.thin.frames_steps", "snapshots": "inside.thin.frames_snapshots"}


def thin_caption(fig: go.Figure, frames: str = "steps") -> str | None:
    """One line saying what a figure left out to stay light in the browser, or None."""
    cut = figures.thinned(fig)
    parts = []
    if "frames" in cut:
        parts.append(t(_FRAMES[frames], shown=cut["frames"][0], total=cut["frames"][1]))
    for what in ("units", "steps"):
        if what in cut:
            parts.append(t(f"inside.thin.{what}", shown=cut[what][0], total=cut[what][1]))
    if not parts:
        return None
    return t(
        "inside.thin.caption",
        parts=t("inside.thin.join").join(parts),
        mb=figures.FIGURE_BUDGET // 2**20,
    )


def chart(fig: go.Figure, key: str, frames: str = "steps") -> None:
    """Draw `fig`, with a caption under it when it was thinned (see thin_caption)."""
    st.plotly_chart(fig, width="stretch", key=key)
    note = thin_caption(fig, frames)
    if note:
        st.caption(note)
