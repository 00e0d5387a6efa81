"""Model: the architecture, its equations, its parameters and its tensor shapes."""

import streamlit as st

from rnnviz import figures, summary
from rnnviz.equations import EQUATIONS, WHY
from rnnviz.ui import model_controls

st.title("2 · Model")
cfg = model_controls.architecture()

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(f"{summary.CELL_LABELS[cfg.cell]} cell equations")
    for line in EQUATIONS[cfg.cell]:
        st.latex(line)
with right:
    st.subheader("Why it remembers (or forgets)")
    st.markdown(WHY[cfg.cell])
st.plotly_chart(figures.unrolled_figure(cfg.num_layers, cfg.bidirectional,
                                        steps=model_controls.seq_len(), cell=cfg.cell),
                width="stretch")

model_controls.shapes(cfg)
model_controls.parameters(cfg)
model_controls.load_saved()
