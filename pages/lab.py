"""Placeholder: being built."""

import streamlit as st

st.title("lab")
st.info("Coming soon.")
