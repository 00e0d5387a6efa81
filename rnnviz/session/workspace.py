"""What one user is working on: a data set, how it is prepared, and the model built for it.

`Workspace` holds one session's current data set, settings, run and jobs (rnnviz.ui.state
keeps one per browser session and only fetches it); the functions here hold the choices
a page would otherwise make itself (defaults per data set, sizes derived from the data).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from rnnviz.data import filekind, frequency, roles, sentinels, stacked
from rnnviz.data.labels import (
    LabelConfig,
    LabelledData,
    guess_columns,
    prepare_labels,
    read_labelled_table,
)
from rnnviz.data.prep import SeriesConfig, SeriesData, prepare_series
from rnnviz.data.reader import Note, TableRead, read_table_full, read_text
from rnnviz.data.samples import SAMPLES, Sample
from rnnviz.data.sentinels import Code
from rnnviz.data.text import TextConfig, TextData, prepare_text
from rnnviz.data.typed import prepare_typed
from rnnviz.model.network import ModelConfig
from rnnviz.server import isolated
from rnnviz.server.limits import MAX_ROWS, RunRequest
from rnnviz.session import schema
from rnnviz.session.run import Run
from rnnviz.train.job import TrainConfig
from rnnviz.train.worker import Job

TEXT_SUFFIXES = (".txt", ".md")  # read as text by their name alone, so told of no other
KEPT = "+codes"  # a data set's digest with its missing-value codes kept as numbers
LABELS = "+labels"  # a table's digest when read as labelled texts


@dataclass(frozen=True, eq=False)
class Dataset:
    label: str  # the file's name; a sample's title is looked up in the user's language
    # "series" | "text" | "typed" (rows typed as "sequence -> target") | "labels" (texts
    # that end in a class: a table of text and label, or a folder of class files)
    kind: str
    table: pd.DataFrame | None = None
    text: str | None = None
    digest: str = ""  # of the bytes it came from: the same upload is not parsed twice
    sample: Sample | None = None
    notes: tuple[Note, ...] = ()  # what reading changed (zones dropped); Note.text to show
    typed: bool = False  # numbers typed on the Data page: no file behind it (its label is text)
    codes: tuple[Code, ...] = ()  # missing-value codes found (rnnviz.data.sentinels)
    keep_codes: bool = False  # the codes stay numbers in `table` (the user asked)

    @property
    def name(self) -> str:
        return self.sample.title if self.sample else self.label

    @property
    def rows(self) -> int:
        return len(self.table) if self.table is not None else len(self.text or "")


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def load_upload(name: str, raw: bytes) -> Dataset:
    """A user's file as a Dataset; raises DataError with what to do when it is unusable.

    Table or text is decided by the content's first part (rnnviz.data.filekind), the name only
    a hint; a file read otherwise than its name suggests says so in a note. Read in a
    child process with a deadline and a memory limit (rnnviz.server.isolated): any bytes are
    decided within seconds, and a file no reader can cope with costs the server nothing.
    The samples are known files, read in the server."""
    named_text = Path(name).suffix.lower() in TEXT_SUFFIXES
    if filekind.kind(name, filekind.head(raw)) == "text":
        told = () if named_text else (Note("filekind.read_as_text", {"name": name}),)
        return Dataset(
            name, "text", text=isolated.call(read_text, raw), digest=digest(raw), notes=told
        )
    read = isolated.call(read_table_full, raw)
    told = (Note("filekind.read_as_table", {"name": name}),) if named_text else ()
    return _table_dataset(name, replace(read, notes=told + read.notes), digest(raw))


def labels_dataset(name: str, raw: bytes, table: pd.DataFrame) -> Dataset:
    """A user's CSV of texts and labels (name,language), every cell read as text (the
    caller reads `raw` in a child process, as any upload), as labelled texts; DataError when
    no column looks like a label."""
    guess_columns(table)
    told = (Note("names.read_as_labels", {"name": name}),)
    return Dataset(name, "labels", table=table, digest=digest(raw) + LABELS, notes=told)


def load_sample(key: str) -> Dataset:
    s = SAMPLES[key]
    raw = s.path.read_bytes()
    if s.kind == "text":
        return Dataset(s.key, "text", text=read_text(raw), digest=digest(raw), sample=s)
    if s.kind == "labels":
        return Dataset(
            s.key, "labels", table=read_labelled_table(raw), digest=digest(raw), sample=s
        )
    return _table_dataset(s.key, read_table_full(raw), digest(raw), sample=s)


def _table_dataset(label: str, read: TableRead, key: str, sample: Sample | None = None) -> Dataset:
    notes = read.notes + tuple(sentinels.notes(read.codes, keep=False))
    return Dataset(
        label, "series", table=read.table, digest=key, sample=sample, notes=notes, codes=read.codes
    )


def as_labels(ds: Dataset, table: pd.DataFrame | None = None, notes=()) -> Dataset:
    """A table (an upload read as a series first, or a folder of class files) as labelled
    texts: every column kept as text, so a class named "1" or a name like "0012" is read as
    written. Its digest differs from the series reading's: no run or cache is shared."""
    if table is None:
        assert ds.table is not None  # a table's data set
        table = ds.table.astype("string").fillna("")
    return Dataset(
        ds.label, "labels", table=table, digest=ds.digest + LABELS, sample=None, notes=tuple(notes)
    )


