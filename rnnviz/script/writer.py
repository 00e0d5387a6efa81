"""A training run written out as one self-contained PyTorch script, or a Jupyter notebook.

The script carries the rows the app prepared from a table (rnnviz.script.table: read by
rnnviz's own reader, in time order) or, for a text or a table too large to carry, reads
the same file; it prepares them as rnnviz/data/prep.py or rnnviz/data/text.py does, builds the same
network (same module creation order after the same seed, hence the same initial weights)
and trains it on the same batches in the same order as rnnviz.train.job's TrainJob, so it
prints the losses the app showed. Learners get the run in the form they
know from tutorials (TensorFlow Playground users asked for this: tensorflow/playground#39).

Settings become Python literals in the script's first section (repr), never comments or
docstrings: a file or column name cannot break out of its string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

import numpy as np

from rnnviz.data.prep import SeriesConfig, SeriesData
from rnnviz.data.reader import datetime_columns
from rnnviz.data.samples import SAMPLES
from rnnviz.data.text import TextConfig, TextData
from rnnviz.model.network import ModelConfig
from rnnviz.script import parts
from rnnviz.script import source as scriptsource
from rnnviz.script import table as scripttable
from rnnviz.script import typed_parts as typed
from rnnviz.train.job import TrainConfig

CELL_NAMES = {"lstm": "LSTM", "gru": "GRU", "rnn_tanh": "RNN (tanh)", "rnn_relu": "RNN (ReLU)"}
CELL_CLASSES = {"lstm": "nn.LSTM", "gru": "nn.GRU", "rnn_tanh": "nn.RNN", "rnn_relu": "nn.RNN"}
SECTION = "# %%"  # a section starts with this line; a notebook cell per section
# Settings already applied to the rows a script carries (rnnviz.script.table).
CHOSEN = ("SORT_BY", "SERIES_COLUMN", "SERIES_VALUE", "MISSING_CODES", "LAST_ROWS", "EVERY_NTH")


@dataclass(frozen=True)
class ScriptSettings:
    """What a script needs: the run's configs and where its data came from."""

    data: SeriesConfig | TextConfig
    model: ModelConfig  # as trained: sizes from the data (sizes.model_config_for)
    train: TrainConfig
    source: str  # a bundled sample's key (rnnviz.data.samples.SAMPLES) or the file's name
    sort_by: str | None = None  # series: the date column rnnviz sorted rows by (None: a guess)
    expect: tuple | None = None  # fingerprint() of the prepared data: the script checks it
    # Typed rows (x [N, T, F], y [N] as typed, rnnviz.data.typed): the script carries them.
    rows: tuple | None = field(default=None, compare=False)
    # One typed series (its numbers as floats): the script carries it, no DATA_FILE.
    series: tuple | None = field(default=None, compare=False)
    # (column, value) of each missing-value code the app read as missing (rnnviz.data.sentinels).
    codes: tuple = ()
    # (columns, rows [N, C]) the app prepared from a file (rnnviz.script.table): the script
    # carries them and reads no file.
    table: tuple | None = field(default=None, compare=False)

    @property
    def sample(self):
        return SAMPLES.get(self.source)

    @property
    def file(self) -> str:
        """The data file's name without folders: the script looks in its working folder
        and in sample_data/ there."""
        return self.sample.file if self.sample else PurePath(self.source).name

    @property
    def is_text(self) -> bool:
        return isinstance(self.data, TextConfig)

    @property
    def is_typed(self) -> bool:
        return self.rows is not None

    @property
    def typed(self) -> str | None:
        """ "rows" or "series" when the numbers were typed (the script carries them)."""
        return "rows" if self.rows is not None else "series" if self.series is not None else None

    @property
    def help_key(self) -> str:
        """The i18n key of the download button's help."""
        keys = {"rows": "script.typed.help", "series": "script.typed_series.help"}
        return keys.get(self.typed or "", "train.download_script_help")


