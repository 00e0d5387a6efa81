"""Multi-step actions a button triggers (kept out of pages so they stay layout only)."""

from __future__ import annotations

from rnnviz.data.labels import read_labelled_table, words_only
from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig
from rnnviz.server import isolated
from rnnviz.session import schema
from rnnviz.session.workspace import (
    Dataset,
    as_labels,
    default_model_config,
    default_prep,
    default_train_config,
    digest,
    labels_dataset,
    load_sample,
    load_upload,
)
from rnnviz.train.job import TrainConfig
from rnnviz.ui import jobs, state


def use_sample(key: str) -> None:
    ds = load_sample(key)
    state.set_dataset(ds, default_prep(ds))
    if ds.kind in ("text", "labels"):
        state.set_model_cfg(default_model_config(ds))
    _classifier_training(ds)


def _classifier_training(ds) -> None:
    """Labelled texts train with a classifier's settings (lr, batch, epochs); the Model and
    Train pages' widgets let go of their values, so they show these."""
    if (cfg := default_train_config(ds)) is not None:
        state.set_train_cfg(cfg)
        for s in (*schema.of(ModelConfig), *schema.of(TrainConfig)):
            state.widget(s.widget).pop()


def _labels_or_raise(name: str, raw: bytes, series_error: DataError):
    """A table of words (a column of names, one of classes) as labelled texts, or what is
    wrong with its labels; any other file keeps the series reader's error."""
    try:
        table = isolated.call(read_labelled_table, raw)
    except DataError:
        raise series_error from None
    if not words_only(table):
        raise series_error
    return labels_dataset(name, raw, table)


def read_as_labels(table=None, name: str | None = None, notes=()) -> str | None:
    """The loaded table (or `table`, read from a folder of class files) as labelled texts,
    with a model made for them; an error message (the old data stay) or None."""
    ds = state.dataset()
    try:
        if table is not None:
            key = digest(table.to_csv(index=False).encode("utf-8", "surrogatepass"))
            base = Dataset(name or "", "series", table=table, digest=key)
            labelled = as_labels(base, table, notes)
        else:
            assert ds is not None  # the button shows under a loaded table
            labelled = as_labels(ds)
        state.set_dataset(labelled, default_prep(labelled))
    except DataError as err:
        return t("data.upload_failed" if ds else "filekind.upload_failed_first", error=err)
    state.set_model_cfg(default_model_config(labelled))
    _classifier_training(labelled)
    return None


def use_upload(name: str, raw: bytes) -> str | None:
    """Load a user's file; returns an error message (the old data, if any, stay) or None."""
    try:
        try:
            ds = load_upload(name, raw)
        except DataError as series_error:
            # A table of words (name,language) has no number to forecast: read as labelled
            # texts, or told what is wrong with its labels (rnnviz.data.labels.words_only).
            ds = _labels_or_raise(name, raw, series_error)
        state.set_dataset(ds, default_prep(ds))
        if ds.kind == "labels":
            state.set_model_cfg(default_model_config(ds))
            _classifier_training(ds)
    except DataError as err:
        # With nothing loaded before, "the previous data set stays" would be untrue.
        key = "data.upload_failed" if state.dataset() else "filekind.upload_failed_first"
        return t(key, error=err)
    return None


def quick_start() -> None:
    use_sample("temperature")
    state.set_model_cfg(default_model_config(state.dataset()))
    jobs.drop()
