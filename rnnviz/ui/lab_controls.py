"""Widget groups of the Lab page: the hand check, the memory race, and the job helpers the
gradient demos (rnnviz.ui.lab_gradients) share with it.

Each demo trains in its own registry slot ("lab:grad", "lab:explode:on/off", "lab:memory"),
so nothing here stops the main job or the Compare page's race.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures
from rnnviz.experiments import lab_setups
from rnnviz.experiments import race as races
from rnnviz.experiments.race import Race
from rnnviz.experiments.tasks import TASKS
from rnnviz.i18n import choose, t
from rnnviz.model.scratch import keras_param_count, simple_rnn_forward, torch_param_count
from rnnviz.ui import figcache, jobs, state
from rnnviz.ui.poll import fragment as polling_fragment

# Units are u₁-u₃ (the tables' columns); h_t is the state after step t (the rows, and the
# step by step): one letter must not name both.
UNITS = list(lab_setups.UNIT_NAMES[:3])
KERNEL = pd.DataFrame([[1.0, 0.0, 2.0], [2.0, 1.0, 3.0]], index=["x1", "x2"], columns=UNITS)
RECURRENT = pd.DataFrame(
    [[1.0, 2.0, 1.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], index=UNITS, columns=UNITS
)
BIAS = pd.DataFrame([[0.0, 0.0, 1.0]], index=["b"], columns=UNITS)
INPUTS = pd.DataFrame([[1.0, 3.0], [1.0, 1.0], [2.0, 3.0]], columns=["x1", "x2"])
EDITORS = ("lab_kernel", "lab_recurrent", "lab_bias", "lab_inputs")
ACTIVATIONS = {"linear": "lab.act_linear", "tanh": "lab.act_tanh", "relu": "lab.act_relu"}  # keys
SHOWN_STEPS = 8  # steps written out in full; more would bury the page
_runs = itertools.count()  # figure-cache keys: the id() of a dropped job can be reused


def preset() -> str | None:
    """The section a lesson opened the page on (rnnviz.ui.actions): "keras" or a TASKS key."""
    return state.LAB_PRESET.get()


# ---------------------------------------------------------------- 1. hand check
def hand_check() -> None:
    left, right = st.columns([5, 4], gap="large")
    with left:
        tables, act = _editors()
    if tables is None:
        return
    x, kernel, recurrent, bias = tables
    hs = simple_rnn_forward(x, kernel, recurrent, bias, act)
    with right:
        _outputs(hs)
        _torch_check(x, kernel, recurrent, bias, act, hs)
    _counts()
    _arithmetic(x, kernel, recurrent, bias, act, hs)


def _reset() -> None:
    for key in EDITORS:
        state.widget(key).pop()


def _editor(col, title: str, df: pd.DataFrame, key: str, dynamic: bool = False) -> pd.DataFrame:
    col.markdown(title)
    # Narrow columns: at 1280 px the tables sit in a quarter of the page, and default widths
    # pushed h3 behind a horizontal scroll.
    config = {
        "_index": st.column_config.Column(width=36),
        **{
            c: st.column_config.NumberColumn(c, format="%g", required=True, width=54)
            for c in df.columns
        },
    }
    return col.data_editor(
        df,
        key=key,
        column_config=config,
        num_rows="dynamic" if dynamic else "fixed",
        hide_index=dynamic,
        width="stretch",
    )


def _editors():
    act = (
        st.segmented_control(
            t("lab.activation"),
            list(ACTIVATIONS),
            default="linear",
            required=True,
            format_func=choose(ACTIVATIONS).get,
            key="lab_activation",
        )
        or "linear"
    )
    a, b = st.columns(2)
    raw = {  # table name (for its error messages) -> (edited table, shape)
        t("lab.table_kernel"): (_editor(a, t("lab.editor_kernel"), KERNEL, "lab_kernel"), (2, 3)),
        t("lab.table_recurrent"): (
            _editor(b, t("lab.editor_recurrent"), RECURRENT, "lab_recurrent"),
            (3, 3),
        ),
        t("lab.table_bias"): (_editor(a, t("lab.editor_bias"), BIAS, "lab_bias"), (1, 3)),
        t("lab.table_inputs"): (
            _editor(b, t("lab.editor_inputs"), INPUTS, "lab_inputs", dynamic=True),
            (None, 2),
        ),
    }
    a.button(t("lab.reset"), icon=":material/restart_alt:", on_click=_reset, key="lab_reset")
    values, errors = [], []
    for name, (df, shape) in raw.items():
        try:
            values.append(lab_setups.read_edited_table(df, name, shape))
        except lab_setups.TableError as err:
            errors.append(str(err))
    for msg in errors:
        st.error(msg, icon=":material/error:")
    if errors:
        return None, act
    kernel, recurrent, bias, x = values
    return (x, kernel, recurrent, bias[0]), act


def _outputs(hs: np.ndarray) -> None:
    st.markdown(t("lab.outputs"))
    # Written like the arithmetic below: a table rounding tanh(12) to "1" would say "exactly 1"
    table = pd.DataFrame(
        [[lab_setups.fmt(v) for v in row] for row in hs],
        columns=UNITS,
        index=[f"t = {step + 1}" for step in range(len(hs))],
    )
    st.dataframe(table, width="stretch")


def _torch_check(x, kernel, recurrent, bias, act: str, hs: np.ndarray) -> None:
    if act == "linear":
        st.info(t("lab.no_linear"), icon=":material/info:")
        return
    diff = float(np.max(np.abs(lab_setups.torch_simple_rnn(x, kernel, recurrent, bias, act) - hs)))
    text = t("lab.torch_match", act=act, diff=diff)
    (st.success if diff < 1e-9 else st.error)(text, icon=":material/check_circle:")


def _counts() -> None:
    st.markdown(t("lab.counts"))
    a, b = st.columns(2)
    a.latex(t("lab.count_keras", count=keras_param_count(2, 3)))
    a.caption(t("lab.one_bias"))
    b.latex(t("lab.count_torch", count=torch_param_count(2, 3)))
    b.caption(t("lab.two_biases", count=lab_setups.torch_rnn_parameters(2, 3)))
    _dense_counts()


def _dense_counts() -> None:
    """The tutorial's summaries with the Dense(1) head: 18 + 4 = 22 and 28 + 5 = 33."""
    st.markdown(t("lab.dense_title"))
    a, b = st.columns(2)
    a.latex(t("lab.dense_keras_formula"))
    b.latex(t("lab.dense_torch_formula"))
    lines = [
        f"| {t('lab.dense_units')} | {t('lab.dense_keras')} | {t('lab.dense_torch')} |",
        "| ---: | ---: | ---: |",
    ]
    for r in lab_setups.dense_rows():
        u = r["units"]
        keras = t(
            "lab.dense_row_keras", u=u, rnn=r["keras_rnn"], head=r["dense"], total=r["keras_total"]
        )
        torch_ = t(
            "lab.dense_row_torch",
            f=2,
            u=u,
            rnn=r["torch_rnn"],
            head=r["linear"],
            total=r["torch_total"],
        )
        lines.append(f"| {u} | {keras} | {torch_} |")
    st.markdown("\n".join(lines))
    st.caption(t("lab.dense_caption"))
    _keras_summaries()


