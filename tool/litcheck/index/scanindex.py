"""The scanner's index of the library (`scan.resolve.index.LibraryIndex`) kept as SQLite tables,
read on demand.

Why: kept as one JSON value, the index of a 100,000-entry library was 100 MB and took about 25 s
to decode before every scan, 20 times longer than scanning a 2,000-sentence article. Here a
scan reads what it asks for: the keys, the postings of the title words and creator names its
citations name, and the works those lead to. A rule that walks every work (the library's laws
by their short names) reads each work's key, kind and aliases at once, and the rest of a work
only when used.

    works(row, key, kind, aliases, data)   aliases: JSON (NULL: none); data: the other fields of
                                           a Work, JSON, in field order
    postings(what, name, keys)             what: 0 by_token, 1 by_creator; keys: JSON list
    meta(name, value)                      digest (`index.sqlitefile`), format, the org matcher
                                           and vocabulary (`index.store.dumps`)

Built (from `build()`, once per library state and code) in a temporary file renamed into place;
a library without a cache key, or a cache that cannot be written, uses the index in memory.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections.abc import Mapping

FORMAT = "1"
_OWN = ("key", "kind", "aliases")  # columns of their own: read for every work at once
_SKIP = ("_entry", "_library")  # not data: the entry is fetched from the library when used


def _data_fields(work_class) -> list[tuple[str, bool]]:
    """(name, is a set) of the fields kept in `data`, in the dataclass's order."""
    return [(f.name, str(f.type).startswith("set")) for f in dataclasses.fields(work_class)
            if f.name not in _OWN and f.name not in _SKIP]


def scan_index(library, build, classes: tuple):
    """`build()`'s LibraryIndex, or the one stored for this library's content and this code;
    `classes` are the dataclasses the org matcher and vocabulary may hold."""
    from litcheck.index.sqlitefile import build_file, digest_for, open_cached, path_for

    if not getattr(library, "cache_key", ""):
        return build()
    path, digest = path_for(library, "-scan.sqlite"), digest_for(library, FORMAT)
    conn = open_cached(path, digest)
    if conn is None:
        index = build()
        build_file(path, digest, lambda new: _write(new, index, classes))
        return index
    try:
        return _read(_Reader(conn, path, digest), library, classes)
    except (sqlite3.Error, ValueError, TypeError, KeyError):  # damaged: computed afresh
        conn.close()
        return build()


class _Reader:
    """The open database; a forked worker (`scan --jobs`) opens it again, since an SQLite
    connection should not be used on both sides of a fork."""

    def __init__(self, conn: sqlite3.Connection, path, digest: str):
        self._conn, self._path, self._digest, self._pid = conn, path, digest, os.getpid()

    def execute(self, sql: str, args: tuple = ()):
        if os.getpid() != self._pid:
            from litcheck.index.sqlitefile import open_cached

            self._conn = open_cached(self._path, self._digest) or self._conn  # replaced meanwhile: keep ours
            self._pid = os.getpid()
        return self._conn.execute(sql, args)


def _write(conn: sqlite3.Connection, index, classes: tuple) -> None:
    from litcheck.index.store import dumps

    fields = _data_fields(type(next(iter(index.works.values())))) if index.works else []

    def plain(value):
        return sorted(value) if isinstance(value, (set, frozenset)) else value

    conn.execute("CREATE TABLE works (row INTEGER PRIMARY KEY, key TEXT NOT NULL, kind TEXT, aliases TEXT, data TEXT)")
    conn.execute("CREATE TABLE postings (what INTEGER, name TEXT, keys TEXT, PRIMARY KEY (what, name)) WITHOUT ROWID")
    conn.executemany("INSERT INTO works VALUES (?, ?, ?, ?, ?)", (
        (row, w.key, w.kind, json.dumps(w.aliases, ensure_ascii=False) if w.aliases else None,
         json.dumps([plain(getattr(w, name)) for name, _ in fields], ensure_ascii=False))
        for row, w in enumerate(index.works.values())))
    for what, table in enumerate((index.by_token, index.by_creator)):
        conn.executemany("INSERT INTO postings VALUES (?, ?, ?)",
                         ((what, name, json.dumps(sorted(keys), ensure_ascii=False)) for name, keys in table.items()))
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("format", FORMAT), ("orgs", dumps([index.orgs, index.vocabulary], classes).decode("utf-8"))])


