"""Timing, memory and reporting helpers shared by the bench modules.

The machines this runs on are shared (2 cores, other work beside it), so absolute times
drift by 2-3x between runs: benches compare A with B interleaved in the same run and
report the median ratio, never a pass/fail on seconds.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rnnviz.server.isolated import status_kb

OUT_DIR = Path(__file__).resolve().parent / "out"
# BENCH_QUICK=1 shrinks repeats and step counts: a smoke run of the bench code itself.
QUICK = os.environ.get("BENCH_QUICK") == "1"


# ---- time --------------------------------------------------------------------------
def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def median_time(fn: Callable[[], object], repeats: int = 5, warmup: int = 1) -> float:
    """Median seconds of fn() over repeats, after warmup calls (first calls allocate)."""
    for _ in range(warmup):
        fn()
    return statistics.median(timed(fn)[0] for _ in range(repeats))


def interleaved(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, list]:
    """Call each run once per round, reversing the order every other round so that a
    slow spell on the shared machine hits A and B alike. Returns each run's results."""
    names, results = list(runs), {name: [] for name in runs}
    for r in range(repeats):
        for name in names if r % 2 == 0 else names[::-1]:
            gc.collect()  # a collection inside one run but not the other skews the pair
            results[name].append(runs[name]())
    return results


# ---- memory ------------------------------------------------------------------------
def reset_peak_rss() -> bool:
    """Reset the kernel's high-water mark (VmHWM) to the current RSS; Linux only."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def rss_peak_delta(fn: Callable[[], object]) -> tuple[float, float | None, object]:
    """(seconds, extra MB at peak, result) for one call; the peak is read from VmHWM, so
    the timing is not slowed by tracemalloc. Extra MB is None where /proc is missing."""
    gc.collect()
    reset_peak_rss()  # if refused, an older, higher peak may hide this one (lower bound)
    before = status_kb("VmRSS")
    seconds, result = timed(fn)
    peak = status_kb("VmHWM")
    if before is None or peak is None:
        return seconds, None, result
    return seconds, max(0, peak - before) / 1024, result


def tracemalloc_peak_mb(fn: Callable[[], object]) -> float:
    """Peak bytes allocated during fn() (numpy reports its buffers to tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


# ---- report ------------------------------------------------------------------------
@dataclass
class Figure:
    name: str
    value: str  # the measured figure, already formatted (ratio first where there is one)
    goal: str = ""
    ok: bool | None = None  # None: informative, no goal

    def line(self) -> str:
        # Name, verdict and goal first so the columns line up whatever the value's length.
        verdict = "-" if self.ok is None else ("ok" if self.ok else "MISSED")
        return f"{self.name:<28} {verdict:<7} {self.goal or '-':<18} {self.value}"


def print_section(title: str, figures: list[Figure]) -> None:
    print(f"\n== {title} ==")
    for fig in figures:
        print(fig.line(), flush=True)


def write_summary(module: str, header: list[str], figures: list[Figure]) -> Path:
    """Write the summary lines to bench/out/<module>.txt for closing notes to quote."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{module}.txt"
    path.write_text("\n".join([*header, *(f.line() for f in figures)]) + "\n")
    return path
