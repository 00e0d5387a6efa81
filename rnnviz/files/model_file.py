"""Save and load trained models as safetensors: weights plus how to rebuild and feed them.

Only safetensors is ever read, so a model file can hold tensors and JSON text but never
code: nothing is unpickled, and torch.load is never used on an upload. The file's
metadata carries the ModelConfig and the data preparation (columns, window, scaler,
vocabulary), and a saved run's file also holds its prepared data as `data.*` tensors
(rnnviz/files/run_data.py), so a loaded model predicts exactly as it did when it was saved.

A file is untrusted until proven otherwise: load_model reads the header (its JSON lists
every tensor's dtype, shape and byte range), checks the settings' types and the server's
caps, and compares the header with the shapes the settings imply (worked out on torch's
"meta" device, which allocates nothing) before a single weight is read. Whatever the
bytes, it either returns a model or raises ValueError with a short message.
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import fields
from pathlib import Path

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from rnnviz.files import run_data
from rnnviz.i18n import t
from rnnviz.model.network import CELLS, HEADS, MODES, ModelConfig, build_model, head_problem
from rnnviz.safe_text import md
from rnnviz.server.limits import check_model_config

FORMAT = "rnnviz-model/1"
MAX_HEADER = 1_000_000  # bytes of JSON header; a real one is a few KB (a big vocabulary ~200 KB)
MAX_NAMES = 3  # tensors named in one message; the rest are counted
MAX_SHOWN = 40  # characters of any value from the file echoed in a message
# safetensors dtype codes we read, with their bytes per value; half and double precision are
# converted to float32 on purpose, integers and booleans are refused (they are not weights)
FLOAT_BYTES = {"F32": 4, "F16": 2, "BF16": 2, "F64": 8}
BYTES = {**FLOAT_BYTES, **run_data.BYTES}  # the data tensors' dtypes are named per tensor
CHOICES = {"cell": CELLS, "mode": MODES, "head": HEADS}  # a file older than `head`: linear


def model_bytes(
    model, preparation: dict | None = None, data: dict[str, np.ndarray] | None = None
) -> bytes:
    """The safetensors file for a model (for a download button); `data`: a run's prepared
    data as rundata.tensors gives them."""
    tensors = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    tensors.update({k: torch.from_numpy(np.array(v)) for k, v in (data or {}).items()})  # a copy
    meta = {
        "format": FORMAT,
        "model": json.dumps(model.cfg.to_dict()),
        "preparation": json.dumps(preparation or {}),
    }
    return save_tensors(tensors, metadata=meta)


def _raw(source) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "getvalue"):
        return source.getvalue()
    if hasattr(source, "read"):
        return source.read()
    try:
        return Path(source).read_bytes()
    except OSError as err:
        raise ValueError(t("export.read_failed", error=shorten(err))) from err


def shorten(value) -> str:
    """A value from the file as at most MAX_SHOWN characters (huge integers by their size),
    escaped for Markdown."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"~10^{int(value.bit_length() * math.log10(2))}"
    if isinstance(value, (list, dict)):  # never repr: 900 levels deep it recurses past the limit
        return "[…]" if isinstance(value, list) else "{…}"
    text = value if isinstance(value, str) else repr(value)
    return md(text, MAX_SHOWN - 1)  # the page shows it in Markdown: escaped, like any file text


def name_list(names) -> str:
    """At most MAX_NAMES shortened names, then "and N more"."""
    names = sorted(names)
    shown = ", ".join(shorten(n) for n in names[:MAX_NAMES])
    rest = len(names) - MAX_NAMES
    return shown + t("export.and_more", count=rest) if rest > 0 else shown


def _not_a_model() -> ValueError:
    """The refusal for anything that is not an rnnviz safetensors file, in the reader's language."""
    return ValueError(t("export.not_a_model"))


def _json(text: str):
    """json.loads that fails only with ValueError: deep nesting and 5000-digit numbers included."""
    try:
        return json.loads(text)
    except RecursionError as err:  # "[[[[…" thousands deep
        raise ValueError(t("export.too_nested")) from err
    except json.JSONDecodeError as err:
        raise _not_a_model() from err
    except ValueError as err:  # the only other one: Python's int_max_str_digits limit
        raise ValueError(t("export.huge_number")) from err


