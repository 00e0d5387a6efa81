"""The Inside page's "Units" tab: units found by what they do (LSTMVis' rule).

Mark a span of the sequence on show and a threshold; the units on inside and off outside
are ranked (rnnviz.analysis.units); pick one to see it over every probe sequence and over the
validation data read as one sequence, and search that data for where the chosen units
are on together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures
from rnnviz.analysis import units
from rnnviz.analysis.probe import trace
from rnnviz.data.text import TextData
from rnnviz.figures.units import unit_sequences_figure, unit_stream_figure
from rnnviz.i18n import t
from rnnviz.train.snapshots import probe_model

DEFAULT_THRESHOLD = 0.3  # LSTMVis' default for tanh states
SCORE_COLUMNS = {
    "unit": "units.col.unit",
    "score": "units.col.score",
    "inside_on": "units.col.inside_on",
    "outside_off": "units.col.outside_off",
    "margin": "units.col.margin",
}
MATCH_COLUMNS = {
    "start": "units.col.start",
    "score": "units.col.together",
    "context": "units.col.context",
}


def units_view(run, d, layer: int, direction: int) -> None:
    """d: the layer/direction trace of the sequence on show (its h is [T, H])."""
    h = np.asarray(d.h)
    T, H = h.shape
    if T < 3:
        st.info(t("units.too_short"))
        return
    st.caption(t("units.caption"))
    a, b = st.columns([3, 1])
    lo, hi = a.slider(
        t("units.span"),
        0,
        T - 1,
        (T // 3, max(T // 3, 2 * T // 3 - 1)),
        key="units_span",
        help=t("units.span_help"),
    )
    threshold = b.number_input(
        t("units.threshold"),
        value=DEFAULT_THRESHOLD,
        step=0.05,
        format="%.2f",
        key="units_threshold",
        help=t("units.threshold_help"),
    )
    span = (int(lo), int(hi) + 1)
    try:
        found = units.select_units(h, span, threshold)
    except units.UnitsError as err:
        st.error(str(err))
        return
    _score_table(found, threshold)
    listed = [int(u) for u in found["unit"]]
    options = listed + [u for u in range(H) if u not in listed]  # listed ones first
    # Option texts made now, in this run's language (a format_func that translated when
    # called would speak the language of whichever thread calls it).
    names = [t("units.unit_n", unit=u) for u in range(H)]
    unit = st.selectbox(t("units.pick"), options, key="units_unit", format_func=names.__getitem__)
    _over_probes(run, layer, direction, unit, threshold, span)
    if np.ndim(run.data.windows.inputs) > 2:  # typed rows (rnnviz/data/typed.py): no one stream
        st.caption(t("typed.inside.no_stream"))
        return
    _over_stream(run, layer, direction, unit, threshold, listed, span[1] - span[0])


def _score_table(found: pd.DataFrame, threshold: float) -> None:
    if found.empty:
        st.info(t("units.none", threshold=threshold, score=units.MIN_SCORE))
        return
    st.markdown(t("units.found", n=len(found)))
    shown = found.rename(columns={k: t(v) for k, v in SCORE_COLUMNS.items()})
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="units_table",
        column_config={
            t("units.col.score"): st.column_config.NumberColumn(
                format="%.2f", help=t("units.score_help")
            ),
            t("units.col.inside_on"): st.column_config.NumberColumn(format="percent"),
            t("units.col.outside_off"): st.column_config.NumberColumn(format="percent"),
            t("units.col.margin"): st.column_config.NumberColumn(format="%.3f"),
        },
    )


def _over_probes(run, layer, direction, unit, threshold, span) -> None:
    """The unit over every fixed probe sequence, at the newest snapshot."""
    traces = run.job.snapshots()[-1].traces
    lines = np.stack([tr.layers[layer][direction].h[:, unit] for tr in traces])  # (P, T)
    names = [t("inside.seq_probe", k=k + 1) for k in range(len(lines))]
    fig = unit_sequences_figure(
        lines,
        threshold,
        span=span,
        names=names,
        labels={"title": t("units.fig.title_n", unit=unit)},
    )
    st.plotly_chart(fig, width="stretch", key="units_probes")


def _stream(run, layer, direction):
    """(states [N, H], rows (first, end)) of the validation data read as one sequence by
    the model as trained now; kept in the run until the model or the layer changes."""
    status = run.job.status()
    key = (status.step, layer, direction)
    hit = run.figures.get("units_stream")
    if hit is None or hit[0] != key:
        first, end = units.stream_rows(run.data.windows)
        x = run.data.windows.inputs[first:end]
        tr = trace(probe_model(run.job.model), x)
        hit = (key, (tr.layers[layer][direction].h, (first, end)))
        run.figures["units_stream"] = hit
    return hit[1]


def _over_stream(run, layer, direction, unit, threshold, listed, length) -> None:
    if run.job.status().active:  # never read weights the worker is updating
        st.info(t("units.stream_while_training"))
        return
    states, (first, end) = _stream(run, layer, direction)
    text = _stream_text(run.data, first, end)
    st.markdown(t("units.stream_title", n=end - first))
    if text is not None:
        values = states[:, unit]
        st.plotly_chart(
            figures.char_activation_figure(
                text,
                values,
                zrange=figures.default_range(values),
                labels={"title": t("units.fig.text_title", unit=unit)},
            ),
            width="stretch",
            key="units_text",
        )
    names = [t("units.unit_n", unit=u) for u in range(states.shape[1])]
    chosen = st.multiselect(
        t("units.search_units"),
        list(range(states.shape[1])),
        default=listed[:3] or [unit],
        key="units_chosen",
        format_func=names.__getitem__,
    )
    matches = _search(states, chosen, length, threshold)
    if text is None:
        fig = unit_stream_figure(
            states[:, unit],
            threshold,
            [m.start for m in matches],
            length,
            labels={"stream_title": t("units.fig.stream_n", unit=unit)},
        )
        st.plotly_chart(fig, width="stretch", key="units_stream")
    _match_table(run.data, matches, length, text, first, end)


def _search(states, chosen, length, threshold) -> list:
    if not chosen:
        st.info(t("units.choose_units"))
        return []
    try:
        return units.search(states, chosen, length, threshold)
    except units.UnitsError as err:
        st.error(str(err))
        return []


def _stream_text(data, first, end) -> str | None:
    return data.vocab.decode(data.ids[first:end]) if isinstance(data, TextData) else None


def _match_table(data, matches, length, text, first, end) -> None:
    if not matches:
        st.info(t("units.no_matches"))
        return
    if text is None:  # the first input column in the data's own units
        values = data.scaler.inverse(np.asarray(data.windows.inputs[first:end, 0], np.float64), 0)
        context = [units.context_values(values, m.start, length) for m in matches]
    else:
        context = [units.context_text(text, m.start, length) for m in matches]
    table = pd.DataFrame(
        {
            "start": [m.start for m in matches],
            "score": [m.score for m in matches],
            "context": context,
        }
    )
    st.markdown(t("units.matches", n=len(matches)))
    st.dataframe(
        table.rename(columns={k: t(v) for k, v in MATCH_COLUMNS.items()}),
        hide_index=True,
        width="stretch",
        key="units_matches",
        column_config={t("units.col.together"): st.column_config.NumberColumn(format="percent")},
    )
