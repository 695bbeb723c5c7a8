"""The index of one .bib file: parse it once, answer from the index afterwards.

Where: the user's cache directory (`$LITCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/litcheck`,
else `~/.cache/litcheck`), one index file per source file, named by a hash of its absolute
path. Not a `.litcheck/` folder beside the .bib files, because libraries often live in places
we must not or cannot write (a read-only shared folder, a colleague's checkout, a git
repository where a stray index would be committed), and because one index per absolute path
is reused by every command whatever folder it runs from. If the cache directory cannot be
written, commands still work; they just parse every time.

Validity (never trusted blindly):
- each index records its source's stat stamp (size, mtime, ctime, inode: `store.stamp`) and
  a BLAKE2b hash of its bytes. A warm load only `stat`s the source; the hash is computed only
  when the stamp differs (a file
  touched but unchanged keeps its index) or when the file was modified within two seconds of
  being indexed (an edit in the same mtime tick would otherwise go unseen);
- the header carries a magic string, the index format, the exact file length and a CRC of the
  header itself; every entry's record has a CRC. Header and records are JSON, checked for the
  expected shape when read: a crafted file can at worst be refused (see `index.store`).
  Anything that does not match -- truncated, garbage, another version, stale -- is ignored and
  rebuilt from the source; a record that fails its CRC later is re-read from the source;
- a file that uses macros defined in files read before it records the values it used; if
  those change, the file is parsed again.
Indexes are written atomically (temporary file + rename), so a crash never leaves half a file.

Speed: the JSON header is small (freshness, macros, problems); keys, types, lines and a few
small columns that filters need (`keywords`, `sourcekind`, `verification`, `year`, `date`) are
binary columns after it, each with its own CRC, read through mmap and decoded only when used:
`show KEY` or a search finds its few keys by binary search in a sorted key order, without
decoding the 100,000 others. Each entry's fields are a separate JSON record read only when
that entry's fields are used, and `raw` is read from the .bib file itself by byte offsets.
"""

from __future__ import annotations

import functools
import gc
import json
import mmap
import os
import stat
import struct
import time
import zlib
from pathlib import Path

from litcheck.index.columns import HOT_FIELDS, ColumnBuilder, Columns, DamagedColumn, hot_values, valid_directory
from litcheck.index.source import SourceFile
from litcheck.index.store import cache_dir, file_hash, name_for, stamp, write_cache
from litcheck.library.entry import Entry
from litcheck.library.findings import Finding

FORMAT = 8  # bump when the parser's output or this layout changes
MAGIC = b"LITCHECK-INDEX\n"
_HEAD = struct.Struct("<IIQQQQ")  # format, unused (0), header length, columns length, rows, records length
_DIGEST = 4  # CRC32 of the header: damage detection (a crafted header is still only data)
RACY_NS = 2_000_000_000  # files modified this recently when indexed are re-hashed on load
PAGED_BYTES = 16 << 20  # bytes mapped by reading records between two releases of the mapping's pages
FAULT_AROUND = 64 << 10  # what the kernel maps around a page read (Linux's fault_around_bytes)


def index_path(source: Path) -> Path:
    return cache_dir() / "bib" / name_for(Path(os.path.abspath(source)), ".idx")



def _crc(data: bytes) -> bytes:
    return zlib.crc32(data).to_bytes(4, "little")


class CorruptIndex(Exception):
    """An index file that must not be used (and will be rebuilt)."""


# ---------------------------------------------------------------------------------------------
# Lazily materialised entries
# ---------------------------------------------------------------------------------------------

