"""The input fuzzers (bench/fuzz_inputs.py) with small counts: seeded CSV files through the
upload reader and typed sequences through the typed parser, each in a child with a deadline
and a memory limit. Every case must end in a table or a message, well within the limits;
`python -m bench fuzz_inputs` runs the same fuzzers with large counts."""

from __future__ import annotations

import random

import pytest

from bench import fuzz_inputs
from rnnviz.server import isolated


@pytest.mark.parametrize("seed", range(3))
def test_fuzzed_csv_files_are_read_or_refused_with_a_message(seed):
    summary = fuzz_inputs.fuzz_csv(15, seed=100 + seed)
    assert summary.count == 15 and not summary.problems, summary.line()
    assert set(summary.outcomes) <= fuzz_inputs.DECIDED
    assert summary.max_seconds < isolated.SECONDS / 2, summary.line()
    assert summary.max_peak_mb < isolated.MEMORY_MB, summary.line()


def test_fuzzed_csv_files_with_long_cells_are_decided():
    summary = fuzz_inputs.fuzz_csv(4, seed=7, big=True)
    assert not summary.problems and summary.max_seconds < isolated.SECONDS / 2, summary.line()


def test_fuzzed_typed_input_is_parsed_or_refused_with_a_message():
    summary = fuzz_inputs.fuzz_typed(600, seed=5)
    assert summary.count == 600 and not summary.problems, summary.line()
    assert summary.outcomes["loaded"] > 20 and summary.outcomes["refused"] > 100
    assert summary.max_seconds < fuzz_inputs.TYPED_SECONDS


def test_the_fuzzers_are_seeded():
    a, b = random.Random(3), random.Random(3)
    first, second = ([fuzz_inputs.csv_case(r) for _ in range(5)] for r in (a, b))
    assert first == second
    assert fuzz_inputs.typed_case(a) == fuzz_inputs.typed_case(b)


def test_an_undecided_case_is_reported():
    # The summary must be able to fail: a stopped read is a problem, not an outcome.
    summary = fuzz_inputs.Summary()
    summary.add("late", 10.0, None, "case 0")
    summary.add("refused", 0.1, 80.0, "case 1")
    assert summary.problems == ["late: case 0"] and summary.max_peak_mb == 80.0
    report = isolated.Report("refused", 0.1, 80.0, error="⟦parsing.nothing⟧")
    assert fuzz_inputs._decided(report) == "no message"