def _header(raw: bytes) -> tuple[dict, int]:
    """The safetensors JSON header (u64 little-endian length, then JSON) and where data starts."""
    if len(raw) < 8:
        raise _not_a_model()
    (size,) = struct.unpack("<Q", raw[:8])
    if size > min(MAX_HEADER, len(raw) - 8):
        raise _not_a_model()
    try:
        text = raw[8 : 8 + size].decode("utf-8")
    except UnicodeDecodeError as err:
        raise _not_a_model() from err
    header = _json(text)
    if not isinstance(header, dict):
        raise _not_a_model()
    return header, 8 + size


def _object(meta: dict, key: str):
    """One of the metadata's JSON texts, which must hold a JSON object."""
    value = _json(meta[key]) if isinstance(meta.get(key), str) else None
    if not isinstance(value, dict):
        raise ValueError(t("export.bad_settings", error=t("export.not_object", key=key)))
    return value


def _metadata(header: dict) -> dict:
    meta = header.get("__metadata__")
    if (
        not isinstance(meta, dict)
        or meta.get("format") != FORMAT
        or not all(isinstance(v, str) for v in meta.values())
    ):  # safetensors: text only
        raise _not_a_model()
    return {"model": _object(meta, "model"), "preparation": _object(meta, "preparation")}


def _shown(value) -> str:
    """A setting's value as JSON would write it, shortened: "2" stays quoted, unlike 2."""
    return shorten(repr(value) if isinstance(value, str) else value)


def _kind_error(name: str, kind: str, value) -> ValueError:
    return ValueError(
        t(
            "export.bad_settings",
            error=t(
                "export.field_type", field=name, kind=t(f"export.kind.{kind}"), value=_shown(value)
            ),
        )
    )


def _check_types(d: dict) -> None:
    """Every ModelConfig field the file sets has the JSON type the field needs: 8.5 is no size."""
    for f in fields(ModelConfig):
        if f.name not in d:
            continue
        value = d[f.name]
        if f.name in CHOICES:
            options = CHOICES[f.name]
            if not isinstance(value, str) or value not in options:
                raise ValueError(
                    t(
                        "export.bad_settings",
                        error=t(
                            "export.choice",
                            field=f.name,
                            options=", ".join(options),
                            value=_shown(value),
                        ),
                    )
                )
        elif f.type in ("int", int) and (type(value) is not int):
            raise _kind_error(f.name, "int", value)
        elif f.type in ("bool", bool) and type(value) is not bool:
            raise _kind_error(f.name, "bool", value)
        elif f.type in ("float", float) and not (
            type(value) is int or (type(value) is float and math.isfinite(value))
        ):
            raise _kind_error(f.name, "number", value)  # NaN and inf parse as floats


def model_config(d: dict) -> ModelConfig:
    """A ModelConfig from a file's settings, refused (ValueError) unless typed and within caps."""
    _check_types(d)
    problem = check_model_config(d)
    if problem:
        raise ValueError(t("export.too_big", reason=problem))
    try:
        cfg = ModelConfig.from_dict(d)
    except (TypeError, ValueError) as err:
        raise ValueError(t("export.bad_settings", error=err)) from err  # values vetted above
    if problem := head_problem(cfg):
        raise ValueError(t("export.bad_settings", error=problem))
    return cfg


def _entries(header: dict) -> dict[str, dict]:
    """The header's tensor entries: {"dtype": str, "shape": [int], "data_offsets": [int, int]}."""
    entries = {k: v for k, v in header.items() if k != "__metadata__"}
    bad = [
        k
        for k, v in entries.items()
        if not (
            isinstance(v, dict)
            and isinstance(v.get("dtype"), str)
            and _ints(v.get("shape"))
            and _ints(v.get("data_offsets"))
            and len(v["data_offsets"]) == 2
        )
    ]
    if bad:
        raise ValueError(t("export.damaged", problem=t("export.bad_entry", names=name_list(bad))))
    return entries


