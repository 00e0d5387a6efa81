"""Compare: RNN, LSTM and GRU (and variants) race on the current data with the same budget."""

import streamlit as st

from rnnviz.ui import compare_controls, guards

st.title("Architecture race: RNN · LSTM · GRU")
st.markdown("Train the three cells on **your current data** with the same budget, all at once, "
            "and watch whose loss falls fastest. When the race ends, the table shows each "
            "model's validation loss, size and speed.")
guards.need_data()

opts = compare_controls.options()
compare_controls.buttons(opts)
compare_controls.live_panel()
