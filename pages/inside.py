"""Inside: hidden states and gates, step by step and as training goes on."""

import streamlit as st

from rnnviz import figures
from rnnviz.i18n import t
from rnnviz.ui import calculator_controls, figcache, guards
from rnnviz.ui import inside_controls as ic
from rnnviz.ui.downloads import html_download

st.title(t("inside.title"))
run = guards.need_run()  # the model with the data it was trained on, not the Data page's
guards.other_data(run)
job = run.job
guards.nonfinite_weights(job)
seq, layer, direction = ic.pick_sequence(run)
tr, step = ic.current_trace(job, seq)
d = tr.layers[layer][direction]
relu = job.model.cfg.cell == "rnn_relu"
inputs, chars = ic.input_view(run, tr, seq)
key = (run.id, step, str(seq[0]), seq[1] if seq[0] == "probe" else seq[1].tobytes(), layer, direction)
zrange = (0.0, max(1e-6, float(d.h.max()))) if relu else None

steps_tab, training_tab, grads_tab, conn_tab, calc_tab, insight_tab = st.tabs(
    [t(f"inside.tab.{name}") for name in ("steps", "training", "grads", "conn", "calc",
                                          "insight")])
with steps_tab:
    st.caption(t("inside.steps_caption", step=step))
    hidden = figcache.cached("hidden", key, lambda: figures.hidden_fill_animation(
        d.h, inputs=inputs, input_text=chars, zrange=zrange), run=run)
    st.plotly_chart(hidden, width="stretch", key="hidden_anim")
    html_download(hidden, "hidden_state.html", key="dl_hidden")
    gate_panels = figures.gate_panels(d)  # {"i": [T, H], ..., "h": [T, H]}
    ranges = figures.gate_ranges(gate_panels, relu)
    gates = figcache.cached("gates", key, lambda: figures.gate_bars_animation(
        gate_panels, [str(k) for k in range(len(d.h))], ranges=ranges), run=run)
    st.plotly_chart(gates, width="stretch", key="gate_anim")
    html_download(gates, "gates.html", key="dl_gates")
    if d.gates:
        st.plotly_chart(figcache.cached("gate_maps", key, lambda: figures.gate_heatmaps(
            {k: v for k, v in gate_panels.items() if k != "h"},
            ranges=ranges), run=run), width="stretch", key="gate_maps")
with training_tab:
    ic.training_views(run, seq, layer, direction, zrange)
with grads_tab:
    ic.gradient_view(run)
with conn_tab:
    ic.connectivity_view(run, seq, inputs, chars)
with calc_tab:
    calculator_controls.calculator_tab(job, calculator_controls.sequence_values(job, seq),
                                       layer, direction, chars=chars)
with insight_tab:
    ic.gate_insight(run, d, direction, key)
