"""A session's work as named files for rnnviz.files.store, and back.

`pack` turns a Workspace (its data set, settings and run) and a few page choices into
{name: bytes}; `unpack` reads them back into a `Restored`, skipping (with a note) any part
that does not read back whole: a damaged run leaves the data and settings, damaged data
leave the run. A bundled sample is stored by its key and read again from the sample file;
an upload's table is stored as Parquet, a text as UTF-8. Every stored value is checked the
way a link's or an upload's is (rnnviz.session.schema, rnnviz.files.model_file): the store is read
as
untrusted as a file a user sends, and its sizes are checked before anything is read.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from rnnviz.data.labels import LabelConfig
from rnnviz.data.note import Note
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.reader import MAX_CELLS, MAX_COLUMNS
from rnnviz.data.samples import SAMPLES
from rnnviz.data.sentinels import Code
from rnnviz.data.text import TextConfig
from rnnviz.files import store_labels, store_run
from rnnviz.files.model_file import model_config
from rnnviz.session import schema
from rnnviz.session.run import Run
from rnnviz.session.workspace import Dataset, Workspace, keeping_codes, load_sample

FORMAT = "rnnviz-work/1"
WORK, TABLE, TEXT = "work.json", "table.parquet", "text.txt"
MAX_NOTES, MAX_CODES = 200, 10_000


@dataclass
class Restored:
    dataset: Dataset | None = None
    prep_cfg: SeriesConfig | TextConfig | None = None
    model_cfg: object = None
    train_cfg: object = None
    run: Run | None = None
    choices: dict = field(default_factory=dict)  # the pages' choices (rnnviz.ui.persist)
    skipped: list[str] = field(default_factory=list)  # "data" | "run": parts that failed


def pack(ws: Workspace, choices: dict) -> dict[str, bytes]:
    """The workspace's files; the data set only when it can be stored (else left out)."""
    work = {
        "format": FORMAT,
        "choices": choices,
        "model": ws.model_cfg.to_dict() if ws.model_cfg else None,
        "train": asdict(ws.train_cfg) if ws.train_cfg else None,
    }
    files: dict[str, bytes] = {}
    if ws.dataset is not None and ws.prep_cfg is not None:
        data = _dataset_files(ws.dataset)
        if data is not None:
            files |= data
            work["dataset"] = _dataset_meta(ws.dataset)
            work["prep"] = {"kind": type(ws.prep_cfg).__name__, **asdict(ws.prep_cfg)}
    if ws.run is not None:
        files |= store_labels.pack(ws.run) if ws.run.is_labels else store_run.pack(ws.run)
    files[WORK] = json.dumps(work, default=str).encode()
    return files


def _dataset_meta(ds: Dataset) -> dict:
    return {
        "label": ds.label,
        "kind": ds.kind,
        "digest": ds.digest,
        "sample": ds.sample.key if ds.sample else None,
        "typed": ds.typed,
        "keep_codes": ds.keep_codes,
        "notes": [[n.key, n.params] for n in ds.notes],
        "codes": [
            {"column": c.column, "value": c.value, "rows": c.rows.tolist()} for c in ds.codes
        ],
    }


def _dataset_files(ds: Dataset) -> dict[str, bytes] | None:
    if ds.sample is not None:
        return {}  # read again from the sample's own file
    if ds.kind == "text":
        return {TEXT: (ds.text or "").encode("utf-8", "surrogatepass")}
    assert ds.table is not None  # a series or typed data set always has its table
    buf = io.BytesIO()
    try:
        ds.table.to_parquet(buf)
    except Exception:  # pyarrow raises its own kinds besides ValueError and TypeError
        return None  # a column Parquet cannot hold: the data set is not kept
    return {TABLE: buf.getvalue()}


