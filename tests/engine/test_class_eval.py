"""How a classifier errs: the confusion matrix against a plain count, the most confused
pairs, the names behind one pair, and per-class accuracy with absent classes left NaN."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnnviz.analysis.class_eval import (
    confused_pairs,
    confusion,
    pair_examples,
    per_class_accuracy,
)
from rnnviz.data.labels import LabelConfig, prepare_labels
from rnnviz.model.classifier import ClassifierConfig, build_classifier
from rnnviz.train.classify_job import evaluate

SAMPLE = "sample_data/names-18-languages.csv"


def test_confusion_counts_every_true_and_predicted_pair():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 4, 500), rng.integers(0, 4, 500)
    m = confusion(y_true, y_pred, 4)
    expected = np.zeros((4, 4), np.int64)
    for a, b in zip(y_true, y_pred, strict=True):
        expected[a, b] += 1
    assert m.dtype == np.int64 and m.shape == (4, 4)
    np.testing.assert_array_equal(m, expected)
    assert confusion([2], [0], 3)[2, 0] == 1  # rows are the true class
    assert confusion([], [], 3).sum() == 0


@pytest.mark.parametrize("y_true, y_pred", [([0, 3], [0, 1]), ([0, -1], [0, 0]), ([0], [0, 1])])
def test_confusion_refuses_what_it_cannot_count(y_true, y_pred):
    with pytest.raises(ValueError):
        confusion(y_true, y_pred, 3)


def test_confused_pairs_are_the_largest_mistakes_first():
    m = np.array([[50, 3, 7], [3, 40, 0], [9, 0, 1]])
    classes = ("Arabic", "Chinese", "Czech")
    assert confused_pairs(m, classes, top=3) == [
        ("Czech", "Arabic", 9),
        ("Arabic", "Czech", 7),
        ("Arabic", "Chinese", 3),  # ties keep the matrix's order
    ]
    assert len(confused_pairs(m, classes, top=10)) == 4  # zeros and the diagonal left out
    assert confused_pairs(np.diag([5, 5]), ("a", "b")) == []


def _data():
    table = pd.DataFrame(
        {
            "name": ["Ab", "Ac", "Ad", "Ae", "Ba", "Bb", "Bc", "Bd", "Ca", "Cb", "Cc", "Cd"] * 3,
            "language": ["a"] * 12 + ["b"] * 12 + ["c"] * 12,
        }
    )
    return prepare_labels(table, LabelConfig("name", "language", val_frac=0.1, test_frac=0.3))


def test_pair_examples_are_the_names_of_that_mistake():
    data = _data()
    rows = data.rows("test")
    pred = (data.y[rows] + np.arange(len(rows)) % 2) % 3  # every second one taken for the next
    wrong = [data.texts[r] for r, p in zip(rows, pred, strict=True) if data.y[r] == 0 and p == 1]
    assert wrong  # the data hold this mistake
    assert pair_examples(data, rows, pred, 0, 1, n=50) == wrong
    assert pair_examples(data, rows, pred, "a", "b", n=50) == wrong  # class names work too
    assert pair_examples(data, rows, pred, 0, 1, n=1) == wrong[:1]
    assert pair_examples(data, rows, pred, 0, 2) == []
    with pytest.raises(ValueError):
        pair_examples(data, rows, pred[:-1], 0, 1)


def test_per_class_accuracy_leaves_an_absent_class_nan():
    m = np.array([[3, 1, 0], [0, 0, 0], [1, 1, 2]])
    acc = per_class_accuracy(m)
    assert acc[0] == pytest.approx(0.75) and acc[2] == pytest.approx(0.5)
    assert np.isnan(acc[1])


def test_on_the_sample_the_matrix_agrees_with_evaluate():
    table = pd.read_csv(SAMPLE).groupby("language").head(40)
    data = prepare_labels(table, LabelConfig("name", "language"))
    cfg = ClassifierConfig(len(data.vocab), len(data.classes), cell="gru", hidden_size=16)
    model = build_classifier(cfg, seed=0)
    rows = data.rows("test")
    _, acc, pred = evaluate(model, data, rows)
    m = confusion(data.y[rows], pred, len(data.classes))
    assert m.shape == (18, 18) and m.sum() == len(rows)
    assert np.trace(m) / len(rows) == pytest.approx(acc)
    np.testing.assert_array_equal(m.sum(axis=1), data.counts[:, 2])  # rows: the test names
    for true, predicted, count in confused_pairs(m, data.classes, top=3):
        names = pair_examples(data, rows, pred, true, predicted, n=count + 5)
        assert len(names) == count
