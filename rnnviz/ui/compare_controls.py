"""Widget groups of the Compare page: the entrants, the budget, and the race's live panel."""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import streamlit as st

from rnnviz import figures
from rnnviz.analysis import insight
from rnnviz.analysis.connectivity import connectivity
from rnnviz.analysis.probe import trace
from rnnviz.experiments import race as races
from rnnviz.experiments.race import Race, race_requests, standard_entrants
from rnnviz.figures.compare import SideRow, connectivity_side_figure, side_by_side_figure
from rnnviz.i18n import choose, t
from rnnviz.model.sizes import model_config_for
from rnnviz.model.summary import gate_label
from rnnviz.safe_text import md
from rnnviz.train.job import TrainConfig
from rnnviz.train.snapshots import probe_model
from rnnviz.ui import figcache, jobs, model_controls, poll, state

JOB = "race"  # its own registry slot: never clobbers the main job or the Lab's
DEFAULTS = {"bidirectional": False, "deep": False, "budget": "steps", "steps": 300, "seconds": 20}
BUDGETS = {"steps": "compare.budget_steps", "seconds": "compare.budget_seconds"}  # catalog keys
MANY_EPOCHS = 1_000_000  # the step or time budget ends a race, never the epoch count
NO_PROBES = 10**9  # snapshot cadence: a race draws loss curves only, so it takes no probes
MAX_POINTS = 1500  # per curve: 9 curves redrawn twice a second stay cheap
# The results table's columns ({code: header key}): the state reads "finished as" here.
COLUMNS = {**races.COLUMNS, "state": "race.col.finished"}
_counter = itertools.count()


def preset(opts: Mapping) -> None:
    """Choices a lesson makes for the page (shown the next time it opens)."""
    state.RACE_OPTS.set({**DEFAULTS, **opts})


def options() -> dict:
    """Variants and budget; copied to the session, since page widgets reset on leaving."""
    cur = {**DEFAULTS, **(state.RACE_OPTS.get() or {})}
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(t("compare.entrants"))
        bi = st.checkbox(t("compare.bidirectional"), cur["bidirectional"], key="race_bi")
        deep = st.checkbox(t("compare.deep"), cur["deep"], key="race_deep")
    with right:
        budget = (
            st.segmented_control(
                t("compare.budget"),
                list(BUDGETS),
                default=cur["budget"],
                required=True,
                format_func=choose(BUDGETS).get,
                key="race_budget",
            )
            or cur["budget"]
        )
        steps, seconds = cur["steps"], cur["seconds"]
        if budget == "steps":
            steps = st.number_input(
                t("compare.steps"), 10, 20_000, int(steps), 50, key="race_steps"
            )
        else:
            seconds = st.number_input(
                t("compare.seconds"),
                1,
                600,
                int(seconds),
                5,
                key="race_seconds",
                help=t("compare.seconds_help"),
            )
    opts = {
        "bidirectional": bi,
        "deep": deep,
        "budget": budget,
        "steps": int(steps),
        "seconds": int(seconds),
    }
    state.RACE_OPTS.set(opts)
    _describe(opts)
    return opts


def _describe(opts: dict) -> None:
    base, cfg = entrant_base(), state.train_cfg()
    n = 3 * (1 + opts["bidirectional"] + opts["deep"])
    optimizer = cfg.optimizer.upper() if cfg.optimizer == "sgd" else t("compare.adam")
    st.caption(
        t(
            "compare.describe",
            n=n,
            hidden=base.hidden_size,
            optimizer=optimizer,
            lr=cfg.lr,
            batch=cfg.batch_size,
            seed=cfg.seed,
        )
    )


def entrant_base():
    """The user's model sized for the data, as a plain one-layer, one-way model
    (the checkboxes add the bidirectional and 2-layer variants)."""
    cfg = model_config_for(state.prepared(), state.model_cfg())
    return replace(cfg, bidirectional=False, num_layers=1)


def race_config(base: TrainConfig, opts: Mapping) -> TrainConfig:
    """The user's training settings with the race's budget instead of epochs."""
    if opts["budget"] == "seconds":
        return replace(
            base,
            epochs=MANY_EPOCHS,
            max_steps=None,
            max_seconds=float(opts["seconds"]),
            snapshot_every=NO_PROBES,
        )
    return replace(
        base,
        epochs=MANY_EPOCHS,
        max_steps=int(opts["steps"]),
        max_seconds=None,
        snapshot_every=NO_PROBES,
    )


def running() -> bool:
    """Racing, or waiting in the server's training queue to race."""
    return jobs.is_active(jobs.get(JOB))


def start_race(opts: Mapping) -> str | None:
    """Start a race on the current data; returns why not (one is already running, or the
    training gate refuses it)."""
    if running():
        return t("compare.already_running")
    data, cfg = state.prepared(), state.train_cfg()
    entrants = standard_entrants(entrant_base(), opts["bidirectional"], opts["deep"])
    # Every model trains at once: the caps per model, the memory of all of them together.
    asked = race_requests(entrants, cfg.batch_size, model_controls.seq_len())
    refused = jobs.start(JOB, asked, lambda: Race(entrants, data.windows, race_config(cfg, opts)))
    if refused:
        return refused
    state.RACE_INFO.set(
        {
            "id": next(_counter),
            "data": state.dataset().name,
            "fingerprint": _fingerprint(),
            "opts": dict(opts),
            "baseline": races.mean_baseline(data),
            "started": time.monotonic(),
        }
    )
    return None


def _fingerprint():
    ds = state.dataset()
    return (ds.digest if ds else None, state.prep_cfg(), state.model_cfg(), state.train_cfg())


