"""Caps that keep one user's run from taking a shared server down, checked before work starts."""

from __future__ import annotations

import os

from rnnviz.i18n import t
from rnnviz.models import ModelConfig
from rnnviz.summary import GATES

MAX_HIDDEN = 512
MAX_LAYERS = 4
MAX_SEQ_LEN = 1000
MAX_ROWS = 200_000  # rows trained on; longer tables are cut or thinned first (user's choice)
MEMORY_SHARE = 0.25  # of the machine's memory one training run may take


def machine_memory() -> int:
    """Total physical memory in bytes."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def training_memory(cfg: ModelConfig, batch_size: int, seq_len: int) -> int:
    """A generous estimate of the bytes one training step needs.

    Parameters with their gradients and Adam's two moments (4 copies), plus what autograd
    keeps for the backward pass: every gate pre-activation and state of every layer,
    direction and time step, counted three times over for the fused kernel's workspace.
    """
    from rnnviz.summary import parameter_table  # local: summary is light, but keep start-up lean

    params = int(parameter_table(cfg)["parameters"].sum())
    gates = len(GATES[cfg.cell]) + (1 if cfg.cell == "lstm" else 0) + 1
    per_step = batch_size * cfg.hidden_size * cfg.num_directions * cfg.num_layers * gates
    out = cfg.vocab_size if cfg.mode == "char_lm" else cfg.output_size
    logits = batch_size * seq_len * out if cfg.mode != "many_to_one" else 0
    return 4 * (4 * params + 3 * per_step * seq_len + 3 * logits)


def check_run(cfg: ModelConfig, batch_size: int, seq_len: int) -> str | None:
    """A message saying why this run is refused and what to change, or None."""
    if cfg.hidden_size > MAX_HIDDEN:
        return t("limits.hidden", hidden=cfg.hidden_size, cap=MAX_HIDDEN)
    if cfg.num_layers > MAX_LAYERS:
        return t("limits.layers", layers=cfg.num_layers, cap=MAX_LAYERS)
    if seq_len > MAX_SEQ_LEN:
        return t("limits.seq_len", steps=seq_len, cap=MAX_SEQ_LEN)
    need, limit = training_memory(cfg, batch_size, seq_len), MEMORY_SHARE * machine_memory()
    if need > limit:
        return t("limits.memory", need=need / 2**30, limit=limit / 2**30)
    return None
