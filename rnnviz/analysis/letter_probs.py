"""The class probabilities after every letter of one text: the Inside strip that shows where
"Nakamura" turns Japanese, and the "type a name" strip of Predict.

The probability after letter t is the model's output on the text's first t + 1 letters,
exactly. A unidirectional stack's state after letter t has read those letters and no more,
so one unpacked pass over the text gives every prefix's state at once. A bidirectional
stack's backward direction starts at the last letter, so each prefix is its own text: all
T prefixes go through the model as one padded, packed batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from rnnviz.data.labels_split import encode_texts
from rnnviz.data.text import Vocab
from rnnviz.model.classifier import NameClassifier

TOP = 3  # classes listed after each letter


@dataclass(frozen=True)
class LetterProbs:
    letters: tuple[str, ...]  # the characters read (those the vocabulary knows)
    probs: np.ndarray  # [T, K] float32: class probabilities after each letter; rows sum to 1
    top: np.ndarray  # [T, min(TOP, K)] int64: class indices, most probable first

    @property
    def settles_at(self) -> int | None:
        """The first letter from which the final top class stays on top to the end (the
        "…mura" of "Nakamura"), or None for an empty text."""
        if not len(self.top):
            return None
        best = self.top[:, 0]
        changed = np.flatnonzero(best != best[-1])
        return int(changed[-1]) + 1 if len(changed) else 0


def prefix_probs(model: NameClassifier, ids) -> np.ndarray:
    """[T, K] float32 class probabilities after each of the T ids of one text (no padding)."""
    ids = torch.as_tensor(np.asarray(ids, np.int64)).reshape(1, -1)
    n, k = ids.shape[1], model.cfg.num_classes
    if n == 0:
        return np.zeros((0, k), np.float32)
    was_training = model.training
    model.eval()  # no dropout: the strip shows what the model predicts
    try:
        with torch.inference_mode():
            if model.cfg.bidirectional:
                steps = torch.arange(n)
                batch = ids.expand(n, n) * (steps[None, :] <= steps[:, None])  # row t: prefix
                logits = model(batch, steps + 1)
            else:
                out, _ = model.rnn(model.features(ids))  # [1, T, H]: the state after each letter
                logits = model.head(out[0])
            return torch.softmax(logits.float(), dim=-1).numpy()
    finally:
        model.train(was_training)


def letter_probs(model: NameClassifier, vocab: Vocab, text: str) -> LetterProbs:
    """The probability strip of `text` as `model` (trained on `vocab`) reads it."""
    ids, lengths = encode_texts([text], vocab)
    row = ids[0, : int(lengths[0])]
    probs = prefix_probs(model, row)
    top = np.argsort(-probs, axis=1, kind="stable")[:, :TOP].astype(np.int64)
    letters = tuple(vocab.chars[i - 1] for i in row.tolist())
    return LetterProbs(letters, probs, top)
