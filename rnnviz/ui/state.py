"""Typed accessors for one user's session (st.session_state is per browser tab).

The session's work (current data set and settings, the run, the jobs) is one
rnnviz.session.workspace.Workspace kept under one key; the accessors below only fetch it. Widgets
made on a page are forgotten when the user leaves it, so every choice that must survive a
page switch is copied into the workspace as a frozen config.
"""

from __future__ import annotations

import streamlit as st

from rnnviz.model.network import ModelConfig
from rnnviz.session import schema
from rnnviz.session.run import Run
from rnnviz.session.workspace import Dataset, Workspace
from rnnviz.train.job import TrainConfig

_WORKSPACE = "rv_workspace"


def workspace(session=None) -> Workspace:
    """This session's workspace, made on first use. `session` defaults to the running
    script's st.session_state; tests pass AppTest's `at.session_state`."""
    s = st.session_state if session is None else session
    if _WORKSPACE not in s:
        s[_WORKSPACE] = Workspace()
    return s[_WORKSPACE]


def dataset() -> Dataset | None:
    return workspace().dataset


def _reset_data_widgets(cfg) -> None:
    """Give the Data page's widgets the new data set's settings (every setting of the schema
    its config holds, so a link's values are what the page shows).

    Written through the Session State API (which the browser follows) rather than deleted:
    a deleted key leaves the browser showing the old value while the server uses another.
    """
    for s in schema.of_data():
        key = s.widget
        value = schema.value(cfg, s) if isinstance(cfg, s.owner) else None
        if s.kind == "columns" and value is not None:
            value = list(value)  # a multiselect holds a list
        if value is None and s.none_as is not None and isinstance(cfg, s.owner):
            value = s.none_as  # max_chars: 0 is the whole text
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value
    for key in ("row_choice", "last_rows", "every_nth"):  # a cut of the rows: not a setting
        st.session_state.pop(key, None)


def set_dataset(ds: Dataset, prep_cfg) -> None:
    """Replace the data set only once it prepared cleanly (the caller catches DataError)."""
    workspace().set_dataset(ds, prep_cfg)
    _reset_data_widgets(prep_cfg)


def prep_cfg():
    return workspace().prep_cfg


def set_prep_cfg(cfg) -> None:
    """New preparation settings for the current data set (DataError leaves the old ones)."""
    workspace().set_prep_cfg(cfg)


def prepared():
    return workspace().prepared


def model_cfg() -> ModelConfig:
    return workspace().model_settings()


def set_model_cfg(cfg: ModelConfig) -> None:
    workspace().model_cfg = cfg


def train_cfg() -> TrainConfig:
    return workspace().train_settings()


def set_train_cfg(cfg: TrainConfig) -> None:
    workspace().train_cfg = cfg


def run() -> Run | None:
    """The session's run: the trained (or loaded) model with the data it was trained on.
    Inside, Predict and the downloads read it, never prepared()."""
    return workspace().run


def set_run(value: Run | None) -> None:
    """A new run replaces the old one (its figures go with it); None forgets it."""
    workspace().run = value


# ---- every other session value, one Slot per key (so each rv_ key is declared here) -----
class Slot:
    """One session value under its own key, with the value read when it is absent.

    `session` defaults to the running script's st.session_state; tests pass AppTest's
    `at.session_state` to read or seed what a page keeps."""

    def __init__(self, key: str, default=None):
        self.key, self.default = key, default

    def _of(self, session):
        return st.session_state if session is None else session

    def get(self, session=None):
        s = self._of(session)
        return s.get(self.key, self.default)

    def set(self, value, session=None) -> None:
        self._of(session)[self.key] = value

    def pop(self, session=None) -> None:
        s = self._of(session)
        if self.key in s:
            del s[self.key]

    def held(self, session=None) -> bool:
        """Whether the session holds a value (a widget drawn once has one)."""
        return self.key in self._of(session)

    def setdefault(self, value, session=None):
        return self._of(session).setdefault(self.key, value)


def widget(key: str) -> Slot:
    """The session value of the widget keyed `key` (a key the settings schema declares,
    rnnviz.session.schema.Setting.widget, or one of the widget Slots below)."""
    return Slot(key)


class Field:
    """One field of the session's Workspace, read and written like a Slot (for tests:
    `state.PREP_CFG.get(at.session_state)`; pages use the accessors above)."""

    def __init__(self, name: str):
        self.name = name

    def get(self, session=None):
        s = st.session_state if session is None else session
        return getattr(s[_WORKSPACE], self.name) if _WORKSPACE in s else None

    def set(self, value, session=None) -> None:
        setattr(workspace(session), self.name, value)

    def pop(self, session=None) -> None:
        self.set(None, session)


