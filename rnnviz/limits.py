"""Caps that keep one user's run from taking a shared server down, checked before work starts."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from rnnviz.i18n import t
from rnnviz.models import ModelConfig, head_problem
from rnnviz.summary import GATES

MAX_HIDDEN = 512
MAX_LAYERS = 4
MAX_SEQ_LEN = 1000
MAX_ROWS = 200_000  # rows trained on; longer tables are cut or thinned first (user's choice)
MEMORY_SHARE = 0.25  # of the machine's memory one session's running jobs may take together
# Sizes a model may have beyond what training checks: a loaded file's settings are caps too.
MAX_INPUT_SIZE = 2000  # input features (the data reader's column cap) or embedding width
MAX_OUTPUT_SIZE = 2000
MAX_VOCAB = 20_000  # distinct characters of a text model (a long Chinese text has ~5,000)
# How training names a size past its cap: (catalog key, the key's parameter for the value).
_CAP_MESSAGES = {"hidden_size": ("limits.hidden", "hidden"), "num_layers": ("limits.layers", "layers"),
                 "input_size": ("limits.input_size", "size"),
                 "output_size": ("limits.output_size", "size"),
                 "vocab_size": ("limits.vocab", "size")}


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


@dataclass(frozen=True)
class RunRequest:
    """One model about to train: what the caps and the memory estimate read."""

    cfg: ModelConfig
    batch_size: int
    seq_len: int
    name: str = ""  # the entrant's name in a race, so a refusal says which model

    @property
    def memory(self) -> int:
        return training_memory(self.cfg, self.batch_size, self.seq_len)


def size_caps() -> tuple[tuple[str, int], ...]:
    """Every size a model declares with its cap, in the order a refusal names them (read
    when called, so a server, or a test, that changes a cap is obeyed)."""
    return (("hidden_size", MAX_HIDDEN), ("num_layers", MAX_LAYERS),
            ("input_size", MAX_INPUT_SIZE), ("output_size", MAX_OUTPUT_SIZE),
            ("vocab_size", MAX_VOCAB))


def size_over_cap(sizes) -> tuple[str, int, int] | None:
    """The first (field, value, cap) in `sizes` (a config's dict, or a file's) past its cap.
    Values that are not integers are left to the config's own type checks."""
    for field, cap in size_caps():
        value = sizes.get(field, 0)
        if isinstance(value, int) and value > cap:
            return field, value, cap
    return None


def _over_cap(req: RunRequest) -> str | None:
    """Why one model breaks a cap, or None. Checked before any estimate: the estimate
    walks every layer, and a file may claim ten thousand of them."""
    if found := size_over_cap(req.cfg.to_dict()):
        field, value, cap = found
        key, param = _CAP_MESSAGES[field]
        return t(key, **{param: value, "cap": cap})
    if req.seq_len > MAX_SEQ_LEN:
        return t("limits.seq_len", steps=req.seq_len, cap=MAX_SEQ_LEN)
    return head_problem(req.cfg)  # not a cap, but this gate is where training is refused


def admit(requests: RunRequest | Iterable[RunRequest],
          running: Iterable[RunRequest] = ()) -> str | None:
    """The one gate every training path passes: why these models may not start, or None.

    Every model of the request must fit the caps, and the memory of all of them (a race
    trains its models at once) plus what the session's running jobs already hold must fit
    in MEMORY_SHARE of the machine.
    """
    asked = [requests] if isinstance(requests, RunRequest) else list(requests)
    for req in asked:
        if reason := _over_cap(req):
            return t("limits.model", model=req.name, reason=reason) if req.name else reason
    need, held = sum(r.memory for r in asked), sum(r.memory for r in running)
    limit = MEMORY_SHARE * machine_memory()
    if need + held <= limit:
        return None
    gib = {"need": need / 2**30, "limit": limit / 2**30}
    if held:
        return t("limits.memory_running", held=held / 2**30, **gib)
    if len(asked) > 1:
        return t("limits.memory_models", n=len(asked), **gib)
    return t("limits.memory", **gib)


def check_run(cfg: ModelConfig, batch_size: int, seq_len: int) -> str | None:
    """A message saying why this run is refused and what to change, or None."""
    return admit([RunRequest(cfg, batch_size, seq_len)])


def check_model_config(cfg) -> str | None:
    """Why a model of this shape is too large for this server, or None; allocates nothing.

    Takes a ModelConfig or the plain dict a model file holds (whose types the caller has
    checked): every size against its cap first, then the memory to train it at batch 1.
    """
    d = cfg.to_dict() if isinstance(cfg, ModelConfig) else dict(cfg)
    if found := size_over_cap(d):
        field, value, cap = found
        shown = f"{value:,}" if value < 10**15 else "> 10^15"  # never echo 4,000 digits
        return t("export.over_cap", field=field, value=shown, cap=f"{cap:,}")
    try:
        cfg = cfg if isinstance(cfg, ModelConfig) else ModelConfig.from_dict(d)
    except (TypeError, ValueError):
        return None  # not a valid config at all: its own check says why, not a size cap
    need, limit = training_memory(cfg, batch_size=1, seq_len=1), MEMORY_SHARE * machine_memory()
    if need > limit:
        return t("export.memory", need=need / 2**30, limit=limit / 2**30)
    return None
