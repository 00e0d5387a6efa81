"""Mutants of real saved model files, for bench/fuzz_models.py: seeded, the same on every machine.

`seeds()` saves one run of each kind rnnviz saves (a series with dates, several targets,
no head, a text, typed rows, a typed series) as the app saves a run (rnnviz/session/run.py);
`mutant(files, seed, case)` changes one to three things in one of them: its `data.*`
arrays (values, dates, lengths, dtypes, names), its preparation (scaler, config, date
unit) or, now and then, the size its header claims for a data tensor.
"""

from __future__ import annotations

import json
import random
import struct

import numpy as np

POISON = [
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    -1.7e308,
    1e303,
    1e16,
    -1e16,
    5e-324,
    0.0,
]
SCALER_VALUES = [
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    1e303,
    0,
    -1,
    -0.0,
    10**400,
    5e-324,
    1e301,
]
DTYPES = [np.float16, np.float32, np.float64, np.int8, np.int32, np.int64, np.uint8, np.bool_]
CLAIMS = [0, 1, 10**12, 2**62, 2**64 - 1]


# ---- real saved files -------------------------------------------------------------------


def runs() -> dict:
    """{kind: (model, prepared data)}: one small run of each kind rnnviz saves."""
    from dataclasses import replace

    import pandas as pd

    from rnnviz.data.typed import TYPED_SAMPLES, prepare_typed
    from rnnviz.model.network import ModelConfig, build_model
    from rnnviz.model.sizes import model_config_for
    from rnnviz.session.workspace import (
        Dataset,
        default_series_config,
        default_text_config,
        load_sample,
        prepare,
    )

    def run(data, **arch):
        return build_model(model_config_for(data, ModelConfig(**arch)), seed=1), data

    btc, air, text = load_sample("bitcoin"), load_sample("airline"), load_sample("shakespeare")
    btc = replace(btc, table=btc.table.tail(400))  # dates and columns kept, files small
    cfg = replace(default_series_config(btc), features=("Open", "Close"), window=9)
    typed_series = Dataset(
        "typed", "series", table=pd.DataFrame({"value": np.arange(40.0) ** 1.5}), typed=True
    )
    return {
        "series": run(prepare(btc, cfg), cell="gru", hidden_size=4),
        "targets": run(prepare(btc, replace(cfg, extra_targets=("Open",))), hidden_size=3),
        "head_none": run(
            prepare(air, replace(default_series_config(air), window=6)),
            cell="gru",
            hidden_size=1,
            head="none",
        ),
        "text": run(
            prepare(text, replace(default_text_config(text), max_chars=3000, seq_len=16)),
            cell="gru",
            hidden_size=4,
        ),
        "typed": run(prepare_typed(TYPED_SAMPLES["keras"].rows), hidden_size=3),
        "typed_series": run(
            prepare(typed_series, default_series_config(typed_series)),
            cell="rnn_tanh",
            hidden_size=3,
        ),
    }


def saved(model, data) -> bytes:
    """The file the app saves for a run (rnnviz/session/run.py), without the data set's origin."""
    from rnnviz.files import run_data
    from rnnviz.files.model_file import model_bytes

    return model_bytes(model, run_data.describe(data), run_data.tensors(data))


def seeds() -> dict[str, bytes]:
    """One saved file of each kind: what every mutant starts from."""
    return {kind: saved(model, data) for kind, (model, data) in runs().items()}


def _parts(raw: bytes):
    from safetensors.numpy import load

    (size,) = struct.unpack("<Q", raw[:8])
    meta = json.loads(raw[8 : 8 + size])["__metadata__"]
    tensors = dict(sorted(load(raw).items()))  # safetensors' order varies between runs
    data = {k: v for k, v in tensors.items() if k.startswith("data.")}
    weights = {k: v for k, v in tensors.items() if k not in data}
    return data, weights, meta, json.loads(meta["preparation"])


def _pack(data, weights, meta, prep) -> bytes:
    from safetensors.numpy import save

    tensors = {k: np.ascontiguousarray(v) for k, v in {**weights, **data}.items()}
    return save(tensors, metadata={**meta, "preparation": json.dumps(prep)})


# ---- what a mutation does: (data arrays, preparation, rng) -> applied? ----------------------


def _float_names(data):
    return [k for k, v in data.items() if v.dtype.kind == "f"]


def poison(data, prep, rng) -> bool:
    names = _float_names(data)
    if not names:
        return False
    name = rng.choice(names)
    arr = data[name].copy()
    flat = arr.reshape(-1)
    where = (
        slice(None)
        if rng.random() < 0.2 or not flat.size
        else rng.sample(range(flat.size), min(flat.size, rng.randint(1, 3)))
    )
    flat[where] = rng.choice(POISON)  # float32 takes 1e308 as inf
    data[name] = arr
    return True


