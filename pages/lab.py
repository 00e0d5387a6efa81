"""Lab: check an RNN by hand, watch gradients vanish and explode, race cells on memory tasks."""

import streamlit as st

from rnnviz.ui import lab_controls as lc

TABS = {"keras": "Hand check (Keras SimpleRNN)", "gradients": "Vanishing & exploding gradients",
        "memory": "Memory tasks"}

st.title("Lab: memory & gradients")
preset = lc.preset()
start = "keras" if preset == "keras" else ("memory" if preset else None)
hand, grads, memory = st.tabs(list(TABS.values()), default=TABS.get(start))

with hand:
    st.markdown("A Keras **SimpleRNN** with 2 inputs and 3 units: "
                r"$\mathbf{h}_t = \operatorname{act}(\mathbf{x}_t K + \mathbf{h}_{t-1} R + \mathbf{b})$"
                r" with $\mathbf{h}_0 = \mathbf{0}$. Edit any number: every result follows.")
    lc.hand_check()

with grads:
    st.markdown(
        r"$\lVert \partial L / \partial \mathbf{h}_t \rVert$ says how much the loss at the end "
        "still reacts to the state at step t: where it is tiny, that step cannot learn. Watch "
        "the tanh RNN's line fall steeply towards t = 0 while the LSTM's flattens once it has "
        "learned the task; below, watch an unclipped gradient norm shoot up until the weights "
        "blow up, and clipping keep the same model training.")
    task, seq_len = lc.grad_settings()
    st.subheader("Vanishing: tanh RNN and LSTM", divider="gray")
    lc.vanishing(task, seq_len)
    st.subheader("Exploding: a ReLU RNN with large recurrent weights", divider="gray")
    st.caption("Trained with plain SGD (learning rate 0.01) in a small loop of its own that "
               "records the total gradient norm of every step before and after clipping "
               "(Adam would rescale each step and hide the blow-up).")
    lc.exploding(task, seq_len)

with memory:
    st.markdown(
        "In the adding problem two of T numbers are marked and the answer is their sum, so a "
        "model must carry the first marked number through every later step. Watch the plain "
        "RNN stay on the \"predicting the mean\" line while the LSTM and GRU fall far below "
        "it: the longer T, the clearer the gap.")
    lc.memory()
