"""The Chinese terms: one word for each idea on every page, and the checks that find a
variant, an English word, or an ASCII colon or comma left in Chinese text.

The terms follow the tutorials the lessons come from (隐藏状态, 时间步, 遗忘门, 细胞状态 ...),
so that a learner who reads a tutorial beside the app meets the same word for the same idea.
Where the catalogs had used two words for one idea, one was chosen and the other listed as
a variant: a catalog's Chinese text that uses a variant fails tests/engine/test_glossary.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    english: str
    chinese: str
    variants: tuple[str, ...] = ()  # other words for the same idea: never used
    # A word the text must also contain where the term may be used (empty: any text).
    only_with: str = ""


TERMS: tuple[Term, ...] = (
    # ---- the tutorials' own terms
    Term("hidden state", "隐藏状态", ("隐状态", "隐层状态", "隐含状态", "隐藏层状态")),
    Term("time step", "时间步", ("时间步长", "时步")),
    Term("forget gate", "遗忘门", ("忘记门", "遗忘闸")),
    Term("input gate", "输入门", ("输入闸",)),
    Term("output gate", "输出门", ("输出闸",)),
    Term("cell state", "细胞状态", ("单元状态", "元胞状态", "细胞态")),
    Term("update gate", "更新门", ("更新闸",)),
    Term("reset gate", "重置门", ("重置闸",)),
    # Tutorial 002 calls the LSTM's memory cell 记忆单元: the word is kept for it alone.
    Term("memory cell", "记忆单元", ("记忆细胞", "存储单元"), only_with="LSTM"),
    # ---- one word chosen where the pages used two
    Term("shapes explorer", "形状探索", ("形状浏览器", "形状探索器")),
    Term("head", "输出层", ("输出头",)),
    # LSTM's g and GRU's n alike: the value that may replace what the cell holds.
    Term("candidate", "候选值", ("候选状态", "候选向量")),
    Term("batch size", "批大小", ("批量大小", "批量", "批次大小", "批尺寸")),
    # Hidden units whose gate keeps (or wipes) what they hold most of the time: not the
    # LSTM's memory cell, which every LSTM unit has.
    Term("memory-like hidden unit", "记忆型隐藏单元", ("长记忆单元", "记忆型单元")),
    Term("reset-like hidden unit", "重置型隐藏单元", ("重置单元", "重置型单元")),
    # ---- other terms the pages share
    Term("hidden unit", "隐藏单元", ("隐单元", "隐层单元", "隐藏神经元")),
    Term("hidden size", "隐藏层大小", ("隐藏状态大小", "隐藏大小", "隐层大小", "隐藏维度")),
    Term("epoch", "轮次", ("训练周期", "回合", "世代")),
    Term("min-max scaling", "最小-最大缩放", ("最小最大缩放", "最大最小缩放")),
    Term("vanishing gradient", "梯度消失", ("梯度弥散",)),
)
GLOSSARY: dict[str, str] = {term.english: term.chinese for term in TERMS}


def variants_in(text: str) -> list[str]:
    """What in `text` departs from the glossary, one line each ("variant → term")."""
    found = []
    for term in TERMS:
        found += [f"{v} → {term.chinese} ({term.english})" for v in term.variants if v in text]
        if term.only_with and term.chinese in text and term.only_with not in text:
            found.append(f"{term.chinese} is the {term.english} of an {term.only_with} only")
    return found


# ---- English words inside Chinese text --------------------------------------------------

# Names a Chinese text keeps as they are: what a learner types, reads in code or in a
# tutorial's printout, or finds on a label. Compared case-sensitively.
TECHNICAL_NAMES = frozenset(
    {
        # cells, frameworks, layers and optimisers, as their code spells them
        *("RNN", "LSTM", "GRU", "SimpleRNN", "Dense", "Embedding", "Dropout"),
        *("PyTorch", "torch", "Keras", "TensorFlow", "NumPy", "Python", "Adam", "SGD"),
        *("tanh", "ReLU", "relu", "sigmoid", "softmax"),
        *("MSE", "RMSE", "MAE", "MAPE"),  # the error measures, as tables head them
        *("GPU", "CPU", "CUDA"),
        *("CSV", "TXT", "JSON", "HTML", "UTF", "GBK", "zip", "pickle"),  # formats, encodings
        "NUL",  # the zero byte, by its ASCII name
        *("GiB", "MiB", "KiB"),  # units
        *("NaN", "True", "False", "None"),  # values as Python and torch print them
        *("UTC", "YYYY"),  # a time zone, and the digits of a date in YYYY-MM-DD
        # Proper names: this app, products a learner uses, the tool whose rule the units
        # view applies.
        *("rnnviz", "Excel", "Jupyter", "LSTMVis"),
    }
)
# Names of more than one word. Tiny Shakespeare is the proper name of Karpathy's
# char-rnn data set, the name a learner finds it under: kept beside the Chinese title.
PROPER_NAMES = ("Tiny Shakespeare",)
# What is code, markup or a number's notation, not prose: removed before looking for words.
_NOT_PROSE = re.compile(
    "|".join(
        (
            r"\$\$.*?\$\$",  # LaTeX display math
            r"\$[^$]*\$",  # LaTeX inline math
            r"`[^`]*`",  # Markdown code
            r":material/\w+:",  # a Material icon
            r"<[^>]+>",  # an HTML tag (<sub>, <br>)
            r"https?://\S+",  # a URL
            r"\{[^{}]*\}",  # a placeholder
            r"\\[A-Za-z]+",  # a LaTeX command (\text, \frac)
            r"\b[A-Za-z_]\w*=\S*",  # a keyword argument: batch_first=False, low=0.1
            r"\b[A-Za-z_]\w*(?:[._]\w+)+",  # an identifier: hidden_size, nn.RNN, plotly.js
            r"\.[A-Za-z]\w*",  # a file extension: .csv, .safetensors
            r"\b[A-Za-z]+\d\w*",  # a name with digits: float32, UTF8, l0
            r"\b[A-Za-z_]\w*\(",  # a call: Dense(1), print(h_n)
        )
    ),
    re.S,
)
_WORD = re.compile(r"[A-Za-z]{3,}")


def prose(text: str) -> str:
    """`text` without its code, markup, placeholders and proper names."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return _NOT_PROSE.sub(" ", text)


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more left in a Chinese text, technical names aside."""
    return [w for w in _WORD.findall(prose(text)) if w not in TECHNICAL_NAMES]


# A Chinese character (or full-width closing punctuation) beside an ASCII colon, comma or
# semicolon: Chinese text writes ：，； there.
_CJK = r"[\u4e00-\u9fff）」”]"
_ASCII_STOP = re.compile(rf"{_CJK} ?[:,;]|[:,;] ?(?={_CJK})")
_SHAPE = re.compile(r"\[[^\[\]]*\]")  # a shape, [时间步, 批大小, 特征]: notation, like (B, T, H)


def ascii_punctuation(text: str) -> list[str]:
    """ASCII colons, commas and semicolons written between Chinese words."""
    return _ASCII_STOP.findall(_SHAPE.sub(" ", prose(text)))