def default_label_config(ds: Dataset) -> LabelConfig:
    """The sample's own columns, else the guess (rnnviz.data.labels.guess_columns)."""
    assert ds.table is not None  # labelled texts come as a table
    if ds.sample is not None:
        return schema.make(
            LabelConfig, text_column=ds.sample.inputs[0], label_column=ds.sample.target
        )
    text, label = guess_columns(ds.table)
    return schema.make(LabelConfig, text_column=text, label_column=label)


def keeping_codes(ds: Dataset, keep: bool) -> Dataset:
    """The data set with its missing-value codes kept as numbers, or read as missing again;
    the notes say which."""
    if keep == ds.keep_codes or not ds.codes:
        return ds
    change = sentinels.restore if keep else sentinels.as_missing
    others = tuple(n for n in ds.notes if n.key not in sentinels.NOTE_KEYS)
    # Other values, another digest: a run, a figure or Auto's choice made on the codes read
    # as missing is not taken for one made on them kept.
    key = ds.digest + KEPT if keep else ds.digest.removesuffix(KEPT)
    return replace(
        ds,
        table=change(ds.table, ds.codes),
        keep_codes=keep,
        digest=key,
        notes=others + tuple(sentinels.notes(ds.codes, keep)),
    )


def default_series_config(ds: Dataset) -> SeriesConfig:
    """A sensible first choice of columns, season and window for a table (the rest: the
    schema's defaults, rnnviz/session/schema.py). The columns come from their roles
    (rnnviz/data/roles.py): a row counter or a calendar year is never the default target, and the
    input is the target itself; a sample keeps the target, season and window it names."""
    table, s = ds.table, ds.sample
    assert table is not None  # a table's data set
    key = stacked.find_key(table)
    one: str | None = None
    if key:  # a stacked table: the longest series, its columns judged within it
        one = stacked.series(table, key)[0].value
        table = stacked.select(table, key, one)
    r = roles.default_roles(table, prefer=s.target if s else None)
    season = _season(table, r.time_axis, s)
    # A very long table trains on its newest rows first; the Data page offers other cuts.
    last = MAX_ROWS if len(table) > MAX_ROWS else None
    # A sample names its window (its lessons read it); another table reads a tenth of the
    # rows it trains on, at most the default and at least 2: a window of 1 (valid: a
    # tutorial's) is the user's choice, not a guess.
    first = s.window if s else _window(min(len(table), MAX_ROWS), season)
    return schema.make(
        SeriesConfig,
        target=r.target,
        features=r.inputs,
        date_column=r.time_axis,
        window=first,
        last_rows=last,
        season=season,
        series_column=key,
        series_value=one,
    )


def _season(table: pd.DataFrame, axis: str | None, sample: Sample | None) -> int | None:
    """The sample's season, else the one the time axis's frequency gives (rnnviz.data.frequency)."""
    if sample and sample.season:
        return sample.season
    return frequency.detect(table[axis]).season if axis else None


