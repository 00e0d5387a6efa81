"""Settings <-> a flat dict of short strings, for a link that restores a session.

As in TensorFlow Playground, the whole setup (bundled sample, preparation, model and
training settings) fits in a URL query: `?s=airline&w=12&cell=gru&h=16&lr=0.005`.
`from_params` reads a link someone may have edited by hand: every value is checked
(type, range, allowed choices) and a bad one becomes a warning and keeps its default,
never an exception. Trained weights and uploads are not part of a link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rnnviz.data.labels import LabelConfig
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.samples import SAMPLES, Sample
from rnnviz.data.text import TextConfig
from rnnviz.i18n import t
from rnnviz.model.network import ModelConfig
from rnnviz.safe_text import md, names
from rnnviz.session import schema
from rnnviz.session.schema import SAMPLE_KEY
from rnnviz.train.job import TrainConfig

MAX_VALUE_CHARS = 300  # longer values are garbage (or abuse), not settings
SHOWN_CHARS = 40  # a value a warning quotes is cut to this


@dataclass(frozen=True)
class Setup:
    sample_key: str | None
    prep: SeriesConfig | TextConfig | None
    model: ModelConfig
    train: TrainConfig


KEYS = (SAMPLE_KEY, *schema.BY_KEY)  # in a link's order
PREP = {
    "series": SeriesConfig,
    "text": TextConfig,
    "labels": LabelConfig,
}  # a sample's kind -> its preparation


# ---------------------------------------------------------------- writing


def _write(cfg) -> dict[str, str]:
    """A setting that may be empty is left out when it is (old links never had it)."""
    values = {s: schema.value(cfg, s) for s in schema.of(type(cfg)) if s.key}
    return {
        s.key: schema.text(s, v)
        for s, v in values.items()  # s.key: set, as above
        if s.key and not (s.empty and not v)
    }


def to_params(
    sample_key: str, prep_cfg, model_cfg: ModelConfig, train_cfg: TrainConfig
) -> dict[str, str]:
    """The settings as short query keys (s=temperature&w=30&cell=lstm&h=32...)."""
    out = {SAMPLE_KEY: sample_key}
    if prep_cfg is not None:
        out |= _write(prep_cfg)
    return out | _write(model_cfg) | _write(train_cfg)


# ---------------------------------------------------------------- reading


def sample_defaults(sample: Sample) -> SeriesConfig | TextConfig | LabelConfig:
    """A sample's first preparation (the same choice workspace makes when it loads)."""
    if sample.kind == "text":
        return schema.make(TextConfig)
    if sample.kind == "labels":
        return schema.make(LabelConfig, text_column=sample.inputs[0], label_column=sample.target)
    return schema.make(
        SeriesConfig,
        target=sample.target,
        features=(sample.target,),
        date_column=sample.date_column,
        window=sample.window,
    )


def _shown(text: str) -> str:
    """A value as a warning quotes it: cut, and escaped (a link may carry anything,
    Markdown links and images included, and the warning is Markdown)."""
    return md(text, SHOWN_CHARS)


def _value(raw) -> str:
    if isinstance(raw, (list, tuple)):  # a repeated key: the last one wins, as in st.query_params
        raw = raw[-1] if raw else ""
    return str(raw)


def _read(params: Mapping, cfg, warnings: list[str]):
    """cfg with every valid value in params for its settings; bad ones become warnings."""
    changes = {}
    for s in schema.of(type(cfg)):
        if s.key not in params:
            continue
        text = _value(params[s.key])
        try:
            if len(text) > MAX_VALUE_CHARS:
                raise ValueError(t("link.too_long"))
            changes[s.name] = schema.parse(s, text)
        except ValueError as err:
            kept = schema.text(s, schema.value(cfg, s))
            warnings.append(
                t("link.bad_value", key=s.key, value=_shown(text), error=err, kept=_shown(kept))
            )
    return replace(cfg, **changes)


def _check_columns(
    prep: SeriesConfig, base: SeriesConfig, columns: Sequence[str], warnings: list[str]
) -> SeriesConfig:
    """Drop column names the sample does not have."""
    known = set(columns)
    target = prep.target
    if target not in known:
        warnings.append(t("link.no_column", value=_shown(target), kept=_shown(base.target)))
        target = base.target
    unknown = [c for c in prep.features if c not in known]
    features = tuple(c for c in prep.features if c in known) or base.features
    if unknown:
        warnings.append(
            t("link.unknown_columns", columns=names(unknown, SHOWN_CHARS, most=5, quote="'"))
        )
    extra = tuple(c for c in prep.extra_targets if c in known and c != target)
    if len(extra) != len(prep.extra_targets):
        left = [c for c in prep.extra_targets if c not in extra]
        warnings.append(
            t("targets.link_unknown", columns=names(left, SHOWN_CHARS, most=5, quote="'"))
        )
    return replace(prep, target=target, features=features, extra_targets=extra)


def _sample(params: Mapping, warnings: list[str]) -> Sample | None:
    if SAMPLE_KEY not in params:
        return None
    key = _value(params[SAMPLE_KEY])
    if key in SAMPLES:
        return SAMPLES[key]
    warnings.append(t("link.unknown_sample", value=_shown(key), samples=", ".join(SAMPLES)))
    return None


def _prep(params: Mapping, sample: Sample | None, base, columns, warnings: list[str]):
    if sample is None:
        return None
    kind = PREP[sample.kind]
    base = base if isinstance(base, kind) else sample_defaults(sample)
    prep = _read(params, base, warnings)
    if kind is SeriesConfig and columns is not None:
        prep = _check_columns(prep, base, columns, warnings)
    return prep


def from_params(
    params: Mapping, defaults: Setup | None = None, columns: Sequence[str] | None = None
) -> tuple[Setup, list[str]]:
    """Settings read from a link, and one warning per value that could not be used.

    Keys a link leaves out keep `defaults` (the schema's defaults, and the sample's,
    when not given). `columns`, the sample's numeric columns when known, lets target and
    feature names be checked. Unknown keys are ignored: a URL may carry other apps' or
    Streamlit's own parameters.
    """
    d = defaults or Setup(None, None, schema.make(ModelConfig), schema.make(TrainConfig))
    warnings: list[str] = []
    sample = _sample(params, warnings)
    prep = _prep(params, sample, d.prep, columns, warnings)
    model = _read(params, d.model, warnings)
    train = _read(params, d.train, warnings)
    return Setup(sample.key if sample else None, prep, model, train), warnings


def carries_settings(params: Mapping) -> bool:
    """Whether a query holds any of rnnviz's settings (a bare URL restores nothing)."""
    return any(key in params for key in KEYS)
