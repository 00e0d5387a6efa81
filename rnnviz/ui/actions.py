"""Multi-step actions a button triggers (kept out of pages so they stay layout only)."""

from __future__ import annotations

from dataclasses import replace

from rnnviz.data import DataError
from rnnviz.i18n import t
from rnnviz.lessons import LESSONS, prep_config
from rnnviz.ui import compare_controls, jobs, state
from rnnviz.workspace import (default_model_config, default_series_config, default_text_config,
                              load_sample, load_upload)


def default_prep(ds):
    return default_text_config(ds) if ds.kind == "text" else default_series_config(ds)


def use_sample(key: str) -> None:
    ds = load_sample(key)
    state.set_dataset(ds, default_prep(ds))
    if ds.kind == "text":
        state.set_model_cfg(default_model_config(ds))


def use_upload(name: str, raw: bytes) -> str | None:
    """Load a user's file; returns an error message (the old data stay) or None."""
    try:
        ds = load_upload(name, raw)
        state.set_dataset(ds, default_prep(ds))
    except DataError as err:
        return t("data.upload_failed", error=err)
    return None


def quick_start() -> None:
    use_sample("temperature")
    state.set_model_cfg(default_model_config(state.dataset()))
    jobs.drop()


def apply_lesson(key: str) -> str:
    """Load a lesson's data, model and training settings; returns the page to open."""
    lesson = LESSONS[key]
    if lesson.sample:
        ds = load_sample(lesson.sample)
        state.set_dataset(ds, prep_config(lesson, default_prep(ds)))
        jobs.drop()  # a model trained on other data would only confuse
        jobs.drop("race")
    if lesson.model:
        state.set_model_cfg(lesson.model)
    if lesson.train:  # the device is this machine's choice, not the lesson's
        state.set_train_cfg(replace(lesson.train, device=state.train_cfg().device))
    if lesson.race:
        compare_controls.preset(lesson.race)
    state.LAB_PRESET.set(lesson.task)  # the Lab section it opens ("keras" or a task key)
    return lesson.start_page
