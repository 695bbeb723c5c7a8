"""Values computed from the entries of an indexed .bib file, kept in the cache and reused: what
a listing without a citation style shows and sorts by (`listing.display`).

Why: listing 5,700 works of the 99k-entry bench file without a style spent most of its time
parsing author names and decoding titles and venues, the same every time. These values depend
only on the entry's fields (its .bib file's bytes) and litcheck's code, so they are stored per
file, valid for its content hash, the code fingerprint and the caller's format.

Filled as listings read them rather than for every entry when the file is indexed: computing
them for 99,132 entries takes seconds that a first load should not pay for a listing it may
never make. Rows computed by a command are written when it calls `save_all` (at most
`MAX_PENDING` of them: a listing of every entry of a huge file does not hold them all). A save
writes a new database (the rows already stored and the new ones) into a temporary file and
renames it into place, as `index.sqlitefile` builds its files, and a reader opens the file
read-only and immutable: readers never see a half-written file nor wait for a writer; of two
commands saving at once the last one's rows stay, and the other's are computed again later.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from pathlib import Path

from litcheck.index.digest import blake2b

MAX_PENDING = 20_000  # rows a command keeps to save (about 300 bytes each)
_STORES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # index -> {kind: _Store}


class _Store:
    """One kind of values for the rows of one index: the stored ones (read a row at a time)
    and those computed since, waiting to be saved."""

    def __init__(self, index, kind: str, fmt: str, width: int):
        from litcheck.index.fingerprint import code_fingerprint
        from litcheck.index.sqlitefile import open_cached
        from litcheck.index.store import cache_dir, name_for

        self.width = width
        self.path = cache_dir() / "derived" / name_for(Path(os.path.abspath(index.source_path)), f"-{kind}.sqlite")
        digest = blake2b(f"{index.header['hash']}\0{code_fingerprint()}\0{fmt}".encode(), digest_size=16)
        self.digest = digest.hexdigest()
        self.conn = open_cached(self.path, self.digest)
        self._select = f"SELECT {', '.join(f'v{i}' for i in range(width))} FROM vals WHERE row = ?"
        self.pending: dict[int, tuple] = {}

    def get(self, row: int) -> tuple | None:
        found = self.pending.get(row)
        if found is None and self.conn is not None:
            try:
                found = self.conn.execute(self._select, (row,)).fetchone()
            except sqlite3.Error:  # a damaged file: its values are computed again
                self.conn = None
            if found is not None and not all(type(v) is str for v in found):
                found = None  # not what this code writes: computed again
        return found

    def put(self, row: int, values: tuple) -> None:
        if len(self.pending) < MAX_PENDING:
            self.pending[row] = values

    def save(self) -> None:
        from litcheck.index.sqlitefile import build_file, open_cached

        if not self.pending:
            return
        columns = ", ".join(f"v{i}" for i in range(self.width))
        old = self.conn

        def fill(conn) -> None:
            conn.execute(f"CREATE TABLE vals (row INTEGER PRIMARY KEY, "
                         f"{', '.join(f'v{i} TEXT NOT NULL' for i in range(self.width))})")
            insert = f"INSERT OR REPLACE INTO vals VALUES (?{', ?' * self.width})"
            if old is not None:
                conn.executemany(insert, old.execute(f"SELECT row, {columns} FROM vals"))
            conn.executemany(insert, ((row, *values) for row, values in self.pending.items()))

        built = build_file(self.path, self.digest, fill)
        if not built and old is not None:  # the stored file could not be read: start afresh
            old = None
            built = build_file(self.path, self.digest, fill)
        self.pending = {}
        if built:
            if self.conn is not None:
                self.conn.close()
            self.conn = open_cached(self.path, self.digest)


def store_for(index, kind: str, fmt: str, width: int) -> _Store:
    """The store of `kind` values (tuples of `width` strings) for the rows of `index`."""
    stores = _STORES.setdefault(index, {})
    store = stores.get(kind)
    if store is None:
        store = stores[kind] = _Store(index, kind, fmt, width)
    return store


def save_all() -> None:
    """Write the values computed by this command (a no-op when none were)."""
    for stores in list(_STORES.values()):
        for store in stores.values():
            store.save()
