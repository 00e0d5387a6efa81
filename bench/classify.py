"""Names by language: the app's classifier, trained as the app trains it (rnnviz.train.
classify_job.ClassifyJob with the names sample's default model and training), against the
majority class and the character-bigram baseline, on the default stratified split (75/10/15%
of each class: LabelConfig's fractions, seed 0).

Variants: "default" is the app's defaults to the end (12 epochs); "budget60" the same model
for a 60 s wall-clock budget (the learning rate's cosine over the seconds); the rest change
one choice. Figures: test accuracy of each and of both baselines, the training seconds,
epochs, parameters, and the per-name letter-probability strip's time (mean over 100 test
names; a bidirectional model's strip costs T passes).

`python -m bench.classify [variant ...]` runs the named VARIANTS (default: "default" and
"budget60"); BENCH_QUICK=1 trains 1 epoch or 5 s.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass, replace

import torch

from bench.common import QUICK, Figure, print_section, timed, write_summary
from rnnviz.analysis.class_baselines import class_baselines
from rnnviz.analysis.letter_probs import letter_probs
from rnnviz.data.labels import LabelledData
from rnnviz.model.classifier import NameClassifier, build_classifier, classifier_config
from rnnviz.model.network import count_parameters
from rnnviz.session.workspace import (
    default_model_config,
    default_prep,
    default_train_config,
    load_sample,
    prepare,
)
from rnnviz.train.classify_job import ClassifyJob, evaluate
from rnnviz.train.job import TrainConfig

BUDGET_S = 5.0 if QUICK else 60.0
TARGET_ACC = 0.75
STRIP_NAMES = 100
STRIP_GOAL_MS = 50.0


@dataclass(frozen=True)
class Setup:
    model: dict  # changes to the sample's default ModelConfig
    train: dict  # changes to its default TrainConfig
    embed: str = "embedding"


# Measured at 60 s on two cores (test accuracy, split seed 0, one seed each) while choosing
# the default: one-way GRU 128 0.795, LSTM 128 0.796, GRU 256 0.805, bidirectional GRU 128
# dropout 0.3 0.815; bigrams 0.812.
VARIANTS = {
    "default": Setup({}, {}),
    "budget60": Setup({}, {"max_seconds": BUDGET_S, "epochs": 1000}),
    "uni": Setup({"bidirectional": False, "dropout": 0.0}, {}),
    "lstm": Setup({"cell": "lstm"}, {}),
    "rnn": Setup({"cell": "rnn_tanh"}, {"lr": 0.001}),
    "one_hot": Setup({}, {}, embed="one_hot"),
    "best_kept": Setup({}, {"restore_best": True}),
    "wide": Setup({"hidden_size": 192, "dropout": 0.4}, {}),
    "deep": Setup({"num_layers": 2}, {}),
    "drop5": Setup({"dropout": 0.5}, {"epochs": 16}),
}


@dataclass
class Trained:
    model: NameClassifier
    test_acc: float
    val_acc: float
    epochs: int
    steps: int
    seconds: float


def train(data: LabelledData, setup: Setup, ds) -> Trained:
    mcfg = replace(default_model_config(ds), **setup.model)
    tcfg = default_train_config(ds)
    assert tcfg is not None  # labelled texts have their own training defaults
    tcfg = replace(tcfg, **setup.train)
    if QUICK:
        tcfg = replace(tcfg, epochs=1, max_seconds=min(tcfg.max_seconds or 5.0, 5.0))
    ccfg = classifier_config(mcfg, len(data.vocab), len(data.classes), setup.embed)
    job = ClassifyJob(build_classifier(ccfg, seed=tcfg.seed), data, tcfg)
    seconds, status = timed(lambda: job.run())
    test_acc = evaluate(job.model, data, data.rows("test"))[1]
    val = status.val_acc[-1] if status.val_acc else float("nan")
    return Trained(job.model.eval(), test_acc, val, status.epoch, status.step, seconds)


def strip_ms(model: NameClassifier, data: LabelledData) -> float:
    """Mean ms of one name's letter-probability strip over STRIP_NAMES test names."""
    texts = [data.texts[i] for i in data.rows("test")[:STRIP_NAMES]]
    letter_probs(model, data.vocab, texts[0])  # the first call allocates
    times = [timed(lambda s=s: letter_probs(model, data.vocab, s))[0] for s in texts]
    return 1000 * statistics.mean(times)


def main(names: list[str] | None = None) -> None:
    torch.set_num_threads(max(1, TrainConfig().num_threads))
    ds = load_sample("names")
    prep_s, data = timed(lambda: prepare(ds, default_prep(ds)))
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
    for name in names or ["default", "budget60"]:
        setup = VARIANTS[name]
        run = train(data, setup, ds)
        ms = strip_ms(run.model, data)
        section = [
            Figure(
                f"{name} test acc",
                f"{run.test_acc:.3f}",
                f">= {TARGET_ACC}",
                run.test_acc >= TARGET_ACC,
            ),
            Figure(
                f"{name} - bigram", f"{run.test_acc - bigram:+.3f}", "> 0", run.test_acc > bigram
            ),
            Figure(f"{name} last val acc", f"{run.val_acc:.3f}"),
            Figure(
                f"{name} training s",
                f"{run.seconds:.1f} ({run.epochs} epochs, {run.steps} steps)",
                f"<= {BUDGET_S:.0f}",
                run.seconds <= BUDGET_S * 1.05,
            ),
            Figure(f"{name} parameters", f"{count_parameters(run.model):,}"),
            Figure(
                f"{name} strip ms/name", f"{ms:.2f}", f"< {STRIP_GOAL_MS:.0f}", ms < STRIP_GOAL_MS
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
