"""Read one .bib file into entries and load problems, never raising on bad input.

bibtexparser 2 recovers after a broken block and reports failures as blocks; this module
turns those into `Finding`s that name the file and the 1-based line, so a user sees
"refs/un.bib:41: parse-error: ..." instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from litcheck.entry import Entry
from litcheck.findings import Finding

MAX_FIELD_CHARS = 100_000  # far beyond any real abstract; larger values are almost surely damage


@dataclass
class ParsedFile:
    path: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)


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


def parse_text(text: str, path: str) -> ParsedFile:
    import logging

    import bibtexparser
    from bibtexparser import model

    # bibtexparser logs each failed block itself; we report it as a located Finding instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    result = ParsedFile(path)
    library = bibtexparser.parse_string(text)
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.Entry):
            result.entries.append(_entry(block, path))
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            first = block.previous_block
            where = f" (first defined at line {first.start_line + 1})" if first is not None else ""
            result.problems.append(Finding("duplicate-key", "error",
                                           f"key '{block.key}' is defined again{where}; only the first is used",
                                           path, line, block.key))
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            dupes = ", ".join(sorted(block.duplicate_keys))
            key = getattr(block.ignore_error_block, "key", "")
            result.problems.append(Finding("duplicate-field", "error",
                                           f"entry '{key}' repeats field(s) {dupes}; the entry is skipped",
                                           path, line, key))
        elif isinstance(block, model.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
            reason = " ".join(reason.split())
            result.problems.append(Finding("parse-error", "error",
                                           f"could not parse the block starting here: {reason}",
                                           path, line))
        elif isinstance(block, model.MiddlewareErrorBlock):
            result.problems.append(Finding("parse-error", "error",
                                           f"could not read this block: {block.error}", path, line))
    for entry in result.entries:
        for name, value in entry.fields.items():
            if len(value) > MAX_FIELD_CHARS:
                result.problems.append(Finding("field-too-long", "error",
                                               f"field '{name}' holds {len(value):,} characters "
                                               f"(limit {MAX_FIELD_CHARS:,}); probably a missing closing brace",
                                               path, entry.line_of(name), entry.key))
    return result


def _entry(block, path: str) -> Entry:
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for f in block.fields:
        name = f.key.lower()
        value = f.value if isinstance(f.value, str) else str(f.value)
        fields[name] = value
        lines[name] = (f.start_line or block.start_line or 0) + 1
    return Entry(key=block.key, type=block.entry_type.lower(), fields=fields, file=path,
                 line=(block.start_line or 0) + 1, field_lines=lines, raw=block.raw)


def parse_file(path: Path | str) -> ParsedFile:
    """Parse a .bib file; unreadable files become a single `unreadable-file` problem."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ParsedFile(name, problems=[Finding("unreadable-file", "error", f"cannot read: {exc.strerror}", name)])
    text, problems = decode_bytes(data, name)
    parsed = parse_text(text, name)
    parsed.problems[:0] = problems
    return parsed
