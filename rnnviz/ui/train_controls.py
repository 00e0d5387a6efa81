"""Widget groups of the Train page, and the fragment that polls the training job."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, replace

import numpy as np
import streamlit as st

from rnnviz import figures
from rnnviz.data.labels import LabelledData
from rnnviz.data.text import TextData
from rnnviz.i18n import t
from rnnviz.model.classifier import ClassifierConfig
from rnnviz.script import writer
from rnnviz.server.limits import training_request
from rnnviz.session.run import Run, run_bytes
from rnnviz.session.schema import get
from rnnviz.train import loss_log, run_length
from rnnviz.train.device import cuda_name
from rnnviz.train.history import history_frame
from rnnviz.train.job import TrainConfig
from rnnviz.train.worker import run_limit_minutes
from rnnviz.ui import (
    data_controls,
    fields,
    follow,
    guards,
    jobs,
    model_controls,
    poll,
    runs,
    state,
)

MAX_POINTS = 2000  # loss points drawn: enough to read the curve, cheap to redraw twice a second
LOG_LINES = 12  # a longer loss log scrolls in a box of LOG_HEIGHT pixels
LOG_HEIGHT = 320


def settings():
    cur = state.train_cfg()
    data_controls.show_role_warnings()  # before Train: a counter as target, too few pairs
    gpu = cuda_name()
    a, b, c, d = st.columns(4)
    devices = ["cpu", "cuda"] if gpu else ["cpu"]  # the machine's choice: not in links
    device = a.selectbox(
        t("train.device"),
        devices,
        index=devices.index(cur.device) if cur.device in devices else 0,
        format_func=lambda v: f"CUDA · {gpu}" if v == "cuda" else "CPU",
        key="device",
    )
    if not gpu:
        a.caption(t("train.no_gpu"))
    optimizer = fields.choice(b, get(TrainConfig, "optimizer"), cur.optimizer)
    # Marks plus the current value: a link's lr=0.002 or bs=100 is shown, not snapped.
    lr = fields.number(c, get(TrainConfig, "lr"), cur.lr)
    batch = fields.number(d, get(TrainConfig, "batch_size"), cur.batch_size)
    e, f, g = st.columns(3)
    auto = runs.auto_epochs(int(batch))
    s = get(TrainConfig, "epochs")
    if auto is not None and state.widget(s.widget).get() != auto:
        state.widget(s.widget).set(auto)  # before the widget exists: the box shows it
    epochs = fields.number(e, s, cur.epochs if auto is None else auto, on_change=_AUTO.pop)
    clip = fields.number(f, get(TrainConfig, "clip_grad_norm"), cur.clip_grad_norm)
    seed = fields.number(g, get(TrainConfig, "seed"), cur.seed)
    new = replace(
        cur,
        device=device,
        optimizer=optimizer,
        lr=float(lr),
        batch_size=int(batch),
        epochs=int(epochs),
        clip_grad_norm=float(clip),
        seed=int(seed),
        **_best_settings(cur),
    )
    _estimate_line(e, new)
    state.set_train_cfg(new)
    if auto is not None:
        _AUTO.set(new)  # still the data's choice: it follows the next data set
    return new


def _best_settings(cur: TrainConfig) -> dict:
    """Validation cadence, early stopping and keeping the best weights: folded away, since
    their defaults suit most runs."""
    with st.expander(t("best.section"), icon=":material/star:"):
        a, b, c = st.columns(3)
        restore = fields.toggle(a, get(TrainConfig, "restore_best"), cur.restore_best)
        patience = fields.number(b, get(TrainConfig, "patience"), cur.patience)
        val_every = fields.number(c, get(TrainConfig, "val_every"), cur.val_every)
    return {"restore_best": bool(restore), "patience": int(patience), "val_every": int(val_every)}


# The train config whose epochs the page took from the data; the user typing epochs drops
# it. A link's or a lesson's config is another object, so its epochs win.
_AUTO = state.AUTO_TRAIN_CFG


def _estimate_line(where, cfg: TrainConfig) -> None:
    data = state.prepared()
    if data is None:
        return
    pairs = (
        len(data.rows("train")) if isinstance(data, LabelledData) else data.windows.count("train")
    )
    steps, seconds = run_length.estimate(
        pairs, cfg.batch_size, cfg.epochs, runs.seconds_per_step(cfg)
    )
    shown = f"{seconds:.1f}" if seconds < 10 else f"{seconds:,.0f}"
    where.caption(t("roles.plan.estimate", steps=f"{steps:,}", seconds=shown))
    minutes = run_limit_minutes()
    if (at := run_length.steps_by_limit(steps, seconds, minutes)) is not None:
        unit, amount = run_length.duration(seconds)
        st.warning(
            t(
                "fairness.over_limit",
                time=t(f"fairness.{unit}", n=amount),
                minutes=f"{minutes:g}",
                at=f"{at:,}",
                steps=f"{steps:,}",
            ),
            icon=":material/timer:",
        )


def _on_stop() -> None:
    job = jobs.get()
    if job is not None:
        job.stop()
        job.join(5)


def _on_resume(cfg) -> None:
    """Resume passes the same gate as Train: a loaded model may be over the caps, and the
    new settings may ask for a larger batch. The run stays: its job goes on with its data."""
    job = jobs.get()
    if job is not None:
        model_cfg = job.model.cfg
        if isinstance(model_cfg, ClassifierConfig):  # sized as its recurrent stack
            model_cfg = model_cfg.stack_config()
        asked = training_request(model_cfg, cfg, job.windows.window)
        state.TRAIN_REFUSED.set(jobs.resume("main", [asked], cfg))


def buttons(cfg) -> None:
    """Clicks act in callbacks, before the page is drawn, so every button shows the new state."""
    job = jobs.get()
    running = job is not None and (job.status().active or runs.waiting_ahead(job) is not None)
    can_resume = (
        job is not None
        and not running
        and job.status().state in ("idle", "stopped", "done", "diverged")
    )
    a, b, c, d, _ = st.columns([1, 1, 1, 1, 3])
    a.button(
        t("train.train"),
        icon=":material/play_arrow:",
        key="train",
        type="primary",
        disabled=running,
        width="stretch",
        on_click=runs.on_train,
        args=(cfg,),
    )
    b.button(
        t("train.stop"),
        icon=":material/stop:",
        key="stop",
        disabled=not running,
        width="stretch",
        on_click=_on_stop,
    )
    c.button(
        t("train.resume"),
        icon=":material/resume:",
        key="resume",
        disabled=not can_resume,
        width="stretch",
        on_click=_on_resume,
        args=(cfg,),
        help=t("train.resume_help"),
    )
    d.button(
        t("train.reset"),
        icon=":material/restart_alt:",
        key="reset",
        disabled=job is None,
        width="stretch",
        on_click=_on_reset,
        help=t("train.reset_help"),
    )
    if (minutes := run_limit_minutes()) is not None:  # said before anyone trains
        st.caption(t("fairness.limit_note", minutes=f"{minutes:g}"), help=jobs.rules())
    if refused := state.TRAIN_REFUSED.get():
        state.TRAIN_REFUSED.pop()
        st.error(refused)
    run = state.run()
    if job is None or run is None or run.job is not job:
        return
    ds = state.dataset()
    if ds is not None and run.fits(ds.digest, state.prep_cfg()):
        if run.model_cfg != model_controls.run_cfg():  # the Model page changed it
            st.warning(t("train.changed"))
    else:
        guards.other_data(run, go=False)


def _on_reset() -> None:
    jobs.drop()
    state.set_run(None)


def _thin(x, y, n=MAX_POINTS):
    if len(x) <= n:
        return np.asarray(x), np.asarray(y)
    idx = np.linspace(0, len(x) - 1, n).round().astype(int)
    return np.asarray(x)[idx], np.asarray(y)[idx]


def _progress(s) -> None:
    follow.status_bar(s)
    show = {
        "running": st.info,
        "done": st.success,
        "stopped": st.info,
        "diverged": st.error,
        "error": st.error,
    }.get(s.state)
    if s.state == "stopped" and s.time_limited:
        show = st.warning  # the server's limit, not the user's Stop
    if s.message and show:
        show(s.message)
    elif s.active:
        st.info(t("train.training"))


def _panel() -> None:
    job = jobs.get()
    if job is None:
        st.info(t("train.press_train"))
        return
    s = job.status()
    if (note := jobs.waiting_note(job)) is not None:
        st.info(note, icon=":material/schedule:")
    elif state.TRAIN_SEEN.get() == "waiting":
        st.rerun()  # its turn came while the fragment polled: buttons and sidebar follow
    _progress(s)
    ts, tl = _thin(s.train_steps, s.train_loss)
    vs, vl = _thin(s.val_steps, s.val_loss)
    run = state.run()
    data = run.data if run is not None and run.job is job else None
    text = isinstance(data, TextData)  # cross-entropy in nats, against ln(vocabulary)
    classes = isinstance(data, LabelledData)  # cross-entropy too, against ln(classes)
    kept = job.cfg.restore_best and s.best_step is not None  # the weights the run keeps
    st.plotly_chart(
        figures.loss_figure(
            ts,
            tl,
            vs,
            vl,
            loss=None if data is None else "cross_entropy" if text or classes else "mse",
            vocab_size=len(data.vocab) if text else len(data.classes) if classes else None,
            best_step=s.best_step if kept else None,
            best_loss=s.best_val_loss if kept else None,
        ),
        width="stretch",
        key="loss_chart",
    )
    if data is not None:
        st.caption(loss_caption(data))
    if classes and getattr(s, "val_acc", None):  # a classifier: the number it is judged by
        st.markdown(t("names.val_acc", acc=s.val_acc[-1], epoch=len(s.val_acc)))
    _loss_log(job, s)
    if state.TRAIN_SEEN.get() == "running" and s.state != "running":
        st.rerun()  # the job ended while only the fragment was polling: redraw the whole page


def _loss_log(job, s) -> None:
    """The losses as the tutorials print them, so the number is read, not hovered for."""
    per_epoch = max(1, math.ceil(job.windows.count("train") / job.cfg.batch_size))
    lines = loss_log.status_lines(s, job.cfg.epochs, per_epoch)
    if not lines:
        return
    st.markdown(f"**{t('train.loss_log')}**")
    st.code(
        "\n".join(lines),
        language=None,
        height=LOG_HEIGHT if len(lines) > LOG_LINES else "content",
    )
    st.caption(t("train.loss_log_caption"))


def loss_caption(data) -> str:
    """What the loss numbers are: MSE on the scaled target, or cross-entropy for text."""
    if isinstance(data, TextData):
        return t("roles.loss.text")
    if isinstance(data, LabelledData):
        return t("names.loss_caption", classes=len(data.classes))
    return t(f"roles.loss.{data.cfg.scaling}")


def downloads(run: Run) -> None:
    """The trained weights with their config and data, the config alone, and the loss
    history. The model file is built on click (it carries the run's data: megabytes)."""
    job = run.job
    s = job.status()
    if s.active or s.step == 0:
        return
    code = _script_settings(run)
    download_buttons(
        s,
        model=(lambda: run_bytes(run), "rnnviz-model.safetensors"),
        settings={"model": job.model.cfg.to_dict(), "training": asdict(job.cfg)},
        script=(lambda: writer.pytorch_script(code), writer.file_name(code, ".py")),
        notebook=(lambda: writer.notebook(code), writer.file_name(code, ".ipynb")),
        script_help=t(code.help_key),
    )


def download_buttons(s, model, settings: dict, script, notebook, script_help=None) -> None:
    """A finished run's five downloads (`s`: its status); `model`, `script` and `notebook`
    are (build on click, file name)."""
    a, b, c = st.columns(3)
    a.download_button(
        t("train.download_model"),
        icon=":material/download:",
        data=model[0],
        file_name=model[1],
        mime="application/octet-stream",
        key="download_model",
    )
    b.download_button(
        t("train.download_config"),
        icon=":material/download:",
        key="download_config",
        data=json.dumps(settings, indent=2),
        file_name="rnnviz-settings.json",
        mime="application/json",
    )
    c.download_button(
        t("train.download_history"),
        icon=":material/download:",
        key="download_history",
        data=history_frame(s).to_csv(index=False),
        file_name="rnnviz-history.csv",
        mime="text/csv",
    )
    d, e, _ = st.columns(3)
    d.download_button(
        t("train.download_script"),
        icon=":material/code:",
        key="download_script",
        data=script[0],
        mime="text/x-python",
        file_name=script[1],
        help=script_help,
    )
    e.download_button(
        t("train.download_notebook"),
        icon=":material/book:",
        key="download_notebook",
        data=notebook[0],
        file_name=notebook[1],
        mime="application/x-ipynb+json",
    )


def _script_settings(run: Run) -> writer.ScriptSettings:
    """The run's settings for the exported script; the data set when the page still holds
    the one the run was prepared from (it names the column rows were sorted by)."""
    ds = state.dataset()
    fits = ds is not None and run.fits(ds.digest, state.prep_cfg())
    return writer.settings_for(run, ds if fits else None)


def live_panel() -> None:
    job = jobs.get()
    seen = job.status().state if job is not None else None
    if runs.waiting_ahead(job) is not None:
        seen = "waiting"  # in the server's queue (rnnviz.server.train_queue): poll for its turn
    state.TRAIN_SEEN.set(seen)  # what this full run drew the buttons and sidebar for
    poll.fragment(_panel, polling=seen in ("running", "waiting"))()
