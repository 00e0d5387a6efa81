"""A run's prepared data inside a saved model file: arrays out, checked arrays back in.

A saved run carries the data it was trained on, so that a loaded model predicts exactly
what it predicted before saving, whatever data are loaded now, and Inside replays the
same probe sequences. Series: `data.values` [N, F] float32 (scaled inputs), `data.target`
[N] float32 (scaled), `data.raw_target` [N] float64 (original units) and `data.index` [N]
int64 (dates as counts of their unit, or row numbers); a run predicting K > 1 columns adds
the other K - 1 as `data.extra` [N, K-1] float32 and `data.raw_extra` [N, K-1] float64
(a one-output file is what it always was). Text: `data.ids` [N], uint8 for a
vocabulary of up to 256 characters, else int32. Config, scaler, vocabulary and split
boundaries are the preparation's JSON (preparation_dict).

A file is untrusted: `expected` checks the header's data entries (names, dtypes, sizes
against the caps) before anything is read, and `rebuild` checks every value of the
preparation and what every array means (rnnviz/files/run_checks.py: finite, bounded, dates in
order) before windows are made from them. Both raise ValueError only.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import numpy as np

from rnnviz.data.prep import SeriesConfig, SeriesData, held_out, series_windows, split_rows
from rnnviz.data.text import TextConfig, TextData, Vocab
from rnnviz.data.typed import TypedData
from rnnviz.data.windows import Scaler, WindowSet

# typedfile: typed rows (rnnviz/data/typed.py) have their own tensors
from rnnviz.files import run_checks, typed_rows
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig
from rnnviz.model.sizes import model_config_for
from rnnviz.server.limits import MAX_ROWS
from rnnviz.session import schema

SERIES = ("data.values", "data.target", "data.raw_target", "data.index")
TEXT = ("data.ids",)
EXTRA = ("data.extra", "data.raw_extra")  # the outputs after the first, when K > 1
BASE = "data.base"  # [N, K] what each change is taken from, for a model predicting changes
DTYPES = {
    "data.base": ("F64",),
    "data.values": ("F32",),
    "data.target": ("F32",),
    "data.raw_target": ("F64",),
    "data.index": ("I64",),
    "data.ids": ("U8", "I32"),
    "data.extra": ("F32",),
    "data.raw_extra": ("F64",),
}
BYTES = {"F32": 4, "F64": 8, "I64": 8, "I32": 4, "U8": 1}  # per value, by safetensors code
MAX_TEXT_IDS = 50_000_000  # characters: an upload is at most 50 MB
DATE_UNITS = tuple(run_checks.UNIT_NS)  # numpy's codes: days to nanoseconds
SCALINGS = schema.get(SeriesConfig, "scaling").choices
MAX_NAME = 1000  # characters of a column name in a file's settings


# ---- saving -----------------------------------------------------------------------------


def index_unit(index: np.ndarray) -> tuple[np.ndarray, str | None]:
    """The index as int64 and the unit of its dates (None: row numbers).

    An index a loaded run could not draw (dates repeated, missing, out of order or past
    year 9999) is saved as row numbers instead: the loaded run plots against rows, and
    every file rnnviz saves passes the checks it is loaded with."""
    ints, unit = _index_ints(index)
    if run_checks.index_problem(ints, unit):
        return np.arange(len(ints), dtype=np.int64), None
    return ints, unit


def _index_ints(index) -> tuple[np.ndarray, str | None]:
    index = np.asarray(index)
    if index.dtype.kind != "M":
        try:
            return index.astype(np.int64), None
        except (TypeError, ValueError):
            return np.arange(len(index), dtype=np.int64), None
    unit, count = np.datetime_data(index.dtype)
    if count != 1 or unit not in DATE_UNITS:
        index, unit = index.astype("datetime64[ns]"), "ns"
    return index.view(np.int64), unit


def tensors(data: SeriesData | TextData) -> dict[str, np.ndarray]:
    """The arrays a saved run carries, by tensor name."""
    if isinstance(data, TypedData):
        return typed_rows.tensors(data)
    if isinstance(data, TextData):
        dtype = np.uint8 if len(data.vocab) <= 256 else np.int32
        return {"data.ids": np.ascontiguousarray(data.ids, dtype=dtype)}
    arrays: dict[str, np.ndarray] = {
        "data.values": np.ascontiguousarray(data.values, np.float32),
        "data.target": np.ascontiguousarray(data.target, np.float32),
        "data.raw_target": np.ascontiguousarray(data.raw_target, np.float64),
        "data.index": np.ascontiguousarray(index_unit(data.index)[0]),
    }
    if data.output_size > 1:
        assert data.targets is not None and data.raw_targets is not None  # __post_init__
        arrays["data.extra"] = np.ascontiguousarray(data.targets[:, 1:], np.float32)
        arrays["data.raw_extra"] = np.ascontiguousarray(data.raw_targets[:, 1:], np.float64)
    if data.base is not None:
        arrays[BASE] = np.ascontiguousarray(data.base, np.float64)
    return arrays


def preparation_dict(data: SeriesData | TextData) -> dict:
    """How the data were prepared, for a saved model: columns, window, scaler, vocabulary."""
    if isinstance(data, TextData):
        return {"kind": "text", "config": asdict(data.cfg), "vocab": list(data.vocab.chars)}
    return {
        "kind": "series",
        "config": data.cfg.to_dict(),
        "scaler": data.scaler.to_dict(),
        "boundaries": [int(b) for b in data.boundaries],
    }


def describe(data: SeriesData | TextData) -> dict:
    """The preparation's JSON for a saved run: with the unit its dates are counted in."""
    if isinstance(data, TypedData):
        return typed_rows.describe(data)
    prep = preparation_dict(data)
    if isinstance(data, SeriesData):
        prep["index"] = index_unit(data.index)[1]
    return prep


