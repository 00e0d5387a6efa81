"""Opening a lesson: its data, model, training and page choices, in one click.

Apart from rnnviz/ui/actions.py because a lesson reaches into the pages' own controls (the
typed table, the shapes explorer, the Compare choices), which themselves use actions.
"""

from __future__ import annotations

from dataclasses import replace

from rnnviz.experiments import tutorial003
from rnnviz.session.lessons import LESSONS, prep_config
from rnnviz.session.workspace import load_sample
from rnnviz.ui import compare_controls, jobs, model_controls, state, typed_controls
from rnnviz.ui.actions import default_prep


def own_export(lesson):
    """The user's uploaded table with the lesson's settings, for a lesson that applies its
    tutorial's settings to an export of one's own (the 93-day Bitcoin lesson); else None."""
    ds = state.dataset()
    if lesson.key != tutorial003.LESSON or ds is None or ds.sample or ds.typed:
        return None
    if ds.kind != "series" or ds.table is None:
        return None
    cfg = tutorial003.upload_prep(ds.table, default_prep(ds))
    return None if cfg is None else (ds, cfg)


def _data(lesson) -> None:
    if own := own_export(lesson):
        state.set_dataset(*own)
    elif lesson.sample:
        ds = load_sample(lesson.sample)
        state.set_dataset(ds, prep_config(lesson, default_prep(ds)))
        # The Data page's picker names the sample in use, not the first one of the list.
        state.widget("sample_choice").set(lesson.sample)
    else:
        typed_controls.use_sample(lesson.typed)
        # Set as a data set's settings, so the Data page's widgets hold them too: its
        # scaling widget still held the typed rows' default (min-max), and drawing it put
        # that back over the lesson's "none".
        state.set_dataset(state.dataset(), prep_config(lesson, state.prep_cfg()))
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
