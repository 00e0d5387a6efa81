"""Widget groups of the Lab page: the hand check, the gradient demos and the memory race.

Each demo trains in its own registry slot ("lab:grad", "lab:explode:on/off", "lab:memory"),
so nothing here stops the main job or the Compare page's race.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures, lab
from rnnviz.race import Race
from rnnviz.scratch import keras_param_count, simple_rnn_forward, torch_param_count
from rnnviz.tasks import TASKS
from rnnviz.ui import figcache, jobs, lang

PRESET = "rv_lab_preset"  # set by a lesson (rnnviz.ui.actions): "keras" or a TASKS key
UNITS = ["h1", "h2", "h3"]
KERNEL = pd.DataFrame([[1.0, 0.0, 2.0], [2.0, 1.0, 3.0]], index=["x1", "x2"], columns=UNITS)
RECURRENT = pd.DataFrame([[1.0, 2.0, 1.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], index=UNITS,
                         columns=UNITS)
BIAS = pd.DataFrame([[0.0, 0.0, 1.0]], index=["b"], columns=UNITS)
INPUTS = pd.DataFrame([[1.0, 3.0], [1.0, 1.0], [2.0, 3.0]], columns=["x1", "x2"])
EDITORS = ("lab_kernel", "lab_recurrent", "lab_bias", "lab_inputs")
ACTIVATIONS = {"linear": "none (linear)", "tanh": "tanh", "relu": "ReLU"}
SHOWN_STEPS = 8  # steps written out in full; more would bury the page
TASK_CHOICES = ("adding", "recall")
_runs = itertools.count()  # figure-cache keys: the id() of a dropped job can be reused


def preset() -> str | None:
    return st.session_state.get(PRESET)


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
        st.session_state.pop(key, None)


def _editor(col, title: str, df: pd.DataFrame, key: str, dynamic: bool = False) -> pd.DataFrame:
    col.markdown(title)
    config = {c: st.column_config.NumberColumn(c, format="%g", required=True) for c in df.columns}
    return col.data_editor(df, key=key, column_config=config, num_rows="dynamic" if dynamic else "fixed",
                           hide_index=dynamic, width="stretch")


def _editors():
    act = st.segmented_control("Activation", list(ACTIVATIONS), default="linear", required=True,
                               format_func=ACTIVATIONS.get, key="lab_activation") or "linear"
    a, b = st.columns(2)
    raw = {
        "Kernel K": (_editor(a, "**Kernel K** · 2 × 3 (row = input)", KERNEL, "lab_kernel"), (2, 3)),
        "Recurrent kernel R": (_editor(b, "**Recurrent kernel R** · 3 × 3", RECURRENT,
                                       "lab_recurrent"), (3, 3)),
        "Bias b": (_editor(a, "**Bias b** · 3", BIAS, "lab_bias"), (1, 3)),
        "Inputs x_t": (_editor(b, r"**Inputs** $\mathbf{x}_t$ · a row per step", INPUTS,
                               "lab_inputs", dynamic=True), (None, 2)),
    }
    a.button("Reset to the example", icon=":material/restart_alt:", on_click=_reset,
             key="lab_reset")
    values, errors = [], []
    for name, (df, shape) in raw.items():
        try:
            values.append(lab.read_table(df, name, shape))
        except lab.TableError as err:
            errors.append(str(err))
    for msg in errors:
        st.error(msg, icon=":material/error:")
    if errors:
        return None, act
    kernel, recurrent, bias, x = values
    return (x, kernel, recurrent, bias[0]), act


def _outputs(hs: np.ndarray) -> None:
    st.markdown(r"**Outputs** $\mathbf{h}_t$ · every step (Keras returns only the last row "
                "unless `return_sequences=True`)")
    # Written like the arithmetic below: a table rounding tanh(12) to "1" would say "exactly 1"
    table = pd.DataFrame([[lab.fmt(v) for v in row] for row in hs], columns=UNITS,
                         index=[f"t = {t + 1}" for t in range(len(hs))])
    st.dataframe(table, width="stretch")


def _torch_check(x, kernel, recurrent, bias, act: str, hs: np.ndarray) -> None:
    if act == "linear":
        st.info("torch's `nn.RNN` has only tanh and ReLU (no linear activation): pick one of "
                "those to run the same numbers through it.", icon=":material/info:")
        return
    diff = float(np.max(np.abs(lab.torch_simple_rnn(x, kernel, recurrent, bias, act) - hs)))
    text = (f"Matches `nn.RNN(2, 3, nonlinearity='{act}')`: max difference {diff:.1e}. "
            "Loaded with weight_ih_l0 = Kᵀ, weight_hh_l0 = Rᵀ, bias_ih_l0 = b, bias_hh_l0 = 0.")
    (st.success if diff < 1e-9 else st.error)(text, icon=":material/check_circle:")


def _counts() -> None:
    st.markdown("**Parameters, counted two ways**")
    k, t = keras_param_count(2, 3), torch_param_count(2, 3)
    a, b = st.columns(2)
    a.latex(rf"\text{{Keras: }} u\,(i + u + 1) = 3\,(2 + 3 + 1) = {k}")
    a.caption("one bias vector b")
    b.latex(rf"\text{{PyTorch: }} H\,(I + H + 2) = 3\,(2 + 3 + 2) = {t}")
    b.caption(f"two bias vectors, b_ih and b_hh (torch itself counts "
              f"{lab.torch_rnn_parameters(2, 3)} for `nn.RNN(2, 3)`); their sum plays Keras's b")


def _arithmetic(x, kernel, recurrent, bias, act: str, hs: np.ndarray) -> None:
    st.markdown("**Step by step**")
    shown = min(len(x), SHOWN_STEPS)
    for t in range(shown):
        h_prev = hs[t - 1] if t else np.zeros(kernel.shape[1])
        st.latex(lab.step_latex(t + 1, x[t], h_prev, kernel, recurrent, bias, act))
        with st.expander(f"Every multiplication of step {t + 1}"):
            st.code(lab.step_sums(x[t], h_prev, kernel, recurrent, bias, act), language=None)
    if len(x) > shown:
        st.caption(f"The first {shown} of {len(x)} steps are written out; the table above has all.")


# ---------------------------------------------------------------- shared: live polling
def _poll(section: str, running: bool, body: Callable[[], bool]) -> None:
    """Draw `body` in a fragment that reruns every 0.5 s while its job runs; when the job
    ends during such a rerun, rerun the page so buttons and tables catch up."""
    seen = f"lab_seen_{section}"
    st.session_state[seen] = running

    def panel() -> None:
        still = body()
        if st.session_state.get(seen) and not still:
            st.rerun()

    lang.fragment(panel, run_every=0.5 if running else None)()


def _run_stop(prefix: str, running: bool, label: str = "Run", cols=None) -> tuple[bool, bool]:
    a, b = cols or st.columns([1, 1, 4])[:2]
    run = a.button(label, key=f"{prefix}_run", type="primary", icon=":material/play_arrow:",
                   disabled=running, width="stretch")
    stop = b.button("Stop", key=f"{prefix}_stop", icon=":material/stop:", disabled=not running,
                    width="stretch")
    return run, stop


def _active(name: str) -> bool:
    job = jobs.get(name)
    return job is not None and (job.active if isinstance(job, Race) else job.status().active)


def _stop(name: str) -> None:
    job = jobs.get(name)
    if job is not None:
        job.stop()
        job.join(5)


def _progress(statuses: dict, total: int) -> None:
    share = float(np.mean([min(1.0, s.step / max(1, total)) for s in statuses.values()]))
    text = " · ".join(f"{name} {s.step:,}/{total:,}" for name, s in statuses.items())
    st.progress(share, text=f"Steps: {text}")


# ---------------------------------------------------------------- 2. gradients
GRAD_JOB = "lab:grad"
EXPLODE_JOBS = {True: "lab:explode:on", False: "lab:explode:off"}  # by "clipping on?"
GRAD_STEPS = [50, 100, 200, 300, 400, 600, 800, 1000]
EXPLODE_STEPS = [20, 50, 100, 200, 300]
CLIP = 1.0
COLORS = {"no clipping": "#d62728", "clipping on: before clipping": "#1f77b4",
          "clipping on: after clipping": "#2ca02c", "clipping on": "#1f77b4"}


def grad_settings() -> tuple[str, int]:
    a, b = st.columns(2)
    task = a.selectbox("Task", TASK_CHOICES, format_func=lambda k: TASKS[k].title,
                       key="lab_grad_task")
    seq_len = b.slider("Sequence length T", 20, 100, 50, 5, key="lab_grad_T")
    return task, seq_len


def vanishing(task: str, seq_len: int) -> None:
    running = _active(GRAD_JOB)
    left, a, b = st.columns([4, 1, 1], vertical_alignment="bottom")
    steps = left.select_slider("Training steps (each model)", GRAD_STEPS, value=600,
                               key="lab_grad_steps", help="The LSTM's line flattens once it "
                               "has learned the task: a few hundred steps on the adding problem.")
    run, stop = _run_stop("lab_grad", running, cols=(a, b))
    if run:
        with st.spinner("Building the models…"):  # the first optimizer of a process is slow
            race = lab.vanishing_race(task, seq_len, steps)
        _start(GRAD_JOB, race, "lab_grad_info", {"task": task, "T": seq_len, "steps": steps})
        st.rerun()  # redraw the buttons (Stop enabled) and start polling
    if stop:
        _stop(GRAD_JOB)
    _poll("grad", running, _vanishing_panel)


def _start(name: str, race: Race, info_key: str, info: dict) -> None:
    """Register and start a race, with what it was started with (for its captions)."""
    jobs.put(race, name)
    st.session_state[info_key] = {**info, "run": next(_runs)}
    race.start()


def _vanishing_panel() -> bool:
    race, info = jobs.get(GRAD_JOB), st.session_state.get("lab_grad_info")
    if race is None or info is None:
        st.info("Press **Run** to train a tanh RNN and an LSTM side by side (about 10-20 s).",
                icon=":material/play_arrow:")
        return False
    st.caption(f"{TASKS[info['task']].title}, T = {info['T']}, {info['steps']} steps each: "
               f"{lab.HIDDEN} units, Adam (learning rate {lab.LR:g}), clipping at norm 1.")
    _progress({n: j.status() for n, j in race.jobs.items()}, info["steps"])
    snaps = {n: [s for s in j.snapshots() if s.grads is not None] for n, j in race.jobs.items()}
    if not all(snaps.values()):
        return race.active
    if race.active:  # the newest snapshot only: a growing animation would restart each poll
        snaps = {n: ss[-1:] for n, ss in snaps.items()}
    norms = {n: np.stack([s.grads for s in ss]) for n, ss in snaps.items()}  # (S, L, D, T)
    lo, hi = lab.log_range(list(norms.values()))  # one y range: the two charts compare
    for col, (name, arr) in zip(st.columns(len(norms)), norms.items()):
        key = (info["run"], len(arr), snaps[name][-1].step, lo, hi)
        fig = figcache.cached(f"lab_grad_{name}", key, lambda: _grad_figure(
            arr, [f"step {s.step}" for s in snaps[name]], name, lo, hi))
        col.plotly_chart(fig, width="stretch", key=f"lab_grad_chart_{name}")
        if not race.active:
            col.caption(f"{name}: validation MSE {race.jobs[name].validation_loss():.3g} "
                        f"(predicting the mean scores {TASKS[info['task']].baseline_mse:.3g})")
    return race.active


def _grad_figure(norms, frame_labels, name: str, lo: float, hi: float):
    fig = figures.grad_norm_animation(norms, frame_labels, labels={
        "title": f"{name}: ‖∂L/∂h<sub>t</sub>‖ at each time step"})
    fig.update_yaxes(range=[lo, hi]).update_layout(showlegend=False)  # one line: the title names it
    if fig.layout.sliders:  # half-width chart: keep the slider and its label off Play/Pause
        fig.layout.sliders[0].update(x=0.34, len=0.66, currentvalue={"xanchor": "right"})
    return fig


def exploding(task: str, seq_len: int) -> None:
    running = any(_active(n) for n in EXPLODE_JOBS.values())
    a, b, c = st.columns([2, 2, 1.4], vertical_alignment="bottom")
    scale = a.slider("Spectral radius of W_hh at the start", 1.2, 2.4, 1.8, 0.1,
                     key="lab_explode_scale", help="torch's default init gives about 0.6; "
                     "above 1 a signal sent back through many steps can grow at every step.")
    steps = b.select_slider("Training steps", EXPLODE_STEPS, 200, key="lab_explode_steps")
    clip = c.toggle(f"Clip gradients at norm {CLIP:g}", False, key="lab_explode_clip")
    run, stop = _run_stop("lab_explode", running)
    if run:
        _start_exploding(lab.ExplodeConfig(task=task, seq_len=seq_len, scale=float(scale),
                                           steps=int(steps), clip=CLIP if clip else 0.0))
        st.rerun()
    if stop:
        for name in EXPLODE_JOBS.values():
            _stop(name)
    _poll("explode", running, _exploding_panel)


def _start_exploding(cfg: lab.ExplodeConfig) -> None:
    other = jobs.get(EXPLODE_JOBS[cfg.clip <= 0])
    if other is not None and replace(other.cfg, clip=cfg.clip) != cfg:
        jobs.drop(EXPLODE_JOBS[cfg.clip <= 0])  # never overlay runs of different settings
    with st.spinner("Building the model…"):
        job = lab.ExplodeJob(cfg)
    jobs.put(job, EXPLODE_JOBS[cfg.clip > 0])
    st.session_state["lab_explode_serial"] = next(_runs)
    job.start()


def _exploding_panel() -> bool:
    runs = {on: jobs.get(n) for on, n in EXPLODE_JOBS.items() if jobs.get(n) is not None}
    if not runs:
        st.info("Press **Run** with clipping off, then turn clipping on and run again: both "
                "runs stay on the charts.", icon=":material/play_arrow:")
        return False
    statuses = {on: job.status() for on, job in runs.items()}
    norms, losses = lab.explode_curves(statuses)
    for on, s in sorted(statuses.items()):
        say = {"diverged": st.warning, "done": st.success, "error": st.error}.get(s.state, st.info)
        say(f"**{'Clipping on' if on else 'No clipping'}:** {s.message or 'training…'}")
    spec = TASKS[next(iter(runs.values())).cfg.task]
    key = (st.session_state.get("lab_explode_serial"),
           *((on, len(s.steps), s.state) for on, s in sorted(statuses.items())))
    left, right = st.columns(2)
    left.plotly_chart(figcache.cached("lab_explode_norms", key, lambda: _colored(figures.race_figure(
        norms, baseline=CLIP if True in runs else None, labels={
            "title": "Total gradient norm at each step", "x_title": "training step",
            "y": "‖∂L/∂θ‖ (log scale)", "baseline": f"clip threshold {CLIP:g}"}))),
        width="stretch", key="lab_explode_norms")
    right.plotly_chart(figcache.cached("lab_explode_loss", key, lambda: _colored(figures.race_figure(
        losses, baseline=spec.baseline_mse, labels={
            "title": "Training loss", "x_title": "training step", "y": "MSE (log scale)",
            "baseline": "predicting the mean"}))), width="stretch", key="lab_explode_loss")
    return any(s.active for s in statuses.values())


def _colored(fig):
    """Fixed colours per run (red: no clipping), markers on runs cut short, and the legend
    under the chart (above it, it runs into the title of a half-width chart)."""
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0,
                              "xanchor": "left"}, margin={"b": 100}, hovermode="x unified")
    for trace in fig.data:
        trace.line.color = COLORS.get(trace.name, trace.line.color)
        if len(trace.x) < 30:
            trace.mode = "lines+markers"
    return fig


# ---------------------------------------------------------------- 3. memory tasks
MEM_JOB = "lab:memory"
MEM_T = [10, 20, 30, 50, 75, 100]
MEM_STEPS = [50, 100, 200, 300, 500, 1000, 2000]
CELLS = ["RNN", "LSTM", "GRU"]


def memory() -> None:
    running = _active(MEM_JOB)
    tasks, p = list(TASKS), preset()
    a, b, c = st.columns(3)
    task = a.selectbox("Task", tasks, index=tasks.index(p) if p in tasks else 0,
                       format_func=lambda k: TASKS[k].title, key="lab_mem_task")
    seq_len = b.select_slider("Sequence length T", MEM_T, 50, key="lab_mem_T")
    steps = c.select_slider("Training steps (each model)", MEM_STEPS, 500, key="lab_mem_steps")
    left, d, e = st.columns([4, 1, 1], vertical_alignment="bottom")
    cells = left.pills("Models", CELLS, selection_mode="multi", default=CELLS, key="lab_mem_cells")
    run, stop = _run_stop("lab_mem", running, "Race", cols=(d, e))
    if TASKS[task].many_to_many:
        st.caption("This task predicts at every step, so each model also races its "
                   "bidirectional twin (\"bi\"), which reads the sequence backwards too.")
    if run and not cells:
        st.error("Pick at least one model to race.", icon=":material/error:")
    elif run:
        with st.spinner("Building the models…"):
            race = lab.memory_race(task, seq_len, steps, cells)
        _start(MEM_JOB, race, "lab_mem_info", {"task": task, "T": seq_len, "steps": steps})
        st.rerun()
    if stop:
        _stop(MEM_JOB)
    _poll("memory", running, _memory_panel)
    if not running and jobs.get(MEM_JOB) is not None and "lab_mem_info" in st.session_state:
        _memory_table()


def _memory_panel() -> bool:
    race, info = jobs.get(MEM_JOB), st.session_state.get("lab_mem_info")
    if race is None or info is None:
        st.info("Press **Race** to train the models at once on the same sequences; their "
                "loss curves appear here.", icon=":material/flag:")
        return False
    spec = TASKS[info["task"]]
    st.caption(f"{spec.title}, T = {info['T']}, {info['steps']} steps each: {lab.HIDDEN} units, "
               f"Adam (learning rate {lab.LR:g}), batch 64, the same batches and seed for every model.")
    _progress({n: j.status() for n, j in race.jobs.items()}, info["steps"])
    curves = {n: (np.asarray(x), lab.smooth(y)) for n, (x, y) in race.curves().items()}
    key = (info["run"], tuple(len(x) for x, _ in curves.values()))
    st.plotly_chart(figcache.cached("lab_mem_chart", key, lambda: figures.race_figure(
        curves, baseline=spec.baseline_mse, labels={
            "title": "Training loss (mean of the last 25 steps)", "x_title": "training step",
            "y": "MSE (log scale)", "baseline": "predicting the mean"})),
        width="stretch", key="lab_mem_chart")
    return race.active


def _memory_table() -> None:
    info = st.session_state["lab_mem_info"]  # a new race starts with a new dict
    if "rows" not in info:  # validation costs a forward pass per model: once per race
        info["rows"] = lab.race_rows(jobs.get(MEM_JOB).table(), TASKS[info["task"]].baseline_mse)
    st.dataframe(pd.DataFrame(info["rows"]), hide_index=True, width="stretch")
    st.caption("× baseline: validation MSE divided by what predicting the mean scores "
               "(about 1 = learned nothing). samples/s: while all models trained at once.")
