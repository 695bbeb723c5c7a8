"""A big selection as row numbers of the library's index instead of entry objects.

An entry object costs about 150 bytes with its row and line, its sort key as much again: a
million listed works took 400 MB. A `RowList` holds 8 bytes a work and makes each entry when
it is read (one at a time, not kept), so the reading list of a million works fits in tens of
MB. Small selections stay lists of entries: they keep the fields a sort read for the renderer
(a search's results are then read once, not twice).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

# A selection keeps its entries (and the fields a sort reads) while they would take less than
# this; beyond it, row numbers. An entry's fields take about 4 times their stored record as
# objects, plus dicts and names even when empty.
KEPT_BYTES = 48 << 20
SORT_BATCH = 4096  # entries whose sort keys are made and taken apart together


def kept_size(entry) -> int:
    """What an entry is reckoned to hold once its fields are read."""
    return 4 * entry.stored_size() + 600


class RowList(Sequence):
    """Entries of one indexed .bib file, as row numbers (a numpy array) in listing order;
    each entry is made when it is read and goes when the reader lets it go."""

    def __init__(self, source, rows):
        """`source`: (index, file name), as `Library.row_source()` gives; `rows`: row numbers."""
        import numpy

        self._index, self._name = source
        self.rows = numpy.asarray(rows, dtype=numpy.int64)

    def with_rows(self, rows) -> "RowList":
        """Another selection of the same file."""
        return RowList((self._index, self._name), rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return self._index.entries_at(self._name, _each(self.rows))

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.with_rows(self.rows[i])
        return self._index.make_entry(self._name, int(self.rows[i]))

    def finder(self):
        """key -> its entry, for a caller asking in list order (a renderer wanting each
        work's plain line): the next entry is made then, and nothing is held for the others;
        any other key of the list is found by a binary search in the index's key order."""
        made = iter(self)
        ahead = None

        def find(key: str):
            nonlocal ahead
            if ahead is None:
                ahead = next(made, None)
            if ahead is not None and ahead.key == key:
                found, ahead = ahead, None
                return found
            row = self._index.row_of(key) if type(key) is str else None
            if row is None:
                raise KeyError(key)
            return self._index.make_entry(self._name, row, key)
        return find

    def keys(self):
        """The entries' keys, in order (no entry made)."""
        keys = self._index.keys
        return (keys[row] for row in _each(self.rows))

    def may_have(self, name: str) -> bool:
        """False when no entry of the file has field `name` (one of the index's columns), so
        a pass looking for a value of it can be skipped."""
        return self._index.hot_column(name) is not None

    def keep(self, predicate) -> "RowList":
        """The entries for which `predicate(entry)` holds, in order."""
        return self.with_rows(array("q", (e._row for e in self if predicate(e))))


def _each(rows, batch: int = 4096):
    """The row numbers as ints, converted a batch at a time (not a million ints at once)."""
    for start in range(0, len(rows), batch):
        yield from rows[start:start + batch].tolist()


def gather(entries, source) -> list | RowList:
    """The selection `entries` (an iterable of entries of the library whose `row_source()` is
    `source`): a list while their fields would take under KEPT_BYTES, else a RowList."""
    if source is None:
        return list(entries)
    kept: list = []
    total = 0
    it = iter(entries)
    for entry in it:
        kept.append(entry)
        total += kept_size(entry)
        if total > KEPT_BYTES:
            rows = array("q", (e._row for e in kept))
            del kept
            rows.extend(e._row for e in it)
            return RowList(source, rows)
    return kept


def few_stored_bytes(entries) -> bool:
    """Whether the fields a sort reads may stay with `entries` (a search's few thousand)."""
    total = 0
    for entry in entries:
        total += kept_size(entry)
        if total > KEPT_BYTES:
            return False
    return True


def keep(entries, predicate):
    """The entries of a list or RowList for which `predicate(entry)` holds, of the same kind."""
    if isinstance(entries, RowList):
        return entries.keep(predicate)
    return [e for e in entries if predicate(e)]


def keys_of(entries):
    """The keys of a list or RowList of entries, in order."""
    return entries.keys() if isinstance(entries, RowList) else (e.key for e in entries)


def picker(entries):
    """(pick, make) for splitting `entries` into groups: `pick(entry)` is what a group keeps of
    an entry (a row number for a RowList, else the entry), `make(picks)` the group."""
    if isinstance(entries, RowList):
        return (lambda e: e._row), entries.with_rows
    return (lambda e: e), list


def distinct(sections: list) -> list | RowList:
    """Every entry of `sections` (lists or RowLists) once, in first-appearance order."""
    if sections and all(isinstance(s, RowList) for s in sections):
        if len(sections) == 1:
            return sections[0]
        import numpy

        rows = numpy.concatenate([s.rows for s in sections])
        _, first = numpy.unique(rows, return_index=True)
        return sections[0].with_rows(rows[numpy.sort(first)])
    seen: dict = {}
    for section in sections:
        for entry in section:
            seen.setdefault(entry.key, entry)
    return list(seen.values())


def sort_rows(entries: RowList, key) -> RowList:
    """`sorted(entries, key=key)` for a RowList, stable as `sorted` is, holding no tuple per
    entry: each entry is read once for its key, a batch at a time, and the parts of the keys are
    kept as numbers in arrays (a text as its rank among the distinct texts of that part);
    numpy sorts the rows by them."""
    import numpy
    from itertools import islice

    parts: list | None = None
    made = iter(entries)
    while keys := [key(e) for e in islice(made, SORT_BATCH)]:
        if parts is None:
            parts = [_Part(type(v) is str) for v in keys[0]]
        for i, part in enumerate(parts):
            part.extend(k[i] for k in keys)
    if not parts:
        return entries
    order = numpy.lexsort([part.sortable() for part in reversed(parts)])
    return entries.with_rows(entries.rows[order])


class _Part:
    """One part of every entry's sort key: numbers as such; texts as ids into their distinct
    values, turned into ranks once all are seen (a million entries of one title hold one)."""

    def __init__(self, text: bool):
        self.ids: dict[str, int] | None = {} if text else None
        self.values = array("q") if text else array("d")

    def extend(self, values) -> None:
        ids = self.ids
        if ids is None:
            self.values.extend(values)
        else:
            self.values.extend([ids.setdefault(v, len(ids)) for v in values])

    def sortable(self):
        import numpy

        if self.ids is None:
            return numpy.frombuffer(self.values, dtype=numpy.float64)
        texts = list(self.ids)
        self.ids = None
        rank = numpy.empty(len(texts), dtype=numpy.int64)
        rank[sorted(range(len(texts)), key=texts.__getitem__)] = numpy.arange(len(texts))
        return rank[numpy.frombuffer(self.values, dtype=numpy.int64)]