# ---- loading: the header ----------------------------------------------------------------


def _bad(field: str) -> ValueError:
    return ValueError(t("run.bad_data", field=field))


def expected(
    entries: dict[str, dict], cfg: ModelConfig, preparation: dict
) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[str, ...]]]:
    """The shapes and dtypes the file's data tensors must have, read before any is loaded.

    No `data.` entry: a model-only file (older rnnviz), ({}, {}). Otherwise every tensor of
    the preparation's kind is expected, as long as `data.target` (or `data.ids`) says,
    which must be within the caps; missing, extra and misshapen tensors are the caller's
    to name."""
    if not any(name.startswith("data.") for name in entries):
        return {}, {}
    kind = preparation.get("kind")
    if kind == "typed":
        return typed_rows.expected(entries, cfg, preparation)
    names: tuple[str, ...] = SERIES if kind == "series" else TEXT if kind == "text" else ()
    if kind == "series" and cfg.output_size > 1:
        names = SERIES + EXTRA
    if kind == "series" and _changes(preparation):
        names = (*names, BASE)
    if not names:
        return {}, {}  # the data tensors are unexpected: the header check names them
    lead = entries.get(names[1] if kind == "series" else names[0], {}).get("shape") or [0]
    n = lead[0]
    cap = MAX_ROWS if kind == "series" else MAX_TEXT_IDS
    if n > cap:
        raise ValueError(t("run.too_many_rows", cap=cap))
    shapes: dict[str, tuple[int, ...]] = dict.fromkeys(names, (n,))
    if kind == "series":
        shapes["data.values"] = (n, cfg.input_size)
        shapes.update({name: (n, cfg.output_size - 1) for name in names if name in EXTRA})
        if BASE in names:
            shapes[BASE] = (n, cfg.output_size)
    return shapes, {name: DTYPES[name] for name in names}


def _changes(preparation: dict) -> bool:
    """Whether the file's model predicts changes (a file older than them: the level)."""
    config = preparation.get("config")
    return isinstance(config, dict) and config.get("target_transform", "level") != "level"


