"""One-click lessons: a data set, a model and training settings chosen to show one idea.

A lesson is plain data (no streamlit): the UI loads its sample, applies its overrides on
top of the sample's default preparation, sets its model and training configs and opens
its start page. Each says in two sentences what to watch, so a teacher can read it out;
its title and those sentences are in the catalog (rnnviz/i18n/data.py, "lesson.<key>.*").
Every value a lesson sets is checked against the settings schema (rnnviz/settings.py) when
this module loads, and what it leaves out is the schema's default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from rnnviz import settings
from rnnviz.i18n import t
from rnnviz.models import ModelConfig
from rnnviz.prep import SeriesConfig
from rnnviz.samples import SAMPLES
from rnnviz.text import TextConfig
from rnnviz.train import TrainConfig

LAB_PRESETS = ("keras", "adding", "recall", "future")  # "keras" or a rnnviz.tasks.TASKS key


def _frozen(d: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class Lesson:
    key: str
    start_page: str  # the page script it opens, e.g. "pages/train.py"
    sample: str | None = None  # bundled sample to load; None leaves the data as they are
    task: str | None = None  # Lab preset (LAB_PRESETS) for Lab lessons
    prep: Mapping = field(default_factory=_frozen)  # overrides of the sample's default prep
    model: ModelConfig | None = None  # None leaves the user's model
    train: TrainConfig | None = None  # None leaves the user's training settings
    race: Mapping = field(default_factory=_frozen)  # Compare-page choices (variants, budget)

    # Title and text are read in the user's language, so they are looked up at each use.
    @property
    def title(self) -> str:
        return t(f"lesson.{self.key}.title")

    @property
    def what_to_watch(self) -> str:
        """Two sentences: what the lesson sets up, and what to watch."""
        return t(f"lesson.{self.key}.watch")


def prep_config(lesson: Lesson, base: SeriesConfig | TextConfig) -> SeriesConfig | TextConfig:
    """The sample's default preparation with the lesson's overrides."""
    return replace(base, **lesson.prep)


def _prep(owner: type, **values) -> Mapping:
    """Preparation overrides, each checked against its setting (a typo fails at import)."""
    for name in values:
        settings.get(owner, name)  # KeyError: not a setting of this preparation
    settings.check_values(owner, values)
    return _frozen(values)


def _model(**values) -> ModelConfig:
    return settings.make(ModelConfig, **values)


def _train(**values) -> TrainConfig:
    return settings.make(TrainConfig, **values)


_BITCOIN = SAMPLES["bitcoin"]  # its columns are the file's headers, kept with the sample

LESSONS: dict[str, Lesson] = {
    lesson.key: lesson
    for lesson in (
        Lesson("tiny_rnn", "pages/train.py", sample="temperature",
               prep=_prep(SeriesConfig, window=5),
               model=_model(cell="rnn_tanh", hidden_size=10),
               train=_train(epochs=10, lr=0.005, batch_size=64)),
        Lesson("char_gru", "pages/train.py", sample="shakespeare",
               prep=_prep(TextConfig, seq_len=64, max_chars=200_000),
               model=_model(cell="gru", hidden_size=128),
               train=_train(epochs=5, lr=0.003, batch_size=64)),
        Lesson("bitcoin", "pages/train.py", sample="bitcoin",
               prep=_prep(SeriesConfig, target=_BITCOIN.target, features=_BITCOIN.inputs,
                          window=10, horizon=2, many_to_many=True),
               model=_model(cell="rnn_tanh", hidden_size=32, num_layers=2),
               train=_train(epochs=10, lr=0.003, batch_size=64)),
        Lesson("keras", "pages/lab.py", task="keras"),
        Lesson("adding", "pages/lab.py", task="adding"),
        Lesson("bidirectional", "pages/compare.py", sample="temperature",
               prep=_prep(SeriesConfig, window=30, horizon=1, many_to_many=True),
               model=_model(cell="lstm", hidden_size=16),
               train=_train(epochs=20, lr=0.005, batch_size=64),
               race=_frozen({"bidirectional": True, "deep": False, "budget": "steps",
                             "steps": 300})),
    )
}
