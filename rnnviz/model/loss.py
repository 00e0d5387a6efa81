"""The loss a model is trained with, and the one its probes take gradients of.

One function for both, so ‖dL/dh_t‖ on the Inside and Lab pages is the gradient of the
very loss the optimizer follows: mean squared error for a series, cross-entropy over the
next character for text.
"""

from __future__ import annotations

import torch
from torch.nn import functional as F


def loss_fn(model, pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """pred [B, T, V] or [T, V] logits against y [B, T] or [T] ids (text); any prediction
    against a target of the same size (series)."""
    if model.cfg.mode == "char_lm":
        return F.cross_entropy(pred.reshape(-1, pred.shape[-1]), y.reshape(-1))
    return F.mse_loss(pred.reshape(y.shape), y)
