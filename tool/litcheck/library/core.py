"""The Library: every entry of the .bib files plus the notes, with links resolved both ways."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from litcheck.library.entry import Entry
from litcheck.library.findings import Finding

if TYPE_CHECKING:  # annotations only: a library without notes never imports their parser
    from litcheck.library.notes import Link, Note


@dataclass
class Library:
    entries: dict[str, Entry] = field(default_factory=dict)  # first definition of a key wins
    notes: dict[str, Note] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)  # found while loading (parse errors, ...)
    bib_files: list[str] = field(default_factory=list)
    notes_dir: str | None = None
    shadowed: list[Entry] = field(default_factory=list)  # later definitions of an existing key
    # A hash of every source's content (and the notes' paths) when loaded through the index;
    # "" when parsed without the cache. Stable while nothing changes: results derived from
    # the library (check findings, search indexes) may be cached under it.
    cache_key: str = ""
    cache_status: list[str] = field(default_factory=list)  # per .bib file: fresh, stale, ...

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries.values())

    @cached_property
    def uses_house_fields(self) -> bool:
        """True once any entry has litcheck's own fields (sourcekind, verification): such a
        library is held to the vocabulary; a foreign one (a Zotero export) is not."""
        return any(v and v.strip() for name in ("sourcekind", "verification") for v in self.column(name))

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def each(self):
        """Every entry, in order, like iterating the library, but entries read from the index
        are made for the pass and not kept (checks of a big library hold one at a time)."""
        each = getattr(self.entries, "each", None)
        return each() if each is not None else iter(self.entries.values())

    def column(self, name: str) -> list:
        """The raw value of field `name` (None when absent) of every entry, in order; read from
        the index's columns when it has one for the field (a filter then reads no entry)."""
        column = getattr(self.entries, "field_column", None)
        return column(name) if column is not None else [e.fields.get(name) for e in self.entries.values()]

    def row_source(self):
        """(index, file name) when the entries are the rows of one indexed file (a selection
        may then be row numbers, `listing.rows`), else None."""
        source = getattr(self.entries, "row_source", None)
        return source() if source is not None else None

    def peek(self, key: str) -> Entry | None:
        """`get` without keeping an entry read from the index."""
        peek = getattr(self.entries, "peek", None)
        return peek(key) if peek is not None else self.entries.get(key)

    def note(self, key: str) -> Note | None:
        return self.notes.get(key)

    @cached_property
    def backlinks(self) -> dict[str, list[tuple[str, Link]]]:
        """key -> [(note key that links to it, link)], excluding a note's links to itself."""
        index: dict[str, list[tuple[str, Link]]] = defaultdict(list)
        for note in self.notes.values():
            for link in note.links:
                if link.key != note.key:
                    index[link.key].append((note.key, link))
        return dict(index)

    def cited_by(self, key: str) -> list[str]:
        """Keys of the notes (and so the works or articles) that link to `key`, in order."""
        return list(dict.fromkeys(src for src, _ in self.backlinks.get(key, [])))

    def links_from(self, key: str) -> list[str]:
        note = self.notes.get(key)
        if note is None:
            return []
        return list(dict.fromkeys(l.key for l in note.links if l.key != key))


def build_library(parsed_files, notes: dict[str, Note], note_problems: list[Finding],
                  bib_files: list[str], notes_dir: str | None) -> Library:
    """Assemble a Library from parsed files (in order); a key seen again is recorded, not used."""
    lib = Library(bib_files=bib_files, notes_dir=notes_dir, notes=notes)
    for parsed in parsed_files:
        lib.problems.extend(parsed.problems)
        for entry in parsed.entries:
            if entry.key in lib.entries:
                lib.shadowed.append(entry)
            else:
                lib.entries[entry.key] = entry
    lib.problems.extend(note_problems)
    return lib


def load_library(bib_paths: list[Path], notes_dir: Path | None = None, use_cache: bool = True,
                 progress=None) -> Library:
    """Parse the .bib files and notes into a Library.

    With `use_cache` (the default) unchanged files are read from the cached index
    (`litcheck.index`); entries then load their fields on first use. Without it everything
    is parsed afresh and nothing is written. Either way the result is the same.
    `progress(items, label, total)` wraps long stages (a progress bar on a terminal).
    Files are read in order; `@string` macros of earlier files are visible in later ones.
    """
    from litcheck.index.load import load_sources, silent

    progress = progress or silent
    if use_cache:
        src = load_sources([Path(p) for p in bib_paths], Path(notes_dir) if notes_dir else None, progress)
        return Library(entries=src.entries, notes=src.notes, problems=src.problems, shadowed=src.shadowed,
                       bib_files=[str(p) for p in bib_paths], notes_dir=str(notes_dir) if notes_dir else None,
                       cache_key=src.key, cache_status=src.status)
    from litcheck.library.bibfile import parse_file
    from litcheck.library.notes import load_notes

    parsed = []
    env: dict[str, str] = {}
    for p in progress(bib_paths, "reading", len(bib_paths)):
        result = parse_file(p, env)
        for name, value in result.strings.items():
            env.setdefault(name, value)
        parsed.append(result)
    notes, note_problems = load_notes(notes_dir)
    return build_library(parsed, notes, note_problems, [str(p) for p in bib_paths],
                         str(notes_dir) if notes_dir else None)
