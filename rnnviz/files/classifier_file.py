"""A name classifier as a safetensors file: its weights, its ClassifierConfig, and what it
reads and answers (the alphabet and the class names), so a file saved last week types a
name into the same ids and names the same classes.

The same container as a forecaster's (rnnviz.files.model_file: format, header checks, no
pickle); its preparation says kind "labels". Every number and string the file claims is
checked against the server's caps before a tensor is read.
"""

from __future__ import annotations

import math
from dataclasses import fields

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors

from rnnviz.data.labels import MAX_CLASS_NAME, MAX_CLASSES, LabelConfig, LabelledData
from rnnviz.data.text import Vocab
from rnnviz.files import model_file as mf
from rnnviz.i18n import t
from rnnviz.model.classifier import EMBEDS, ClassifierConfig, NameClassifier
from rnnviz.model.network import CELLS
from rnnviz.server.limits import MAX_HIDDEN, MAX_LAYERS, MAX_VOCAB

KIND = "labels"
CAPS = {
    "vocab_size": MAX_VOCAB,
    "num_classes": MAX_CLASSES,
    "hidden_size": MAX_HIDDEN,
    "num_layers": MAX_LAYERS,
    "embed_size": MAX_HIDDEN,
}


def classifier_bytes(model: NameClassifier, data: LabelledData) -> bytes:
    preparation = {
        "kind": KIND,
        "classes": list(data.classes),
        "vocab": "".join(data.vocab.chars),
        "data": data.cfg.to_dict(),
    }
    return mf.model_bytes(model, preparation)


def is_classifier(preparation: dict) -> bool:
    return preparation.get("kind") == KIND


def _bad(error: str) -> ValueError:
    return ValueError(t("export.bad_settings", error=error))


def _config(d: dict) -> ClassifierConfig:
    for f in fields(ClassifierConfig):
        if f.name not in d:
            continue
        value = d[f.name]
        if f.name in ("cell", "embed"):
            options = CELLS if f.name == "cell" else EMBEDS
            if value not in options:
                raise _bad(
                    t(
                        "export.choice",
                        field=f.name,
                        options=", ".join(options),
                        value=mf.shorten(repr(value)),
                    )
                )
        elif f.type in ("int", int) and type(value) is not int:
            raise mf._kind_error(f.name, "int", value)
        elif f.type in ("bool", bool) and type(value) is not bool:
            raise mf._kind_error(f.name, "bool", value)
        elif f.type in ("float", float) and not (
            type(value) is int or (type(value) is float and math.isfinite(value))
        ):
            raise mf._kind_error(f.name, "number", value)
    for name, cap in CAPS.items():
        if isinstance(d.get(name), int) and d[name] > cap:
            raise ValueError(
                t("export.too_big", reason=t("names.file_cap", field=name, value=d[name], cap=cap))
            )
    try:
        return ClassifierConfig.from_dict(d)
    except (TypeError, ValueError) as err:
        raise _bad(str(err)) from err


def _answers(prep: dict, cfg: ClassifierConfig) -> tuple[tuple[str, ...], Vocab, LabelConfig]:
    """The class names and the alphabet, as many as the config says, each a short string."""
    classes, vocab = prep.get("classes"), prep.get("vocab")
    if (
        not isinstance(classes, list)
        or len(classes) != cfg.num_classes
        or not all(isinstance(c, str) and 0 < len(c) <= MAX_CLASS_NAME for c in classes)
        or len(set(classes)) != len(classes)
    ):
        raise _bad(t("names.file_classes", n=cfg.num_classes))
    if not isinstance(vocab, str) or len(vocab) != cfg.vocab_size or len(set(vocab)) != len(vocab):
        raise _bad(t("names.file_vocab", n=cfg.vocab_size))
    data = prep.get("data")
    try:
        label_cfg = LabelConfig.from_dict(data) if isinstance(data, dict) else None
    except TypeError:
        label_cfg = None
    if (
        label_cfg is None
        or type(label_cfg.max_len) is not int
        or not 1 <= label_cfg.max_len <= 10_000
    ):
        raise _bad(t("names.file_vocab", n=cfg.vocab_size))
    return tuple(classes), Vocab(tuple(vocab)), label_cfg


def expected_tensors(cfg: ClassifierConfig) -> dict[str, torch.Size]:
    with torch.device("meta"):
        model = NameClassifier(cfg)
    return {k: v.shape for k, v in model.state_dict().items()}


def load_classifier(source):
    """(model, classes, vocab, label config) of a saved classifier; ValueError with what to do."""
    raw = mf._raw(source)
    header, start = mf._header(raw)
    meta = mf._metadata(header)
    if not is_classifier(meta["preparation"]):
        raise ValueError(t("names.file_not_classifier"))
    cfg = _config(meta["model"])
    classes, vocab, label_cfg = _answers(meta["preparation"], cfg)
    entries = mf._entries(header)
    mf._check_header(entries, dict(expected_tensors(cfg)), len(raw) - start)
    try:
        tensors = load_tensors(raw)
    except (SafetensorError, RuntimeError, ValueError, TypeError, OverflowError) as err:
        raise ValueError(t("export.damaged", problem=t("export.layout"))) from err
    with torch.device("meta"):
        model = NameClassifier(cfg)
    model.load_state_dict({k: v.to(torch.float32) for k, v in tensors.items()}, assign=True)
    return model.eval(), classes, vocab, label_cfg
