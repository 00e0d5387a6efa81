"""The sizes a model takes from the data it reads: input width, outputs, vocabulary.

The user chooses the architecture (cell, hidden size, layers, direction, head); the data
dictate the rest. One function joins the two, so a model built for training, a loaded file
checked against its data and the exported script all agree on them.
"""

from __future__ import annotations

from dataclasses import replace

from rnnviz.data.labels import LabelledData
from rnnviz.data.prep import SeriesData
from rnnviz.data.text import TextData
from rnnviz.model.classifier import EMBED_SIZE as CLASS_EMBED_SIZE
from rnnviz.model.network import ModelConfig

EMBED_SIZE = 32  # width of the character embedding a text model reads


def model_config_for(data: SeriesData | TextData | LabelledData, cfg: ModelConfig) -> ModelConfig:
    """The user's architecture with the sizes the data dictate. For labelled texts, the
    recurrent stack of the classifier (rnnviz.model.classifier): its embedded letters in,
    one logit per class out."""
    if isinstance(data, LabelledData):
        return replace(
            cfg,
            mode="many_to_one",
            input_size=CLASS_EMBED_SIZE,
            output_size=len(data.classes),
            vocab_size=0,
            head="linear",
        )
    if isinstance(data, TextData):
        return replace(
            cfg,
            mode="char_lm",
            vocab_size=len(data.vocab),
            input_size=EMBED_SIZE,
            output_size=1,
            head="linear",
        )
    mode = "many_to_many" if data.cfg.many_to_many else "many_to_one"
    return replace(
        cfg, mode=mode, input_size=data.input_size, output_size=data.output_size, vocab_size=0
    )
