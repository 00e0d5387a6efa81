"""Inside: hidden states and gates, step by step and as training goes on."""

import streamlit as st

from rnnviz import figures
from rnnviz.i18n import t
from rnnviz.ui import (
    calculator_controls,
    figcache,
    follow,
    guards,
    inside_insight,
    names_inside,
    units_controls,
)
from rnnviz.ui import inside_controls as ic
from rnnviz.ui.downloads import download_menu

st.title(t("inside.title"))
run = guards.need_run()  # the model with the data it was trained on, not the Data page's
guards.other_data(run)
if run.is_labels:  # a classifier: one name read letter by letter
    names_inside.page(run)
    st.stop()
job = run.job
guards.nonfinite_weights(job)
seq, layer, direction, scale = ic.pick_sequence(run)
tr, step = ic.current_trace(run, seq)
follow.watch(job, body=follow.progress, drawn_step=step)  # newer snapshots, and the end
d = tr.layers[layer][direction]
relu = job.model.cfg.cell == "rnn_relu"
inputs, chars = ic.input_view(run, tr, seq)
key = (
    run.id,
    step,
    str(seq[0]),
    seq[1] if seq[0] == "probe" else seq[1].tobytes(),
    layer,
    direction,
)
zrange = ic.color_range(d.h, relu, scale)

steps_tab, training_tab, grads_tab, conn_tab, units_tab, calc_tab, insight_tab = st.tabs(
    [
        t(f"inside.tab.{name}")
        for name in ("steps", "training", "grads", "conn", "units", "calc", "insight")
    ]
)
with steps_tab:
    st.caption(t("inside.steps_caption", step=step))
    hidden = figcache.cached(
        "hidden",
        (*key, scale),
        lambda: figures.hidden_fill_animation(
            d.h, inputs=inputs, input_text=chars, zrange=zrange, labels=ic.bar_label(scale)
        ),
        run=run,
    )
    figcache.chart(hidden, "hidden_anim")
    gate_panels = figures.gate_panels(d)  # {"i": [T, H], ..., "h": [T, H]}
    ranges = {
        **figures.gate_ranges(gate_panels, relu),
        **ic.state_ranges(gate_panels, scale, zrange),
    }  # h and c as the colour scale says
    gates = figcache.cached(
        "gates",
        (*key, scale),
        lambda: figures.gate_bars_animation(
            gate_panels, [str(k) for k in range(len(d.h))], ranges=ranges
        ),
        run=run,
    )
    figcache.chart(gates, "gate_anim")
    charts = [(hidden, "hidden_state.html"), (gates, "gates.html")]
    if d.gates:
        maps = figcache.cached(
            "gate_maps",
            (*key, scale),
            lambda: figures.gate_heatmaps(
                {k: v for k, v in gate_panels.items() if k != "h"}, ranges=ranges
            ),
            run=run,
        )
        figcache.chart(maps, "gate_maps")
        charts.append((maps, "gate_heatmaps.html"))
    download_menu(charts, key="dl_steps")
with training_tab:
    ic.training_views(run, seq, layer, direction, scale, relu)
with grads_tab:
    ic.gradient_view(run)
with conn_tab:
    ic.connectivity_view(run, seq, inputs, chars)
with calc_tab:
    calculator_controls.calculator_tab(
        job, calculator_controls.sequence_values(job, seq), layer, direction, chars=chars
    )
with units_tab:
    units_controls.units_view(run, d, layer, direction)
with insight_tab:
    inside_insight.gate_insight(run, d, direction, key)
