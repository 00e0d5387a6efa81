"""Hidden units found by what they do (LSTMVis' rule), and where else they do it.

A learner marks a span [a, b) of time steps on one sequence and a threshold. A unit
matches when it is on (h > threshold) inside the span and off (h <= threshold) outside.
Real units rarely obey the rule at every step, so each unit gets a score:

    score = (share of span steps where it is on) * (share of outside steps where it is off)

1 means the unit obeys the rule exactly; a unit that is on everywhere (or never on in the
span) scores 0. Units scoring at least MIN_SCORE are listed, best first; ties are broken
by the margin (mean inside minus max outside), the clearer separation first.

The search then slides a window as long as the span over a longer stream of states (the
validation series or text read as one sequence) and ranks windows by the share of
(step, unit) cells where the selected units are on together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnviz.i18n import t

MIN_SCORE = 0.5  # listed: on in most of the span AND off in most of the rest
STREAM_STEPS = 2000  # validation steps (or characters) read as one sequence, at most
TOP_MATCHES = 5


class UnitsError(ValueError):
    """Bad span or threshold; the message says what is wrong and what to do."""


def check_span(length: int, span, threshold: float) -> tuple[int, int]:
    """The span as (a, b) with 0 <= a < b <= length and some steps left outside."""
    a, b = (int(v) for v in span)
    if not math.isfinite(float(threshold)):
        raise UnitsError(t("units.err_threshold"))
    if b <= a:
        raise UnitsError(t("units.err_empty"))
    if a < 0 or b > length:
        raise UnitsError(t("units.err_outside", a=a, b=b, length=length))
    if b - a == length:
        raise UnitsError(t("units.err_whole"))
    return a, b


def unit_scores(h: np.ndarray, span, threshold: float) -> pd.DataFrame:
    """Every unit's score for h [T, H] (one sequence), sorted best first.

    Columns: unit, score, inside_on (share of span steps on), outside_off (share of the
    other steps off), margin (mean inside - max outside)."""
    h = np.asarray(h, np.float64)
    if h.ndim != 2 or h.shape[0] < 2:
        raise UnitsError(t("units.err_short"))
    a, b = check_span(h.shape[0], span, threshold)
    inside = h[a:b]
    outside = np.concatenate([h[:a], h[b:]])
    with np.errstate(invalid="ignore"):  # a NaN state is neither on nor off: it never counts
        inside_on = (inside > threshold).mean(axis=0)
        outside_off = (outside <= threshold).mean(axis=0)
        margin = inside.mean(axis=0) - outside.max(axis=0)
    table = pd.DataFrame(
        {
            "unit": np.arange(h.shape[1]),
            "score": inside_on * outside_off,
            "inside_on": inside_on,
            "outside_off": outside_off,
            "margin": margin,
        }
    )
    return table.sort_values(
        ["score", "margin"], ascending=False, kind="stable", na_position="last"
    ).reset_index(drop=True)


def select_units(
    h: np.ndarray, span, threshold: float, min_score: float = MIN_SCORE
) -> pd.DataFrame:
    """The units that follow the rule well enough (score >= min_score), best first."""
    table = unit_scores(h, span, threshold)
    return table[table["score"] >= min_score].reset_index(drop=True)


@dataclass(frozen=True)
class Match:
    start: int  # first step of the window in the searched stream
    score: float  # share of (step, unit) cells on, in [0, 1]


def search(
    stream: np.ndarray, units, length: int, threshold: float, top: int = TOP_MATCHES
) -> list[Match]:
    """The `top` windows of `length` steps in stream [N, H] where the units are on
    together, best first; windows never overlap (a long run of "on" is one match)."""
    stream = np.asarray(stream, np.float64)
    units = [int(u) for u in units]
    if not units:
        raise UnitsError(t("units.err_no_units"))
    if not math.isfinite(float(threshold)):
        raise UnitsError(t("units.err_threshold"))
    if length < 1 or length > len(stream):
        raise UnitsError(t("units.err_length", length=length, n=len(stream)))
    with np.errstate(invalid="ignore"):
        on = (stream[:, units] > threshold).mean(axis=1)  # (N,) share of units on at each step
    sums = np.convolve(on, np.ones(length), mode="valid") / length  # (N - length + 1,)
    order = np.argsort(-sums, kind="stable")
    taken = np.zeros(len(stream), bool)
    matches: list[Match] = []
    for start in order:
        if len(matches) == top or sums[start] <= 0:
            break
        if taken[start : start + length].any():
            continue
        taken[start : start + length] = True
        matches.append(Match(int(start), float(sums[start])))
    return matches


def stream_rows(windows, limit: int = STREAM_STEPS) -> tuple[int, int]:
    """Rows [first, end) of the validation part (the training part when there is none),
    read as one sequence, at most `limit` long."""
    part = "val" if windows.count("val") else "train"
    starts = windows.splits[part]
    first, end = int(starts[0]), int(starts[-1]) + windows.window
    return first, min(end, first + limit)


def context_text(chars: str, start: int, length: int, pad: int = 12) -> str:
    """The match with a little text either side: "…before⟦match⟧after…"."""
    lo, hi = max(0, start - pad), min(len(chars), start + length + pad)
    shown = {"\n": "↵", "\t": "⇥", "\r": "␍"}
    clean = "".join(shown.get(c, c) for c in chars[lo:hi])
    cut = start - lo
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(chars) else ""
    return f"{head}{clean[:cut]}⟦{clean[cut : cut + length]}⟧{clean[cut + length :]}{tail}"


def context_values(values: np.ndarray, start: int, length: int, shown: int = 8) -> str:
    """The match's values (original units), the first `shown` of them."""
    part = np.asarray(values[start : start + length], np.float64)
    text = ", ".join(f"{v:.4g}" for v in part[:shown])
    return text + (", …" if len(part) > shown else "")
