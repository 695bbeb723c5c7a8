"""The local cache of registry responses: one SQLite file in the user cache folder.

Our own table rather than an HTTP cache (hishel and friends) because the registries send no
useful cache headers, and what we need is a time-to-live of our choosing per answer, a
"not found" that expires sooner, and a cache `litcheck cache` can count and clear. SQLite
holds plain data only (nothing read back is ever executed) and survives concurrent readers.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

NOT_FOUND_TTL_DAYS = 1.0


@dataclass
class Cached:
    status: int
    body: str
    fetched: float


def store_path() -> Path | None:
    """`<cache>/online/responses.sqlite`, in a folder checked like the index's (0700, owned by
    the user, not writable by others); None when that folder cannot be trusted."""
    from litcheck.index.store import usable_folder

    folder = usable_folder("online")
    return folder / "responses.sqlite" if folder else None


class ResponseStore:
    def __init__(self, path: Path | None = None, clock=time.time):
        self.path = Path(path) if path else store_path()  # None: answers kept for this run only
        self.clock = clock
        self._db = None

    def _connect(self):
        if self._db is None:
            if self.path is None:
                self._db = sqlite3.connect(":memory:")
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
                    self.path.unlink()  # a planted link or FIFO is replaced, never followed
                self._db = sqlite3.connect(self.path, timeout=10)
            self._db.execute("CREATE TABLE IF NOT EXISTS responses ("
                             "key TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, fetched REAL NOT NULL)")
        return self._db

    def get(self, key: str, ttl_days: float) -> Cached | None:
        """The stored answer for `key` while it is fresh (a 404 for a shorter time)."""
        if self.path is not None and not self.path.is_file():
            return None
        try:
            row = self._connect().execute("SELECT status, body, fetched FROM responses WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:  # a damaged cache only costs a fresh request
            return None
        if row is None:
            return None
        cached = Cached(*row)
        limit = min(ttl_days, NOT_FOUND_TTL_DAYS) if cached.status == 404 else ttl_days
        return cached if self.clock() - cached.fetched <= limit * 86400 else None

    def put(self, key: str, status: int, body: str) -> None:
        try:
            with self._connect() as db:
                db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)", (key, status, body, self.clock()))
        except sqlite3.DatabaseError:
            pass  # an unwritable cache only costs speed

    def info(self) -> dict:
        if self.path is None or not self.path.is_file():
            return {"path": str(self.path), "responses": 0, "bytes": 0}
        try:
            count, = self._connect().execute("SELECT count(*) FROM responses").fetchone()
        except sqlite3.DatabaseError:
            count = 0
        return {"path": str(self.path), "responses": count, "bytes": self.path.stat().st_size}

    def clear(self) -> int:
        """Delete the cache file; return how many responses it held."""
        held = self.info()["responses"]
        self.close()
        if self.path is None:
            return held
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        return held

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
