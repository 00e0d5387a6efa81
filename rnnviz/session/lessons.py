"""One-click lessons: a data set, a model and training settings chosen to show one idea.

A lesson is plain data (no streamlit): the UI loads its sample, applies its overrides on
top of the sample's default preparation, sets its model and training configs and opens
its start page. Each says in two sentences what to watch, so a teacher can read it out;
its title and those sentences are in the catalog (rnnviz/i18n/data.py, "lesson.<key>.*").
Every value a lesson sets is checked against the settings schema (rnnviz/session/schema.py) when
this module loads, and what it leaves out is the schema's default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from rnnviz.data.prep import SeriesConfig
from rnnviz.data.samples import SAMPLES
from rnnviz.data.text import TextConfig
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig
from rnnviz.session import schema
from rnnviz.train.job import TrainConfig

LAB_PRESETS = (
    "keras",
    "adding",
    "recall",
    "future",
)  # "keras" or a rnnviz.experiments.tasks.TASKS key


def _frozen(d: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class Lesson:
    key: str
    start_page: str  # the page script it opens, e.g. "views/train.py"
    sample: str | None = None  # bundled sample to load; None leaves the data as they are
    typed: str | None = None  # or typed rows to load (a rnnviz.data.typed.TYPED_SAMPLES key)
    task: str | None = None  # Lab preset (LAB_PRESETS) for Lab lessons
    prep: Mapping = field(default_factory=_frozen)  # overrides of the sample's default prep
    model: ModelConfig | None = None  # None leaves the user's model
    train: TrainConfig | None = None  # None leaves the user's training settings
    race: Mapping = field(default_factory=_frozen)  # Compare-page choices (variants, budget)
    pages: tuple[str, ...] = ()  # the pages its banner shows on (the start page always)
    shapes: Mapping = field(default_factory=_frozen)  # the Model page's shapes explorer
    # The tutorial ("000".."004") whose worked example it sets up, named on its Home card
    # and its banner; None: a lesson of rnnviz's own.
    tutorial: str | None = None

    def __post_init__(self) -> None:
        if self.start_page not in self.pages:
            object.__setattr__(self, "pages", (self.start_page, *self.pages))

    # Title and text are read in the user's language, so they are looked up at each use.
    @property
    def title(self) -> str:
        return t(f"lesson.{self.key}.title")

    @property
    def what_to_watch(self) -> str:
        """Two sentences: what the lesson sets up, and what to watch."""
        return t(f"lesson.{self.key}.watch")

    @property
    def expect(self) -> str:
        """The number the learner should see, and where."""
        return t(f"lesson.{self.key}.expect")


def prep_config(lesson: Lesson, base: SeriesConfig | TextConfig) -> SeriesConfig | TextConfig:
    """The sample's default preparation with the lesson's overrides."""
    return replace(base, **lesson.prep)


def _prep(owner: type, **values) -> Mapping:
    """Preparation overrides, each checked against its setting (a typo fails at import)."""
    for name in values:
        schema.get(owner, name)  # KeyError: not a setting of this preparation
    schema.check_values(owner, values)
    return _frozen(values)


def _model(**values) -> ModelConfig:
    return schema.make(ModelConfig, **values)


def _train(**values) -> TrainConfig:
    return schema.make(TrainConfig, **values)


_BITCOIN = SAMPLES["bitcoin"]  # its columns are the file's headers, kept with the sample

_DATA, _MODEL, _TRAIN, _INSIDE, _PREDICT = (
    f"views/{p}.py" for p in ("data", "model", "train", "inside", "predict")
)
# The tutorials' own settings: no gradient clipping (none of them clips), their seeds left
# to the schema's default so a class gets the same numbers.
_TUTORIAL = {"clip_grad_norm": 0.0}

LESSONS: dict[str, Lesson] = {
    lesson.key: lesson
    for lesson in (
        # Worked example 1: three typed rows of five temperatures, nn.RNN(1, 10) + Linear,
        # Adam lr 0.01, 100 epochs; unscaled first, as the tutorial does.
        Lesson(
            "five_days",
            _TRAIN,
            typed="temperatures",
            prep=_prep(SeriesConfig, scaling="none"),
            model=_model(cell="rnn_tanh", hidden_size=10),
            train=_train(epochs=100, lr=0.01, batch_size=3, **_TUTORIAL),
            pages=(_DATA, _MODEL, _INSIDE, _PREDICT),
            tutorial="000",
        ),
        # Worked example 2: nn.RNN(5, 6, 2), input (1, 3, 5) sequence-first, h0 (2, 3, 6);
        # the tutorial's module alone, no Linear after it.
        Lesson(
            "shapes",
            _MODEL,
            tutorial="001",
            model=_model(cell="rnn_tanh", hidden_size=6, num_layers=2, head="none"),
            shapes=_frozen(
                {"batch": 3, "steps": 1, "features": 5, "batch_first": False, "h0": "randn"}
            ),
        ),
        # Worked example 3: the char model (embedding -> GRU -> logits over the vocabulary).
        Lesson(
            "char_gru",
            _TRAIN,
            sample="shakespeare",
            prep=_prep(TextConfig, seq_len=64, max_chars=200_000),
            model=_model(cell="gru", hidden_size=128),
            train=_train(epochs=5, lr=0.003, batch_size=64),
            pages=(_DATA, _MODEL, _INSIDE, _PREDICT),
            tutorial="002",
        ),
        # Tutorial 002's stock case: the close alone, min-max scaled, into a GRU. The
        # tutorial's code is Keras, so Keras' own defaults where it takes them: Adam at
        # lr 0.001, batch 32; a month of closes (the sample's window of 30) into 32 units,
        # 20 epochs (about 8 s on two cores). Its test part lies past the training range,
        # so the last value wins: the banner says by how much.
        Lesson(
            "stock_gru",
            _TRAIN,
            sample="bitcoin",
            prep=_prep(
                SeriesConfig,
                target=_BITCOIN.target,
                features=(_BITCOIN.target,),
                extra_targets=(),
                window=30,
                horizon=1,
                many_to_many=False,
                scaling="minmax",
                target_transform="level",
            ),
            model=_model(cell="gru", hidden_size=32),
            train=_train(epochs=20, lr=0.001, batch_size=32, **_TUTORIAL),
            pages=(_DATA, _MODEL, _PREDICT),
            tutorial="002",
        ),
        # Worked example 4: open, close and volume in, the same three 2 days later at every
        # step, nn.RNN(3, 3, 2) with no head, Adam lr 1e-12, batch 10.
        Lesson(
            "bitcoin",
            _TRAIN,
            sample="bitcoin",
            prep=_prep(
                SeriesConfig,
                target=_BITCOIN.target,
                features=_BITCOIN.inputs,
                extra_targets=tuple(c for c in _BITCOIN.inputs if c != _BITCOIN.target),
                window=10,
                horizon=2,
                many_to_many=True,
            ),
            model=_model(cell="rnn_tanh", hidden_size=3, num_layers=2, head="none"),
            train=_train(epochs=10, lr=1e-12, batch_size=10, **_TUTORIAL),
            pages=(_DATA, _MODEL, _INSIDE, _PREDICT),
            tutorial="003",
        ),
        # Worked example 4 on the tutorial's own data: 93 days of an investing.com export
        # (the close is "Price"), unscaled, nothing held back, 100 epochs.
        Lesson(
            "bitcoin_93",
            _TRAIN,
            tutorial="003",
            sample="bitcoin_93",
            prep=_prep(
                SeriesConfig,
                target=SAMPLES["bitcoin_93"].target,
                features=SAMPLES["bitcoin_93"].inputs,
                extra_targets=tuple(
                    c for c in SAMPLES["bitcoin_93"].inputs if c != SAMPLES["bitcoin_93"].target
                ),
                window=10,
                horizon=2,
                many_to_many=True,
                scaling="none",
                val_frac=0.0,
                test_frac=0.0,
            ),
            model=_model(cell="rnn_tanh", hidden_size=3, num_layers=2, head="none"),
            train=_train(epochs=100, lr=1e-12, batch_size=10, **_TUTORIAL),
            pages=(_DATA, _MODEL, _PREDICT),
        ),
        # Worked example 5: SimpleRNN(4) + Dense(1) on the three typed (3, 2) sequences,
        # Adam lr 0.01, 2,000 epochs.
        Lesson(
            "keras_train",
            _TRAIN,
            tutorial="004",
            typed="keras",
            prep=_prep(SeriesConfig, scaling="none"),
            model=_model(cell="rnn_tanh", hidden_size=4),
            train=_train(epochs=2000, lr=0.01, batch_size=3, **_TUTORIAL),
            pages=(_DATA, _MODEL, _PREDICT, "views/lab.py"),
        ),
        Lesson("keras", "views/lab.py", task="keras", tutorial="004"),  # its hand check
        # Sequences that end in a class (tutorial 001's N-vs-1): surnames read letter by
        # letter into a bidirectional GRU, as PyTorch's "classifying names" tutorial and the
        # courses after it do; 12 epochs, about 30 s on two cores.
        Lesson(
            "names",
            _TRAIN,
            sample="names",
            model=_model(cell="gru", hidden_size=128, bidirectional=True, dropout=0.3),
            train=_train(epochs=12, lr=0.003, batch_size=128, restore_best=False),
            pages=(_DATA, _MODEL, _INSIDE, _PREDICT, "views/compare.py"),
        ),
        Lesson("adding", "views/lab.py", task="adding"),
        Lesson(
            "bidirectional",
            "views/compare.py",
            sample="temperature",
            prep=_prep(SeriesConfig, window=30, horizon=1, many_to_many=True),
            model=_model(cell="lstm", hidden_size=16),
            train=_train(epochs=20, lr=0.005, batch_size=64),
            race=_frozen({"bidirectional": True, "deep": False, "budget": "steps", "steps": 300}),
        ),
    )
}
# The tutorials' worked examples: the lessons that name a tutorial, in the tutorials'
# order (tests run each one).
WORKED_EXAMPLES = tuple(
    sorted(
        (k for k, lesson in LESSONS.items() if lesson.tutorial),
        key=lambda k: (LESSONS[k].tutorial, k),
    )
)
