"""The cell equations, as LaTeX, in PyTorch's notation and gate order.

The LaTeX is the same in every language; the name written beside a line (\\text{forget
gate}) and the prose of `why` come from the catalog when they are read.
"""

from rnnviz.i18n import t
from rnnviz.model.summary import gate_label

# (LaTeX, the letter whose name is written beside it, or None)
EQUATIONS: dict[str, list[tuple[str, str | None]]] = {
    "rnn_tanh": [(r"h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})", None)],
    "rnn_relu": [(r"h_t = \mathrm{ReLU}(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})", None)],
    "lstm": [
        (r"i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})", "i"),
        (r"f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})", "f"),
        (r"g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})", "g"),
        (r"o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})", "o"),
        (r"c_t = f_t \odot c_{t-1} + i_t \odot g_t", "c"),
        (r"h_t = o_t \odot \tanh(c_t)", None),
    ],
    "gru": [
        (r"r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})", "r"),
        (r"z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})", "z"),
        (r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))", "n"),
        (r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}", None),
    ],
}


def equations(cell: str) -> list[str]:
    """The cell's equations for st.latex, each gate's line named in the current language."""
    return [
        latex if part is None else rf"{latex} \quad \text{{{gate_label(part)}}}"
        for latex, part in EQUATIONS[cell]
    ]


def why(cell: str) -> str:
    """Why this cell remembers or forgets (Markdown)."""
    return t(f"model.why.{cell}")
