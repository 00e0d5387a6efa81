"""Data a learner types: rows of "sequence -> target", and a sequence to ask a model about.

The rule for one sequence (a cell of the table, or the Predict page's box): without `;`
every number is one time step with one feature (`30,31,32,33,34` or `30 31 32`); with
`;` the steps are separated by `;` and the features inside a step by commas or spaces
(`1 2; 2 3; 3 4`: three steps of two features). A tutorial's `[[1,2],[2,3],[3,4]]` reads
the same, and full-width `，` `；` count as `,` `;`.

Every size is counted from the text before any array is made (a pasted `1;1;1;...` of a
billion steps is refused, not allocated). Typed rows become a `TypedData`: a SeriesData
whose `windows` is a `SampleSet` (WindowSet's reading interface over fixed samples), so
the trainer, the probes and Inside read it unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

import numpy as np
import torch

from rnnviz.data import transforms
from rnnviz.data.prep import MAX_SCALED, SeriesConfig, SeriesData, _check_scalable
from rnnviz.data.reader import DataError
from rnnviz.data.windows import Scaler, WindowSet
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.session import schema

MAX_TYPED_ROWS = 1_000  # typed rows (a table a person types, not a file)
MAX_STEPS = 512
MAX_FEATURES = 64
MAX_CELL_CHARS = 400_000  # 512 steps x 64 features of ~12 characters; longer is pasted junk
MAX_NUMBER_CHARS = 64  # of one typed number ("-1.2345678901234567e-300" is 24)
MAX_TABLE_CHARS = 2_000_000  # of the Data page's typed table: hashed on every rerun
MAX_VALUES = 1_000_000  # numbers in a whole table (1,000 rows of 512 x 64 would be 33 million)
TARGET, STEP_NAME = "target", "x"  # the column names the model reads (one per feature)

# Possessive quantifiers over parts that cannot overlap: a pattern is tried once per
# position, never re-split ("\d+\.?\d*" re-split 60,000 nines in every way: 37 s).
_NUMBER = re.compile(r"[+-]?+(?:\d++(?:\.\d*+)?+|\.\d++)(?:[eE][+-]?+\d++)?+")
_BRACKETS = re.compile(r"\]\s*+(?:,\s*+)?\[")  # "],[" between two steps of [[1,2],[2,3]]
_TOKEN = re.compile(r"[^,\s]++")


@dataclass(frozen=True)
class TypedSample:
    key: str
    rows: tuple[tuple[str, str], ...]  # (sequence, target) as a learner types them

    @property
    def title(self) -> str:
        return t(f"typed.sample.{self.key}")


TYPED_SAMPLES = {
    # The numpy/PyTorch tutorial's five days of temperature -> the sixth.
    "temperatures": TypedSample(
        "temperatures",
        (("30,31,32,33,34", "35"), ("32,33,34,35,36", "37"), ("35,36,37,38,39", "40")),
    ),
    # The Keras SimpleRNN tutorial's input_shape=(3, 2) rows (example 5).
    "keras": TypedSample(
        "keras", (("1 2; 2 3; 3 4", "10"), ("5 6; 6 7; 7 8", "20"), ("9 10; 10 11; 11 12", "30"))
    ),
}


# ---- reading typed text -----------------------------------------------------------------


def _where(row: int | None) -> str:
    return t("typed.err.row", row=row) if row is not None else ""


def _normalise(text: str) -> str:
    text = str(text).replace("，", ",").replace("；", ";").strip()
    if "[" in text or "]" in text:
        text = _BRACKETS.sub(";", text).replace("[", " ").replace("]", " ")
    return text.strip(" \t\n;")  # a ";" after the last step ends it, no empty step after


def _count_steps(text: str, row: int | None) -> int:
    """Steps the text claims, counted without splitting it (no list of a billion parts)."""
    steps = text.count(";") + 1 if ";" in text else sum(1 for _ in _tokens(text, MAX_STEPS + 1))
    if steps > MAX_STEPS:
        raise DataError(t("typed.err.steps", where=_where(row), steps=steps, most=MAX_STEPS))
    return steps


def _tokens(text: str, most: int):
    """The parts between separators, at most `most` of them, read lazily."""
    for k, m in enumerate(_TOKEN.finditer(text)):
        if k >= most:
            return
        yield m.group()


def _number(token: str, row: int | None) -> float:
    if len(token) > MAX_NUMBER_CHARS:  # before the pattern reads it
        raise DataError(
            t(
                "parsing.number_too_long",
                where=_where(row),
                token=md(token, 20),
                chars=len(token),
                most=MAX_NUMBER_CHARS,
            )
        )
    if not _NUMBER.fullmatch(token):
        raise DataError(t("typed.err.not_number", where=_where(row), token=md(token, 20)))
    value = float(token)
    if not np.isfinite(value):  # 1e999 reads as inf
        raise DataError(t("typed.err.not_finite", where=_where(row), token=md(token, 20)))
    return value


def parse_sequence(text: str, row: int | None = None) -> np.ndarray:
    """One typed sequence as float64 [T, F]; DataError naming the row and what to fix."""
    text = str(text)
    if len(text) > MAX_CELL_CHARS:  # before any copy of it is made
        raise DataError(t("typed.err.too_long", where=_where(row), most=MAX_CELL_CHARS))
    text = _normalise(text)
    if not text:
        raise DataError(t("typed.err.empty_sequence", where=_where(row)))
    _count_steps(text, row)
    if ";" not in text:
        return np.array([[_number(tok, row)] for tok in _tokens(text, MAX_STEPS)])
    steps = []
    for k, part in enumerate(text.split(";")):
        tokens = list(_tokens(part, MAX_FEATURES + 1))
        if not tokens:
            raise DataError(t("typed.err.empty_step", where=_where(row), step=k + 1))
        if len(tokens) > MAX_FEATURES:
            raise DataError(t("typed.err.features", where=_where(row), most=MAX_FEATURES))
        steps.append([_number(tok, row) for tok in tokens])
    widths = {len(s) for s in steps}
    if len(widths) > 1:
        raise DataError(
            t(
                "typed.err.ragged_steps",
                where=_where(row),
                widths=", ".join(map(str, sorted(widths))),
            )
        )
    return np.array(steps, dtype=np.float64)


def parse_target(text: str, row: int) -> float:
    text = str(text)
    if len(text) > MAX_NUMBER_CHARS:  # one number: nothing longer is read
        raise DataError(
            t("parsing.target_too_long", row=row, chars=len(text), most=MAX_NUMBER_CHARS)
        )
    tokens = list(_tokens(_normalise(text), 2))
    if len(tokens) != 1:
        raise DataError(t("typed.err.target", row=row))
    return _number(tokens[0], row)


def table_chars(cells) -> int:
    """Characters of a typed table's text cells (a str knows its length: none is read;
    numbers are short)."""
    return sum(len(v) for v in cells if isinstance(v, str))


def check_size(rows) -> None:
    """The typed table the Data page edits, refused past MAX_TABLE_CHARS before it is
    hashed or parsed (the page reads it again on every rerun; a pasted file belongs in an
    upload). Each cell's own cap is parse_sequence's and parse_target's."""
    chars = table_chars(v for row in rows for v in row)
    if chars > MAX_TABLE_CHARS:
        raise DataError(t("parsing.table_too_long", chars=chars, most=MAX_TABLE_CHARS))


