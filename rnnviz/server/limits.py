"""Caps that keep one user's run from taking a shared server down, checked before work starts.

The memory a run is admitted with counts what its job really keeps: the training step
(weights, gradients, Adam's moments, autograd's saved states), the copies of the weights the
job holds (rnnviz.train.rollback's two, and the CPU copies snapshots are traced from), and the
snapshots themselves (rnnviz.train.snapshots: up to TrainConfig.max_snapshots, each the probe
sequences' states and gates of every layer and direction). It must fit the session's share
of the machine with the session's other running jobs, and the server's share with every
session's.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig, head_problem
from rnnviz.model.summary import GATES

MAX_HIDDEN = 512
MAX_LAYERS = 4
MAX_SEQ_LEN = 1000
MAX_ROWS = 200_000  # rows trained on; longer tables are cut or thinned first (user's choice)
MEMORY_SHARE = 0.25  # of the machine's memory one session's running jobs may take together
SERVER_SHARE = 0.6  # of it that every session's running jobs may take together
# Copies of the weights a training job holds besides the model: the rollback's confirmed and
# candidate copies, the start snapshot's CPU copy (traced when first looked at), and one per
# probe thread being traced (rnnviz.train.snapshots runs two).
MODEL_COPIES = 5
SNAPSHOTS_OVER = 2  # kept past max_snapshots: the start and end ones, traced late
SNAPSHOTS_NAMED = 0.25  # a refusal names the snapshots when they are this share of the need
# Sizes a model may have beyond what training checks: a loaded file's settings are caps too.
MAX_INPUT_SIZE = 2000  # input features (the data reader's column cap) or embedding width
MAX_OUTPUT_SIZE = 2000
MAX_VOCAB = 20_000  # distinct characters of a text model (a long Chinese text has ~5,000)
# How training names a size past its cap: (catalog key, the key's parameter for the value).
_CAP_MESSAGES = {
    "hidden_size": ("limits.hidden", "hidden"),
    "num_layers": ("limits.layers", "layers"),
    "input_size": ("limits.input_size", "size"),
    "output_size": ("limits.output_size", "size"),
    "vocab_size": ("limits.vocab", "size"),
}


CGROUP_LIMIT = "/sys/fs/cgroup/memory.max"  # a container's own limit (cgroup v2)


def machine_memory() -> int:
    """Memory this server may use in bytes: the physical memory, or a container's lower
    limit (the machine's figure would admit runs the container kills)."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        with open(CGROUP_LIMIT) as f:
            raw = f.read().strip()
    except OSError:
        return total
    return min(total, int(raw)) if raw.isdigit() and int(raw) > 0 else total


def _train_defaults() -> tuple[int, int]:
    """(snapshots kept, probe sequences) of a TrainJob at TrainConfig's defaults."""
    from rnnviz.train.job import TrainConfig  # local: the train loop is not needed to check a size

    return TrainConfig.max_snapshots + SNAPSHOTS_OVER, TrainConfig.probe_count


def snapshot_bytes(cfg: ModelConfig, seq_len: int, probes: int) -> int:
    """Bytes of one training snapshot (rnnviz.train.snapshots.Snapshot, float32): for each probe
    sequence every layer and direction's h, c (LSTM) and gates [T, H], the top output and
    the inputs; the gradient norms [L, D, T]; the connectivity tables when recorded."""
    from rnnviz.model.cell import gates  # local, as above
    from rnnviz.train.snapshots import CONN_MAX_CELLS

    T, H, D, L = seq_len, cfg.hidden_size, cfg.num_directions, cfg.num_layers
    per_direction = T * H * (1 + (cfg.cell == "lstm") + len(gates(cfg.cell)))
    trace = L * D * per_direction + T * H * D + T * cfg.input_size
    t_out = 1 if cfg.mode == "many_to_one" else T
    conn = probes * t_out * T if t_out * T <= CONN_MAX_CELLS else 0
    return 4 * (probes * trace + L * D * T + conn)


def training_memory(
    cfg: ModelConfig,
    batch_size: int,
    seq_len: int,
    snapshots: int | None = None,
    probes: int | None = None,
) -> int:
    """A generous estimate of the bytes one training job needs.

    Parameters with their gradients and Adam's two moments (4 copies) and MODEL_COPIES more
    (rollback and snapshot copies), plus what autograd keeps for the backward pass: every
    gate pre-activation and state of every layer, direction and time step, counted three
    times over for the fused kernel's workspace; plus `snapshots` training snapshots of
    `probes` sequences each (None: what a TrainJob keeps at TrainConfig's defaults).
    """
    from rnnviz.model.summary import (
        parameter_table,  # local: summary is light, but keep start-up lean
    )

    kept, traced = _train_defaults()
    snapshots = kept if snapshots is None else snapshots
    probes = traced if probes is None else probes
    params = int(parameter_table(cfg)["parameters"].sum())
    gates = len(GATES[cfg.cell]) + (1 if cfg.cell == "lstm" else 0) + 1
    per_step = batch_size * cfg.hidden_size * cfg.num_directions * cfg.num_layers * gates
    out = cfg.vocab_size if cfg.mode == "char_lm" else cfg.output_size
    logits = batch_size * seq_len * out if cfg.mode != "many_to_one" else 0
    step = 4 * ((4 + MODEL_COPIES) * params + 3 * per_step * seq_len + 3 * logits)
    return step + snapshots * snapshot_bytes(cfg, seq_len, probes)


@dataclass(frozen=True)
class RunRequest:
    """One model about to train: what the caps and the memory estimate read."""

    cfg: ModelConfig
    batch_size: int
    seq_len: int
    name: str = ""  # the entrant's name in a race, so a refusal says which model
    snapshots: int | None = None  # kept at most; None: a TrainJob's at TrainConfig's defaults
    probes: int | None = None  # sequences each snapshot traces; None: TrainConfig's default

    @property
    def memory(self) -> int:
        return training_memory(self.cfg, self.batch_size, self.seq_len, self.snapshots, self.probes)

    @property
    def snapshot_memory(self) -> tuple[int, int]:
        """(snapshots kept at most, bytes of each): the part of `memory` they take."""
        kept, traced = _train_defaults()
        n = kept if self.snapshots is None else self.snapshots
        probes = traced if self.probes is None else self.probes
        return n, snapshot_bytes(self.cfg, self.seq_len, probes)


def training_request(cfg: ModelConfig, train_cfg, seq_len: int, name: str = "") -> RunRequest:
    """The request of a TrainJob with these settings (a rnnviz.train.job.TrainConfig): the
    snapshots it keeps (none between the start and the end when its cadence is past any
    budget it may reach) and the sequences each one traces."""
    kept = train_cfg.max_snapshots + SNAPSHOTS_OVER
    every, budget = train_cfg.snapshot_every, train_cfg.max_steps
    if every > 0 and budget is not None:
        kept = min(kept, budget // every + SNAPSHOTS_OVER)
    return RunRequest(cfg, train_cfg.batch_size, seq_len, name, kept, train_cfg.probe_count)


def size_caps() -> tuple[tuple[str, int], ...]:
    """Every size a model declares with its cap, in the order a refusal names them (read
    when called, so a server, or a test, that changes a cap is obeyed)."""
    return (
        ("hidden_size", MAX_HIDDEN),
        ("num_layers", MAX_LAYERS),
        ("input_size", MAX_INPUT_SIZE),
        ("output_size", MAX_OUTPUT_SIZE),
        ("vocab_size", MAX_VOCAB),
    )


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


def admit(
    requests: RunRequest | Iterable[RunRequest],
    running: Iterable[RunRequest] = (),
    server_held: int = 0,
) -> str | None:
    """The one gate every training path passes: why these models may not start, or None.

    Every model of the request must fit the caps, and the memory of all of them (a race
    trains its models at once) plus what the session's running jobs already hold must fit
    in MEMORY_SHARE of the machine; plus `server_held`, the bytes every session's running
    (or waiting) jobs in this server were admitted with, in SERVER_SHARE of it.
    """
    asked = [requests] if isinstance(requests, RunRequest) else list(requests)
    for req in asked:
        if reason := _over_cap(req):
            return t("limits.model", model=req.name, reason=reason) if req.name else reason
    need, held = sum(r.memory for r in asked), sum(r.memory for r in running)
    limit = MEMORY_SHARE * machine_memory()
    if need + held > limit:
        return _session_refusal(asked, need, held, limit) + _snapshot_note(asked, need)
    server = SERVER_SHARE * machine_memory()
    if need + server_held > server:
        return t(
            "fairness.memory_server",
            need=need / 2**30,
            held=server_held / 2**30,
            limit=server / 2**30,
        ) + _snapshot_note(asked, need)
    return None


def _session_refusal(asked: list[RunRequest], need: int, held: int, limit: float) -> str:
    gib = {"need": need / 2**30, "limit": limit / 2**30}
    if held:
        return t("limits.memory_running", held=held / 2**30, **gib)
    if len(asked) > 1:
        return t("limits.memory_models", n=len(asked), **gib)
    return t("limits.memory", **gib)


def _snapshot_note(asked: list[RunRequest], need: int) -> str:
    """A second sentence when the snapshots are much of the need: what makes them smaller."""
    parts = [r.snapshot_memory for r in asked]
    total = sum(n * each for n, each in parts)
    if total < SNAPSHOTS_NAMED * need:
        return ""
    n, each = max(parts, key=lambda p: p[0] * p[1])
    return t("fairness.memory_snapshots", gib=total / 2**30, n=n, each=each / 2**20)


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
