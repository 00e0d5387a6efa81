"""Writes tests/data/bad/: files a real user might upload that the app must survive.

Run once (python tests/data/make_bad.py); the files are committed. expected.json says for
each file whether the app refuses it with an error ("error") or reads it ("loads").
"""

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "bad"
RNG = np.random.default_rng(7)


def dates(n):
    return [f"2021-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}" for i in range(n)]


def table(header, rows):
    return (header + "\n" + "\n".join(rows) + "\n").encode()


def png():
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + bytes([255, 0, 0]) * 4 for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def zipped(name, content):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, content)
    return buf.getvalue()


FILES = {
    "empty.csv": (b"", "error"),
    "whitespace_only.csv": (b"  \n\n \t\n", "error"),
    "header_only.csv": (b"Date,Temp\n", "error"),
    "binary_renamed.csv": (bytes(RNG.integers(0, 256, 4096, dtype=np.uint8)), "error"),
    "image.png": (png(), "error"),
    "photo_renamed.csv": (png(), "error"),
    "archive.zip": (zipped("data.csv", "Date,Temp\n2020-01-01,1\n"), "error"),
    "spreadsheet.xlsx": (zipped("xl/workbook.xml", "<workbook/>"), "error"),
    "document.pdf": (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n"
        + bytes(RNG.integers(0, 256, 800, dtype=np.uint8)),
        "error",
    ),
    "utf16_no_bom.csv": (
        "Date,Temp\n2020-01-01,1.5\n2020-01-02,2.5\n".encode("utf-16-le"),
        "error",
    ),
    "nul_bytes.csv": (b"Date,Temp\n2020-01-01,1\x00\x00\n2020-01-02,2\n", "error"),
    "wide_10000_columns.csv": (
        table(",".join(f"c{i}" for i in range(10_000)), [",".join("1" for _ in range(10_000))] * 3),
        "error",
    ),
    "ragged_rows.csv": (
        b"Date,Temp\n2020-01-01,1\n2020-01-02,2,7,8\n2020-01-03,3\n2020-01-04\n",
        "error",
    ),
    "only_text.csv": (table("name,city", [f"person{i},town{i}" for i in range(20)]), "error"),
    "only_dates.csv": (table("Date", dates(20)), "error"),
    "one_row.csv": (b"Date,Temp\n2020-01-01,12.5\n", "error"),
    "three_rows_shorter_than_window.csv": (
        table("Date,Temp", [f"{d},{i}" for i, d in enumerate(dates(3))]),
        "error",
    ),
    "all_nan_target.csv": (table("Date,Temp", [f"{d},NA" for d in dates(30)]), "error"),
    "constant_series.csv": (table("Date,Temp", [f"{d},5.0" for d in dates(60)]), "error"),
    "mixed_numbers_and_words.csv": (
        table(
            "Date,Temp", [f"{d},{'n/a please' if i % 3 else i}" for i, d in enumerate(dates(30))]
        ),
        "error",
    ),
    "long_single_line.csv": (b"x" * 3_000_000, "error"),
    "page.html": (
        b"<html><body><h1>Prices</h1><table><tr><td>1</td></tr></table></body></html>\n",
        "error",
    ),
    "data.json": (b'{"date": ["2020-01-01", "2020-01-02"], "temp": [1, 2]}\n', "error"),
    "empty.txt": (b"", "error"),
    "one_repeated_char.txt": (b"a" * 5000, "error"),
    "binary.txt": (png(), "error"),
    # Usable despite looking odd: read, with names and cells shown as plain text.
    "duplicate_columns.csv": (
        table("Date,Temp,Temp", [f"{d},{i},{i * 2}" for i, d in enumerate(dates(60))]),
        "loads",
    ),
    "html_script_tags.csv": (
        table(
            "Date,<b>Temp</b><script>alert(1)</script>,note",
            [f"{d},{i % 7},<img src=x onerror=alert(2)>" for i, d in enumerate(dates(60))],
        ),
        "loads",
    ),
    "infinities.csv": (
        table("Date,Temp", [f"{d},{'inf' if i == 5 else i % 9}" for i, d in enumerate(dates(60))]),
        "loads",
    ),
    "utf16_with_bom.csv": (
        ("\ufeffDate,Temp\n" + "\n".join(f"{d},{i % 5}" for i, d in enumerate(dates(60)))).encode(
            "utf-16"
        ),
        "loads",
    ),
}


def main():
    OUT.mkdir(exist_ok=True)
    for name, (content, _) in FILES.items():
        (OUT / name).write_bytes(content)
    expected = {name: outcome for name, (_, outcome) in FILES.items()}
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


if __name__ == "__main__":
    main()
