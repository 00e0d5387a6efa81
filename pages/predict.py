"""Predict: test-set predictions against naive baselines and a forecast; or generated text."""

import streamlit as st

from rnnviz.text import TextData
from rnnviz.ui import guards, predict_controls, state

st.title("5 · Predict")
job = guards.need_model()
if job.status().active:
    st.info("Training is running. Predictions use the finished model: stop training or wait "
            "for it to end.")
    st.page_link("pages/train.py", label="Go to Train", icon=":material/model_training:")
    st.stop()

if isinstance(state.prepared(), TextData):
    predict_controls.text_generation(job)
else:
    predict_controls.series_evaluation(job)
