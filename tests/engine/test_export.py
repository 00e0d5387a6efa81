"""safetensors round trip; everything else refused with ValueError, nothing unpickled."""

import io
import json
import pickle
import random
import struct
import zipfile
from dataclasses import replace

import numpy as np
import pytest
import torch
from safetensors.torch import save as save_tensors

from mutants import mutations
from rnnviz.analysis.predict import evaluate
from rnnviz.files import run_data
from rnnviz.files.model_file import load_model, model_bytes
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.model.sizes import model_config_for
from rnnviz.session.workspace import (
    default_series_config,
    default_text_config,
    load_sample,
    prepare,
)

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
    path.write_bytes(model_bytes(model, prep))
    loaded = load_model(path)
    assert loaded.cfg == cfg and loaded.preparation == prep
    x = torch.randint(0, 9, (3, 5)) if cfg.mode == "char_lm" else torch.randn(3, 5, cfg.input_size)
    torch.testing.assert_close(loaded(x), model(x), rtol=0, atol=0)
    assert _metadata(path.read_bytes())["model"]["hidden_size"] == cfg.hidden_size
    assert load_model(io.BytesIO(path.read_bytes())).cfg == cfg


class Boom:
    def __reduce__(self):
        return (pytest.fail, ("unpickled!",))


def _metadata(raw: bytes) -> dict:
    """The rnnviz metadata of a safetensors file, read by the format's own framing: an
    8-byte header size, the JSON header, its text-only __metadata__."""
    (size,) = struct.unpack("<Q", raw[:8])
    meta = json.loads(raw[8 : 8 + size])["__metadata__"]
    return {key: json.loads(meta[key]) for key in ("model", "preparation")}


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
    meta = _metadata(raw)
    return save_tensors(
        tensors,
        metadata={
            "format": "rnnviz-model/1",
            "model": json.dumps(meta["model"]),
            "preparation": "{}",
        },
    )


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
    raw = save_tensors(
        build_model(cfg).state_dict(),
        metadata={"format": "rnnviz-model/1", "model": '{"cell": "banana"}', "preparation": "{}"},
    )
    with pytest.raises(ValueError, match="settings"):
        load_model(raw)


# ---- a saved run's data: the file carries what the model was trained on ------------------


def _prepared(kind: str):
    if kind == "text":
        ds = load_sample("shakespeare")
        return prepare(ds, replace(default_text_config(ds), max_chars=20_000, seq_len=16))
    ds = load_sample("bitcoin")
    return prepare(ds, replace(default_series_config(ds), features=("Open", "Close"), window=9))


def _run_file(data, prep: dict | None = None, arrays: dict | None = None, seed: int = 4):
    model = build_model(model_config_for(data, ModelConfig(cell="gru", hidden_size=6)), seed=seed)
    prep = run_data.describe(data) if prep is None else prep
    arrays = run_data.tensors(data) if arrays is None else arrays
    return model, model_bytes(model, prep, arrays)


def test_a_saved_series_run_rebuilds_its_data_and_predicts_the_same():
    data = _prepared("series")
    model, raw = _run_file(data)
    loaded = load_model(raw)
    back = loaded.saved_data
    assert back.cfg == data.cfg and back.boundaries == data.boundaries
    assert back.index.dtype == data.index.dtype and (back.index == data.index).all()
    np.testing.assert_array_equal(back.values, data.values)
    np.testing.assert_array_equal(back.raw_target, data.raw_target)
    before, after = evaluate(model, data, season=7), evaluate(loaded, back, season=7)
    for code in before.predictions:
        np.testing.assert_allclose(after.predictions[code], before.predictions[code], rtol=1e-6)
    for split in ("train", "val", "test"):
        np.testing.assert_array_equal(back.windows.splits[split], data.windows.splits[split])


def test_a_saved_text_run_rebuilds_its_text_and_vocabulary():
    data = _prepared("text")
    _, raw = _run_file(data)
    assert "data.ids" in _header_of(raw)
    back = load_model(raw).saved_data
    assert back.text == data.text and back.vocab == data.vocab and back.cfg == data.cfg
    np.testing.assert_array_equal(back.ids, data.ids)
    np.testing.assert_array_equal(back.windows.splits["val"], data.windows.splits["val"])


def _header_of(raw: bytes) -> dict:
    (size,) = struct.unpack("<Q", raw[:8])
    return json.loads(raw[8 : 8 + size])


def test_a_model_only_file_loads_without_data():
    raw = model_bytes(build_model(CONFIGS[1]), {"kind": "series"})
    assert load_model(raw).saved_data is None


def _refused(raw: bytes, *words: str) -> str:
    with pytest.raises(ValueError) as err:
        load_model(raw)
    message = str(err.value)
    assert all(w in message for w in words), message
    assert len(message) < 500
    return message