# ---- loading: the preparation -----------------------------------------------------------


def _value(d: dict, owner: type, key: str, cap: int | None = None, missing=None):
    """The file's value of a config field, valid as the schema says a file may hold it
    (settings.in_file), and at most `cap` (what the data allow); `missing`: a file older
    than the field."""
    spec = schema.in_file(owner, key)
    if cap is not None:
        assert spec.hi is not None  # only fields with an upper bound are capped
        spec = replace(spec, hi=min(spec.hi, cap))
    value = d.get(key, missing)
    try:
        schema.check(spec, value)
    except ValueError:
        raise _bad(f"config.{key}") from None
    return float(value) if spec.kind == "float" else value


def _text(value, field: str) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_NAME:
        raise _bad(field)
    return value


def _optional_text(value, field: str) -> str | None:
    return None if value is None else _text(value, field)


def _dict(d: dict, key: str) -> dict:
    value = d.get(key)
    if not isinstance(value, dict):
        raise _bad(key)
    return value


def _series_config(d: dict, n: int, f: int, k: int = 1) -> SeriesConfig:
    features = d.get("features", [])
    if not isinstance(features, list) or len(features) > f:
        raise _bad("config.features")
    s = SeriesConfig
    cfg = SeriesConfig(
        target=_text(d.get("target"), "config.target"),
        features=tuple(_text(c, "config.features") for c in features),
        date_column=_optional_text(d.get("date_column"), "config.date_column"),
        window=_value(d, s, "window", cap=n),
        horizon=_value(d, s, "horizon", cap=n),
        many_to_many=_value(d, s, "many_to_many"),
        val_frac=_value(d, s, "val_frac"),
        test_frac=_value(d, s, "test_frac"),
        scaling=_value(d, s, "scaling"),
        missing=_value(d, s, "missing"),
        last_rows=_value(d, s, "last_rows"),
        every_nth=_value(d, s, "every_nth"),
        extra_targets=_extra(d),
        target_transform=_value(d, s, "target_transform", missing="level"),
        season=_value(d, s, "season"),
        series_column=_optional_text(d.get("series_column"), "config.series_column"),
        series_value=_optional_text(d.get("series_value"), "config.series_value"),
    )
    if cfg.target_transform == "seasonal_diff" and not cfg.season:
        raise _bad("config.target_transform")
    if len(cfg.inputs) != f:
        raise _bad("config.features")
    if len(cfg.outputs) != k:  # one array column per predicted column
        raise _bad("config.extra_targets")
    return cfg


def _extra(d: dict) -> tuple[str, ...]:
    """The config's extra outputs; a file older than them has none."""
    extra = d.get("extra_targets", [])
    if not isinstance(extra, list):
        raise _bad("config.extra_targets")
    return tuple(_text(c, "config.extra_targets") for c in extra)


def _scaler(d: dict, width: int) -> Scaler:
    lists = [d.get("loc"), d.get("scale")]
    if d.get("kind") not in SCALINGS or not all(
        isinstance(v, list) and len(v) == width and all(run_checks.number(x) for x in v)
        for v in lists
    ):
        raise _bad("scaler")
    return Scaler.from_dict(d)


def _boundaries(value, n: int) -> tuple[int, int]:
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(type(b) is int for b in value)
        and 0 <= value[0] <= value[1] <= n
    ):
        raise _bad("boundaries")
    return value[0], value[1]


def _index(ints: np.ndarray, unit) -> np.ndarray:
    if unit is not None and unit not in DATE_UNITS:  # a list or a number included
        raise _bad("index")
    run_checks.index(ints, unit)
    return ints if unit is None else ints.view(f"datetime64[{unit}]")


