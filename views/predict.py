"""Predict: test-set predictions against naive baselines and a forecast; or generated text."""

import streamlit as st

from rnnviz.i18n import t
from rnnviz.ui import follow, guards, names_predict, predict_controls, typed_predict

st.title(t("nav.predict"))
run = guards.need_run()
guards.other_data(run)
if follow.seen(run.job) in follow.ACTIVE:  # the predictions come by themselves at its end
    st.info(t("predict.training_running"), icon=":material/hourglass_top:")
    follow.watch(run.job, body=follow.progress)
    st.page_link("views/train.py", label=t("guard.go_train"), icon=":material/model_training:")
    st.stop()
guards.nonfinite_weights(run.job, stop=True)

if run.is_labels:  # a classifier: accuracy, confusion, and a name typed here
    names_predict.section(run)
elif run.is_text:
    predict_controls.text_generation(run)
else:
    if not typed_predict.sample_set(run):  # typed rows have no test set to chart
        predict_controls.series_evaluation(run)
    typed_predict.section(run)  # type a sequence -> the model's answer