def index(data, prep, rng) -> bool:
    if not len(data.get("data.index", ())):
        return False
    with np.errstate(all="ignore"):  # after a dtype mutation: back to counts of a unit
        ints, n = data["data.index"].astype(np.int64), len(data["data.index"])
    how = rng.choice(["shuffle", "constant", "reverse", "nat", "far", "max", "repeat", "unit"])
    k = rng.randrange(n)
    if how == "shuffle":
        rng.shuffle(ints)
    elif how in ("constant", "reverse"):
        ints = np.full(n, ints[k]) if how == "constant" else ints[::-1]
    elif how in ("nat", "max", "far"):
        step = rng.choice([10**6, 10**12, 10**15, 10**18])
        ints[k if how != "far" else -1] = {"nat": -(2**63), "max": 2**63 - 1}.get(
            how, min(int(ints[-1]) + step, 2**63 - 1)
        )
    elif how == "repeat":
        ints[k] = ints[k - 1]
    else:
        prep["index"] = rng.choice(["D", "h", "s", "ms", "us", "ns", None, "fortnight", 5, ["ns"]])
    data["data.index"] = np.ascontiguousarray(ints)
    return True


def length(data, prep, rng) -> bool:
    names = sorted(data)
    if not names:
        return False
    chosen = names if rng.random() < 0.4 else [rng.choice(names)]
    for name in chosen:
        arr, k = data[name], rng.choice([1, 2, 7, len(data[name])])
        data[name] = (
            arr[: max(len(arr) - k, 0)]
            if rng.random() < 0.5
            else np.concatenate([arr, np.repeat(arr[-1:], k, axis=0)])
        )
    return True


def dtype(data, prep, rng) -> bool:
    if not data:
        return False
    name = rng.choice(sorted(data))
    with np.errstate(all="ignore"):
        data[name] = data[name].astype(rng.choice(DTYPES))
    return True


def drop(data, prep, rng) -> bool:
    if not data:
        return False
    name = rng.choice(sorted(data))
    if rng.random() < 0.5:
        del data[name]
    else:
        data[rng.choice(["data.extra", "data.raw_extra", "data.x", "data.junk"])] = data[name]
    return True


def ids(data, prep, rng) -> bool:
    if not len(data.get("data.ids", ())):
        return False
    with np.errstate(all="ignore"):
        arr = data["data.ids"].astype(np.int32)
    arr[rng.randrange(len(arr))] = rng.choice([len(prep.get("vocab", [])), 255, -1, 2**31 - 1])
    data["data.ids"] = arr
    return True


def scaler(data, prep, rng) -> bool:
    s = prep.get("scaler")
    if not isinstance(s, dict):
        return False
    if rng.random() < 0.15:
        s["kind"] = rng.choice(["minmax", "standard", "none"])
    else:
        values = s[rng.choice(["loc", "scale"])]
        values[rng.randrange(len(values))] = rng.choice(SCALER_VALUES)
    return True


def config(data, prep, rng) -> bool:
    if rng.random() < 0.3 and "boundaries" in prep:
        n = len(data.get("data.target", []))
        prep["boundaries"] = rng.choice([[0, 0], [n, n], [1, n], [n - 1, n], [0, n + 1]])
        return True
    cfg = prep.get("config", {})
    key = rng.choice(sorted(cfg) or ["window"])
    cfg[key] = rng.choice([0, 1, -1, 2**62, 10**400, 0.5, float("nan"), "none", None, []])
    return True


OPS = {
    "poison": poison,
    "index": index,
    "length": length,
    "dtype": dtype,
    "drop": drop,
    "ids": ids,
    "scaler": scaler,
    "config": config,
}
WEIGHTS = {
    "poison": 5,
    "index": 4,
    "length": 2,
    "dtype": 2,
    "drop": 1,
    "ids": 2,
    "scaler": 4,
    "config": 1,
}


def _claim(raw: bytes, rng) -> bytes:
    """The header claims another size for one data tensor; the bytes stay as they were."""
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    name = rng.choice(sorted(k for k in header if k.startswith("data.")) or ["__none__"])
    if header.get(name, {}).get("shape"):
        header[name]["shape"][0] = rng.choice(CLAIMS)
    body = json.dumps(header).encode()
    return struct.pack("<Q", len(body)) + body + raw[8 + size :]


def mutant(files: dict[str, bytes], seed: int, case: int) -> tuple[str, list[str], bytes]:
    """Case `case` of run `seed`: (seed file, mutations, bytes), the same on every machine."""
    rng = random.Random(seed * 1_000_003 + case)
    kind = rng.choice(sorted(files))
    data, weights, meta, prep = _parts(files[kind])
    done, wanted = [], rng.choice([1, 1, 2, 3])
    while len(done) < wanted:
        name = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        if OPS[name](data, prep, rng):
            done.append(name)
    raw = _pack(data, weights, meta, prep)
    if rng.random() < 0.08:
        raw, done = _claim(raw, rng), done + ["claim"]
    return kind, done, raw
