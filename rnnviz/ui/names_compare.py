"""The Compare page on labelled names: RNN, LSTM and GRU classify the same names, one after
another, with the same seconds each (rnnviz.experiments.class_race); then their accuracy,
time and size, and which cell won."""

from __future__ import annotations

import streamlit as st

from rnnviz.data.labels import LabelledData
from rnnviz.experiments import class_race as cr
from rnnviz.experiments import race as races
from rnnviz.figures.class_race import accuracy_curves_figure, accuracy_figure
from rnnviz.i18n import t
from rnnviz.model.classifier import ClassifierConfig
from rnnviz.server.limits import training_request
from rnnviz.train.job import TrainConfig
from rnnviz.ui import follow, jobs, model_controls, poll, state

JOB = "race"  # Compare's slot: a names race replaces a forecasting race, as a new race does
DEFAULT_SECONDS = 20


PERCENT = ("best_val_acc", "val_acc", "test_acc")  # result columns shown as percentages


def section() -> None:
    """The whole section; state.prepared() is LabelledData."""
    data = state.prepared()
    assert isinstance(data, LabelledData)  # views/compare.py draws this for names only
    st.subheader(t("nrace.title"))
    st.markdown(t("nrace.intro"))
    base, cfg = entrant_base(), state.train_cfg()
    seconds = st.number_input(
        t("nrace.seconds"),
        5,
        120,
        DEFAULT_SECONDS,
        5,
        key="names_race_seconds",
        help=t("nrace.seconds_help"),
    )
    _describe(base, cfg)
    _buttons(data, base, cr.race_train_config(cfg, float(seconds)))
    race = current()
    drawn = follow.seen(race)
    poll.fragment(_live, polling=drawn in follow.ACTIVE)(race, drawn)
    if race is not None and drawn not in follow.ACTIVE:
        _results(race, data, base)


def entrant_base() -> ClassifierConfig:
    """The session's classifier on the current names; the race swaps its cell."""
    return model_controls.run_cfg()


def current() -> cr.ClassRace | None:
    """The session's names race (the slot may hold a forecasting race instead)."""
    job = jobs.get(JOB)
    return job if isinstance(job, cr.ClassRace) else None


def start(data: LabelledData, base: ClassifierConfig, cfg: TrainConfig) -> str | None:
    """Start a race through the training gate; the refusal, or None."""
    if jobs.is_active(jobs.get(JOB)):
        return t("nrace.already_running")
    seq_len = int(data.ids.shape[1])
    # One request per entrant: the gate sizes each, though they train one at a time.
    asked = [
        training_request(c.stack_config(), cfg, seq_len, name=races.label(code))
        for code, c in cr.entrant_configs(base).items()
    ]
    return jobs.start(JOB, asked, lambda: cr.ClassRace(data, base, cfg))


def _describe(base: ClassifierConfig, cfg: TrainConfig) -> None:
    st.caption(
        t(
            "nrace.describe",
            hidden=base.hidden_size,
            layers=base.num_layers,
            direction=t("nrace.two_ways" if base.bidirectional else "nrace.one_way"),
            dropout=base.dropout,
            embed=t(f"names.embed.{base.embed}"),
            lr=cfg.lr,
            batch=cfg.batch_size,
            seed=cfg.seed,
        )
    )


def _buttons(data: LabelledData, base: ClassifierConfig, cfg: TrainConfig) -> None:
    active = jobs.is_active(jobs.get(JOB))
    a, b, _ = st.columns([1, 1, 3])
    if a.button(
        t("nrace.start"),
        key="names_race_start",
        type="primary",
        icon=":material/flag:",
        disabled=active,
        width="stretch",
    ):
        refused = start(data, base, cfg)
        if refused:
            st.error(refused)
        else:
            st.rerun()  # Stop enabled, and the panel polls
    if b.button(
        t("nrace.stop"),
        key="names_race_stop",
        icon=":material/stop:",
        disabled=not active,
        width="stretch",
    ):
        job = jobs.get(JOB)
        if job is not None:
            job.stop()
            job.join(5)
        st.rerun()


def _live(race: cr.ClassRace | None, drawn: str | None) -> None:
    """Progress and the curves so far; one full rerun when the race's state changes (its
    results are drawn by the full run). Not follow.watch: that follows the main job."""
    if race is None:
        st.info(t("nrace.press_start"), icon=":material/flag:")
        return
    now = follow.seen(race)
    if now == "waiting":
        st.info(jobs.waiting_note(race) or "", icon=":material/schedule:")
    else:
        s = race.status()
        if s.active:
            _progress(race, s)
        _curves(s)
    if drawn in follow.ACTIVE and now != drawn:
        st.rerun(scope="app")


def _progress(race: cr.ClassRace, s: cr.ClassRaceStatus) -> None:
    row = next((r for r in s.entrants if r.code == s.current), None)
    if row is None:
        return
    done = sum(r.state not in ("idle", "running") for r in s.entrants)
    text = t(
        "nrace.training",
        model=races.label(row.code),
        done=done,
        total=len(s.entrants),
        step=row.steps,
        epoch=row.epochs,
        seconds=row.seconds,
    )
    st.progress(cr.share(s, race.cfg), text=text)


def _curves(s: cr.ClassRaceStatus) -> None:
    names = {r.code: races.label(r.code) for r in s.entrants}
    by_seconds, by_steps = st.tabs([t("nrace.by_seconds"), t("nrace.by_steps")])
    for tab, by in ((by_seconds, "seconds"), (by_steps, "steps")):
        with tab:
            fig = accuracy_curves_figure(cr.curves(s, by), by=by, names=names)
            st.plotly_chart(fig, width="stretch")
    st.caption(t("nrace.curve_caption"))


def _results(race: cr.ClassRace, data: LabelledData, base: ClassifierConfig) -> None:
    s = race.status()
    st.subheader(t("nrace.results"))
    if race.data is not data or race.base != base:
        st.warning(t("nrace.stale"))
    if s.message:
        st.info(s.message)
    st.success(cr.winner_sentence(s), icon=":material/emoji_events:")
    rows = cr.results_rows(s)
    # One decimal in every percentage: "percent" shows as many as the value has.
    shown = [
        {k: round(v, 3) if k in PERCENT and v is not None else v for k, v in r.items()}
        for r in rows
    ]
    st.dataframe(
        races.shown_table(shown, cr.COLUMNS),
        hide_index=True,
        width="stretch",
        column_config={
            t("nrace.col.parameters"): st.column_config.NumberColumn(format="localized"),
            t("nrace.col.best_val_acc"): st.column_config.NumberColumn(format="percent"),
            t("nrace.col.val_acc"): st.column_config.NumberColumn(format="percent"),
            t("nrace.col.test_acc"): st.column_config.NumberColumn(
                format="percent", help=t("nrace.help_test")
            ),
            t("nrace.col.samples"): st.column_config.NumberColumn(format="localized"),
        },
    )
    fig = accuracy_figure(
        [r["model"] for r in rows],
        [r["test_acc"] for r in rows],
        [r["parameters"] for r in rows],
        [r["seconds"] for r in rows],
        val_acc=[r["val_acc"] for r in rows],
        names={r["model"]: races.label(r["model"]) for r in rows},
    )
    st.plotly_chart(fig, width="stretch")
