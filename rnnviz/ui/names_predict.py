"""The Predict page of a name classifier: test accuracy against the majority class and the
bigram baseline, the confusion matrix and the most confused pairs, and "type a name"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.analysis import class_eval
from rnnviz.analysis.letter_probs import letter_probs
from rnnviz.figures import classify as class_figs
from rnnviz.i18n import t
from rnnviz.safe_text import md, names
from rnnviz.train.classify_job import evaluate
from rnnviz.ui import figcache, names_baselines

BASELINE_WAIT_S = 60.0  # the fit started with training; a page opened at once waits for it
MAX_TYPED = 64  # characters of a typed name
PAIRS = 6  # most confused pairs listed
EXAMPLES = 5  # names shown for each
# Accuracies closer than this tie: on the names sample's 2,826 test names another seed or
# split moves either by about a point (bench/classify.py).
TIE = 0.01


def _test(run):
    """(accuracy, predictions) on the test split, computed once per weights."""
    rows = run.data.rows("test")
    return figcache.kept(
        "names_test",
        figcache.model_key(run),
        lambda: evaluate(run.model, run.data, rows)[1:],
        run=run,
    )


def section(run) -> None:
    data = run.data
    acc, pred = _test(run)
    with st.spinner(t("names.baselines_wait")):
        base = names_baselines.wait(run.origin.digest, data, BASELINE_WAIT_S)
    _scores(acc, base, run.model.cfg)
    conf = class_eval.confusion(data.y[data.rows("test")], pred, len(data.classes))
    st.subheader(t("names.confusion_title"))
    st.plotly_chart(
        class_figs.confusion_matrix(conf, data.classes), width="stretch", key="names_conf"
    )
    st.caption(t("names.confusion_caption"))
    st.subheader(t("names.pairs_title"))
    _pairs(run, conf, pred)
    typed(run)


def _advice(cfg) -> str:
    """What to change: the default architecture first, then longer training."""
    if cfg.cell == "gru" and cfg.bidirectional and cfg.dropout > 0:
        return t("names.advice_longer")
    return t("names.advice_bi")


def _scores(acc: float, base, run_cfg) -> None:
    cols = st.columns(3)
    cols[0].metric(t("names.acc_model"), f"{acc:.1%}")
    if base is None:
        cols[1].info(t("names.baselines_late"))
        return
    majority, bigram = base["majority"].accuracy, base["bigram"].accuracy
    cols[1].metric(t("names.acc_majority"), f"{majority:.1%}", f"{acc - majority:+.1%}")
    cols[2].metric(t("names.acc_bigram"), f"{bigram:.1%}", f"{acc - bigram:+.1%}")
    if abs(acc - bigram) < TIE:
        st.info(t("names.ties", gap=abs(acc - bigram)))
    elif acc > bigram:
        st.success(t("names.beats", gain=acc - bigram))
    elif acc > majority:
        st.warning(t("names.below_bigram", gap=bigram - acc) + " " + _advice(run_cfg))
    else:
        st.error(t("names.below_majority"))


def _pairs(run, conf: np.ndarray, pred: np.ndarray) -> None:
    data = run.data
    rows = data.rows("test")
    pairs = class_eval.confused_pairs(conf, data.classes, top=PAIRS)
    if not pairs:
        st.info(t("names.no_confusion"))
        return
    index = {c: k for k, c in enumerate(data.classes)}
    table = [
        {
            t("names.col_true"): true,
            t("names.col_pred"): guess,
            t("names.col_count"): int(count),
            t("names.col_examples"): ", ".join(
                class_eval.pair_examples(data, rows, pred, index[true], index[guess], EXAMPLES)
            ),
        }
        for true, guess, count in pairs
    ]
    # A dataframe shows cells as text: a class or a name is never read as Markdown.
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")


def typed(run) -> None:
    """A name the user types: its top 3 classes and the probabilities after every letter."""
    st.subheader(t("names.typed_title"))
    text = st.text_input(
        t("names.typed_label"),
        key="name_input",
        max_chars=MAX_TYPED,
    )
    text = (text or "").strip()
    if not text:
        st.caption(t("names.typed_empty"))
        return
    data = run.data
    known = set(data.vocab.chars)
    unknown = sorted({c for c in text if c not in known})
    if unknown:
        st.warning(t("names.unknown_chars", chars=names(unknown, 40, most=10, quote="'")))
    if len(text) > data.cfg.max_len:
        st.caption(t("names.typed_cut", cap=data.cfg.max_len))
    strip = letter_probs(run.model, data.vocab, text[: data.cfg.max_len])
    if not strip.letters:
        st.error(t("names.typed_nothing"))
        return
    last = strip.probs[-1]
    cols = st.columns(len(strip.top[-1]))
    for col, k in zip(cols, strip.top[-1], strict=True):
        col.metric(md(data.classes[int(k)]), f"{last[int(k)]:.1%}")
    st.plotly_chart(
        class_figs.probability_strip(strip.letters, strip.probs, data.classes),
        width="stretch",
        key="names_strip",
    )
    if (line := settles_line(strip, data.classes)) is not None:
        st.caption(line)


def settles_line(strip, classes) -> str | None:
    """Where the final answer took the lead for good: a prefix, or only the last letter."""
    if strip.settles_at is None:
        return None
    label = md(classes[int(strip.top[-1, 0])])
    if strip.settles_at == len(strip.letters) - 1 and len(strip.letters) > 1:
        return t("names.settles_last", label=label)
    return t(
        "names.settles", prefix=md("".join(strip.letters[: strip.settles_at + 1])), label=label
    )
