"""Which torch device a run uses, and what to tell the user about it."""

from __future__ import annotations

import torch

from rnnviz.i18n import t


def cuda_name() -> str | None:
    """The GPU's name, or None when torch sees no CUDA device."""
    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None


def exact_float32() -> None:
    """Turn TF32 off for matmuls and cuDNN.

    On Ampere and later GPUs torch lets float32 matmuls and cuDNN RNNs round their inputs to
    TF32 (10-bit mantissa) by default, which put the cell replay 1e-5 to 1.6e-4 away from
    the fused module on an H200: a learner would read "matches nn.LSTM: 1e-4". The app
    shows every number, so it trains and probes in true float32 (measured: <= 3.5e-6).
    The legacy flags are used on purpose: mixing them with `fp32_precision` raises.
    The flags are process-wide; every rnnviz job wants the same.
    """
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False


def tf32_allowed() -> bool:
    """Whether any float32 path may round to TF32 now (False after exact_float32)."""
    return bool(torch.backends.cuda.matmul.allow_tf32 or torch.backends.cudnn.allow_tf32)


def resolve_device(requested: str = "auto") -> tuple[torch.device, str]:
    """auto picks CUDA when there is one; asking for CUDA without one falls back to CPU."""
    exact_float32()
    if requested not in ("auto", "cpu", "cuda"):
        raise ValueError(t("config.device", got=repr(requested)))
    name = cuda_name()
    if requested == "cpu" or (requested == "auto" and name is None):
        return torch.device("cpu"), ""
    if name is None:
        return torch.device("cpu"), t("config.no_cuda")
    return torch.device("cuda"), ""
