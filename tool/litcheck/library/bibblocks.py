"""Cut a .bib text into raw blocks: the fast, exact first half of reading a .bib file.

See `litcheck.library.bibfile` for how this fits: steps 1 and 2 (chunks at block starts, a
regex parse per chunk, bibtexparser's splitter for any chunk it is unsure of, two processes
for a large text) live here; step 3 (macros, concatenation, entries and problems) lives there.
"""

from __future__ import annotations

import re
from array import array
from sys import intern

PARALLEL_MIN_CHARS = 8_000_000  # below this a second process costs more than it saves

# ---------------------------------------------------------------------------------------------
# Raw blocks. The scanner emits plain tuples (cheap to send between processes):
#   ("E", type, key, line, start, end, fields)   fields: [(name, value, line), ...]
#   ("S", name, value, line)                      an @string
#   ("F", line, reason)                           a block bibtexparser could not parse
#   ("D", key, line, start, end, names, fields)   an entry that repeats field names
# `start`/`end` are character offsets of the block's raw text; lines are 1-based.
# A value is a str (final), or a list of parts: str (literal), (name,) (macro reference) or
# (text, None) (an expression outside the grammar, resolved the way bibtexparser does).
# ---------------------------------------------------------------------------------------------

_BLOCK_START = re.compile(r"@\w*[ \t]*[{(]")
_HEAD = re.compile(r"@(\w*)[ \t]*([{(])")
_KEY = re.compile(r"\s*([^\s,{}\"=@()\\]+)\s*,")
_NAME = re.compile(r"\s*([^\s,{}\"=@()\\#]+)\s*(=)\s*")
_PART = re.compile(
    r"\{([^{}]*(?:\{[^{}]*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}[^{}]*)*\}[^{}]*)*)\}"  # {..} 4 deep
    r'|"([^"]*(?:(?<=\\)"[^"]*)*)(?<!\\)"'  # "..." ending at the first unescaped quote
    r'|([^\s,{}"#=()\\@%]+)')  # number or macro name
_FIELD = re.compile(r"\s*([^\s,{}\"=@()\\#]+)\s*(=)\s*(?:" + _PART.pattern + r")\s*([#,})])\s*")
_SEP = re.compile(r"\s*([#,})])\s*")
_WS = re.compile(r"\s*")
_CLOSE = re.compile(r"\s*([})])")
_UNESCAPED_BRACE = re.compile(r"(?<!\\)[{}]")
_UNESCAPED_BRACE_PAREN = re.compile(r"(?<!\\)[{})]")


def block_starts(text: str) -> array:
    """Offsets of every `@type{`/`@type(` that begins a line (after optional whitespace), as
    machine integers (a list of a million int objects took 36 MB)."""
    starts = array("q")
    scanned = 0  # text[:scanned] has been looked at (each character once: a long line stays linear)
    clean = True  # text from the start of the current line up to `scanned` is whitespace only
    for m in _BLOCK_START.finditer(text):
        pos = m.start()
        nl = text.rfind("\n", scanned, pos)
        if nl >= 0:
            clean = nl + 1 == pos or text[nl + 1:pos].isspace()
        else:
            clean = clean and (scanned == pos or text[scanned:pos].isspace())
        if clean:
            starts.append(pos)
        scanned = m.end()
        clean = False  # the `@type{` itself is not whitespace
    return starts


def _line_index(text: str, positions) -> array:
    """1-based line numbers of ascending offsets, counting newlines incrementally."""
    lines = array("q")
    line, last = 1, 0
    count = text.count
    for pos in positions:
        line += count("\n", last, pos)
        last = pos
        lines.append(line)
    return lines


def _skip_balanced(text: str, pos: int, end: int, close: str) -> int | None:
    """Index just past the delimiter closing a comment/preamble body that starts at `pos`."""
    depth = 0
    pattern = _UNESCAPED_BRACE_PAREN if close == ")" else _UNESCAPED_BRACE
    for m in pattern.finditer(text, pos, end):
        c = m.group()
        if c == "{":
            depth += 1
        elif depth > 0 and c == "}":
            depth -= 1
        elif depth == 0 and c == close:
            return m.end()
    return None


