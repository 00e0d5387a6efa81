"""Write the synthetic fixtures of this folder (seeded: the same bytes every time).

Run from the repository root: .venv/bin/python tests/data/real/make_fixtures.py
"""

from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent


def sensor(rng) -> str:
    """UCI Air Quality shape: -200 for a missing reading; NMHC(GT) mostly -200."""
    rows = ["Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);NOx(GT);NO2(GT);T;RH;AH"]
    for i in range(400):
        vals = [
            rng.uniform(0.3, 8),
            rng.uniform(700, 2000),
            rng.uniform(7, 1189),
            rng.uniform(0.2, 60),
            rng.uniform(2, 1400),
            rng.uniform(2, 330),
            rng.uniform(-1.9, 44),
            rng.uniform(9, 88),
            rng.uniform(0.18, 2.2),
        ]
        for k in range(len(vals)):
            if (k == 2 and i % 10) or (k != 2 and rng.random() < 0.05):
                vals[k] = -200
        day, hour = divmod(i + 18, 24)
        rows.append(
            f"{day % 28 + 1:02d}/03/2004;{hour:02d}.00.00;"
            + ";".join("-200" if v == -200 else f"{v:.2f}" for v in vals)
        )
    return "\n".join(rows) + "\n"


def noaa(rng) -> str:
    """NOAA CO2 shape: 51 comment lines, 7 names over 8 values, -99.99 and -9.99."""
    rows = [
        f"# {t}"
        for t in ["-" * 60, "USE OF NOAA GML DATA", *["comment line, with a comma"] * 48, "-" * 60]
    ]
    rows.append("year,month,decimal date,average,deseasonalized,ndays,sdev")
    for i in range(240):
        avg = 315 + i * 0.11 + np.sin(i / 12 * 2 * np.pi) * 3
        avg_s = "-99.99" if i in (3, 7, 71, 72, 73, 150) else f"{avg:.2f}"
        sdev = "-9.99" if i < 100 else f"{abs(rng.normal(0.4, 0.12)):.2f}"
        ndays = "-1" if i < 100 else str(rng.integers(18, 31))
        rows.append(
            f"{1958 + (i + 2) // 12},{(i + 2) % 12 + 1},{1958 + (i + 2) / 12:.4f},"
            f"{avg_s},{avg + 0.2:.2f},{ndays},{sdev},{0.2 + i / 1000:.3f}"
        )
    return "\n".join(rows) + "\n"


def weather(rng) -> str:
    """Real negatives repeating at -30, a 0/1 flag, -999 everywhere, an empty TAVG."""
    rows = ["DATE,TMIN,SNOW_FLAG,WIND_MAX,TAVG,PRCP"]
    for i in range(365):
        t = 5 - 35 * np.cos(2 * np.pi * i / 365) + rng.normal(0, 4)
        t = round(float(np.clip(t, -30, 40)), 1)
        rows.append(
            f"2021-{1 + i * 12 // 365:02d}-{1 + i % 28:02d},{t},{int(t < 0)},-999,,"
            f"{max(0, rng.normal(1, 3)):.1f}"
        )
    return "\n".join(rows) + "\n"


def stations(rng) -> str:
    """A NOAA daily export of 4 stations, one after the other: a numeric station number,
    its name and latitude (the same in each station's rows), some days missing."""
    rows = ["STATION,NAME,LATITUDE,DATE,PRCP,TMAX,TMIN"]
    places = (
        (72503014732, "LAGUARDIA AIRPORT, NY US", 40.779, 12.0),
        (72505004781, "ISLIP, NY US", 40.794, 10.5),
        (74486094789, "JFK INTERNATIONAL AIRPORT, NY US", 40.639, 11.5),
        (72502014734, "NEWARK AIRPORT, NJ US", 40.683, 13.0),
    )
    for number, name, lat, mean in places:
        for i in range(200):
            if rng.random() < 0.08:
                continue
            day = np.datetime64("2022-01-01") + i
            tmax = mean + 12 * np.sin(2 * np.pi * (i - 100) / 365) + rng.normal(0, 3)
            rows.append(
                f'{number},"{name}",{lat},{day},{max(0, rng.normal(0, 4)):.2f},'
                f"{tmax:.1f},{tmax - 8 - rng.uniform(0, 4):.1f}"
            )
    return "\n".join(rows) + "\n"


def clock_unread(rng) -> str:
    """Dates with a Time column that holds no times of day (shift names)."""
    rows = ["Date,Time,Load"]
    for i in range(120):
        day = np.datetime64("2023-01-01") + i // 3
        rows.append(f"{day},{('early', 'day', 'late')[i % 3]},{100 + rng.normal(0, 5):.1f}")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    rng = np.random.default_rng(23)
    for name, make in (
        ("sensor_minus200.csv", sensor),
        ("noaa_co2_comments.csv", noaa),
        ("weather_negatives_empty.csv", weather),
        ("stations_stacked.csv", stations),
        ("clock_unread.csv", clock_unread),
    ):
        (OUT / name).write_text(make(rng))
