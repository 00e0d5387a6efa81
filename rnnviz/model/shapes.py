"""The shapes of one call of torch's nn.RNN / nn.LSTM / nn.GRU, in either layout, the
PyTorch snippet that prints them, and what Keras' model.summary() prints for the same model.

A tutorial writes `nn.RNN(5, 6, 2)` with `x = torch.randn(1, 3, 5)`: sequence-first, torch's
default `batch_first=False`. The app itself trains batch-first, so both layouts are shown;
only the input and the output move, the states are always (L·D, B, H).
The snippet seeds torch before it builds the module, so its weights, x and h0 (and so the
h_n it prints) are the same numbers on every run; snippet_values computes them here, for
small sizes only (MAX_VALUE_WORK).
The Keras printout is program output, in the words Keras prints in every language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
from torch import nn

from rnnviz.i18n import t
from rnnviz.model.cell import GATES
from rnnviz.model.network import ModelConfig
from rnnviz.model.summary import recurrent_parameter_count
from rnnviz.server.limits import MAX_HIDDEN, MAX_INPUT_SIZE, MAX_LAYERS, MAX_SEQ_LEN

MAX_BATCH = 1024  # the training batch size's own cap (rnnviz/session/schema.py)
H0_INITS = ("zeros", "randn")  # torch's default, or a seeded random normal state
MODULES = {"rnn_tanh": "RNN", "rnn_relu": "RNN", "lstm": "LSTM", "gru": "GRU"}
# Numbers one call of the snippet may touch (input + states + weights) for its values to be
# worked out on the page: the tutorial's 15 + 36 + 162 is far below; a 1024 × 1000 × 2000
# input (8 GB) is refused before anything is allocated.
MAX_VALUE_WORK = 2_000_000


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
    """(h0, c0 or None), each (L·D, batch, H) float32: zeros, or the numbers
    `torch.manual_seed(seed)` followed by `torch.randn` gives (h0 first, then c0), as the
    Inside calculator's caption writes them."""
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
    gives, one `name (a, b, c)` line each, in the same order, then h_n itself.

    `torch.manual_seed(seed)` comes first, before the module draws its weights, so the
    printed h_n is the one snippet_values computes."""
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
        f"torch.manual_seed({int(seed)})  # the weights, x and h0: the same numbers every run",
        f"rnn = {module_call(cfg, f, batch_first)}",
        f"x = torch.randn({_dims(shapes['input'])})  # {layout}",
        f"h0 = {make}({_dims(shapes['h_0'])})  # (L·D, B, H)",
    ]
    if lstm:
        lines.append(f"c0 = {make}({_dims(shapes['c_0'])})")
        lines.append("output, (h_n, c_n) = rnn(x, (h0, c0))")
    else:
        lines.append("output, h_n = rnn(x, h0)")
    names = {"input": "x", "h_0": "h0", "c_0": "c0", "output": "output", "h_n": "h_n", "c_n": "c_n"}
    lines += [f'print("{name}", tuple({names[name]}.shape))' for name, _, _ in rows]
    lines.append("print(h_n)")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SnippetRun:
    """What the snippet computes: output (T, B, H·D) or (B, T, H·D), h_n (L·D, B, H)."""

    output: np.ndarray
    h_n: np.ndarray


def _module(cfg: ModelConfig, input_size: int, batch_first: bool) -> nn.RNNBase:
    """The snippet's own module: the same constructor, so it draws the same weights."""
    kw = {"batch_first": batch_first, "bidirectional": cfg.bidirectional}
    h, layers = cfg.hidden_size, cfg.num_layers
    if cfg.cell == "lstm":
        return nn.LSTM(input_size, h, layers, **kw)
    if cfg.cell == "gru":
        return nn.GRU(input_size, h, layers, **kw)
    return nn.RNN(input_size, h, layers, nonlinearity=cfg.cell.removeprefix("rnn_"), **kw)


def value_work(cfg: ModelConfig, batch: int, seq_len: int, input_size: int) -> int:
    """Numbers a snippet run touches: its input, its states and its weights."""
    states = 2 * cfg.num_layers * cfg.num_directions * batch * cfg.hidden_size
    weights = recurrent_parameter_count(replace(cfg, input_size=input_size))
    return batch * seq_len * (input_size + cfg.hidden_size * cfg.num_directions) + states + weights


def snippet_values(
    cfg: ModelConfig,
    batch: int,
    seq_len: int,
    batch_first: bool,
    input_size: int | None = None,
    init: str = "zeros",
    seed: int = 0,
) -> SnippetRun | None:
    """The output and h_n the snippet prints, computed here in its order (seed, module, x,
    h0, c0); None where the sizes are over MAX_VALUE_WORK. The global generator is left as
    it was."""
    rows = shape_rows(cfg, batch, seq_len, batch_first, input_size)
    shapes = {name: shape for name, shape, _ in rows}
    f = shapes["input"][-1]
    if value_work(cfg, batch, seq_len, f) > MAX_VALUE_WORK:
        return None
    make = torch.zeros if init == "zeros" else torch.randn
    with torch.random.fork_rng(devices=[]), torch.no_grad():
        torch.manual_seed(int(seed))
        rnn = _module(cfg, f, batch_first)
        x = torch.randn(shapes["input"])
        h0 = make(shapes["h_0"])
        if cfg.cell == "lstm":
            output, (h_n, _) = rnn(x, (h0, make(shapes["c_0"])))
        else:
            output, h_n = rnn(x, h0)
    return SnippetRun(output.numpy(), h_n.numpy())


