"""The binary columns of a .bib file's index: keys, their sorted order, lines, types and the
small fields filters use, so a warm command reads what it needs instead of decoding them all.

Why not JSON: decoding the 99,132 keys, types and filter columns of a 100 MB library as JSON
took about as long as the rest of a warm `search` together. Here each column is a run of bytes
with its own CRC, checked the first time it is used; one row of it is then read in place (a
key lookup is a binary search in the sorted key order: about 17 of 100,000 keys are read), and
a whole column is decoded only when every row is wanted (iterating the library, a filter).

    keys        the keys' UTF-8 bytes, one after another
    key_ends    the end offset of each key in `keys` (64-bit)
    key_order   rows sorted by their key's bytes (32-bit)
    lines       each entry's line (64-bit)
    types, hot.<field>   32-bit codes into <name>.table, a JSON list of the distinct values
                (null: the entry has no such field; a hot column no entry has is left out)

A column that fails its CRC or does not fit its rows raises `DamagedColumn`; the index then
parses the source again, as for a damaged record.
"""

from __future__ import annotations

import itertools
import json
import zlib
from array import array

HOT_FIELDS = ("keywords", "sourcekind", "verification", "year", "date")
READS_BEFORE_DECODING = 256  # single reads of a hot column after which it is decoded whole


class DamagedColumn(ValueError):
    """A column that does not match its checksum or its rows."""


def item_size(name: str) -> int:
    """Bytes per row of a number column; 0 for the keys' bytes and the tables."""
    if name == "keys" or name.endswith(".table"):
        return 0
    return 8 if name in ("key_ends", "lines") else 4


def hot_values(fields: dict) -> tuple:
    """An entry's values of HOT_FIELDS (None where it has none), in that order."""
    return tuple(map(fields.get, HOT_FIELDS))


class _Coded:
    """Repeated values (years, kinds, types) as codes into a table of the distinct values,
    added row by row. The codes are made at the first value: a field no entry has (a hot
    column left out) costs nothing, not 4 MB a million entries."""

    def __init__(self):
        self.table: dict = {}
        self.codes = array("I")
        self.rows = 0
        self.filled = False  # whether any row has a value (a hot column of None is left out)

    def add(self, value) -> None:
        if not self.filled:
            if value is None:
                self.rows += 1
                return
            self.filled = True
            if self.rows:  # the rows before it had no value: code 0, None
                self.table[None] = 0
                self.codes = array("I", [0]) * self.rows
        self.codes.append(self.table.setdefault(value, len(self.table)))
        self.rows += 1

    def blobs(self) -> tuple[bytes, bytes]:
        """Codes and table of a column with a value (or of no rows at all)."""
        return self.codes.tobytes(), json.dumps(list(self.table), ensure_ascii=False).encode("utf-8", "surrogatepass")


class ColumnBuilder:
    """The columns, built entry by entry (a cold load adds each entry as it is parsed, and so
    holds only these columns, not the entries)."""

    def __init__(self, keys: list[str] | None = None, lines: array | None = None):
        """`keys` and `lines`: columns the caller fills itself (a cold load shares the reader's,
        which it keeps anyway), entry by entry before `add_fields`; else `add` fills them."""
        self.keys: list[str] = [] if keys is None else keys
        self.lines = array("q") if lines is None else lines
        self.types = _Coded()
        self.hot = {name: _Coded() for name in HOT_FIELDS}

    @property
    def rows(self) -> int:
        return len(self.keys)

    def add(self, key: str, line: int, etype: str, fields: dict) -> None:
        self.keys.append(key)
        self.lines.append(line)
        self.add_fields(etype, fields)

    def add_fields(self, etype: str, fields: dict) -> None:
        self.add_values(etype, hot_values(fields))

    def add_values(self, etype: str, hot: tuple) -> None:
        """`hot`: the entry's `hot_values`."""
        self.types.add(etype)
        for column, value in zip(self.hot.values(), hot):
            column.add(value)

    def build(self) -> tuple[dict, list[bytes]]:
        """The columns' directory (name -> [offset, length, CRC32]) and bytes."""
        keys = self.keys
        # Sorted as text: UTF-8 keeps the order of code points, so this is the keys' byte order
        # (without a second copy of every key as bytes, 50 MB for a million keys). Row numbers
        # sorted by the list's own strings: numpy's argsort of the keys as objects compares them
        # through Python too and took 4 times as long with its import (0.14 against 0.03 s of
        # CPU for 99,132 keys, 1.3 against 0.6 s for a million), for about 20 MB less at its
        # peak with a million keys (an int object per row while sorting).
        order = array("I", sorted(range(len(keys)), key=keys.__getitem__))
        blobs = {"keys": "".join(keys).encode("utf-8", "surrogatepass"),
                 "key_ends": array("q", itertools.accumulate(len(k.encode("utf-8", "surrogatepass")) for k in keys)).tobytes(),
                 "key_order": order.tobytes(),
                 "lines": self.lines.tobytes()}
        del order
        blobs["types"], blobs["types.table"] = self.types.blobs()
        for name, column in self.hot.items():
            if column.filled:
                blobs[f"hot.{name}"], blobs[f"hot.{name}.table"] = column.blobs()
        directory, offset = {}, 0
        for name, blob in blobs.items():
            directory[name] = [offset, len(blob), zlib.crc32(blob)]
            offset += len(blob)
        return directory, list(blobs.values())


def build_columns(entries) -> tuple[dict, list[bytes]]:
    """The columns of `entries`: their directory (name -> [offset, length, CRC32]) and bytes."""
    builder = ColumnBuilder()
    for e in entries:
        builder.add(e.key, e.line, e.type, e.fields)
    return builder.build()


