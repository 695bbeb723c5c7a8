"""Read one .bib file into entries and load problems, never raising on bad input.

Problems become `Finding`s that name the file and the 1-based line, so a user sees
"refs/un.bib:41: parse-error: ..." instead of a traceback.

Speed and exactness
-------------------
bibtexparser 2 needs about 26 s for a 100,000-entry file, almost all of it in its
mark-by-mark splitter. This module parses the common case itself and hands every block it
cannot parse *confidently* to bibtexparser's own splitter, so the result is bibtexparser's
(tests compare the two on real-world files):

1. The text is cut into chunks at every `@type{` / `@type(` that starts a line. bibtexparser
   treats such a line as a block start whatever state it is in (inside an unclosed block it
   aborts that block and restarts there), so parsing the chunks one by one gives the same
   blocks as parsing the whole file. The chunks are independent, which is also what lets a
   large file be parsed on two cores (`scan_text`, in `litcheck.library.bibblocks`).
2. A chunk is parsed with a few regular expressions (`_scan_fast`). Anything outside the
   plain grammar -- escaped braces, `{"}` inside quotes, a key with spaces, a missing comma,
   an unbalanced brace, a stray `@word{` after the block -- makes it give up on that chunk,
   which bibtexparser's splitter then parses (`_scan_fallback`), errors and all.
3. Values are resolved afterwards, once the whole file (and the files before it) are known:
   `@string` macros (case-insensitive; a file's own definitions win over those of the files
   read before it, so `definitions.bib` + `papers.bib` works as it does with BibTeX) and `#`
   concatenation. An undefined macro keeps its name as text (`month = jan` stays "jan", as
   with bibtexparser). Where bibtexparser keeps a concatenation as the literal expression
   (`"Proc. " # STOC`), litcheck evaluates it as BibTeX does ("Proc. Symposium on ...").

Line numbers are true 1-based file lines (bibtexparser does not count a newline preceded by
a backslash; we do).
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from litcheck.library.bibblocks import scan_text
from litcheck.library.entry import Entry
from litcheck.library.findings import Finding
from litcheck.library.keytable import KeyTable

MAX_FIELD_CHARS = 100_000  # far beyond any real abstract; larger values are almost surely damage


@dataclass
class ParsedFile:
    path: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    # lower-case macro name -> resolved value, for the @string blocks of this file
    strings: dict[str, str] = field(default_factory=dict)
    # macros this file uses but does not define -> the value they had (None: undefined)
    external_macros: dict[str, str | None] = field(default_factory=dict)


def decode_bytes(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """Decode UTF-8; on failure report the line of the first bad byte and decode leniently
    so the rest of the file can still be checked."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Finding("encoding-error", "error",
                          f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                          "convert the file to UTF-8", path, line)
        return data.decode("utf-8", errors="replace"), [problem]


# ---------------------------------------------------------------------------------------------
# Resolution: raw blocks -> Entry objects and Findings.
# ---------------------------------------------------------------------------------------------

def _strip_enclosing(value: str) -> str:
    from bibtexparser.middlewares.enclosing import RemoveEnclosingMiddleware

    return RemoveEnclosingMiddleware._strip_enclosing(value)[0]


class _Macros:
    """Macro lookup: this file's @strings (first definition of a name wins) over `env`."""

    def __init__(self, local: dict[str, object], env: dict[str, str]):
        self.local = local  # lower-case name -> unresolved value
        self.env = env
        self.resolved: dict[str, str] = {}
        self.external: dict[str, str | None] = {}
        self._active: set[str] = set()

    def lookup(self, name: str) -> str | None:
        low = name.lower()
        if low in self.resolved:
            return self.resolved[low]
        if low in self.local:
            if low in self._active:  # a macro defined through itself
                return None
            return self._resolve(low)
        value = self.env.get(low)
        self.external[low] = value
        return value

    def _resolve(self, root: str) -> str:
        """Resolve a local macro after the local macros it uses, depth first, with a stack of
        our own: a chain of thousands of @strings each defined through the one before must not
        overflow Python's (it raised RecursionError). Same order and cycle rule as recursion."""
        self._active.add(root)
        stack = [(root, iter(self._uses(root)))]
        try:
            while stack:
                name, uses = stack[-1]
                for used in uses:
                    if used not in self.resolved and used not in self._active:
                        self._active.add(used)
                        stack.append((used, iter(self._uses(used))))
                        break
                else:
                    stack.pop()
                    self.resolved[name] = self.value(self.local[name])  # what it uses is resolved (or active)
                    self._active.discard(name)
        finally:
            for name, _ in stack:
                self._active.discard(name)
        return self.resolved[root]

    def _uses(self, name: str):
        """Lower-case names of the local macros that the value of `name` refers to, in order."""
        value = self.local[name]
        if type(value) is str:
            return
        for part in value:
            if type(part) is str:
                continue
            text = part[0]
            if len(part) != 1 and len(text) >= 2 and ((text[0] == "{" and text[-1] == "}") or (text[0] == '"' and text[-1] == '"')):
                continue
            if text.lower() in self.local:
                yield text.lower()

    def value(self, value) -> str:
        if type(value) is str:
            return value
        out = []
        for part in value:
            if type(part) is str:
                out.append(part)
            elif len(part) == 1:
                found = self.lookup(part[0])
                out.append(part[0] if found is None else found)
            else:  # bibtexparser semantics for an expression outside the grammar
                text = part[0]
                enclosed = len(text) >= 2 and ((text[0] == "{" and text[-1] == "}") or (text[0] == '"' and text[-1] == '"'))
                found = None if enclosed else self.lookup(text)
                out.append(found if found is not None else _strip_enclosing(text))
        return "".join(out)


