"""A .bib file as an editable document that writes back everything it did not change, byte
for byte.

Writing a parsed library back through a serialiser loses what the parser threw away (macro
references, quoting, alignment, comments between entries). Here nothing is re-serialised:
the file's text is kept whole, each entry is known by its span, and an edit replaces only
the span it changes (one entry, or one field value inside it). So an unchanged document
renders to the bytes it was read from, and an edit leaves every other byte alone.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from litcheck.errors import LitcheckError
from litcheck.library.findings import Finding
from litcheck.library.keytable import KeyTable

if TYPE_CHECKING:  # the parser is imported only when a document is loaded
    from litcheck.library.bibfile import ParsedFile

# Load problems that make a file unsafe to rewrite: we could not see all of it as BibTeX.
# (A repeated key or @string is not one: BibTeX itself reads past it. Editing an entry whose
# key is defined twice is refused instead, since it is unclear which one is meant.)
BLOCKING = {"parse-error", "encoding-error", "duplicate-field", "unreadable-file", "field-too-long"}


class RefuseWrite(LitcheckError):
    """The library cannot be rewritten safely; the message names the file and line."""


# --------------------------------------------------------------------------------------------
# The fields of one entry, with their spans (offsets into the entry's own text).
# --------------------------------------------------------------------------------------------

@dataclass
class FieldSpan:
    name: str  # as written
    start: int  # the name's first character
    value_start: int
    value_end: int  # just past the value expression
    end: int  # just past the separating comma, or value_end for a last field without one

    def expression(self, raw: str) -> str:
        return raw[self.value_start:self.value_end]


@dataclass
class EntryLayout:
    type: str
    key: str
    key_start: int
    key_end: int
    fields: list[FieldSpan]
    close: int  # offset of the closing `}` or `)`

    def find(self, name: str) -> FieldSpan | None:
        low = name.lower()
        return next((f for f in self.fields if f.name.lower() == low), None)


_HEAD = re.compile(r"@(\w+)\s*([{(])\s*([^\s,{}()]*)\s*,")
_NAME = re.compile(r"\s*([^\s,{}\"=#()]+)\s*=\s*")
_TOKEN = re.compile(r"[^\s,#{}\"()]+")
_WS = re.compile(r"\s*")
_BRACE = re.compile(r"[{}]")
_BRACE_OR_QUOTE = re.compile(r'[{}"]')


def end_of_braced(raw: str, pos: int) -> int | None:
    """Index just past the `}` matching the `{` at `pos` (a loop, not recursion: 10,000-deep
    braces are fine)."""
    depth = 0
    for m in _BRACE.finditer(raw, pos):
        depth += 1 if m.group() == "{" else -1
        if depth == 0:
            return m.end()
    return None


def end_of_quoted(raw: str, pos: int) -> int | None:
    """Index just past the `"` closing the quoted value at `pos` (quotes inside braces are text)."""
    depth = 0
    for m in _BRACE_OR_QUOTE.finditer(raw, pos + 1):
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            return m.end()
    return None


def entry_layout(raw: str) -> EntryLayout | None:
    """The fields of an entry's text with their spans; None when it is not plain BibTeX
    (then litcheck will not edit inside it)."""
    head = _HEAD.match(raw)
    if head is None:
        return None
    close = "}" if head.group(2) == "{" else ")"
    pos = head.end()
    fields: list[FieldSpan] = []
    while True:
        pos = _WS.match(raw, pos).end()
        if pos >= len(raw):
            return None
        if raw[pos] == close:
            return EntryLayout(head.group(1), head.group(3), head.start(3), head.end(3), fields, pos)
        name = _NAME.match(raw, pos)
        if name is None:
            return None
        start, pos = name.start(1), name.end()
        value_start = pos
        while True:
            if pos >= len(raw):
                return None
            c = raw[pos]
            if c == "{":
                nxt = end_of_braced(raw, pos)
            elif c == '"':
                nxt = end_of_quoted(raw, pos)
            else:
                token = _TOKEN.match(raw, pos)
                nxt = token.end() if token else None
            if nxt is None:
                return None
            pos = nxt
            value_end = pos
            pos = _WS.match(raw, pos).end()
            if raw.startswith("#", pos):
                pos = _WS.match(raw, pos + 1).end()
                continue
            break
        if raw.startswith(",", pos):
            pos += 1
            fields.append(FieldSpan(name.group(1), start, value_start, value_end, pos))
        elif raw.startswith(close, pos):
            fields.append(FieldSpan(name.group(1), start, value_start, value_end, value_end))
        else:
            return None


# --------------------------------------------------------------------------------------------
# The document.
# --------------------------------------------------------------------------------------------

class KeySpans(Mapping):
    """key -> (start, end) of its first definition in a document's text, and how often each key
    is defined. Columns shared with the reader (`bibfile.FileResolver`: the keys in order with
    their table, the repeated keys) plus offsets in arrays, rather than a dict of tuples (160 MB
    for a million keys): a command that edits one entry looks up a few keys."""

    def __init__(self, seen: KeyTable, repeats: dict[str, int]):
        self._seen, self._repeats = seen, repeats
        self.starts, self.ends = array("q"), array("q")

    def __getitem__(self, key: str) -> tuple[int, int]:
        row = self._seen.row(key)
        if row is None:
            raise KeyError(key)
        return self.starts[row], self.ends[row]

    def __contains__(self, key) -> bool:
        return key in self._seen

    def __iter__(self):
        return iter(self._seen.keys)

    def __len__(self) -> int:
        return len(self._seen)

    def count(self, key: str) -> int:
        """How often `key` is defined (0: never)."""
        return self._repeats.get(key, 1) if key in self._seen else 0


class _Definitions(Mapping):
    """key -> how often it is defined (a view of KeySpans)."""

    def __init__(self, spans: KeySpans):
        self._spans = spans

    def __getitem__(self, key: str) -> int:
        count = self._spans.count(key)
        if not count:
            raise KeyError(key)
        return count

    def __iter__(self):
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


class _SpanSink:
    """Notes where each entry is (see `bibfile.stream_file`); the entries themselves are dropped."""

    def __init__(self, resolver):
        self.spans = KeySpans(resolver.seen, resolver.repeats)
        self.starts, self.ends = self.spans.starts.append, self.spans.ends.append

    def entry(self, _type, _key, _line, start, end, _fields, _lines) -> None:
        self.starts(start)
        self.ends(end)

    def discard(self) -> None:
        pass


@dataclass
class BibDocument:
    path: Path
    data: bytes  # the file's bytes as read: what a write checks is still on disk
    text: str
    problems: list[Finding]  # load problems (decoding, parsing, repeated keys, ...)
    strings: dict[str, str]  # lower-case @string name -> resolved value
    spans: KeySpans  # key -> (start, end) of its first definition
    env: dict[str, str] | None = None  # macros of the files read before it
    bom: bool = False
    edits: dict[int, tuple[int, str]] = field(default_factory=dict)  # start -> (end, new text)
    appended: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | Path, env: dict[str, str] | None = None) -> "BibDocument":
        """Read a file as a stream: where each entry is, its problems and macros, without
        keeping the parsed entries (`parsed` makes them when a command needs them all)."""
        # imported here: commands that only read the library load this module, not the parser
        from litcheck.library.bibfile import ParsedFile, decode_bytes, stream_file

        path = Path(path)
        data = path.read_bytes() if path.exists() else b""
        text, problems = decode_bytes(data, str(path))
        resolver, sink = stream_file(text, str(path), env, _SpanSink)
        parsed = resolver.finish(ParsedFile(str(path), problems=list(problems)))
        return cls(path, data, text, parsed.problems, parsed.strings, sink.spans, env,
                   bom=data.startswith(b"\xef\xbb\xbf"))

    @property
    def definitions(self) -> Mapping[str, int]:
        """key -> how often it is defined."""
        return _Definitions(self.spans)

    @functools.cached_property
    def parsed(self) -> ParsedFile:
        """Every entry of the file, parsed on first use: commands that consult the whole
        library (add, import, tidy) need them; `set` needs only the spans and problems."""
        from litcheck.library.bibfile import parse_text

        parsed = parse_text(self.text, str(self.path), self.env)
        parsed.problems = list(self.problems)
        return parsed

    @functools.cached_property
    def newline(self) -> str:
        """The file's line break: the one ending its first line."""
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"

    def blocking_problems(self) -> list[Finding]:
        return [p for p in self.problems if p.check in BLOCKING]

    def entry_text(self, key: str) -> str:
        start, end = self.spans[key]
        if start in self.edits:
            return self.edits[start][1]
        return self.text[start:end]

    def replace_entry(self, key: str, new_text: str) -> bool:
        """Replace one entry's text (`\\n` line ends are converted to the file's own); return
        whether that changes the document."""
        start, end = self.spans[key]
        if not self.text.startswith("@", start):
            raise RefuseWrite(f"{self.path}: cannot locate the text of entry '{key}' exactly; not editing it")
        if self.newline == "\r\n":
            new_text = re.sub(r"(?<!\r)\n", "\r\n", new_text)
        if new_text == self.text[start:end]:
            self.edits.pop(start, None)
            return False
        self.edits[start] = (end, new_text)
        return True

    def append_entry(self, entry_text: str) -> None:
        self.appended.append(entry_text)

    @property
    def changed(self) -> bool:
        return bool(self.edits or self.appended)

    def render(self) -> bytes:
        """The document with its edits: untouched spans are the original text."""
        return (b"\xef\xbb\xbf" if self.bom else b"") + self._render()[0].encode("utf-8")

    def appended_lines(self) -> list[int]:
        """The 1-based line on which each appended entry starts, in the rendered document."""
        return self._render()[1]

    def _render(self) -> tuple[str, list[int]]:
        out, last = [], 0
        for start in sorted(self.edits):
            end, new = self.edits[start]
            out.append(self.text[last:start])
            out.append(new)
            last = end
        out.append(self.text[last:])
        text = "".join(out)
        lines = []
        if self.appended:
            nl = self.newline
            if text and not text.endswith("\n"):
                text += nl
            line = text.count("\n") + 1
            parts = [text]
            for entry in self.appended:
                if text or len(parts) > 1:
                    parts.append(nl)
                    line += 1
                lines.append(line)
                entry = re.sub(r"(?<!\r)\n", nl, entry) + nl
                parts.append(entry)
                line += entry.count("\n")
            text = "".join(parts)
        return text, lines
