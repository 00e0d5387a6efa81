"""Inside a name classifier as it reads one name: every layer's hidden states and gates
after each letter, the class probabilities after each letter, and how strongly each
letter drove the final decision.

The states come from rnnviz.analysis.probe's replay of the cell equations with the fused
module's own weights, fed what the stack reads (model.features: embedded or one-hot
letters), so they equal what the fused nn.RNN / LSTM / GRU computes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from rnnviz.analysis.connectivity import _backward_anywhere, _eval
from rnnviz.analysis.letter_probs import LetterProbs, letter_probs
from rnnviz.analysis.probe import DirectionTrace, trace_inputs
from rnnviz.data.labels_split import encode_texts
from rnnviz.data.text import Vocab
from rnnviz.model import cell as cells
from rnnviz.model.classifier import NameClassifier


@dataclass(frozen=True)
class NameTrace:
    letters: tuple[str, ...]  # the characters read (those the vocabulary knows), T of them
    layers: tuple[tuple[DirectionTrace, ...], ...]  # layers[l][d]: h [T, H], gates, c (LSTM)
    output: np.ndarray  # [T, H * D]: the top layer's states, as model.rnn returns them
    probs: LetterProbs  # class probabilities after each letter

    @property
    def top(self) -> tuple[DirectionTrace, ...]:
        """The last layer's directions: what the head reads from."""
        return self.layers[-1]


def name_ids(model: NameClassifier, vocab: Vocab, text: str) -> torch.Tensor:
    """[1, T] int64 ids of the letters of `text` the vocabulary knows, on the model's device."""
    ids, lengths = encode_texts([text], vocab)
    row = ids[:, : int(lengths[0])]
    return torch.as_tensor(row, device=model.head.weight.device)


def _empty_layers(model: NameClassifier) -> tuple[tuple[DirectionTrace, ...], ...]:
    """The trace of a text with no known letter: every array has zero steps."""
    cell, H = cells.cell_of(model.rnn), model.cfg.hidden_size

    def none() -> np.ndarray:
        return np.zeros((0, H), np.float32)

    direction = DirectionTrace(
        h=none(), c=none() if cell == "lstm" else None, gates={g: none() for g in cells.gates(cell)}
    )
    dirs = tuple(direction for _ in range(model.cfg.num_directions))
    return tuple(dirs for _ in range(model.cfg.num_layers))


def trace_name(model: NameClassifier, vocab: Vocab, text: str) -> NameTrace:
    """Every state, gate and class probability of `model` reading `text`, in eval mode."""
    ids = name_ids(model, vocab, text)
    probs = letter_probs(model, vocab, text)
    if ids.shape[1] == 0:
        width = model.cfg.hidden_size * model.cfg.num_directions
        return NameTrace(
            probs.letters, _empty_layers(model), np.zeros((0, width), np.float32), probs
        )
    with _eval(model), torch.no_grad():
        feats = model.features(ids)[0]  # (T, input_size)
    traced = trace_inputs(model, feats)
    layers = tuple(tuple(dirs) for dirs in traced.layers)
    return NameTrace(probs.letters, layers, traced.output, probs)


def _logits(model: NameClassifier, feats: torch.Tensor) -> torch.Tensor:
    """[B, K] logits of whole texts given as features [B, T, input_size] with no padding:
    the state after the last letter (the backward direction's after the first), as
    model.final_state takes it from the packed batch."""
    _, h_n = model.rnn(feats)
    if isinstance(h_n, tuple):  # LSTM: (h_n, c_n)
        h_n = h_n[0]
    top = h_n[-model.cfg.num_directions :]  # (D, B, H)
    return model.head(torch.cat(list(top), dim=-1))


def letter_influence(
    model: NameClassifier, vocab: Vocab, text: str, k: int | None = None
) -> np.ndarray:
    """[T] float64 ‖∂logit_k/∂x_t‖: how strongly each letter's input vector (what the stack
    reads: its embedding or one-hot vector) moves the logit of class k, by default the
    predicted class. A gradient, so it says how sensitive the decision is to a letter,
    not how much of the decision that letter "contributed"."""
    ids = name_ids(model, vocab, text)
    if ids.shape[1] == 0:
        return np.zeros(0, np.float64)
    with _eval(model), torch.enable_grad():
        feats = model.features(ids).detach().requires_grad_(True)  # (1, T, input_size)
        with _backward_anywhere(feats):
            logits = _logits(model, feats)[0]  # (K,)
            chosen = int(logits.detach().argmax()) if k is None else int(k)
            (grad,) = torch.autograd.grad(logits[chosen], feats)
    return grad[0].norm(dim=-1).double().cpu().numpy()
