"""The Inside page's "Insight" tab: memory and reset units from the keep-gate, and the
path of the hidden state in the plane of its two main directions."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnviz import figures
from rnnviz.analysis import insight
from rnnviz.figures.insight import gate_mean_histogram
from rnnviz.i18n import t
from rnnviz.model.summary import gate_label
from rnnviz.ui import figcache
from rnnviz.ui.downloads import download_menu

KEEP_TEXT = {"f": "insight.keep_f", "z": "insight.keep_z"}  # what the keep-gate's shares mean


def gate_insight(run, d, direction: int, key) -> None:
    """Memory vs reset units from the keep-gate (LSTM f, GRU z), then the PCA path of h."""
    charts = []
    found = insight.memory_gate(run.model_cfg.cell, d.gates)
    if found is None:
        st.info(t("insight.no_gates"))
    elif not insight.finite_rows(found[1]).all():  # NaN/inf weights: nothing to count
        st.info(t("nonfinite.gates", gate=gate_label(found[0])))
    else:
        charts = _gate_shares(found, key, run)
    st.markdown(t("insight.path_title"))
    st.caption(t("insight.path_caption") + (t("insight.path_backward") if direction else ""))
    rows = insight.finite_rows(d.h)
    if not rows.any():
        st.info(t("nonfinite.path_none"))
        return
    if not rows.all():
        st.caption(t("nonfinite.path_some", n=int((~rows).sum()), steps=len(rows)))
    fig = figcache.cached("pca", key, lambda: figures.pca_trajectory_animation(d.h), run=run)
    figcache.chart(fig, "pca_anim")
    download_menu([*charts, (fig, "hidden_state_path.html")], key="dl_insight")


def _gate_shares(found, key, run) -> list:
    """The counts, the per-unit shares and the histogram of mean gate values; returns the
    charts for the tab's download menu."""
    name, values = found
    gate = gate_label(name)
    shares = insight.forget_gate_shares(values)
    counts = insight.kind_counts(shares)
    limits = {"high": insight.HIGH, "low": insight.LOW, "majority": insight.MAJORITY}
    cols = st.columns(3)
    cols[0].metric(
        t("insight.memory_cells"),
        counts["memory"],
        help=t("insight.memory_help", gate=gate, **limits),
    )
    cols[1].metric(
        t("insight.reset_cells"), counts["reset"], help=t("insight.reset_help", gate=gate, **limits)
    )
    cols[2].metric(t("insight.mixed"), counts["mixed"], help=t("insight.mixed_help"))
    labels = {
        "title": t("insight.share_title", gate=gate, name=name),
        "memory": t("insight.keeps", name=name, high=insight.HIGH),
        "reset": t("insight.wipes", name=name, low=insight.LOW),
        "mean": t("insight.average", name=name),
    }
    fig = figcache.cached(
        "gate_share",
        key,
        lambda: figures.gate_share_figure(
            shares["memory"], shares["reset"], shares["mean"], labels=labels
        ),
        run=run,
    )
    st.plotly_chart(fig, width="stretch", key="gate_share")
    st.caption(t(KEEP_TEXT[name], high=insight.HIGH, low=insight.LOW))
    mean = shares["mean"][np.isfinite(shares["mean"])]
    if counts["mixed"] == len(shares["kind"]) and mean.size:  # "0 / 0 / 32": say what it means
        st.info(
            t(
                "insight.all_mixed",
                n=len(shares["kind"]),
                gate=gate,
                lo=float(mean.min()),
                hi=float(mean.max()),
                **limits,
            ),
            icon=":material/lightbulb:",
        )
    hist = figcache.cached(
        "gate_hist",
        key,
        lambda: gate_mean_histogram(shares["mean"], insight.LOW, insight.HIGH),
        run=run,
    )
    st.plotly_chart(hist, width="stretch", key="gate_hist")
    st.caption(t("insight.hist_caption", gate=gate, **limits))
    return [(fig, "gate_shares.html"), (hist, "gate_means.html")]