def buttons(opts: dict) -> None:
    active = running()
    a, b, _ = st.columns([1, 1, 3])
    if a.button(
        t("compare.start"),
        key="race_start",
        type="primary",
        icon=":material/flag:",
        disabled=active,
        width="stretch",
    ):
        msg = start_race(opts)
        if msg:
            st.error(msg)
        else:
            st.rerun()  # redraw the buttons (Stop enabled) and start polling
    if b.button(
        t("race.stop"),
        key="race_stop",
        icon=":material/stop:",
        disabled=not active,
        width="stretch",
    ):
        race = jobs.get(JOB)
        race.stop()
        race.join(5)
        st.rerun()  # redraw the buttons (Start enabled) with the stopped race


def _progress(race: Race, info: dict) -> None:
    statuses = {name: job.status() for name, job in race.jobs.items()}
    opts = info["opts"]
    done = sum(not s.active for s in statuses.values())
    if opts["budget"] == "steps":
        share = np.mean([min(1.0, s.step / opts["steps"]) for s in statuses.values()])
    else:
        share = min(1.0, (time.monotonic() - info["started"]) / opts["seconds"])
    steps = " · ".join(f"{races.label(code)} {s.step:,}" for code, s in statuses.items())
    st.progress(float(share), text=t("race.steps", steps=steps))
    if done < len(statuses):
        st.info(
            t(
                "compare.racing",
                data=md(info["data"]),
                left=len(statuses) - done,
                total=len(statuses),
            ),
            icon=":material/hourglass_top:",
        )


def _panel() -> None:
    race, info = jobs.get(JOB), state.RACE_INFO.get()
    if race is None or info is None:
        st.info(t("compare.press_start"), icon=":material/flag:")
        return
    if info["fingerprint"] != _fingerprint():
        st.warning(t("compare.stale", data=md(info["data"])))  # a file name
    if (note := jobs.waiting_note(race)) is not None:
        st.info(note, icon=":material/schedule:")  # no results yet: it has not trained
        return
    _progress(race, info)
    by = t("compare.by_steps" if info["opts"]["budget"] == "steps" else "compare.by_seconds")
    curves = races.shown_curves(race.curves(), MAX_POINTS)
    fig = figures.race_figure(
        curves,
        baseline=info["baseline"],
        labels={
            "title": t("compare.chart_title", by=by),
            "x_title": t("race.x_step"),
            "baseline": t("compare.baseline"),
        },
        names={code: races.label(code) for code in curves},
        styles=race.styles(),
    )
    st.plotly_chart(fig, width="stretch", key="race_chart")
    active = race.active
    if not active:
        _results(race, info)
    if state.RACE_SEEN.get() == "running" and not active:
        st.rerun()  # the race ended while only the fragment was polling: redraw the page


def _results(race: Race, info: dict) -> None:
    cached = state.RACE_TABLE.get()
    if cached is None or cached[0] != info["id"]:
        cached = (info["id"], race.table())  # validation on every model once, not per rerun
        state.RACE_TABLE.set(cached)
    rows = cached[1]
    st.success(races.winner_sentence(rows), icon=":material/emoji_events:")
    table = races.shown_table(rows, COLUMNS)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("race.col.parameters"): st.column_config.NumberColumn(format="localized"),
            t("race.col.final_train"): st.column_config.NumberColumn(
                format="%.4g", help=t("compare.help_final")
            ),
            t("race.col.validation"): st.column_config.NumberColumn(
                format="%.4g", help=t("compare.help_validation")
            ),
            t("race.col.samples"): st.column_config.NumberColumn(format="localized"),
        },
    )
    side_by_side(race, info)


def live_panel() -> None:
    seen = "running" if running() else "idle"
    state.RACE_SEEN.set(seen)  # what this full run drew the buttons for
    poll.fragment(_panel, polling=seen == "running")()


# ---- side by side: the same probe sequence through each finished model ------------------
def finished(race: Race) -> dict:
    """{code: job} of the entrants that trained (a stopped one counts: it has weights)."""
    return {
        code: job for code, job in race.jobs.items() if not job.active and job.status().step > 0
    }


def side_by_side(race: Race, info: dict) -> None:
    done = finished(race)
    if not done:
        return
    st.subheader(t("cmp.side.title"))
    xs = next(iter(done.values())).recorder.x  # every entrant probes the same sequences
    shown = [t("inside.seq_probe", k=k + 1) for k in range(len(xs))]
    k = (
        st.selectbox(
            t("cmp.side.sequence"),
            range(len(xs)),
            format_func=shown.__getitem__,
            key="cmp_side_seq",
        )
        if len(xs) > 1
        else 0
    )
    st.caption(t("cmp.side.caption"))
    key = (info["id"], k, tuple(done))
    fig = figcache.cached(
        "cmp_side",
        key,
        lambda: side_by_side_figure([side_row(code, job, xs[k]) for code, job in done.items()]),
    )
    st.plotly_chart(fig, width="stretch", key="cmp_side_chart")
    st.caption(t("cmp.side.conn_caption"))
    conn = figcache.cached(
        "cmp_side_conn",
        key,
        lambda: connectivity_side_figure(
            {code: connectivity(probe_model(job.model), xs[k]) for code, job in done.items()},
            len(xs[k]) - 1,
            styles=race.styles(),
            names={code: races.label(code) for code in done},
        ),
    )
    st.plotly_chart(conn, width="stretch", key="cmp_side_conn")


def side_row(code: str, job, x) -> SideRow:
    """The top layer's forward direction: what every entrant has, bidirectional or not."""
    d = trace(probe_model(job.model), x).layers[-1][0]
    found = insight.memory_gate(job.model.cfg.cell, d.gates)
    if found is None:
        return SideRow(races.label(code), d.h)
    return SideRow(races.label(code), d.h, found[1], f"{found[0]} ({gate_label(found[0])})")
