"""Inside a name classifier: one name read letter by letter, at any training snapshot. The
class probabilities after each letter, the hidden states and gates over the letters, and
which letters drove the decision."""

from __future__ import annotations

import streamlit as st

from rnnviz.analysis.name_trace import letter_influence, trace_name
from rnnviz.data.samples import SAMPLES
from rnnviz.figures import classify as class_figs
from rnnviz.i18n import t
from rnnviz.model.classifier import NameClassifier
from rnnviz.safe_text import md
from rnnviz.ui import figcache, follow, state
from rnnviz.ui.names_predict import settles_line

MAX_TYPED = 64


def _picks(run) -> list[str]:
    """Names worth looking at: the sample's classics the data know, then one test name of
    each class."""
    data, sample = run.data, SAMPLES.get(run.origin.sample)
    known = set(data.texts)
    picks = [n for n in (sample.examples if sample else ()) if n in known]
    test = data.rows("test")
    for k in range(len(data.classes)):
        rows = test[data.y[test] == k]
        if len(rows):
            picks.append(data.texts[int(rows[0])])
    return list(dict.fromkeys(picks))


def _snapshot_model(run, snap) -> NameClassifier:
    def build():
        model = NameClassifier(run.model.cfg)
        model.load_state_dict(snap.state)
        return model.eval()

    return figcache.kept("names_snap_model", (run.id, snap.step), build, run=run)


def page(run) -> None:
    job, data = run.job, run.data
    snaps = job.snapshots()
    a, b = st.columns([2, 3], vertical_alignment="bottom")
    picks = _picks(run)
    typing = bool((state.widget("names_typed").get() or "").strip())
    # A typed name wins: the picker greys out, so the page never names two
    chosen = a.selectbox(t("names.inside_pick"), picks, key="names_pick", disabled=typing)
    typed = b.text_input(t("names.inside_type"), key="names_typed", max_chars=MAX_TYPED)
    text = (typed or "").strip()[: data.cfg.max_len] or chosen
    steps = [s.step for s in snaps]
    step = steps[-1]
    if len(steps) > 1:  # a loaded model has only its own weights
        step = st.select_slider(
            t("names.inside_snapshot"),
            steps,
            value=steps[-1],
            key="names_snap",
            help=t("names.inside_snapshot_help", n=len(steps)),
        )
    follow.watch(job, body=follow.progress, drawn_step=steps[-1])
    snap = snaps[steps.index(step)]
    model = _snapshot_model(run, snap)
    trace = figcache.kept(
        "names_trace", (run.id, step, text), lambda: trace_name(model, data.vocab, text), run=run
    )
    if not trace.letters:
        st.error(t("names.typed_nothing"))
        return
    _strip(run, trace, text, step)
    _states(trace, run)
    _influence(model, data, trace, text)


def _strip(run, trace, text: str, step: int) -> None:
    data, probs = run.data, trace.probs
    st.subheader(t("names.inside_strip_title", name=md(text), step=step))
    st.plotly_chart(
        class_figs.probability_strip(probs.letters, probs.probs, data.classes),
        width="stretch",
        key="names_inside_strip",
    )
    if (line := settles_line(probs, data.classes)) is not None:
        st.caption(line)
    if run.model.cfg.bidirectional:
        st.caption(t("names.inside_bi_note"))


def _states(trace, run) -> None:
    cfg = run.model.cfg
    a, b = st.columns(2)
    layer = 0
    if cfg.num_layers > 1:
        layer = (
            a.number_input(
                t("names.inside_layer"), 1, cfg.num_layers, cfg.num_layers, key="names_layer"
            )
            - 1
        )
    direction = 0
    if cfg.bidirectional:
        names = {0: t("model.direction.forward"), 1: t("model.direction.backward")}
        direction = b.radio(
            t("names.inside_direction"),
            [0, 1],
            format_func=names.get,
            horizontal=True,
            key="names_dir",
        )
    d = trace.layers[int(layer)][int(direction)]
    st.subheader(t("names.inside_states_title"))
    st.plotly_chart(
        class_figs.hidden_over_letters(trace.letters, d.h, t("names.inside_h")),
        width="stretch",
        key="names_hidden",
    )
    if d.gates:
        st.plotly_chart(
            class_figs.gates_over_letters(trace.letters, d.gates),
            width="stretch",
            key="names_gates",
        )
        st.caption(t(f"names.inside_gates.{cfg.cell}"))  # a plain RNN has no gates


def _influence(model, data, trace, text: str) -> None:
    st.subheader(t("names.inside_influence_title"))
    influence = letter_influence(model, data.vocab, text)
    st.plotly_chart(
        class_figs.letter_influence_bar(trace.letters, influence),
        width="stretch",
        key="names_influence",
    )
    st.caption(t("names.inside_influence_caption"))