def test_data_tensors_of_the_wrong_dtype_are_refused():
    data = _prepared("series")
    arrays = dict(run_data.tensors(data), **{"data.values": data.values.astype(np.float64)})
    _refused(_run_file(data, arrays=arrays)[1], "values", "F64")


def test_a_missing_or_extra_data_tensor_is_refused():
    data = _prepared("series")
    arrays = run_data.tensors(data)
    _refused(
        _run_file(data, arrays={k: v for k, v in arrays.items() if k != "data.index"})[1], "missing"
    )
    _refused(
        _run_file(data, arrays=dict(arrays, **{"data.evil": arrays["data.target"]}))[1], "evil"
    )


def test_more_rows_than_the_cap_are_refused_before_reading(monkeypatch):
    data = _prepared("series")
    _, raw = _run_file(data)
    monkeypatch.setattr(run_data, "MAX_ROWS", len(data.target) - 1)
    _refused(raw, "rows")


def test_a_header_claiming_huge_data_is_refused_without_allocating():
    data = _prepared("series")
    _, raw = _run_file(data)
    header = _header_of(raw)
    for name in run_data.SERIES:
        header[name]["shape"][0] = 10**12  # the byte ranges stay small
    body = json.dumps(header).encode()
    (size,) = struct.unpack("<Q", raw[:8])
    _refused(struct.pack("<Q", len(body)) + body + raw[8 + size :], "rows")


def test_ids_outside_the_vocabulary_are_refused():
    data = _prepared("text")
    ids = run_data.tensors(data)["data.ids"].copy()
    ids[5] = len(data.vocab)
    _refused(_run_file(data, arrays={"data.ids": ids})[1], "ids")


BAD_PREPARATION = {  # path in the preparation -> a value a file may hold
    ("config", "window"): [0, 10**9, 2.5, "9", None, True],
    ("config", "horizon"): [0, 10**9, -1],
    ("config", "target"): [None, 5, "", "x" * 5000, ["Close"]],
    ("config", "features"): ["Open", [1, 2], ["a", "b", "c"], {}],
    ("config", "many_to_many"): [1, "yes", None],
    ("config", "val_frac"): [1.5, -0.1, "0.1", None],
    ("config", "scaling"): ["log", None, 3],
    ("config", "every_nth"): [0, "2"],
    ("scaler", "loc"): [[1.0], [None, 1, 2], "abc", [1e400, 1, 1]],
    ("scaler", "kind"): ["weird", None],
    ("boundaries",): [[10, 5], [0], [0, 10**9], "a", None, [1.5, 2]],
    ("index",): ["fortnight", 5, ["ns"]],
    ("config",): [None, [], "x"],
    ("kind",): ["text", None, 5],
}


@pytest.mark.parametrize("path", list(BAD_PREPARATION), ids=".".join)
def test_bad_preparation_values_are_refused_with_a_value_error(path):
    data = _prepared("series")
    good = run_data.describe(data)
    for value in BAD_PREPARATION[path]:
        prep = json.loads(json.dumps(good))
        where = prep
        for key in path[:-1]:
            where = where[key]
        where[path[-1]] = value
        _refused(_run_file(data, prep=prep)[1])


def test_text_preparation_values_are_checked():
    data = _prepared("text")
    good = run_data.describe(data)
    for change in (
        {"vocab": good["vocab"][:-1]},
        {"vocab": ["ab"] * len(good["vocab"])},
        {"vocab": [good["vocab"][0]] * len(good["vocab"])},
        {"config": dict(good["config"], seq_len=10**6)},
        {"config": dict(good["config"], val_frac=0.0)},
        {"kind": "series"},
    ):
        _refused(_run_file(data, prep={**good, **change})[1])


@pytest.mark.parametrize("kind", ["series", "text"])
def test_fuzzed_run_files_only_ever_raise_value_error(kind):
    rng = random.Random(7)
    data = _prepared(kind)
    _, raw = _run_file(data)
    good = run_data.describe(data)
    values = [None, True, -1, 0, 2.5, 10**30, "x", [], {}, [0, 1], ["a"], "ns"]
    preps = []
    for _ in range(60):  # one setting of the preparation changed at a time
        prep = json.loads(json.dumps(good))
        where = prep if rng.random() < 0.4 else prep["config"]
        where[rng.choice(sorted(where))] = rng.choice(values)
        preps.append(_run_file(data, prep=prep)[1])
    outcomes = {"loaded": 0, "refused": 0}
    for case, mutated in enumerate([*mutations(raw, rng), *preps]):
        try:
            load_model(mutated)
        except ValueError as err:
            assert len(str(err)) < 500, (case, str(err))
            outcomes["refused"] += 1
        else:
            outcomes["loaded"] += 1
    assert outcomes["refused"] > 200 and outcomes["loaded"] > 10, outcomes
