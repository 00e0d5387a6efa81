"""Widget groups of the Predict page."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures
from rnnviz.predict import evaluate, forecast, future_index, generate
from rnnviz.ui import state


def _season_default(data) -> int:
    ds = state.dataset()
    s = ds.sample.season if ds is not None and ds.sample is not None and ds.sample.season else 12
    return max(s, data.cfg.horizon)


def series_evaluation(job) -> None:
    data = state.prepared()
    a, b = st.columns(2)
    season = a.number_input("Season length for the seasonal-naive baseline (steps)", 1, 10_000,
                            _season_default(data), key="season",
                            help="e.g. 12 for monthly data with a yearly cycle, 7 for daily data "
                                 "with a weekly one.")
    steps = b.number_input("Forecast steps past the end", 1, 500, min(30, data.cfg.window * 2),
                           key="forecast_steps")
    if season < data.cfg.horizon:
        st.error(f"The season length must be at least the horizon ({data.cfg.horizon}).")
        season = None
    ev = evaluate(job.model, data, season=season)
    st.subheader("Test set: model against naive baselines")
    table = pd.DataFrame(ev.metrics).T.rename_axis("predictor").reset_index()
    st.dataframe(table.style.format({"MAE": "{:.4g}", "RMSE": "{:.4g}"}), hide_index=True)
    best = min(ev.metrics, key=lambda k: ev.metrics[k]["RMSE"])
    st.caption(f"Lowest RMSE: **{best}**. Values in the target's original units "
               f"({data.cfg.target}). A model that cannot beat 'last value' has not learned "
               "more than persistence.")
    fc = forecast(job.model, data, int(steps))
    fx = future_index(data.index, len(fc), data.cfg.horizon)
    st.plotly_chart(figures.prediction_figure(ev.index, ev.actual, ev.predictions,
                                              forecast_x=fx, forecast=fc), width="stretch",
                    key="prediction_chart")
    if len(fc) < steps:
        st.caption("This model reads more than the target column; the future of the other "
                   "inputs is unknown, so it forecasts one value, `horizon` steps ahead.")
    out = pd.DataFrame({"date": ev.index, "actual": ev.actual,
                        **{k: v for k, v in ev.predictions.items()}})
    st.download_button("Download test predictions (CSV)", out.to_csv(index=False).encode(),
                       "predictions.csv", "text/csv", key="download_predictions")


def text_generation(job) -> None:
    data = state.prepared()
    cfg = job.model.cfg
    if cfg.bidirectional:
        st.warning("A bidirectional model reads the future during training, so it cannot "
                   "generate text one character at a time well. Train a unidirectional one.")
    prompt = st.text_input("Prompt", "ROMEO:", key="prompt", max_chars=500)
    a, b, c = st.columns(3)
    temp = a.slider("Temperature", 0.1, 2.0, 0.8, 0.1, key="temperature",
                    help="Low: safe, repetitive; high: adventurous, misspelt.")
    length = b.slider("Characters to generate", 20, 1000, 300, 20, key="gen_length")
    unit = c.number_input("Colour by hidden unit", 0, cfg.hidden_size * cfg.num_directions - 1, 0,
                          key="gen_unit")
    if st.button("Generate", key="generate", type="primary"):
        st.session_state["rv_generated"] = generate(job.model, data.vocab, prompt, int(length),
                                                    float(temp), seed=int(np.random.randint(1 << 30)))
    gen = st.session_state.get("rv_generated")
    if gen is None:
        st.info("Press **Generate** to sample text from the model.")
        return
    if gen.skipped:
        st.warning("Left out of the prompt (not in the vocabulary): " + " ".join(gen.skipped))
    st.code(gen.text, language=None, wrap_lines=True)
    st.plotly_chart(figures.char_activation_figure(gen.text, gen.activations[:, int(unit)]),
                    width="stretch", key="char_activation")
