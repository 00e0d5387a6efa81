"""Broken copies of one valid safetensors file: what the model-file fuzz tests feed the loader."""

from __future__ import annotations

import json
import random
import struct


def mutations(raw: bytes, rng: random.Random):
    """Byte flips, truncations, lying lengths and header edits of one valid file."""
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    values = [
        None,
        True,
        -1,
        0,
        2.5,
        float("nan"),
        10**30,
        "x" * 300,
        [],
        {},
        [[[]]],
        [10**12, 10**12],
        [-1, 3],
        "I64",
        "BOOL",
        "F16",
    ]
    for _ in range(150):
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        yield bytes(data)
    for _ in range(50):
        yield raw[: rng.randrange(len(raw))]
    for _ in range(30):
        yield (
            struct.pack("<Q", rng.choice([0, 1, size - 1, size + 1, len(raw), 2**64 - 1])) + raw[8:]
        )
    for _ in range(200):
        h = json.loads(json.dumps(header))
        name = "__metadata__" if rng.random() < 0.4 else rng.choice(sorted(h))
        if name == "__metadata__":
            key = rng.choice(["format", "model", "preparation"])
            if key == "model" and rng.random() < 0.7:
                cfg = json.loads(h["__metadata__"]["model"])
                cfg[rng.choice(sorted(cfg))] = rng.choice(values)
                h["__metadata__"]["model"] = json.dumps(cfg)
            else:
                h["__metadata__"][key] = rng.choice(values + ["{}", "[" * 2000])
        elif rng.random() < 0.2:
            h.pop(name)
        else:
            h[name][rng.choice(["dtype", "shape", "data_offsets"])] = rng.choice(values)
        body = json.dumps(h).encode()
        yield struct.pack("<Q", len(body)) + body + raw[8 + size :]
