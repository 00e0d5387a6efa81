"""Page work on a big run: Predict's reruns against its first run, and Inside's figure sizes.

1. Predict on a long series (many test windows, a wide window): seconds of the page's
   1st run (the model runs over the test set) and of its 2nd and 3rd (it must not again);
   the ratio rerun / first run.
2. Inside on a big run (hidden 512, window 200, 200 snapshots, built synthetically: no
   model is trained): the largest figure the page sends, in MB, against the figure
   budget, and the page's first run and rerun in seconds.

The pages run in AppTest in a child process: bench modules never import streamlit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import QUICK, Figure, print_section, write_summary
from rnnviz.analysis.probe import DirectionTrace, Trace
from rnnviz.data.prep import SeriesConfig, prepare_series
from rnnviz.figures.budget import FIGURE_BUDGET
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.run import Origin, Run
from rnnviz.train.job import TrainConfig, TrainJob
from rnnviz.train.snapshots import Snapshot

ROOT = Path(__file__).resolve().parent.parent
PREDICT_ROWS = 6_000 if QUICK else 40_000  # rows of the series; 15% of them are the test set
PREDICT_WINDOW, PREDICT_HIDDEN = 100, 64
INSIDE = {"hidden": 256 if QUICK else 512, "window": 200, "snapshots": 200}


def series_run(rows: int, window: int, hidden: int, seed: int = 0) -> Run:
    """An untrained LSTM on a long noisy seasonal series: Predict's test set is big."""
    rng = np.random.default_rng(seed)
    t = np.arange(rows)
    values = 10 + np.sin(2 * np.pi * t / 50) + 0.1 * rng.standard_normal(rows)
    data = prepare_series(
        pd.DataFrame({"value": values}), SeriesConfig(target="value", window=window)
    )
    cfg = model_config_for(data, ModelConfig(cell="lstm", hidden_size=hidden))
    job = TrainJob(build_model(cfg, seed=seed), data.windows, TrainConfig(device="cpu"))
    return Run(job, data, Origin("bench series"))


def _direction(rng, T: int, H: int) -> DirectionTrace:
    def state():
        return np.tanh(rng.standard_normal((T, H))).astype(np.float32)

    gates = {k: (state() + 1) / 2 for k in "if"} | {"g": state()} | {"o": (state() + 1) / 2}
    return DirectionTrace(h=state(), c=2 * state(), gates=gates)


def inside_run(hidden: int, window: int, snapshots: int, seed: int = 0) -> Run:
    """A run whose job holds `snapshots` synthetic snapshots of an LSTM with `hidden` units
    on windows of `window` steps (random states in the right ranges; nothing is trained)."""
    run = series_run(max(4 * window, 1000), window, hidden, seed)
    rng = np.random.default_rng(seed)
    probes = len(run.job.recorder.starts)
    base = [_direction(rng, window, hidden) for _ in range(probes)]
    snaps = []
    for k in range(snapshots):
        scale = (k + 1) / snapshots  # the states grow over training, as they do
        traces = [
            Trace(
                output=d.h * scale,
                inputs=run.job.recorder.x[p],
                layers=[[DirectionTrace(d.h * scale, d.c * scale, d.gates)]],
            )
            for p, d in enumerate(base)
        ]
        grads = np.abs(rng.standard_normal((1, 1, window))).astype(np.float32)
        conn = np.abs(rng.standard_normal((probes, 1, window)))
        snaps.append(Snapshot(10 * k, k, 1.0 / (k + 1), traces, grads, conn))
    run.job.snapshots = lambda: snaps  # what a long training would have recorded
    return run


# Runs in a child process (AppTest imports streamlit); prints one JSON line.
DRIVER = """
import json, sys, time
from streamlit.testing.v1 import AppTest
from bench import pagework as pw
from rnnviz.ui import state

def session(run):
    at = AppTest.from_file("app.py", default_timeout=600)
    at.run()
    ws = state.workspace(at.session_state)
    ws.put_job("main", run.job)
    ws.run = run
    return at

def timed(at, page=None):
    t0 = time.perf_counter()
    (at.switch_page(page) if page else at).run()
    assert not at.exception, at.exception
    return time.perf_counter() - t0

args = json.loads(sys.argv[1])
at = session(pw.series_run(args["rows"], args["window"], args["hidden"]))
predict = [timed(at, "views/predict.py"), timed(at), timed(at)]
at = session(pw.inside_run(**args["inside"]))
inside = [timed(at, "views/inside.py"), timed(at)]
sizes = {c.key: len(c.proto.spec) for c in at.get("plotly_chart")}
print(json.dumps({"predict": predict, "inside": inside, "sizes": sizes}))
"""


def measure() -> dict:
    args = {
        "rows": PREDICT_ROWS,
        "window": PREDICT_WINDOW,
        "hidden": PREDICT_HIDDEN,
        "inside": INSIDE,
    }
    out = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-4000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def figures_of(got: dict) -> list[Figure]:
    first, second, third = got["predict"]
    rerun = max(second, third)
    key, largest = max(got["sizes"].items(), key=lambda kv: kv[1])
    budget = FIGURE_BUDGET / 2**20
    return [
        Figure(
            "predict rerun / first run",
            f"{rerun / first:.3f} (first {first:.1f} s, 2nd {second:.2f} s, 3rd {third:.2f} s)",
            "< 0.2",
            rerun / first < 0.2,
        ),
        Figure(
            "inside largest figure MB",
            f"{largest / 2**20:.2f} ({key}; {len(got['sizes'])} charts)",
            f"<= {budget:.0f}",
            largest <= FIGURE_BUDGET,
        ),
        Figure(
            "inside rerun / first run",
            f"{got['inside'][1] / got['inside'][0]:.3f} "
            f"(first {got['inside'][0]:.1f} s, rerun {got['inside'][1]:.2f} s)",
        ),
    ]


def header() -> list[str]:
    test = int(PREDICT_ROWS * 0.15)
    return [
        f"bench.pagework: Predict on {PREDICT_ROWS} rows (~{test} test windows of "
        f"{PREDICT_WINDOW} steps, LSTM {PREDICT_HIDDEN}); Inside with hidden "
        f"{INSIDE['hidden']}, window {INSIDE['window']}, {INSIDE['snapshots']} snapshots"
    ]


def main() -> None:
    figs = figures_of(measure())
    print_section("page work on a big run", figs)
    path = write_summary("pagework", header(), figs)
    print(f"summary: {path}")


if __name__ == "__main__":
    main()
