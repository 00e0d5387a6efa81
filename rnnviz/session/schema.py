"""Every user setting, declared once: its config field, allowed values, link key and label.
The widgets, the link reader and writer (rnnviz/session/links.py), the lessons, the default configs
(rnnviz/session/workspace.py), the checks of a saved run's file (rnnviz/files/run_data.py) and the
tests
read these declarations, so a range or a choice cannot drift between them (TensorFlow
Playground's `State`, with validation on the way in). A setting's default is its config
field's default (`Setting.default` reads it): the configs are the one place it is written.

A value is valid when `check` accepts it; a link's text becomes a value through `parse`
and back through `text`. Every widget shows any valid value as it is (a slider of marks
gets the current value added), so nothing snaps a shared value to a neighbour.
"""

from __future__ import annotations

import math
import re
from dataclasses import MISSING, dataclass, replace
from typing import TYPE_CHECKING

from rnnviz.data.labels import LabelConfig
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.text import TextConfig
from rnnviz.data.transforms import TRANSFORMS
from rnnviz.i18n import t
from rnnviz.model.network import CELLS, HEADS, ModelConfig
from rnnviz.server.limits import MAX_HIDDEN, MAX_LAYERS, MAX_SEQ_LEN
from rnnviz.train.job import TrainConfig

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SAMPLE_KEY = "s"  # a link's bundled sample (rnnviz/session/links.py)
LANGUAGE_KEY = "lang"  # a link's language (rnnviz/ui/lang.py reads it)
# int() of a long digit string costs quadratic time and, past 4,300 digits, raises with
# Python's "sys.set_int_max_str_digits" advice: no setting needs more digits than this.
MAX_INT_DIGITS = 18
WHOLE = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: int() also takes "٣", "1_0", " 5 "
KINDS = ("int", "float", "bool", "choice", "column", "columns")


@dataclass(frozen=True)
class Setting:
    name: str  # the config field, named as torch names it where torch has the keyword
    owner: type[DataclassInstance]  # the config that holds it
    kind: str  # one of KINDS
    key: str | None  # the link's query key (None: links do not carry it)
    label: str  # catalog key of the widget's label
    help: str | None = None  # catalog key of the widget's help
    lo: float | None = None  # int and float: the smallest valid value
    hi: float | None = None  # ... and the largest
    step: float | None = None  # the widget's increment
    grid: bool = False  # only lo + k * step is valid (a slider cannot show other values)
    marks: tuple = ()  # the values a select slider offers (the current one is added)
    log: bool = False  # the values spread over decades (the marks are log-spaced)
    slider: bool = False  # drawn as a slider rather than a number box
    choices: tuple = ()  # choice: the stable codes
    choice_label: str = ""  # choice: catalog key prefix of each code's label
    optional: bool = False  # None is valid too (date_column: row numbers; max_chars: all)
    empty: bool = False  # columns: no column at all is valid too (and a link leaves it out)
    none_as: object = None  # what a link and a widget write for None (max_chars: 0)
    widget_key: str = ""  # the widget's key when it differs from name (tests use the keys)

    @property
    def widget(self) -> str:
        return self.widget_key or self.name

    @property
    def default(self):
        """A fresh session's value: the config field's own default, declared only there (the
        configs cannot read this module: it imports them). None where the data decide: a
        column that must be named, or a field with no default."""
        default = self.owner.__dataclass_fields__[self.name].default
        if default is MISSING or self.kind in ("column", "columns") and not self.empty:
            return None
        return default


_S, _X, _M, _T, _L = SeriesConfig, TextConfig, ModelConfig, TrainConfig, LabelConfig
# 1e-12 and 1e-9: a tutorial's "learning rate so small nothing learns" is a lesson too.
LEARNING_RATES = (
    1e-12,
    1e-9,
    1e-6,
    0.0001,
    0.0003,
    0.001,
    0.003,
    0.005,
    0.01,
    0.03,
    0.1,
    0.3,
    1.0,
    3.0,
    10.0,
)

