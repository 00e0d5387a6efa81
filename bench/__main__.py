"""Run every benchmark module in turn: `python -m bench [module ...]`.

Each module in MODULES exposes main(), prints its own figures and writes its summary to
bench/out/<module>.txt. A missed goal is a figure, not a failure; only a crash exits 1.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback

# Add app benchmarks here as new modules of this package, each exposing main().
MODULES = [
    "engine",
    "app",
    "load",
    "load_class",
    "pagework",
    "fuzz_inputs",
    "fuzz_models",
    "forecast",
    "estimate",
    "classify",
]


def run(names: list[str]) -> int:
    crashed = []
    for name in names:
        print(f"\n######## bench.{name} ########", flush=True)
        t0 = time.perf_counter()
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception:  # keep going: one broken bench should not hide the others
            traceback.print_exc()
            crashed.append(name)
        print(f"(bench.{name} took {time.perf_counter() - t0:.0f} s)", flush=True)
    if crashed:
        print(f"\nCRASHED: {', '.join(crashed)}")
    return 1 if crashed else 0


if __name__ == "__main__":
    wanted = sys.argv[1:] or MODULES
    unknown = [n for n in wanted if n not in MODULES]
    if unknown:
        sys.exit(f"unknown bench module(s) {unknown}; known: {MODULES}")
    sys.exit(run(wanted))