class LazyEntry(Entry):
    """An `Entry` whose fields, field lines and raw text are read from the index on first use.

    `key`, `type`, `file` and `line` are plain attributes; `get()` answers the small columns
    kept in the index header (keywords, kind, verification, year, date) without reading the
    entry's record, so filtering 100,000 entries by topic touches no record at all. It compares
    equal to an `Entry` with the same data, and copies as a plain `Entry`.

    Each index makes a subclass holding its `file` name and `_index` as class attributes, and
    the per-entry attributes live in slots: creating 100,000 of them then takes ~30 ms.
    """

    __slots__ = ("key", "type", "line", "_row")
    _index: "BibIndex"
    # Materialised data lives in the instance __dict__ once read; these class-level None
    # defaults let an untouched entry answer without ever allocating a __dict__.
    _fields = None
    _lines = None
    _raw = None

    def _load(self) -> dict[str, str]:
        fields, lines = self._index.record(self._row)
        self._fields, self._lines = fields, lines
        return fields

    @property
    def fields(self) -> dict[str, str]:
        f = self._fields
        return f if f is not None else self._load()

    @fields.setter
    def fields(self, value: dict[str, str]) -> None:
        self._fields = value

    @property
    def field_lines(self) -> dict[str, int]:
        if self._lines is None:
            self._load()
        return self._lines

    @field_lines.setter
    def field_lines(self, value: dict[str, int]) -> None:
        self._lines = value

    @property
    def raw(self) -> str:
        r = self._raw
        if r is None:
            r = self._raw = self._index.raw(self._row)
        return r

    @raw.setter
    def raw(self, value: str) -> None:
        self._raw = value

    def stored_size(self) -> int:
        """The bytes of the record its fields are read from."""
        return self._index.record_size(self._row)

    def transient(self) -> "LazyEntry":
        """A new entry of the same row, whose fields are read anew and go when it does (a pass
        over a big selection holds the fields of one entry at a time); this one itself once
        it holds its fields (read or given)."""
        if self._fields is not None or self._lines is not None or self._raw is not None:
            return self
        e = object.__new__(type(self))
        e.key, e.type, e.line, e._row = self.key, self.type, self.line, self._row
        return e

    def get(self, name: str, default: str = "") -> str:
        f = self._fields
        if f is None:
            column = self._index.hot.get(name)  # decoded once many entries were asked
            if column is not None:
                value = column[self._row]
                return default if value is None else value
            if name in HOT_FIELDS:
                value = self._index.hot_value(name, self._row)
                return default if value is None else value
            f = self._load()
        return f.get(name, default)

    def text(self, name: str) -> str:
        from litcheck.index.decoded import text

        return text(self._index, self.get(name))

    def _astuple(self):
        return (self.key, self.type, self.fields, self.file, self.line, self.field_lines, self.raw)

    def __eq__(self, other):
        if not isinstance(other, Entry):
            return NotImplemented
        return self._astuple() == (other.key, other.type, other.fields, other.file, other.line,
                                   other.field_lines, other.raw)

    __hash__ = None

    def __reduce__(self):
        return (Entry, (self.key, self.type, self.fields, self.file, self.line, self.field_lines, self.raw))

    def __repr__(self) -> str:
        return f"LazyEntry(key={self.key!r}, type={self.type!r}, file={self.file!r}, line={self.line!r})"


# ---------------------------------------------------------------------------------------------
# One index file per .bib source
#
#   MAGIC | format, 0, header length, columns length, row count, records length | CRC32(header)
#   | header (JSON: problems, macros, freshness stamp, the columns' directory)
#   | columns (keys, key ends, key order, lines, types, hot columns: see `_columns`)
#   | table (per row: record offset, record length, CRC32, raw start byte, raw end byte)
#   | records (per row: JSON [fields, field lines(, raw)])
# ---------------------------------------------------------------------------------------------

_ROW = struct.Struct("<QIIQQ")


