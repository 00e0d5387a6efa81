"""The Train page's "≈ N steps, ≈ S seconds" against the seconds the run then takes.

For every sample at its default data, model and training settings, and for a text with a
vocabulary of over 3,000 Chinese characters, the estimate is what the page shows: the
run's steps times rnnviz.train.steptime's measured seconds per step. The same run is then
trained by TrainJob in its worker thread, as the page starts it, and timed from start to
end. Epochs are cut so each run is about TARGET_STEPS steps, to keep the section short.
The figure is estimate / measured (goal: within 1.5x either way); the old guess
(rnnviz.train.run_length.guess_seconds_per_step) is printed beside it.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np

from bench.common import QUICK, Figure, print_section, write_summary
from rnnviz.data.samples import SAMPLES
from rnnviz.data.text import TextConfig
from rnnviz.model.network import build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.workspace import (
    DEFAULT_TRAIN,
    Dataset,
    default_model_config,
    default_series_config,
    default_text_config,
    load_sample,
    prepare,
)
from rnnviz.train import run_length, steptime
from rnnviz.train.job import TrainJob

TARGET_STEPS = 20 if QUICK else 200
CJK_STEPS = 10 if QUICK else 60  # its steps are ~100x a sample's: fewer of them
GOAL = 1.5
CJK_FIRST, CJK_CHARS = 0x4E00, 3700  # drawn from; nearly all appear (the report: 3,635)
SEQ_LEN, BATCH = TextConfig.seq_len, DEFAULT_TRAIN.batch_size


def cjk_text(chars: int, seed: int = 0) -> str:
    """A stand-in for a collection of Chinese poems (no download here): Zipf-distributed
    draws from the CJK block in lines of five or seven characters, each line ending in a
    comma or a full stop, a blank line after every four lines."""
    rng = np.random.default_rng(seed)
    rank = np.arange(1, CJK_CHARS + 1)
    p = 1.0 / rank**1.05
    codes = CJK_FIRST + rng.permutation(CJK_CHARS)[rng.choice(CJK_CHARS, chars, p=p / p.sum())]
    glyphs, out, i, line = [chr(c) for c in codes], [], 0, 0
    while i < len(glyphs):
        width = 5 if (line // 4) % 2 == 0 else 7
        out.append("".join(glyphs[i : i + width]) + ("，" if line % 2 == 0 else "。\n"))
        out.append("\n" if line % 4 == 3 else "")
        i, line = i + width, line + 1
    return "".join(out)


def cases():
    """(name, prepared data, model config) for each sample and the large-vocabulary text."""
    for key in SAMPLES:
        ds = load_sample(key)
        if ds.kind == "labels":  # a classifier's run: bench/classify.py times it
            continue
        cfg = default_text_config(ds) if ds.kind == "text" else default_series_config(ds)
        data = prepare(ds, cfg)
        yield key, data, model_config_for(data, default_model_config(ds)), TARGET_STEPS
    chars = math.ceil(CJK_STEPS * BATCH * SEQ_LEN / 0.85)  # the training part is 85%
    ds = Dataset("poems.txt", "text", text=cjk_text(chars))
    data = prepare(ds, default_text_config(ds))
    yield (
        f"CJK {len(data.vocab):,} chars",
        data,
        model_config_for(data, default_model_config(ds)),
        CJK_STEPS,
    )


def compare(name: str, data, mcfg, target: int) -> Figure:
    pairs = data.windows.count("train")
    epochs = max(1, round(target / run_length.steps_per_epoch(pairs, BATCH)))
    cfg = replace(DEFAULT_TRAIN, epochs=epochs)
    t0 = time.perf_counter()
    step_s = steptime.measure(mcfg, data, cfg)
    measuring = time.perf_counter() - t0
    steps, shown = run_length.estimate(pairs, cfg.batch_size, cfg.epochs, step_s)
    guess = run_length.estimate(
        pairs,
        cfg.batch_size,
        cfg.epochs,
        run_length.guess_seconds_per_step(data.windows.window, mcfg.hidden_size, mcfg.num_layers),
    )[1]
    job = TrainJob(build_model(mcfg, seed=cfg.seed), data.windows, cfg)
    t0 = time.perf_counter()
    job.start()
    job.join()
    took = time.perf_counter() - t0
    status = job.status()
    if status.state != "done":
        raise RuntimeError(f"{name}: the job ended {status.state}: {status.message}")
    ratio = shown / took
    value = (
        f"{ratio:.2f}x  shown {shown:.1f} s vs took {took:.1f} s, {steps} steps at "
        f"{step_s * 1e3:.1f} ms (measured in {measuring:.2f} s); "
        f"old guess {guess:.1f} s = {guess / took:.2f}x"
    )
    return Figure(f"estimate {name}", value, f"1/{GOAL:g}x..{GOAL:g}x", 1 / GOAL <= ratio <= GOAL)


def main() -> None:
    steptime.clear()
    t0 = time.perf_counter()
    figures = [compare(*case) for case in cases()]
    ok = all(f.ok for f in figures)
    figures.append(Figure("estimate all within 1.5x", "yes" if ok else "no", "yes", ok))
    print_section(
        f"shown estimate vs measured training time, CPU ({time.perf_counter() - t0:.0f} s)", figures
    )
    header = ["estimate / measured seconds of a run (shown: steps x rnnviz.train.steptime)"]
    print(f"(written to {write_summary('estimate', header, figures)})")
