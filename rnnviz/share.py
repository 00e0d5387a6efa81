"""Settings <-> a flat dict of short strings, for a link that restores a session.

As in TensorFlow Playground, the whole setup (bundled sample, preparation, model and
training settings) fits in a URL query: `?s=airline&w=12&cell=gru&h=16&lr=0.005`.
`from_params` reads a link someone may have edited by hand: every value is checked
(type, range, allowed choices) and a bad one becomes a warning and keeps its default,
never an exception. Trained weights and uploads are not part of a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from rnnviz.i18n import t
from rnnviz.models import CELLS, ModelConfig
from rnnviz.prep import SeriesConfig
from rnnviz.safe import md, names
from rnnviz.samples import SAMPLES, Sample
from rnnviz.text import TextConfig
from rnnviz.train import TrainConfig

# The Model page's hidden sizes: a size it cannot show would be reset on the first visit.
HIDDEN_SIZES = (2, 4, 8, 10, 16, 32, 48, 64, 96, 128, 192, 256)
MAX_VALUE_CHARS = 300  # longer values are garbage (or abuse), not settings
SHOWN_CHARS = 40  # a value a warning quotes is cut to this
# int() of a long digit string costs quadratic time and, past 4,300 digits, raises with
# Python's "sys.set_int_max_str_digits" advice: no setting needs more digits than this.
MAX_INT_DIGITS = 18
WHOLE = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: int() also takes "٣", "1_0", " 5 "


@dataclass(frozen=True)
class Settings:
    sample_key: str | None
    prep: SeriesConfig | TextConfig | None
    model: ModelConfig
    train: TrainConfig


# ---------------------------------------------------------------- value parsers
# Each turns a string into a value or raises ValueError saying what is allowed.


def _int(lo: int, hi: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not WHOLE.fullmatch(text):
            raise ValueError(t("link.not_int"))
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:  # checked before int() reads it
            raise ValueError(t("link.huge_int", lo=lo, hi=hi))
        value = int(text)
        if not lo <= value <= hi:
            raise ValueError(t("link.outside", lo=lo, hi=hi))
        return value
    return parse


def _float(lo: float, hi: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise ValueError(t("link.not_number")) from None
        if not lo <= value <= hi:  # also refuses nan
            raise ValueError(t("link.outside", lo=format(lo, "g"), hi=format(hi, "g")))
        return value
    return parse


def _choice(options: Sequence) -> Callable[[str], object]:
    def parse(text: str):
        for option in options:
            if text == str(option):
                return option
        raise ValueError(t("link.not_one_of", options=", ".join(map(str, options))))
    return parse


def _bool(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(t("link.not_bool"))
    return text == "1"


def _chars(text: str) -> int | None:
    """max_chars: 0 means the whole text."""
    return _int(0, 10**9)(text) or None


def _column(text: str) -> str:
    if not text.strip():
        raise ValueError(t("link.empty_column"))
    return text


def _columns(text: str) -> tuple[str, ...]:
    # Repeats dropped, first order kept: "Temp,Temp,Temp" is one input, not three copies.
    picked = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    if not picked:
        raise ValueError(t("link.no_columns"))
    return picked


# key -> (field, parser); the order is the order in a link
SERIES_KEYS = {
    "t": ("target", _column), "f": ("features", _columns), "w": ("window", _int(2, 1000)),
    "hz": ("horizon", _int(1, 365)), "m2m": ("many_to_many", _bool),
    "sc": ("scaling", _choice(("minmax", "standard", "none"))),
    "vf": ("val_frac", _float(0.05, 0.4)), "tf": ("test_frac", _float(0.05, 0.4)),
    "na": ("missing", _choice(("interpolate", "drop"))),
}
TEXT_KEYS = {"sl": ("seq_len", _int(8, 256)), "mc": ("max_chars", _chars)}
MODEL_KEYS = {
    "cell": ("cell", _choice(CELLS)), "h": ("hidden_size", _choice(HIDDEN_SIZES)),
    "l": ("num_layers", _int(1, 4)), "bi": ("bidirectional", _bool),
    "do": ("dropout", _float(0.0, 0.5)),
}
TRAIN_KEYS = {
    "opt": ("optimizer", _choice(("adam", "sgd"))), "lr": ("lr", _float(1e-5, 10.0)),
    "bs": ("batch_size", _int(1, 1024)), "ep": ("epochs", _int(1, 500)),
    "clip": ("clip_grad_norm", _float(0.0, 100.0)), "seed": ("seed", _int(0, 2**31 - 1)),
}
KEYS = ("s", *SERIES_KEYS, *TEXT_KEYS, *MODEL_KEYS, *TRAIN_KEYS)


# ---------------------------------------------------------------- writing


def _text(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    if value is None:
        return "0"  # max_chars: the whole text
    return str(value)  # str(float) is the shortest text that reads back exactly


def _write(spec: Mapping, cfg) -> dict[str, str]:
    return {key: _text(getattr(cfg, name)) for key, (name, _) in spec.items()}


def to_params(sample_key: str, prep_cfg, model_cfg: ModelConfig,
              train_cfg: TrainConfig) -> dict[str, str]:
    """The settings as short query keys (s=temperature&w=30&cell=lstm&h=32...)."""
    out = {"s": sample_key}
    if isinstance(prep_cfg, SeriesConfig):
        out |= _write(SERIES_KEYS, prep_cfg)
    elif isinstance(prep_cfg, TextConfig):
        out |= _write(TEXT_KEYS, prep_cfg)
    return out | _write(MODEL_KEYS, model_cfg) | _write(TRAIN_KEYS, train_cfg)


# ---------------------------------------------------------------- reading


def sample_defaults(sample: Sample) -> SeriesConfig | TextConfig:
    """A sample's first preparation (the same choice workspace makes when it loads)."""
    if sample.kind == "text":
        return TextConfig(seq_len=64, max_chars=300_000)
    return SeriesConfig(target=sample.target, features=(sample.target,),
                        date_column=sample.date_column, window=sample.window)