def blank(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip()


def parse_rows(rows) -> tuple[np.ndarray, np.ndarray]:
    """(sequence, target) text pairs -> x float64 [N, T, F], y float64 [N]. Blank rows
    (the editor's new, empty ones) are skipped; rows are numbered as the table shows them."""
    rows = list(rows)
    if len(rows) > MAX_TYPED_ROWS:
        raise DataError(t("typed.err.rows", rows=len(rows), most=MAX_TYPED_ROWS))
    xs: list[np.ndarray] = []
    ys: list[float] = []
    for k, (seq, target) in enumerate(rows, start=1):
        if blank(seq) and blank(target):
            continue
        if blank(seq):
            raise DataError(t("typed.err.empty_sequence", where=_where(k)))
        x = parse_sequence(str(seq), k)
        if blank(target):
            raise DataError(t("typed.err.target", row=k))
        if len(rows) * x.size > MAX_VALUES:  # known from the first row: refuse before the rest
            raise DataError(t("typed.err.values", rows=len(rows), per_row=x.size, most=MAX_VALUES))
        if xs and x.shape != xs[0].shape:
            raise DataError(
                t(
                    "typed.err.ragged_rows",
                    row=k,
                    steps=x.shape[0],
                    features=x.shape[1],
                    first_steps=xs[0].shape[0],
                    first_features=xs[0].shape[1],
                )
            )
        xs.append(x)
        ys.append(parse_target(str(target), k))
    if not xs:
        raise DataError(t("typed.err.no_rows"))
    return np.stack(xs), np.asarray(ys, np.float64)


def parse_series(values) -> np.ndarray:
    """The "one series" mode's column: numbers, blanks skipped, at most MAX_TYPED_ROWS."""
    values = list(values)
    if len(values) > MAX_TYPED_ROWS:
        raise DataError(t("typed.err.rows", rows=len(values), most=MAX_TYPED_ROWS))
    out = []
    for k, v in enumerate(values, start=1):
        if blank(v):
            continue
        text = str(v)
        if len(text) > MAX_NUMBER_CHARS:  # before strip copies it
            raise DataError(
                t(
                    "parsing.number_too_long",
                    where=_where(k),
                    token=md(text, 20),
                    chars=len(text),
                    most=MAX_NUMBER_CHARS,
                )
            )
        out.append(_number(text.strip(), k))
    if len(out) < 3:
        raise DataError(t("typed.err.series_short", n=len(out)))
    return np.asarray(out, np.float64)


# ---- typed rows as a data set -----------------------------------------------------------


class SampleSet:
    """Fixed samples with WindowSet's reading interface (splits/count/target_rows/get/
    batch). A handful of typed rows cannot spare any for validation: every row trains,
    validation reads the training rows again, and there is no test set."""

    horizon, many_to_many = 1, False

    def __init__(self, x: np.ndarray, y: np.ndarray):
        self.inputs = np.ascontiguousarray(x, np.float32)  # [N, T, F]
        self.targets = np.ascontiguousarray(y, np.float32).reshape(len(x), 1)  # [N, 1]
        self.window = x.shape[1]
        rows = np.arange(len(x))
        self.splits = {"train": rows, "val": rows.copy(), "test": rows[:0]}

    def __len__(self) -> int:
        return len(self.inputs)

    def count(self, split: str) -> int:
        return len(self.splits[split])

    def target_rows(self, split: str) -> np.ndarray:
        return self.splits[split]  # sample k's target is row k of raw_target

    def get(self, starts: np.ndarray):
        starts = np.asarray(starts, dtype=np.int64)
        return np.ascontiguousarray(self.inputs[starts]), np.ascontiguousarray(self.targets[starts])

    def batch(self, split: str, index: np.ndarray):
        return self.get(self.splits[split][index])


@dataclass
class TypedData(SeriesData):
    """Typed rows prepared: `values` [N, T, F] scaled inputs, `target` [N] scaled,
    `raw_inputs` [N, T, F] and `raw_target` [N] in the units typed."""

    raw_inputs: np.ndarray | None = None

    @property
    def input_size(self) -> int:
        return self.values.shape[-1]


def feature_names(features: int) -> tuple[str, ...]:
    return (STEP_NAME,) if features == 1 else tuple(f"{STEP_NAME}{k + 1}" for k in range(features))


def default_config(x: np.ndarray, scaling: str | None = None) -> SeriesConfig:
    """The preparation of typed rows: the window is their step count, nothing held back."""
    scaling = scaling or schema.get(SeriesConfig, "scaling").default
    return SeriesConfig(
        target=TARGET,
        features=feature_names(x.shape[2]),
        window=x.shape[1],
        horizon=1,
        val_frac=0.0,
        test_frac=0.0,
        scaling=scaling,
    )


def fit_scaler(x: np.ndarray, y: np.ndarray, kind: str) -> Scaler:
    """Per column, fitted on every typed row: the input features over all their steps,
    the target on its own (the scaler's last column, as for a table)."""
    inputs, target = Scaler.fit(x.reshape(-1, x.shape[2]), kind), Scaler.fit(y[:, None], kind)
    return Scaler(
        kind, np.concatenate([inputs.loc, target.loc]), np.concatenate([inputs.scale, target.scale])
    )


def _scale_inputs(scaler: Scaler, x: np.ndarray) -> np.ndarray:
    """[..., F] inputs scaled by the scaler's first F columns (the last is the target)."""
    return scaler.part(slice(0, x.shape[-1])).transform(x)


def build(
    x: np.ndarray, y: np.ndarray, cfg: SeriesConfig, scaler: Scaler | None = None
) -> TypedData:
    """Scale typed rows (a saved run passes its scaler) and wrap them for the trainer."""
    f = x.shape[2]
    scaler = scaler or fit_scaler(x, y, cfg.scaling)
    flat = np.concatenate([x.reshape(-1, f), np.repeat(y, x.shape[1])[:, None]], axis=1)
    _check_scalable(flat, scaler.transform(flat), scaler, [*cfg.inputs, cfg.target])
    xs = _scale_inputs(scaler, x)
    ys = scaler.part(slice(-1, None)).transform(y[:, None])[:, 0]
    n = len(x)
    # SampleSet reads like a WindowSet (splits, count, target_rows, get, batch): the
    # trainer and the pages use only that.
    windows = cast(WindowSet, SampleSet(xs, ys))
    return TypedData(
        cfg,
        xs,
        ys,
        np.asarray(y, np.float64),
        np.arange(n),
        scaler,
        windows,
        (n, n),
        notes=[t("typed.note_no_holdout")],
        raw_inputs=np.asarray(x, np.float64),
    )


def prepare_typed(rows, cfg: SeriesConfig | None = None) -> TypedData:
    """Typed rows (pairs of text) with a preparation; the window and features follow the
    rows (a table edited to other shapes keeps the user's scaling)."""
    x, y = parse_rows(rows)
    fitted = default_config(x, cfg.scaling if cfg is not None else None)
    return build(x, y, fitted)


# ---- a typed sequence -> the model's answer ---------------------------------------------


@dataclass
class Answer:
    values: np.ndarray  # [1] many-to-one, or [T] one per step (many-to-many), original units
    steps: int  # the typed sequence's length
    window: int  # the length the model was trained on


def answer(model, data: SeriesData, text: str) -> Answer:
    """The model's prediction for a typed sequence, in the target's units: scaled with the
    run's scaler (inputs are its first columns, the target its last), run on the model's
    own device. Any length works (a recurrent net reads any); DataError for the wrong
    number of features or text that is no sequence."""
    x = parse_sequence(text)
    f = data.input_size
    if x.shape[1] != f:
        raise DataError(
            t(
                "typed.err.feature_count",
                typed=x.shape[1],
                wanted=f,
                inputs=", ".join(md(c) for c in data.cfg.inputs),
            )
        )
    try:  # a model that predicts changes reads the typed window's changes
        x, base = transforms.typed_window(x, data.cfg)
    except ValueError as err:
        raise DataError(str(err)) from None
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = _scale_inputs(data.scaler, x)
    if not np.isfinite(scaled).all() or np.abs(scaled).max() > MAX_SCALED:
        raise DataError(t("typed.err.too_large"))
    device = next(model.parameters()).device
    was = model.training
    model.eval()
    with torch.no_grad():
        out = model(torch.from_numpy(scaled[None]).to(device)).float().cpu().numpy()
    model.train(was)
    values = out[0, :, 0] if out.ndim == 3 else out[0, :1]  # [T] per step, or [1]
    base = None if base is None else base[-len(values) :]
    levels = transforms.inverse(data.unscale_target(values), base, data.cfg.target_transform)
    k = transforms.lag(data.cfg)  # a window of changes was read from `lag` more levels
    return Answer(levels, len(x) + k, data.cfg.window + k)


def recent_inputs(data: SeriesData, steps: int) -> np.ndarray:
    """The table's newest `steps` rows of inputs [steps, F] in their own units: an input
    the model reads as a change (rnnviz.data.transforms) is its level, as a person types it."""
    cfg, f = data.cfg, data.input_size
    last = np.asarray(data.values[-steps:], np.float64)
    raw = data.scaler.part(slice(0, f)).inverse(last, slice(None))
    for i, name in enumerate(cfg.inputs):
        if transforms.lag(cfg) and name in cfg.outputs:
            assert data.raw_targets is not None  # SeriesData.__post_init__ sets it
            raw[:, i] = data.raw_targets[-len(raw) :, cfg.outputs.index(name)]
    return raw
