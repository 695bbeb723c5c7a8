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
    else:  # JSON strings hold no raw newline: every newline is layout and takes this depth's indent
        text = json.dumps(value, ensure_ascii=False, indent=2, default=default)
        yield text.replace("\n", "\n" + "  " * level) if level else text
