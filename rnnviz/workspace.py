"""What one user is working on: a data set, how it is prepared, and the model built for it.

The pages keep these objects in the user's session; the functions here hold the choices
a page would otherwise make itself (defaults per data set, sizes derived from the data).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd

from rnnviz import settings
from rnnviz.data import (TARGET_NAMES, DataError, Note, datetime_columns, numeric_columns,
                         read_table_noted, read_text)
from rnnviz.i18n import t
from rnnviz.limits import MAX_ROWS
from rnnviz.models import ModelConfig
from rnnviz.prep import SeriesConfig, SeriesData, prepare_series
from rnnviz.samples import SAMPLES, Sample
from rnnviz.text import TextConfig, TextData, prepare_text

TEXT_SUFFIXES = (".txt", ".md")
EMBED_SIZE = 32  # width of the character embedding a text model reads


@dataclass(frozen=True, eq=False)
class Dataset:
    label: str  # the file's name; a sample's title is looked up in the user's language
    kind: str  # "series" | "text"
    table: pd.DataFrame | None = None
    text: str | None = None
    digest: str = ""  # of the bytes it came from: the same upload is not parsed twice
    sample: Sample | None = None
    notes: tuple[Note, ...] = ()  # what reading changed (zones dropped); Note.text to show

    @property
    def name(self) -> str:
        return self.sample.title if self.sample else self.label

    @property
    def rows(self) -> int:
        return len(self.table) if self.table is not None else len(self.text or "")


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def load_upload(name: str, raw: bytes) -> Dataset:
    """A user's file as a Dataset; raises DataError with what to do when it is unusable."""
    if Path(name).suffix.lower() in TEXT_SUFFIXES:
        return Dataset(name, "text", text=read_text(raw), digest=digest(raw))
    table, notes = read_table_noted(raw)
    return Dataset(name, "series", table=table, digest=digest(raw), notes=notes)


def load_sample(key: str) -> Dataset:
    s = SAMPLES[key]
    raw = s.path.read_bytes()
    if s.kind == "text":
        return Dataset(s.key, "text", text=read_text(raw), digest=digest(raw), sample=s)
    table, notes = read_table_noted(raw)
    return Dataset(s.key, "series", table=table, digest=digest(raw), sample=s, notes=notes)


def default_series_config(ds: Dataset) -> SeriesConfig:
    """A sensible first choice of columns and window for a table (the rest: the schema's
    defaults, rnnviz/settings.py)."""
    table, s = ds.table, ds.sample
    dates = datetime_columns(table)
    numbers = numeric_columns(table)
    if not numbers:
        raise DataError(t("prep.no_numeric"))
    preferred = [s.target] if s else TARGET_NAMES
    target = next((c for c in preferred if c in numbers), numbers[0])
    window = settings.get(SeriesConfig, "window")
    # A sample names its window; another table reads a tenth of its rows, at most the default.
    first = s.window if s else max(window.lo, min(window.default, len(table) // 10))
    # A very long table trains on its newest rows first; the Data page offers other cuts.
    last = MAX_ROWS if len(table) > MAX_ROWS else None
    return settings.make(SeriesConfig, target=target, features=(target,),
                         date_column=dates[0] if dates else None, window=first, last_rows=last)


def default_text_config(ds: Dataset) -> TextConfig:
    return settings.make(TextConfig)


def default_model_config(ds: Dataset) -> ModelConfig:
    """A text reads best with a wider GRU; a series with the schema's defaults."""
    if ds.kind == "text":
        return settings.make(ModelConfig, cell="gru", hidden_size=128)
    return settings.make(ModelConfig)


def prepare(ds: Dataset, cfg) -> SeriesData | TextData:
    if ds.kind == "text":
        return prepare_text(ds.text, cfg)
    return prepare_series(ds.table, cfg)


def model_config_for(data: SeriesData | TextData, cfg: ModelConfig) -> ModelConfig:
    """The user's architecture with the sizes the data dictate."""
    if isinstance(data, TextData):
        return replace(cfg, mode="char_lm", vocab_size=len(data.vocab), input_size=EMBED_SIZE,
                       output_size=1)
    mode = "many_to_many" if data.cfg.many_to_many else "many_to_one"
    return replace(cfg, mode=mode, input_size=data.input_size, output_size=1, vocab_size=0)


def preparation_dict(data: SeriesData | TextData) -> dict:
    """How the data were prepared, for a saved model: columns, window, scaler, vocabulary."""
    if isinstance(data, TextData):
        return {"kind": "text", "config": asdict(data.cfg), "vocab": list(data.vocab.chars)}
    return {"kind": "series", "config": data.cfg.to_dict(), "scaler": data.scaler.to_dict(),
            "boundaries": [int(b) for b in data.boundaries]}