def valid_directory(columns, length: int) -> bool:
    """The directory read from a header names the columns every index has and covers exactly
    `length` bytes, one column after another."""
    if not isinstance(columns, dict):
        return False
    spans = sorted(columns.values())
    return (all(isinstance(v, list) and len(v) == 3 and set(map(type, v)) <= {int} for v in spans)
            and {"keys", "key_ends", "key_order", "lines", "types", "types.table"} <= set(columns)
            and [a for a, _, _ in spans] == list(itertools.accumulate((n for _, n, _ in spans[:-1]), initial=0))
            and sum(n for _, n, _ in spans) == length)


class Columns:
    """The columns of one index, read from `data` (the mapped file) at `at`."""

    def __init__(self, data, at: int, directory: dict, rows: int):
        self._data, self._at, self._directory, self.rows = data, at, directory, rows
        self._views: dict[str, memoryview | None] = {}  # checked bytes of the columns used
        self._cells: dict[str, memoryview] = {}  # number columns, cast to their integer type
        self._tables: dict[str, list] = {}
        self._keys: list[str] | None = None
        self._reads: dict[str, int] = {}  # hot column -> single values read so far
        self.hot: dict[str, list] = {}  # hot columns decoded whole

    @classmethod
    def of_entries(cls, entries) -> "Columns":
        """Columns built in memory (an index whose file was damaged answers from a new parse)."""
        directory, blobs = build_columns(entries)
        return cls(b"".join(blobs), 0, directory, len(entries))

    def view(self, name: str) -> memoryview | None:
        """The checked bytes of column `name`; None when there is no such column."""
        views = self._views
        if name not in views:
            where = self._directory.get(name)
            view = None
            if where is not None:
                offset, length, crc = where
                view = memoryview(self._data)[self._at + offset:self._at + offset + length]
                size = item_size(name)
                if len(view) != length or zlib.crc32(view) != crc or (size and length != size * self.rows):
                    raise DamagedColumn(f"index column {name} does not match its checksum or rows")
            views[name] = view
        return views[name]

    def cell(self, name: str, row: int) -> int:
        cells = self._cells.get(name)
        if cells is None:  # the checked bytes seen as machine integers: a row is one index
            cells = self._cells[name] = self.view(name).cast("q" if item_size(name) == 8 else "I")
        return cells[row]

    def table(self, name: str) -> list:
        """The distinct values of a coded column (a JSON list of strings and nulls)."""
        table = self._tables.get(name)
        if table is None:
            try:
                table = json.loads(bytes(self.view(name)))
            except (ValueError, RecursionError):
                table = None
            if not isinstance(table, list) or not all(v is None or type(v) is str for v in table):
                raise DamagedColumn(f"index column {name} is malformed")
            self._tables[name] = table
        return table

    def coded(self, name: str, row: int) -> str | None:
        """Row `row` of the coded column `name` (types or a hot column)."""
        code, table = self.cell(name, row), self.table(name + ".table")
        if code >= len(table):
            raise DamagedColumn(f"index column {name} has a code outside its table")
        return table[code]

    def whole(self, name: str) -> list:
        """Every row of the coded column `name`, decoded."""
        codes = array("I")
        codes.frombytes(self.view(name))
        table = self.table(name + ".table")
        if codes and max(codes) >= len(table):
            raise DamagedColumn(f"index column {name} has a code outside its table")
        return list(map(table.__getitem__, codes))

    def lines(self) -> array:
        lines = array("q")
        lines.frombytes(self.view("lines"))
        return lines

    def key_bytes(self, row: int) -> bytes:
        start = self.cell("key_ends", row - 1) if row else 0
        end = self.cell("key_ends", row)
        keys = self.view("keys")
        if not start <= end <= len(keys):
            raise DamagedColumn("index keys do not match their ends")
        return bytes(keys[start:end])

    def keys(self) -> list[str]:
        """Every key, in file order."""
        if self._keys is None:
            ends = array("q")
            ends.frombytes(self.view("key_ends"))
            blob = bytes(self.view("keys"))
            if ends and (ends[-1] != len(blob) or min(ends) < 0):
                raise DamagedColumn("index keys do not match their ends")
            starts = itertools.chain((0,), ends)
            if blob.isascii():
                text = blob.decode("ascii")
                self._keys = [text[a:b] for a, b in zip(starts, ends)]
            else:
                self._keys = [blob[a:b].decode("utf-8", "surrogatepass") for a, b in zip(starts, ends)]
        return self._keys

    def row_of(self, key: str) -> int | None:
        """The row of `key` (binary search in the sorted key order), None when absent."""
        import bisect

        def nth(i: int) -> int:
            row = self.cell("key_order", i)
            if row >= self.rows:
                raise DamagedColumn("index key order names a row it does not have")
            return row

        target = key.encode("utf-8", "surrogatepass")
        i = bisect.bisect_left(range(self.rows), target, key=lambda i: self.key_bytes(nth(i)))
        if i < self.rows and self.key_bytes(nth(i)) == target:
            return nth(i)
        return None

    def hot_value(self, name: str, row: int) -> str | None:
        """Row `row` of the hot column `name` (None: no such field). Read in place for a few
        entries; decoded whole once many are read (a filter over every entry)."""
        column = self.hot.get(name)
        if column is None:
            if self.view(f"hot.{name}") is None:
                return None
            reads = self._reads[name] = self._reads.get(name, 0) + 1
            if reads < READS_BEFORE_DECODING:
                return self.coded(f"hot.{name}", row)
            column = self.hot_column(name)
        return column[row]

    def hot_column(self, name: str) -> list | None:
        """The whole hot column `name` (None when no entry has the field)."""
        if self.view(f"hot.{name}") is None:
            return None
        column = self.hot.get(name)
        if column is None:
            column = self.hot[name] = self.whole(f"hot.{name}")
        return column
