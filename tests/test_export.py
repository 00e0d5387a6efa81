"""safetensors round trip; everything else refused with ValueError, nothing unpickled."""

import io
import pickle
import zipfile

import numpy as np
import pytest
import torch
from safetensors.torch import save as save_tensors

from rnnviz.export import load_model, model_bytes, read_metadata, save_model
from rnnviz.models import ModelConfig, build_model

CONFIGS = [
    ModelConfig(cell="lstm", input_size=2, hidden_size=8, num_layers=2, bidirectional=True),
    ModelConfig(cell="gru", input_size=1, hidden_size=4, mode="many_to_many"),
    ModelConfig(cell="rnn_relu", input_size=6, hidden_size=5, mode="char_lm", vocab_size=9),
]


@pytest.mark.parametrize("cfg", CONFIGS)
def test_round_trip_gives_the_same_outputs(tmp_path, cfg):
    model = build_model(cfg, seed=3)
    prep = {"kind": "series", "window": 7, "scaler": {"loc": [1.5], "scale": [2.0]}}
    path = tmp_path / "m.safetensors"
    save_model(model, path, prep)
    loaded = load_model(path)
    assert loaded.cfg == cfg and loaded.preparation == prep
    x = torch.randint(0, 9, (3, 5)) if cfg.mode == "char_lm" else torch.randn(3, 5, cfg.input_size)
    torch.testing.assert_close(loaded(x), model(x), rtol=0, atol=0)
    assert read_metadata(path.read_bytes())["model"]["hidden_size"] == cfg.hidden_size
    assert load_model(io.BytesIO(path.read_bytes())).cfg == cfg


class Boom:
    def __reduce__(self):
        return (pytest.fail, ("unpickled!",))


def _torch_save_bytes():
    buf = io.BytesIO()
    torch.save(build_model(CONFIGS[1]).state_dict(), buf)
    return buf.getvalue()


def _zip_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    return buf.getvalue()


BAD = {
    "empty": b"",
    "garbage": bytes(np.random.default_rng(0).integers(0, 256, 500, dtype=np.uint8)),
    "pickle": pickle.dumps(Boom()),
    "torch.save": _torch_save_bytes(),
    "zip": _zip_bytes(),
    "huge header": (2**60).to_bytes(8, "little") + b"{}",
    "plain safetensors": save_tensors({"w": torch.zeros(2)}),
}


@pytest.mark.parametrize("name", list(BAD))
def test_anything_else_is_refused_with_a_message(name):
    with pytest.raises(ValueError) as err:
        load_model(BAD[name])
    assert "rnnviz" in str(err.value) or "save" in str(err.value)


def _with_tensors(tensors, cfg):
    raw = model_bytes(build_model(cfg))
    meta = read_metadata(raw)
    import json
    return save_tensors(tensors, metadata={"format": "rnnviz-model/1", "model": json.dumps(meta["model"]),
                                           "preparation": "{}"})


def test_missing_or_mismatched_tensors_are_refused():
    cfg = CONFIGS[1]
    state = build_model(cfg).state_dict()
    missing = {k: v for k, v in state.items() if k != "head.bias"}
    with pytest.raises(ValueError, match="missing"):
        load_model(_with_tensors(missing, cfg))
    wrong = dict(state, **{"head.bias": torch.zeros(5)})
    with pytest.raises(ValueError, match="wrong shape"):
        load_model(_with_tensors(wrong, cfg))


def test_invalid_settings_in_metadata_are_refused():
    cfg = CONFIGS[1]
    raw = save_tensors(build_model(cfg).state_dict(), metadata={
        "format": "rnnviz-model/1", "model": '{"cell": "banana"}', "preparation": "{}"})
    with pytest.raises(ValueError, match="settings"):
        load_model(raw)
