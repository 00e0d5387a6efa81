"""The server's store of saved work: one folder of files per browser, an SQLite index.

A browser is known by an unguessable id (`new_id`, kept in a cookie by rnnviz.ui.persist);
an id is checked against a strict pattern before any use, and its folder is named by a
hash of it, so no value a cookie carries ever becomes part of a path. The index (SQLite,
stdlib) records when each folder was saved and last used and how many bytes it holds:
work idle past `idle_seconds` is removed, and when the store outgrows `cap_bytes` the
least recently used work goes first.

Each file is written to a temporary name and moved into place (os.replace), and the
manifest naming every file with its size and SHA-256 is written last: a server killed
mid-save leaves files the manifest does not vouch for, and `load` skips exactly those.
A full disk raises `StoreFull`; what was saved before stays as it was.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")  # secrets.token_urlsafe(24): 32 characters
MANIFEST = "manifest.json"
NAME_PATTERN = re.compile(
    r"[a-z][a-z0-9_.]{0,40}"
)  # the files' own names (rnnviz.files.store_pack)
MAX_FILE = 2 * 1024**3  # bytes of one stored file read back at most
FULL = (errno.ENOSPC, errno.EDQUOT)
ENV_DIR, ENV_IDLE, ENV_CAP = "RNNVIZ_STORE", "RNNVIZ_STORE_IDLE_HOURS", "RNNVIZ_STORE_MAX_MB"
DEFAULT_IDLE_HOURS, DEFAULT_CAP_MB = 24.0, 2048.0


class StoreFull(Exception):
    """Saving was refused: the disk is full, or this work alone is over the store's cap."""


def new_id() -> str:
    return secrets.token_urlsafe(24)


def valid_id(value) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def cookie_script(name: str, work_id: str, max_age: int) -> str:
    """A script that keeps the id in the browser's cookie `name` for `max_age` seconds."""
    if not valid_id(work_id):  # letters, digits, - and _ only: nothing to escape in JS
        raise ValueError("not a store id")
    return (
        f"<script>document.cookie = '{name}={work_id}; path=/; max-age={int(max_age)}; "
        "SameSite=Lax';</script>"
    )


def _key(work_id: str) -> str:
    """The folder and index name of an id: a hash, never the id itself."""
    if not valid_id(work_id):
        raise ValueError("not a store id")
    return hashlib.sha256(work_id.encode("ascii")).hexdigest()[:40]


@dataclass
class Loaded:
    files: dict[str, bytes] = field(default_factory=dict)
    damaged: list[str] = field(default_factory=list)  # names the manifest lists but that fail
    saved_at: float = 0.0


