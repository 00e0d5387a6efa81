"""One-click lessons: a data set, a model and training settings chosen to show one idea.

A lesson is plain data (no streamlit): the UI loads its sample, applies its overrides on
top of the sample's default preparation, sets its model and training configs and opens
its start page. Each says in two sentences what to watch, so a teacher can read it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from rnnviz.models import ModelConfig
from rnnviz.prep import SeriesConfig
from rnnviz.text import TextConfig
from rnnviz.train import TrainConfig

LAB_PRESETS = ("keras", "adding", "recall", "future")  # "keras" or a rnnviz.tasks.TASKS key


def _frozen(d: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class Lesson:
    key: str
    title: str
    what_to_watch: str  # two sentences
    start_page: str  # the page script it opens, e.g. "pages/train.py"
    sample: str | None = None  # bundled sample to load; None leaves the data as they are
    task: str | None = None  # Lab preset (LAB_PRESETS) for Lab lessons
    prep: Mapping = field(default_factory=_frozen)  # overrides of the sample's default prep
    model: ModelConfig | None = None  # None leaves the user's model
    train: TrainConfig | None = None  # None leaves the user's training settings
    race: Mapping = field(default_factory=_frozen)  # Compare-page choices (variants, budget)


def prep_config(lesson: Lesson, base: SeriesConfig | TextConfig) -> SeriesConfig | TextConfig:
    """The sample's default preparation with the lesson's overrides."""
    return replace(base, **lesson.prep)


LESSONS: dict[str, Lesson] = {
    lesson.key: lesson
    for lesson in (
        Lesson(
            "tiny_rnn", "Ten units, five days",
            "A plain RNN with 10 units reads the last 5 days of Melbourne's minimum temperature "
            "and predicts the next day. Watch the loss drop within seconds, then open Inside: "
            "each of the 10 rows is one unit you can follow step by step.",
            "pages/train.py", sample="temperature", prep=_frozen({"window": 5}),
            model=ModelConfig(cell="rnn_tanh", hidden_size=10),
            train=TrainConfig(epochs=10, lr=0.005, batch_size=64)),
        Lesson(
            "char_gru", "Shakespeare, one character at a time",
            "A GRU with 128 units reads 64 characters of Shakespeare and predicts the next one "
            "at every step. The loss starts near ln 62 ≈ 4.1 (a uniform guess over the 62 "
            "characters) and falls to about 2 within five epochs as it learns spelling: generate text on Predict "
            "after each run to see gibberish turn into word shapes and speaker names.",
            "pages/train.py", sample="shakespeare",
            prep=_frozen({"seq_len": 64, "max_chars": 200_000}),
            model=ModelConfig(cell="gru", hidden_size=128),
            train=TrainConfig(epochs=5, lr=0.003, batch_size=64)),
        Lesson(
            "bitcoin", "Three inputs, two days ahead",
            "A 2-layer RNN reads 10 days of Bitcoin's open, close and volume (an input of size "
            "3) and, at every step, predicts the close 2 days later. Watch the validation loss "
            "stay far above the training loss: later prices lie beyond anything seen in "
            "training, so compare the model with the last-value baseline on Predict.",
            "pages/train.py", sample="bitcoin",
            prep=_frozen({"target": "Close", "features": ("Open", "Close", "Vol."),
                          "window": 10, "horizon": 2, "many_to_many": True}),
            model=ModelConfig(cell="rnn_tanh", hidden_size=32, num_layers=2),
            train=TrainConfig(epochs=10, lr=0.003, batch_size=64)),
        Lesson(
            "keras", "Check an RNN by hand",
            "Work out the hidden states of a 3-unit SimpleRNN with 2 inputs by hand: "
            "h₁ = x₁K + b = [7, 3, 12] for the worked example, then h₂ and h₃. Watch how h₁ "
            "reaches h₂ only through the recurrent kernel: that product is all the memory a "
            "plain RNN has.",
            "pages/lab.py", task="keras"),
        Lesson(
            "adding", "The adding problem: RNN against LSTM",
            "Two numbers in a long sequence are marked, and the network must output their sum "
            "at the end. Watch the plain RNN stall at the baseline (predicting the mean) as "
            "the sequence grows, while the LSTM's loss falls below it.",
            "pages/lab.py", task="adding"),
        Lesson(
            "bidirectional", "Reading backwards sees the answer",
            "In many-to-many mode every step predicts the value one day later, which a "
            "bidirectional network has already read on its way back. Watch the \"bi\" curves "
            "fall far below the one-way ones: useful for labelling a finished sequence, but "
            "cheating for a forecast, where the future is not there to read.",
            "pages/compare.py", sample="temperature",
            prep=_frozen({"window": 30, "horizon": 1, "many_to_many": True}),
            model=ModelConfig(cell="lstm", hidden_size=16),
            train=TrainConfig(epochs=20, lr=0.005, batch_size=64),
            race=_frozen({"bidirectional": True, "deep": False, "budget": "steps",
                          "steps": 300})),
    )
}
