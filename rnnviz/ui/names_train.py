"""The Train page's downloads for a name classifier: its weights with what rebuilds it (the
classes and the alphabet), its settings, the loss history, and the PyTorch script."""

from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from rnnviz.files.classifier_file import classifier_bytes
from rnnviz.i18n import t
from rnnviz.script.classify import classify_file_name, classify_notebook, classify_script
from rnnviz.session.run import Run
from rnnviz.ui import train_controls


def downloads(run: Run) -> None:
    job = run.job
    s = job.status()
    if s.active or s.step == 0:
        return
    args = (run.data, job.model.cfg, job.cfg, run.origin.name)
    name = run.origin.name
    train_controls.download_buttons(
        s,
        model=(lambda: classifier_bytes(job.model, run.data), "rnnviz-classifier.safetensors"),
        settings={
            "model": job.model.cfg.to_dict(),
            "data": run.data.cfg.to_dict(),
            "training": asdict(job.cfg),
        },
        script=(lambda: classify_script(*args), classify_file_name(job.model.cfg, name)),
        notebook=(
            lambda: classify_notebook(*args),
            classify_file_name(job.model.cfg, name, ".ipynb"),
        ),
    )
    st.caption(t("names.script_caption"))
