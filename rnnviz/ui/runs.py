"""Session actions on the run: start one on the current data, and the default length of
one. A button on any page (Train, the Data page's "train a new model", a guard) starts a
run through here, so no page's widgets import another page's."""

from __future__ import annotations

from dataclasses import replace

from rnnviz.data.labels import LabelledData
from rnnviz.i18n import t
from rnnviz.model.classifier import build_classifier
from rnnviz.model.network import build_model
from rnnviz.server import train_queue
from rnnviz.server.limits import training_request
from rnnviz.session.run import Origin, Run
from rnnviz.train import run_length, steptime
from rnnviz.train.classify_job import ClassifyJob
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.ui import jobs, model_controls, names_baselines, state


def _train_pairs() -> int | None:
    data = state.prepared()
    if isinstance(data, LabelledData):
        return None  # a classifier's length is its own (CLASS_EPOCHS), not a step count
    return data.windows.count("train") if data is not None else None


def seconds_per_step(cfg: TrainConfig) -> float | None:
    """The current job's measured speed when it trains this data with this batch size and
    model; otherwise a few steps of this model on this data, timed (rnnviz.train.steptime: its
    vocabulary can make a step 100x what its window and size suggest); a guess from the
    window and the model's size while those are not timed in time."""
    data, job, run = state.prepared(), jobs.get(), state.run()
    if data is None or isinstance(data, LabelledData):
        return None
    mcfg, batch_size = model_controls.effective_cfg(), cfg.batch_size
    if (
        job is not None
        and run is not None
        and run.job is job
        and run.data is data
        and job.cfg.batch_size == batch_size
        and job.model.cfg == mcfg
    ):
        rate = job.status().samples_per_s
        if rate > 0:
            return batch_size / rate
    if (timed := steptime.measure(mcfg, data, cfg, wait=steptime.WAIT_S)) is not None:
        return timed
    return run_length.guess_seconds_per_step(data.windows.window, mcfg.hidden_size, mcfg.num_layers)


def auto_epochs(batch_size: int) -> int | None:
    """Epochs from the data (rnnviz.train.run_length: at least ~500 steps) while the user has not
    chosen
    any: the session holds no train config yet, or the one this page last set itself."""
    held = state.TRAIN_CFG.get()
    pairs = _train_pairs()
    if pairs is None or (held is not None and held is not state.AUTO_TRAIN_CFG.get()):
        return None
    cfg = replace(state.train_cfg(), batch_size=batch_size)
    return run_length.default_epochs(pairs, batch_size, seconds_per_step(cfg))


def start_training(cfg) -> str | None:
    """A new run: a fresh model trained on the current data, which the run keeps whatever
    the Data page does next. Returns a message when nothing was started."""
    job = jobs.get()
    if job is not None and (job.status().active or waiting_ahead(job) is not None):
        return t("train.already_running")
    data, ds = state.prepared(), state.dataset()
    if data is None:
        return t("guard.no_data")
    mcfg = model_controls.effective_cfg()
    if isinstance(data, LabelledData):
        return _start_classifier(cfg, data, mcfg, ds)
    refused = jobs.start(
        "main",
        [training_request(mcfg, cfg, model_controls.seq_len())],
        lambda: TrainJob(build_model(mcfg, seed=cfg.seed), data.windows, cfg),
    )
    if refused:
        return refused
    state.set_run(Run(jobs.get(), data, Origin.of(ds)))
    return None


def _start_classifier(cfg: TrainConfig, data: LabelledData, mcfg, ds) -> str | None:
    ccfg = model_controls.run_cfg()
    refused = jobs.start(
        "main",
        [training_request(mcfg, cfg, int(data.ids.shape[1]))],
        lambda: ClassifyJob(build_classifier(ccfg, seed=cfg.seed), data, cfg),
    )
    if refused:
        return refused
    state.set_run(Run(jobs.get(), data, Origin.of(ds)))
    names_baselines.start(ds.digest, data)  # ready by the time training ends
    return None


def on_train(cfg) -> None:
    """A new run, the refusal kept for the Train page to show (a button's callback)."""
    state.TRAIN_REFUSED.set(start_training(cfg))


def train_now() -> None:
    """Train with the Train page's last settings (a button on another page); a refusal
    is shown on the Train page."""
    cfg = state.train_cfg()
    auto = auto_epochs(cfg.batch_size)
    on_train(cfg if auto is None else replace(cfg, epochs=auto))


def waiting_ahead(job) -> int | None:
    """How many jobs wait before this one for one of the server's training slots; None
    when it is not waiting (training, finished, or never queued)."""
    return train_queue.server().ahead(job) if job is not None else None
