"""Arrays of labelled texts: the padded character ids, the stratified split by class, the
class counts and the class weights of a weighted loss. Pure numpy, no Python loop over
characters (rnnviz.data.text explains why)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rnnviz.data.text import Vocab, code_points

TRAIN, VAL, TEST = 0, 1, 2
PARTS = ("train", "val", "test")  # the codes of `part`'s values, in this order


def encode_texts(texts: Sequence[str], vocab: Vocab) -> tuple[np.ndarray, np.ndarray]:
    """(ids [N, T] int64, lengths [N] int64), T the longest text (at least 1).

    Id 0 pads; a character's id is its index in `vocab` plus one. A character the
    vocabulary lacks (in a typed name) is left out, so `lengths` counts what is kept.
    """
    n = len(texts)
    lengths = np.fromiter(map(len, texts), np.int64, n)
    codes = code_points("".join(texts))  # one entry per character, the texts in order
    known = np.fromiter(map(ord, vocab.chars), np.int64, len(vocab))
    top = max(int(codes.max()) if len(codes) else 0, int(known.max()) if len(known) else 0)
    lookup = np.zeros(top + 1, np.int64)
    lookup[known] = np.arange(1, len(known) + 1)
    flat = lookup[codes]  # (sum of lengths,)
    if len(flat) and not flat.all():
        keep = flat > 0
        row = np.repeat(np.arange(n), lengths)
        lengths = np.bincount(row[keep], minlength=n).astype(np.int64)
        flat = flat[keep]
    width = max(1, int(lengths.max()) if n else 1)
    ids = np.zeros((n, width), np.int64)
    # Row-major boolean assignment fills each row's first `length` cells in text order.
    ids[np.arange(width) < lengths[:, None]] = flat
    return ids, lengths


def stratified_split(
    y: np.ndarray, n_classes: int, val_frac: float, test_frac: float, seed: int
) -> np.ndarray:
    """part [N] int8 (TRAIN, VAL, TEST) of each example, chosen at random within each class.

    Each class gives round(n * frac) examples to validation and to test, so every part
    holds its share of each class within one example; training keeps at least one of
    every class (a class with a single example is trained on and never measured).
    """
    y = np.asarray(y, np.int64)
    counts = np.bincount(y, minlength=n_classes)
    n_test = np.minimum(np.floor(counts * test_frac + 0.5), np.maximum(counts - 1, 0))
    n_val = np.minimum(np.floor(counts * val_frac + 0.5), np.maximum(counts - 1 - n_test, 0))
    order = np.random.default_rng(seed).permutation(len(y))
    by_class = order[np.argsort(y[order], kind="stable")]  # shuffled within each class
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank = np.arange(len(y)) - np.repeat(starts, counts)  # place within its class
    cls = y[by_class]
    part = np.full(len(y), TRAIN, np.int8)
    part[by_class[rank < n_test[cls]]] = TEST
    part[by_class[(rank >= n_test[cls]) & (rank < n_test[cls] + n_val[cls])]] = VAL
    return part


def class_counts(y: np.ndarray, part: np.ndarray, n_classes: int) -> np.ndarray:
    """[K, 3] int64: examples of each class in the train, validation and test parts."""
    flat = np.asarray(y, np.int64) * 3 + np.asarray(part, np.int64)
    return np.bincount(flat, minlength=3 * n_classes).reshape(n_classes, 3)


def class_weights(train_counts: np.ndarray) -> np.ndarray:
    """[K] float32 weights of a weighted cross-entropy: inverse frequency, N / (K * n_c),
    so the weighted mean over the training examples is 1 and the loss keeps its scale
    (scikit-learn's "balanced"). A class absent from training weighs 0."""
    counts = np.asarray(train_counts, np.float64)
    present = counts > 0
    w = np.zeros(len(counts))
    w[present] = counts.sum() / (present.sum() * counts[present])
    return w.astype(np.float32)