# The order is the order of a link's keys.
SETTINGS: tuple[Setting, ...] = (
    Setting("target", _S, "column", "t", "data.target", widget_key="target_col"),
    Setting(
        "features",
        _S,
        "columns",
        "f",
        "data.features",
        help="data.features_help",
        widget_key="feature_cols",
    ),
    Setting(
        "date_column", _S, "column", None, "data.date_col", optional=True, widget_key="date_col"
    ),
    Setting("window", _S, "int", "w", "data.window", lo=1, hi=MAX_SEQ_LEN, step=1),
    Setting("horizon", _S, "int", "hz", "data.horizon", lo=1, hi=365, step=1),
    Setting("many_to_many", _S, "bool", "m2m", "data.m2m", help="data.m2m_help"),
    Setting(
        "scaling",
        _S,
        "choice",
        "sc",
        "data.scaling",
        help="data.scaling_help",
        choices=("minmax", "standard", "robust", "none"),
        choice_label="data.scaling.",
    ),
    Setting(
        "target_transform",
        _S,
        "choice",
        "tr",
        "transform.label",
        help="transform.help",
        choices=TRANSFORMS,
        choice_label="transform.choice.",
    ),
    Setting(
        "season",
        _S,
        "int",
        "ss",
        "transform.season",
        help="transform.season_help",
        lo=1,
        hi=10_000,
        step=1,
        optional=True,
        none_as=0,
        widget_key="data_season",
    ),
    # A share of 0 holds nothing back: a tutorial trains on every row and has no test part.
    Setting(
        "val_frac",
        _S,
        "float",
        "vf",
        "data.val_share",
        lo=0.0,
        hi=0.4,
        step=0.01,
        grid=True,
        slider=True,
    ),
    Setting(
        "test_frac",
        _S,
        "float",
        "tf",
        "data.test_share",
        lo=0.0,
        hi=0.4,
        step=0.01,
        grid=True,
        slider=True,
    ),
    Setting(
        "missing",
        _S,
        "choice",
        "na",
        "data.missing",
        choices=("interpolate", "drop"),
        choice_label="data.missing.",
        widget_key="missing_fix",
    ),
    Setting("extra_targets", _S, "columns", "tt", "targets.label", help="targets.help", empty=True),
    # Links carry samples only, and no sample is stacked: no link key.
    Setting("series_column", _S, "column", None, "stacked.column", optional=True),
    Setting(
        "series_value",
        _S,
        "column",
        None,
        "stacked.which",
        optional=True,
        widget_key="series_value",
    ),
    Setting("seq_len", _X, "int", "sl", "data.seq_len", lo=8, hi=256, step=1, slider=True),
    # A tutorial's text preparation: off by default, so a sample or a file keeps its text.
    Setting("lowercase", _X, "bool", "lc", "data.lowercase", help="data.lowercase_help"),
    Setting(
        "drop_newlines", _X, "bool", "nl", "data.drop_newlines", help="data.drop_newlines_help"
    ),
    Setting(
        "max_chars",
        _X,
        "int",
        "mc",
        "settings.max_chars",
        lo=0,
        hi=10**9,
        step=1000,
        optional=True,
        none_as=0,
    ),
    Setting("cell", _M, "choice", "cell", "model.cell", choices=CELLS, choice_label="cell."),
    Setting(
        "hidden_size",
        _M,
        "int",
        "h",
        "model.hidden_size",
        lo=1,
        hi=MAX_HIDDEN,
        step=1,
        marks=(1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 96, 128, 192, 256),
    ),
    Setting("num_layers", _M, "int", "l", "model.layers", lo=1, hi=MAX_LAYERS, step=1),
    Setting(
        "bidirectional", _M, "bool", "bi", "model.bidirectional", help="model.bidirectional_help"
    ),
    Setting(
        "dropout",
        _M,
        "float",
        "do",
        "model.dropout",
        lo=0.0,
        hi=0.5,
        step=0.01,
        grid=True,
        slider=True,
    ),
    Setting(
        "head",
        _M,
        "choice",
        "head",
        "head.label",
        help="head.help",
        choices=HEADS,
        choice_label="head.choice.",
    ),
    Setting(
        "optimizer",
        _T,
        "choice",
        "opt",
        "train.optimizer",
        choices=("adam", "sgd"),
        choice_label="train.optimizer.",
    ),
    Setting("lr", _T, "float", "lr", "train.lr", lo=1e-12, hi=10.0, log=True, marks=LEARNING_RATES),
    Setting(
        "batch_size",
        _T,
        "int",
        "bs",
        "train.batch_size",
        lo=1,
        hi=1024,
        step=1,
        marks=(8, 16, 32, 64, 128, 256),
    ),
    Setting("epochs", _T, "int", "ep", "train.epochs", lo=1, hi=5000, step=1),
    Setting(
        "clip_grad_norm",
        _T,
        "float",
        "clip",
        "train.clip",
        lo=0.0,
        hi=100.0,
        step=0.5,
        widget_key="clip",
    ),
    Setting("seed", _T, "int", "seed", "train.seed", lo=0, hi=2**31 - 1, step=1),
    Setting("restore_best", _T, "bool", "best", "best.label", help="best.help"),
    Setting(
        "patience",
        _T,
        "int",
        "pat",
        "best.patience",
        help="best.patience_help",
        lo=0,
        hi=1000,
        step=1,
    ),
    Setting(
        "val_every",
        _T,
        "int",
        "ve",
        "best.val_every",
        help="best.val_every_help",
        lo=0,
        hi=100_000,
        step=1,
    ),
    # Labelled texts: which column is read, which one names the class. No link key: a
    # link carries a sample's settings, and the names sample names its own columns.
    Setting("text_column", _L, "column", None, "labels.text_col", widget_key="text_col"),
    Setting("label_column", _L, "column", None, "labels.label_col", widget_key="label_col"),
    Setting(
        "max_len",
        _L,
        "int",
        None,
        "labels.max_len",
        help="labels.max_len_help",
        lo=4,
        hi=MAX_SEQ_LEN,
        step=1,
    ),
    Setting(
        "weight_classes",
        _L,
        "bool",
        None,
        "labels.weight",
        help="labels.weight_help",
        widget_key="weight_classes",
    ),
)


