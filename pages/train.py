"""Train: settings, Train / Stop / Resume / Reset, and the live progress of the job."""

import streamlit as st

from rnnviz.i18n import t
from rnnviz.ui import guards, jobs, train_controls

st.title(t("nav.train"))
guards.need_data()

cfg = train_controls.settings()
train_controls.buttons(cfg)
train_controls.live_panel()
if (job := jobs.get()) is not None:
    guards.nonfinite_weights(job)
    train_controls.downloads(job)