def _parse_value(text: str, pos: int, end: int, strict_braces: bool):
    """Parse `part (# part)*` at `pos`; return (value, separator, separator_start, next_pos)
    or None when the value is outside the plain grammar."""
    parts = []
    while True:
        p = _PART.match(text, pos, end)
        if p is None:
            return None
        kind = p.lastindex
        if kind == 1:
            inner = p.group(1)
            if "\\" in inner and ("\\{" in inner or "\\}" in inner):
                return None  # bibtexparser does not count escaped braces; let it decide
            parts.append(inner)
        elif kind == 2:
            q = p.end() - 1
            if text[q - 1] == "{" and text[q + 1:q + 2] == "}":
                return None  # `{"}` inside quotes: bibtexparser's own rule
            inner = p.group(2)
            if strict_braces and ("{" in inner or "}" in inner):
                return None
            parts.append(inner)
        else:
            token = p.group(3)
            parts.append(token if token.isdigit() else (token,))
        s = _SEP.match(text, p.end(), end)
        if s is None:
            return None
        sep = s.group(1)
        if sep != "#":
            break
        pos = s.end()
    if len(parts) == 1 and type(parts[0]) is str:
        value = parts[0]
    else:
        value = parts
    return value, sep, s.start(1), s.end()


def _scan_fast(text: str, a: int, b: int, line: int):
    """Parse the chunk text[a:b] (one block, then free text); None if not confidently."""
    head = _HEAD.match(text, a, b)
    if head is None:
        return None
    kind = head.group(1).lower()
    close = ")" if head.group(2) == "(" else "}"
    pos = head.end()
    if kind.startswith("comment") or kind.startswith("preamble"):
        end = _skip_balanced(text, pos, b, close)
        if end is None:
            return None
        blocks = []
    elif kind.startswith("string"):
        m = _NAME.match(text, pos, b)
        if m is None:
            return None
        parsed = _parse_value(text, m.end(), b, strict_braces=close == "}")
        if parsed is None or parsed[1] != close:
            return None
        end = parsed[2] + 1
        blocks = [("S", m.group(1), parsed[0], line)]
    else:
        k = _KEY.match(text, pos, b)
        if k is None:
            return None
        key = k.group(1)
        pos = k.end()
        fields = []
        cur_pos, cur_line = a, line
        count = text.count
        next_field = _FIELD.scanner(text, pos, b).match  # each match starts where the last ended
        while True:
            m = next_field()
            if m is None:
                m = _NAME.match(text, pos, b)
                if m is None:
                    c = _CLOSE.match(text, pos, b)
                    if c is None or c.group(1) != close:
                        return None
                    end = c.end()
                    break
                raw_name = m.group(1)
                parsed = _parse_value(text, m.end(), b, False)
                if parsed is None:
                    return None
                value, sep, sep_pos, pos = parsed
                next_field = _FIELD.scanner(text, pos, b).match
            else:
                raw_name, _, braced, quoted, bare, sep = m.groups()  # one call, not one per group
                if sep == "#":  # a concatenation: parse the value again, part by part
                    parsed = _parse_value(text, _WS.match(text, m.end(2)).end(), b, False)
                    if parsed is None:
                        return None
                    value, sep, sep_pos, pos = parsed
                    next_field = _FIELD.scanner(text, pos, b).match
                else:
                    if braced is not None:
                        value = braced
                        if "\\" in value and ("\\{" in value or "\\}" in value):
                            return None
                    elif quoted is not None:
                        value = quoted
                        q = m.end(4)
                        if text[q - 1] == "{" and text[q + 1:q + 2] == "}":
                            return None
                    else:
                        value = bare if bare.isdigit() else [(bare,)]
                    pos = m.end()
                    sep_pos = m.start(6)
            name = intern(raw_name)  # a few dozen names, 20 per entry: one string each
            eq = m.start(2)
            cur_line += count("\n", cur_pos, eq)
            cur_pos = eq
            fields.append((name, value, cur_line))
            if sep == close:
                end = sep_pos + 1
                break
            if sep != ",":
                return None
        if len({field[0] for field in fields}) < len(fields):  # checked once an entry, not field by field
            names = [field[0] for field in fields]
            dupes = {name for name in names if names.count(name) > 1}
            blocks = [("D", key, line, a, end, sorted(dupes), fields)]
        else:
            blocks = [("E", intern(kind.strip()), key, line, a, end, fields)]
    if end < b and text.find("@", end, b) != -1 and _BLOCK_START.search(text, end, b):
        return None  # another block starts mid-line after this one
    return blocks


