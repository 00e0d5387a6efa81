"""Model files whose saved data lie: a seeded mutator of real saved runs, run with limits.

Every kind of run rnnviz saves (a series with dates, several targets, no head, a text, typed
rows, a typed series) is saved for real, then its `data.*` arrays and its preparation are
mutated (bench/fuzz_mutants.py): NaN, ±inf, 1e308 and other values past the bounds, scales
of zero or below, shuffled, constant, missing (NaT) and far-off dates, truncated and extended
lengths, other dtypes, dropped tensors, and headers claiming huge sizes. Each mutant must end in a
ValueError with a short message or in a loaded run that Predict can use (its CSV written,
its baselines finite); any other exception, a message that leaks a traceback or a path, a
mutant slower than PER_CASE_S and an allocation past the child's address-space limit are
failures. The cases run in a child process under resource.setrlimit and a wall-clock
timeout, so a runaway allocation fails the child, not the machine.

`python -m bench.fuzz_models` runs COUNT cases (BENCH_QUICK=1: a few hundred);
tests/engine/test_fuzz_models.py runs a small count in the suite.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

from bench.common import QUICK, Figure, print_section, write_summary
from bench.fuzz_mutants import mutant, seeds

ROOT = Path(__file__).resolve().parents[1]
COUNT = 300 if QUICK else 20_000
SEED = 20250101
MEMORY_MB = 512  # address space a child may take beyond its imports and seed files
PER_CASE_S = 5  # one mutant, loaded and used
MAX_MESSAGE = 500
LEAKS = ("Traceback", "site-packages", str(ROOT), "⟦")  # a traceback, a path, a missing key


# ---- one mutant's outcome --------------------------------------------------------------


class Slow(BaseException):
    """A case past PER_CASE_S (raised by the alarm; no handler of the code under test
    catches a BaseException)."""


def _too_slow(*_) -> None:
    raise Slow


def _use(model) -> str | None:
    """What Predict does with a loaded series run (metrics, forecast, chart, CSV); why it
    failed, or None."""
    from rnnviz.analysis.predict import evaluate, forecast, future_index
    from rnnviz.data.prep import SeriesData
    from rnnviz.data.typed import TypedData
    from rnnviz.figures import prediction_figure

    data = model.saved_data
    if not isinstance(data, SeriesData) or isinstance(data, TypedData):
        return None
    ev = evaluate(model, data, season=max(data.cfg.horizon, 2))
    ev.frame().to_csv(index=False)
    fc = forecast(model, data, 5)
    prediction_figure(
        ev.index,
        ev.actual,
        ev.predictions,
        forecast=fc[:, 0] if fc.ndim == 2 else fc,
        forecast_x=future_index(data.index, len(fc), data.cfg.horizon),
    ).to_json()
    if not np.isfinite(ev.metrics["last_value"]["MAE"]):
        return "baseline error not finite"
    return _dates_problem(data.index)


def _dates_problem(index: np.ndarray) -> str | None:
    """An x axis runs strictly forward; dates convert to Python's (years 1 to 9999), as
    the CSV writer and the tables need."""
    if len(index) > 1 and not (index[1:] > index[:-1]).all():  # NaT compares False
        return "index does not run forward"
    if index.dtype.kind == "M":
        import pandas as pd

        pd.DatetimeIndex(index).to_pydatetime()
    return None


def outcome(raw: bytes) -> tuple[str, str]:
    """("refused" | "loaded" | "failed", detail)."""
    from rnnviz.files.model_file import load_model

    try:
        model = load_model(raw)
    except ValueError as err:
        message = str(err)
        if not 0 < len(message) < MAX_MESSAGE or any(leak in message for leak in LEAKS):
            return "failed", f"message: {message[:300]}"
        shown = message.split("`")[1] if message.count("`") > 1 else message
        return "refused", shown.replace("\\", "")[:40]
    except Exception as err:  # noqa: BLE001 - the finding this fuzzer looks for
        return "failed", f"{type(err).__name__}: {str(err)[:200]}"
    try:
        problem = _use(model)
    except Exception as err:  # noqa: BLE001
        problem = f"use: {type(err).__name__}: {str(err)[:200]}"
    return ("failed", problem) if problem else ("loaded", "")


def run_cases(files: dict[str, bytes], seed: int, count: int) -> dict:
    """Every case in this process; a summary of outcomes, failures and times."""
    outcomes, fields, by_op = Counter(), Counter(), Counter()
    failures, slowest = [], (0.0, None)
    before = signal.signal(signal.SIGALRM, _too_slow)
    for case in range(count):
        kind, ops, raw = mutant(files, seed, case)
        start = time.perf_counter()
        signal.alarm(PER_CASE_S)
        try:
            got, detail = outcome(raw)
        except Slow:
            got, detail = "failed", f"slower than {PER_CASE_S} s"
        finally:
            signal.alarm(0)
        seconds = time.perf_counter() - start
        slowest = max(slowest, (seconds, f"{case} {kind} {'+'.join(ops)}"), key=lambda s: s[0])
        outcomes[got] += 1
        by_op.update(f"{op}:{got}" for op in ops)
        if got == "refused":
            fields[detail] += 1
        elif got == "failed":
            failures.append({"case": case, "kind": kind, "ops": ops, "error": detail})
    signal.signal(signal.SIGALRM, before)
    return {
        "count": count,
        "seed": seed,
        "outcomes": dict(outcomes),
        "failures": failures[:20],
        "failed": len(failures),
        "fields": dict(fields.most_common(12)),
        "by_op": dict(sorted(by_op.items())),
        "max_s": slowest[0],
        "max_case": slowest[1],
    }


# ---- the child and its limits ----------------------------------------------------------


def _vm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1])
    return 0


def child(count: int, seed: int, memory_mb: int = MEMORY_MB) -> dict:
    """The seed files built and each loaded and used once before the limit is set (imports
    and torch's threads reserve their address space first), then every case under it."""
    import torch

    torch.set_num_threads(1)
    warnings.simplefilter("ignore")  # numpy's overflow warnings for the mutants' values
    files = seeds()
    unchanged = {kind: outcome(raw)[0] for kind, raw in files.items()}  # and every import done
    base = _vm_kb() * 1024
    resource.setrlimit(resource.RLIMIT_AS, (base + memory_mb * 2**20,) * 2)
    try:  # the limit holds: twice what it allows is refused
        bytearray(2 * memory_mb * 2**20)
        holds = False
    except MemoryError:
        holds = True
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    summary = run_cases(files, seed, count)
    summary["extra_rss_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    summary["memory_mb"] = memory_mb
    summary["seeds"], summary["limit_holds"] = unchanged, holds
    return summary


def fuzz(
    count: int = COUNT, seed: int = SEED, timeout: float = 3600, memory_mb: int = MEMORY_MB
) -> dict:
    """`count` cases in a child process, killed after `timeout` seconds."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.fuzz_models",
            "--child",
            str(count),
            str(seed),
            str(memory_mb),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the fuzz child exited {done.returncode}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    start = time.perf_counter()
    r = fuzz()
    seconds = time.perf_counter() - start
    figures = [
        Figure("mutants", f"{r['count']:,} (seed {r['seed']}) in {seconds:.0f} s"),
        Figure("refused with a message", f"{r['outcomes'].get('refused', 0):,}"),
        Figure("loaded and used", f"{r['outcomes'].get('loaded', 0):,}"),
        Figure("failed", f"{r['failed']}", "0", r["failed"] == 0),
        Figure(
            "slowest mutant",
            f"{r['max_s'] * 1000:.0f} ms ({r['max_case']})",
            f"< {PER_CASE_S} s",
            r["max_s"] < PER_CASE_S,
        ),
        Figure("extra peak RSS", f"{r['extra_rss_mb']:.0f} MB (limit +{r['memory_mb']} MB)"),
    ]
    print_section("fuzz_models", figures)
    detail = [
        f"refused, by field: {r['fields']}",
        f"by mutation: {r['by_op']}",
        *(f"FAILED {json.dumps(f)}" for f in r["failures"]),
    ]
    print("\n".join(detail))
    head = [f"# bench.fuzz_models {time.strftime('%Y-%m-%d %H:%M')}"]
    path = write_summary("fuzz_models", head, figures)
    with open(path, "a") as f:
        f.write("\n".join(detail) + "\n")
    print(f"(written to {path})")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))))
    else:
        main()