class BibIndex:
    """A validated index file, open for lazy record reads."""

    def __init__(self, path: Path, header: dict, data, columns_at: int, rows: int):
        self.path = path
        self.header = header
        self.rows = rows
        self._data = data  # mmap of the whole file
        self._columns_at = columns_at
        self._table_at = columns_at + sum(length for _, length, _ in header["columns"].values())
        self._records_at = self._table_at + _ROW.size * rows
        self.columns = Columns(data, columns_at, header["columns"], rows)
        self._fallback: dict[int, tuple] | None = None
        self._paged = 0  # bytes of records read through the mapping since its pages were released
        self._fallback_raw: dict[int, str] = {}
        self.source_path = Path(header["source"])
        self.source: SourceFile | None = None  # the file as checked (see `index.source`)
        self.env: dict[str, str] = {}

    @classmethod
    def open(cls, path: Path) -> "BibIndex":
        """Read and check an index file; raise CorruptIndex for anything unexpected."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with open(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise CorruptIndex("not a regular file")
                size = info.st_size
                fixed = len(MAGIC) + _HEAD.size + _DIGEST
                prefix = handle.read(fixed)
                if len(prefix) != fixed or not prefix.startswith(MAGIC):
                    raise CorruptIndex("not an index file")
                fmt, _, header_len, columns_len, rows, records_len = _HEAD.unpack_from(prefix, len(MAGIC))
                if fmt != FORMAT:
                    raise CorruptIndex(f"index format {fmt}, expected {FORMAT}")
                columns_at = fixed + header_len
                if size != columns_at + columns_len + rows * _ROW.size + records_len:
                    raise CorruptIndex("index file is truncated or has trailing bytes")
                raw_header = handle.read(header_len)
                if _crc(raw_header) != prefix[-_DIGEST:]:
                    raise CorruptIndex("index header does not match its checksum")
                header = json.loads(raw_header)
                if not _valid_header(header, columns_len):
                    raise CorruptIndex("index header is malformed")
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            return cls(path, header, data, columns_at, rows)
        except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError, struct.error, RecursionError) as exc:
            raise CorruptIndex(str(exc) or type(exc).__name__) from None

    # -- columns (see `index.columns`): a damaged one makes this process parse the source again
    def _read(self, method: str, *args):
        try:
            return getattr(self.columns, method)(*args)
        except DamagedColumn:
            self._reparse()
            return getattr(self.columns, method)(*args)

    @property
    def keys(self) -> list[str]:
        """Every key, in file order (decoded on first use: `show` and `search` need a few)."""
        return self._read("keys")

    def row_of(self, key: str) -> int | None:
        return self._read("row_of", key)

    def hot_value(self, name: str, row: int) -> str | None:
        return self._read("hot_value", name, row)

    def hot_column(self, name: str) -> list | None:
        return self._read("hot_column", name)

    @property
    def hot(self) -> dict[str, list]:
        return self.columns.hot

    # -- freshness ------------------------------------------------------------------------
    def is_fresh(self, source: SourceFile) -> bool | None:
        """True: fresh; None: same content, but the stamp (mtime, racy flag) should be renewed;
        False: stale. The source is hashed only when its stat stamp differs or it was racy.
        Records and raw text are then read from this `source` (`self.source`)."""
        h, st = self.header, source.st
        self.source = source
        if stamp(st) == h["stamp"] and not h["racy"]:
            return True
        if st.st_size != h["size"]:
            return False
        try:
            data = source.read_all()
        except (OSError, ValueError):
            return False
        if file_hash(data) != h["hash"]:
            return False
        if st.st_mtime_ns == h["mtime_ns"] and time.time_ns() - st.st_mtime_ns < RACY_NS:
            return True  # still within the racy window: keep hashing until it has passed
        return None

    # -- records --------------------------------------------------------------------------
    def _release_pages(self) -> None:
        """Hand the pages of the mapping read so far back to the kernel (they stay in its file
        cache): a pass over every record would otherwise keep the whole index resident, as
        much again as the source file, on top of what the pass holds. Reading records in
        another order than the file's (a sorted list) maps 64 kB around each, so 2,000 of
        them kept 130 MB of a 150 MB index resident."""
        self._paged = 0
        if isinstance(self._data, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
            self._data.madvise(mmap.MADV_DONTNEED)

    def _blob(self, row: int):
        offset, length, crc, _, _ = _ROW.unpack_from(self._data, self._table_at + row * _ROW.size)
        start = self._records_at + offset
        blob = self._data[start:start + length]
        self._paged += length + FAULT_AROUND
        if self._paged > PAGED_BYTES:
            self._release_pages()
        if len(blob) != length or zlib.crc32(blob) != crc:
            raise ValueError("record checksum mismatch")
        rec = json.loads(blob)
        if not (isinstance(rec, list) and len(rec) in (2, 3) and isinstance(rec[0], dict) and isinstance(rec[1], list)
                and len(rec[0]) == len(rec[1]) and all(type(v) is str for v in rec[0].values())
                and all(type(n) is int for n in rec[1]) and (len(rec) == 2 or type(rec[2]) is str)):
            raise ValueError("record is malformed")
        return rec

    def record_size(self, row: int) -> int:
        if self._fallback is not None:
            return 0
        return _ROW.unpack_from(self._data, self._table_at + row * _ROW.size)[1]

    def record(self, row: int) -> tuple[dict, dict]:
        if self._fallback is None:
            try:
                rec = self._blob(row)
                return rec[0], dict(zip(rec[0], rec[1]))
            except (ValueError, EOFError, TypeError, IndexError, RecursionError):
                self._reparse()
        return self._fallback[row]

    def raw(self, row: int) -> str:
        if self._fallback is None:
            try:
                if self.header["raw_in_records"]:
                    return self._blob(row)[2]
                _, _, _, start, end = _ROW.unpack_from(self._data, self._table_at + row * _ROW.size)
                return self._source().read(start, end).decode("utf-8")
            except (OSError, ValueError, EOFError, TypeError, IndexError, UnicodeDecodeError, RecursionError):
                self._reparse()
        return self._fallback_raw[row]

    def _reparse(self) -> None:
        """A damaged record or column: parse the source again for this process (records and
        columns then come from that parse), and drop the index file."""
        from litcheck.library.bibfile import decode_bytes, parse_text

        name = str(self.source_path)
        try:
            data = self._source().read_all()
        except (OSError, ValueError):  # unreadable now: no entries, as a parse of it would give
            data = b""
        entries = parse_text(decode_bytes(data, name)[0], name, self.env).entries
        self._fallback = {row: (dict(e.fields), dict(e.field_lines)) for row, e in enumerate(entries)}
        self._fallback_raw = {row: e.raw for row, e in enumerate(entries)}
        self.rows = len(entries)
        self.columns = Columns.of_entries(entries)
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def _source(self) -> SourceFile:
        """The source as checked; opened now only for an index used without a freshness check."""
        if self.source is None:
            self.source = SourceFile(self.source_path)
        return self.source

    def entry_class(self, name: str) -> type:
        classes = self.__dict__.setdefault("_classes", {})
        if name not in classes:
            classes[name] = type("LazyEntry", (LazyEntry,), {"__slots__": (), "file": name, "_index": self,
                                                             "__module__": __name__})
        return classes[name]

    def make_entry(self, name: str, row: int, key: str | None = None) -> "LazyEntry":
        """The entry of `row`; `key` when the caller found the row by it (not read again)."""
        e = object.__new__(self.entry_class(name))
        e.key = key if key is not None else self._read("key_bytes", row).decode("utf-8", "surrogatepass")
        e.type, e.line, e._row = self._read("coded", "types", row), self._read("cell", "lines", row), row
        return e

    def make_entries(self, name: str) -> list["LazyEntry"]:
        return list(self.iter_entries(name))

    def iter_entries(self, name: str):
        """A new entry for every row, in order (made one by one for a caller that keeps none)."""
        return self.entries_at(name)

    def entries_at(self, name: str, rows=None):
        """A new entry for each row of `rows` (default: every row) in turn, made one by one for
        a caller that keeps none (a reading list of row numbers, `listing.rows`)."""
        new = object.__new__
        cls = self.entry_class(name)
        keys, types, lines = self.keys, self._read("whole", "types"), self._read("lines")
        for row in range(len(keys)) if rows is None else rows:
            e = new(cls)
            e.key = keys[row]
            e.type = types[row]
            e.line = lines[row]
            e._row = row
            yield e

    def problems(self, name: str) -> list[Finding]:
        return [Finding(c, s, m, name, line, key) for c, s, m, line, key in self.header["problems"]]


def _valid_header(h, columns_len: int) -> bool:
    """The header has every item, of the type the reader expects (data from disk is checked);
    its columns' directory covers exactly the columns section."""
    def strs(value) -> bool:  # macro name -> value (None: a macro used but not defined)
        return isinstance(value, dict) and all(type(k) is str and (v is None or type(v) is str)
                                               for k, v in value.items())

    try:
        return (isinstance(h, dict) and h.get("format") == FORMAT
                and type(h["source"]) is str and type(h["size"]) is int and type(h["mtime_ns"]) is int and type(h["stamp"]) is str
                and type(h["hash"]) is str and type(h["racy"]) is bool and type(h["raw_in_records"]) is bool
                and valid_directory(h["columns"], columns_len)
                and strs(h["strings"]) and strs(h["external"]) and isinstance(h["problems"], list)
                and set(map(type, h["problems"])) <= {list} and set(map(len, h["problems"])) <= {5}
                and all(set(map(type, p[:3])) <= {str} and type(p[3]) is int and type(p[4]) is str
                        for p in h["problems"]))
    except (KeyError, TypeError):
        return False