# A file that is not BibTeX (or is built to exhaust a parser) stops with a summary after
# MAX_FAILED_BLOCKS blocks that do not parse, instead of giving millions of problems (issue 11).
MAX_RUN_TOGETHER = 1000  # more `@type{` starts than this in one chunk: parsed piece by piece
MAX_FAILED_BLOCKS = 1000  # blocks that did not parse, per file part


def _too_many_starts(text: str, a: int, b: int) -> bool:
    count = 0
    for _ in _BLOCK_START.finditer(text, a, b):
        count += 1
        if count > MAX_RUN_TOGETHER:
            return True
    return False


def _too_many_failed(line: int) -> tuple:
    return ("F", line, f"more than {MAX_FAILED_BLOCKS} blocks could not be parsed; "
            "the rest of the file (from this line) was not read (is it BibTeX?)")


def _scan_pieces(text: str, a: int, b: int, line: int) -> list:
    """A chunk holding thousands of blocks that start mid-line (a whole file on one line, or a
    storm of `@{`), parsed one `@type{` piece at a time, so that the failures can be counted
    and cut off; the pieces are found lazily, so memory does not grow with their number."""
    out, failed = [], 0
    starts = (m.start() for m in _BLOCK_START.finditer(text, a, b))
    start = next(starts, b)
    if text[a:start].strip():
        out.extend(_split_with_bibtexparser(text, a, start, line))
    while start < b:
        end = next(starts, b)
        blocks = _scan_fast(text, start, end, line)
        if blocks is None:
            blocks = _split_with_bibtexparser(text, start, end, line)
            failed += sum(block[0] == "F" for block in blocks)
            if failed > MAX_FAILED_BLOCKS:
                out.append(_too_many_failed(line))
                return out
        out.extend(blocks)
        line += text.count("\n", start, end)
        start = end
    return out


def _scan_fallback(text: str, a: int, b: int, line: int) -> list:
    """Parse text[a:b], which the fast path could not read confidently."""
    if _too_many_starts(text, a, b):
        return _scan_pieces(text, a, b, line)
    return _split_with_bibtexparser(text, a, b, line)


