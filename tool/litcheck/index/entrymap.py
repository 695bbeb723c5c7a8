"""key -> Entry for a library read through the index: entries are created on first use."""

from __future__ import annotations

import gc
from collections.abc import Mapping, MutableMapping

from litcheck.index.bibindex import BibIndex, LazyEntry, settle_gc
from litcheck.index.columns import HOT_FIELDS
from litcheck.library.entry import Entry


EARLY_LOOKUPS = 500  # a binary search in the index's key order costs ~1/1500 of building the map


class EntryMap(MutableMapping):
    """key -> Entry, creating each indexed entry on first use (in file order).

    Behaves like the dict a fresh parse gives (order, `in`, `get`, `items`, assignment);
    `show KEY` on a 100,000-entry library thus creates one entry object, not 100,000.
    """

    def __init__(self):
        # key -> Entry, or an int (row id) not created yet. None until first needed: a
        # library of one indexed file builds it only once, with the entries, when iterated.
        self._map: dict[str, object] | None = {}
        # Entries looked up by key before the map exists (`search` and `show` need a few of
        # 100,000: a binary search in the index's key order costs far less than building the map).
        self._early: dict[str, Entry] = {}
        self._lookups = 0
        self._segments: list[tuple[int, BibIndex, str]] = []  # (first row id, index, file name)
        self._next = 0
        self._pending = 0
        self._changed = False  # an entry added, replaced or removed other than from one index

    @property
    def _m(self) -> dict[str, object]:
        if self._map is None:
            _, index, _ = self._segments[0]
            self._map = dict(zip(index.keys, range(index.rows)))
            self._map.update(self._early)
            self._early = {}
        return self._map

    def add_index(self, index: BibIndex, name: str, shadowed: list) -> None:
        first = self._next
        self._next += index.rows
        if not self._segments and not self._map:
            self._segments.append((first, index, name))
            self._pending += index.rows
            self._map = None  # built on demand (keys are unique within one file)
            return
        m = self._m
        self._segments.append((first, index, name))
        for row, key in enumerate(index.keys, first):
            if key in m:
                shadowed.append(self._make(row))
            else:
                m[key] = row
                self._pending += 1

    def add_entries(self, entries, shadowed: list) -> None:
        self._changed = True
        m = self._m
        for e in entries:
            if e.key in m:
                shadowed.append(e)
            else:
                m[e.key] = e

    def _segment(self, gid: int) -> tuple[int, BibIndex, str]:
        segments = self._segments
        if len(segments) == 1:
            return segments[0]
        import bisect

        return segments[bisect.bisect_right([s[0] for s in segments], gid) - 1]

    def _make(self, gid: int, key: str | None = None) -> LazyEntry:
        first, index, name = self._segment(gid)
        return index.make_entry(name, gid - first, key)

    def _materialise_all(self) -> None:
        if not self._pending:
            return
        enabled = gc.isenabled()
        gc.disable()
        try:
            if self._map is None:
                _, index, name = self._segments[0]
                self._map = dict(zip(index.keys, index.make_entries(name)))
                self._map.update(self._early)  # the entries already handed out stay the same objects
                self._early = {}
                self._pending = 0
                return
            m = self._map
            if len(self._segments) == 1 and self._pending == len(m) and self._next == len(m):
                _, index, name = self._segments[0]
                self._map = dict(zip(index.keys, index.make_entries(name)))
            else:
                made: dict[int, list] = {}
                for key, value in m.items():
                    if type(value) is int:
                        first, index, name = self._segment(value)
                        objs = made.get(first)
                        if objs is None:
                            objs = made[first] = index.make_entries(name)
                        m[key] = objs[value - first]
            self._pending = 0
        finally:
            settle_gc(enabled, len(self._map or ()))

    def each(self):
        """Every entry, in order, without keeping the ones not made yet: a pass over a big
        library holds one entry (and the fields it read) at a time, not all of them."""
        if self._map is None:
            _, index, name = self._segments[0]
            for entry in index.iter_entries(name):
                m = self._map  # made meanwhile by a lookup
                kept = m.get(entry.key) if m is not None else self._early.get(entry.key)
                yield entry if kept is None or type(kept) is int else kept
            return
        for value in self._map.values():
            yield self._make(value) if type(value) is int else value

    def row_source(self):
        """(index, file name) while every entry is a row of one indexed file, unchanged, in
        row order: a selection may then be kept as row numbers (`listing.rows`); else None."""
        if len(self._segments) == 1 and not self._changed:
            _, index, name = self._segments[0]
            return index, name
        return None

    def field_column(self, name: str) -> list:
        """The raw value of field `name` (None: absent) of every entry, in order: the index's
        column while the map is one indexed file with nothing changed, else entry by entry."""
        if len(self._segments) == 1 and not self._changed and name in HOT_FIELDS:
            _, index, _ = self._segments[0]
            column = index.hot_column(name)
            return list(column) if column is not None else [None] * index.rows
        return [e.get(name, None) for e in self.each()]

    def peek(self, key: str) -> Entry | None:
        """The entry of `key` without keeping it (None when absent)."""
        if self._map is None:
            entry = self._early.get(key)
            if entry is None and type(key) is str:
                _, index, name = self._segments[0]
                row = index.row_of(key)
                entry = None if row is None else index.make_entry(name, row, key)
            return entry
        value = self._map.get(key)
        return self._make(value, key) if type(value) is int else value

    def __getitem__(self, key: str) -> Entry:
        if self._map is None and self._lookups < EARLY_LOOKUPS:
            return self._early_entry(key)
        value = self._m[key]
        if type(value) is int:
            value = self._make(value, key)
            self._m[key] = value
            self._pending -= 1
        return value

    def _early_entry(self, key: str) -> Entry:
        entry = self._early.get(key)
        if entry is None:
            self._lookups += 1
            _, index, name = self._segments[0]
            row = index.row_of(key)  # keys are unique within one file
            if row is None:
                raise KeyError(key)
            entry = self._early[key] = index.make_entry(name, row, key)
            self._pending -= 1
        return entry

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key) -> bool:
        if self._map is None:
            return type(key) is str and self._segments[0][1].row_of(key) is not None
        return key in self._m

    def __setitem__(self, key: str, entry: Entry) -> None:
        self._changed = True
        old = self._m.get(key)
        if type(old) is int:
            self._pending -= 1
        self._m[key] = entry

    def __delitem__(self, key: str) -> None:
        self._changed = True
        old = self._m.pop(key)
        if type(old) is int:
            self._pending -= 1

    def __iter__(self):
        if self._map is None:  # one indexed file, nothing added: its keys, without the key map
            return iter(self._segments[0][1].keys)  # (73 MB for a million keys)
        return iter(self._m)

    def __len__(self) -> int:
        if self._map is None:
            return self._next
        return len(self._map)

    def keys(self):
        return self._m.keys()

    def values(self):
        self._materialise_all()
        return self._m.values()

    def items(self):
        self._materialise_all()
        return self._m.items()

    def copy(self) -> dict:
        return dict(self.items())

    def __eq__(self, other):
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"EntryMap({len(self)} entries)"