def settings_for(run, dataset=None) -> ScriptSettings:
    """The settings of a rnnviz.session.run.Run; `dataset` (the workspace.Dataset it was prepared
    from, when the page still holds it) names the date column rows were sorted by."""
    source = run.origin.sample or run.origin.label
    rows, prep_cfg = typed.rows_of(run.data), run.prep_cfg
    typed_series, series = typed.series_of(run, dataset), None
    if typed_series is not None:  # the script builds the table: no file, no dates to sort by
        prep_cfg, series = typed_series
    if isinstance(run.data, SeriesData) and hasattr(prep_cfg, "target_transform"):
        # What the data became (a log of a zero falls back to the change), not what was asked.
        prep_cfg = replace(
            prep_cfg, target_transform=run.data.cfg.target_transform, season=run.data.cfg.season
        )
    sort_by = None
    if rows is None and series is None and dataset is not None and dataset.table is not None:
        sort_by = next(iter(datetime_columns(dataset.table)), None)
    codes: tuple[tuple[str, float], ...] = ()
    if dataset is not None and not dataset.keep_codes:
        codes = tuple((c.column, c.value) for c in dataset.codes)
    table = None
    if (
        rows is None
        and series is None
        and isinstance(run.data, SeriesData)
        and dataset is not None
        and dataset.table is not None
    ):
        table = scripttable.prepared_rows(dataset.table, run.data)
    return ScriptSettings(
        prep_cfg,
        run.model_cfg,
        run.train_cfg,
        source,
        sort_by,
        fingerprint(run.data),
        rows,
        series,
        codes,
        table,
    )


def fingerprint(data: SeriesData | TextData) -> tuple:
    """(rows, sum, position-weighted sum) of the target in original units, or (characters,
    vocabulary size, position-weighted sum of the ids): the script prints a note when the
    data it prepares do not give the same; the weights make it see the rows' order too."""
    if isinstance(data, TextData):
        ids = np.asarray(data.ids, np.int64)
        return (len(ids), len(data.vocab), int((ids * np.arange(1, len(ids) + 1)).sum()))
    target = np.asarray(data.raw_target, np.float64)
    weighted = (target * np.arange(1, len(target) + 1)).sum()
    return (len(target), round(float(target.sum()), 6), round(float(weighted), 6))


def file_name(settings: ScriptSettings, suffix: str = ".py") -> str:
    """A download name such as rnnviz_lstm_temperature.py."""
    stem = (
        f"typed_{settings.typed}"
        if settings.typed
        else (settings.source if settings.sample else PurePath(settings.file).stem)
    )
    stem = re.sub(r"[^A-Za-z0-9]+", "_", stem).strip("_").lower()[:40] or "data"
    return f"rnnviz_{settings.model.cell}_{stem}{suffix}"


# ---- the script --------------------------------------------------------------------------
def pytorch_script(settings: ScriptSettings) -> str:
    """The whole script as text (sections start with '# %%')."""
    title = f"{CELL_NAMES[settings.model.cell]}, {_mode_words(settings.model)}"
    header = _fill(parts.HEADER, title=title, file=file_name(settings), **_imports(settings))
    reads, tail = None, []
    if settings.is_typed:  # the rows are in the script: no file to find or read
        assert settings.rows is not None
        body, reads, tail = typed.sections(*settings.rows), typed.READS, [typed.ANSWERS]
    elif settings.typed == "series":  # the numbers are in the script: a table without a file
        body = [typed.series_section(settings.series), _prepare(), parts.WINDOWS_SERIES]
        tail = [parts.EVALUATE_SERIES]
    elif settings.table is not None:  # the rows the app prepared are in the script
        body = [scripttable.section(*settings.table), _prepare(carried=True), parts.WINDOWS_SERIES]
        tail = [parts.EVALUATE_SERIES]
    elif settings.is_text:
        body = [parts.FIND, parts.READ_TEXT, parts.PREPARE_TEXT, parts.WINDOWS_TEXT]
    else:
        read = _fill(parts.READ_TABLE, dates=scriptsource.dates_section())
        body = [parts.FIND + read, _prepare(), parts.WINDOWS_SERIES]
        tail = [parts.EVALUATE_SERIES]
    return "".join(
        [
            header,
            _settings_section(settings),
            *body,
            _model_section(settings.model, reads),
            parts.TRAIN,
            *tail,
        ]
    )


def _prepare(carried: bool = False) -> str:
    """Section 3: carried rows are one series, cut, as numbers already (rnnviz.script.table)."""
    return _fill(
        parts.PREPARE_SERIES,
        choose="" if carried else parts.CHOOSE_ROWS,
        numbers=parts.CARRIED_NUMBERS if carried else parts.READ_NUMBERS,
    )