class Store:
    def __init__(
        self,
        root,
        idle_seconds: float = DEFAULT_IDLE_HOURS * 3600,
        cap_bytes: int = int(DEFAULT_CAP_MB * 1024**2),
    ):
        self.root, self.idle_seconds, self.cap_bytes = Path(root), idle_seconds, cap_bytes
        (self.root / "work").mkdir(parents=True, exist_ok=True)
        self._sql(
            "CREATE TABLE IF NOT EXISTS work (key TEXT PRIMARY KEY, saved REAL,"
            " used REAL, bytes INTEGER)"
        )

    def _sql(self, query: str, args=()) -> list:
        # One connection per call: the store is used from every session's script thread,
        # and by every server sharing the folder.
        db = sqlite3.connect(self.root / "index.sqlite3", timeout=10, isolation_level=None)
        try:
            return db.execute(query, args).fetchall()
        finally:
            db.close()

    def _folder(self, work_id: str) -> Path:
        return self.root / "work" / _key(work_id)

    # ---- saving --------------------------------------------------------------------
    def save(self, work_id: str, files: dict[str, bytes], now: float | None = None) -> None:
        """Replace this id's work with `files` ({name: bytes}); StoreFull when refused."""
        now = time.time() if now is None else now
        size = sum(len(b) for b in files.values())
        if size > self.cap_bytes:
            raise StoreFull(size)
        self.evict(now, room=size, keep=work_id)
        folder = self._folder(work_id)
        try:
            folder.mkdir(exist_ok=True)
            for name, raw in files.items():
                _write(folder, _checked_name(name), raw)
            manifest = {
                name: {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
                for name, raw in files.items()
            }
            _write(folder, MANIFEST, json.dumps({"saved": now, "files": manifest}).encode())
        except OSError as err:
            if err.errno in FULL:
                raise StoreFull(size) from err
            raise
        for old in folder.iterdir():  # files of an earlier save this one no longer has
            if old.name not in files and old.name != MANIFEST and not old.name.startswith("."):
                old.unlink(missing_ok=True)
        self._sql(
            "INSERT OR REPLACE INTO work VALUES (?, ?, ?, ?)", (_key(work_id), now, now, size)
        )

    # ---- loading -------------------------------------------------------------------
    def load(self, work_id: str, now: float | None = None) -> Loaded | None:
        """This id's work, or None (no such id, expired, or no readable manifest)."""
        if not valid_id(work_id):
            return None
        now = time.time() if now is None else now
        key = _key(work_id)
        rows = self._sql("SELECT used FROM work WHERE key = ?", (key,))
        if not rows:
            return None
        if rows[0][0] < now - self.idle_seconds:
            self._remove(key)
            return None
        loaded = _read_folder(self.root / "work" / key)
        if loaded is not None:
            self._sql("UPDATE work SET used = ? WHERE key = ?", (now, key))
        return loaded

    def touch(self, work_id: str, now: float | None = None) -> None:
        """Mark the work used (an open tab keeps its work from expiring)."""
        if valid_id(work_id):
            self._sql(
                "UPDATE work SET used = ? WHERE key = ?",
                (time.time() if now is None else now, _key(work_id)),
            )

    # ---- forgetting ----------------------------------------------------------------
    def forget(self, work_id: str) -> None:
        if valid_id(work_id):
            self._remove(_key(work_id))

    def _remove(self, key: str) -> None:
        shutil.rmtree(self.root / "work" / key, ignore_errors=True)
        self._sql("DELETE FROM work WHERE key = ?", (key,))

    def evict(self, now: float | None = None, room: int = 0, keep: str | None = None) -> int:
        """Remove expired work, then the least recently used until `room` more bytes fit
        under the cap (never `keep`, the id being saved); returns how many were removed."""
        now = time.time() if now is None else now
        kept = _key(keep) if keep else None
        rows = self._sql("SELECT key, used, bytes FROM work ORDER BY used")
        gone = [k for k, used, _ in rows if used < now - self.idle_seconds and k != kept]
        total = sum(b for k, _, b in rows if k not in gone and k != kept) + room
        for k, _, size in rows:
            if total <= self.cap_bytes:
                break
            if k not in gone and k != kept:
                gone.append(k)
                total -= size
        for k in gone:
            self._remove(k)
        return len(gone)

    def used_bytes(self) -> int:
        return int(self._sql("SELECT COALESCE(SUM(bytes), 0) FROM work")[0][0])


def _checked_name(name: str) -> str:
    if NAME_PATTERN.fullmatch(name) is None or name == MANIFEST:
        raise ValueError(f"not a store file name: {name!r}")
    return name


def _write(folder: Path, name: str, raw: bytes) -> None:
    """Write to a temporary file beside the target, then move it into place atomically."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, folder / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_folder(folder: Path) -> Loaded | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
        listed, saved = manifest["files"], float(manifest["saved"])
        if not isinstance(listed, dict):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    loaded = Loaded(saved_at=saved)
    for name, entry in listed.items():
        raw = _read_one(folder, name, entry)
        if raw is None:
            loaded.damaged.append(str(name)[:40])
        else:
            loaded.files[name] = raw
    return loaded


def _read_one(folder: Path, name, entry) -> bytes | None:
    """The file if it is the one the manifest vouches for (size first: never read more)."""
    if (
        not isinstance(name, str)
        or NAME_PATTERN.fullmatch(name) is None
        or not isinstance(entry, dict)
    ):
        return None
    path, size = folder / name, entry.get("bytes")
    try:
        if type(size) is not int or size > MAX_FILE or path.stat().st_size != size:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if hashlib.sha256(raw).hexdigest() == entry.get("sha256") else None


def from_env() -> Store | None:
    """The server's store as its environment sets it up (None: RNNVIZ_STORE=off).

    RNNVIZ_STORE: the folder (default: rnnviz-store in the system's temporary folder;
    servers sharing one folder share the work); RNNVIZ_STORE_IDLE_HOURS: expiry after
    this long unused (default 24); RNNVIZ_STORE_MAX_MB: the cap on the whole store."""
    root = os.environ.get(ENV_DIR) or str(Path(tempfile.gettempdir()) / "rnnviz-store")
    if root.lower() == "off":
        return None
    idle = _number(ENV_IDLE, DEFAULT_IDLE_HOURS) * 3600
    cap = int(_number(ENV_CAP, DEFAULT_CAP_MB) * 1024**2)
    return Store(root, idle, cap)


def _number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 and value == value and value != float("inf") else default
