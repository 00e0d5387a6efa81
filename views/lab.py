"""Lab: check an RNN by hand, watch gradients vanish and explode, race cells on memory tasks."""

import streamlit as st

from rnnviz.i18n import t
from rnnviz.ui import lab_controls as lc
from rnnviz.ui import lab_gradients as lg

TABS = {"keras": "lab.tab_keras", "gradients": "lab.tab_gradients", "memory": "lab.tab_memory"}

st.title(t("lab.title"))
preset = lc.preset()
start = "keras" if preset == "keras" else ("memory" if preset else None)
tabs = {name: t(key) for name, key in TABS.items()}
hand, grads, memory = st.tabs(list(tabs.values()), default=tabs.get(start))

with hand:
    st.markdown(t("lab.keras_intro"))
    lc.hand_check()

with grads:
    st.markdown(t("lab.gradients_intro"))
    task, seq_len = lg.grad_settings()
    st.subheader(t("lab.vanishing_header"), divider="gray")
    lg.vanishing(task, seq_len)
    st.subheader(t("lab.exploding_header"), divider="gray")
    st.caption(t("lab.exploding_caption"))
    lg.exploding(task, seq_len)

with memory:
    st.markdown(t("lab.memory_intro"))
    lc.memory()