# The user's data and settings (fields of the Workspace).
DATASET, PREP_CFG, PREPARED = Field("dataset"), Field("prep_cfg"), Field("prepared")
MODEL_CFG, TRAIN_CFG, RUN = Field("model_cfg"), Field("train_cfg"), Field("run")
# What pages keep between reruns.
RACE_OPTS = Slot("rv_race_opts")  # the Compare page's variants and budget
RACE_INFO = Slot("rv_race_info")  # what the race was started with
RACE_SEEN = Slot("rv_race_seen")  # "running" or "idle": what the last full run drew
RACE_TABLE = Slot("rv_race_table")  # (race id, Race.table() rows): validation once per race
LAB_PRESET = Slot("rv_lab_preset")  # the Lab section a lesson opens ("keras" or a task key)
LESSON = Slot("rv_lesson")  # the key of the lesson whose banner the pages show
GENERATED = Slot("rv_generated")  # the Predict page's last generated text
LOADED_MODEL = Slot("rv_loaded_model")  # (sha256 of an upload, model or None, error or None)
FIGURES = Slot("rv_figures")  # the figure cache (rnnviz.ui.figcache)
TRAIN_SEEN = Slot("rv_seen_state")  # the job state the Train page's last full run drew
TRAIN_REFUSED = Slot("rv_train_refused")  # why the training gate refused the last start
AUTO_RESULT = Slot("rv_auto_result")  # (dataset digest, AutoResult): Auto's last choice
HONEST_FIXED = Slot("rv_honest_fixed")  # Predict: the message of the fix just applied
LAST_UPLOAD = Slot("rv_last_upload")  # (digest, error or None): each upload parsed once
CALC_TRACE = Slot("rv_calc_trace")  # the cell calculator's kept probe trace
SHARE_RESTORED = Slot("rv_share_restored")  # a shared link was applied to this session
LAB_GRAD_INFO = Slot("rv_lab_grad_info")  # what the Lab's vanishing race was started with
LAB_MEM_INFO = Slot("rv_lab_mem_info")  # what the Lab's memory race was started with
LAB_EXPLODE_RUN = Slot("rv_lab_explode_run")  # figure-cache key of the newest exploding run
AUTO_TRAIN_CFG = Slot("rv_auto_train_cfg")  # the Train page's data-based epochs, until typed
LONGER_REFUSED = Slot("rv_longer_refused")  # why Predict's "train longer" did not start
COLUMN_CHOICE = Slot("rv_column_choice")  # the Data page's column choice for this data set
TYPED_EDITOR = Slot("rv_typed_editor")  # the Data page's typed table (rnnviz/ui/typed_controls.py)
# Whether each Lab section's last full run drew its job running (by section).
LAB_SEEN = {
    section: Slot(f"rv_lab_seen_{section}", False) for section in ("grad", "explode", "memory")
}
# The saved workspace (rnnviz/ui/persist.py): this browser's store id, what was saved last,
# and what the restore and the last refused save said (each shown once).
STORE_ID = Slot("rv_store_id")  # the id this session saves under (None: not yet read)
STORE_SAVED = Slot("rv_store_saved")  # the fingerprint of the work last saved
STORE_NOTES = Slot("rv_store_notes", ())  # (catalog key, params) pairs shown until work changes
STORE_REFUSED = Slot("rv_store_refused", False)  # a save was refused and the user was told
# -- live pages and the typed-sequence box (rnnviz/ui/follow.py, rnnviz/ui/typed_predict.py)
TYPED_FOR = Slot("rv_typed_for")  # the id of the run whose sequence Predict's typed box holds
# -- widgets whose value code reads or sets (tests and outside checks drive them by key)
LANGUAGE = Slot("lang")  # the sidebar's language switch, and a link's language parameter
TYPED_SEQUENCE = Slot("typed_sequence")  # Predict's "type a sequence" box
TYPED_MODE = Slot("typed_mode")  # the Data page's typed table: rows or one series
PREDICT_OUTPUT = Slot("predict_output")  # which predicted column Predict's charts show
KEEP_CODES = Slot("keep_codes")  # keep missing-value codes such as -200 as values
HIDDEN_EXACT = Slot("hidden_exact")  # the Model page's exact-size box beside the slider
HIDDEN_EXACT_REFUSED = Slot("rv_hidden_exact_refused")  # a refused typed size, for the next run