def _imports(settings: ScriptSettings) -> dict:
    """What the script needs: a table also needs pandas, and a CSV file the sniffing
    helpers; typed numbers and carried rows need no file at all."""
    table = not (settings.is_text or settings.is_typed)  # a typed series is a table too
    no_file = settings.typed or settings.table is not None
    csv_file = table and not no_file
    reads = ["io", *scriptsource.IMPORTS] if csv_file else []
    modules = sorted(["argparse", "csv", "math", "sys", *dict.fromkeys(reads)])
    lines = [f"import {m}" for m in modules]
    lines += [] if no_file else ["from pathlib import Path"]
    lines += ["", "import numpy as np"] + (["import pandas as pd"] if table else [])
    needs = "numpy, pandas, torch" if table else "numpy, torch"
    data = "" if no_file else "[DATA_FILE] "
    origin = (
        "carries the rows rnnviz read from your file"
        if settings.table is not None
        else "reads the same data"
    )
    return {"imports": "\n".join(lines), "needs": needs, "data": data, "reads": origin}


def _fill(template: str, **slots: str) -> str:
    for name, value in slots.items():
        template = template.replace("{{" + name + "}}", value)
    return template


def _mode_words(cfg: ModelConfig) -> str:
    return {
        "many_to_one": "many-to-one",
        "many_to_many": "many-to-many",
        "char_lm": "next character",
    }[cfg.mode]


def _settings_section(s: ScriptSettings) -> str:
    lines = [f"{SECTION} 1. Settings: the values this run was trained with in rnnviz", ""]
    if s.is_typed:
        assert isinstance(s.data, SeriesConfig)  # typed rows are prepared as a series
        lines += ["# The data: the rows you typed (section 2)"]
        lines += _assign(typed.data_values(s.data.scaling))
    elif s.typed == "series":
        lines += ["# The data: the series you typed (section 2), prepared as a CSV column"]
        lines += _assign([row for row in _series_data(s) if row[0] != "SORT_BY"])
    elif s.table is not None:
        lines += ["# The data: the rows rnnviz prepared from the file (section 2)"]
        lines += _assign([row for row in _series_data(s) if row[0] not in CHOSEN])
    else:
        where = (
            "an rnnviz sample (its sample_data/ folder)" if s.sample else "the file you trained on"
        )
        lines += ["# The data (pass another file's path on the command line)"]
        lines += _assign(
            [("DATA_FILE", s.file, where)] + (_text_data(s) if s.is_text else _series_data(s))
        )
    lines += ["", "# The model"] + _assign(_model_values(s.model))
    lines += ["", "# Training"] + _assign(_train_values(s.train))
    return "\n".join(lines) + "\n\n"


def _assign(rows) -> list[str]:
    """NAME = literal  # comment, the comments aligned. Values go through repr only."""
    code = [f"{name} = {value!r}" for name, value, _ in rows]
    width = max(len(c) for c in code) + 2
    return [f"{c:<{width}}# {comment}" for c, (_, _, comment) in zip(code, rows, strict=True)]


def _series_data(s: ScriptSettings) -> list:
    d = s.data
    assert isinstance(d, SeriesConfig)
    sort_by = (
        s.sort_by
        if s.sort_by is not None
        else (s.sample.date_column if s.sample else d.date_column)
    )
    return [
        ("SORT_BY", sort_by, "date column: rows sorted oldest first (None: file order)"),
        ("TARGET", d.target, "the column to predict"),
        ("EXTRA_TARGETS", list(d.extra_targets), "more columns predicted beside it"),
        ("INPUTS", list(d.inputs), "the columns the network reads at each step (F of them)"),
        ("SERIES_COLUMN", d.series_column, "a stacked table's key column (None: every row)"),
        ("SERIES_VALUE", d.series_value, "the series trained on: the rows with this key"),
        (
            "MISSING_CODES",
            [list(c) for c in s.codes],
            "[column, value] pairs read as missing (codes such as -200)",
        ),
        ("LAST_ROWS", d.last_rows, "keep only the newest rows (None: all)"),
        ("EVERY_NTH", d.every_nth, "keep one row in every EVERY_NTH"),
        ("MISSING", d.missing, '"interpolate" holes, or "drop" their rows'),
        ("WINDOW", d.window, "T: the time steps one sample reads"),
        ("HORIZON", d.horizon, "predict this many rows after a window's last row"),
        ("MANY_TO_MANY", d.many_to_many, "predict at every step, not only after the last"),
        ("VAL_FRAC", d.val_frac, "share of the rows for validation (after training's)"),
        ("TEST_FRAC", d.test_frac, "share of the rows for test (the last ones)"),
        ("SCALING", d.scaling, '"minmax", "standard", "robust" or "none"; fitted on training rows'),
        ("TRANSFORM", d.target_transform, '"level", "diff", "seasonal_diff" or "log_diff"'),
        ("SEASON", d.season, "steps in one season (seasonal_diff takes changes over it)"),
        ("EXPECTED", s.expect, "rows, target sum and position-weighted sum (a check)"),
    ]