def _series(prep: dict, arrays: dict[str, np.ndarray]) -> SeriesData:
    run_checks.series_arrays(arrays)
    values, target = arrays["data.values"], arrays["data.target"]
    n, f = values.shape
    targets = np.column_stack([target, arrays.get("data.extra", np.zeros((n, 0), np.float32))])
    raw = np.column_stack(
        [arrays["data.raw_target"], arrays.get("data.raw_extra", np.zeros((n, 0)))]
    )
    k = targets.shape[1]
    cfg = _series_config(_dict(prep, "config"), n, f, k)
    scaler = _scaler(_dict(prep, "scaler"), f + k)
    run_checks.scaler(scaler, cfg.scaling)
    index = _index(arrays["data.index"], prep.get("index"))
    bounds = _boundaries(prep.get("boundaries"), n)
    windows = series_windows(values, targets, cfg, bounds)
    _check_splits(windows, held_out(cfg))
    base = arrays.get(BASE) if cfg.target_transform != "level" else None
    if base is not None:
        run_checks.raw(base, BASE)
        if cfg.target_transform == "log_diff" and not (base > 0).all():
            raise _bad(BASE)
    return SeriesData(
        cfg,
        values,
        target,
        arrays["data.raw_target"],
        index,
        scaler,
        windows,
        bounds,
        targets=targets,
        raw_targets=raw,
        base=base,
    )


def _check_splits(windows: WindowSet, splits) -> None:
    """Every split the pages read holds a window (prepare_series/_text refuse the rest); a
    series with a share of 0 has no such part to read."""
    if any(windows.count(s) < 1 for s in splits):
        raise _bad("boundaries")


def _vocab(value, size: int) -> Vocab:
    if not (
        isinstance(value, list)
        and len(value) == size
        and all(isinstance(c, str) and len(c) == 1 for c in value)
        and len(set(value)) == size
    ):
        raise _bad("vocab")
    return Vocab(tuple(value))


def _text_data(prep: dict, arrays: dict[str, np.ndarray], cfg: ModelConfig) -> TextData:
    ids = arrays["data.ids"].astype(np.int64)
    n = len(ids)
    d = _dict(prep, "config")
    x = TextConfig
    config = TextConfig(
        seq_len=_value(d, x, "seq_len", cap=n),
        val_frac=_value(d, x, "val_frac"),
        test_frac=_value(d, x, "test_frac"),
        max_chars=_value(d, x, "max_chars"),
        lowercase=_value(d, x, "lowercase", missing=False),  # older files: the text as it was
        drop_newlines=_value(d, x, "drop_newlines", missing=False),
    )
    vocab = _vocab(prep.get("vocab"), cfg.vocab_size)
    if n and (ids.min() < 0 or ids.max() >= len(vocab)):
        raise _bad("data.ids")
    windows = WindowSet(
        ids,
        ids,
        config.seq_len,
        horizon=1,
        many_to_many=True,
        stride=config.seq_len,
        boundaries=split_rows(n, config.val_frac, config.test_frac),
    )
    _check_splits(windows, ("train", "val"))  # as prepare_text asks
    return TextData(config, _decode(vocab, ids), vocab, ids, windows)


def _decode(vocab: Vocab, ids: np.ndarray, chunk: int = 1 << 20) -> str:
    """The text back from its ids, a million at a time: an object array of every
    character at once would take 8 bytes per character on top of the text."""
    chars = np.asarray(vocab.chars, dtype=object)
    return "".join("".join(chars[ids[i : i + chunk]]) for i in range(0, len(ids), chunk))


def rebuild(preparation: dict, arrays: dict[str, np.ndarray], cfg: ModelConfig):
    """The run's SeriesData or TextData from a file's arrays and preparation, checked to be
    what this model reads; ValueError otherwise."""
    data: SeriesData | TextData
    if preparation.get("kind") == "typed":
        data = typed_rows.rebuild(
            preparation, arrays, _scaler(_dict(preparation, "scaler"), cfg.input_size + 1)
        )
    else:
        data = (
            _text_data(preparation, arrays, cfg)
            if preparation.get("kind") == "text"
            else _series(preparation, arrays)
        )
    if model_config_for(data, cfg) != cfg:
        raise ValueError(t("run.data_unfit"))
    return data
