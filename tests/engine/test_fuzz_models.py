"""Mutants of real saved model files end in a short ValueError or a usable run: nothing else.

A few hundred cases of bench/fuzz_models.py in a child process under an address-space
limit and a timeout (`python -m bench.fuzz_models` runs thousands); and the fuzzer itself
is shown to find what the file checks stop, with them switched off.
"""

from __future__ import annotations

import json
import struct
import warnings

import pytest

from bench import fuzz_models
from bench.fuzz_mutants import OPS, mutant, seeds
from rnnviz.files import run_checks

SEED = 20250611


@pytest.fixture(scope="module")
def files():
    return seeds()


@pytest.mark.subprocess
def test_mutants_in_a_limited_child_are_refused_with_a_message_or_loaded():
    result = fuzz_models.fuzz(count=200, seed=SEED, timeout=240)
    assert result["failed"] == 0, result["failures"]
    assert set(result["seeds"].values()) == {"loaded"}, result["seeds"]  # unchanged: they load
    assert result["outcomes"]["refused"] > 100 and result["outcomes"]["loaded"] > 10, result
    assert result["limit_holds"] and result["max_s"] < fuzz_models.PER_CASE_S
    ops = {key.split(":")[0] for key in result["by_op"]}
    assert ops >= set(OPS) | {"claim"}, ops  # every kind of mutation was tried


def _content(case: tuple) -> tuple:
    """A mutant as its kind, mutations, header and tensor bytes: safetensors writes the
    metadata's keys in any order."""
    kind, ops, raw = case
    (size,) = struct.unpack("<Q", raw[:8])
    return kind, ops, json.loads(raw[8 : 8 + size]), raw[8 + size :]


def test_the_same_case_is_the_same_file_every_time(files):
    for case in range(30):
        assert _content(mutant(files, SEED, case)) == _content(mutant(files, SEED, case))
    assert _content(mutant(files, SEED, 1)) != _content(mutant(files, SEED + 1, 1))


def test_the_fuzzer_finds_what_the_checks_stop(files, monkeypatch):
    """With the file checks off, loaded runs have dates that run backwards or past year
    9999 (and NaN baselines): the fuzzer reports them, so its zero above means something."""
    for name in ("values", "index", "scaler"):
        monkeypatch.setattr(run_checks, name, lambda *args, **kwargs: None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy's overflow warnings, for the unchecked values
        result = fuzz_models.run_cases(files, SEED, 120)
    errors = " ".join(f["error"] for f in result["failures"])
    assert result["failed"] >= 5, result
    assert "index does not run forward" in errors and "OutOfBoundsDatetime" in errors, errors


def test_an_exception_other_than_value_error_is_a_failure(monkeypatch, files):
    from rnnviz.files import model_file

    def broken(raw):
        raise IndexError("index 7 is out of bounds")

    monkeypatch.setattr(model_file, "load_model", broken)
    assert fuzz_models.outcome(files["series"]) == (
        "failed",
        "IndexError: index 7 is out of bounds",
    )
    monkeypatch.setattr(
        model_file,
        "load_model",
        lambda raw: (_ for _ in ()).throw(
            ValueError(f"cannot read {fuzz_models.ROOT}/x.safetensors")
        ),
    )
    assert fuzz_models.outcome(files["series"])[0] == "failed"  # a path in the message
