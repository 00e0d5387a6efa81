"""Data: choose a sample, upload a file or type a table, then decide how it becomes training
pairs."""

import streamlit as st

from rnnviz.data.samples import SAMPLES
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.ui import (
    actions,
    auto_controls,
    data_controls,
    names_data,
    reading_controls,
    state,
    typed_controls,
)

st.title(t("nav.data"))

sources, source_label = data_controls.stable_choice(
    ("data.source.sample", "data.source.upload", "data.source.typed")
)
loaded = state.dataset()  # the segment opens on where the loaded data came from
shown = (
    2
    if typed_controls.in_use() or (loaded is not None and loaded.typed)
    else (1 if loaded is not None and loaded.sample is None else 0)
)
# required: a second click on the selected segment keeps it (it would deselect it)
source = st.segmented_control(
    t("data.source"),
    sources,
    default=sources[shown],
    required=True,
    format_func=source_label,
    key="data_source",
)
if source == sources[1]:
    up = st.file_uploader(t("data.upload_label"), key="data_upload", help=t("data.upload_help"))
    data_controls.handle_upload(up)
    names_data.class_files_upload()
elif source == sources[2]:  # a table typed here: rows of sequence -> target, or one series
    typed_controls.source_section()
else:
    pick, go = st.columns([4, 1], vertical_alignment="bottom")
    titles = {k: s.title for k, s in SAMPLES.items()}  # translated here, not in another thread
    key = pick.selectbox(
        t("data.source.sample"), list(titles), format_func=titles.get, key="sample_choice"
    )
    if go.button(t("data.use_sample"), key="use_sample", type="primary"):
        actions.use_sample(key)
        auto_controls.choose(state.dataset())  # a new table: Auto chooses its preparation
    st.caption(SAMPLES[key].description)

ds = state.dataset()
if ds is None:
    if source != sources[1] or up is None:  # a refused upload's error says what to do
        st.info(t("data.begin"))
    st.stop()

st.success(t("data.loaded", name=md(ds.name)))  # a file name is the user's text
for note in ds.notes:  # what reading changed, e.g. time zones converted to UTC
    st.caption(note.format(md))
reading_controls.codes_toggle(ds)
names_data.offer_labels(ds)
if ds.kind == "text":
    data_controls.text_section(ds)
elif ds.kind == "labels":
    names_data.labels_section(ds)
elif ds.kind == "typed":
    typed_controls.rows_section(ds)
else:
    data_controls.series_section(ds)
