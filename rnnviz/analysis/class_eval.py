"""How a classifier errs on held-out texts: the confusion matrix, the pairs of classes it
mixes up most, the texts behind one such pair, and the accuracy of each class.

Arrays in, arrays out: `pred` is what rnnviz.train.classify_job.evaluate returns for
`rows` (one predicted class per row, in the same order).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rnnviz.data.labels import LabelledData
from rnnviz.i18n import t


def confusion(y_true, y_pred, num_classes: int) -> np.ndarray:
    """[K, K] int64 counts: row = true class, column = predicted class."""
    y_true = np.asarray(y_true, np.int64).ravel()
    y_pred = np.asarray(y_pred, np.int64).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(t("class_eval.err_shapes", a=y_true.shape, b=y_pred.shape))
    both = np.concatenate([y_true, y_pred])
    if len(both) and (both.min() < 0 or both.max() >= num_classes):
        raise ValueError(t("class_eval.err_range", top=num_classes - 1))
    # One bin per (true, predicted) cell: a single pass, however many classes.
    flat = np.bincount(y_true * num_classes + y_pred, minlength=num_classes * num_classes)
    return flat.reshape(num_classes, num_classes).astype(np.int64)


def confused_pairs(
    confusion: np.ndarray, classes: Sequence[str], top: int = 5
) -> list[tuple[str, str, int]]:
    """The `top` most frequent mistakes as (true class, predicted class, count), largest
    first; ties in the order of the matrix (true class, then predicted). Zeros are left out."""
    m = np.asarray(confusion, np.int64)
    off = m.copy()
    np.fill_diagonal(off, 0)
    flat = off.ravel()
    order = np.argsort(-flat, kind="stable")[: max(0, top)]
    k = m.shape[1]
    return [(classes[i // k], classes[i % k], int(flat[i])) for i in order if flat[i] > 0]


def _index(k: int | str, classes: Sequence[str]) -> int:
    return list(classes).index(k) if isinstance(k, str) else int(k)


def pair_examples(
    data: LabelledData, rows, pred, true_k: int | str, pred_k: int | str, n: int = 5
) -> list[str]:
    """Up to n texts of class `true_k` that the model took for `pred_k` (indices or class
    names), in the order of `rows`."""
    rows = np.asarray(rows, np.int64)
    pred = np.asarray(pred, np.int64)
    if rows.shape != pred.shape:
        raise ValueError(t("class_eval.err_shapes", a=rows.shape, b=pred.shape))
    a, b = _index(true_k, data.classes), _index(pred_k, data.classes)
    hits = rows[(data.y[rows] == a) & (pred == b)][: max(0, n)]
    return [data.texts[i] for i in hits.tolist()]


def per_class_accuracy(confusion: np.ndarray) -> np.ndarray:
    """[K] float64: the share of each class's texts predicted right (the diagonal over the
    row sum); NaN for a class with no texts in this part, not a made-up 0."""
    m = np.asarray(confusion, np.float64)
    totals = m.sum(axis=1)
    out = np.full(len(m), np.nan)
    seen = totals > 0
    out[seen] = np.diag(m)[seen] / totals[seen]
    return out