def _shown(text: str) -> str:
    """A value as a warning quotes it: cut, and escaped (a link may carry anything,
    Markdown links and images included, and the warning is Markdown)."""
    return md(text, SHOWN_CHARS)


def _value(raw) -> str:
    if isinstance(raw, (list, tuple)):  # a repeated key: the last one wins, as in st.query_params
        raw = raw[-1] if raw else ""
    return str(raw)


def _read(params: Mapping, spec: Mapping, cfg, warnings: list[str]):
    """cfg with every valid value in params for spec's keys; bad ones become warnings."""
    changes = {}
    for key, (name, parse) in spec.items():
        if key not in params:
            continue
        text = _value(params[key])
        try:
            if len(text) > MAX_VALUE_CHARS:
                raise ValueError(t("link.too_long"))
            changes[name] = parse(text)
        except ValueError as err:
            warnings.append(t("link.bad_value", key=key, value=_shown(text), error=err,
                              kept=_shown(_text(getattr(cfg, name)))))
    return replace(cfg, **changes)


def _check_columns(prep: SeriesConfig, base: SeriesConfig, columns: Sequence[str],
                   warnings: list[str]) -> SeriesConfig:
    """Drop column names the sample does not have."""
    known = set(columns)
    target = prep.target
    if target not in known:
        warnings.append(t("link.no_column", value=_shown(target), kept=_shown(base.target)))
        target = base.target
    unknown = [c for c in prep.features if c not in known]
    features = tuple(c for c in prep.features if c in known) or base.features
    if unknown:
        warnings.append(t("link.unknown_columns",
                          columns=names(unknown, SHOWN_CHARS, most=5, quote="'")))
    return replace(prep, target=target, features=features)


def _sample(params: Mapping, warnings: list[str]) -> Sample | None:
    if "s" not in params:
        return None
    key = _value(params["s"])
    if key in SAMPLES:
        return SAMPLES[key]
    warnings.append(t("link.unknown_sample", value=_shown(key), samples=", ".join(SAMPLES)))
    return None


def _prep(params: Mapping, sample: Sample | None, base, columns, warnings: list[str]):
    if sample is None:
        return None
    text = sample.kind == "text"
    kind = TextConfig if text else SeriesConfig
    base = base if isinstance(base, kind) else sample_defaults(sample)
    prep = _read(params, TEXT_KEYS if text else SERIES_KEYS, base, warnings)
    if not text and columns is not None:
        prep = _check_columns(prep, base, columns, warnings)
    return prep


def from_params(params: Mapping, defaults: Settings | None = None,
                columns: Sequence[str] | None = None) -> tuple[Settings, list[str]]:
    """Settings read from a link, and one warning per value that could not be used.

    Keys a link leaves out keep `defaults` (ModelConfig() / TrainConfig() and the
    sample's defaults when not given). `columns`, the sample's numeric columns when
    known, lets target and feature names be checked. Unknown keys are ignored: a URL
    may carry other apps' or Streamlit's own parameters.
    """
    d = defaults or Settings(None, None, ModelConfig(), TrainConfig())
    warnings: list[str] = []
    sample = _sample(params, warnings)
    prep = _prep(params, sample, d.prep, columns, warnings)
    model = _read(params, MODEL_KEYS, d.model, warnings)
    train = _read(params, TRAIN_KEYS, d.train, warnings)
    return Settings(sample.key if sample else None, prep, model, train), warnings


def carries_settings(params: Mapping) -> bool:
    """Whether a query holds any of rnnviz's settings (a bare URL restores nothing)."""
    return any(key in params for key in KEYS)