# Ordered by count: one block of weights, three (r, z, n), four (i, f, g, o).
SIBLINGS = ("rnn", "gru", "lstm")


def parameter_counts(cfg: ModelConfig, input_size: int | None = None) -> list[tuple[str, int, int]]:
    """(cell, gate blocks, parameters) of the snippet's module and its two siblings with the
    same sizes: nn.RNN, nn.GRU, nn.LSTM(input_size, H, L), no head (the snippet has none).
    The RNN row keeps cfg's nonlinearity (the count is the same)."""
    f = cfg.input_size if input_size is None else input_size
    rnn = cfg.cell if cfg.cell.startswith("rnn_") else "rnn_tanh"
    rows = []
    for code in SIBLINGS:
        cell = rnn if code == "rnn" else code
        sized = replace(cfg, cell=cell, input_size=f, head="none")
        rows.append((cell, len(GATES[cell]), recurrent_parameter_count(sized)))
    return rows


# ---- Keras' model.summary() of the same model ---------------------------------------------
KERAS_LAYERS = {"rnn_tanh": "SimpleRNN", "rnn_relu": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
KERAS_NAMES = {"SimpleRNN": "simple_rnn", "LSTM": "lstm", "GRU": "gru"}


@dataclass(frozen=True)
class KerasLayer:
    name: str  # e.g. "simple_rnn", "simple_rnn_1", "dense"
    kind: str  # the class Keras prints in brackets: "SimpleRNN", "Bidirectional", "Dense"
    shape: tuple  # the output shape, batch as None
    params: int


def _keras_cell_params(cell: str, width: int, units: int) -> int:
    """Keras' counts: one bias per gate block (GRU's default reset_after=True keeps two)."""
    blocks = len(GATES[cell])
    return blocks * units * (width + units + (2 if cell == "gru" else 1))


def keras_layers(cfg: ModelConfig, seq_len: int) -> list[KerasLayer] | None:
    """The layers of `Sequential([SimpleRNN|LSTM|GRU(H, return_sequences=...)..., Dense(out)])`
    with input_shape=(seq_len, input_size), as model.summary() lists them: every layer but
    the last returns sequences (the last too for many-to-many), a bidirectional layer is
    wrapped in Bidirectional. None for a text model (an Embedding model is another story)."""
    if cfg.mode == "char_lm":
        return None
    kind = KERAS_LAYERS[cfg.cell]
    d, h = cfg.num_directions, cfg.hidden_size
    used: dict[str, int] = {}

    def name(base: str) -> str:
        n = used.get(base, 0)
        used[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    rows, width = [], cfg.input_size
    for layer in range(cfg.num_layers):
        sequences = layer < cfg.num_layers - 1 or cfg.mode == "many_to_many"
        shape = (None, seq_len, h * d) if sequences else (None, h * d)
        params = d * _keras_cell_params(cfg.cell, width, h)
        if d > 1:
            rows.append(KerasLayer(name("bidirectional"), "Bidirectional", shape, params))
        else:
            rows.append(KerasLayer(name(KERAS_NAMES[kind]), kind, shape, params))
        width = h * d
    if cfg.head == "linear":
        out = cfg.output_size
        shape = (None, seq_len, out) if cfg.mode == "many_to_many" else (None, out)
        rows.append(KerasLayer(name("dense"), "Dense", shape, out * (width + 1)))
    return rows


def _keras_shape(shape: tuple) -> str:
    return "(" + ", ".join("None" if s is None else str(s) for s in shape) + ")"


def keras_printout(layers: list[KerasLayer]) -> str:
    """The table model.summary() prints (Keras 2's layout, 65 characters wide)."""
    rule, double = "_" * 65, "=" * 65
    lines = [
        'Model: "sequential"',
        rule,
        f" {'Layer (type)':<28}{'Output Shape':<26}{'Param #':<10}",
        double,
    ]
    for i, layer in enumerate(layers):
        label = f"{layer.name} ({layer.kind})"
        lines.append(f" {label:<28}{_keras_shape(layer.shape):<26}{layer.params:<10}".rstrip())
        if i < len(layers) - 1:
            lines.append("")
    total = sum(layer.params for layer in layers)
    lines += [
        double,
        f"Total params: {total:,}",
        f"Trainable params: {total:,}",
        "Non-trainable params: 0",
        rule,
    ]
    return "\n".join(lines) + "\n"
