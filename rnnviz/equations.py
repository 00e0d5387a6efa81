"""The cell equations, as LaTeX, in PyTorch's notation and gate order."""

EQUATIONS = {
    "rnn_tanh": [r"h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})"],
    "rnn_relu": [r"h_t = \mathrm{ReLU}(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})"],
    "lstm": [
        r"i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) \quad \text{input gate}",
        r"f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \quad \text{forget gate}",
        r"g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \quad \text{candidate}",
        r"o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \quad \text{output gate}",
        r"c_t = f_t \odot c_{t-1} + i_t \odot g_t \quad \text{cell state}",
        r"h_t = o_t \odot \tanh(c_t)",
    ],
    "gru": [
        r"r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}) \quad \text{reset gate}",
        r"z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}) \quad \text{update gate}",
        r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})) \quad \text{candidate}",
        r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}",
    ],
}

WHY = {
    "rnn_tanh": "One matrix mixes the new input with the previous state. Gradients flowing back "
                "through many steps are multiplied by W_hh and tanh' again and again, so they "
                "usually vanish: a plain RNN forgets what it read long ago.",
    "rnn_relu": "Like the tanh RNN but unbounded: states and gradients can grow without limit "
                "(exploding gradients) unless the weights stay small or gradients are clipped.",
    "lstm": "The cell state c_t is updated by addition, gated by f_t: when the forget gate stays "
            "near 1 the gradient passes back almost unchanged, so an LSTM can carry information "
            "across long stretches.",
    "gru": "The update gate z_t blends the old state with a candidate: when z_t is near 1 the "
           "state (and its gradient) is carried forward unchanged. Fewer gates than an LSTM, "
           "often as good.",
}