def _text_data(s: ScriptSettings) -> list:
    d = s.data
    assert isinstance(d, TextConfig)
    return [
        ("MAX_CHARS", d.max_chars, "keep only the first characters (None: all)"),
        ("SEQ_LEN", d.seq_len, "T: the characters one sample reads"),
        ("VAL_FRAC", d.val_frac, "share of the text for validation"),
        ("TEST_FRAC", d.test_frac, "share of the text for test (the end)"),
        ("EXPECTED", s.expect, "characters, vocabulary size, position-weighted id sum"),
        ("EMBED_SIZE", s.model.input_size, "each character id becomes a vector this long"),
    ]


def _model_values(m: ModelConfig) -> list:
    return [
        ("HIDDEN_SIZE", m.hidden_size, "H: units in each layer and direction"),
        ("NUM_LAYERS", m.num_layers, "recurrent layers stacked"),
        ("BIDIRECTIONAL", m.bidirectional, "a second direction reads each sample backwards"),
        ("DROPOUT", m.dropout if m.num_layers > 1 else 0.0, "between layers, while training"),
    ]


def _train_values(c: TrainConfig) -> list:
    return [
        ("OPTIMIZER", c.optimizer, '"adam", or "sgd" (momentum 0.9)'),
        ("LR", c.lr, "learning rate"),
        ("BATCH_SIZE", c.batch_size, "B: samples per step"),
        ("EPOCHS", c.epochs, "passes over the training samples"),
        ("CLIP_GRAD_NORM", c.clip_grad_norm, "largest gradient norm (0: no clipping)"),
        ("SEED", c.seed, "initial weights and batch order"),
        ("DEVICE", c.device, '"auto" uses a GPU when there is one'),
        ("VAL_SAMPLES", c.val_samples, "the validation loss reads at most this many samples"),
        ("VAL_EVERY", c.val_every, "steps between validations (0: each epoch, 4 in a long one)"),
        ("RESTORE_BEST", c.restore_best, "end on the weights of the lowest validation loss"),
        ("PATIENCE", c.patience, "validations without improvement before stopping (0: never)"),
        ("NUM_THREADS", c.num_threads, "CPU threads: small models are fastest on one"),
    ]


def _model_section(m: ModelConfig, reads: str | None = None) -> str:
    """reads: the expression of the input size (default: the embedding, or len(INPUTS))."""
    plain = m.cell.startswith("rnn_")  # nn.RNN takes its nonlinearity as an argument
    rnn_kw = f", nonlinearity={m.cell.removeprefix('rnn_')!r}" if plain else ""
    reads = reads or ("EMBED_SIZE" if m.mode == "char_lm" else "len(INPUTS)")
    outputs = "len(chars)" if m.mode == "char_lm" else str(m.output_size)
    opening = f"        self.rnn = {CELL_CLASSES[m.cell]}("
    layers = [
        f"{opening}input_size={reads}, hidden_size=HIDDEN_SIZE, num_layers=NUM_LAYERS,",
        f"{' ' * len(opening)}bidirectional=BIDIRECTIONAL, dropout=DROPOUT,"
        f" batch_first=True{rnn_kw})",
        f"        self.head = nn.Linear(HIDDEN_SIZE * (2 if BIDIRECTIONAL else 1), {outputs})"
        if m.head == "linear"
        else "        # No head: the top layer's hidden state is the output (HIDDEN_SIZE * D = K).",
    ]
    if m.mode == "char_lm":
        layers.insert(
            0,
            "        self.embed = nn.Embedding(len(chars), EMBED_SIZE)"
            "  # a learned vector per character",
        )
    doc = f"{CELL_NAMES[m.cell]} ({_mode_words(m)}): " + (
        "embedding -> recurrent layers -> linear head."
        if m.mode == "char_lm"
        else "recurrent layers -> linear head."
        if m.head == "linear"
        else "recurrent layers; their hidden state is the output."
    )
    return _fill(parts.MODEL, doc=doc, layers="\n".join(layers), forward=_forward(m))


