"""Compare: RNN, LSTM and GRU (and variants) race on the current data with the same budget."""

import streamlit as st

from rnnviz.data.labels import LabelledData
from rnnviz.i18n import t
from rnnviz.ui import compare_controls, guards, names_compare, state

st.title(t("compare.title"))
guards.need_data()
if isinstance(state.prepared(), LabelledData):  # names: RNN, LSTM and GRU as classifiers
    names_compare.section()
    st.stop()
st.markdown(t("compare.intro"))

opts = compare_controls.options()
compare_controls.buttons(opts)
compare_controls.live_panel()
