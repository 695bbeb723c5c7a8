"""The one JSON layout every command prints: UTF-8 text kept readable, indented, newline-ended."""

from __future__ import annotations

import json
from collections.abc import Iterator as AnIterator
from typing import Any, Callable, Iterable, Iterator


def dump_json(data: Any, default: Callable | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"


def stream_json_array(items: Iterable, default: Callable | None = None) -> Iterator[str]:
    """`dump_json(list(items))` in pieces: each item is made and written in turn."""
    return stream_json(iter(items), flat_from=1, default=default)


def stream_json_object(data: dict, last: str, items: Iterable, default: Callable | None = None) -> Iterator[str]:
    """`dump_json(data | {last: list(items)})` in pieces, one per item of the last member."""
    return stream_json({**data, last: iter(items)}, flat_from=2, default=default)


class Streamed(dict):
    """A dict `stream_json` writes member by member at any depth, so a generator among its
    values (a million keys of a reading list's section) is written as it is made."""


BIG_TEXT = 1 << 20  # characters: a longer string met member by member is written in slices


def streamed(value: Any) -> Any:
    """`value` to be written member by member all through (its dicts `Streamed`, its lists
    generators): a record with a 50 MB field is then written as slices of that field, not
    encoded whole into one string, indented into another and encoded again for the output."""
    if isinstance(value, dict):
        return Streamed((key, streamed(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return iter([streamed(item) for item in value])
    return value


def stream_json(data: Any, flat_from: int = 4, default: Callable | None = None) -> Iterator[str]:
    """`dump_json(data)` in pieces of about 64 kB, where any list in `data` may be a generator:
    a scan report's flags or an export's entries are encoded as they are made, never held as
    one string. Values `flat_from` levels deep are encoded whole by json (in C), except
    generators and `Streamed` dicts; a huge value is one piece of its own, never copied into a
    larger one."""
    buffer: list[str] = []
    size = 0
    for piece in _pieces(data, 0, flat_from, default):
        if len(piece) >= 65536 and buffer:
            yield "".join(buffer)
            buffer.clear()
            size = 0
        buffer.append(piece)
        size += len(piece)
        if size >= 65536:
            yield "".join(buffer)
            buffer.clear()
            size = 0
    buffer.append("\n")
    yield "".join(buffer)


def _pieces(value: Any, level: int, flat_from: int, default: Callable | None) -> Iterator[str]:
    inner = "  " * (level + 1)
    if isinstance(value, dict) and (level < flat_from or type(value) is Streamed):
        first = True
        for key, item in value.items():
            yield ("{\n" if first else ",\n") + inner + json.dumps(key, ensure_ascii=False) + ": "
            first = False
            yield from _pieces(item, level + 1, flat_from, default)
        yield "{}" if first else "\n" + "  " * level + "}"
    elif isinstance(value, AnIterator) or (isinstance(value, (list, tuple)) and level < flat_from):
        first = True
        for item in value:
            yield ("[\n" if first else ",\n") + inner
            first = False
            yield from _pieces(item, level + 1, flat_from, default)
        yield "[]" if first else "\n" + "  " * level + "]"
    elif type(value) is str and len(value) > BIG_TEXT:  # each character is escaped on its own
        yield '"'
        for start in range(0, len(value), BIG_TEXT):
            yield json.dumps(value[start:start + BIG_TEXT], ensure_ascii=False)[1:-1]
        yield '"'
    else:  # JSON strings hold no raw newline: every newline is layout and takes this depth's indent
        text = json.dumps(value, ensure_ascii=False, indent=2, default=default)
        yield text.replace("\n", "\n" + "  " * level) if level else text
