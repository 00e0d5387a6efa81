"""Texts that end in a class (which language a surname comes from): reading a table of
text and label or a folder of files (one .txt per class, one example a line, as PyTorch's
"classifying names" tutorial ships data/names/*.txt), the guess of the two columns, and
the preparation the model reads: classes, character ids, a stratified split, weights.

Every size a user's data claim (rows, files, classes, cells of the padded ids, distinct
characters) is checked against its cap before anything of that size is built.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from rnnviz.data.labels_split import (
    TEST,
    TRAIN,
    VAL,
    class_counts,
    class_weights,
    encode_texts,
    stratified_split,
)
from rnnviz.data.note import Note
from rnnviz.data.reader import DELIMITERS, MAX_CELLS, MAX_COLUMNS, DataError, read_text
from rnnviz.data.text import Vocab
from rnnviz.i18n import t
from rnnviz.safe_text import md, names
from rnnviz.server.limits import MAX_ROWS, MAX_SEQ_LEN, MAX_VOCAB

MAX_CLASSES = 100  # a label column past this is an id or a text, not a class
MAX_CLASS_NAME = 64  # characters of a class name taken from a file name
TEXT_COLUMN, LABEL_COLUMN = "text", "label"  # the columns of a folder of files, read
LABEL_HINTS = ("label", "class", "language", "category", "lang", "类别", "标签", "语言", "类")
TEXT_HINTS = ("name", "text", "word", "surname", "sentence", "姓名", "名字", "文本", "姓")


@dataclass(frozen=True)
class LabelConfig:
    text_column: str
    label_column: str
    max_len: int = 32  # characters read of each text; longer ones are cut to it
    val_frac: float = 0.1
    test_frac: float = 0.15  # the tutorial keeps 15% of the names for testing
    seed: int = 0  # of the split
    weight_classes: bool = False  # weight the loss by inverse class frequency

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> LabelConfig:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


@dataclass
class LabelledData:
    cfg: LabelConfig
    texts: list[str]  # as the model reads them (cut to cfg.max_len)
    classes: tuple[str, ...]  # sorted; y holds indices into it
    y: np.ndarray  # [N] int64
    vocab: Vocab
    ids: np.ndarray  # [N, T] int64, 0 pads, a character is its vocab index + 1
    lengths: np.ndarray  # [N] int64
    part: np.ndarray  # [N] int8: TRAIN, VAL or TEST
    notes: tuple[Note, ...] = field(default=())

    def rows(self, part: str) -> np.ndarray:
        """Indices of the examples in "train", "val" or "test"."""
        return np.flatnonzero(self.part == {"train": TRAIN, "val": VAL, "test": TEST}[part])

    @property
    def counts(self) -> np.ndarray:
        """[K, 3] examples of each class in train, validation and test (the balance shown)."""
        return class_counts(self.y, self.part, len(self.classes))

    @property
    def weights(self) -> np.ndarray | None:
        """[K] float32 class weights of the loss, or None when cfg does not weight it."""
        return class_weights(self.counts[:, TRAIN]) if self.cfg.weight_classes else None


# ---------------------------------------------------------------- reading


def _check_rows(rows: int) -> None:
    if rows > MAX_ROWS:
        raise DataError(t("labels.too_many_rows", rows=rows, cap=MAX_ROWS))


def read_labelled_table(source) -> pd.DataFrame:
    """A CSV of text and label columns, every cell a string as written (no number or date
    conversion: "0012" and "NA" are names too). rnnviz.data.reader.read_table wants
    numbers and would refuse a table of names."""
    text = read_text(source)  # DataError for binary, empty or undecodable content
    _check_rows(text.count("\n"))  # one row a line at most, counted before pandas parses
    header = text.split("\n", 1)[0]
    sep = max(DELIMITERS, key=header.count)
    if header.count(sep) + 1 > MAX_COLUMNS:
        raise DataError(t("labels.too_wide", fields=header.count(sep) + 1, cap=MAX_COLUMNS))
    try:
        table = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as err:
        raise DataError(t("labels.unreadable", reason=md(str(err), 120))) from err
    table.columns = [str(c).strip() for c in table.columns]
    return table


def _class_name(file_name: str) -> tuple[str, str]:
    """(shown file name, class) of one uploaded file; DataError when it cannot be one."""
    base = PurePosixPath(file_name.replace("\\", "/")).name
    shown = md(base)
    stem, dot, ext = base.rpartition(".")
    if not dot or ext.lower() != "txt":
        raise DataError(t("labels.not_txt", file=shown))
    label = stem.strip()
    if (
        not label
        or len(label) > MAX_CLASS_NAME
        or not label.isprintable()
        or not any(c.isalnum() for c in label)
    ):
        raise DataError(t("labels.bad_class_name", file=shown, cap=MAX_CLASS_NAME))
    return shown, label


def _lines(shown: str, raw: bytes) -> list[str]:
    if b"\x00" in raw:
        raise DataError(t("labels.binary", file=shown))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(t("labels.not_utf8", file=shown, line=line)) from err
    return text.splitlines()


def read_class_files(files) -> tuple[pd.DataFrame, tuple[Note, ...]]:
    """A folder of files, as a list of (file name, bytes): one .txt per class, the class its
    name without the extension, one example a line. Returns a table of TEXT_COLUMN and
    LABEL_COLUMN (blank lines kept as empty texts: preparing drops and counts them) and the
    notes (empty files left out). UTF-8 only: the tutorial's files are, and a latin-1 file
    read as GB18030 would give wrong letters without a word."""
    files = list(files)
    if not files:
        raise DataError(t("labels.no_files"))
    if len(files) > MAX_CLASSES:
        raise DataError(t("labels.too_many_files", files=len(files), cap=MAX_CLASSES))
    _check_rows(sum(bytes(raw).count(b"\n") + 1 for _, raw in files))
    texts: list[str] = []
    labels: list[str] = []
    seen: dict[str, str] = {}
    empty: list[str] = []
    for file_name, raw in files:
        shown, label = _class_name(str(file_name))
        if label in seen:
            raise DataError(
                t("labels.same_class", first=seen[label], second=shown, label=md(label))
            )
        seen[label] = shown
        if not bytes(raw).strip():
            empty.append(label)
            continue
        lines = _lines(shown, bytes(raw))
        texts += lines
        labels += [label] * len(lines)
    if not any(s.strip() for s in texts):
        raise DataError(t("labels.no_examples"))
    notes = (Note("labels.empty_file", {"files": tuple(empty)}),) if empty else ()
    return pd.DataFrame({TEXT_COLUMN: texts, LABEL_COLUMN: labels}), notes


# ---------------------------------------------------------------- the two columns


def _strings(values: pd.Series) -> pd.Series:
    """A column as stripped strings, missing cells empty (a table read_table converted)."""
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()


WORDS_SAMPLE = 200  # cells of each column looked at to tell words from numbers and dates


def words_only(table: pd.DataFrame) -> bool:
    """No column holds mostly numbers or dates: a table of names, not a series that failed
    to read (a temperature with "n/a" in it stays the series reader's to refuse)."""
    for c in table.columns:
        cells = _strings(table[c])
        cells = cells[cells != ""].head(WORDS_SAMPLE)
        if not len(cells):
            continue
        numbers = pd.to_numeric(cells.str.replace(",", "", regex=False), errors="coerce")
        dates = pd.to_datetime(cells, errors="coerce", format="mixed")
        if max(numbers.notna().mean(), dates.notna().mean()) > 0.5:
            return False
    return True


def _hinted(column: str, hints: tuple[str, ...]) -> bool:
    lower = column.strip().lower()
    return any(h == lower or h in lower for h in hints)


def guess_columns(table: pd.DataFrame) -> tuple[str, str]:
    """(text column, label column): the label repeats few values (2 to MAX_CLASSES, each
    seen twice on average), a name like "language" first, else the fewest values; the text
    is the other column with the most distinct values that hold letters ("id" loses)."""
    columns = [str(c) for c in table.columns]
    if len(columns) < 2:
        raise DataError(t("labels.one_column", column=names(columns)))
    cells = {c: _strings(table[c]) for c in columns}
    distinct = {c: int(v[v != ""].nunique()) for c, v in cells.items()}
    # One value is a label column too: preparing it then says a classifier needs two.
    labels = [c for c in columns if 1 <= distinct[c] <= min(MAX_CLASSES, len(table) / 2)]
    if not labels:
        raise DataError(t("labels.no_label_column", cap=MAX_CLASSES))
    label = min(labels, key=lambda c: (not _hinted(c, LABEL_HINTS), distinct[c] < 2, distinct[c]))

    def text_rank(c: str) -> tuple:
        letters = cells[c].str.contains(r"[^\W\d_]", regex=True).mean()
        return _hinted(c, TEXT_HINTS), letters > 0.5, distinct[c]

    text = max((c for c in columns if c != label), key=text_rank)
    return text, label


# ---------------------------------------------------------------- preparing


def _check_config(table: pd.DataFrame, cfg: LabelConfig) -> None:
    for column in (cfg.text_column, cfg.label_column):
        if column not in table.columns:
            raise DataError(
                t("labels.missing_column", column=md(column), columns=names(table.columns))
            )
    if cfg.text_column == cfg.label_column:
        raise DataError(t("labels.same_column", column=md(cfg.text_column)))
    if not isinstance(cfg.max_len, int) or not 1 <= cfg.max_len <= MAX_SEQ_LEN:
        raise DataError(t("labels.max_len", cap=MAX_SEQ_LEN, value=md(cfg.max_len, 20)))
    v, s = cfg.val_frac, cfg.test_frac
    if not (0 < v < 1 and 0 < s < 1 and v + s < 1):
        raise DataError(t("labels.fractions", val=md(v, 20), test=md(s, 20)))
    _check_rows(len(table))


def _classes(labels: pd.Series, column: str) -> tuple[tuple[str, ...], np.ndarray]:
    found = labels.unique()
    if len(found) > MAX_CLASSES:
        raise DataError(
            t("labels.too_many_classes", column=md(column), classes=len(found), cap=MAX_CLASSES)
        )
    if len(found) < 2:
        raise DataError(t("labels.one_class", label=md(found[0] if len(found) else "")))
    classes = tuple(sorted(map(str, found)))
    y = pd.Categorical(labels, categories=classes).codes.astype(np.int64)
    return classes, y


def prepare_labels(table: pd.DataFrame, cfg: LabelConfig) -> LabelledData:
    """What a classifier trains on: `table`'s texts and labels as `cfg` chooses them."""
    _check_config(table, cfg)
    texts, labels = _strings(table[cfg.text_column]), _strings(table[cfg.label_column])
    notes: list[Note] = []
    kept = (texts != "") & (labels != "")
    if not kept.all():
        notes.append(Note("labels.empty_dropped", {"rows": int((~kept).sum())}))
        texts, labels = texts[kept], labels[kept]
    classes, y = _classes(labels, cfg.label_column)
    lengths = texts.str.len().to_numpy()
    over = lengths > cfg.max_len
    if over.any():  # cut, not dropped: the first letters still tell, and no example is lost
        longest = int(lengths.max())
        notes.append(
            Note("labels.cut", {"rows": int(over.sum()), "cap": cfg.max_len, "longest": longest})
        )
        texts = texts.str.slice(0, cfg.max_len)
    width = int(min(lengths.max(), cfg.max_len))
    if len(texts) * width > MAX_CELLS:  # the padded ids, before they are allocated
        cells = {"rows": len(texts), "length": width, "cells": len(texts) * width}
        raise DataError(t("labels.too_many_cells", cap=MAX_CELLS, **cells))
    kept_texts = texts.tolist()
    vocab = Vocab.from_text("".join(kept_texts))
    if len(vocab) > MAX_VOCAB:
        raise DataError(t("labels.too_many_chars", size=len(vocab), cap=MAX_VOCAB))
    ids, lengths = encode_texts(kept_texts, vocab)
    part = stratified_split(y, len(classes), cfg.val_frac, cfg.test_frac, cfg.seed)
    data = LabelledData(cfg, kept_texts, classes, y, vocab, ids, lengths, part)
    data.notes = tuple(notes) + _split_notes(data)
    return data


def _split_notes(data: LabelledData) -> tuple[Note, ...]:
    counts = data.counts
    for code, column in (("val", VAL), ("test", TEST)):
        if counts[:, column].sum() == 0:
            raise DataError(
                t("labels.too_few", rows=len(data.texts), part=t(f"labels.part.{code}"))
            )
    total, tested = counts.sum(1), counts[:, TEST]
    single = tuple(c for c, n in zip(data.classes, total, strict=True) if n == 1)
    untested = tuple(
        c for c, n, k in zip(data.classes, total, tested, strict=True) if n > 1 and k == 0
    )
    notes = [Note("labels.single", {"classes": single})] if single else []
    return tuple(notes + ([Note("labels.not_tested", {"classes": untested})] if untested else []))
