"""Loading the library's files through the cache: the index stores and returns parsed files
and notes; `litcheck.library.core` builds the Library from them (in one place).

The notes cache is one JSON file per notes folder (see `index.store` for the format and why it
is data only): per note its size, mtime, content hash and the parsed note.
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from litcheck.index.bibindex import RACY_NS, BibIndex, CorruptIndex, index_path, rewrite_header, settle_gc
from litcheck.index.columns import hot_values
from litcheck.index.digest import blake2b
from litcheck.index.entrymap import EntryMap
from litcheck.index.source import SourceFile
from litcheck.index.store import cache_dir, file_hash, name_for, read_cache, stamp, write_cache
from litcheck.library.findings import Finding

NOTES_FORMAT = 1


def notes_index_path(folder: Path) -> Path:
    return cache_dir() / "notes" / name_for(Path(os.path.abspath(folder)), ".json")


class ByteSpans:
    """The byte offsets in the file of entries' character spans in its decoded `text`, given in
    order (the index reads an entry's raw text from the file by these)."""

    def __init__(self, text: str, bom: int, ascii_only: bool):
        self.text, self.bom, self.ascii_only = text, bom, ascii_only
        self.cpos = self.bpos = 0

    def of(self, start: int, end: int) -> tuple[int, int]:
        if self.ascii_only:
            return start + self.bom, end + self.bom
        text = self.text
        self.bpos += len(text[self.cpos:start].encode("utf-8"))
        bstart = self.bpos
        self.bpos += len(text[start:end].encode("utf-8"))
        self.cpos = end
        return bstart + self.bom, self.bpos + self.bom


class _IndexSink:
    """Entries of a streamed parse into an IndexBuilder (see `bibfile.stream_file`); the
    entries of a large file's later parts come as records made in the parser's other process
    (`prepare`)."""

    def __init__(self, resolver, text: str, raw_in_records: bool, bom: int, ascii_only: bool):
        from litcheck.index.bibindex import IndexBuilder

        self.text = text
        self.resolver = resolver
        self.builder = IndexBuilder(raw_in_records, resolver.keys, resolver.lines)  # the reader's columns
        self.spans = ByteSpans(text, bom, ascii_only)

    def entry(self, etype, key, line, start, end, fields, lines) -> None:
        span = (0, 0) if self.builder.raw_in_records else self.spans.of(start, end)
        if lines is None:  # made by `prepare`
            self.builder.add_record(etype, *fields, span)
        else:
            self.builder.add(etype, fields, lines, self.text[start:end] if self.builder.raw_in_records else "", span)

    def prepare(self, block) -> tuple:
        """An entry block made into its record in a worker process (`bibblocks.iter_blocks`)."""
        return self.resolver.prepared(block, self._record)

    def _record(self, etype, fields, lines, start, end) -> tuple:
        builder = self.builder
        return builder.record(fields, lines, self.text[start:end] if builder.raw_in_records else ""), hot_values(fields)

    def discard(self) -> None:
        self.builder.close()


def _build_source(path: Path, source: SourceFile | None, env: dict[str, str], target: Path, write: bool):
    """Parse one .bib file (open as `source`, None when it could not be opened) straight into
    its index, entry by entry: returns (BibIndex, hash of the bytes, macros it defines), or
    (ParsedFile, None, {}) when the file cannot be read. The index is written to `target` (with
    `write`), else to a temporary file; the library is then read from it as from a warm index,
    so the peak of a cold load is the text and one entry at a time, not every parsed entry at
    once. The index reads raw text from `source`, the bytes it was built from."""
    from litcheck.index.bibindex import open_temporary
    from litcheck.library.bibfile import ParsedFile, decode_bytes, stream_file

    name = str(path)
    try:
        source = source or SourceFile(path)
        data, st = source.read_all(), source.st
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        return ParsedFile(name, problems=[Finding("unreadable-file", "error", f"cannot read: {reason}", name)]), None, {}
    text, problems = decode_bytes(data, name)
    digest, bom, ascii_only = file_hash(data), 3 if data.startswith(b"\xef\xbb\xbf") else 0, data.isascii()
    del data  # with the text and the index being built, the bytes were part of the peak
    resolver, sink = stream_file(text, name, env, lambda resolver, text=text: _IndexSink(resolver, text, bool(problems), bom, ascii_only))
    builder = sink.builder
    parsed = resolver.finish(ParsedFile(name, problems=list(problems)))
    del text, sink, resolver  # its table of keys: not needed for the columns and the header
    try:
        pieces = builder.pieces(path, digest, st, parsed.problems, parsed.strings, parsed.external_macros)
        index = None
        if write:
            try:
                write_cache(target, pieces)
                index = BibIndex.open(target)
            except (OSError, CorruptIndex):
                index = None
        if index is None:
            index = open_temporary(builder.pieces(path, digest, st, parsed.problems, parsed.strings,
                                                  parsed.external_macros))
    finally:
        builder.close()
    index.source = source
    return index, digest, parsed.strings


def _env_matches(recorded: dict, env: dict[str, str]) -> bool:
    return all(env.get(name) == value for name, value in recorded.items())


# The stages of reading a file that has no usable index (its first use, or after a change).
COLD_STAGES = ("parse", "index", "done")


def silent(items, label: str = "", total: int | None = None):
    """The `progress` that shows nothing (library code called without a terminal)."""
    return iter(items)


def load_bib_files(bib_paths: list[Path], write: bool = True, progress=silent) -> tuple[list, list[str]]:
    """Per file, in order: ("index", BibIndex, name, hash) or ("parsed", ParsedFile, name, hash).

    Also returns a short status per file for `litcheck cache info` ("fresh", "rebuilt", ...).
    `progress(items, label, total)` wraps the stages of each file that has to be parsed (a
    progress bar on a terminal: a cold load of a big library takes seconds).
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
            source = SourceFile(path)  # checked and then read through this descriptor
        except OSError:
            source = None
        if source is not None and target.exists():
            st = source.st
            try:
                index = BibIndex.open(target)
                fresh = index.is_fresh(source)
                if fresh is False:
                    index, state = None, "stale"
                elif not _env_matches(index.header["external"], env):
                    index, state = None, "macros changed"
                else:
                    if fresh is None:  # same bytes: keep the records, renew the stamp
                        state = "touched" if st.st_mtime_ns != index.header["mtime_ns"] else "fresh"
                        index.header.update(mtime_ns=st.st_mtime_ns, stamp=stamp(st),
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
                rewrite_header(index)
            for k, v in index.header["strings"].items():
                env.setdefault(k, v)
            results.append(("index", index, name, index.header["hash"]))
            status.append(state)
            continue
        stages = progress(COLD_STAGES, f"reading {path.name}", len(COLD_STAGES) - 1)
        next(stages)
        built, digest, strings = _build_source(path, source, env, target, write)
        if digest is None:
            results.append(("parsed", built, name, "unreadable"))
        else:
            built.source_path = path
            built.env = dict(env)
            results.append(("index", built, name, digest))
        for k, v in strings.items():
            env.setdefault(k, v)
        next(stages)
        status.append(state + " (parsed)")
        for _ in stages:  # the last stage: the bar is complete and cleared
            pass
    return results, status


def load_notes_cached(folder: Path | None, write: bool = True, digests=None):
    """`load_notes`, reusing parsed notes whose file is unchanged (size, mtime, hash)."""
    notes, problems = {}, []
    if folder is None or not Path(folder).is_dir():
        return notes, problems
    from litcheck.library.notes import parse_note, read_note  # here: a library without notes never parses one

    target = notes_index_path(Path(folder))
    old = _read_notes_cache(target)
    new: dict = {}
    changed = False
    for path in sorted(Path(folder).glob("*.md")):
        name = str(path)
        try:
            st = os.stat(path)
        except OSError:
            continue
        prev = old.get(name)
        if prev is not None and prev[1] == stamp(st) and not prev[5]:
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
            new[name] = (st.st_size, stamp(st), digest, note, found,
                         time.time_ns() - st.st_mtime_ns < RACY_NS)
            changed = changed or new[name][:3] != (prev or ())[:3]
        note, found = new[name][3], new[name][4]
        if digests is not None:
            digests.update(f"{name}\0{new[name][2]}\0".encode("utf-8", "surrogatepass"))
        notes[note.key] = note
        problems.extend(found)
    if set(new) != set(old):
        changed = True
    if changed and write:
        _write_notes_cache(target, new)
    return notes, problems


def _note_classes() -> tuple:
    from litcheck.library.notes import Link, Note

    return (Note, Link, Finding)


def _read_notes_cache(target: Path) -> dict:
    """name -> (size, stat stamp, hash, Note, findings, racy); {} when absent or not as written."""
    from litcheck.index.store import loads
    from litcheck.library.notes import Note

    try:
        stored = loads(read_cache(target), _note_classes())
        if not isinstance(stored, dict) or stored.get("format") != NOTES_FORMAT:
            return {}
        out = {}
        for name, row in stored["notes"].items():
            size, when, digest, note, found, racy = row
            if not (type(size) is int and type(when) is str and type(digest) is str and isinstance(note, Note)
                    and type(note.key) is str and isinstance(found, list)
                    and all(isinstance(f, Finding) for f in found) and type(racy) is bool):
                return {}
            out[name] = row
        return out
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # refused or damaged: rebuilt
        return {}


def _write_notes_cache(target: Path, new: dict) -> None:
    from litcheck.index.store import dumps

    try:
        write_cache(target, dumps({"format": NOTES_FORMAT, "notes": new}, _note_classes()))
    except (OSError, TypeError, ValueError):  # an unusual value (or no cache folder): no cache
        pass


@dataclass
class Sources:
    """What the index returns for a library: entries (created on first use), later definitions
    of a key, loading problems, notes, per-file cache status and a key over all contents."""

    entries: EntryMap = field(default_factory=EntryMap)
    shadowed: list = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    status: list[str] = field(default_factory=list)
    key: str = ""


def load_sources(bib_paths: list[Path], notes_dir: Path | None, progress=silent) -> Sources:
    """Every .bib file (through its index) and note (through the notes cache); `progress` as
    in `load_bib_files`."""
    enabled = gc.isenabled()
    gc.disable()  # building 100,000 small objects: the cyclic GC would only slow it down
    out = Sources()
    try:
        results, out.status = load_bib_files(bib_paths, progress=progress)
        fingerprint = blake2b(digest_size=16)
        for kind, item, name, digest in results:
            fingerprint.update(f"{name}\0{digest}\0".encode("utf-8", "surrogatepass"))
            if kind == "index":
                out.problems.extend(item.problems(name))
                out.entries.add_index(item, name, out.shadowed)
            else:
                out.problems.extend(item.problems)
                out.entries.add_entries(item.entries, out.shadowed)
        out.notes, note_problems = load_notes_cached(notes_dir, digests=fingerprint)
        _digest_saved_lists(notes_dir, fingerprint)
        out.problems.extend(note_problems)
        out.key = fingerprint.hexdigest()
    finally:
        settle_gc(enabled, len(out.entries))
    return out


def _digest_saved_lists(notes_dir: Path | None, digest) -> None:
    """Saved lists are checked too (saved-list-error): their content is part of the key."""
    if notes_dir is None:
        return
    from litcheck.library.files import read_file
    from litcheck.listing.reading_lists import MAX_LIST_BYTES, lists_dir, saved_lists

    for path in saved_lists(lists_dir(notes_dir=notes_dir)):
        try:
            content = file_hash(read_file(path, MAX_LIST_BYTES))
        except OSError as exc:
            content = exc.strerror or "unreadable"
        digest.update(f"{path}\0{content}\0".encode("utf-8", "surrogatepass"))


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
                row["entries"] = index.rows
                fresh = index.is_fresh(SourceFile(path))
                row["state"] = {True: "fresh", None: "fresh (touched)", False: "stale"}[fresh]
            except CorruptIndex as exc:
                row["state"] = f"corrupt ({exc})"
            except OSError:
                row["state"] = "source missing"
        rows.append(row)
    return rows
