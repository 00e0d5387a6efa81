"""Writes tests/data/real_shapes/: small files in the shapes of public data sets students
really download, where a first guess of columns used to go wrong.

Run once (python tests/data/make_real_shapes.py); the files are committed. The values are
synthetic (a fixed seed), the shapes are the real ones: headers, quoting, missing-value
markers, date forms.
"""

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "real_shapes"
RNG = np.random.default_rng(12)


def pm25(n=2000):
    """Beijing PM2.5 (UCI): a row counter first, the date split in four columns, `NA`
    cells in pm2.5 (the first day is all NA, as in the real file), a wind-direction text
    column, hourly rows."""
    hours = pd.date_range("2010-01-01", periods=n, freq="h")
    wave = np.sin(np.arange(n) * 2 * np.pi / 24)
    pm = np.clip(80 + 60 * np.sin(np.arange(n) / 50) + 20 * wave + RNG.normal(0, 15, n), 3, None)
    pm_text = [str(int(v)) for v in pm]
    for i in [*range(24), *RNG.choice(np.arange(24, n), 60, replace=False)]:
        pm_text[i] = "NA"
    rows = [
        f"{i + 1},{h.year},{h.month},{h.day},{h.hour},{p},{int(-15 + 5 * w + RNG.normal(0, 2))},"
        f"{int(-5 + 6 * w + RNG.normal(0, 2))},{int(1020 + RNG.normal(0, 5))},"
        f"{RNG.choice(['NW', 'cv', 'NE', 'SE'])},{abs(RNG.normal(10, 8)):.2f},"
        f"{int(RNG.random() < 0.02)},{int(RNG.random() < 0.03)}"
        for i, (h, p, w) in enumerate(zip(hours, pm_text, wave, strict=True))
    ]
    return "No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir\n" + "\n".join(rows) + "\n"


def yearly_water():
    """Yearly water use (a classic textbook series): quoted header, one row per year."""
    years = np.arange(1885, 1964)
    water = 350 + 3 * (years - 1885) + RNG.normal(0, 40, len(years))
    rows = [f"{y},{int(w)}" for y, w in zip(years, water, strict=True)]
    return '"Year","Water"\n' + "\n".join(rows) + "\n"


def shampoo():
    """Shampoo sales over three years: months labelled "1-01" ... "3-12" (year-month of a
    relative year), quoted, as in the Makridakis/Hyndman file."""
    sales = 150 + np.arange(36) ** 1.5 + RNG.normal(0, 30, 36)
    rows = [
        f'"{y}-{m:02d}",{s:.1f}'
        for (y, m), s in zip(((y, m) for y in (1, 2, 3) for m in range(1, 13)), sales, strict=True)
    ]
    return '"Month","Sales"\n' + "\n".join(rows) + "\n"


def small_monthly():
    """36 months with real dates and two measures whose names say nothing: the one with
    more values (Visitors) is the first guess."""
    months = pd.date_range("2015-01-01", periods=36, freq="MS")
    season = np.sin(np.arange(36) * 2 * np.pi / 12)
    rain = [f"{v:.1f}" for v in 60 + 40 * season + RNG.normal(0, 10, 36)]
    rain[5] = rain[17] = ""
    visitors = (1000 + 300 * season + 10 * np.arange(36) + RNG.normal(0, 50, 36)).astype(int)
    rows = [f"{m:%Y-%m-%d},{r},{v}" for m, r, v in zip(months, rain, visitors, strict=True)]
    return "Date,Rainfall,Visitors\n" + "\n".join(rows) + "\n"


def constant_first():
    """A station export whose first numeric column (the station number) never changes."""
    days = pd.date_range("2020-03-01", periods=120, freq="D")
    level = 2.5 + 0.5 * np.sin(np.arange(120) / 9) + RNG.normal(0, 0.05, 120)
    flow = 30 + 8 * np.sin(np.arange(120) / 9 + 1) + RNG.normal(0, 1, 120)
    rows = [f"{d:%d/%m/%Y},4021,{a:.3f},{b:.2f}" for d, a, b in zip(days, level, flow, strict=True)]
    return "Date,Station,Level,Flow\n" + "\n".join(rows) + "\n"


FILES = {
    "pm25_hourly.csv": pm25,
    "yearly_water.csv": yearly_water,
    "shampoo_sales.csv": shampoo,
    "small_monthly.csv": small_monthly,
    "constant_first.csv": constant_first,
}


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, make in FILES.items():
        (OUT / name).write_text(make(), encoding="utf-8")
        print(name, (OUT / name).stat().st_size, "bytes")
