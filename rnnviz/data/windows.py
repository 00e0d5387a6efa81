"""Turn a table or a text into (input window, target) pairs without copying the series.

Windows are numpy views (sliding_window_view); a batch gathers only its own rows, so a
1M-row series costs no extra memory up front. Splits are chronological and the scaler
is fitted on the training rows only, so nothing from validation or test leaks into it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


@dataclass(frozen=True)
class Scaler:
    """Per-column affine scaling: scaled = (value - loc) / scale."""

    kind: str  # "minmax" | "standard" | "robust" | "none"
    loc: np.ndarray  # [F]
    scale: np.ndarray  # [F]

    @classmethod
    def fit(cls, values: np.ndarray, kind: str) -> Scaler:
        """values [N, F] (training rows only). Values near the float64 limit (±1e308)
        overflow the range or the mean to inf: that stays in `loc`/`scale`, for the caller
        to refuse (`finite`), rather than being hidden behind a scale of 1."""
        f = values.shape[1]
        with np.errstate(over="ignore", invalid="ignore"):
            if kind == "minmax":
                loc, scale = np.nanmin(values, 0), np.nanmax(values, 0) - np.nanmin(values, 0)
            elif kind == "standard":
                loc, scale = np.nanmean(values, 0), np.nanstd(values, 0)
            elif kind == "robust":  # a heavy tail moves neither the median nor the IQR
                q25, loc, q75 = np.nanpercentile(values, [25, 50, 75], axis=0)
                scale = q75 - q25
                # A column mostly one value (IQR 0) is spread by its range instead.
                spread = np.nanmax(values, 0) - np.nanmin(values, 0)
                scale = np.where(scale > 0, scale, spread)
            elif kind == "none":
                loc, scale = np.zeros(f), np.ones(f)
            else:
                raise ValueError(f"unknown scaling {kind!r}")
        # A constant column would divide by zero; leave it centred but unscaled.
        scale = np.where(scale > 0, scale, np.where(np.isnan(scale), np.nan, 1.0))
        return cls(kind, np.asarray(loc, np.float64), np.asarray(scale, np.float64))

    @property
    def finite(self) -> np.ndarray:
        """[F] whether each column's loc and scale are finite numbers."""
        return np.isfinite(self.loc) & np.isfinite(self.scale)

    def transform(self, values: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):  # the caller checks for inf
            return ((values - self.loc) / self.scale).astype(np.float32)

    def part(self, columns: slice) -> Scaler:
        """The scaler of some of its columns (e.g. the inputs without the target)."""
        return Scaler(self.kind, self.loc[columns], self.scale[columns])

    def inverse(self, scaled: np.ndarray, column: int | slice) -> np.ndarray:
        """Back to original units for one column (e.g. the target), or a slice of them."""
        return np.asarray(scaled, np.float64) * self.scale[column] + self.loc[column]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "loc": self.loc.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_dict(cls, d: dict) -> Scaler:
        return cls(d["kind"], np.asarray(d["loc"], np.float64), np.asarray(d["scale"], np.float64))


class WindowSet:
    """(x, y) pairs read lazily from views of one array.

    Sample s reads inputs rows [s, s + window) and targets ending `horizon` rows later:
    one value (many-to-one) or the whole window shifted by `horizon` (many-to-many).
    """

    def __init__(
        self, inputs, targets, window, horizon=1, many_to_many=False, stride=1, boundaries=None
    ):
        if window < 1 or horizon < 1:
            raise ValueError("window and horizon must be >= 1")
        self.window, self.horizon, self.many_to_many = window, horizon, many_to_many
        count = len(inputs) - window - horizon + 1
        if count < 1:  # too short for one pair: no samples in any split
            inputs = np.zeros((window + horizon, *inputs.shape[1:]), inputs.dtype)
            targets = np.zeros((window + horizon, *targets.shape[1:]), targets.dtype)
        # (S, F, T) for a 2-D series, (S, T) for token ids: views, no copy.
        self.inputs, self.targets = inputs, targets  # the whole series, for a device copy
        self._x = sliding_window_view(inputs, window, axis=0)
        self._y = sliding_window_view(targets, window, axis=0) if many_to_many else targets
        starts = np.arange(0, max(count, 0), stride)
        self.splits = self._split(starts, boundaries or (len(inputs), len(inputs)))

    def _split(self, starts, boundaries):
        """Each sample belongs to the part holding its last target row."""
        last_target = starts + self.window - 1 + self.horizon
        n_train, n_trainval = boundaries
        parts = {
            "train": starts[last_target < n_train],
            "val": starts[(last_target >= n_train) & (last_target < n_trainval)],
            "test": starts[last_target >= n_trainval],
        }
        return parts

    def __len__(self) -> int:
        return sum(len(v) for v in self.splits.values())

    def count(self, split: str) -> int:
        return len(self.splits[split])

    def target_rows(self, split: str) -> np.ndarray:
        """Row of the (last) target of each sample: where its prediction lands in time."""
        return self.splits[split] + self.window - 1 + self.horizon

    def get(self, starts: np.ndarray):
        """Gather samples by start row: x [B, T, F] (or [B, T] ids); y [B, 1] or [B, T] for
        one target, [B, K] or [B, T, K] for K targets (a 2-D targets array)."""
        starts = np.asarray(starts)
        x = self._x[starts]
        if x.ndim == 3:
            x = np.swapaxes(x, 1, 2)  # (B, F, T) -> (B, T, F)
        if self.many_to_many:
            y = self._y[starts + self.horizon]
            if y.ndim == 3:
                y = np.swapaxes(y, 1, 2)  # (B, K, T) -> (B, T, K): the model's layout
        else:
            y = self._y[starts + self.window - 1 + self.horizon]
            y = y.reshape(len(starts), -1)
        return np.ascontiguousarray(x), np.ascontiguousarray(y)

    def batch(self, split: str, index: np.ndarray):
        """Samples by their position within a split."""
        return self.get(self.splits[split][index])