@dataclass(frozen=True)
class View:
    """How the app shows itself, not what it trains: carried by the link like the language,
    but apart from SETTINGS, whose link restores a sample and its configs."""

    present: bool = False  # presentation mode: large figure text, one chart per row


# A teacher's link with present=1 opens every student's app in the same projector view.
PRESENT = Setting("present", View, "bool", "present", "present.label", help="present.help")
# Fields a saved run's file holds that no widget or link sets: the range a file is read
# with (rnnviz/files/run_data.py). A text's shares are fixed (TextConfig's defaults) but a file may
# hold others, each at most half the text so the training part is never negative; its
# splits must still hold a window each, checked when the file is read.
FILE_ONLY: tuple[Setting, ...] = (
    Setting("last_rows", _S, "int", None, "", lo=1, hi=2**62, step=1, optional=True),
    Setting("every_nth", _S, "int", None, "", lo=1, hi=2**62, step=1),
    Setting("val_frac", _X, "float", None, "", lo=0.0, hi=0.5, step=0.01),
    Setting("test_frac", _X, "float", None, "", lo=0.0, hi=0.5, step=0.01),
)
BY_NAME = {(s.owner, s.name): s for s in SETTINGS}
BY_KEY = {s.key: s for s in SETTINGS if s.key}


def of(owner: type) -> tuple[Setting, ...]:
    """The settings a config holds, in link order."""
    return tuple(s for s in SETTINGS if s.owner is owner)


def of_data() -> tuple[Setting, ...]:
    """The settings of a data set's preparation (series, text and labelled texts)."""
    return tuple(s for s in SETTINGS if s.owner in (SeriesConfig, TextConfig, LabelConfig))


def get(owner: type, name: str) -> Setting:
    return BY_NAME[(owner, name)]


_FILE_ONLY = {(s.owner, s.name): s for s in FILE_ONLY}


def in_file(owner: type, name: str) -> Setting:
    """What a saved run's file may hold for this field: the setting's own range (files are
    written from checked settings), or the file-only declaration of a field no widget sets."""
    return _FILE_ONLY.get((owner, name)) or BY_NAME[(owner, name)]


# ---------------------------------------------------------------- checking a value