def _too_long(name: str, length: int, path: str, line: int, key: str) -> Finding:
    return Finding("field-too-long", "error", f"field '{name}' holds {length:,} characters "
                   f"(limit {MAX_FIELD_CHARS:,}); probably a missing closing brace", path, line, key)


class FileResolver:
    """Turns one file's raw blocks, in order, into entries and problems, as a stream.

    It must know the file's `@string` blocks first (a file's macros apply anywhere in it). The
    ones it is given are checked against those it meets (`strings_seen`): a file that stops
    early, after too many blocks that do not parse, has fewer, and its reader then resolves
    it again with those (see `index.load`). Keys, lines and the first-definition rule are kept
    as plain columns: a million-entry file needs no per-entry object beyond its key."""

    def __init__(self, string_blocks: list, path: str, env: dict[str, str] | None = None):
        self.path = path
        local: dict[str, object] = {}
        self.string_lines: dict[str, int] = {}
        for block in string_blocks:
            name = block[1]
            if name not in self.string_lines:
                self.string_lines[name] = block[3]
                local[name.lower()] = block[2]  # later names differing only in case win
        self.local = local
        self.macros = _Macros(local, env or {})
        self.problems: list[Finding] = []
        self.long_fields: list[Finding] = []  # reported after the other problems
        self.seen = KeyTable()  # the keys of the entries kept, in order, and the row of each
        self.keys = self.seen.keys
        self.lines = array("q")  # the line of each kept entry
        self.repeats: dict[str, int] = {}  # keys defined more than once -> how often
        self.strings_seen: list = []
        self._lowered: dict[str, str] = {}

    def entries(self, blocks):
        """Per entry kept: (type, key, line, start, end, fields, field lines); for an entry a
        worker prepared ("R", see `prepared`), (type, key, line, start, end, what it made, None)."""
        path, problems, new_key = self.path, self.problems, self.seen.add
        seen_strings: set[str] = set()
        for block in blocks:
            tag = block[0]
            if tag == "E":
                _, etype, key, line, start, end, raw_fields = block
                if not new_key(key):
                    self._repeated(key, line)
                    continue
                self.lines.append(line)
                fields, lines = self.entry_fields(raw_fields)
                for name, length, fline in self.too_long(fields, lines, line):
                    self.long_fields.append(_too_long(name, length, path, fline, key))
                yield etype, key, line, start, end, fields, lines
            elif tag == "R":
                _, etype, key, line, start, end, made, too_long, external = block
                if not new_key(key):
                    self._repeated(key, line)
                    continue
                self.lines.append(line)
                used = self.macros.external
                for name, value in external:  # where this process would have met them
                    if name not in used:
                        used[name] = value
                for name, length, fline in too_long:
                    self.long_fields.append(_too_long(name, length, path, fline, key))
                yield etype, key, line, start, end, made, None
            elif tag == "S":
                self.strings_seen.append(block)
                name, line = block[1], block[3]
                if name in seen_strings:
                    problems.append(Finding("duplicate-key", "error",
                                            f"key '{name}' is defined again (first defined at line {self.string_lines[name]}); only the first is used",
                                            path, line, name))
                seen_strings.add(name)
            elif tag == "D":
                _, key, line, _start, _end, names, _fields = block
                problems.append(Finding("duplicate-field", "error",
                                        f"entry '{key}' repeats field(s) {', '.join(names)}; the entry is skipped",
                                        path, line, key or ""))
            elif tag == "F":
                problems.append(Finding("parse-error", "error",
                                        f"could not parse the block starting here: {block[2]}", path, block[1]))

    def _repeated(self, key: str, line: int) -> None:
        self.repeats[key] = self.repeats.get(key, 1) + 1
        self.problems.append(Finding(
            "duplicate-key", "error",
            f"key '{key}' is defined again (first defined at line {self.lines[self.seen.row(key)]}); "
            "only the first is used", self.path, line, key))

    def entry_fields(self, raw_fields) -> tuple[dict, dict]:
        """An entry's fields (lower-case names, macros resolved) and the line of each."""
        value_of, lowered = self.macros.value, self._lowered
        fields: dict[str, str] = {}
        lines: dict[str, int] = {}
        for name, value, fline in raw_fields:
            low = lowered.get(name)
            if low is None:  # one string per field name, not one per entry (100 MB on 100k entries)
                low = lowered[name] = sys.intern(name.lower())
            fields[low] = value if type(value) is str else value_of(value)
            lines[low] = fline
        return fields, lines

    @staticmethod
    def too_long(fields: dict, lines: dict, line: int):
        """(name, length, line) of the fields over MAX_FIELD_CHARS."""
        if not fields or max(map(len, fields.values())) <= MAX_FIELD_CHARS:  # nearly always: one C loop
            return ()
        return [(name, len(value), lines.get(name, line)) for name, value in fields.items() if len(value) > MAX_FIELD_CHARS]

    def prepared(self, block, make) -> tuple:
        """What a worker process sends for an entry block (`bibblocks.iter_blocks`): ("R", type,
        key, line, start, end, make(type, fields, field lines, start, end), its fields over
        MAX_FIELD_CHARS, the macros of other files it used). Whether the key is new is left to
        this process, which sees every key; the worker's copy of the macros records what it used
        for this entry alone."""
        _, etype, key, line, start, end, raw_fields = block
        used = self.macros.external = {}
        fields, lines = self.entry_fields(raw_fields)
        return ("R", etype, key, line, start, end, make(etype, fields, lines, start, end),
                self.too_long(fields, lines, line), tuple(used.items()))

    def finish(self, result: ParsedFile) -> ParsedFile:
        """Problems and macros into `result`, once every block has been read."""
        result.problems.extend(self.problems)
        result.problems.extend(self.long_fields)
        result.strings = {name: self.macros.lookup(name) or "" for name in self.local}
        result.external_macros = dict(self.macros.external)
        return result