def _read(conn: "_Reader", library, classes: tuple):
    from litcheck.index.store import loads
    from litcheck.scan.citations.orgs import OrgMatcher
    from litcheck.scan.resolve.index import LibraryIndex

    (blob,) = conn.execute("SELECT value FROM meta WHERE name = 'orgs'").fetchone()
    orgs, vocabulary = loads(blob.encode("utf-8"), classes)
    if not isinstance(orgs, OrgMatcher):
        raise ValueError("not an org matcher")
    works = StoredWorks(conn, library)
    return LibraryIndex(works, Postings(conn, 0), Postings(conn, 1), orgs, vocabulary)


class StoredWorks(Mapping):
    """key -> Work, in library order; each Work made on first use."""

    def __init__(self, conn: _Reader, library):
        from litcheck.scan.resolve.index import Work

        self._conn, self._library = conn, library
        self._keys = [key for (key,) in conn.execute("SELECT key FROM works ORDER BY row")]
        self._rows = dict(zip(self._keys, range(len(self._keys))))
        self._made: dict[str, object] = {}
        self._fields = _data_fields(Work)
        self._class = type("StoredWork", (Work,), {"__getattr__": _load_rest, "__module__": __name__})

    def _make(self, row: int, key: str, kind, aliases: str | None):
        work = object.__new__(self._class)
        work.__dict__.update(key=key, kind=kind, aliases=json.loads(aliases) if aliases else [], _entry=None,
                             _library=self._library, _row=row, _works=self)
        self._made[key] = work
        return work

    def rest(self, row: int) -> dict:
        """The fields of the work in `row` that are not read with its key."""
        (data,) = self._conn.execute("SELECT data FROM works WHERE row = ?", (row,)).fetchone()
        values = json.loads(data)
        if not isinstance(values, list) or len(values) != len(self._fields):
            raise ValueError("a stored work does not match the Work fields")
        return {name: set(value) if is_set else value for (name, is_set), value in zip(self._fields, values)}

    def __getitem__(self, key: str):
        work = self._made.get(key)
        if work is None:
            row = self._rows[key]
            _, kind, aliases = self._conn.execute("SELECT row, kind, aliases FROM works WHERE row = ?", (row,)).fetchone()
            work = self._make(row, key, kind, aliases)
        return work

    def __contains__(self, key) -> bool:
        return key in self._rows

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def _all(self):
        if len(self._made) < len(self._keys):
            made = self._made
            for row, kind, aliases in self._conn.execute("SELECT row, kind, aliases FROM works ORDER BY row"):
                key = self._keys[row]
                if key not in made:
                    self._make(row, key, kind, aliases)
        return self._made

    def values(self):
        made = self._all()
        return [made[k] for k in self._keys]

    def items(self):
        made = self._all()
        return [(k, made[k]) for k in self._keys]


def _load_rest(self, name: str):
    """A stored work's fields other than key, kind and aliases, read when first asked for."""
    if name.startswith("__") or "_works" not in self.__dict__:
        raise AttributeError(name)
    rest = self.__dict__["_works"].rest(self.__dict__["_row"])
    self.__dict__.update(rest)
    if name not in rest:
        raise AttributeError(name)
    return rest[name]


class Postings(Mapping):
    """name -> set of keys (title words or creator names), read per name on first use."""

    def __init__(self, conn: _Reader, what: int):
        self._conn, self._what, self._read = conn, what, {}

    def __getitem__(self, name: str) -> set[str]:
        if name not in self._read:
            row = self._conn.execute("SELECT keys FROM postings WHERE what = ? AND name = ?",
                                     (self._what, name)).fetchone()
            self._read[name] = None if row is None else set(json.loads(row[0]))
        keys = self._read[name]
        if keys is None:
            raise KeyError(name)
        return keys

    def __iter__(self):
        return (name for (name,) in self._conn.execute("SELECT name FROM postings WHERE what = ?", (self._what,)))

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM postings WHERE what = ?", (self._what,)).fetchone()[0]
