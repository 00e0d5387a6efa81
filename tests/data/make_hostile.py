"""Writes tests/data/hostile_models/: model files an attacker (or a broken disk) might upload.

Run once (python tests/data/make_hostile.py); the files are committed. expected.json says
for each file whether load_model refuses it ("error"), loads it ("loads"), or loads it
with NaN/inf weights that the app must point out ("nonfinite"). The files are written
byte by byte (u64 little-endian header length, JSON header, data), so the header can lie
about anything: sizes, dtypes, shapes, byte ranges. Each is tiny; the one exception is
the 4,400-digit number, since Python only refuses integers past 4,300 digits.
"""

import json
import struct
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "hostile_models"
FORMAT = "rnnviz-model/1"
# A real, tiny model: rnn_tanh, 1 input, hidden 2, many-to-one (13 floats in all).
CFG = {
    "cell": "rnn_tanh",
    "input_size": 1,
    "hidden_size": 2,
    "num_layers": 1,
    "bidirectional": False,
    "output_size": 1,
    "dropout": 0.0,
    "mode": "many_to_one",
    "vocab_size": 0,
}
SHAPES = {
    "rnn.weight_ih_l0": [2, 1],
    "rnn.weight_hh_l0": [2, 2],
    "rnn.bias_ih_l0": [2],
    "rnn.bias_hh_l0": [2],
    "head.weight": [1, 2],
    "head.bias": [1],
}
NP = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8", "BOOL": "?"}


def pack(header: dict, data: bytes, length: int | None = None, text: str | None = None) -> bytes:
    """A safetensors file; `length` and `text` replace the true header length or JSON."""
    body = (text if text is not None else json.dumps(header, separators=(",", ":"))).encode()
    return struct.pack("<Q", len(body) if length is None else length) + body + data


def model(
    cfg=None,
    shapes=None,
    dtype="F32",
    values=None,
    model_text=None,
    prep="{}",
    extra_meta=None,
    entries=None,
):
    """A file whose tensors are laid out honestly; settings, dtypes and values as given."""
    shapes = SHAPES if shapes is None else shapes
    header, data = {}, b""
    for name, shape in shapes.items():
        n = int(np.prod(shape))
        arr = np.full(n, 0.25) if values is None else np.resize(values, n)
        raw = arr.astype(NP[dtype]).tobytes() if dtype in NP else bytes(n * 4)
        header[name] = {
            "dtype": dtype,
            "shape": shape,
            "data_offsets": [len(data), len(data) + len(raw)],
        }
        data += raw
    meta = {
        "format": FORMAT,
        "model": model_text or json.dumps(dict(CFG, **(cfg or {}))),
        "preparation": prep,
    }
    header["__metadata__"] = dict(meta, **(extra_meta or {}))
    header.update(entries or {})
    return header, data


def honest(**kw) -> bytes:
    return pack(*model(**kw))


def edited(edit, **kw) -> bytes:
    """A file whose header is changed by edit(header) after the data is laid out."""
    header, data = model(**kw)
    edit(header)
    return pack(header, data)


def _set(name, key, value):
    def edit(header):
        header[name][key] = value

    return edit


def _extras(n):
    return {f"x{i}": {"dtype": "F32", "shape": [0], "data_offsets": [52, 52]} for i in range(n)}


def _claims_16mb() -> bytes:
    shapes = {
        "rnn.weight_ih_l0": [2048, 2000],
        "rnn.weight_hh_l0": [2048, 512],
        "rnn.bias_ih_l0": [2048],
        "rnn.bias_hh_l0": [2048],
        "head.weight": [1, 512],
        "head.bias": [1],
    }
    header, end = {}, 0
    for name, shape in shapes.items():
        size = 4 * int(np.prod(shape))
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [end, end + size]}
        end += size
    cfg = dict(CFG, cell="lstm", hidden_size=512, input_size=2000)
    header["__metadata__"] = {"format": FORMAT, "model": json.dumps(cfg), "preparation": "{}"}
    return pack(header, bytes(64))


