"""The bundled sample data sets and the settings each one starts with.

What a sample is (file, column names, window) lives in sample_data/samples.json beside
the files: column names are the files' own headers, not text to translate. Its title and
description are read in the user's language, so they are looked up at each use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rnnviz.i18n import t

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"


@dataclass(frozen=True)
class Sample:
    key: str
    file: str
    kind: str  # "series" | "text" | "labels" (texts that end in a class)
    target: str = ""  # labels: the class column (inputs: the text column)
    date_column: str | None = None
    window: int = 30
    season: int | None = None  # for the seasonal-naive baseline
    inputs: tuple[str, ...] = ()  # columns worth reading together (the bitcoin lesson does)
    examples: tuple[str, ...] = ()  # labels: texts worth looking inside (Inside offers them)

    @property
    def title(self) -> str:
        return t(f"sample.{self.key}.title")

    @property
    def description(self) -> str:
        return t(f"sample.{self.key}.description")

    @property
    def path(self) -> Path:
        return SAMPLE_DIR / self.file


def _load() -> dict[str, Sample]:
    specs = json.loads((SAMPLE_DIR / "samples.json").read_text(encoding="utf-8"))
    return {
        key: Sample(
            key,
            **{
                **spec,
                "inputs": tuple(spec.get("inputs", ())),
                "examples": tuple(spec.get("examples", ())),
            },
        )
        for key, spec in specs.items()
    }


SAMPLES = _load()
