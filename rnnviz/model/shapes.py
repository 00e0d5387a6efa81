"""The shapes of one call of torch's nn.RNN / nn.LSTM / nn.GRU, in either layout, and the
PyTorch snippet that prints them.

A tutorial writes `nn.RNN(5, 6, 2)` with `x = torch.randn(1, 3, 5)`: sequence-first, torch's
default `batch_first=False`. The app itself trains batch-first, so both layouts are shown;
only the input and the output move, the states are always (L·D, B, H).
Nothing here allocates a tensor of those sizes: the snippet is text for the learner to run.
"""

from __future__ import annotations

import torch

from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig
from rnnviz.server.limits import MAX_HIDDEN, MAX_INPUT_SIZE, MAX_LAYERS, MAX_SEQ_LEN

MAX_BATCH = 1024  # the training batch size's own cap (rnnviz/session/schema.py)
H0_INITS = ("zeros", "randn")  # torch's default, or a seeded random normal state
MODULES = {"rnn_tanh": "RNN", "rnn_relu": "RNN", "lstm": "LSTM", "gru": "GRU"}


def check_size(name: str, value, hi: int, lo: int = 1) -> int:
    """A whole number from lo to hi, else ValueError naming the box and its range. The value
    itself is not echoed: int(10**5000) has no printable form."""
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(t("shapes.err_range", name=name, lo=f"{lo:,}", hi=f"{hi:,}"))
    return value


def _checked(cfg: ModelConfig, batch, seq_len, input_size) -> tuple[int, int, int]:
    check_size("hidden_size", cfg.hidden_size, MAX_HIDDEN)
    check_size("num_layers", cfg.num_layers, MAX_LAYERS)
    return (
        check_size("B", batch, MAX_BATCH),
        check_size("T", seq_len, MAX_SEQ_LEN),
        check_size("F", input_size, MAX_INPUT_SIZE),
    )


def shape_rows(
    cfg: ModelConfig, batch: int, seq_len: int, batch_first: bool, input_size: int | None = None
) -> list[tuple[str, tuple[int, ...], str]]:
    """(name, shape, meaning code) of every tensor one call of the fused module reads or
    returns. input_size defaults to the config's; a code names an i18n entry "shapes.meaning.*"."""
    f = cfg.input_size if input_size is None else input_size
    b, steps, f = _checked(cfg, batch, seq_len, f)
    h, d, layers = cfg.hidden_size, cfg.num_directions, cfg.num_layers

    def seq(width: int) -> tuple[int, int, int]:
        return (b, steps, width) if batch_first else (steps, b, width)

    state = (layers * d, b, h)  # never batch-first: torch keeps states layer-major
    rows: list[tuple[str, tuple[int, ...], str]] = [
        ("input", seq(f), "input_bf" if batch_first else "input"),
        ("h_0", state, "h_0"),
    ]
    if cfg.cell == "lstm":
        rows.append(("c_0", state, "c_0"))
    rows += [("output", seq(h * d), "output_bi" if d > 1 else "output"), ("h_n", state, "h_n")]
    if cfg.cell == "lstm":
        rows.append(("c_n", state, "c_n"))
    return rows


def initial_state(cfg: ModelConfig, batch: int, init: str = "zeros", seed: int = 0):
    """(h0, c0 or None), each (L·D, batch, H) float32: zeros, or the numbers the snippet's
    `torch.manual_seed(seed)` followed by `torch.randn` gives (h0 first, then c0)."""
    if init not in H0_INITS:
        raise ValueError(t("shapes.err_init", options=", ".join(H0_INITS), got=repr(init)))
    shape = (cfg.num_layers * cfg.num_directions, batch, cfg.hidden_size)
    if init == "zeros":
        h0 = torch.zeros(shape)
        return h0, (torch.zeros(shape) if cfg.cell == "lstm" else None)
    gen = torch.Generator().manual_seed(int(seed))  # the CPU generator manual_seed seeds
    h0 = torch.randn(shape, generator=gen)
    return h0, (torch.randn(shape, generator=gen) if cfg.cell == "lstm" else None)


def module_call(cfg: ModelConfig, input_size: int, batch_first: bool) -> str:
    """e.g. `nn.RNN(5, 6, 2)`: the tutorial's positional form, keywords only where they differ
    from torch's defaults."""
    args = [str(input_size), str(cfg.hidden_size), str(cfg.num_layers)]
    if cfg.cell == "rnn_relu":
        args.append("nonlinearity='relu'")
    if batch_first:
        args.append("batch_first=True")
    if cfg.bidirectional:
        args.append("bidirectional=True")
    return f"nn.{MODULES[cfg.cell]}({', '.join(args)})"


def _dims(shape) -> str:
    return ", ".join(map(str, shape))


def snippet(
    cfg: ModelConfig,
    batch: int,
    seq_len: int,
    batch_first: bool,
    input_size: int | None = None,
    init: str = "zeros",
    seed: int = 0,
) -> str:
    """PyTorch code that builds the module, runs it once and prints the shapes shape_rows
    gives, one `name (a, b, c)` line each, in the same order."""
    rows = shape_rows(cfg, batch, seq_len, batch_first, input_size)
    shapes = {name: shape for name, shape, _ in rows}
    f = shapes["input"][-1]
    make = "torch.zeros" if init == "zeros" else "torch.randn"
    lstm = cfg.cell == "lstm"
    layout = "(B, T, F)" if batch_first else "(T, B, F)"
    lines = [
        "import torch",
        "from torch import nn",
        "",
        f"rnn = {module_call(cfg, f, batch_first)}",
        f"x = torch.randn({_dims(shapes['input'])})  # {layout}",
    ]
    if init == "randn":
        lines.append(f"torch.manual_seed({int(seed)})")
    lines.append(f"h0 = {make}({_dims(shapes['h_0'])})  # (L·D, B, H)")
    if lstm:
        lines.append(f"c0 = {make}({_dims(shapes['c_0'])})")
        lines.append("output, (h_n, c_n) = rnn(x, (h0, c0))")
    else:
        lines.append("output, h_n = rnn(x, h0)")
    names = {"input": "x", "h_0": "h0", "c_0": "c0", "output": "output", "h_n": "h_n", "c_n": "c_n"}
    lines += [f'print("{name}", tuple({names[name]}.shape))' for name, _, _ in rows]
    return "\n".join(lines) + "\n"