def _forward(m: ModelConfig) -> str:
    if m.head == "none":
        return _forward_no_head(m)
    if m.mode == "char_lm":
        lines = [
            "x = self.embed(x)  # (B, T) ids -> (B, T, EMBED_SIZE)",
            "out, _ = self.rnn(x)  # (B, T, D*H): the top layer's state at every step",
            "return self.head(out)  # (B, T, V): logits of the next character",
        ]
    elif m.mode == "many_to_many":
        lines = [
            "out, _ = self.rnn(x)  # (B, T, F) -> (B, T, D*H): the state at every step",
            f"return self.head(out)  # (B, T, {m.output_size}): a prediction at every step",
        ]
    elif m.bidirectional:
        lines = [
            "out, _ = self.rnn(x)  # (B, T, F) -> (B, T, 2H): forward, then backward states",
            "# The forward direction has read everything at the last step, the",
            "# backward one at the first: the head reads both of those states.",
            "last = torch.cat([out[:, -1, :HIDDEN_SIZE], out[:, 0, HIDDEN_SIZE:]], dim=-1)",
            f"return self.head(last)  # (B, 2H) -> (B, {m.output_size})",
        ]
    else:
        lines = [
            "out, _ = self.rnn(x)  # (B, T, F) -> (B, T, H): the state at every step",
            "return self.head(out[:, -1])  # the state after the last step (B, H) -> "
            f"(B, {m.output_size})",
        ]
    return "\n".join("        " + line for line in lines)


def _forward_no_head(m: ModelConfig) -> str:
    """The hidden state as the output, as tutorials that use nn.RNN alone do."""
    if m.mode == "many_to_many":
        lines = [
            "out, _ = self.rnn(x)  # (B, T, F) -> (B, T, D*H): the state at every step",
            f"return out  # (B, T, {m.output_size}): the state is the prediction",
        ]
    elif m.bidirectional:
        lines = [
            "out, _ = self.rnn(x)  # (B, T, F) -> (B, T, 2H): forward, then backward states",
            "# The forward direction has read everything at the last step, the",
            "# backward one at the first: together they are the prediction.",
            "return torch.cat([out[:, -1, :HIDDEN_SIZE], out[:, 0, HIDDEN_SIZE:]], dim=-1)",
        ]
    else:
        lines = [
            "out, _ = self.rnn(x)  # (B, T, F) -> (B, T, H): the state at every step",
            f"return out[:, -1]  # (B, {m.output_size}): the last state is the prediction",
        ]
    return "\n".join("        " + line for line in lines)


# ---- the notebook ------------------------------------------------------------------------
def cells(script: str) -> list[str]:
    """The script cut before each section line; joined, the pieces are the script."""
    starts = [0] + [m.start() for m in re.finditer(rf"^{re.escape(SECTION)} ", script, re.M)]
    bounds = sorted(set(starts)) + [len(script)]
    return [script[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]  # pairs


def notebook(settings: ScriptSettings) -> bytes:
    """The script as a Jupyter notebook (nbformat 4, plain JSON): a code cell per section."""
    return notebook_json(pytorch_script(settings)).encode("utf-8")


def notebook_json(script: str) -> str:
    """Any exported script as nbformat 4 JSON, cut into a code cell per section."""
    code: list[dict] = [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": f"section-{k}",
            "metadata": {},
            "outputs": [],
            "source": piece.splitlines(keepends=True),
        }
        for k, piece in enumerate(cells(script))
    ]
    book = {
        "cells": code,
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    }
    return json.dumps(book, indent=1, ensure_ascii=False)
