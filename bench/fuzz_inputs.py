"""Fuzz what users type and upload: seeded CSV files and typed sequences, each decided (read
or refused with a message) within the readers' limits, every one in a child process with
a deadline and a memory limit (rnnviz.server.isolated).

`python -m bench fuzz_inputs` runs large counts and the slow inputs the readers were once
stuck on, and prints count, the slowest case, the largest child and the outcomes;
tests/engine/test_fuzz_inputs.py runs the same fuzzers with small counts. A "bug" outcome is an
exception other than DataError: the user would have read no message.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.common import QUICK, Figure, print_section, write_summary
from rnnviz import i18n
from rnnviz.data.reader import DataError, read_table_noted, read_text
from rnnviz.server import isolated

CSV_COUNT = 60 if QUICK else 600
TYPED_COUNT = 2000 if QUICK else 20_000
TYPED_BATCH = 500  # typed inputs per child (a child imports torch through rnnviz.data.typed)
TYPED_SECONDS = 1.0  # the most one typed input may take
DECIDED = {"loaded", "refused"}  # the outcomes a user reads a table or a message for


@dataclass
class Summary:
    count: int = 0
    outcomes: Counter = field(default_factory=Counter)
    max_seconds: float = 0.0
    max_peak_mb: float = 0.0
    slowest: str = ""
    problems: list[str] = field(default_factory=list)  # the first few undecided cases

    def add(self, kind: str, seconds: float, peak_mb: float | None, what: str) -> None:
        self.count += 1
        self.outcomes[kind] += 1
        if seconds > self.max_seconds:
            self.max_seconds, self.slowest = seconds, what
        self.max_peak_mb = max(self.max_peak_mb, peak_mb or 0.0)
        if kind not in DECIDED and len(self.problems) < 5:
            self.problems.append(f"{kind}: {what}")

    def line(self) -> str:
        shown = ", ".join(f"{k} {n}" for k, n in sorted(self.outcomes.items()))
        return (
            f"{self.count} cases, max {self.max_seconds:.2f} s ({self.slowest}), "
            f"child peak {self.max_peak_mb:.0f} MB; {shown}"
        )


# ---------------------------------------------------------------- CSV files

_NUMBERS = (
    "{i}",
    "{f:.3f}",
    "{f:,.2f}",
    "${f:.2f}",
    "{f:.2f}%",
    "{f:.2e}",
    "{f:.2f}K",
    "-{f:.1f}M",
    "{d},{c:02d}",
    "1.{g:03d},{c:02d}",
    " {f:.1f} ",
    "{long}",
)
_DATES = (
    "2020-{m:02d}-{d:02d}",
    "{d:02d}/{m:02d}/2020",
    "{m}/{d}/20",
    "2020年{m}月{d}日",
    "{y}-{m:02d}",
    "2020-{m:02d}-{d:02d}T10:00:00+0{z}:00",
    "Jan {d} 2020",
    "{d}.{m}.2020 13:00",
)
_TEXT = ("abc", "x y", "—", "-", "N/A", "", '"q,uoted"', "中文", "é", "{run}")
_RUNS = ("a", "1", "9", "-", "/", " ", "1-", "]", ",", ";", '"', "x1", "Jan1")


def _cell(rng: random.Random, pattern: str, big: bool) -> str:
    values = {
        "i": rng.randint(-(10**6), 10**6),
        "f": rng.uniform(-1e6, 1e6),
        "d": rng.randint(1, 28),
        "c": rng.randint(0, 99),
        "g": rng.randint(0, 999),
        "m": rng.randint(1, 12),
        "y": rng.randint(1, 2030),
        "z": rng.randint(0, 9),
        "long": "",
        "run": "",
    }
    if "{long}" in pattern:
        values["long"] = "9" * rng.choice((20, 400, 5000))
    if "{run}" in pattern:  # made only when used: a long run per cell would be slow to build
        n = rng.choice((10, 1000, 80_000 if big else 5000, 200_000 if big else 20_000))
        values["run"] = rng.choice(_RUNS) * n
    return pattern.format(**values)


def csv_case(rng: random.Random, big: bool = False) -> bytes:
    """One CSV: columns of one format each (numbers, dates, text), odd cells among them,
    written as a CSV writer would or joined raw, sometimes with mangled bytes."""
    columns = rng.choice((1, 2, 3, 5, 8, 2500 if big else 40))
    rows = rng.choice((0, 1, 2, 5, 30, 30, 300, 300, 3000 if big else 600))
    if big and columns > 8:  # wide, not also long: a few MB, as an upload is (50 MB at most)
        rows = min(rows, 5)
    patterns = [rng.choice(rng.choice((_NUMBERS, _NUMBERS, _DATES, _TEXT))) for _ in range(columns)]
    names = ("date", "value", "Price", "年", "x", "")
    header = [rng.choice(names) + str(k) for k in range(columns)]
    table = [header] + [
        [_cell(rng, rng.choice(_TEXT) if rng.random() < 0.03 else p, big) for p in patterns]
        for _ in range(rows)
    ]
    sep, end = rng.choice((",", ",", ";", "\t", "|")), rng.choice(("\n", "\r\n", "\r"))
    if rng.random() < 0.8:
        out = io.StringIO()
        csv.writer(out, delimiter=sep, lineterminator=end).writerows(table)
        text = out.getvalue()
    else:
        text = end.join(sep.join(row) for row in table)
    raw = text.encode(rng.choice(("utf-8", "utf-8", "gb18030", "utf-16", "utf-8-sig")), "replace")
    return _mangle(rng, raw)


def _mangle(rng: random.Random, raw: bytes) -> bytes:
    if rng.random() < 0.7 or not raw:
        return raw
    data = bytearray(raw)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(data) or 1)
        move = rng.random()
        if move < 0.4:
            data[at : at + 1] = bytes([rng.randrange(256)])
        elif move < 0.7:
            data[at:at] = rng.choice((b"\x00", b'"', b"\n", b",", b"\xff\xfe", b"9" * 1000))
        else:
            del data[at : at + rng.randint(1, 50)]
    return bytes(data)


def fuzz_csv(count: int, seed: int = 0, big: bool = False) -> Summary:
    """`count` seeded CSVs through the upload reader, each in its own limited child."""
    rng, summary = random.Random(seed), Summary()
    for k in range(count):
        raw = csv_case(rng, big)
        report = isolated.measure(read_table_noted, raw)
        summary.add(
            _decided(report),
            report.seconds,
            report.peak_mb,
            f"seed {seed} case {k}, {len(raw):,} bytes",
        )
    return summary


def _decided(report: isolated.Report) -> str:
    """A refusal whose message names a missing catalog key is no message at all."""
    if report.error is not None and (not report.error.strip() or "⟦" in report.error):
        return "no message"
    return report.kind


# ---------------------------------------------------------------- typed input

_PIECES = (
    "1",
    "-2.5",
    "3e4",
    ".5",
    "5.",
    "1e999",
    "inf",
    "nan",
    "x",
    "٣",
    "1_0",
    "+",
    "e",
    ",",
    " ",
    ";",
    "，",
    "；",
    "[",
    "]",
    "[[",
    "]]",
    "],[",
    "\t",
    "\n",
    "1 2",
    "1,2;3,4",
)


def typed_case(rng: random.Random) -> tuple[str, str]:
    """(where, text): a Predict-box sequence, a typed target, or a typed series value."""
    where = rng.choice(("sequence", "sequence", "target", "series"))
    parts = []
    for _ in range(rng.choice((1, 3, 10, 60))):
        piece = rng.choice(_PIECES)
        parts.append(
            piece * rng.choice((1, 1, 1, 2, 50, 5000, 60_001)) if rng.random() < 0.2 else piece
        )
    return where, "".join(parts)[: rng.choice((100, 10_000, 500_000))]


def typed_batch(raw: bytes) -> list[tuple[str, float, str]]:
    """In a child: each typed input parsed as the app parses it; (outcome, seconds, note)."""
    from rnnviz.data import typed  # imports torch: only in the fuzzer's own children

    out = []
    for where, text in json.loads(raw):
        t0 = time.perf_counter()
        try:
            if where == "sequence":
                typed.parse_sequence(text)
            elif where == "target":
                typed.parse_target(text, 1)
            else:
                typed.parse_series([text, "1", "2"])
            kind, note = "loaded", ""
        except DataError as err:
            kind, note = (
                ("refused" if str(err).strip() and "⟦" not in str(err) else "no message"),
                str(err)[:80],
            )
        except Exception as err:  # noqa: BLE001 - what the fuzzer is looking for
            kind, note = "bug", f"{type(err).__name__}: {err}"[:80]
        out.append((kind, time.perf_counter() - t0, note))
    return out


def fuzz_typed(count: int, seed: int = 0) -> Summary:
    """`count` seeded typed inputs, TYPED_BATCH to a limited child."""
    rng, summary = random.Random(seed), Summary()
    for start in range(0, count, TYPED_BATCH):
        cases = [typed_case(rng) for _ in range(min(TYPED_BATCH, count - start))]
        # The child's import of torch, then a twentieth of a second a case at most.
        limits = isolated.Limits(15.0 + 0.05 * len(cases), isolated.MEMORY_MB, isolated.RESULT_MB)
        report = isolated.measure(typed_batch, json.dumps(cases).encode(), limits)
        if report.kind != "loaded":
            summary.add(report.kind, report.seconds, report.peak_mb, f"batch at {start}")
            continue
        for k, ((where, text), (kind, seconds, note)) in enumerate(
            zip(cases, report.result, strict=True)
        ):
            kind = kind if seconds <= TYPED_SECONDS else "slow"
            summary.add(
                kind,
                seconds,
                report.peak_mb,
                f"{where} of {len(text):,} chars, seed {seed} case {start + k} {note}",
            )
    return summary


# ---------------------------------------------------------------- the slow inputs


def slow_inputs() -> dict[str, tuple[object, bytes]]:
    """The uploads the readers were once stuck on: name -> (reader, bytes)."""

    def one_cell(cell: str) -> bytes:
        return (
            "note,value\n" + cell + ",1\nabc,2\n" + "".join(f"x{i},{i}\n" for i in range(20))
        ).encode()

    rng = random.Random(1)
    garbage = "\n".join(
        ["when,value"]
        + [
            f"{rng.randint(0, 99)}-{rng.randint(0, 99)}x{rng.randint(0, 9999)},{i}"
            for i in range(1_300_000)
        ]
    )
    row = ",".join("1" for _ in range(2000))
    return {
        "200k letters in a cell": (read_table_noted, one_cell("a" * 200_000)),
        "80k digits in a cell": (read_table_noted, one_cell("1" * 80_000)),
        "5,000-digit numbers": (
            read_table_noted,
            ("a,b\n" + "\n".join(f"{'9' * 5000},{i}" for i in range(100))).encode(),
        ),
        "20 MB date-like garbage": (read_table_noted, garbage.encode()[:20_000_000]),
        "2,000 x 12k table": (
            read_table_noted,
            (",".join(f"c{i}" for i in range(2000)) + "\n" + "\n".join([row] * 12_000)).encode(),
        ),
        "49 MB single field": (read_table_noted, ("v\n" + "a" * 49_000_000 + "\n").encode()),
        "49 MB one-line text": (read_text, ("a b c " * 8_200_000)[:49_000_000].encode()),
    }


def main() -> None:
    i18n.use("en")
    figures = []
    for name, (reader, raw) in slow_inputs().items():
        r = isolated.measure(reader, raw)
        figures.append(
            Figure(
                name,
                f"{r.seconds:.2f} s, child {r.peak_mb or 0:.0f} MB, {r.kind}",
                "decided < 10 s",
                r.kind in DECIDED and r.seconds < 10,
            )
        )
    print_section("slow inputs", figures)
    runs = {
        "CSV fuzz": lambda: fuzz_csv(CSV_COUNT, seed=1),
        "CSV fuzz, large cells": lambda: fuzz_csv(CSV_COUNT // 20, seed=2, big=True),
        "typed fuzz": lambda: fuzz_typed(TYPED_COUNT, seed=3),
    }
    fuzz = []
    for name, run in runs.items():
        summary = run()
        fuzz.append(
            Figure(
                name,
                summary.line(),
                "all decided",
                not summary.problems and summary.max_seconds < 10,
            )
        )
        for problem in summary.problems:
            print("  ", problem)
    print_section("fuzzers", fuzz)
    write_summary(
        "fuzz_inputs",
        [
            "fuzz_inputs: each input in a limited child "
            f"(deadline {isolated.SECONDS:g} s, {isolated.MEMORY_MB} MB)"
        ],
        figures + fuzz,
    )


if __name__ == "__main__":
    main()
