"""Chinese text speaks one vocabulary: the glossary's term for each idea on every page, no
English words left in its sentences (technical names aside), full-width punctuation."""

from __future__ import annotations

import numpy as np
import pytest

from rnnviz import i18n
from rnnviz.figures.training import loss_figure
from rnnviz.i18n import CATALOG
from rnnviz.i18n.glossary import (
    GLOSSARY,
    TERMS,
    ascii_punctuation,
    english_words,
    variants_in,
)

# Labels that show both languages on purpose: the language switch must be found by a
# reader of either language.
BILINGUAL = {"app.language", "present.label"}
KEYS = sorted(set(CATALOG) - BILINGUAL)


def test_the_glossary_has_the_tutorials_terms():
    assert {
        k: GLOSSARY[k]
        for k in (
            "hidden state",
            "time step",
            "forget gate",
            "input gate",
            "output gate",
            "cell state",
            "update gate",
            "reset gate",
            "memory cell",
        )
    } == {
        "hidden state": "隐藏状态",
        "time step": "时间步",
        "forget gate": "遗忘门",
        "input gate": "输入门",
        "output gate": "输出门",
        "cell state": "细胞状态",
        "update gate": "更新门",
        "reset gate": "重置门",
        "memory cell": "记忆单元",
    }
    # One word for each idea: no term is another's variant, none is listed twice.
    words = [term.chinese for term in TERMS]
    assert len(set(words)) == len(words)
    assert not {v for term in TERMS for v in term.variants} & set(words)


def test_the_checks_find_what_they_are_for():
    assert variants_in("形状浏览器与批量大小") == [
        "形状浏览器 → 形状探索 (shapes explorer)",
        "批量大小 → 批大小 (batch size)",
        "批量 → 批大小 (batch size)",
    ]
    assert variants_in("没有哪个单元是记忆单元")  # memory-like units are not LSTM cells
    assert not variants_in("LSTM 的记忆单元保存细胞状态")
    assert english_words("模型对 target 的回答") == ["target"]
    assert english_words("没有 Linear 输出层，minmax（缩放到 0–1）") == ["Linear", "minmax"]
    assert not english_words(
        "用 `hidden_size` 和 nn.RNN(5, 6, 2)，batch_first=False，{name} 在 $\\tanh$ 里；"
        "LSTM、GRU、CSV、float32、model.pt、SimpleRNN (None, 4)、Tiny Shakespeare"
    )
    assert ascii_punctuation("均匀猜测: ln 62") and ascii_punctuation("隐藏状态,时间步")
    assert not ascii_punctuation("均匀猜测：ln 62，\\text{Keras: } u, v")


@pytest.mark.parametrize("key", KEYS)
def test_chinese_uses_the_glossary_terms(key):
    chinese = CATALOG[key][1]
    assert not variants_in(chinese), f"{key}: {variants_in(chinese)} in {chinese!r}"


@pytest.mark.parametrize("key", KEYS)
def test_no_english_words_inside_chinese_text(key):
    chinese = CATALOG[key][1]
    assert not english_words(chinese), f"{key}: {english_words(chinese)} in {chinese!r}"


@pytest.mark.parametrize("key", KEYS)
def test_chinese_text_uses_full_width_colons_and_commas(key):
    chinese = CATALOG[key][1]
    assert not ascii_punctuation(chinese), f"{key}: {ascii_punctuation(chinese)} in {chinese!r}"


def test_the_uniform_guess_line_reads_as_chinese():
    i18n.use("zh")
    try:
        fig = loss_figure(np.arange(3), np.ones(3), loss="cross_entropy", vocab_size=62)
    finally:
        i18n.use("en")
    (note,) = [a.text for a in fig.layout.annotations if "ln 62" in a.text]
    assert note == "均匀猜测：ln 62 = 4.13"
    assert not ascii_punctuation(note)
