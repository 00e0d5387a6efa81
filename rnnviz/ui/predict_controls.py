"""Widget groups of the Predict page."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures
from rnnviz.i18n import t
from rnnviz.predict import evaluate, forecast, future_index, generate, predictor_label
from rnnviz.safe import md
from rnnviz.samples import SAMPLES
from rnnviz.ui import state


def _season_default(run) -> int:
    sample = SAMPLES.get(run.origin.sample)
    s = sample.season if sample is not None and sample.season else 12
    return max(s, run.data.cfg.horizon)


def series_evaluation(run) -> None:
    """The run's test set and forecast: its own data, whatever the Data page holds now."""
    data, job = run.data, run.job
    a, b = st.columns(2)
    season = a.number_input(t("predict.season"), 1, 10_000, _season_default(run), key="season",
                            help=t("predict.season_help"))
    steps = b.number_input(t("predict.forecast_steps"), 1, 500, min(30, data.cfg.window * 2),
                           key="forecast_steps")
    if season < data.cfg.horizon:
        st.error(t("predict.season_too_short", horizon=data.cfg.horizon))
        season = None
    ev = evaluate(job.model, data, season=season)
    st.subheader(t("predict.test_title"))
    # The engine keys predictors by code; the table and the caption show their names.
    table = pd.DataFrame(ev.metrics).T.rename(index=predictor_label)
    table = table.rename_axis(t("predict.col.predictor")).reset_index()
    st.dataframe(table.style.format({"MAE": "{:.4g}", "RMSE": "{:.4g}"}), hide_index=True)
    best = min(ev.metrics, key=lambda k: ev.metrics[k]["RMSE"])
    st.caption(t("predict.best", best=predictor_label(best), target=md(data.cfg.target)))
    fc = forecast(job.model, data, int(steps))
    fx = future_index(data.index, len(fc), data.cfg.horizon)
    st.plotly_chart(figures.prediction_figure(ev.index, ev.actual, ev.predictions,
                                              forecast_x=fx, forecast=fc), width="stretch",
                    key="prediction_chart")
    if len(fc) < steps:
        st.caption(t("predict.one_value"))
    # Headed by codes: the same CSV header in every language.
    st.download_button(t("predict.download"), ev.frame().to_csv(index=False).encode(),
                       "predictions.csv", "text/csv", key="download_predictions")


def text_generation(run) -> None:
    """Text from the run's model, read and written with its own vocabulary."""
    data, job = run.data, run.job
    cfg = job.model.cfg
    if cfg.bidirectional:
        st.warning(t("predict.bidirectional"))
    prompt = st.text_input(t("predict.prompt"), "ROMEO:", key="prompt", max_chars=500)
    a, b, c = st.columns(3)
    temp = a.slider(t("predict.temperature"), 0.1, 2.0, 0.8, 0.1, key="temperature",
                    help=t("predict.temperature_help"))
    length = b.slider(t("predict.length"), 20, 1000, 300, 20, key="gen_length")
    unit = c.number_input(t("predict.unit"), 0, cfg.hidden_size * cfg.num_directions - 1, 0,
                          key="gen_unit")
    if st.button(t("predict.generate"), key="generate", type="primary"):
        state.GENERATED.set(generate(job.model, data.vocab, prompt, int(length), float(temp),
                                     seed=int(np.random.randint(1 << 30))))
    gen = state.GENERATED.get()
    if gen is None:
        st.info(t("predict.press_generate"))
        return
    if gen.skipped:
        st.warning(t("predict.skipped", chars=" ".join(map(md, gen.skipped))))  # "$", "*" as typed
    st.code(gen.text, language=None, wrap_lines=True)
    st.plotly_chart(figures.char_activation_figure(gen.text, gen.activations[:, int(unit)]),
                    width="stretch", key="char_activation")
