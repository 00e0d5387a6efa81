"""Which torch device a run uses, and what to tell the user about it."""

from __future__ import annotations

import torch

from rnnviz.i18n import t


def cuda_name() -> str | None:
    """The GPU's name, or None when torch sees no CUDA device."""
    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None


def resolve_device(requested: str = "auto") -> tuple[torch.device, str]:
    """auto picks CUDA when there is one; asking for CUDA without one falls back to CPU."""
    if requested not in ("auto", "cpu", "cuda"):
        raise ValueError(t("config.device", got=repr(requested)))
    name = cuda_name()
    if requested == "cpu" or (requested == "auto" and name is None):
        return torch.device("cpu"), ""
    if name is None:
        return torch.device("cpu"), t("config.no_cuda")
    return torch.device("cuda"), ""
