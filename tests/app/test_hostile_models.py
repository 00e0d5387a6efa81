"""Hostile model files: refused with a short ValueError before anything is allocated.

The corpus (tests/data/hostile_models/, written by tests/data/make_hostile.py) holds files
whose settings or header lie: sizes far past the caps, wrong JSON types, deep nesting,
huge numbers, non-float tensors, byte ranges outside the file. Each is refused with a
message (or loaded, where expected.json says so), in a subprocess within 100 MB of a
child that only imports and within 1 s, and the Model page survives every one.
"""

import importlib.util
import json
import random
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from apphelpers import page, texts
from mutants import mutations
from rnnviz.files.model_file import (
    expected_tensors,
    load_model,
    model_bytes,
    name_list,
    nonfinite_parameters,
    shorten,
)
from rnnviz.model.network import ModelConfig, RecurrentModel, build_model
from rnnviz.server import limits
from rnnviz.session import schema
from rnnviz.ui import state

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "hostile_models"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())
MAX_MESSAGE = 500
# The largest model the caps allow; built for real it would take ~120 MB.
CAP_CFG = ModelConfig(
    cell="lstm",
    input_size=limits.MAX_INPUT_SIZE,
    hidden_size=limits.MAX_HIDDEN,
    num_layers=limits.MAX_LAYERS,
    bidirectional=True,
)


def _outcome(raw: bytes) -> tuple[str, str]:
    try:
        model = load_model(raw)
    except ValueError as err:
        return "error", str(err)
    return ("nonfinite" if nonfinite_parameters(model) else "loads"), ""


