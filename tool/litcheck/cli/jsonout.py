"""The one JSON layout every command prints: UTF-8 text kept readable, indented, newline-ended."""

from __future__ import annotations

import json
from types import GeneratorType
from typing import Any, Callable, Iterable, Iterator


def dump_json(data: Any, default: Callable | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"


def stream_json_array(items: Iterable, default: Callable | None = None) -> Iterator[str]:
    """`dump_json(list(items))` in pieces, one per item: each item is made and written in turn."""
    yield from _array(items, 0, default)
    yield "\n"


def stream_json_object(data: dict, last: str, items: Iterable, default: Callable | None = None) -> Iterator[str]:
    """`dump_json(data | {last: list(items)})` in pieces, one per item of the last member."""
    head = json.dumps(data, ensure_ascii=False, indent=2, default=default)
    yield (head[:-2] + ",\n" if data else "{\n") + f"  {json.dumps(last, ensure_ascii=False)}: "
    yield from _array(items, 1, default)
    yield "\n}\n"


def _array(items: Iterable, level: int, default: Callable | None) -> Iterator[str]:
    """A JSON array as json.dumps(indent=2) lays it out `level` levels deep, in pieces of about
    64 kB (a huge value is one piece of its own, never copied into a larger one). JSON strings
    hold no raw newline, so every newline the encoder gives is layout and takes the deeper indent."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=default)
    indent = "  " * (level + 1)
    buffer: list[str] = []
    size = 0
    first = True
    for item in items:
        buffer.append(("[\n" if first else ",\n") + indent)
        first = False
        for chunk in encoder.iterencode(item):
            if "\n" in chunk:
                chunk = chunk.replace("\n", "\n" + indent)
            buffer.append(chunk)
            size += len(chunk)
            if size >= 65536:
                yield "".join(buffer)
                buffer.clear()
                size = 0
    buffer.append("[]" if first else "\n" + "  " * level + "]")
    yield "".join(buffer)


def stream_json(data: Any, flat_from: int = 4) -> Iterator[str]:
    """`dump_json(data)` in pieces of about 64 kB, where any list in `data` may be a generator:
    a scan report's flags are encoded as they are made, never held as one string. Values
    `flat_from` levels deep are encoded whole by json (in C)."""
    buffer: list[str] = []
    size = 0
    for piece in _pieces(data, 0, flat_from):
        buffer.append(piece)
        size += len(piece)
        if size >= 65536:
            yield "".join(buffer)
            buffer.clear()
            size = 0
    buffer.append("\n")
    yield "".join(buffer)


def _pieces(value: Any, level: int, flat_from: int) -> Iterator[str]:
    inner = "  " * (level + 1)
    if isinstance(value, dict) and level < flat_from:
        first = True
        for key, item in value.items():
            yield ("{\n" if first else ",\n") + inner + json.dumps(key, ensure_ascii=False) + ": "
            first = False
            yield from _pieces(item, level + 1, flat_from)
        yield "{}" if first else "\n" + "  " * level + "}"
    elif isinstance(value, (list, tuple, GeneratorType)) and level < flat_from:
        first = True
        for item in value:
            yield ("[\n" if first else ",\n") + inner
            first = False
            yield from _pieces(item, level + 1, flat_from)
        yield "[]" if first else "\n" + "  " * level + "]"
    else:  # JSON strings hold no raw newline: every newline is layout and takes this depth's indent
        yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
