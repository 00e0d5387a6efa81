"""The network that reads a text and ends in a class: characters (an embedding, or one-hot as
PyTorch's "classifying names" tutorial feeds them) -> fused nn.RNN / nn.LSTM / nn.GRU over
the packed batch -> nn.Linear over the state after the last real letter -> logits.

The ids are rnnviz.data.labels' padded [N, T] (0 pads, a character is its vocabulary index
plus one) with their lengths. The batch is packed, so a short name in a batch of long ones
never reads padding: its logits equal those of the name alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from rnnviz.i18n import t
from rnnviz.model.network import CELLS, ModelConfig, fused_rnn

EMBEDS = ("embedding", "one_hot")
EMBED_SIZE = 32  # numbers an embedded letter is


@dataclass(frozen=True)
class ClassifierConfig:
    """Everything needed to rebuild a classifier; field names follow torch's keywords."""

    vocab_size: int  # distinct characters (len(Vocab)); the ids run 1..vocab_size, 0 pads
    num_classes: int
    cell: str = "gru"
    hidden_size: int = 128
    num_layers: int = 1
    bidirectional: bool = False
    dropout: float = 0.0  # between stacked layers (torch's) and on the state the Linear reads
    embed: str = "embedding"  # or "one_hot": a character is a unit vector of vocab_size
    embed_size: int = EMBED_SIZE  # embedding only

    def __post_init__(self) -> None:
        if self.cell not in CELLS:
            raise ValueError(t("config.cell", options=CELLS, got=repr(self.cell)))
        if self.embed not in EMBEDS:
            raise ValueError(f"embed: {EMBEDS}, got {self.embed!r}")
        sizes = (self.vocab_size, self.hidden_size, self.num_layers, self.embed_size)
        if min(sizes) < 1 or self.num_classes < 2:
            raise ValueError(t("config.sizes"))
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(t("config.dropout"))

    @property
    def num_directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def input_size(self) -> int:
        """What the recurrent stack reads at each letter."""
        return self.embed_size if self.embed == "embedding" else self.vocab_size

    def stack_config(self) -> ModelConfig:
        """The recurrent stack as a forecaster's config: what the server's gate sizes a
        job by (rnnviz.server.limits) and what the Model page's diagram draws."""
        return ModelConfig(
            cell=self.cell,
            input_size=self.input_size,
            hidden_size=self.hidden_size,
            num_layers=self.num_layers,
            bidirectional=self.bidirectional,
            output_size=self.num_classes,
            dropout=self.dropout,
        )

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> ClassifierConfig:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def as_lengths(ids: torch.Tensor, lengths) -> torch.Tensor:
    """[B] int64 lengths on the CPU (pack_padded_sequence wants them there), at least 1:
    a text with no known character reads one padding step and gets the model's prior."""
    if lengths is None:
        lengths = (ids != 0).sum(1)
    lengths = torch.as_tensor(lengths, dtype=torch.int64).cpu()
    return lengths.clamp(1, ids.shape[1])


class NameClassifier(nn.Module):
    """characters -> fused recurrent stack (packed) -> Linear -> logits [B, num_classes]."""

    def __init__(self, cfg: ClassifierConfig):
        super().__init__()
        self.cfg = cfg
        # padding_idx 0: the pad's vector stays zero and gets no gradient.
        self.embed = (
            nn.Embedding(cfg.vocab_size + 1, cfg.embed_size, padding_idx=0)
            if cfg.embed == "embedding"
            else None
        )
        self.rnn = fused_rnn(cfg)
        # Dropout on the final state regularises a one-layer model too, where torch's own
        # dropout (between layers) does nothing; eval() turns it off, so the strip and
        # Predict read the whole state.
        self.drop = nn.Dropout(cfg.dropout)
        self.head = nn.Linear(cfg.hidden_size * cfg.num_directions, cfg.num_classes)

    def features(self, ids: torch.Tensor) -> torch.Tensor:
        """[B, T, input_size]: what the recurrent stack reads at each letter."""
        if self.embed is not None:
            return self.embed(ids)
        # One-hot with no stored matrix; the pad (id 0) is the zero vector.
        return F.one_hot(ids, self.cfg.vocab_size + 1)[..., 1:].to(self.head.weight.dtype)

    def final_state(self, ids: torch.Tensor, lengths=None) -> torch.Tensor:
        """[B, H*D]: the top layer's state after each text's last real letter; for a
        bidirectional stack the backward direction's state after reading back to the first
        letter. Both are torch's h_n of the packed batch, in the batch's own order."""
        lengths = as_lengths(ids, lengths)
        packed = pack_padded_sequence(
            self.features(ids), lengths, batch_first=True, enforce_sorted=False
        )
        _, h_n = self.rnn(packed)
        if isinstance(h_n, tuple):  # LSTM: (h_n, c_n)
            h_n = h_n[0]
        top = h_n[-self.cfg.num_directions :]  # [D, B, H], forward then backward
        return torch.cat(list(top), dim=-1)

    def forward(self, ids: torch.Tensor, lengths=None) -> torch.Tensor:
        """ids [B, T] int64 (0 pads), lengths [B] (None: the non-zero ids). Logits [B, K]."""
        return self.head(self.drop(self.final_state(ids, lengths)))


def classifier_loss(
    logits: torch.Tensor, y: torch.Tensor, weights: torch.Tensor | np.ndarray | None = None
) -> torch.Tensor:
    """Cross-entropy, weighted by class when `weights` [K] is given (LabelledData.weights:
    a weighted mean, so a rare class's mistakes cost more)."""
    # On the logits' device: a job on CUDA keeps its weights as the data gave them.
    w = (
        None
        if weights is None
        else torch.as_tensor(weights, dtype=logits.dtype, device=logits.device)
    )
    return F.cross_entropy(logits, y, weight=w)


def classifier_config(
    cfg: ModelConfig, vocab_size: int, num_classes: int, embed: str = "embedding"
) -> ClassifierConfig:
    """The classifier of the session's architecture (cell, size, layers, direction, dropout)
    on data of this vocabulary and these classes."""
    return ClassifierConfig(
        vocab_size=vocab_size,
        num_classes=num_classes,
        cell=cfg.cell,
        hidden_size=cfg.hidden_size,
        num_layers=cfg.num_layers,
        bidirectional=cfg.bidirectional,
        dropout=cfg.dropout,
        embed=embed,
    )


def build_classifier(cfg: ClassifierConfig, seed: int | None = None) -> NameClassifier:
    if seed is not None:
        torch.manual_seed(seed)
    return NameClassifier(cfg)