def _window(rows: int, season: int | None) -> int:
    """A tenth of the rows, at most the schema's default; stretched to see one season back
    (season + 1 steps) where a tenth of the rows allows: the rest stay train/val/test pairs."""
    spec = schema.get(SeriesConfig, "window")
    window = max(2, min(spec.default, rows // 10))
    if season:
        assert spec.hi is not None  # the window setting declares its largest value
        window = max(window, min(season + 1, rows // 10, spec.hi))
    return window


def default_text_config(ds: Dataset) -> TextConfig:
    return schema.make(TextConfig)


def default_prep(ds: Dataset):
    """The preparation a data set starts with, by its kind."""
    if ds.kind == "text":
        return default_text_config(ds)
    if ds.kind == "labels":
        return default_label_config(ds)
    return default_series_config(ds)


def default_model_config(ds: Dataset) -> ModelConfig:
    """A text reads best with a wider GRU; names with a bidirectional GRU whose final state
    has dropout (bench/classify.py: the one that beat the bigram baseline in 60 s); a
    series with the schema's defaults."""
    if ds.kind == "text":
        return schema.make(ModelConfig, cell="gru", hidden_size=128)
    if ds.kind == "labels":
        return schema.make(
            ModelConfig, cell="gru", hidden_size=128, bidirectional=True, dropout=0.3
        )
    return schema.make(ModelConfig)


def prepare(ds: Dataset, cfg, previous=None) -> SeriesData | TextData | LabelledData:
    """`previous`: the preparation these settings replace (a text reuses its ids)."""
    if ds.kind == "labels":
        assert ds.table is not None  # labelled texts come as a table
        return prepare_labels(ds.table, cfg)
    if ds.kind == "text":
        assert ds.text is not None  # a text's data set holds its text
        return prepare_text(ds.text, cfg, previous if isinstance(previous, TextData) else None)
    assert ds.table is not None  # a table's or typed rows' data set holds its table
    if ds.kind == "typed":  # rows of "sequence -> target" typed on the Data page
        return prepare_typed(ds.table.itertuples(index=False, name=None), cfg)
    return prepare_series(ds.table, cfg)


def default_train_config(ds: Dataset) -> TrainConfig | None:
    """A classifier's training (bench/classify.py: 12 epochs, about 30 s on two cores for the
    names, end above the bigram baseline); None: the session's own choice stands."""
    if ds.kind != "labels":
        return None
    # The weights of the lowest validation loss come early (epoch 6 of 12) and are less
    # accurate than the last ones, which the cosine schedule has settled.
    return schema.make(
        TrainConfig, device="cpu", lr=0.003, batch_size=128, epochs=12, restore_best=False
    )


# What a session trains with before the user chooses (the Model and Train pages' defaults).
DEFAULT_MODEL = schema.make(ModelConfig)
# The device is the machine's choice, not a setting: a session starts on the CPU and the
# Train page offers CUDA where there is one.
DEFAULT_TRAIN = schema.make(TrainConfig, device="cpu")


@dataclass(eq=False)
class Workspace:
    """One session's work: the current data set and settings, the run, and the jobs.

    The run (the trained or loaded model with the data it was trained on) and the jobs
    are kept apart from the current data: changing the data never touches them. Jobs are
    kept by name: "main" (the run's training), "race" (Compare), "lab:..." (the Lab's).
    """

    dataset: Dataset | None = None
    prep_cfg: SeriesConfig | TextConfig | LabelConfig | None = None
    prepared: SeriesData | TextData | LabelledData | None = None
    model_cfg: ModelConfig | None = None  # None until chosen: see model_settings()
    train_cfg: TrainConfig | None = None  # None until chosen: see train_settings()
    run: Run | None = None
    jobs: dict[str, Job] = field(default_factory=dict)
    # What each job was admitted to train (rnnviz.ui.jobs' gate counts the running ones).
    requests: dict[str, tuple[RunRequest, ...]] = field(default_factory=dict)

    def set_dataset(self, ds: Dataset, prep_cfg) -> None:
        """Replace the data set only once it prepared cleanly (DataError leaves the old one)."""
        prepared = prepare(ds, prep_cfg)
        self.dataset, self.prep_cfg, self.prepared = ds, prep_cfg, prepared

    def set_prep_cfg(self, cfg) -> None:
        """New preparation settings for the current data set (DataError leaves the old ones)."""
        if cfg == self.prep_cfg:
            return
        assert self.dataset is not None  # preparation settings come with a data set
        self.prepared = prepare(self.dataset, cfg, self.prepared)
        self.prep_cfg = cfg

    def model_settings(self) -> ModelConfig:
        return self.model_cfg or DEFAULT_MODEL

    def train_settings(self) -> TrainConfig:
        return self.train_cfg or DEFAULT_TRAIN

    def put_job(self, name: str, job: Job, requests=()) -> None:
        """Keep `job` under `name`; the job it replaces is stopped (one job per name)."""
        self.drop_job(name)
        self.jobs[name] = job
        if requests:
            self.requests[name] = tuple(requests)

    def drop_job(self, name: str) -> None:
        old = self.jobs.pop(name, None)
        self.requests.pop(name, None)
        if old is not None:
            old.stop()

    def stop_all(self) -> None:
        for job in list(self.jobs.values()):
            job.stop()
