"""The Train page's downloads for a name classifier: its weights with what rebuilds it (the
classes and the alphabet), its settings, the loss history, and the PyTorch script."""

from __future__ import annotations

import json
from dataclasses import asdict

import streamlit as st

from rnnviz.files.classifier_file import classifier_bytes
from rnnviz.i18n import t
from rnnviz.script.classify import classify_file_name, classify_notebook, classify_script
from rnnviz.session.run import Run
from rnnviz.train.history import history_frame


def downloads(run: Run) -> None:
    job = run.job
    s = job.status()
    if s.active or s.step == 0:
        return
    a, b, c = st.columns(3)
    a.download_button(
        t("train.download_model"),
        icon=":material/download:",
        data=lambda: classifier_bytes(job.model, run.data),
        file_name="rnnviz-classifier.safetensors",
        mime="application/octet-stream",
        key="download_model",
    )
    b.download_button(
        t("train.download_config"),
        icon=":material/download:",
        key="download_config",
        data=json.dumps(
            {
                "model": job.model.cfg.to_dict(),
                "data": run.data.cfg.to_dict(),
                "training": asdict(job.cfg),
            },
            indent=2,
        ),
        file_name="rnnviz-settings.json",
        mime="application/json",
    )
    c.download_button(
        t("train.download_history"),
        icon=":material/download:",
        key="download_history",
        data=history_frame(s).to_csv(index=False),
        file_name="rnnviz-history.csv",
        mime="text/csv",
    )
    d, e, _ = st.columns(3)
    args = (run.data, job.model.cfg, job.cfg, run.origin.name)
    d.download_button(
        t("train.download_script"),
        icon=":material/code:",
        key="download_script",
        data=lambda: classify_script(*args),
        file_name=classify_file_name(job.model.cfg, run.origin.name),
        mime="text/x-python",
    )
    e.download_button(
        t("train.download_notebook"),
        icon=":material/code:",
        key="download_notebook",
        data=lambda: classify_notebook(*args),
        file_name=classify_file_name(job.model.cfg, run.origin.name, ".ipynb"),
        mime="application/x-ipynb+json",
    )
    st.caption(t("names.script_caption"))
