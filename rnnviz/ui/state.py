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


def embed() -> str:
    """How a name classifier reads its letters (the Model page's choice)."""
    return EMBED.get() or "embedding"


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


# ---- every other session value, one Entry per key (so each rv_ key is declared here) -----
class Entry:
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


def widget(key: str) -> Entry:
    """The session value of the widget keyed `key` (a key the settings schema declares,
    rnnviz.session.schema.Setting.widget, or one of the widget Entries below)."""
    return Entry(key)


class Field:
    """One field of the session's Workspace, read and written like a Entry (for tests:
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
RACE_OPTS = Entry("rv_race_opts")  # the Compare page's variants and budget
RACE_INFO = Entry("rv_race_info")  # what the race was started with
RACE_SEEN = Entry("rv_race_seen")  # "running" or "idle": what the last full run drew
RACE_TABLE = Entry("rv_race_table")  # (race id, Race.table() rows): validation once per race
LAB_PRESET = Entry("rv_lab_preset")  # the Lab section a lesson opens ("keras" or a task key)
EMBED = Entry("rv_embed")  # how a classifier's letters enter: "embedding" or "one_hot"
LESSON = Entry("rv_lesson")  # the key of the lesson whose banner the pages show
GENERATED = Entry("rv_generated")  # the Predict page's last generated text
LOADED_MODEL = Entry("rv_loaded_model")  # (sha256 of an upload, model or None, error or None)
FIGURES = Entry("rv_figures")  # the figure cache (rnnviz.ui.figcache)
TRAIN_SEEN = Entry("rv_seen_state")  # the job state the Train page's last full run drew
TRAIN_REFUSED = Entry("rv_train_refused")  # why the training gate refused the last start
AUTO_RESULT = Entry("rv_auto_result")  # (dataset digest, AutoResult): Auto's last choice
HONEST_FIXED = Entry("rv_honest_fixed")  # Predict: the message of the fix just applied
LAST_UPLOAD = Entry("rv_last_upload")  # (digest, error or None): each upload parsed once
LAST_CLASS_FILES = Entry("rv_last_class_files")  # (digest of the files, error or None)
CALC_TRACE = Entry("rv_calc_trace")  # the cell calculator's kept probe trace
SHARE_RESTORED = Entry("rv_share_restored")  # a shared link was applied to this session
LAB_GRAD_INFO = Entry("rv_lab_grad_info")  # what the Lab's vanishing race was started with
LAB_MEM_INFO = Entry("rv_lab_mem_info")  # what the Lab's memory race was started with
LAB_EXPLODE_RUN = Entry("rv_lab_explode_run")  # figure-cache key of the newest exploding run
AUTO_TRAIN_CFG = Entry("rv_auto_train_cfg")  # the Train page's data-based epochs, until typed
LONGER_REFUSED = Entry("rv_longer_refused")  # why Predict's "train longer" did not start
COLUMN_CHOICE = Entry("rv_column_choice")  # the Data page's column choice for this data set
TYPED_EDITOR = Entry("rv_typed_editor")  # the Data page's typed table (rnnviz/ui/typed_controls.py)
# Whether each Lab section's last full run drew its job running (by section).
LAB_SEEN = {
    section: Entry(f"rv_lab_seen_{section}", False) for section in ("grad", "explode", "memory")
}
# The saved workspace (rnnviz/ui/persist.py): this browser's store id, what was saved last,
# and what the restore and the last refused save said (each shown once).
STORE_ID = Entry("rv_store_id")  # the id this session saves under (None: not yet read)
STORE_SAVED = Entry("rv_store_saved")  # the fingerprint of the work last saved
STORE_NOTES = Entry("rv_store_notes", ())  # (catalog key, params) pairs shown until work changes
STORE_REFUSED = Entry("rv_store_refused", False)  # a save was refused and the user was told
# -- live pages and the typed-sequence box (rnnviz/ui/follow.py, rnnviz/ui/typed_predict.py)
TYPED_FOR = Entry("rv_typed_for")  # the id of the run whose sequence Predict's typed box holds
# -- widgets whose value code reads or sets (tests and outside checks drive them by key)
LANGUAGE = Entry("lang")  # the sidebar's language switch, and a link's language parameter
TYPED_SEQUENCE = Entry("typed_sequence")  # Predict's "type a sequence" box
TYPED_MODE = Entry("typed_mode")  # the Data page's typed table: rows or one series
PREDICT_OUTPUT = Entry("predict_output")  # which predicted column Predict's charts show
KEEP_CODES = Entry("keep_codes")  # keep missing-value codes such as -200 as values
HIDDEN_EXACT = Entry("hidden_exact")  # the Model page's exact-size box beside the slider
HIDDEN_EXACT_REFUSED = Entry("rv_hidden_exact_refused")  # a refused typed size, for the next run


# ---- the key of every widget the pages draw, by the module that draws it ---------------
# A widget is keyed at its call site (st.button(..., key="train")); each key is declared
# here once, and tests/engine/test_architecture.py fails on a key drawn that is not, or one
# declared that nothing draws. Outside checks drive the app by these keys: they never change.
# The settings schema declares its own widgets' keys (rnnviz.session.schema), the Entries
# above theirs.
WIDGETS = {
    "auto_controls": ("auto_run",),
    "banner": (
        "lesson_close",
        "lesson_watch_banner",
    ),
    "calculator_controls": (
        "calc_h0_init",
        "calc_h0_seed",
        "calc_np_seed",
    ),
    "compare_controls": (
        "cmp_side_chart",
        "cmp_side_conn",
        "cmp_side_seq",
        "race_bi",
        "race_budget",
        "race_chart",
        "race_deep",
        "race_seconds",
        "race_start",
        "race_steps",
        "race_stop",
    ),
    "data": (
        "data_source",
        "data_upload",
        "sample_choice",
        "use_sample",
    ),
    "data_controls": (
        "every_nth",
        "last_rows",
        "row_choice",
        "window_anim",
    ),
    "guards": ("run_train_new",),
    "names_model": ("embed",),  # and model_controls' model_upload, use_loaded
    "names_compare": ("names_race_seconds", "names_race_start", "names_race_stop"),
    "names_predict": ("name_input", "names_conf", "names_strip"),
    "names_inside": (
        "names_dir",
        "names_gates",
        "names_hidden",
        "names_influence",
        "names_inside_strip",
        "names_layer",
        "names_pick",
        "names_snap",
        "names_typed",
    ),
    "names_data": ("class_balance", "class_files", "read_labels"),
    "home": ("quick_start",),
    "inside": ("dl_steps",),
    "inside_controls": (
        "color_scale",
        "conn_chart",
        "conn_step",
        "dl_grads",
        "dl_training",
        "inside_dir",
        "inside_layer",
        "inside_seq",
        "inside_snapshot",
        "inside_text",
        "inside_time",
        "inside_train_mode",
        "inside_values",
    ),
    "inside_insight": (
        "dl_insight",
        "gate_hist",
        "gate_share",
    ),
    "lab_controls": (
        "lab_activation",
        "lab_mem_T",
        "lab_mem_cells",
        "lab_mem_chart",
        "lab_mem_steps",
        "lab_mem_task",
        "lab_reset",
    ),
    "lab_gradients": (
        "lab_explode_clip",
        "lab_explode_loss",
        "lab_explode_norms",
        "lab_explode_scale",
        "lab_explode_steps",
        "lab_grad_T",
        "lab_grad_steps",
        "lab_grad_task",
    ),
    "model_controls": (
        "batch_first",
        "h0_init",
        "h0_seed",
        "mode",
        "model_upload",
        "use_loaded",
    ),
    "persist": ("forget_work",),
    "predict_controls": (
        "char_activation",
        "download_predictions",
        "forecast_steps",
        "gen_length",
        "gen_unit",
        "generate",
        "prediction_chart",
        "prompt",
        "season",
        "temperature",
        "train_longer",
    ),
    "train_controls": (
        "device",
        "download_config",
        "download_history",
        "download_model",
        "download_notebook",
        "download_script",
        "loss_chart",
        "reset",
        "resume",
        "stop",
        "train",
    ),
    "units_controls": (
        "units_chosen",
        "units_matches",
        "units_probes",
        "units_span",
        "units_stream",
        "units_table",
        "units_text",
        "units_threshold",
        "units_unit",
    ),
}
WIDGET_KEYS = frozenset(key for keys in WIDGETS.values() for key in keys)
# Keys made per item (a lesson, a time step, a chart per gradient): the prefix and its code.
WIDGET_KEY_PREFIXES = (
    "calc_t_",
    "calc_units_",
    "honest_fix_",
    "lab_grad_chart_",
    "lesson_",
    "lesson_watch_",
    "typed_sample_",
)
