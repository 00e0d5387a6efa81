"""rnnviz: train a recurrent network on your own data and watch what happens inside it."""

import streamlit as st

st.set_page_config(page_title="rnnviz", page_icon="🔁", layout="wide")
st.title("rnnviz")
st.write("Train RNN, LSTM and GRU networks on your own time series or text, and watch "
         "their hidden states and gates change step by step.")
