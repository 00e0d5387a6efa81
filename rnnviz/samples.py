"""The bundled sample data sets and the settings each one starts with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


@dataclass(frozen=True)
class Sample:
    key: str
    title: str
    file: str
    kind: str  # "series" | "text"
    description: str
    target: str = ""
    date_column: str | None = None
    window: int = 30
    season: int | None = None  # for the seasonal-naive baseline

    @property
    def path(self) -> Path:
        return SAMPLE_DIR / self.file


SAMPLES = {
    s.key: s
    for s in (
        Sample("temperature", "Melbourne daily minimum temperature (1981-1990)",
               "daily-min-temperatures.csv", "series",
               "3,650 days of the daily minimum temperature in Melbourne, in °C.",
               target="Temp", date_column="Date", window=30, season=365),
        Sample("airline", "Airline passengers (1949-1960)", "airline-passengers.csv", "series",
               "144 monthly totals of international airline passengers, in thousands.",
               target="Passengers", date_column="Month", window=12, season=12),
        Sample("sunspots", "Monthly sunspots (1749-1983)", "monthly-sunspots.csv", "series",
               "2,820 monthly sunspot numbers from Zurich: an 11-year cycle.",
               target="Sunspots", date_column="Month", window=60, season=132),
        Sample("bitcoin", "Bitcoin daily prices (2013-2023)", "bitcoin-daily.csv", "series",
               "Daily open, high, low, close (USD) and volume, an investing.com-style export.",
               target="Close", date_column="Date", window=30, season=7),
        Sample("shakespeare", "Tiny Shakespeare (text)", "tinyshakespeare.txt", "text",
               "1.1 MB of Shakespeare's plays: the classic character-level corpus."),
    )
}
