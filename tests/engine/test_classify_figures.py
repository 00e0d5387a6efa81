"""The classifier's figures: the traces and shapes each builder draws, the order of its
rows, user text shown as given (never read as HTML), and titles in the reader's language."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from rnnviz import i18n
from rnnviz.analysis.name_trace import letter_influence, trace_name
from rnnviz.data.text import Vocab
from rnnviz.figures.classify import (
    accuracy_bars,
    class_balance,
    confusion_matrix,
    gates_over_letters,
    hidden_over_letters,
    letter_influence_bar,
    probability_strip,
)
from rnnviz.model.classifier import ClassifierConfig, build_classifier

CLASSES = ("Arabic", "<b>Bold</b>", "a*b*", "1")
ODD = ("&lt;b&gt;Bold&lt;/b&gt;", "a*b*")  # how the two odd names must reach plotly


def _spec(fig: go.Figure) -> str:
    return fig.to_json()  # what the browser gets: it must serialise


def test_class_balance_stacks_the_three_parts_largest_on_top():
    counts = np.array([[5, 1, 1], [50, 6, 9], [20, 2, 3], [1, 0, 1]])
    fig = class_balance(CLASSES, counts)
    assert [type(tr) for tr in fig.data] == [go.Bar] * 3
    assert fig.layout.barmode == "stack" and fig.data[0].orientation == "h"
    assert list(fig.data[0].y) == ["1", "Arabic", "a*b*", "&lt;b&gt;Bold&lt;/b&gt;"]
    assert list(fig.data[2].x) == [1, 1, 3, 9]  # test counts, in the drawn order
    assert fig.layout.yaxis.type == "category"  # the class "1" stays a name
    assert fig.layout.title.text and fig.layout.xaxis.title.text
    _spec(fig)
    with pytest.raises(ValueError):
        class_balance(CLASSES[:3], counts)


def test_the_probability_strip_shows_the_classes_that_peak_highest():
    letters = ("李", "<", "a", "a")
    probs = np.array(
        [[0.7, 0.1, 0.1, 0.1], [0.2, 0.6, 0.1, 0.1], [0.1, 0.1, 0.3, 0.5], [0.1, 0.1, 0.2, 0.6]]
    )
    fig = probability_strip(letters, probs, CLASSES, top=3)
    (hm,) = fig.data
    assert isinstance(hm, go.Heatmap) and np.shape(hm.z) == (3, 4)
    # bottom-up: the highest peak (Arabic, 0.7) on the top row
    assert list(hm.y) == ["1", "&lt;b&gt;Bold&lt;/b&gt;", "Arabic"]
    np.testing.assert_allclose(np.asarray(hm.z)[2], probs[:, 0], rtol=1e-6)
    assert (hm.zmin, hm.zmax) == (0.0, 1.0)
    assert list(fig.layout.xaxis.ticktext) == ["李", "&lt;", "a", "a"]
    assert np.asarray(hm.customdata)[0].tolist() == ["李", "&lt;", "a", "a"]
    for word in ("customdata", "%{y}", "%{z"):
        assert word in hm.hovertemplate
    _spec(fig)
    with pytest.raises(ValueError):
        probability_strip(letters[:3], probs, CLASSES)


def test_the_confusion_matrix_normalises_rows_and_hovers_counts():
    m = np.array([[8, 2, 0, 0], [1, 3, 0, 0], [0, 0, 0, 0], [0, 0, 5, 5]])
    fig = confusion_matrix(m, CLASSES)
    (hm,) = fig.data
    z = np.asarray(hm.z, float)
    np.testing.assert_allclose(z[[0, 1, 3]].sum(axis=1), 1.0, rtol=1e-6)
    assert np.isnan(z[2]).all()  # a class absent from the data stays blank
    np.testing.assert_array_equal(np.asarray(hm.customdata), m)
    assert list(hm.x) == list(hm.y) and ODD[0] in hm.x and ODD[1] in hm.x
    assert fig.layout.yaxis.autorange == "reversed"  # the first true class on top
    counts = confusion_matrix(m, CLASSES, normalise=False).data[0]
    np.testing.assert_array_equal(np.asarray(counts.z), m)
    _spec(fig)


def _trace(cell: str):
    vocab = Vocab.from_text("Nakamura<*")
    cfg = ClassifierConfig(len(vocab), 4, cell=cell, hidden_size=5)
    model = build_classifier(cfg, seed=0).eval()
    return model, vocab, trace_name(model, vocab, "Naka<*")


def test_hidden_states_over_letters_use_a_fixed_diverging_scale():
    _, _, tr = _trace("gru")
    fig = hidden_over_letters(tr.letters, tr.top[0].h, "fig.classify.hidden_title")
    (hm,) = fig.data
    assert np.shape(hm.z) == (5, 6)  # units x letters
    np.testing.assert_allclose(np.asarray(hm.z), tr.top[0].h.T, rtol=1e-6)
    assert (hm.zmin, hm.zmax) == (-1.0, 1.0)
    assert fig.layout.title.text == "Hidden state after each letter"
    assert list(fig.layout.xaxis.ticktext)[-2:] == ["&lt;", "*"]
    wide = hidden_over_letters("ab", np.array([[3.0, -1], [0, 2]]), "<b>layer</b>")
    assert (wide.data[0].zmin, wide.data[0].zmax) == (-3.0, 3.0)
    assert wide.layout.title.text == "&lt;b&gt;layer&lt;/b&gt;"
    _spec(fig)


def test_one_gate_panel_each_on_its_own_range():
    _, _, tr = _trace("lstm")
    gates = tr.top[0].gates
    fig = gates_over_letters(tr.letters, gates)
    assert [type(x) for x in fig.data] == [go.Heatmap] * 4
    ranges = {code: (x.zmin, x.zmax) for code, x in zip(gates, fig.data, strict=True)}
    assert ranges == {"i": (0.0, 1.0), "f": (0.0, 1.0), "g": (-1.0, 1.0), "o": (0.0, 1.0)}
    for code, x in zip(gates, fig.data, strict=True):
        np.testing.assert_allclose(np.asarray(x.z), gates[code].T, rtol=1e-6)
    assert len(fig.layout.annotations) == 4  # a title each
    bars = [x.colorbar for x in fig.data]
    assert bars[0].y > bars[-1].y  # each bar beside its own row
    _spec(fig)
    assert gates_over_letters(tr.letters, {}).data == ()  # a plain RNN has no gates


def test_letter_influence_is_one_bar_a_letter():
    model, vocab, tr = _trace("rnn_tanh")
    influence = letter_influence(model, vocab, "Naka<*")
    fig = letter_influence_bar(tr.letters, influence)
    (bar,) = fig.data
    assert isinstance(bar, go.Bar)
    np.testing.assert_allclose(np.asarray(bar.y), influence, rtol=1e-6)
    assert list(bar.customdata)[-2:] == ["&lt;", "*"]
    _spec(fig)


def test_accuracy_bars_put_the_model_first_in_percent():
    fig = accuracy_bars(["model", "<b>majority</b>", "bigram*"], [0.8, 0.12, 0.7])
    (bar,) = fig.data
    assert list(bar.y) == ["bigram*", "&lt;b&gt;majority&lt;/b&gt;", "model"]  # model on top
    np.testing.assert_allclose(np.asarray(bar.x), [0.7, 0.12, 0.8], rtol=1e-6)
    assert "%" in bar.texttemplate and fig.layout.xaxis.tickformat == ".0%"
    assert bar.marker.color[-1] != bar.marker.color[0]  # the model stands out
    _spec(fig)


def test_titles_follow_the_language():
    i18n.use("zh")
    try:
        fig = confusion_matrix(np.eye(2, dtype=int), ("a", "b"))
        title, x_title = fig.layout.title.text, fig.layout.xaxis.title.text
    finally:
        i18n.use("en")
    assert title == "混淆矩阵" and x_title == "预测类别"
    assert (
        confusion_matrix(np.eye(2, dtype=int), ("a", "b")).layout.title.text == "Confusion matrix"
    )


def test_no_text_in_any_figure_is_a_missing_key():
    _, _, tr = _trace("gru")
    figs = [
        class_balance(CLASSES, np.ones((4, 3))),
        probability_strip(tr.letters, tr.probs.probs, CLASSES),
        confusion_matrix(np.eye(4, dtype=int), CLASSES),
        hidden_over_letters(tr.letters, tr.top[0].h),
        gates_over_letters(tr.letters, tr.top[0].gates),
        letter_influence_bar(tr.letters, np.ones(6)),
        accuracy_bars(["a"], [0.5]),
    ]
    for fig in figs:
        spec = json.loads(_spec(fig))
        assert "⟦" not in json.dumps(spec, ensure_ascii=False)
        assert fig.layout.height >= 240
