"""JSON: the list's structure and every entry with its note, as data for other tools."""

from __future__ import annotations

import datetime

from litcheck.library.entry import released
from litcheck.cli.jsonout import BIG_TEXT, Streamed, stream_json_object, streamed

from litcheck.listing.csl import to_csl
from litcheck.listing.render.common import format_all
from litcheck.listing.rows import keys_of
from litcheck.listing.styles import resolve_style

FORMAT = "json"
STYLED = True  # entries are formatted in a citation style


def _default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def entry_data(entry, library, formatted=None) -> dict:
    note = library.note(entry.key) if library is not None else None
    data = {
        "key": entry.key,
        "type": entry.type,
        "title": entry.title,
        "year": entry.year,
        "authors": [n.csl() for n in entry.authors],
        "topics": entry.keywords,
        "kind": entry.kind,
        "verification": entry.status,
        "fields": dict(entry.fields),  # raw BibTeX values, custom fields included
        "file": entry.file,
        "line": entry.line,
        "csl": to_csl(entry),
        "note": None,
    }
    if formatted is not None:
        data["reference"] = formatted.reference.get("plain", "")
        data["citation"] = formatted.citation.get("plain", "")
    if note is not None:
        data["note"] = {"path": note.path, "meta": note.meta, "summary": note.summary, "body": note.body,
                        "links": [link.key for link in note.links]}
    return data


def stream(reading, library, options):
    """The JSON text in pieces: the list's structure first, then one entry at a time."""
    style = options.style
    entries = reading.entries()
    formatted = format_all(entries, style, ("plain",)) if style else {}
    data = {
        "title": reading.title,
        "introduction": reading.introduction,
        "style": resolve_style(style).name if style else None,
        "sections": [Streamed(heading=s.heading, commentary=s.commentary, keys=keys_of(s.entries))
                     for s in reading.sections],
    }
    items = (_item(e, library, formatted.get(e.key)) for e in released(entries))
    yield from stream_json_object(data, "entries", items, default=_default)


def _item(entry, library, formatted) -> dict:
    """An entry's data, written member by member when its fields are huge (a 50 MB title)."""
    data = entry_data(entry, library, formatted)
    return streamed(data) if sum(map(len, entry.fields.values())) > BIG_TEXT else data


def render(reading, library, options) -> str:
    return "".join(stream(reading, library, options))