def _keras_summaries() -> None:
    """model.summary() of the tutorial's two models, as Keras prints it."""
    st.markdown(t("lab.summary_title"))
    for col, units in zip(
        st.columns(len(lab_setups.DENSE_UNITS)), lab_setups.DENSE_UNITS, strict=True
    ):
        col.code(lab_setups.keras_summary(units), language=None)


def _arithmetic(x, kernel, recurrent, bias, act: str, hs: np.ndarray) -> None:
    st.markdown(t("lab.step_by_step"))
    shown = min(len(x), SHOWN_STEPS)
    for step in range(shown):
        h_prev = hs[step - 1] if step else np.zeros(kernel.shape[1])
        st.latex(lab_setups.step_latex(step + 1, x[step], h_prev, kernel, recurrent, bias, act))
        with st.expander(t("lab.every_product", step=step + 1)):
            st.code(
                lab_setups.step_sums(x[step], h_prev, kernel, recurrent, bias, act), language=None
            )
    if len(x) > shown:
        st.caption(t("lab.first_steps", shown=shown, total=len(x)))


# ---------------------------------------------------------------- shared: jobs and polling
def poll(section: str, running: bool, body: Callable[[], bool]) -> None:
    """Draw `body` in a fragment that reruns every 0.5 s while its job runs; when the job
    ends during such a rerun, rerun the page so buttons and tables catch up."""
    seen = state.LAB_SEEN[section]
    seen.set(running)

    def panel() -> None:
        still = body()
        if running and not still and (note := jobs.queued_note("lab:")):
            st.info(note, icon=":material/schedule:")  # in the training queue: it will run
            return
        if seen.get() and not still:
            st.rerun()

    polling_fragment(panel, polling=running)()


def run_stop(prefix: str, running: bool, label: str | None = None, cols=None) -> tuple[bool, bool]:
    """The Run (or `label`) and Stop buttons of a section."""
    a, b = cols or st.columns([1, 1, 4])[:2]
    run = a.button(
        label or t("lab.run"),
        key=f"{prefix}_run",
        type="primary",
        icon=":material/play_arrow:",
        disabled=running,
        width="stretch",
    )
    stop = b.button(
        t("race.stop"),
        key=f"{prefix}_stop",
        icon=":material/stop:",
        disabled=not running,
        width="stretch",
    )
    return run, stop


def active(name: str) -> bool:
    """Training, or waiting in the server's queue to train."""
    return jobs.is_active(jobs.get(name))


def stop(name: str) -> None:
    job = jobs.get(name)
    if job is not None:
        job.stop()
        job.join(5)


