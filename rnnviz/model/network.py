"""Model configuration and the fused-module network the app trains.

Training always goes through torch's fused nn.RNN / nn.LSTM / nn.GRU; the probe module
replays the cell equations with these same weights when the app needs to look inside.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from rnnviz.i18n import t

CELLS = ("rnn_tanh", "rnn_relu", "lstm", "gru")
MODES = ("many_to_one", "many_to_many", "char_lm")
HEADS = ("linear", "none")  # none: the top layer's hidden state is the output


@dataclass(frozen=True)
class ModelConfig:
    """Everything needed to rebuild a model; field names follow torch's keywords."""

    cell: str = "lstm"
    input_size: int = 1
    hidden_size: int = 32
    num_layers: int = 1
    bidirectional: bool = False
    output_size: int = 1
    dropout: float = 0.0
    mode: str = "many_to_one"
    vocab_size: int = 0  # char_lm only: tokens in, logits over the vocabulary out
    head: str = "linear"  # "linear" (nn.Linear; Keras: Dense) or "none"

    def __post_init__(self) -> None:
        if self.cell not in CELLS:
            raise ValueError(t("config.cell", options=CELLS, got=repr(self.cell)))
        if self.mode not in MODES:
            raise ValueError(t("config.mode", options=MODES, got=repr(self.mode)))
        if self.mode == "char_lm" and self.vocab_size < 1:
            raise ValueError(t("config.vocab"))
        if min(self.input_size, self.hidden_size, self.num_layers, self.output_size) < 1:
            raise ValueError(t("config.sizes"))
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(t("config.dropout"))
        if self.head not in HEADS:
            raise ValueError(t("head.unknown", options=", ".join(HEADS), got=repr(self.head)))

    @property
    def num_directions(self) -> int:
        return 2 if self.bidirectional else 1

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> ModelConfig:
        fields = cls.__dataclass_fields__
        return cls(**{k: v for k, v in d.items() if k in fields})


def fused_rnn(cfg) -> nn.RNNBase:
    """torch's fused module for a config's cell, sizes and direction (batch first): the
    one module every rnnviz network trains with (a ModelConfig or a ClassifierConfig)."""
    kwargs = {
        "input_size": cfg.input_size,
        "hidden_size": cfg.hidden_size,
        "num_layers": cfg.num_layers,
        "bidirectional": cfg.bidirectional,
        # torch warns (and ignores it) when dropout is set on a single layer
        "dropout": cfg.dropout if cfg.num_layers > 1 else 0.0,
        "batch_first": True,
    }
    if cfg.cell == "lstm":
        return nn.LSTM(**kwargs)
    if cfg.cell == "gru":
        return nn.GRU(**kwargs)
    return nn.RNN(nonlinearity=cfg.cell.removeprefix("rnn_"), **kwargs)


class RecurrentModel(nn.Module):
    """embed (char_lm only) -> fused recurrent stack -> linear head (or none)."""

    # Set on a model read from a file (rnnviz.files.model_file.load_model): how its data were
    # prepared, and those data rebuilt (SeriesData or TextData) when the file holds them.
    preparation: dict
    saved_data: Any

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        if problem := head_problem(cfg):
            raise ValueError(problem)
        self.cfg = cfg
        self.embed = nn.Embedding(cfg.vocab_size, cfg.input_size) if cfg.mode == "char_lm" else None
        self.rnn = fused_rnn(cfg)
        out = cfg.vocab_size if cfg.mode == "char_lm" else cfg.output_size
        # No head: no module at all, so the parameters are the recurrent stack's alone.
        self.head = (
            nn.Linear(cfg.hidden_size * cfg.num_directions, out) if cfg.head == "linear" else None
        )

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """What the recurrent stack reads: token ids are embedded, values pass through."""
        return self.embed(x) if self.embed is not None else x

    def forward(self, x: torch.Tensor, state=None):
        """x: [B, T, input_size] (or [B, T] token ids). Returns the head's output."""
        out, _ = self.rnn(self.features(x), state)  # (B, T, H*D)
        return self.readout(out)

    def readout(self, out: torch.Tensor) -> torch.Tensor:
        """Head over the top layer's outputs: last state (many-to-one) or every step.
        Without a head those states are the output (H*D == output_size)."""
        if self.cfg.mode != "many_to_one":
            return self._head(out)  # (B, T, output_size or vocab)
        return self._head(final_state(out, self.cfg.hidden_size, self.cfg.bidirectional))

    def _head(self, h: torch.Tensor) -> torch.Tensor:
        return h if self.head is None else self.head(h)


def head_problem(cfg: ModelConfig) -> str | None:
    """Why this config cannot be built without a head, or None. Not a __post_init__ check:
    the user's architecture meets the data's output size only in model_config_for, and a
    link or a widget must be able to hold "none" with any hidden size until then."""
    if cfg.head == "linear":
        return None
    if cfg.mode == "char_lm":
        return t("head.char_lm")
    width = cfg.hidden_size * cfg.num_directions
    if width != cfg.output_size:
        return t(
            "head.size",
            hidden=cfg.hidden_size,
            d=cfg.num_directions,
            width=width,
            outputs=cfg.output_size,
        )
    return None


def final_state(out: torch.Tensor, hidden_size: int, bidirectional: bool) -> torch.Tensor:
    """The state that has read the whole sequence in each direction.

    For a bidirectional stack the backward direction finishes at t=0, so out[:, -1]
    would hand the head a backward state that has seen a single step.
    """
    if not bidirectional:
        return out[:, -1]
    return torch.cat([out[:, -1, :hidden_size], out[:, 0, hidden_size:]], dim=-1)  # (B, 2H)


def build_model(cfg: ModelConfig, seed: int | None = None) -> RecurrentModel:
    if seed is not None:
        torch.manual_seed(seed)
    return RecurrentModel(cfg)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def nonfinite_parameters(model: nn.Module) -> list[str]:
    """Names of the parameters holding any NaN or inf (a damaged file, a diverged run):
    such a model's states and outputs are not numbers, and every view of it must say so."""
    return [name for name, p in model.named_parameters() if not _finite(p.detach())]


def _finite(p: torch.Tensor) -> bool:
    # Pages check on every rerun: on a busy 2-core CPU numpy took 19 ms for 21M weights,
    # torch.isfinite 780 ms (its threads fight the server's).
    if p.device.type == "cpu" and p.dtype in (torch.float32, torch.float64):
        return bool(np.isfinite(p.numpy()).all())
    return bool(torch.isfinite(p).all())
