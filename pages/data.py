"""Data: choose a sample or upload a file, then decide how it becomes training pairs."""

import streamlit as st

from rnnviz.samples import SAMPLES
from rnnviz.ui import actions, data_controls, state

st.title("1 · Data")

source = st.segmented_control("Source", ["Sample", "Upload"], default="Sample", key="data_source")
if source == "Upload":
    up = st.file_uploader("Upload a CSV table or a TXT text (UTF-8 or GBK)", key="data_upload",
                          help="A time series with a date column and numeric columns, e.g. an "
                               "investing.com export; or any plain text for a character model.")
    data_controls.handle_upload(up)
else:
    pick, go = st.columns([4, 1], vertical_alignment="bottom")
    key = pick.selectbox("Sample", list(SAMPLES), format_func=lambda k: SAMPLES[k].title,
                         key="sample_choice")
    if go.button("Use this sample", key="use_sample", type="primary"):
        actions.use_sample(key)
    st.caption(SAMPLES[key].description)

ds = state.dataset()
if ds is None:
    st.info("Pick a sample or upload a file to begin.")
    st.stop()

st.success(f"Loaded: **{ds.name}**")
if ds.kind == "text":
    data_controls.text_section(ds)
else:
    data_controls.series_section(ds)
