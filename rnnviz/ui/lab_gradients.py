"""Widget groups of the Lab page's gradient tab: vanishing (a tanh RNN and an LSTM, their
‖∂L/∂h_t‖ animated) and exploding (a ReLU RNN with large recurrent weights, with and
without clipping). Jobs and polling are shared with the other tabs (rnnviz.ui.lab_controls).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from rnnviz import figures
from rnnviz.experiments import exploding as explode
from rnnviz.experiments import lab_setups
from rnnviz.experiments.race import Race, label
from rnnviz.experiments.tasks import TASKS
from rnnviz.i18n import t
from rnnviz.ui import figcache, jobs, present, state
from rnnviz.ui.lab_controls import (
    active,
    next_run,
    poll,
    progress,
    run_stop,
    start,
    stop,
    task_titles,
)

GRAD_JOB = "lab:grad"
EXPLODE_JOBS = {True: "lab:explode:on", False: "lab:explode:off"}  # by "clipping on?"
TASK_CHOICES = ("adding", "recall")
GRAD_STEPS = [50, 100, 200, 300, 400, 600, 800, 1000]
EXPLODE_STEPS = [20, 50, 100, 200, 300]
CLIP = 1.0
# By curve code (rnnviz.experiments.exploding.explode_curves): red is the run without clipping.
COLORS = {"off": "#d62728", "before": "#1f77b4", "after": "#2ca02c", "on": "#1f77b4"}
# The vanishing race's entrants as this section names them: the nonlinearity is the point.
GRAD_NAMES = {"rnn_tanh": "RNN (tanh)"}


def grad_name(code: str) -> str:
    return GRAD_NAMES.get(code) or label(code)


def grad_settings() -> tuple[str, int]:
    a, b = st.columns(2)
    task = a.selectbox(
        t("lab.task"), TASK_CHOICES, format_func=task_titles().get, key="lab_grad_task"
    )
    seq_len = b.slider(t("lab.seq_len"), 20, 100, 50, 5, key="lab_grad_T")
    return task, seq_len


# ---------------------------------------------------------------- vanishing
def vanishing(task: str, seq_len: int) -> None:
    running = active(GRAD_JOB)
    left, a, b = st.columns([4, 1, 1], vertical_alignment="bottom")
    steps = left.select_slider(
        t("lab.steps_each"),
        GRAD_STEPS,
        value=600,
        key="lab_grad_steps",
        help=t("lab.grad_steps_help"),
    )
    run, stopped = run_stop("lab_grad", running, cols=(a, b))
    if run:
        refused = start(
            GRAD_JOB,
            lab_setups.vanishing_requests(task, seq_len),
            lambda: lab_setups.vanishing_race(task, seq_len, steps),
            state.LAB_GRAD_INFO,
            {"task": task, "T": seq_len, "steps": steps},
        )
        if refused:
            st.error(refused, icon=":material/error:")
        else:
            st.rerun()  # redraw the buttons (Stop enabled) and start polling
    if stopped:
        stop(GRAD_JOB)
    poll("grad", running, _vanishing_panel)


def _vanishing_panel() -> bool:
    race, info = jobs.get(GRAD_JOB), state.LAB_GRAD_INFO.get()
    if race is None or info is None:
        st.info(t("lab.grad_press"), icon=":material/play_arrow:")
        return False
    st.caption(
        t(
            "lab.grad_caption",
            task=TASKS[info["task"]].title,
            T=info["T"],
            steps=info["steps"],
            hidden=lab_setups.HIDDEN,
            lr=lab_setups.LR,
        )
    )
    progress({n: j.status() for n, j in race.jobs.items()}, info["steps"], names=grad_name)
    snaps = {n: [s for s in j.snapshots() if s.grads is not None] for n, j in race.jobs.items()}
    if not all(snaps.values()):
        return race.active
    if race.active:  # the newest snapshot only: a growing animation would restart each poll
        snaps = {n: ss[-1:] for n, ss in snaps.items()}
    norms = {n: np.stack([s.grads for s in ss]) for n, ss in snaps.items()}  # (S, L, D, T)
    lo, hi = lab_setups.log_range(list(norms.values()))  # one y range: the two charts compare
    for col, (code, arr) in zip(present.columns(len(norms)), norms.items(), strict=True):
        key = (info["run"], len(arr), snaps[code][-1].step, lo, hi)
        # cached() builds at once or not at all, inside this iteration: `arr` and `code`
        # are the current ones
        fig = figcache.cached(
            f"lab_grad_{code}",
            key,
            lambda: _grad_figure(
                arr,  # noqa: B023
                [t("lab.frame_step", step=s.step) for s in snaps[code]],  # noqa: B023
                grad_name(code),  # noqa: B023
                lo,
                hi,
            ),
        )
        col.plotly_chart(fig, width="stretch", key=f"lab_grad_chart_{code}")
        if not race.active:
            col.caption(_validation(race, code, info["task"]))
    return race.active


def _validation(race: Race, code: str, task: str) -> str:
    return t(
        "lab.grad_validation",
        name=grad_name(code),
        mse=race.jobs[code].validation_loss(),
        baseline=TASKS[task].baseline_mse,
    )


def _grad_figure(norms, frame_labels, name: str, lo: float, hi: float):
    fig = figures.grad_norm_animation(
        norms, frame_labels, labels={"title": t("lab.grad_title", name=name)}
    )
    # One line: the title names it. The slider reads "snapshot: step 600" (the frames are
    # training snapshots) and has the row to itself: Play/Pause sit at the top.
    fig.update_yaxes(range=[lo, hi]).update_layout(showlegend=False)
    return fig


# ---------------------------------------------------------------- exploding
def exploding(task: str, seq_len: int) -> None:
    running = any(active(n) for n in EXPLODE_JOBS.values())
    a, b, c = st.columns([2, 2, 1.4], vertical_alignment="bottom")
    scale = a.slider(
        t("lab.scale"), 1.2, 2.4, 1.8, 0.1, key="lab_explode_scale", help=t("lab.scale_help")
    )
    steps = b.select_slider(t("lab.steps"), EXPLODE_STEPS, 200, key="lab_explode_steps")
    clip = c.toggle(t("lab.clip", clip=CLIP), False, key="lab_explode_clip")
    run, stopped = run_stop("lab_explode", running)
    if run:
        cfg = explode.ExplodeConfig(
            task=task,
            seq_len=seq_len,
            scale=float(scale),
            steps=int(steps),
            clip=CLIP if clip else 0.0,
        )
        refused = _start_exploding(cfg)
        if refused:
            st.error(refused, icon=":material/error:")
        else:
            st.rerun()
    if stopped:
        for name in EXPLODE_JOBS.values():
            stop(name)
    poll("explode", running, _exploding_panel)


def _start_exploding(cfg: explode.ExplodeConfig) -> str | None:
    """Start one run through the training gate; returns its refusal, or None."""
    other = jobs.get(EXPLODE_JOBS[cfg.clip <= 0])
    if other is not None and replace(other.cfg, clip=cfg.clip) != cfg:
        jobs.drop(EXPLODE_JOBS[cfg.clip <= 0])  # never overlay runs of different settings
    with st.spinner(t("lab.building_model")):
        refused = jobs.start(
            EXPLODE_JOBS[cfg.clip > 0],
            explode.explode_requests(cfg),
            lambda: explode.ExplodeJob(cfg),
        )
    if refused is None:
        state.LAB_EXPLODE_RUN.set(next_run())
    return refused


def _exploding_panel() -> bool:
    runs = {on: jobs.get(n) for on, n in EXPLODE_JOBS.items() if jobs.get(n) is not None}
    if not runs:
        st.info(t("lab.explode_press"), icon=":material/play_arrow:")
        return False
    statuses = {on: job.status() for on, job in runs.items()}
    for on, s in sorted(statuses.items()):
        say = {"diverged": st.warning, "done": st.success, "error": st.error}.get(s.state, st.info)
        say(
            t(
                "lab.run_status",
                run=t("lab.run_on" if on else "lab.run_off"),
                message=s.message or t("lab.training"),
            )
        )
    key = (
        state.LAB_EXPLODE_RUN.get(),
        *((on, len(s.steps), s.state) for on, s in sorted(statuses.items())),
    )
    left, right = present.columns(2)  # one chart per row on a projector
    norms_fig, loss_fig = _explode_figures(statuses, TASKS[next(iter(runs.values())).cfg.task])
    left.plotly_chart(
        figcache.cached("lab_explode_norms", key, norms_fig),
        width="stretch",
        key="lab_explode_norms",
    )
    right.plotly_chart(
        figcache.cached("lab_explode_loss", key, loss_fig), width="stretch", key="lab_explode_loss"
    )
    return any(s.active for s in statuses.values())


def _explode_figures(statuses: dict, spec):
    """Builders of the (gradient norm, loss) charts, for the figure cache to call."""
    norms, losses = explode.explode_curves(statuses)
    step = t("race.x_step")
    names = {code: t(key) for code, key in explode.CURVES.items()}
    styles = {code: {"color": color} for code, color in COLORS.items()}
    return (
        lambda: _placed(
            figures.race_figure(
                norms,
                baseline=CLIP if True in statuses else None,
                labels={
                    "title": t("lab.norm_title"),
                    "x_title": step,
                    "y": t("lab.norm_y"),
                    "baseline": t("lab.clip_line", clip=CLIP),
                },
                names=names,
                styles=styles,
            )
        ),
        lambda: _placed(
            figures.race_figure(
                losses,
                baseline=spec.baseline_mse,
                labels={
                    "title": t("lab.loss_title"),
                    "x_title": step,
                    "y": t("lab.mse_log"),
                    "baseline": t("lab.mean"),
                },
                names=names,
                styles=styles,
            )
        ),
    )


def _placed(fig):
    """Markers on runs cut short, and the legend under the chart (above it, it runs into
    the title of a half-width chart)."""
    fig.update_layout(
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"b": 100},
        hovermode="x unified",
    )
    for trace in fig.data:
        if len(trace.x) < 30:
            trace.mode = "lines+markers"
    return fig