# ---- reading back -----------------------------------------------------------------------
def unpack(files: dict[str, bytes], damaged=()) -> Restored:
    out = Restored(skipped=sorted({_part(n) for n in damaged}))
    try:
        work = json.loads(files[WORK])
        if not isinstance(work, dict) or work.get("format") != FORMAT:
            raise ValueError("not rnnviz work")
    except (KeyError, ValueError, UnicodeDecodeError):
        out.skipped = ["work"]
        return out
    choices = work.get("choices")
    out.choices = choices if isinstance(choices, dict) else {}
    out.model_cfg = _checked(lambda: model_config(work["model"])) if work.get("model") else None
    out.train_cfg = store_run.train_config(work["train"]) if work.get("train") else None
    if work.get("dataset") and "data" not in out.skipped:
        out.dataset, out.prep_cfg = _checked(lambda: _dataset(work, files)) or (None, None)
        if out.dataset is None:
            out.skipped.append("data")
    if store_run.WEIGHTS in files and "run" not in out.skipped:
        out.run = _checked(lambda: store_run.unpack(files))
        if out.run is None:
            out.skipped.append("run")
    if store_labels.WEIGHTS in files and "run" not in out.skipped:
        out.run = _checked(lambda: store_labels.unpack(files, out.dataset, out.prep_cfg))
        if out.run is None:
            out.skipped.append("run")
    return out


def _part(name: str) -> str:
    """Which part a damaged file belongs to."""
    if name in (TABLE, TEXT):
        return "data"
    return "work" if name == WORK else "run"


def _checked(make):
    try:
        return make()
    except Exception:  # any part that does not read back is skipped, never the whole work
        return None


def _dataset(work: dict, files: dict[str, bytes]) -> tuple[Dataset, object]:
    meta = work["dataset"]
    prep = _prep_config(work["prep"])
    key, keep = meta.get("sample"), meta.get("keep_codes") is True
    if key is not None:
        ds = load_sample(SAMPLES[key].key)  # KeyError for a key this version has not
        return keeping_codes(ds, keep), prep
    label = str(meta["label"])[:200]
    digest = str(meta.get("digest", ""))[:40]
    notes = tuple(
        Note(str(k), p) for k, p in meta.get("notes", [])[:MAX_NOTES] if isinstance(p, dict)
    )
    if meta["kind"] == "text":
        text = files[TEXT].decode("utf-8")
        return Dataset(label, "text", text=text, digest=digest, notes=notes), prep
    if meta["kind"] not in ("series", "typed", "labels"):
        raise ValueError("unknown data kind")
    table = _table(files[TABLE])
    codes = tuple(_code(c, len(table)) for c in meta.get("codes", [])[:MAX_CODES])
    return Dataset(
        label,
        meta["kind"],
        table=table,
        digest=digest,
        notes=notes,
        typed=meta.get("typed") is True,
        codes=codes,
        keep_codes=keep,
    ), prep


def _table(raw: bytes) -> pd.DataFrame:
    """The stored table, its size checked from the Parquet footer before it is read."""
    meta = pq.ParquetFile(io.BytesIO(raw)).metadata
    if (
        meta.num_columns > MAX_COLUMNS + 1
        or meta.num_rows * max(1, meta.num_columns) > MAX_CELLS * 2
    ):
        raise ValueError("stored table too large")
    return pd.read_parquet(io.BytesIO(raw))


def _code(c: dict, rows: int) -> Code:
    positions = np.asarray(c["rows"], dtype=np.int64)
    if positions.ndim != 1 or (positions.size and (positions.min() < 0 or positions.max() >= rows)):
        raise ValueError("code rows outside the table")
    return Code(str(c["column"]), float(c["value"]), positions)


def _prep_config(d: dict):
    kind: type[SeriesConfig] | type[TextConfig] | type[LabelConfig] = {
        "SeriesConfig": SeriesConfig,
        "TextConfig": TextConfig,
        "LabelConfig": LabelConfig,
    }[d["kind"]]
    values = {k: v for k, v in d.items() if k in kind.__dataclass_fields__}
    cfg = SeriesConfig.from_dict(values) if kind is SeriesConfig else kind(**values)
    schema.check_values(kind, asdict(cfg))
    return cfg
