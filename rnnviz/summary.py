"""Where a model's parameters live, and what shape each tensor in a forward pass has.

Everything is derived from the ModelConfig alone (no module is built), so a page can show
the table while the user is still moving sliders; the tests hold every count and shape
to what torch actually builds and returns.
"""

from __future__ import annotations

import pandas as pd

from rnnviz.i18n import t
from rnnviz.models import ModelConfig

# Gate blocks in the order torch stacks them along the rows of W_ih, W_hh, b_ih, b_hh.
GATES = {
    "rnn_tanh": ("h",),
    "rnn_relu": ("h",),
    "lstm": ("i", "f", "g", "o"),
    "gru": ("r", "z", "n"),
}
# One flat dict works because no letter means two things across cells.
GATE_LABELS = {
    "h": "hidden",
    "i": "input gate",
    "f": "forget gate",
    "g": "candidate",
    "o": "output gate",
    "r": "reset gate",
    "z": "update gate",
    "n": "candidate",
}
CELL_LABELS = {"rnn_tanh": "RNN (tanh)", "rnn_relu": "RNN (ReLU)", "lstm": "LSTM", "gru": "GRU"}


def cell_label(cell: str) -> str:
    """The cell's name as a learner reads it, in the current language."""
    return t(f"cell.{cell}")
DIRECTIONS = ("forward", "backward")
COLUMNS = ["module", "layer", "direction", "gate", "gate_name", "tensor", "rows", "shape",
           "parameters"]


def layer_input_size(cfg: ModelConfig, layer: int) -> int:
    """Width a layer reads: the features for layer 0, [forward, backward] outputs above."""
    return cfg.input_size if layer == 0 else cfg.hidden_size * cfg.num_directions


def _shape(*dims: int) -> str:
    return " × ".join(str(d) for d in dims)


def _row(module, tensor, rows, dims, layer=None, direction="", gate=""):
    count = 1
    for d in dims:
        count *= d
    return {
        "module": module, "layer": layer, "direction": direction, "gate": gate,
        "gate_name": GATE_LABELS.get(gate, ""), "tensor": tensor, "rows": rows,
        "shape": _shape(*dims), "parameters": count,
    }


def _recurrent_rows(cfg: ModelConfig, layer: int, reverse: bool) -> list[dict]:
    """One row per gate block of each of W_ih, W_hh, b_ih, b_hh for one layer/direction."""
    sfx = f"_l{layer}" + ("_reverse" if reverse else "")
    h, width = cfg.hidden_size, layer_input_size(cfg, layer)
    cols = {"weight_ih": (width,), "weight_hh": (h,), "bias_ih": (), "bias_hh": ()}
    rows = []
    for kind, extra in cols.items():
        for k, gate in enumerate(GATES[cfg.cell]):
            rows.append(_row("rnn", kind + sfx, f"{k * h}:{(k + 1) * h}", (h, *extra),
                             layer, DIRECTIONS[reverse], gate))
    return rows


def parameter_table(cfg: ModelConfig) -> pd.DataFrame:
    """Every parameter of build_model(cfg), split by layer, direction and gate block.

    ``module`` + "." + ``tensor`` is the name in model.named_parameters(); ``rows`` is the
    slice of that tensor's first axis a gate block occupies (torch stacks gates by rows).
    """
    rows = []
    if cfg.mode == "char_lm":
        rows.append(_row("embed", "weight", f"0:{cfg.vocab_size}",
                         (cfg.vocab_size, cfg.input_size)))
    for layer in range(cfg.num_layers):
        for reverse in (False, True)[: cfg.num_directions]:
            rows += _recurrent_rows(cfg, layer, reverse)
    out = cfg.vocab_size if cfg.mode == "char_lm" else cfg.output_size
    rows.append(_row("head", "weight", f"0:{out}", (out, cfg.hidden_size * cfg.num_directions)))
    rows.append(_row("head", "bias", f"0:{out}", (out,)))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["layer"] = table["layer"].astype("Int64")  # <NA> for embedding and head rows
    return table


def recurrent_parameter_count(cfg: ModelConfig) -> int:
    """Parameters of the fused recurrent stack alone: Σ_l D·G·H·(I_l + H + 2)."""
    g, h, d = len(GATES[cfg.cell]), cfg.hidden_size, cfg.num_directions
    return sum(d * g * h * (layer_input_size(cfg, l) + h + 2) for l in range(cfg.num_layers))


