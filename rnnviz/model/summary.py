"""Where a model's parameters live, and what shape each tensor in a forward pass has.

Everything is derived from the ModelConfig alone (no module is built), so a page can show
the table while the user is still moving sliders; the tests hold every count and shape
to what torch actually builds and returns.
"""

from __future__ import annotations

import pandas as pd

from rnnviz.i18n import t
from rnnviz.model.cell import GATES, WEIGHTS, suffix
from rnnviz.model.network import ModelConfig


def gate_label(gate: str) -> str:
    """A gate's (or 'c', the cell state's) name in the current language. One flat set of
    keys (summary.gate.<letter>) works because no letter means two things across cells."""
    return t(f"summary.gate.{gate}")


def cell_label(cell: str) -> str:
    """The cell's name as a learner reads it, in the current language."""
    return t(f"cell.{cell}")


DIRECTIONS = ("forward", "backward")
COLUMNS = [
    "module",
    "layer",
    "direction",
    "gate",
    "gate_name",
    "tensor",
    "rows",
    "shape",
    "parameters",
]


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
        "module": module,
        "layer": layer,
        "direction": direction,
        "gate": gate,
        "gate_name": gate_label(gate) if gate else "",
        "tensor": tensor,
        "rows": rows,
        "shape": _shape(*dims),
        "parameters": count,
    }


def _recurrent_rows(cfg: ModelConfig, layer: int, reverse: bool) -> list[dict]:
    """One row per gate block of each of W_ih, W_hh, b_ih, b_hh for one layer/direction."""
    sfx = suffix(layer, int(reverse))
    h, width = cfg.hidden_size, layer_input_size(cfg, layer)
    cols = dict(zip(WEIGHTS, ((width,), (h,), (), ()), strict=True))  # W_ih, W_hh, b_ih, b_hh
    rows = []
    for kind, extra in cols.items():
        for k, gate in enumerate(GATES[cfg.cell]):
            rows.append(
                _row(
                    "rnn",
                    kind + sfx,
                    f"{k * h}:{(k + 1) * h}",
                    (h, *extra),
                    layer,
                    DIRECTIONS[reverse],
                    gate,
                )
            )
    return rows


def parameter_table(cfg: ModelConfig) -> pd.DataFrame:
    """Every parameter of build_model(cfg), split by layer, direction and gate block.

    ``module`` + "." + ``tensor`` is the name in model.named_parameters(); ``rows`` is the
    slice of that tensor's first axis a gate block occupies (torch stacks gates by rows).
    """
    rows = []
    if cfg.mode == "char_lm":
        rows.append(
            _row("embed", "weight", f"0:{cfg.vocab_size}", (cfg.vocab_size, cfg.input_size))
        )
    for layer in range(cfg.num_layers):
        for reverse in (False, True)[: cfg.num_directions]:
            rows += _recurrent_rows(cfg, layer, reverse)
    out = cfg.vocab_size if cfg.mode == "char_lm" else cfg.output_size
    if cfg.head == "linear":  # no head, no rows: the hidden state is the output
        rows.append(_row("head", "weight", f"0:{out}", (out, cfg.hidden_size * cfg.num_directions)))
        rows.append(_row("head", "bias", f"0:{out}", (out,)))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["layer"] = table["layer"].astype("Int64")  # <NA> for embedding and head rows
    return table


def recurrent_parameter_count(cfg: ModelConfig) -> int:
    """Parameters of the fused recurrent stack alone: Σ_l D·G·H·(I_l + H + 2)."""
    g, h, d = len(GATES[cfg.cell]), cfg.hidden_size, cfg.num_directions
    return sum(
        d * g * h * (layer_input_size(cfg, layer) + h + 2) for layer in range(cfg.num_layers)
    )


def parameter_parts(cfg: ModelConfig) -> list[tuple[str, str, int]]:
    """(part code, formula, count) for each part of the model, in forward order: the
    embedding (text), the recurrent stack and the head (nn.Linear; Keras calls it Dense).
    Their counts add up to the total of parameter_table, so a page can show the sum."""
    h, d = cfg.hidden_size, cfg.num_directions
    out = cfg.vocab_size if cfg.mode == "char_lm" else cfg.output_size
    parts = []
    if cfg.mode == "char_lm":
        parts.append(
            ("embedding", f"{cfg.vocab_size} · {cfg.input_size}", cfg.vocab_size * cfg.input_size)
        )
    parts.append(("recurrent", "Σ D·G·H·(I + H + 2)", recurrent_parameter_count(cfg)))
    width = f"{h}·{d}" if d > 1 else f"{h}"
    if cfg.head == "linear":
        parts.append(("head", f"{out} · ({width} + 1)", out * (h * d + 1)))  # weight + bias
    return parts


def _layer_groups(cfg: ModelConfig) -> list[tuple[str, int, int]]:
    """(label, input width, layers in group): every layer above the first reads the same width."""
    groups = [(t("summary.formula.layer", n=0), cfg.input_size, 1)]
    if cfg.num_layers == 2:
        groups.append((t("summary.formula.layer", n=1), layer_input_size(cfg, 1), 1))
    elif cfg.num_layers > 2:
        groups.append(
            (
                t("summary.formula.layers", last=cfg.num_layers - 1),
                layer_input_size(cfg, 1),
                cfg.num_layers - 1,
            )
        )
    return groups


def keras_note() -> str:
    """Why PyTorch counts more biases than Keras (the + 2 in every formula)."""
    return t("summary.keras_note")


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
    b, steps, f, h = batch_size, seq_len, cfg.input_size, cfg.hidden_size
    d, layers = cfg.num_directions, cfg.num_layers
    rows: list[tuple[str, tuple[int, ...], str]] = []
    if cfg.mode == "char_lm":
        rows.append(("tokens", (b, steps), t("summary.shape.tokens")))
    read = t("summary.shape.embedding" if cfg.mode == "char_lm" else "summary.shape.features")
    bi = "_bi" if d > 1 else ""  # a bidirectional stack says more about its layout
    rows += [
        ("input", (b, steps, f), t("summary.shape.input", f=f, read=read)),
        ("output", (b, steps, h * d), t("summary.shape.output" + bi, h=h)),
        ("h_n", (layers * d, b, h), t("summary.shape.h_n" + bi)),
    ]
    if cfg.cell == "lstm":
        rows.append(("c_n", (layers * d, b, h), t("summary.shape.c_n")))
    rows.append(_head_shape(cfg, b, steps))
    return rows


def _head_shape(cfg: ModelConfig, b: int, steps: int) -> tuple[str, tuple, str]:
    name = t("summary.shape.head_output")
    if cfg.mode == "many_to_one":
        return (name, (b, cfg.output_size), t("summary.shape.many_to_one"))
    if cfg.mode == "many_to_many":
        return (name, (b, steps, cfg.output_size), t("summary.shape.many_to_many"))
    return (name, (b, steps, cfg.vocab_size), t("summary.shape.char_lm"))