def _pack(header: dict, columns: list[bytes], rows: int, table: bytes, records: list[bytes], total: int) -> list[bytes]:
    raw_header = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    prefix = (MAGIC + _HEAD.pack(FORMAT, 0, len(raw_header), sum(map(len, columns)), rows, total)
              + _crc(raw_header))
    return [prefix, raw_header, *columns, table, *records]


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # made once: one record an entry


class IndexBuilder:
    """The index of one .bib file, written entry by entry as the file is parsed.

    Each entry's record and table row go to spool files at once and only its type and hot-field
    codes stay in memory (its key and line are in the reader's columns, shared): a cold load then
    never holds every parsed entry (a gigabyte for a million tiny entries). `raw_in_records`: the entries' raw
    text is stored in the records (when the file did not decode cleanly, so it cannot be read
    back by byte offsets)."""

    def __init__(self, raw_in_records: bool, keys: list[str], lines):
        import tempfile

        self.raw_in_records = raw_in_records
        self.spool = tempfile.TemporaryFile(buffering=1 << 20)  # 150 MB of records for 100k entries: fewer writes
        self.table = tempfile.TemporaryFile()  # 32 bytes a row: 32 MB for a million entries
        self.total = 0
        self.columns = ColumnBuilder(keys, lines)

    def add(self, etype: str, fields: dict, field_lines: dict, raw: str, span: tuple[int, int]) -> None:
        self.add_record(etype, self.record(fields, field_lines, raw), hot_values(fields), span)

    def record(self, fields: dict, field_lines: dict, raw: str) -> bytes:
        """An entry's record. `field_lines`: the line of every field, in the order of `fields`
        (the parser makes them together)."""
        lines = list(field_lines.values())
        return _ENCODE((fields, lines, raw) if self.raw_in_records else (fields, lines)).encode("utf-8", "surrogatepass")

    def add_record(self, etype: str, blob: bytes, hot: tuple, span: tuple[int, int]) -> None:
        """An entry by its `record` and `columns.hot_values` (made in a worker process)."""
        self.table.write(_ROW.pack(self.total, len(blob), zlib.crc32(blob), *span))
        self.spool.write(blob)
        self.total += len(blob)
        self.columns.add_values(etype, hot)

    def pieces(self, source: Path, digest: str, st: os.stat_result, problems: list, strings: dict,
               env_used: dict):
        """The index file's bytes, piece by piece (the records copied from the spool)."""
        directory, columns = self.columns.build()
        header = {
            "format": FORMAT,
            "source": str(Path(os.path.abspath(source))),
            "size": st.st_size, "mtime_ns": st.st_mtime_ns, "stamp": stamp(st), "hash": digest,
            "racy": time.time_ns() - st.st_mtime_ns < RACY_NS,
            "columns": directory,
            "raw_in_records": self.raw_in_records,
            "problems": [[p.check, p.severity, p.message, p.line, p.key] for p in problems],
            "strings": strings, "external": env_used,
        }
        yield from _pack(header, columns, self.columns.rows, b"", [], self.total)
        del columns
        for spooled in (self.table, self.spool):  # the table, then the records
            spooled.seek(0)
            yield from iter(functools.partial(spooled.read, 1 << 20), b"")

    def close(self) -> None:
        self.table.close()
        self.spool.close()


def open_temporary(pieces) -> BibIndex:
    """An index written to a temporary file (when the cache folder cannot take it): the library
    is still read from an index, not held in memory. The file is removed once mapped."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix="litcheck-index-")
    try:
        with open(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)
        return BibIndex.open(Path(name))
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass


def rewrite_header(index: BibIndex) -> None:
    """Store a new stamp for an unchanged file (table and records are copied as they are)."""
    try:
        columns = bytes(index._data[index._columns_at:index._table_at])
        table = bytes(index._data[index._table_at:index._records_at])
        records = bytes(index._data[index._records_at:])
        write_cache(index.path, b"".join(_pack(index.header, [columns], index.rows, table, [records], len(records))))
    except OSError:
        pass


def settle_gc(enabled: bool, made: int) -> None:
    """Re-enable the collector after building `made` long-lived objects, moving them out of its
    reach first (`gc.freeze`) when they are many: scanning 100,000 entries on every collection
    would cost more than making them did. A frozen index is never collected, and keeps its
    mapping and source file open: a process loading many small libraries (tests) does not."""
    if enabled:
        if made >= 10_000:
            gc.freeze()
        gc.enable()
