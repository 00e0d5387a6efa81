"""Opening a lesson: its data, model, training and page choices, in one click.

Apart from rnnviz/ui/actions.py because a lesson reaches into the pages' own controls (the
typed table, the shapes explorer, the Compare choices), which themselves use actions.
"""

from __future__ import annotations

from dataclasses import replace

from rnnviz.session.lessons import LESSONS, prep_config
from rnnviz.session.workspace import load_sample
from rnnviz.ui import compare_controls, jobs, model_controls, state, typed_controls
from rnnviz.ui.actions import default_prep


def _data(lesson) -> None:
    if lesson.sample:
        ds = load_sample(lesson.sample)
        state.set_dataset(ds, prep_config(lesson, default_prep(ds)))
    else:
        typed_controls.use_sample(lesson.typed)
        state.set_prep_cfg(prep_config(lesson, state.prep_cfg()))
    jobs.drop()  # a model trained on other data would only confuse
    jobs.drop("race")


def apply_lesson(key: str) -> str:
    """Load a lesson's data, model and training settings; returns the page to open."""
    lesson = LESSONS[key]
    if lesson.sample or lesson.typed:
        _data(lesson)
    if lesson.model:
        state.set_model_cfg(lesson.model)
    if lesson.train:  # the device is this machine's choice, not the lesson's
        state.set_train_cfg(replace(lesson.train, device=state.train_cfg().device))
    if lesson.race:
        compare_controls.preset(lesson.race)
    if lesson.shapes:
        model_controls.preset_shapes(lesson.shapes)
    state.LAB_PRESET.set(lesson.task)  # the Lab section it opens ("keras" or a task key)
    state.LESSON.set(key)  # its banner stays on the pages it touches (rnnviz/ui/banner.py)
    return lesson.start_page