def _bounds(s: Setting) -> str:
    return t("link.outside", lo=format(s.lo, "g"), hi=format(s.hi, "g"))


def _on_grid(s: Setting, value: float) -> bool:
    # Only grid settings get here, after the bounds check: each declares lo and step.
    assert s.lo is not None and s.step is not None
    steps = (value - s.lo) / s.step
    return abs(steps - round(steps)) < 1e-6


def check(s: Setting, value):
    """The value if it is valid for s; ValueError saying what is allowed otherwise."""
    if value is None and s.optional:
        return None
    if s.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(t("link.not_bool"))
    elif s.kind == "choice":
        if value not in s.choices:
            raise ValueError(t("link.not_one_of", options=", ".join(map(str, s.choices))))
    elif s.kind == "column":
        if not isinstance(value, str) or not value.strip():
            raise ValueError(t("link.empty_column"))
    elif s.kind == "columns":
        if (
            not isinstance(value, tuple)
            or not (value or s.empty)
            or not all(isinstance(c, str) and c.strip() for c in value)
        ):
            raise ValueError(t("link.no_columns"))
    else:
        _check_number(s, value)
    return value


def _check_number(s: Setting, value) -> None:
    whole = isinstance(value, int) and not isinstance(value, bool)
    if s.kind == "int" and not whole:
        raise ValueError(t("link.not_int"))
    if s.kind == "float" and not (whole or isinstance(value, float)):
        raise ValueError(t("link.not_number"))
    if not s.lo <= value <= s.hi:  # also refuses nan
        raise ValueError(_bounds(s))
    if s.grid and not _on_grid(s, value):
        raise ValueError(t("settings.off_grid", step=format(s.step, "g"), lo=format(s.lo, "g")))


# ---------------------------------------------------------------- a link's text


def parse(s: Setting, text: str):
    """A link's text as a valid value; ValueError saying what is allowed otherwise."""
    if s.kind == "bool":
        if text not in ("0", "1"):
            raise ValueError(t("link.not_bool"))
        return text == "1"
    if s.kind == "choice":
        return check(s, next((c for c in s.choices if text == str(c)), text))
    if s.kind == "column":
        return check(s, text)
    if s.kind == "columns":  # repeats dropped, first order kept: "T,T,T" is one input
        if s.empty and text == "":
            return ()  # ",,," names no column: refused below, not read as "none"
        picked = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
        if not picked:
            raise ValueError(t("link.no_columns"))
        return check(s, picked)
    value = _parse_int(s, text) if s.kind == "int" else _parse_float(text)
    if s.none_as is not None and value == s.none_as:
        return None
    return check(s, value)


def _parse_int(s: Setting, text: str) -> int:
    if not WHOLE.fullmatch(text):
        raise ValueError(t("link.not_int"))
    if len(text.lstrip("+-")) > MAX_INT_DIGITS:  # checked before int() reads it
        raise ValueError(t("link.huge_int", lo=s.lo, hi=s.hi))
    return int(text)


def _parse_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(t("link.not_number")) from None
    if not math.isfinite(value):
        raise ValueError(t("link.not_number"))
    return value


def text(s: Setting, value) -> str:
    """The value as a link writes it (parse reads it back to the same value)."""
    if value is None:
        return str(s.none_as) if s.none_as is not None else ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)  # str(float) is the shortest text that reads back exactly


# ---------------------------------------------------------------- configs


def check_values(owner: type, values) -> None:
    """Check each of `values` ({field: value}) that is a setting of `owner`; fields that are
    not user settings (device, max_steps...) pass unchecked. The error names the field."""
    for name, value in values.items():
        if (owner, name) in BY_NAME:
            try:
                check(BY_NAME[(owner, name)], value)
            except ValueError as err:
                raise ValueError(f"{name}={value!r}: {err}") from None


def make(owner: type, base=None, **values):
    """A config of `owner`: `base` (else the config's defaults, which are the schema's) with
    `values`, checked."""
    check_values(owner, values)
    return replace(base, **values) if base is not None else owner(**values)


def value(cfg, s: Setting):
    """The setting's value in cfg (features: the inputs, so the target alone is named)."""
    if s.name == "features":
        return tuple(cfg.inputs)
    return getattr(cfg, s.name)
