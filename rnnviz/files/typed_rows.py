"""Typed rows inside a saved model file (rnnviz/files/run_data.py calls these for kind "typed").

The rows are kept as typed, in their own units: `data.x` [N, T, F] float64 and `data.y`
[N] float64; the preparation's JSON holds the config and the scaler, so a loaded run
scales them exactly as before saving. A file is untrusted: sizes are checked against the
typed-data caps from the header, before any array is read, and every value after
(rnnviz/files/run_checks.py: finite and within what preparing typed rows allows).
"""

from __future__ import annotations

import numpy as np

from rnnviz.data.typed import (
    MAX_STEPS,
    MAX_TYPED_ROWS,
    MAX_VALUES,
    TypedData,
    build,
    default_config,
)
from rnnviz.data.windows import Scaler
from rnnviz.files import run_checks
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig

DTYPES = {"data.x": ("F64",), "data.y": ("F64",)}
SCALINGS = ("minmax", "standard", "none")


def _bad(field: str) -> ValueError:
    return ValueError(t("run.bad_data", field=field))


def tensors(data: TypedData) -> dict[str, np.ndarray]:
    return {
        "data.x": np.ascontiguousarray(data.raw_inputs, np.float64),
        "data.y": np.ascontiguousarray(data.raw_target, np.float64),
    }


def describe(data: TypedData) -> dict:
    return {"kind": "typed", "config": data.cfg.to_dict(), "scaler": data.scaler.to_dict()}


def _steps(preparation: dict) -> int:
    config = preparation.get("config")
    steps = config.get("window") if isinstance(config, dict) else None
    if type(steps) is not int or not 1 <= steps <= MAX_STEPS:
        raise _bad("config.window")
    return steps


def expected(entries: dict[str, dict], cfg: ModelConfig, preparation: dict):
    """The shapes and dtypes of the typed rows, from the header alone (caps first)."""
    lead = entries.get("data.y", {}).get("shape") or [0]
    n, steps = lead[0], _steps(preparation)
    if not 1 <= n <= MAX_TYPED_ROWS or n * steps * cfg.input_size > MAX_VALUES:
        raise ValueError(t("run.too_many_rows", cap=MAX_TYPED_ROWS))
    return {"data.x": (n, steps, cfg.input_size), "data.y": (n,)}, dict(DTYPES)


def rebuild(preparation: dict, arrays: dict[str, np.ndarray], scaler: Scaler) -> TypedData:
    """The typed rows back, prepared with the file's scaler (its lists already read by
    rundata; what they mean is checked here)."""
    x, y = arrays["data.x"], arrays["data.y"]
    run_checks.raw(x, "data.x")
    run_checks.raw(y, "data.y")
    scaling = preparation["config"].get("scaling")
    if scaling not in SCALINGS:
        raise _bad("config.scaling")
    run_checks.scaler(scaler, scaling)
    try:
        return build(x, y, default_config(x, scaling), scaler)
    except ValueError as err:  # DataError: values the scaler cannot take
        raise _bad("data.x") from err
