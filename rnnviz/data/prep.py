"""From a DataFrame or a text to a WindowSet the trainer can read.

The choices (columns, window, horizon, splits, scaling, missing values) live in one
frozen config so that a saved model can carry exactly how its data were prepared.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from rnnviz.data import stacked, transforms
from rnnviz.data.reader import DataError, naive_dates, numeric_columns
from rnnviz.data.windows import Scaler, WindowSet
from rnnviz.i18n import t
from rnnviz.safe_text import md, names

# Scaled values past this overflow float32 training: a squared error of 1e20 is inf
# (float32 ends at 3.4e38); 1e15 leaves room for a batch's sum and the gradients.
MAX_SCALED = 1e15
# Values in their own units past this are refused too: the difference of two of them and a
# sum over every row (200,000 rows: 2e5 x 2e302 = 4e307 < 1.8e308) stay finite, so
# baselines, errors and means never overflow, and a saved run's file checks the same bound.
MAX_RAW = 1e302


@dataclass(frozen=True)
class SeriesConfig:
    target: str
    features: tuple[str, ...] = ()  # inputs; empty means the target alone
    date_column: str | None = None
    window: int = 30
    horizon: int = 1
    many_to_many: bool = False
    val_frac: float = 0.15
    test_frac: float = 0.15
    scaling: str = "minmax"  # "minmax" | "standard" | "robust" | "none"
    missing: str = "interpolate"  # "interpolate" | "drop"
    last_rows: int | None = None  # keep only the newest rows of a very long table
    every_nth: int = 1  # or thin it: keep one row in every_nth
    # More columns predicted beside the target (a tutorial predicts open, close and
    # volume at once): the model then has one output per column of `outputs`.
    extra_targets: tuple[str, ...] = ()
    # What the network predicts (rnnviz.data.transforms): the level, the change from the last
    # value, the change from one season back, or the change of the logarithm. Predictions,
    # metrics and forecasts are always turned back into the target's own units.
    target_transform: str = "level"  # "level" | "diff" | "seasonal_diff" | "log_diff"
    season: int | None = None  # the time axis' natural season (rnnviz.data.frequency); None: none
    # One series of a stacked table (rnnviz.data.stacked): the rows whose key column holds this
    # label. None: every row.
    series_column: str | None = None
    series_value: str | None = None

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.features or (self.target,)

    @property
    def outputs(self) -> tuple[str, ...]:
        """The columns predicted, the target first, each once."""
        return tuple(dict.fromkeys((self.target, *self.extra_targets)))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> SeriesConfig:
        d = dict(d)
        d["features"] = tuple(d.get("features", ()))
        d["extra_targets"] = tuple(d.get("extra_targets", ()))  # older files: none
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


@dataclass
class SeriesData:
    cfg: SeriesConfig
    values: np.ndarray  # [N, F] scaled inputs, float32
    target: np.ndarray  # [N] scaled target (the first output), float32
    raw_target: np.ndarray  # [N] target in original units
    index: np.ndarray  # [N] dates (datetime64) or row numbers
    scaler: Scaler  # fitted on the training rows of inputs + outputs (the last K columns)
    windows: WindowSet
    boundaries: tuple[int, int]  # first row of validation, first row of test
    filled: int = 0  # missing cells interpolated (or rows dropped)
    notes: list[str] = field(default_factory=list)
    targets: np.ndarray | None = None  # [N, K] every output scaled (None: the target alone)
    raw_targets: np.ndarray | None = None  # [N, K] in original units
    # [N, K] the value each row's change is taken from (rnnviz.data.transforms); None: the
    # network predicts the level itself.
    base: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.targets is None:
            self.targets = self.target[:, None]
        if self.raw_targets is None:
            self.raw_targets = np.asarray(self.raw_target)[:, None]

    @property
    def input_size(self) -> int:
        return self.values.shape[1]

    @property
    def output_size(self) -> int:
        assert self.targets is not None  # __post_init__ sets it
        return self.targets.shape[1]

    def unscale_target(self, scaled: np.ndarray, column: int = 0) -> np.ndarray:
        """Output `column` (0: the target) from network units to what it predicts: the
        level in original units, or the change (rnnviz.data.transforms) in those units."""
        return self.scaler.inverse(scaled, column=self.input_size + column)

    def levels(self, scaled: np.ndarray, rows: np.ndarray, column: int = 0) -> np.ndarray:
        """Output `column` predicted for target `rows`, as levels in original units."""
        z = self.unscale_target(scaled, column)
        base = None if self.base is None else self.base[np.asarray(rows), column]
        return transforms.inverse(z, base, self.cfg.target_transform)


def _select(df: pd.DataFrame, cfg: SeriesConfig) -> tuple[pd.DataFrame, int]:
    cols = list(dict.fromkeys([*cfg.inputs, *cfg.outputs]))
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise DataError(t("prep.missing_columns", columns=names(missing)))
    _check_numeric(df, cfg)
    table = df[cols].apply(pd.to_numeric, errors="coerce").astype(np.float64)
    table = table.replace([np.inf, -np.inf], np.nan)  # an "inf" cell is a hole, not a value
    if table[cfg.target].notna().sum() < 2:
        raise DataError(t("prep.target_empty", target=md(cfg.target)))
    empty = [c for c in cols if table[c].notna().sum() == 0]
    if empty:
        raise DataError(t("prep.columns_empty", columns=names(empty)))
    holes = int(table.isna().sum().sum())
    if cfg.missing == "drop":
        keep = table.notna().all(axis=1)
        table, holes = table[keep], int((~keep).sum())
    else:
        table = table.interpolate(limit_direction="both")
    return table, holes


def _one_series(df: pd.DataFrame, cfg: SeriesConfig) -> pd.DataFrame:
    assert cfg.series_column is not None  # called only for a table of stacked series
    if cfg.series_column not in df.columns:
        raise DataError(t("prep.missing_columns", columns=names([cfg.series_column])))
    rows = stacked.select(df, cfg.series_column, str(cfg.series_value))
    if len(rows) < 2:
        found = [s.value for s in stacked.series(df, cfg.series_column)]
        raise DataError(
            t(
                "stacked.no_rows",
                column=md(cfg.series_column),
                value=md(cfg.series_value),
                values=names(found),
            )
        )
    return rows


def _index(df: pd.DataFrame, cfg: SeriesConfig, rows: pd.Index) -> np.ndarray:
    """Naive datetime64 dates (zone-aware ones in UTC), or row numbers when the chosen
    column holds no dates (e.g. a saved model naming a column that is text here)."""
    if cfg.date_column and cfg.date_column in df.columns:
        dates = naive_dates(df.loc[rows, cfg.date_column])
        if dates is not None:
            return dates
    return rows.to_numpy()


def split_rows(n: int, val_frac: float, test_frac: float) -> tuple[int, int]:
    n_test, n_val = int(round(n * test_frac)), int(round(n * val_frac))
    return n - n_val - n_test, n - n_test


def prepare_series(df: pd.DataFrame, cfg: SeriesConfig) -> SeriesData:
    """Select, clean, scale (fitted on training rows) and window a table."""
    if cfg.series_column is not None:
        df = _one_series(df, cfg)
    if cfg.last_rows:
        df = df.tail(cfg.last_rows)
    if cfg.every_nth > 1:
        df = df.iloc[:: cfg.every_nth]
    table, holes = _select(df, cfg)
    f, outputs = len(cfg.inputs), list(cfg.outputs)
    levels = table[[*cfg.inputs, *outputs]].to_numpy()  # (N, F + K): inputs, then outputs
    cfg, notes = transforms.resolve(cfg, levels[:, f:])
    both, base = _transformed(levels, cfg)
    lag = transforms.lag(cfg)
    boundaries = split_rows(len(both), cfg.val_frac, cfg.test_frac)
    _check_varies(both[: boundaries[0], f], cfg)
    scaler = Scaler.fit(both[: boundaries[0]], cfg.scaling)
    scaled = scaler.transform(both)
    # Both the levels and their changes must stay within the bounds; the larger of each pair.
    bigger = np.where(np.abs(levels[lag:]) >= np.abs(both), levels[lag:], both)
    _check_scalable(bigger, scaled, scaler, [*cfg.inputs, *outputs])
    values, targets = np.ascontiguousarray(scaled[:, :f]), np.ascontiguousarray(scaled[:, f:])
    windows = series_windows(values, targets, cfg, boundaries)
    _check_counts(windows, len(both), cfg)
    raw = levels[lag:, f:]
    data = SeriesData(
        cfg,
        values,
        np.ascontiguousarray(targets[:, 0]),
        raw[:, 0],
        _index(df, cfg, table.index[lag:]),
        scaler,
        windows,
        boundaries,
        holes,
        targets=targets,
        raw_targets=raw,
        base=base,
    )
    data.notes.extend(notes)
    # Test predictions read no test row (a share of 0 holds none back: nothing to say).
    if cfg.test_frac and cfg.horizon > len(both) - boundaries[1]:
        data.notes.append(
            t("transform.horizon_test", horizon=cfg.horizon, rows=len(both) - boundaries[1])
        )
    if lag and cfg.missing == "drop" and holes:
        data.notes.append(t("transform.gaps", rows=holes))
    return data


def _transformed(levels: np.ndarray, cfg: SeriesConfig) -> tuple[np.ndarray, np.ndarray | None]:
    """Inputs and outputs [N - lag, F + K] as the network reads and predicts them, and the
    base of each change. An input that is also an output reads the same change: the
    forecast feeds its own predictions back as inputs."""
    f = len(cfg.inputs)
    z, base = transforms.forward(levels[:, f:], cfg)
    if base is None:
        return levels, None
    lag = transforms.lag(cfg)
    both = levels[lag:].copy()
    both[:, f:] = z
    for i, name in enumerate(cfg.inputs):
        if name in cfg.outputs:
            both[:, i] = z[:, cfg.outputs.index(name)]
    return both, np.ascontiguousarray(base)


def series_windows(
    values: np.ndarray, targets: np.ndarray, cfg: SeriesConfig, boundaries
) -> WindowSet:
    """The windows of a series; one output keeps 1-D targets, so y stays [B, 1] or [B, T]
    exactly as before several outputs existed."""
    y = np.ascontiguousarray(targets[:, 0]) if targets.shape[1] == 1 else targets
    return WindowSet(values, y, cfg.window, cfg.horizon, cfg.many_to_many, boundaries=boundaries)


def _check_numeric(df: pd.DataFrame, cfg: SeriesConfig) -> None:
    """An extra output must be a numeric column other than the date column: a text
    column would become all holes, and a date cannot be predicted as a number."""
    numbers = set(numeric_columns(df))
    bad = [c for c in cfg.extra_targets if c == cfg.date_column or c not in numbers]
    if bad:
        raise DataError(t("targets.not_numeric", columns=names(bad)))


def _check_varies(train_target: np.ndarray, cfg: SeriesConfig) -> None:
    if len(train_target) and np.nanmax(train_target) == np.nanmin(train_target):
        if cfg.target_transform != "level":  # the level moves, its change does not
            raise DataError(
                t(
                    "transform.constant",
                    name=md(cfg.target),
                    transform=t(f"transform.choice.{cfg.target_transform}"),
                    value=train_target[0],
                )
            )
        raise DataError(t("prep.constant", name=md(cfg.target), value=train_target[0]))


def _check_scalable(
    both: np.ndarray, scaled: np.ndarray, scaler: Scaler, columns: list[str]
) -> None:
    """Refuse columns whose values overflow the scaling (±1e308: the min-max range or the
    mean is inf) or whose scaled values are too big for float32 training: the loss would
    be inf at the first step and training would stop as 'diverged', blaming the
    learning rate for what the data did."""
    with np.errstate(invalid="ignore"):
        huge = np.abs(np.nan_to_num(scaled, nan=0.0)) > MAX_SCALED  # inf counts as huge
        huge |= np.abs(np.nan_to_num(both, nan=0.0)) > MAX_RAW
    bad = ~scaler.finite | huge.any(axis=0)
    if bad.any():
        shown = list(dict.fromkeys(c for c, b in zip(columns, bad, strict=True) if b))
        largest = float(np.nanmax(np.abs(both[:, bad])))
        # A divisor that brings the largest value to about a million.
        divisor = 10.0 ** max(3, int(np.ceil(np.log10(max(largest, 1.0)))) - 6)
        raise DataError(
            t(
                "scale.too_large",
                columns=names(shown, quote="'"),
                largest=largest,
                divisor=f"{divisor:.0e}",
            )
        )


def held_out(cfg) -> tuple[str, ...]:
    """The parts that must hold a window: training always, validation and test unless
    their share is 0 (a tutorial that trains on every row holds nothing back)."""
    shares = {"val": cfg.val_frac, "test": cfg.test_frac}
    return ("train", *(part for part, share in shares.items() if share > 0))


def _check_counts(windows: WindowSet, n: int, cfg: SeriesConfig) -> None:
    short = [s for s in held_out(cfg) if windows.count(s) < 1]
    if short:
        splits = t("prep.sep").join(t(f"prep.split.{s}") for s in short)
        raise DataError(
            t("prep.too_short", rows=n, window=cfg.window, horizon=cfg.horizon, splits=splits)
        )
