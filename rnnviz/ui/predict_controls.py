"""Widget groups of the Predict page."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures
from rnnviz.analysis.predict import (
    evaluate,
    forecast,
    future_index,
    generate,
    predict_split,
    predictor_label,
)
from rnnviz.data.samples import SAMPLES
from rnnviz.data.text import cleaned, default_prompt
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.server.limits import RunRequest
from rnnviz.session.schema import get
from rnnviz.train.job import TrainConfig
from rnnviz.ui import figcache, honest, jobs, state


def _season_default(run) -> int:
    """The run's own season (the time axis' frequency), a sample's, or 0: none."""
    sample = SAMPLES.get(run.origin.sample)
    s = getattr(run.data.cfg, "season", None) or (sample.season if sample is not None else None)
    return max(s, run.data.cfg.horizon) if s else 0


def shown_split(data) -> str:
    """The part the predictions are shown on: the test part, or the training rows of a run
    that held nothing back (a test share of 0, as a tutorial trains)."""
    return "test" if data.windows.count("test") else "train"


def series_evaluation(run) -> None:
    """The run's test set and forecast: its own data, whatever the Data page holds now."""
    data = run.data
    split = shown_split(data)
    a, b = st.columns(2)
    season = (
        a.number_input(
            t("predict.season"),
            0,
            10_000,
            _season_default(run),
            key="season",
            help=t("predict.season_help"),
        )
        or None
    )
    steps = int(
        b.number_input(
            t("predict.forecast_steps"), 1, 500, min(30, data.cfg.window * 2), key="forecast_steps"
        )
    )
    if season is not None and season < data.cfg.horizon:
        st.error(t("predict.season_too_short", horizon=data.cfg.horizon))
        season = None
    output = _output_choice(data)
    column = _outputs(data)[output]
    model = figcache.model_key(run)  # what the model computes is kept until its weights change
    view = (model, season, output, split)
    ev = figcache.kept(
        "predict_eval",
        view,
        lambda: evaluate(
            run.model,
            data,
            season=season,
            split=split,
            output=output,
            scaled=test_outputs(run, model, split),
        ),
        run=run,
    )
    if split == "train":
        st.subheader(t("predict.train_title"))
        st.info(t("predict.no_test"), icon=":material/info:")
    else:
        st.subheader(t("predict.test_title"))
    # The engine keys predictors by code; the table and the caption show their names.
    table = pd.DataFrame(ev.metrics).T.rename(index=predictor_label)
    table = table.rename_axis(t("predict.col.predictor")).reset_index()
    st.dataframe(table.style.format({"MAE": "{:.4g}", "RMSE": "{:.4g}"}), hide_index=True)
    best = min(ev.metrics, key=lambda k: ev.metrics[k]["RMSE"])
    st.caption(t("predict.best", best=predictor_label(best), target=md(column)))
    if split == "test":  # how far past training, and a baseline's win, are the test's
        honest.outside_line(data)
        _loses(run, ev.metrics, season)
    fc = figcache.kept(
        "predict_forecast", (model, steps), lambda: forecast(run.model, data, steps), run=run
    )
    fc = fc[:, output] if fc.ndim == 2 else fc  # [n, K]: the column shown
    fig = figcache.cached(
        "prediction",
        (view, steps),
        lambda: figures.prediction_figure(
            ev.index,
            ev.actual,
            ev.predictions,
            forecast_x=future_index(data.index, len(fc), data.cfg.horizon),
            forecast=fc,
            zoom=honest.zoom_points(data),
        ),
        run=run,
    )
    st.plotly_chart(fig, width="stretch", key="prediction_chart")
    if points := figures.thinned(fig).get("points"):
        st.caption(t("predict.points_thinned", shown=points[0], total=points[1]))
    if len(fc) < steps:
        st.caption(t("predict.one_value"))
    # Headed by codes: the same CSV header in every language; written once per view.
    csv = figcache.kept(
        "predict_csv", view, lambda: ev.frame().to_csv(index=False).encode(), run=run
    )
    st.download_button(
        t("predict.download"), csv, "predictions.csv", "text/csv", key="download_predictions"
    )


def test_outputs(run, model_key, split: str = "test") -> np.ndarray:
    """The model's (scaled) outputs [N, K] for every window of the run's `split` (its test
    part): the one heavy step of the page, run once for each state of the weights
    (`model_key`)."""

    def run_model():
        with st.spinner(t("predict.evaluating", n=run.data.windows.count(split))):
            return predict_split(run.model, run.data.windows, split)

    return figcache.kept("predict_test", (model_key, split), run_model, run=run)


def _outputs(data) -> tuple[str, ...]:
    """The run's predicted columns, the target first."""
    return tuple(getattr(data.cfg, "outputs", (data.cfg.target,)))