FILES = {
    # Sizes the settings claim: refused by the caps before anything is allocated.
    "hidden_12000.safetensors": (honest(cfg={"cell": "lstm", "hidden_size": 12000}), "error"),
    "hidden_200000.safetensors": (honest(cfg={"cell": "lstm", "hidden_size": 200_000}), "error"),
    "vocab_1e9.safetensors": (honest(cfg={"mode": "char_lm", "vocab_size": 10**9}), "error"),
    "input_1e9.safetensors": (honest(cfg={"input_size": 10**9}), "error"),
    "output_1e9.safetensors": (honest(cfg={"output_size": 10**9}), "error"),
    "layers_10000.safetensors": (honest(cfg={"num_layers": 10_000}), "error"),
    "layers_5.safetensors": (honest(cfg={"num_layers": 5}), "error"),
    "int_1000_digits.safetensors": (honest(cfg={"hidden_size": int("9" * 1000)}), "error"),
    "int_4400_digits.safetensors": (
        honest(model_text='{"hidden_size": ' + "7" * 4400 + "}"),
        "error",
    ),
    # Settings of the wrong type or shape.
    "hidden_8_5.safetensors": (honest(cfg={"hidden_size": 8.5}), "error"),
    "hidden_float_2.safetensors": (honest(cfg={"hidden_size": 2.0}), "error"),
    "hidden_true.safetensors": (honest(cfg={"hidden_size": True}), "error"),
    "hidden_negative.safetensors": (honest(cfg={"hidden_size": -5}), "error"),
    "hidden_string.safetensors": (honest(cfg={"hidden_size": "2"}), "error"),
    "bidirectional_1.safetensors": (honest(cfg={"bidirectional": 1}), "error"),
    "dropout_nan.safetensors": (
        honest(model_text=json.dumps(CFG).replace('"dropout": 0.0', '"dropout": NaN')),
        "error",
    ),
    "dropout_2.safetensors": (honest(cfg={"dropout": 2.0}), "error"),
    "cell_long_name.safetensors": (honest(cfg={"cell": "banana" * 150}), "error"),
    "cell_list.safetensors": (honest(cfg={"cell": ["lstm"]}), "error"),
    "settings_list.safetensors": (honest(model_text="[1, 2, 3]"), "error"),
    "settings_string.safetensors": (honest(model_text='"lstm"'), "error"),
    "settings_not_json.safetensors": (honest(model_text="{hidden_size: 2"), "error"),
    "settings_nested.safetensors": (honest(model_text="[" * 1100), "error"),
    "preparation_list.safetensors": (honest(prep="[]"), "error"),
    "preparation_nested.safetensors": (honest(prep="[" * 1100), "error"),
    "header_nested.safetensors": (pack({}, b"", text='{"a":' + "[" * 1100), "error"),
    "metadata_not_strings.safetensors": (honest(extra_meta={"model": CFG}), "error"),
    "metadata_missing.safetensors": (edited(lambda h: h.pop("__metadata__")), "error"),
    "metadata_wrong_format.safetensors": (honest(extra_meta={"format": "other/9"}), "error"),
    # Tensors that do not match the settings, or are not weights.
    "int64_tensors.safetensors": (honest(dtype="I64"), "error"),
    "bool_tensors.safetensors": (honest(dtype="BOOL"), "error"),
    "unknown_dtype.safetensors": (honest(dtype="Q9"), "error"),
    "wrong_shape.safetensors": (honest(shapes=dict(SHAPES, **{"head.weight": [2, 1]})), "error"),
    "missing_tensor.safetensors": (
        honest(shapes={k: v for k, v in SHAPES.items() if k != "head.bias"}),
        "error",
    ),
    "extra_tensor.safetensors": (honest(shapes=dict(SHAPES, **{"spare": [1]})), "error"),
    "many_extra_tensors.safetensors": (honest(entries=_extras(20)), "error"),
    "long_tensor_name.safetensors": (honest(shapes=dict(SHAPES, **{"w" * 1200: [1]})), "error"),
    "huge_shape.safetensors": (edited(_set("head.weight", "shape", [10**12, 10**12])), "error"),
    "shape_floats.safetensors": (edited(_set("head.weight", "shape", [1.0, 2.0])), "error"),
    "entry_not_object.safetensors": (edited(lambda h: h.update({"head.bias": 5})), "error"),
    # A header claiming 16 MB of weights (legal sizes: hidden 512, 2,000 inputs) in 1 KB.
    "claims_16mb.safetensors": (_claims_16mb(), "error"),
    # Byte ranges and header lengths that lie.
    "offsets_out_of_range.safetensors": (
        edited(_set("head.bias", "data_offsets", [48, 10**6])),
        "error",
    ),
    "offsets_negative.safetensors": (edited(_set("head.bias", "data_offsets", [-4, 0])), "error"),
    "offsets_overlap.safetensors": (edited(_set("head.bias", "data_offsets", [0, 4])), "error"),
    "offsets_reversed.safetensors": (edited(_set("head.bias", "data_offsets", [52, 48])), "error"),
    "header_length_too_big.safetensors": (pack(*model(), length=10**6), "error"),
    "header_length_2_63.safetensors": (pack(*model(), length=2**63), "error"),
    "header_length_too_small.safetensors": (pack(*model(), length=40), "error"),
    "header_not_object.safetensors": (pack({}, b"", text="[]"), "error"),
    "header_not_utf8.safetensors": (struct.pack("<Q", 4) + b"\xff\xfe\xfd\xfc", "error"),
    "truncated.safetensors": (honest()[:-10], "error"),
    "trailing_bytes.safetensors": (honest() + b"\x00" * 16, "error"),
    "seven_bytes.safetensors": (b"\x08\x00\x00\x00\x00\x00\x00", "error"),
    # Accepted: half and double precision are converted to float32 on purpose.
    "float16_tensors.safetensors": (honest(dtype="F16"), "loads"),
    "float64_tensors.safetensors": (honest(dtype="F64"), "loads"),
    # Accepted, but the weights are not finite: the app must say so, not crash.
    "nan_weights.safetensors": (honest(values=[0.5, np.nan]), "nonfinite"),
    "inf_weights.safetensors": (honest(values=[np.inf, -np.inf, 1.0]), "nonfinite"),
    "float64_overflow.safetensors": (honest(dtype="F64", values=[1e300]), "nonfinite"),
}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.safetensors"):
        old.unlink()
    for name, (content, _) in FILES.items():
        (OUT / name).write_bytes(content)
    expected = {name: outcome for name, (_, outcome) in FILES.items()}
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


if __name__ == "__main__":
    main()
