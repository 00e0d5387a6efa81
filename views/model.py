"""Model: the architecture, its equations, its parameters and its tensor shapes."""

import streamlit as st

from rnnviz import figures
from rnnviz.i18n import t
from rnnviz.model import summary
from rnnviz.model.equations import equations, why
from rnnviz.ui import model_controls, names_model

st.title(t("nav.model"))
cfg = model_controls.architecture()

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(t("model.equations_title", cell=summary.cell_label(cfg.cell)))
    for line in equations(cfg.cell):
        st.latex(line)
with right:
    st.subheader(t("model.why_title"))
    st.markdown(why(cfg.cell))
st.plotly_chart(
    figures.unrolled_figure(
        cfg.num_layers,
        cfg.bidirectional,
        steps=model_controls.diagram_steps(),
        cell=cfg.cell,
        mode=cfg.mode,
    ),
    width="stretch",
)

if (names := names_model.labelled()) is not None:  # a classifier of labelled texts
    names_model.embed_choice()
    names_model.parameters(names)
    names_model.load_saved(names)
else:
    model_controls.shapes(cfg)
    model_controls.parameters(cfg)
    model_controls.load_saved()