def _output_choice(data) -> int:
    """Which predicted column the charts show (only asked when there are several)."""
    outputs = _outputs(data)
    if len(outputs) < 2:
        return 0
    if state.PREDICT_OUTPUT.get() not in (None, *range(len(outputs))):
        state.PREDICT_OUTPUT.pop()  # another run, fewer outputs
    return st.selectbox(
        t("targets.output"),
        range(len(outputs)),
        key=state.PREDICT_OUTPUT.key,
        format_func=outputs.__getitem__,
        help=t("targets.output_help"),
    )


BASELINES = ("last_value", "seasonal")  # evaluation codes the model is compared with
_LONGER_REFUSED = state.LONGER_REFUSED


def longer_epochs(epochs: int) -> int:
    """Twice the steps, within the schema's bounds for epochs."""
    return int(min(get(TrainConfig, "epochs").hi, 2 * epochs))


def _loses(run, metrics: dict, season: int | None = None) -> None:
    """Say so when a naive baseline beats the model, and offer to train it longer."""
    model = metrics["model"]["RMSE"]
    better = {
        code: metrics[code]["RMSE"]
        for code in BASELINES
        if code in metrics and np.isfinite(metrics[code]["RMSE"]) and metrics[code]["RMSE"] < model
    }
    if refused := _LONGER_REFUSED.get():
        _LONGER_REFUSED.pop()
        st.error(refused)
    if not better or not np.isfinite(model):
        return
    best = min(better, key=better.get)
    st.warning(
        t(
            honest.loses_key(run),
            baseline=predictor_label(best),
            model=f"{model:.4g}",
            best=f"{better[best]:.4g}",
        ),
        icon=":material/trending_down:",
    )
    honest.causes_section(run, best, season)
    if honest.frozen(run) is not None:  # more epochs at this rate move the weights no further
        return
    epochs, more = run.job.cfg.epochs, longer_epochs(run.job.cfg.epochs)
    if more <= epochs:
        st.info(t("roles.at_most", epochs=epochs))
        return
    st.button(
        t("roles.train_longer", epochs=more),
        key="train_longer",
        type="primary",
        icon=":material/update:",
        help=t("roles.train_longer_help", epochs=more),
        disabled=jobs.get() is not run.job,
        on_click=_train_longer,
        args=(run,),
    )


def _train_longer(run) -> None:
    """Resume the run's own job with more epochs, through the same gate as Train."""
    job = run.job
    if jobs.get() is not job or job.status().active:
        return
    cfg = replace(job.cfg, epochs=longer_epochs(job.cfg.epochs))
    asked = RunRequest(job.model.cfg, cfg.batch_size, job.windows.window)
    refused = jobs.resume("main", [asked], cfg)
    if refused:
        _LONGER_REFUSED.set(refused)
        return
    state.set_train_cfg(replace(state.train_cfg(), epochs=cfg.epochs))  # Train shows it


def text_generation(run) -> None:
    """Text from the run's model, read and written with its own vocabulary."""
    data, job = run.data, run.job
    cfg = job.model.cfg
    if cfg.bidirectional:
        st.warning(t("predict.bidirectional"))
    # A line of the run's own text: its characters are the model's (Chinese for Chinese).
    prompt = st.text_input(
        t("predict.prompt"), default_prompt(data.text), key="prompt", max_chars=500
    )
    a, b, c = st.columns(3)
    temp = a.slider(
        t("predict.temperature"),
        0.1,
        2.0,
        0.8,
        0.1,
        key="temperature",
        help=t("predict.temperature_help"),
    )
    length = b.slider(t("predict.length"), 20, 1000, 300, 20, key="gen_length")
    unit = c.number_input(
        t("predict.unit"), 0, cfg.hidden_size * cfg.num_directions - 1, 0, key="gen_unit"
    )
    if st.button(t("predict.generate"), key="generate", type="primary"):
        state.GENERATED.set(
            generate(
                job.model,
                data.vocab,
                cleaned(prompt, data.cfg),  # "ROMEO" read as a lower-cased text's "romeo"
                int(length),
                float(temp),
                seed=int(np.random.randint(1 << 30)),
            )
        )
    gen = state.GENERATED.get()
    if gen is None:
        st.info(t("predict.press_generate"))
        return
    if gen.skipped:
        st.warning(t("predict.skipped", chars=" ".join(map(md, gen.skipped))))  # "$", "*" as typed
    st.code(gen.text, language=None, wrap_lines=True)
    st.plotly_chart(
        figures.char_activation_figure(gen.text, gen.activations[:, int(unit)]),
        width="stretch",
        key="char_activation",
    )