def _ints(value) -> bool:
    return isinstance(value, list) and all(type(v) is int and v >= 0 for v in value)


def _check_header(
    entries: dict[str, dict],
    expected: dict[str, tuple[int, ...]],
    data_len: int,
    dtypes: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Names, shapes and dtypes as the settings imply (weights: any float type; data
    tensors: the `dtypes` named); byte ranges inside the file and sized right."""
    missing = set(expected) - set(entries)
    extra = set(entries) - set(expected)
    wrong = {k for k in set(expected) & set(entries) if entries[k]["shape"] != list(expected[k])}
    if missing or extra or wrong:
        parts = [
            t(key, names=name_list(names))
            for key, names in (
                ("export.missing", missing),
                ("export.unexpected", extra),
                ("export.wrong_shape", wrong),
            )
            if names
        ]
        raise ValueError(t("export.bad_tensors", problems=t("list.separator").join(parts)))
    dtypes = dtypes or {}
    not_float = {k for k, e in entries.items() if e["dtype"] not in dtypes.get(k, FLOAT_BYTES)}
    if not_float:
        first = min(not_float)
        key = "run.data_dtype" if first in dtypes else "export.dtype"
        raise ValueError(t(key, names=name_list(not_float), dtype=shorten(entries[first]["dtype"])))
    outside = {k for k, e in entries.items() if not _fits(e, expected[k], data_len)}
    if outside:
        raise ValueError(t("export.damaged", problem=t("export.offsets", names=name_list(outside))))
    ranges = sorted(e["data_offsets"] for e in entries.values())
    ends = [0] + [end for _, end in ranges]
    # ends has one more entry (0 first): each range's begin meets the end before it
    if (
        any(begin != end for (begin, _), end in zip(ranges, ends, strict=False))
        or ends[-1] != data_len
    ):
        raise ValueError(t("export.damaged", problem=t("export.layout")))  # gaps, overlaps, tail


def _fits(entry: dict, shape, data_len: int) -> bool:
    begin, end = entry["data_offsets"]
    return begin <= end <= data_len and end - begin == math.prod(shape) * BYTES[entry["dtype"]]


def expected_tensors(cfg: ModelConfig) -> dict[str, torch.Size]:
    """The state_dict shapes a model with these settings has, built on "meta": no memory used."""
    with torch.device("meta"):
        model = build_model(cfg)
    return {k: v.shape for k, v in model.state_dict().items()}


def load_model(source):
    """Rebuild a saved model exactly; ValueError (with what to do) for anything else.

    The model gets `preparation` (the metadata's dict) and `saved_data`: the run's
    prepared data rebuilt from the file's `data.*` tensors, or None for a model-only file."""
    raw = _raw(source)
    header, start = _header(raw)
    meta = _metadata(header)
    if meta["preparation"].get("kind") == "labels":  # rnnviz.files.classifier_file's
        raise ValueError(t("names.file_is_classifier"))
    cfg = model_config(meta["model"])
    entries = _entries(header)
    data_shapes, data_dtypes = run_data.expected(entries, cfg, meta["preparation"])
    _check_header(entries, {**expected_tensors(cfg), **data_shapes}, len(raw) - start, data_dtypes)
    try:
        tensors = load_tensors(raw)  # safetensors checks the byte ranges do not overlap
    except (SafetensorError, RuntimeError, ValueError, TypeError, OverflowError) as err:
        raise ValueError(t("export.damaged", problem=t("export.layout"))) from err
    arrays = {k: tensors.pop(k).numpy() for k in data_shapes}
    tensors = {k: v.to(torch.float32) for k, v in tensors.items()}  # half/double on purpose
    with torch.device("meta"):
        model = build_model(cfg)
    model.load_state_dict(tensors, assign=True)  # the file's tensors become the parameters
    model.preparation = meta["preparation"]
    model.saved_data = run_data.rebuild(meta["preparation"], arrays, cfg) if arrays else None
    return model


def nonfinite_parameters(model) -> list[str]:
    """Names of the parameters holding NaN or ±inf (a diverged run, or a damaged file)."""
    return [name for name, p in model.named_parameters() if not torch.isfinite(p).all()]
