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
        raise ValueError(f"Could not read the model file: {err}") from err


NOT_A_MODEL = ("This is not an rnnviz model file. Upload a .safetensors file saved by rnnviz "
               "(Train page, 'Download model'); pickles and torch.save files are never opened.")


def read_metadata(source) -> dict:
    """The rnnviz metadata of a safetensors file: {"model": {...}, "preparation": {...}}."""
    raw = _raw(source)
    if len(raw) < 8:
        raise ValueError(NOT_A_MODEL)
    (size,) = struct.unpack("<Q", raw[:8])  # safetensors: u64 header length, JSON header
    if size > min(MAX_HEADER, len(raw) - 8):
        raise ValueError(NOT_A_MODEL)
    try:
        header = json.loads(raw[8:8 + size].decode("utf-8"))
        meta = header.get("__metadata__") or {}
        if meta.get("format") != FORMAT:
            raise ValueError(NOT_A_MODEL)
        return {"model": json.loads(meta["model"]), "preparation": json.loads(meta["preparation"])}
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, AttributeError, TypeError) as err:
        raise ValueError(NOT_A_MODEL) from err


def load_model(source):
    """Rebuild a saved model exactly; ValueError (with what to do) for anything else."""
    raw = _raw(source)
    meta = read_metadata(raw)
    try:
        cfg = ModelConfig.from_dict(meta["model"])
    except (TypeError, ValueError) as err:
        raise ValueError(f"The model file's settings are invalid ({err}). Save the model again.") from err
    try:
        tensors = load_tensors(raw)
    except (SafetensorError, RuntimeError, ValueError) as err:
        raise ValueError(NOT_A_MODEL) from err
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
        parts = [f"missing {missing}" if missing else "", f"unexpected {extra}" if extra else "",
                 f"wrong shape {wrong}" if wrong else ""]
        raise ValueError("The model file's tensors do not match its settings ("
                         + "; ".join(p for p in parts if p) + "). It may be damaged: save it again.")
