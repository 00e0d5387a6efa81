"""A run: one trained (or loaded) model and everything it was trained with.

The run owns its training job (the model inside), the prepared data the job reads
(windows, scaler, vocabulary, column roles), where those data came from, and the figures
built from it. Pages that show a model read its run, never the Data page's current data:
changing the data after training leaves the run as it was, and `fits` says whether the
current data are the run's. A saved file carries what rebuilds the run (rundata.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from rnnviz.data.labels import LabelledData
from rnnviz.data.prep import SeriesData
from rnnviz.data.samples import SAMPLES
from rnnviz.data.text import TextData
from rnnviz.files import run_data
from rnnviz.files.model_file import model_bytes
from rnnviz.model.network import build_model
from rnnviz.train.job import TrainJob

MAX_LABEL = 200  # characters of a data set's name kept from a file


@dataclass(frozen=True)
class Origin:
    """The data set a run's data were prepared from."""

    label: str  # the file's name, or a sample's key
    digest: str = ""  # of the bytes the data set was read from
    sample: str | None = None  # a sample's key: its title is read in the user's language
    typed: bool = False  # typed on the Data page: an exported script carries the numbers

    @property
    def name(self) -> str:
        return SAMPLES[self.sample].title if self.sample in SAMPLES else self.label

    @classmethod
    def of(cls, ds) -> Origin:
        """The origin of a workspace.Dataset."""
        return cls(ds.label, ds.digest, ds.sample.key if ds.sample else None, ds.typed)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "digest": self.digest,
            "sample": self.sample,
            "typed": self.typed,
        }

    @classmethod
    def from_dict(cls, d) -> Origin | None:
        """From a file's metadata: text fields only (anything else is dropped), cut short."""
        if not isinstance(d, dict) or not isinstance(d.get("label"), str):
            return None
        text = {k: d[k][:MAX_LABEL] for k in ("digest", "sample") if isinstance(d.get(k), str)}
        return cls(
            d["label"][:MAX_LABEL],
            text.get("digest", ""),
            text.get("sample"),
            d.get("typed") is True,
        )


@dataclass(eq=False)
class Run:
    job: TrainJob  # a ClassifyJob when data are LabelledData
    data: SeriesData | TextData | LabelledData
    origin: Origin
    # Figure caches are keyed by this, not by id(job): a freed job's id is reused.
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    figures: dict = field(default_factory=dict, repr=False)  # name -> (key, figure)

    @property
    def model(self):
        return self.job.model

    @property
    def prep_cfg(self):
        return self.data.cfg

    @property
    def model_cfg(self):
        return self.job.model.cfg

    @property
    def train_cfg(self):
        return self.job.cfg  # Resume may change it: the job keeps the one it trains with

    @property
    def is_text(self) -> bool:
        return isinstance(self.data, TextData)

    @property
    def is_labels(self) -> bool:
        """A classifier of labelled texts (rnnviz.train.classify_job)."""
        return isinstance(self.data, LabelledData)

    def fits(self, digest: str | None, prep_cfg) -> bool:
        """Whether data set `digest` prepared with `prep_cfg` are this run's data."""
        return digest == self.origin.digest and prep_cfg == self.data.cfg

    def preparation(self) -> dict:
        """The saved file's preparation: how the data were prepared, and from what."""
        # A classifier's file says it in its own words (rnnviz.files.classifier_file).
        assert not isinstance(self.data, LabelledData)
        return {**run_data.describe(self.data), "dataset": self.origin.to_dict()}


def run_bytes(run: Run) -> bytes:
    """The safetensors file of a run: weights, settings, and the prepared data."""
    assert not isinstance(run.data, LabelledData)  # rnnviz.files.classifier_file's
    return model_bytes(run.model, run.preparation(), run_data.tensors(run.data))


def saved_origin(model) -> Origin | None:
    """Where a loaded model's saved data came from (None: not said)."""
    return Origin.from_dict(getattr(model, "preparation", {}).get("dataset"))


def weights_copy(model):
    """A new model holding a copy of `model`'s weights, and nothing else it carries."""
    clone = build_model(model.cfg)
    clone.load_state_dict(model.state_dict())
    return clone


def weights_version(model) -> tuple:
    """Changes whenever the model's weights do: each parameter's storage and its in-place
    write counter (an optimizer step, a rollback's copy, a loaded file's new tensors all
    move it). A cache of what the model computed is keyed by it, at no cost to compute."""
    return tuple((p.data_ptr(), p._version) for p in model.parameters())
