"""Helpers for AppTest page tests."""

import base64
import json
import threading
import time

import numpy as np
from streamlit.testing.v1 import AppTest

TEMPERATURE_CSV = (
    "Date,Temp\n"
    + "\n".join(f"2020-01-{d:02d},{10 + (d % 7) * 1.5:.1f}" for d in range(1, 29))
    + "\n"
    + "\n".join(f"2020-02-{d:02d},{11 + (d % 5):.1f}" for d in range(1, 29))
    + "\n"
).encode()


def task_job(**kw):
    """A small GRU TrainJob on the adding problem (no data set needed), on the CPU."""
    from rnnviz.experiments.tasks import make_task
    from rnnviz.model.network import ModelConfig, build_model
    from rnnviz.train.job import TrainConfig, TrainJob

    cfg = TrainConfig(batch_size=32, lr=0.01, device="cpu", **kw)
    return TrainJob(
        build_model(ModelConfig(cell="gru", input_size=2, hidden_size=8)),
        make_task("adding", 256, 10),
        cfg,
    )


def stop_at(job, step: int):
    """Make `job` stop itself once its step counter reads `step` (from inside the loop:
    deterministic, no timing); returns the real step function, to put back."""
    real = job._train_step

    def step_then_stop():
        loss = real()
        if job._status.step == step:
            job.stop()
        return loss

    job._train_step = step_then_stop
    return real


def join_workers(timeout=120.0) -> None:
    """Wait for every training thread (AppTest's run_every timers do not fire)."""
    for t in threading.enumerate():
        if t.name == "rnnviz-train":
            t.join(timeout)


def page(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, at.exception
    return at


def load_sample(at: AppTest, key: str) -> AppTest:
    page(at, "data")
    if at.segmented_control(key="data_source").value != "Sample":  # it opens on an upload's
        at.segmented_control(key="data_source").set_value("Sample").run()
    at.selectbox(key="sample_choice").set_value(key).run()
    at.button(key="use_sample").click().run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    page(at, "data")
    at.segmented_control(key="data_source").set_value("Upload").run()
    at.file_uploader(key="data_upload").upload(name, content, "text/csv").run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def train(at: AppTest, epochs: int = 2) -> AppTest:
    page(at, "train")
    at.number_input(key="epochs").set_value(epochs).run()
    at.button(key="train").click().run()
    join_workers()
    at.run()
    assert not at.exception, at.exception
    return at


def run_race(at: AppTest, steps: int = 20, bi: bool = False, deep: bool = False) -> AppTest:
    """Start a Compare race of `steps` steps and wait for it to finish."""
    page(at, "compare")
    if bi:
        at.checkbox(key="race_bi").check().run()
    if deep:
        at.checkbox(key="race_deep").check().run()
    at.number_input(key="race_steps").set_value(steps).run()
    at.button(key="race_start").click().run()
    assert not at.exception, at.exception
    join_workers()
    at.run()
    assert not at.exception, at.exception
    return at


def chart_spec(at: AppTest, key: str) -> dict:
    """The plotly spec of the chart drawn with this key."""
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.key == key)


def spec_array(value) -> np.ndarray:
    """A spec's array as float64: a list, or {"dtype", "bdata"} (base64), which is how
    plotly writes numpy arrays."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]).astype(float)
    return np.asarray(value, np.float64)


def until(cond, timeout: float = 30.0) -> bool:
    """Whether `cond()` came true within `timeout` seconds (a training thread's state)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.01)
    return cond()
