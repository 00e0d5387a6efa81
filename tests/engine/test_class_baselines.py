"""The baselines a text classifier must beat: the majority class and character bigrams with
logistic regression, on toy data and on the names sample."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnnviz.analysis.class_baselines import bigram_baseline, class_baselines, majority_baseline
from rnnviz.data.labels import LabelConfig, prepare_labels, read_labelled_table

CFG = LabelConfig("name", "language", val_frac=0.2, test_frac=0.2)


def _table(rows: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(n, c) for c, ns in rows.items() for n in ns], columns=["name", "language"]
    )


def test_the_majority_class_is_the_most_frequent_in_training():
    rows = {"A": [f"x{i}" for i in range(10)], "B": [f"y{i}" for i in range(30)]}
    data = prepare_labels(_table(rows), CFG)
    score = majority_baseline(data)
    assert (score.predicted == data.classes.index("B")).all()
    assert score.accuracy == np.mean(data.y[data.rows("test")] == 1) == 0.75


def test_bigrams_separate_classes_told_apart_by_their_endings():
    russian = ["Ivan", "Petr", "Sidor", "Smirn", "Kuzn", "Popov", "Volk", "Sokol", "Lebed", "Koz"]
    japanese = ["Naka", "Kita", "Shimo", "Ki", "Uchi", "Oku", "Tano", "Yoshi", "Nishi", "Ue"]
    rows = {"Russian": [s + "ov" for s in russian], "Japanese": [s + "mura" for s in japanese]}
    data = prepare_labels(_table(rows), CFG)
    assert bigram_baseline(data).accuracy == 1.0


def test_on_the_names_the_bigram_baseline_beats_the_majority_class_by_far():
    data = prepare_labels(
        read_labelled_table("sample_data/names-18-languages.csv"), LabelConfig("name", "language")
    )
    scores = class_baselines(data)
    majority, bigram = scores["majority"].accuracy, scores["bigram"].accuracy
    print(f"names test accuracy: majority {majority:.4f}, bigram {bigram:.4f}")
    assert 0.45 < majority < 0.55  # Russian: 9,408 of 18,827
    assert bigram > 0.75 and bigram > majority + 0.25
    assert len(scores["bigram"].predicted) == len(data.rows("test"))
