"""Train: settings, Train / Stop / Resume / Reset, and the live progress of the job."""

import streamlit as st

from rnnviz.i18n import t
from rnnviz.ui import guards, jobs, names_train, state, train_controls

st.title(t("nav.train"))
if state.run() is None:  # a loaded run trains on (Resume) with its own data
    guards.need_data()

cfg = train_controls.settings()
train_controls.buttons(cfg)
train_controls.live_panel()
if (job := jobs.get()) is not None:
    guards.nonfinite_weights(job)
    if (run := state.run()) is not None and run.job is job:
        if run.is_labels:
            names_train.downloads(run)
        else:
            train_controls.downloads(run)