def _split_with_bibtexparser(text: str, a: int, b: int, line: int) -> list:
    """Parse text[a:b] with bibtexparser's splitter; convert its blocks to raw blocks."""
    import logging

    from bibtexparser import model
    from bibtexparser.splitter import Splitter

    logging.getLogger("bibtexparser").setLevel(logging.ERROR)  # we report problems ourselves

    # Let the splitter see the next block's `@type{` too, so that a block left open aborts
    # with the same reason as when the whole file is parsed; blocks from there on are dropped.
    nxt = _HEAD.match(text, b) if b < len(text) else None
    chunk = text[a:nxt.end()] if nxt else text[a:b]
    library = Splitter(chunk).split()
    out = []
    offset = 0
    counted, counted_lines = 0, 0  # newlines in chunk[:counted], counted incrementally (linear)
    for block in library.blocks:
        if isinstance(block, model.DuplicateBlockKeyBlock):  # duplicates are found globally
            block = block.ignore_error_block
        start_line = line + (block.start_line or 0)
        raw = block.raw or ""
        found = chunk.find(raw, offset) if raw else -1
        if nxt is not None and isinstance(block, model.ParsingFailedBlock) \
                and getattr(block.error, "abort_reason", "") == "Unexpectedly reached end of file.":
            # The next block's `@type{`, shown to the splitter only so that this chunk ends as in
            # the whole file: nothing else can reach the end of the chunk (that `@type{` at a line
            # start aborts any block still open). Its raw text is not always found at b - a
            # below (when the block before ran into it, e.g. aborted on "Expected comma after
            # entry key, but found @misc"), and it was then reported as a spurious parse-error.
            continue
        if found >= b - a:
            continue
        if found >= 0:
            if found < counted:
                counted, counted_lines = 0, 0
            counted_lines += chunk.count("\n", counted, found)
            counted = found
            start_line = line + counted_lines
            start, end = a + found, a + found + len(raw)
            offset = found + len(raw)
        else:
            start = end = a
        if isinstance(block, model.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            fields = _fallback_fields(entry, start_line)
            out.append(("D", entry.key, start_line, start, end, sorted(block.duplicate_keys), fields))
        elif isinstance(block, model.Entry):
            fields = _fallback_fields(block, start_line)
            out.append(("E", block.entry_type.lower(), block.key, start_line, start, end, fields))
        elif isinstance(block, model.String):
            out.append(("S", block.key, _value_from_text(block.value), start_line))
        elif isinstance(block, model.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
            out.append(("F", start_line, " ".join(reason.split())))
    return out


def _fallback_fields(block, start_line: int) -> list:
    base = block.start_line or 0
    return [(f.key, _value_from_text(f.value if isinstance(f.value, str) else str(f.value)),
             start_line + (f.start_line or base) - base) for f in block.fields]


def _value_from_text(value: str):
    """A raw value expression (as bibtexparser's splitter returns it) -> value."""
    value = value.strip()
    if not value:
        return ""
    parsed = _parse_whole(value)
    return parsed if parsed is not None else [(value, None)]


def _parse_whole(value: str):
    # Append a sentinel closer so the grammar's separator rule applies at the end.
    padded = value + "}"
    parsed = _parse_value(padded, 0, len(padded), False)
    if parsed is None or parsed[1] != "}" or parsed[2] != len(value):
        return None
    return parsed[0]


def _scan_chunk(text: str, a: int, b: int, line: int) -> list:
    """Raw blocks of one chunk: the fast parse, else the careful one."""
    blocks = _scan_fast(text, a, b, line)
    return _scan_fallback(text, a, b, line) if blocks is None else blocks


def iter_range(text: str, starts, lines, lo: int, hi: int):
    """Raw blocks of the chunks starts[lo:hi] (each up to the next start or end of text), in
    order, one chunk at a time (a caller that consumes them holds only a few)."""
    n = len(starts)
    failed = 0
    for i in range(lo, hi):
        a = starts[i]
        b = starts[i + 1] if i + 1 < n else len(text)
        blocks = _scan_fast(text, a, b, lines[i])
        if blocks is None:
            blocks = _scan_fallback(text, a, b, lines[i])
            failed += sum(block[0] == "F" for block in blocks)
            if failed > MAX_FAILED_BLOCKS:
                yield _too_many_failed(lines[i])
                return
        yield from blocks


class Chunks:
    """Where a text's blocks start (offsets and lines), found once for the passes over it."""

    def __init__(self, text: str):
        self.text = text
        self.starts = block_starts(text)
        self.lines = _line_index(text, self.starts)
        self.first = self.starts[0] if self.starts else len(text)
        # a block starting mid-line before the first one
        self.prefix = bool(_BLOCK_START.search(text, 0, self.first))


_STRING_AT = re.compile(r"@string", re.I)


def string_blocks(chunks: Chunks) -> list:
    """The `@string` blocks of a text, in order, from the chunks that mention `@string` only:
    what a reader must know before it can resolve the entries while streaming them. (A file
    that stops early, after too many blocks that do not parse, may see fewer: see
    `bibfile.FileResolver`.)"""
    import bisect

    text, starts, lines = chunks.text, chunks.starts, chunks.lines
    out, done = [], set()
    for m in _STRING_AT.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i in done:
            continue
        done.add(i)
        if i < 0:
            blocks = _scan_fallback(text, 0, chunks.first, 1) if chunks.prefix else []
        else:
            blocks = _scan_chunk(text, starts[i], starts[i + 1] if i + 1 < len(starts) else len(text), lines[i])
        out.extend(b for b in blocks if b[0] == "S")
    return out


_WORK: tuple | None = None  # (chunks, prepare), shared with forked workers
BATCH = 2000  # blocks a worker writes at a time


def _spool_worker(bounds: tuple[int, int]) -> str:
    """Scan one part of the text in a worker, writing the blocks (entries through `prepare`) to
    a temporary file in batches (marshal is 5x faster than pickle), each after its length;
    returns the file's name."""
    import tempfile

    chunks, prepare = _WORK
    fd, name = tempfile.mkstemp(prefix="litcheck-blocks-")
    with open(fd, "wb") as out:
        batch = []
        for block in iter_range(chunks.text, chunks.starts, chunks.lines, *bounds):
            batch.append(prepare(block) if prepare is not None and block[0] == "E" else block)
            if len(batch) >= BATCH:
                _write_batch(out, batch)
                batch = []
        _write_batch(out, batch)
    return name


def _write_batch(out, batch: list) -> None:
    import marshal

    data = marshal.dumps(batch)
    out.write(len(data).to_bytes(8, "little"))
    out.write(data)


def _read_spooled(name: str):
    """The blocks a worker wrote. Each batch is read whole, then decoded: `marshal.load` on a
    file reads it a few bytes at a time, one call per string (1 s for half of a 100 MB file,
    five times `marshal.loads` of the same bytes)."""
    import marshal

    try:
        with open(name, "rb") as handle:
            while True:
                head = handle.read(8)
                if not head:
                    return
                yield from marshal.loads(handle.read(int.from_bytes(head, "little")))
    finally:
        _unlink(name)


def _unlink(name: str) -> None:
    import os

    try:
        os.unlink(name)
    except OSError:
        pass


def iter_blocks(text: str, parallel: bool | None = None, chunks: Chunks | None = None, prepare=None):
    """Every raw block of a .bib text, in order, as a stream. Large texts are split in parts
    at block starts, the later parts scanned in other processes (fork) when the machine has
    more than one core; they write their blocks to temporary files, read back in order, so
    the blocks of the whole file are never held at once. `prepare(block)`, when given, is what
    a worker sends instead of an entry block ("E"): the caller's own work on it, done in the
    worker (so this process takes in less); the caller takes both forms."""
    chunks = chunks or Chunks(text)
    starts, lines = chunks.starts, chunks.lines
    if chunks.prefix:
        yield from _scan_fallback(text, 0, chunks.first, 1)
    n = len(starts)
    if parallel is None:
        parallel = len(text) >= PARALLEL_MIN_CHARS
    workers = _workers() if parallel and n > 1000 else 1
    if workers <= 1:
        yield from iter_range(text, starts, lines, 0, n)
        return
    import bisect

    # Split by characters, not by block count, so the parts take about as long (with `prepare`
    # this process takes in the others' parts at little cost: equal parts finished within
    # 0.1-0.3 s of each other on the 99k-entry file).
    cuts = [0]
    for w in range(1, workers):
        cuts.append(max(cuts[-1], bisect.bisect_left(starts, len(text) * w // workers)))
    cuts.append(n)
    bounds = [(cuts[i], cuts[i + 1]) for i in range(workers)]
    global _WORK
    import multiprocessing

    _WORK = chunks, prepare
    try:
        pool = multiprocessing.get_context("fork").Pool(workers - 1)
    except (OSError, ValueError, ImportError):  # no fork (or no /dev/shm): do it here
        pool = None
    finally:
        _WORK = None
    if pool is None:
        yield from iter_range(text, starts, lines, 0, n)
        return
    with pool:
        pending = pool.map_async(_spool_worker, bounds[1:])
        try:
            yield from iter_range(text, starts, lines, *bounds[0])  # this process does a share
            names = pending.get()
        except BaseException:
            for name in pending.get() if pending.ready() and pending.successful() else []:
                _unlink(name)
            raise
        try:
            for name in names:
                yield from _read_spooled(name)  # each file is removed once read
        finally:
            for name in names:  # those left by a caller that stopped early
                _unlink(name)


def scan_text(text: str, parallel: bool | None = None) -> list:
    """Every raw block of a .bib text, in order (see `iter_blocks`)."""
    return list(iter_blocks(text, parallel))


def _workers() -> int:
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))