def resolve_blocks(blocks: list, text: str, path: str, env: dict[str, str] | None = None) -> ParsedFile:
    """Raw blocks of one file -> ParsedFile (entries with resolved values, problems, macros)."""
    result = ParsedFile(path)
    resolver = FileResolver([b for b in blocks if b[0] == "S"], path, env)
    for etype, key, line, start, end, fields, lines in resolver.entries(blocks):
        result.entries.append(Entry(key, etype, fields, path, line, lines, text[start:end]))
    return resolver.finish(result)


def stream_file(text: str, path: str, env: dict[str, str] | None, new_sink):
    """Resolve a file's blocks as a stream into a sink (`new_sink(resolver)`: an object with
    `entry(type, key, line, start, end, fields, field lines)` per entry kept, and `discard()`;
    it may share the resolver's columns of keys and lines), never holding every block or entry
    at once. The file's `@string` blocks are read first; if the stream meets
    others (a file cut short after too many blocks that do not parse), the sink is discarded
    and the file is resolved again with those. Returns the FileResolver and the sink."""
    from litcheck.library.bibblocks import Chunks, iter_blocks, string_blocks

    with no_gc():
        chunks = Chunks(text)
        strings = string_blocks(chunks)
        while True:
            resolver = FileResolver(strings, path, env)
            sink = new_sink(resolver)
            blocks = iter_blocks(text, chunks=chunks, prepare=getattr(sink, "prepare", None))
            for entry in resolver.entries(blocks):
                sink.entry(*entry)
            if resolver.strings_seen == strings:
                return resolver, sink
            sink.discard()
            strings = resolver.strings_seen


class no_gc:
    """Pause the cyclic garbage collector while millions of small objects are made (it would
    walk them all again and again: parsing a 100k-entry file takes twice as long with it)."""

    def __enter__(self):
        import gc

        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc

        if self.was_enabled:
            gc.enable()


def parse_text(text: str, path: str, env: dict[str, str] | None = None,
               parallel: bool | None = None) -> ParsedFile:
    """Parse .bib text. `env` holds macros (lower-case name -> value) of files read before."""
    with no_gc():
        return resolve_blocks(scan_text(text, parallel), text, path, env)


def parse_file(path: Path | str, env: dict[str, str] | None = None) -> ParsedFile:
    """Parse a .bib file; unreadable files become a single `unreadable-file` problem."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ParsedFile(name, problems=[Finding("unreadable-file", "error", f"cannot read: {exc.strerror}", name)])
    text, problems = decode_bytes(data, name)
    parsed = parse_text(text, name, env)
    parsed.problems[:0] = problems
    return parsed
