"""The cached index of the library: parse a .bib file once, answer from the index afterwards.

Where: the user's cache directory (`$LITCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/litcheck`,
else `~/.cache/litcheck`), one index file per source file, named by a hash of its absolute
path. Not a `.litcheck/` folder beside the .bib files, because libraries often live in places
we must not or cannot write (a read-only shared folder, a colleague's checkout, a git
repository where a stray index would be committed), and because one index per absolute path
is reused by every command whatever folder it runs from. If the cache directory cannot be
written, commands still work; they just parse every time.

Validity (never trusted blindly):
- each index records its source's size, mtime_ns and a BLAKE2b hash of its bytes. A warm
  load only `stat`s the source; the hash is computed only when size or mtime differ (a file
  touched but unchanged keeps its index) or when the file was modified within two seconds of
  being indexed (an edit in the same mtime tick would otherwise go unseen);
- the header carries a magic string, the index format and Python version (marshal's format),
  the exact file length and a hash of the header itself; every entry's record has a CRC.
  Anything that does not match -- truncated, garbage, another version, stale -- is ignored and
  rebuilt from the source; a record that fails its CRC later is re-read from the source;
- a file that uses macros defined in files read before it records the values it used; if
  those change, the file is parsed again.
Indexes are written atomically (temporary file + rename), so a crash never leaves half a file.

Speed: the header holds keys, types, lines and a few small columns that filters need
(`keywords`, `sourcekind`, `verification`, `year`, `date`); each entry's fields are a separate
marshal record read through mmap only when that entry's fields are used, and `raw` is read
from the .bib file itself by byte offsets. Loading a 100,000-entry index therefore costs a
few tens of milliseconds, not the seconds that unpickling 100,000 dicts would.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import mmap
import os
import struct
import sys
import time
import zlib
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from litcheck.library.entry import Entry
from litcheck.library.findings import Finding

FORMAT = 6  # bump when the parser's output or this layout changes
MAGIC = b"LITCHECK-INDEX\n"
_HEAD = struct.Struct("<IIQQQ")  # format, python (major*100+minor), header length, rows, records length
_DIGEST = 4  # CRC32 of the header: damage detection, not security (the cache is the user's own)
HOT_FIELDS = ("keywords", "sourcekind", "verification", "year", "date")
RACY_NS = 2_000_000_000  # files modified this recently when indexed are re-hashed on load
PYVER = sys.version_info[0] * 100 + sys.version_info[1]


def cache_dir() -> Path:
    from litcheck.settings import current

    return current().cache_dir


def _name_for(path: Path, suffix: str) -> str:
    return hashlib.blake2b(str(path).encode("utf-8", "surrogatepass"), digest_size=10).hexdigest() + suffix


def index_path(source: Path) -> Path:
    return cache_dir() / "bib" / _name_for(Path(os.path.abspath(source)), ".idx")


def notes_index_path(folder: Path) -> Path:
    return cache_dir() / "notes" / _name_for(Path(os.path.abspath(folder)), ".pkl")


def file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _crc(data: bytes) -> bytes:
    return zlib.crc32(data).to_bytes(4, "little")


def _encode_column(values: list) -> tuple[list, bytes]:
    """A column with repeated values as (distinct values, 32-bit codes): loads in microseconds."""
    from array import array

    table: dict = {}
    codes = array("I", [table.setdefault(v, len(table)) for v in values])
    return list(table), codes.tobytes()


def _decode_column(encoded: tuple[list, bytes]) -> list:
    from array import array

    table, raw = encoded
    codes = array("I")
    codes.frombytes(raw)
    return list(map(table.__getitem__, codes))


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
    equal to an `Entry` with the same data, and pickles/copies as a plain `Entry`.

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

    def get(self, name: str, default: str = "") -> str:
        f = self._fields
        if f is None:
            column = self._index.hot.get(name)
            if column is not None:
                value = column[self._row]
                return default if value is None else value
            f = self._load()
        return f.get(name, default)

    def text(self, name: str) -> str:
        from litcheck.library.latex import to_text

        return to_text(self.get(name))

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
#   MAGIC | format, python, header length, row count, records length | BLAKE2b(header)
#   | header (marshal: keys, types, lines, hot columns, problems, macros, freshness stamp)
#   | table (per row: record offset, record length, CRC32, raw start byte, raw end byte)
#   | records (per row: marshal of (fields, field lines[, raw]))
# ---------------------------------------------------------------------------------------------

_ROW = struct.Struct("<QIIQQ")


class BibIndex:
    """A validated index file, open for lazy record reads."""

    def __init__(self, path: Path, header: dict, data, table_at: int):
        self.path = path
        self.header = header
        self._data = data  # mmap of the whole file
        self._table_at = table_at
        self._records_at = table_at + _ROW.size * len(header["keys"])
        from array import array

        self.types = _decode_column(header["types"])
        self.lines = array("q")
        self.lines.frombytes(header["lines"])
        self.hot: dict[str, list] = {name: _decode_column(col) for name, col in header["hot"].items()}
        self._fallback: dict[int, tuple] | None = None
        self._fallback_raw: dict[int, str] = {}
        self.source_path = Path(header["source"])
        self.env: dict[str, str] = {}

    @classmethod
    def open(cls, path: Path) -> "BibIndex":
        """Read and check an index file; raise CorruptIndex for anything unexpected."""
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                fixed = len(MAGIC) + _HEAD.size + _DIGEST
                prefix = handle.read(fixed)
                if len(prefix) != fixed or not prefix.startswith(MAGIC):
                    raise CorruptIndex("not an index file")
                fmt, pyver, header_len, rows, records_len = _HEAD.unpack_from(prefix, len(MAGIC))
                if fmt != FORMAT or pyver != PYVER:
                    raise CorruptIndex(f"index format {fmt}/{pyver}, expected {FORMAT}/{PYVER}")
                table_at = fixed + header_len
                if size != table_at + rows * _ROW.size + records_len:
                    raise CorruptIndex("index file is truncated or has trailing bytes")
                raw_header = handle.read(header_len)
                if _crc(raw_header) != prefix[-_DIGEST:]:
                    raise CorruptIndex("index header does not match its checksum")
                header = marshal.loads(raw_header)
                if not isinstance(header, dict) or header.get("format") != FORMAT or len(header["keys"]) != rows:
                    raise CorruptIndex("index header is malformed")
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError, EOFError, TypeError, KeyError, struct.error) as exc:
            raise CorruptIndex(str(exc) or type(exc).__name__) from None
        return cls(path, header, data, table_at)

    # -- freshness ------------------------------------------------------------------------
    def is_fresh(self, source: Path, st: os.stat_result) -> bool | None:
        """True: fresh; None: same content, but the stamp (mtime, racy flag) should be renewed;
        False: stale. The source is hashed only when its stat differs or it was racy."""
        h = self.header
        if st.st_size == h["size"] and st.st_mtime_ns == h["mtime_ns"] and not h["racy"]:
            return True
        if st.st_size != h["size"]:
            return False
        try:
            data = source.read_bytes()
        except OSError:
            return False
        if file_hash(data) != h["hash"]:
            return False
        if st.st_mtime_ns == h["mtime_ns"] and time.time_ns() - st.st_mtime_ns < RACY_NS:
            return True  # still within the racy window: keep hashing until it has passed
        return None

    # -- records --------------------------------------------------------------------------
    def _blob(self, row: int):
        offset, length, crc, _, _ = _ROW.unpack_from(self._data, self._table_at + row * _ROW.size)
        start = self._records_at + offset
        blob = self._data[start:start + length]
        if len(blob) != length or zlib.crc32(blob) != crc:
            raise ValueError("record checksum mismatch")
        return marshal.loads(blob)

    def record(self, row: int) -> tuple[dict, dict]:
        if self._fallback is None:
            try:
                rec = self._blob(row)
                return rec[0], dict(zip(rec[0], rec[1]))
            except (ValueError, EOFError, TypeError, IndexError):
                self._reparse()
        return self._fallback[row]

    def raw(self, row: int) -> str:
        if self._fallback is None:
            try:
                if self.header["raw_in_records"]:
                    return self._blob(row)[2]
                _, _, _, start, end = _ROW.unpack_from(self._data, self._table_at + row * _ROW.size)
                with open(self.source_path, "rb") as handle:
                    handle.seek(start)
                    return handle.read(end - start).decode("utf-8")
            except (OSError, ValueError, EOFError, TypeError, IndexError, UnicodeDecodeError):
                self._reparse()
        return self._fallback_raw[row]

    def _reparse(self) -> None:
        """A damaged record: parse the source again for this process, drop the index file."""
        from litcheck.library.bibfile import parse_file

        parsed = parse_file(self.source_path, self.env)
        by_key = {e.key: e for e in parsed.entries}
        self._fallback, self._fallback_raw = {}, {}
        for row, key in enumerate(self.header["keys"]):
            e = by_key.get(key)
            self._fallback[row] = (dict(e.fields), dict(e.field_lines)) if e else ({}, {})
            self._fallback_raw[row] = e.raw if e else ""
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def entry_class(self, name: str) -> type:
        classes = self.__dict__.setdefault("_classes", {})
        if name not in classes:
            classes[name] = type("LazyEntry", (LazyEntry,), {"__slots__": (), "file": name, "_index": self,
                                                             "__module__": __name__})
        return classes[name]

    def make_entry(self, name: str, row: int) -> "LazyEntry":
        h = self.header
        e = object.__new__(self.entry_class(name))
        e.key, e.type, e.line, e._row = h["keys"][row], self.types[row], self.lines[row], row
        return e

    def make_entries(self, name: str) -> list["LazyEntry"]:
        h = self.header
        new = object.__new__
        cls = self.entry_class(name)
        out = []
        append = out.append
        row = 0
        for key, etype, line in zip(h["keys"], self.types, self.lines):
            e = new(cls)
            e.key = key
            e.type = etype
            e.line = line
            e._row = row
            append(e)
            row += 1
        return out

    def problems(self, name: str) -> list[Finding]:
        return [Finding(c, s, m, name, line, key) for c, s, m, line, key in self.header["problems"]]


def _pack(header: dict, table: bytes, records: list[bytes], total: int) -> list[bytes]:
    raw_header = marshal.dumps(header)
    prefix = (MAGIC + _HEAD.pack(FORMAT, PYVER, len(raw_header), len(header["keys"]), total)
              + _crc(raw_header))
    return [prefix, raw_header, table, *records]


def write_index(target: Path, source: Path, data: bytes, st: os.stat_result, parsed, spans: list,
                env_used: dict, decoded_cleanly: bool) -> None:
    """Write the index of one parsed .bib file atomically."""
    from litcheck.editing.atomic import write_bytes_atomic

    entries = parsed.entries
    raw_spans = None
    if decoded_cleanly:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        if data.isascii():
            raw_spans = [(s + bom, e + bom) for s, e in spans]
        else:
            text = data[bom:].decode("utf-8")
            raw_spans = []
            cpos = bpos = 0
            for s, e in spans:
                bpos += len(text[cpos:s].encode("utf-8"))
                bstart = bpos
                bpos += len(text[s:e].encode("utf-8"))
                cpos = e
                raw_spans.append((bstart + bom, bpos + bom))
    dumps, crc, pack = marshal.dumps, zlib.crc32, _ROW.pack
    records, table = [], []
    total = 0
    for i, e in enumerate(entries):
        lines = [e.field_lines.get(name, e.line) for name in e.fields]  # aligned with fields
        blob = dumps((e.fields, lines) if raw_spans is not None else (e.fields, lines, e.raw))
        start, end = raw_spans[i] if raw_spans is not None else (0, 0)
        table.append(pack(total, len(blob), crc(blob), start, end))
        records.append(blob)
        total += len(blob)
    from array import array

    hot = {}
    for name in HOT_FIELDS:
        column = [e.fields.get(name) for e in entries]
        if any(v is not None for v in column):
            # repeated short values (years, kinds) are shared, which marshal then stores once
            hot[name] = _encode_column(column)
    header = {
        "format": FORMAT,
        "source": str(Path(os.path.abspath(source))),
        "size": st.st_size, "mtime_ns": st.st_mtime_ns, "hash": file_hash(data),
        "racy": time.time_ns() - st.st_mtime_ns < RACY_NS,
        "keys": [e.key for e in entries], "types": _encode_column([e.type for e in entries]),
        "lines": array("q", [e.line for e in entries]).tobytes(), "hot": hot, "raw_in_records": raw_spans is None,
        "problems": [(p.check, p.severity, p.message, p.line, p.key) for p in parsed.problems],
        "strings": parsed.strings, "external": env_used,
    }
    write_bytes_atomic(target, b"".join(_pack(header, b"".join(table), records, total)))


def _rewrite_header(index: BibIndex) -> None:
    """Store a new stamp for an unchanged file (table and records are copied as they are)."""
    from litcheck.editing.atomic import write_bytes_atomic

    try:
        rows = len(index.header["keys"])
        table = bytes(index._data[index._table_at:index._table_at + rows * _ROW.size])
        records = bytes(index._data[index._records_at:])
        write_bytes_atomic(index.path, b"".join(_pack(index.header, table, [records], len(records))))
    except OSError:
        pass


def _settle_gc(enabled: bool) -> None:
    """Re-enable the collector after building many long-lived objects, moving them out of
    its reach first (`gc.freeze`): they hold no reference cycles to collect, and scanning
    100,000 entries on every collection would cost more than making them did."""
    if enabled:
        gc.freeze()
        gc.enable()


class EntryMap(MutableMapping):
    """key -> Entry, creating each indexed entry on first use (in file order).

    Behaves like the dict a fresh parse gives (order, `in`, `get`, `items`, assignment);
    `show KEY` on a 100,000-entry library thus creates one entry object, not 100,000.
    """

    def __init__(self):
        # key -> Entry, or an int (row id) not created yet. None until first needed: a
        # library of one indexed file builds it only once, with the entries, when iterated.
        self._map: dict[str, object] | None = {}
        self._segments: list[tuple[int, BibIndex, str]] = []  # (first row id, index, file name)
        self._next = 0
        self._pending = 0

    @property
    def _m(self) -> dict[str, object]:
        if self._map is None:
            _, index, _ = self._segments[0]
            keys = index.header["keys"]
            self._map = dict(zip(keys, range(len(keys))))
        return self._map

    def add_index(self, index: BibIndex, name: str, shadowed: list) -> None:
        keys = index.header["keys"]
        first = self._next
        if not self._segments and not self._map:
            self._segments.append((first, index, name))
            self._next += len(keys)
            self._pending += len(keys)
            self._map = None  # built on demand (keys are unique within one file)
            return
        m = self._m
        self._segments.append((first, index, name))
        self._next += len(keys)
        for row, key in enumerate(keys, first):
            if key in m:
                shadowed.append(self._make(row))
            else:
                m[key] = row
                self._pending += 1

    def add_entries(self, entries, shadowed: list) -> None:
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

    def _make(self, gid: int) -> LazyEntry:
        first, index, name = self._segment(gid)
        return index.make_entry(name, gid - first)

    def _materialise_all(self) -> None:
        if not self._pending:
            return
        enabled = gc.isenabled()
        gc.disable()
        try:
            if self._map is None:
                _, index, name = self._segments[0]
                self._map = dict(zip(index.header["keys"], index.make_entries(name)))
                self._pending = 0
                return
            m = self._map
            if len(self._segments) == 1 and self._pending == len(m) and self._next == len(m):
                _, index, name = self._segments[0]
                self._map = dict(zip(index.header["keys"], index.make_entries(name)))
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
            _settle_gc(enabled)

    def __getitem__(self, key: str) -> Entry:
        value = self._m[key]
        if type(value) is int:
            value = self._make(value)
            self._m[key] = value
            self._pending -= 1
        return value

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key) -> bool:
        return key in self._m

    def __setitem__(self, key: str, entry: Entry) -> None:
        old = self._m.get(key)
        if type(old) is int:
            self._pending -= 1
        self._m[key] = entry

    def __delitem__(self, key: str) -> None:
        old = self._m.pop(key)
        if type(old) is int:
            self._pending -= 1

    def __iter__(self):
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


# ---------------------------------------------------------------------------------------------
# Loading a library through the cache
# ---------------------------------------------------------------------------------------------

def _parse_source(path: Path, env: dict[str, str]):
    """Read and parse one .bib file; returns (parsed, data, stat, spans, decoded cleanly)."""
    from litcheck.library.bibfile import ParsedFile, decode_bytes, no_gc, resolve_blocks, scan_text

    name = str(path)
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        return ParsedFile(name, problems=[Finding("unreadable-file", "error", f"cannot read: {exc.strerror}", name)]), None, None, [], False
    text, problems = decode_bytes(data, name)
    with no_gc():
        blocks = scan_text(text)
        parsed = resolve_blocks(blocks, text, name, env)
    spans = [(b[4], b[5]) for b in blocks if b[0] == "E"]
    # resolve_blocks drops entries whose key repeats; keep the spans of the ones it kept
    if len(spans) != len(parsed.entries):
        kept, seen = [], set()
        for b in blocks:
            if b[0] == "E" and b[2] not in seen:
                seen.add(b[2])
                kept.append((b[4], b[5]))
        spans = kept
    parsed.problems[:0] = problems
    return parsed, data, st, spans, not problems


def _env_matches(recorded: dict, env: dict[str, str]) -> bool:
    return all(env.get(name) == value for name, value in recorded.items())


def load_bib_files(bib_paths: list[Path], write: bool = True) -> tuple[list, list[str]]:
    """Per file, in order: ("index", BibIndex, name, hash) or ("parsed", ParsedFile, name, hash).

    Also returns a short status per file for `litcheck cache info` ("fresh", "rebuilt", ...).
    """
    env: dict[str, str] = {}
    results, status = [], []
    for path in bib_paths:
        path = Path(path)
        name = str(path)
        target = index_path(path)
        index = None
        state = "new"
        rewrite = False
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is not None and target.exists():
            try:
                index = BibIndex.open(target)
                fresh = index.is_fresh(path, st)
                if fresh is False:
                    index, state = None, "stale"
                elif not _env_matches(index.header["external"], env):
                    index, state = None, "macros changed"
                else:
                    if fresh is None:  # same bytes: keep the records, renew the stamp
                        state = "touched" if st.st_mtime_ns != index.header["mtime_ns"] else "fresh"
                        index.header.update(mtime_ns=st.st_mtime_ns,
                                            racy=time.time_ns() - st.st_mtime_ns < RACY_NS)
                        rewrite = True
                    else:
                        state = "fresh"
            except CorruptIndex:
                index, state = None, "corrupt"
        if index is not None:
            index.source_path = path
            index.env = dict(env)
            if rewrite and write:
                _rewrite_header(index)
            for k, v in index.header["strings"].items():
                env.setdefault(k, v)
            results.append(("index", index, name, index.header["hash"]))
            status.append(state)
            continue
        parsed, data, st2, spans, clean = _parse_source(path, env)
        used = dict(parsed.external_macros)
        for k, v in parsed.strings.items():
            env.setdefault(k, v)
        results.append(("parsed", parsed, name, file_hash(data) if data is not None else "unreadable"))
        status.append(state + " (parsed)")
        if write and data is not None:
            try:
                write_index(target, path, data, st2, parsed, spans, used, clean)
            except OSError:
                pass
    return results, status


def load_notes_cached(folder: Path | None, write: bool = True, digests=None):
    """`load_notes`, reusing parsed notes whose file is unchanged (size, mtime, hash)."""
    import pickle

    from litcheck.library.notes import parse_note, read_note

    notes, problems = {}, []
    if folder is None or not Path(folder).is_dir():
        return notes, problems
    target = notes_index_path(Path(folder))
    old: dict = {}
    try:
        with open(target, "rb") as handle:
            if handle.read(len(MAGIC)) == MAGIC:
                stored = pickle.load(handle)
                if isinstance(stored, dict) and stored.get("format") == (FORMAT, PYVER):
                    old = stored["notes"]
    except Exception:  # a damaged notes index is simply rebuilt
        old = {}
    new: dict = {}
    changed = False
    for path in sorted(Path(folder).glob("*.md")):
        name = str(path)
        try:
            st = os.stat(path)
        except OSError:
            continue
        prev = old.get(name)
        if prev is not None and prev[0] == st.st_size and prev[1] == st.st_mtime_ns and not prev[5]:
            new[name] = prev
        else:
            data, text, problem = read_note(path)
            if problem is not None:
                problems.append(problem)
                changed = True
                continue
            digest = file_hash(data)
            if prev is not None and prev[0] == st.st_size and prev[2] == digest:
                note, found = prev[3], prev[4]
            else:
                note, found = parse_note(text, name, path.stem)
            new[name] = (st.st_size, st.st_mtime_ns, digest, note, found,
                         time.time_ns() - st.st_mtime_ns < RACY_NS)
            changed = True
        note, found = new[name][3], new[name][4]
        if digests is not None:
            digests.update(f"{name}\0{new[name][2]}\0".encode("utf-8", "surrogatepass"))
        notes[note.key] = note
        problems.extend(found)
    if set(new) != set(old):
        changed = True
    if changed and write:
        try:
            from litcheck.editing.atomic import write_bytes_atomic

            write_bytes_atomic(target, MAGIC + pickle.dumps({"format": (FORMAT, PYVER), "notes": new}, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError):
            pass
    return notes, problems


def _digest_saved_lists(notes_dir: Path | None, digest) -> None:
    """Saved lists are checked too (saved-list-error): their content is part of the key."""
    from litcheck.library.files import read_file
    from litcheck.listing.reading_lists import MAX_LIST_BYTES, lists_dir, saved_lists

    if notes_dir is None:
        return
    for path in saved_lists(lists_dir(notes_dir=notes_dir)):
        try:
            content = file_hash(read_file(path, MAX_LIST_BYTES))
        except OSError as exc:
            content = exc.strerror or "unreadable"
        digest.update(f"{path}\0{content}\0".encode("utf-8", "surrogatepass"))


def load_library_cached(bib_paths: list[Path], notes_dir: Path | None):
    """`load_library` through the index (see the module docstring)."""
    from litcheck.library.core import Library

    enabled = gc.isenabled()
    gc.disable()  # building 100,000 small objects: the cyclic GC would only slow it down
    try:
        results, status = load_bib_files(bib_paths)
        lib = Library(bib_files=[str(p) for p in bib_paths], notes_dir=str(notes_dir) if notes_dir else None)
        entries = lib.entries = EntryMap()
        fingerprint = hashlib.blake2b(digest_size=16)
        for kind, item, name, digest in results:
            fingerprint.update(f"{name}\0{digest}\0".encode("utf-8", "surrogatepass"))
            if kind == "index":
                lib.problems.extend(item.problems(name))
                entries.add_index(item, name, lib.shadowed)
            else:
                lib.problems.extend(item.problems)
                entries.add_entries(item.entries, lib.shadowed)
        notes, note_problems = load_notes_cached(notes_dir, digests=fingerprint)
        _digest_saved_lists(notes_dir, fingerprint)
        lib.notes = notes
        lib.problems.extend(note_problems)
        lib.cache_status = status
        lib.cache_key = fingerprint.hexdigest()
    finally:
        _settle_gc(enabled)
    return lib


# ---------------------------------------------------------------------------------------------
# Values derived from the whole library (check results, the scanner's index)
# ---------------------------------------------------------------------------------------------

def derived(library, name: str, build):
    """`build()`, or its result kept from an earlier run with the same library content (its
    `cache_key` covers every .bib file and note) and the same package code and data
    (`code_fingerprint`).

    One file per library and kind of value, holding the digest it was computed for, so a
    changed library replaces its old result instead of piling up files. A library loaded with
    --no-cache has no key and is always computed afresh."""
    import pickle

    from litcheck.editing.atomic import write_bytes_atomic
    from litcheck.index.fingerprint import code_fingerprint

    if not getattr(library, "cache_key", ""):
        return build()
    digest = hashlib.blake2b(library.cache_key.encode(), digest_size=16)
    digest.update(code_fingerprint().encode())
    which = "\0".join([*map(str, library.bib_files), str(library.notes_dir)])
    target = cache_dir() / "derived" / _name_for(Path(which), f"-{name}.pkl")
    try:
        recorded, value = pickle.loads(target.read_bytes())
        if recorded == digest.hexdigest():
            return value
    except Exception:  # absent, truncated or from another version: compute afresh
        pass
    value = build()
    try:
        write_bytes_atomic(target, pickle.dumps((digest.hexdigest(), value), protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # an unwritable cache only costs speed
    return value


# ---------------------------------------------------------------------------------------------
# `litcheck cache info|clear`
# ---------------------------------------------------------------------------------------------

def cache_files() -> list[Path]:
    root = cache_dir()
    return sorted(p for sub in ("bib", "notes", "derived") for p in (root / sub).glob("*") if p.is_file())


def describe(bib_paths: list[Path]) -> list[dict]:
    """Per source file: its index file and whether it is fresh (without rebuilding anything)."""
    rows = []
    for path in bib_paths:
        target = index_path(path)
        row = {"source": str(path), "index": str(target), "entries": None, "state": "missing", "bytes": 0}
        if target.exists():
            row["bytes"] = target.stat().st_size
            try:
                index = BibIndex.open(target)
                row["entries"] = len(index.header["keys"])
                fresh = index.is_fresh(Path(path), os.stat(path))
                row["state"] = {True: "fresh", None: "fresh (touched)", False: "stale"}[fresh]
            except CorruptIndex as exc:
                row["state"] = f"corrupt ({exc})"
            except OSError:
                row["state"] = "source missing"
        rows.append(row)
    return rows


def clear() -> int:
    """Delete every index file; returns how many were removed."""
    removed = 0
    for path in cache_files():
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed
