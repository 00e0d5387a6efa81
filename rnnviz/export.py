"""Save and load trained models as safetensors: weights plus how to rebuild and feed them.

Only safetensors is ever read, so a model file can hold tensors and JSON text but never
code: nothing is unpickled, and torch.load is never used on an upload. The file's
metadata carries the ModelConfig and the data preparation (columns, window, scaler,
vocabulary), so a loaded model predicts exactly as it did when it was saved.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from rnnviz.i18n import t
from rnnviz.models import ModelConfig, build_model

FORMAT = "rnnviz-model/1"
MAX_HEADER = 10_000_000  # bytes of JSON header we are willing to parse


def model_bytes(model, preparation: dict | None = None) -> bytes:
    """The safetensors file for a model (for a download button)."""
    tensors = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    meta = {"format": FORMAT, "model": json.dumps(model.cfg.to_dict()),
            "preparation": json.dumps(preparation or {})}
    return save_tensors(tensors, metadata=meta)


def save_model(model, path, preparation: dict | None = None) -> None:
    Path(path).write_bytes(model_bytes(model, preparation))


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
        raise ValueError(t("export.read_failed", error=err)) from err


def _not_a_model() -> ValueError:
    """The refusal for anything that is not an rnnviz safetensors file, in the reader's language."""
    return ValueError(t("export.not_a_model"))


def read_metadata(source) -> dict:
    """The rnnviz metadata of a safetensors file: {"model": {...}, "preparation": {...}}."""
    raw = _raw(source)
    if len(raw) < 8:
        raise _not_a_model()
    (size,) = struct.unpack("<Q", raw[:8])  # safetensors: u64 header length, JSON header
    if size > min(MAX_HEADER, len(raw) - 8):
        raise _not_a_model()
    try:
        header = json.loads(raw[8:8 + size].decode("utf-8"))
        meta = header.get("__metadata__") or {}
        if meta.get("format") != FORMAT:
            raise _not_a_model()
        return {"model": json.loads(meta["model"]), "preparation": json.loads(meta["preparation"])}
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, AttributeError, TypeError) as err:
        raise _not_a_model() from err


def load_model(source):
    """Rebuild a saved model exactly; ValueError (with what to do) for anything else."""
    raw = _raw(source)
    meta = read_metadata(raw)
    try:
        cfg = ModelConfig.from_dict(meta["model"])
    except (TypeError, ValueError) as err:
        raise ValueError(t("export.bad_settings", error=err)) from err
    try:
        tensors = load_tensors(raw)
    except (SafetensorError, RuntimeError, ValueError) as err:
        raise _not_a_model() from err
    model = build_model(cfg)
    _check_tensors(model, tensors)
    model.load_state_dict(tensors)
    model.preparation = meta["preparation"]
    return model


def _check_tensors(model, tensors: dict[str, torch.Tensor]) -> None:
    expected = model.state_dict()
    missing = sorted(set(expected) - set(tensors))
    extra = sorted(set(tensors) - set(expected))
    wrong = sorted(k for k in set(expected) & set(tensors) if expected[k].shape != tensors[k].shape)
    if missing or extra or wrong:
        parts = [t(key, names=names) for key, names in (
            ("export.missing", missing), ("export.unexpected", extra),
            ("export.wrong_shape", wrong)) if names]
        raise ValueError(t("export.bad_tensors", problems=t("list.separator").join(parts)))