def _layer_groups(cfg: ModelConfig) -> list[tuple[str, int, int]]:
    """(label, input width, layers in group): every layer above the first reads the same width."""
    groups = [("layer 0", cfg.input_size, 1)]
    if cfg.num_layers == 2:
        groups.append(("layer 1", layer_input_size(cfg, 1), 1))
    elif cfg.num_layers > 2:
        groups.append((f"layers 1–{cfg.num_layers - 1}", layer_input_size(cfg, 1),
                       cfg.num_layers - 1))
    return groups


KERAS_NOTE = (
    "The + 2 counts two bias vectors per gate block: PyTorch keeps b_ih and b_hh where "
    "Keras keeps one (nn.RNN(2, 3) has 3·(2 + 3 + 2) = 21 parameters; Keras SimpleRNN(3) "
    "on 2 features has 3·(2 + 3 + 1) = 18)."
)


def count_formula(cfg: ModelConfig) -> str:
    """Plain-text derivation of the recurrent stack's parameter count, one line per layer group."""
    g, h, d = len(GATES[cfg.cell]), cfg.hidden_size, cfg.num_directions
    gates = ", ".join(GATES[cfg.cell])
    lines = [
        f"{CELL_LABELS[cfg.cell]} recurrent parameters = sum over layers and directions "
        "of G·H·(I + H + 2)",
        f"  G = {g} gate block{'s' * (g > 1)} ({gates}), H = {h} hidden units, "
        f"I = input width of the layer, {d} direction{'s' * (d > 1)}",
    ]
    for label, width, n_layers in _layer_groups(cfg):
        per = g * h * (width + h + 2)
        term = f"{g}·{h}·({width} + {h} + 2)" if g > 1 else f"{h}·({width} + {h} + 2)"
        times = n_layers * d
        calc = f"{term} = {per}" if times == 1 else f"{times} × {term} = {times} × {per} = {times * per}"
        lines.append(f"  {label} (I = {width}): {calc}")
    lines.append(f"  total = {recurrent_parameter_count(cfg)}")
    lines.append(KERAS_NOTE)
    return "\n".join(lines)


def count_formula_latex(cfg: ModelConfig) -> str:
    """The same derivation as one LaTeX equation (for st.latex, no surrounding $)."""
    g, h, d = len(GATES[cfg.cell]), cfg.hidden_size, cfg.num_directions
    terms = []
    for _, width, n_layers in _layer_groups(cfg):
        factors = [str(f) for f in (n_layers * d, g) if f > 1]
        prefix = r" \cdot ".join(factors + [str(h)])
        terms.append(rf"{prefix}\,({width} + {h} + 2)")
    return (
        r"N = \sum_{l=0}^{L-1} D \cdot G \cdot H\,(I_l + H + 2) = "
        + " + ".join(terms)
        + f" = {recurrent_parameter_count(cfg)}"
    )


def shape_table(cfg: ModelConfig, batch_size: int, seq_len: int) -> list[tuple[str, tuple, str]]:
    """(name, shape, explanation) for each tensor of one forward pass with batch_first=True."""
    b, t, f, h = batch_size, seq_len, cfg.input_size, cfg.hidden_size
    d, l = cfg.num_directions, cfg.num_layers
    rows = []
    if cfg.mode == "char_lm":
        rows.append(("tokens", (b, t), "token ids: B sequences of T characters each."))
    read = "embedding width" if cfg.mode == "char_lm" else "features per step"
    rows += [
        ("input", (b, t, f), f"B sequences, T time steps, F = {f} ({read})."),
        ("output", (b, t, h * d),
         f"the top layer's hidden state at every step; H = {h}"
         + (", forward and backward side by side (H·D)." if d > 1 else ".")),
        ("h_n", (l * d, b, h),
         "the final hidden state of every layer and direction (L·D of them)"
         + ("; the backward direction finishes at t = 0." if d > 1 else ".")),
    ]
    if cfg.cell == "lstm":
        rows.append(("c_n", (l * d, b, h), "the LSTM's last cell state, laid out like h_n."))
    rows.append(_head_shape(cfg, b, t))
    return rows


def _head_shape(cfg: ModelConfig, b: int, t: int) -> tuple[str, tuple, str]:
    if cfg.mode == "many_to_one":
        return ("head output", (b, cfg.output_size),
                "one prediction per sequence, read from the final state.")
    if cfg.mode == "many_to_many":
        return ("head output", (b, t, cfg.output_size), "one prediction at every time step.")
    return ("head output", (b, t, cfg.vocab_size),
            "logits over the vocabulary for the next character at every step.")
