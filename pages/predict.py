"""Predict: test-set predictions against naive baselines and a forecast; or generated text."""

import streamlit as st

from rnnviz.i18n import t
from rnnviz.text import TextData
from rnnviz.ui import guards, predict_controls, state

st.title(t("nav.predict"))
job = guards.need_model()
if job.status().active:
    st.info(t("predict.training_running"))
    st.page_link("pages/train.py", label=t("guard.go_train"), icon=":material/model_training:")
    st.stop()
guards.nonfinite_weights(job, stop=True)

if isinstance(state.prepared(), TextData):
    predict_controls.text_generation(job)
else:
    predict_controls.series_evaluation(job)