def start(
    name: str, asked, build: Callable[[], Race], info_entry: state.Entry, info: dict
) -> str | None:
    """Start a race through the training gate, with what it was started with (for its
    captions); returns the gate's refusal (nothing built or started), or None."""
    with st.spinner(t("lab.building_models")):  # the first optimizer of a process is slow
        refused = jobs.start(name, asked, build)
    if refused is None:
        info_entry.set({**info, "run": next_run()})
    return refused


def next_run() -> int:
    return next(_runs)


def progress(statuses: dict, total: int, names=races.label) -> None:
    """One bar for a race's jobs ({code: status}), each named by `names(code)`."""
    share = float(np.mean([min(1.0, s.step / max(1, total)) for s in statuses.values()]))
    text = " · ".join(f"{names(code)} {s.step:,}/{total:,}" for code, s in statuses.items())
    st.progress(share, text=t("race.steps", steps=text))


def task_titles() -> dict[str, str]:
    """{task key: title} in this run's language, for a selectbox's format_func (a dict, not
    a function of the language: AppTest formats options outside the script's thread)."""
    return {key: spec.title for key, spec in TASKS.items()}


# ---------------------------------------------------------------- 3. memory tasks
MEM_JOB = "lab:memory"
MEM_T = [10, 20, 30, 50, 75, 100]
MEM_STEPS = [50, 100, 200, 300, 500, 1000, 2000]
CELLS = list(races.STANDARD)  # cell codes; the pills show races.CELL_NAMES


def memory() -> None:
    running = active(MEM_JOB)
    tasks, p = list(TASKS), preset()
    a, b, c = st.columns(3)
    task = a.selectbox(
        t("lab.task"),
        tasks,
        index=tasks.index(p) if p in tasks else 0,
        format_func=task_titles().get,
        key="lab_mem_task",
    )
    seq_len = b.select_slider(t("lab.seq_len"), MEM_T, 50, key="lab_mem_T")
    steps = c.select_slider(t("lab.steps_each"), MEM_STEPS, 500, key="lab_mem_steps")
    left, d, e = st.columns([4, 1, 1], vertical_alignment="bottom")
    cells = left.pills(
        t("lab.models"),
        CELLS,
        selection_mode="multi",
        default=CELLS,
        format_func=races.CELL_NAMES.get,
        key="lab_mem_cells",
    )
    run, stopped = run_stop("lab_mem", running, t("lab.race"), cols=(d, e))
    if TASKS[task].many_to_many:
        st.caption(t("lab.twins"))
    if run and not cells:
        st.error(t("lab.pick_one"), icon=":material/error:")
    elif run:
        refused = start(
            MEM_JOB,
            lab_setups.memory_requests(task, seq_len, cells),
            lambda: lab_setups.memory_race(task, seq_len, steps, cells),
            state.LAB_MEM_INFO,
            {"task": task, "T": seq_len, "steps": steps},
        )
        if refused:
            st.error(refused, icon=":material/error:")
        else:
            st.rerun()
    if stopped:
        stop(MEM_JOB)
    poll("memory", running, _memory_panel)
    if not running and jobs.get(MEM_JOB) is not None and state.LAB_MEM_INFO.get() is not None:
        _memory_table()


def _memory_panel() -> bool:
    race, info = jobs.get(MEM_JOB), state.LAB_MEM_INFO.get()
    if race is None or info is None:
        st.info(t("lab.memory_press"), icon=":material/flag:")
        return False
    spec = TASKS[info["task"]]
    st.caption(
        t(
            "lab.memory_caption",
            task=spec.title,
            T=info["T"],
            steps=info["steps"],
            hidden=lab_setups.HIDDEN,
            lr=lab_setups.LR,
        )
    )
    progress({n: j.status() for n, j in race.jobs.items()}, info["steps"])
    raw = race.curves()
    curves = races.shown_curves(raw, max(MEM_STEPS), k=lab_setups.SMOOTH)
    key = (info["run"], tuple(len(x) for x, _ in raw.values()))
    st.plotly_chart(
        figcache.cached(
            "lab_mem_chart",
            key,
            lambda: figures.race_figure(
                curves,
                baseline=spec.baseline_mse,
                labels={
                    "title": t("lab.memory_title"),
                    "x_title": t("race.x_step"),
                    "y": t("lab.mse_log"),
                    "baseline": t("lab.mean"),
                },
                names={code: races.label(code) for code in curves},
                styles=race.styles(),
            ),
        ),
        width="stretch",
        key="lab_mem_chart",
    )
    return race.active


def _memory_table() -> None:
    info = state.LAB_MEM_INFO.get()  # a new race starts with a new dict
    if "rows" not in info:  # validation costs a forward pass per model: once per race
        info["rows"] = lab_setups.race_rows(
            jobs.get(MEM_JOB).table(), TASKS[info["task"]].baseline_mse
        )
    st.dataframe(
        races.shown_table(info["rows"], lab_setups.MEMORY_COLUMNS), hide_index=True, width="stretch"
    )
    st.caption(t("lab.memory_table"))