def test_the_corpus_is_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location("make_hostile", CORPUS.parent / "make_hostile.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    assert {name: outcome for name, (_, outcome) in maker.FILES.items()} == EXPECTED
    for name, (content, _) in maker.FILES.items():
        assert (CORPUS / name).read_bytes() == content, f"{name}: run tests/data/make_hostile.py"
    assert len(EXPECTED) >= 50


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_is_refused_with_a_short_message_or_loaded(name):
    raw = (CORPUS / name).read_bytes()
    # Tiny files: the damage comes from what they claim, not from their size. Python only
    # refuses integers past 4,300 digits, so that one file is larger.
    assert len(raw) < (5000 if "4400_digits" in name else 2048)
    got, message = _outcome(raw)
    assert got == EXPECTED[name], message
    assert len(message) < MAX_MESSAGE, message
    for leak in (
        "Traceback",
        "int_max_str_digits",
        "Exceeds the limit",
        "can't allocate",
        "Error while deserializing",
    ):
        assert leak not in message


def test_half_and_double_precision_become_float32_and_nan_is_reported():
    for name in ("float16_tensors.safetensors", "float64_tensors.safetensors"):
        model = load_model((CORPUS / name).read_bytes())
        assert {p.dtype for p in model.parameters()} == {torch.float32}
        assert model.head.bias.item() == 0.25
    model = load_model((CORPUS / "nan_weights.safetensors").read_bytes())
    assert nonfinite_parameters(model) == [
        "rnn.weight_ih_l0",
        "rnn.weight_hh_l0",
        "rnn.bias_ih_l0",
        "rnn.bias_hh_l0",
        "head.weight",
    ]


def test_messages_name_three_tensors_then_count_the_rest():
    _, message = _outcome((CORPUS / "many_extra_tensors.safetensors").read_bytes())
    assert "unexpected x0, x1, x10 and 17 more" in message
    assert name_list(["a" * 500]) == "a" * 39 + "…"
    assert shorten(10**4000) == "~10^4000" and shorten([[[]]]) == "[…]"


def test_names_from_the_file_reach_the_page_escaped():
    """Tensor names and setting values are the file's text: a link must not survive."""
    from safetensors.torch import load, save

    raw = model_bytes(build_model(ModelConfig(hidden_size=4)))
    tensors = load(raw) | {"[Log in](https://evil.example/x)": torch.zeros(1)}
    header = json.loads(raw[8 : 8 + struct.unpack("<Q", raw[:8])[0]])
    _, message = _outcome(save(tensors, metadata=header["__metadata__"]))
    assert "evil" in message and "](" not in message


def test_check_model_config_refuses_each_size_past_its_cap():
    assert limits.check_model_config(CAP_CFG) is None
    assert limits.check_model_config(CAP_CFG.to_dict()) is None
    for field, cap in (
        ("hidden_size", limits.MAX_HIDDEN),
        ("num_layers", limits.MAX_LAYERS),
        ("input_size", limits.MAX_INPUT_SIZE),
        ("output_size", limits.MAX_OUTPUT_SIZE),
        ("vocab_size", limits.MAX_VOCAB),
    ):
        message = limits.check_model_config(dict(CAP_CFG.to_dict(), **{field: cap + 1}))
        assert message and field in message
    assert "10^15" in limits.check_model_config({"hidden_size": 10**4000})


def test_shapes_are_worked_out_on_the_meta_device():
    shapes = expected_tensors(CAP_CFG)
    assert shapes["rnn.weight_ih_l0"] == (4 * limits.MAX_HIDDEN, limits.MAX_INPUT_SIZE)
    small = ModelConfig(cell="gru", input_size=3, hidden_size=5, num_layers=2, bidirectional=True)
    assert expected_tensors(small) == {
        k: v.shape for k, v in build_model(small).state_dict().items()
    }


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from rnnviz.files.model_file import expected_tensors, load_model
from rnnviz.model.network import ModelConfig
out = {"peak_kb": 0, "seconds": {}}
if sys.argv[1] == "load":
    corpus = Path(sys.argv[2])
    for name in json.loads((corpus / "expected.json").read_text()):
        raw = (corpus / name).read_bytes()
        start = time.perf_counter()
        try:
            load_model(raw)
        except ValueError:
            pass
        out["seconds"][name] = time.perf_counter() - start
    expected_tensors(ModelConfig(cell="lstm", input_size=2000, hidden_size=512, num_layers=4,
                                 bidirectional=True))
out["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(out))
"""


def _child(*args) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.subprocess
def test_every_file_in_a_subprocess_stays_under_100_mb_and_1_s():
    baseline = _child("import")["peak_kb"]
    loaded = _child("load", str(CORPUS))
    assert loaded["peak_kb"] - baseline < 100 * 1024, (baseline, loaded["peak_kb"])
    slow = {k: v for k, v in loaded["seconds"].items() if v >= 1.0}
    assert not slow and len(loaded["seconds"]) == len(EXPECTED)


def test_fuzzed_files_only_ever_raise_value_error():
    rng = random.Random(20240611)
    raw = model_bytes(
        build_model(
            ModelConfig(cell="lstm", input_size=2, hidden_size=3, num_layers=2, bidirectional=True),
            seed=1,
        )
    )
    outcomes = {"loaded": 0, "refused": 0}
    for case, mutated in enumerate(mutations(raw, rng)):
        try:
            model = load_model(mutated)
        except ValueError as err:
            assert len(str(err)) < MAX_MESSAGE, (case, str(err))
            outcomes["refused"] += 1
        else:
            assert isinstance(model, RecurrentModel), case
            outcomes["loaded"] += 1
    assert outcomes["refused"] > 300 and outcomes["loaded"] > 10, outcomes


def test_every_hostile_file_through_the_model_page(app):
    page(app, "model")
    for name, outcome in EXPECTED.items():
        app.file_uploader(key="model_upload").upload(
            name, (CORPUS / name).read_bytes(), "application/octet-stream"
        ).run()
        for _ in range(2):
            app.run()
            assert not app.exception, (name, app.exception)
        if outcome == "error":
            assert app.error and len(texts(app.error)) < MAX_MESSAGE, name
        else:
            assert not app.error, (name, texts(app.error))


def test_the_page_parses_one_upload_once_and_shows_its_architecture(app, monkeypatch):
    from rnnviz.ui import model_controls

    calls = []

    def counting(raw):
        calls.append(len(raw))
        return load_model(raw)

    monkeypatch.setattr(model_controls, "load_model", counting)
    page(app, "model")
    cfg = ModelConfig(cell="gru", hidden_size=300, num_layers=3)  # 300: off the slider's list
    raw = model_bytes(build_model(cfg, seed=2))
    app.file_uploader(key="model_upload").upload(
        "m.safetensors", raw, "application/octet-stream"
    ).run()
    app.toggle(key="bidirectional").set_value(True).run()
    app.run()
    assert not app.exception and len(calls) == 1
    assert state.MODEL_CFG.get(app.session_state).bidirectional  # the user's change is kept
    assert app.select_slider(key="hidden_size").value == 300
    assert app.number_input(key="num_layers").value == 3
    assert app.segmented_control(key="cell").value == "gru"
    assert schema.get(ModelConfig, "hidden_size").marks[-1] < 300


def test_a_model_over_the_layer_cap_is_refused_not_a_crash(app):
    page(app, "model")
    app.file_uploader(key="model_upload").upload(
        "l5.safetensors", (CORPUS / "layers_5.safetensors").read_bytes(), "application/octet-stream"
    ).run()
    app.run()
    assert not app.exception
    assert "num_layers" in texts(app.error) and app.number_input(key="num_layers").value <= 4
