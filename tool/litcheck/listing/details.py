"""Everything known about one key: the entry, its note, what cites it, what it links to.

`entry_details` gathers it as plain data (what `litcheck show --format json` prints);
`render_details` lays it out for a terminal.
"""

from __future__ import annotations

import datetime
import re
import shutil
import textwrap


def suggest_keys(library, key: str, limit: int = 3) -> list[str]:
    """Keys close to `key` (typos, wrong year or word), best first."""
    from rapidfuzz import fuzz, process

    pool = list(dict.fromkeys([*library.entries, *library.notes]))
    if not pool:
        return []
    found = process.extract(key.lower(), pool, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [name for name, _, _ in found]


def resolve_key(library, key: str) -> str | None:
    """`key` itself, or its lower-case form, if the library has an entry or note for it."""
    for candidate in (key, key.lower()):
        if candidate in library.entries or candidate in library.notes:
            return candidate
    return None


def jsonable(value):
    """YAML values (dates, nested lists) as JSON-safe data."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _title(library, key: str) -> str:
    entry = library.get(key)
    return entry.title if entry else ""


def entry_details(library, key: str) -> dict:
    """All of it as data. `key` must be an entry or a note (see `resolve_key`)."""
    from litcheck.library.claims import collect_claims

    entry, note = library.get(key), library.note(key)
    data: dict = {"key": key, "in_library": entry is not None}
    if entry is not None:
        data.update({
            "type": entry.type, "file": entry.file, "line": entry.line, "title": entry.title,
            "authors": [n.display for n in entry.authors], "editors": [n.display for n in entry.editors],
            "year": entry.year, "venue": entry.venue, "kind": entry.kind, "verification": entry.status,
            "discrepancy": entry.text("discrepancy"), "keywords": entry.keywords, "fields": dict(entry.fields),
        })
    data["note"] = None
    if note is not None:
        data["note"] = {
            "path": note.path, "meta": jsonable({k: v for k, v in note.meta.items() if k != "claims"}),
            "summary": note.summary, "body": note.body,
            "links": [{"key": l.key, "locator": l.locator, "line": l.line, "in_library": l.key in library.entries}
                      for l in note.links],
            "claims": [c.as_dict() for c in collect_claims(library, article=key)],
        }
    cited = []
    for source in library.cited_by(key):
        links = [l for src, l in library.backlinks.get(key, []) if src == source]
        src_note = library.note(source)
        src_entry = library.get(source)
        cited.append({"key": source, "title": _title(library, source),
                      "kind": src_entry.kind if src_entry else "",
                      "article": bool(src_note and src_note.claims),
                      "links": [{"file": src_note.path if src_note else "", "line": l.line, "locator": l.locator,
                                 "in_front_matter": l.in_front_matter} for l in links]})
    data["cited_by"] = cited
    data["related"] = [{"key": k, "title": _title(library, k), "in_library": k in library.entries,
                        "locators": list(dict.fromkeys(l.locator for l in note.links if l.key == k and l.locator))}
                       for k in library.links_from(key)] if note else []
    return data


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))


def render_markdown(body: str, width: int, indent: str = "  ") -> list[str]:
    """A note body as terminal lines: headings bold, paragraphs and bullets wrapped, comments dropped."""
    import click

    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    out: list[str] = []
    block: list[str] = []
    bullet_prefix = ""
    in_code = False

    def flush():
        nonlocal bullet_prefix
        if block:
            text = " ".join(" ".join(block).split())
            first = indent + bullet_prefix
            rest = indent + " " * len(bullet_prefix)
            out.extend(textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest) or [first])
        block.clear()
        bullet_prefix = ""

    for line in body.split("\n"):
        if line.strip().startswith(("```", "~~~")):
            flush()
            in_code = not in_code
            continue
        if in_code:
            out.append(indent + "    " + line)
            continue
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        bullet = re.match(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$", line)
        if heading:
            flush()
            if out and out[-1] != "":
                out.append("")
            out.append(indent + click.style(heading.group(2), bold=True))
        elif bullet:
            flush()
            depth = len(bullet.group(1).expandtabs()) // 2
            marker = "•" if bullet.group(2) in "-*+" else bullet.group(2)
            bullet_prefix = "  " * depth + marker + " "
            block.append(bullet.group(3))
        elif not line.strip():
            flush()
        else:
            block.append(line)
    flush()
    while out and out[-1] == "":
        out.pop()
    return out


def render_details(data: dict, width: int | None = None) -> str:
    import click

    width = width or _width()
    wrap = lambda label, text: textwrap.wrap(" ".join(str(text).split()), width, initial_indent=f"  {label:<13}",
                                             subsequent_indent=" " * 15) or [f"  {label}"]
    lines = [click.style(data["key"], bold=True) + (f"  @{data['type']}  {data['file']}:{data['line']}"
                                                    if data["in_library"] else "  (not in the library: note only)")]
    if data["in_library"]:
        for label, value in (("title", data["title"]), ("authors", "; ".join(data["authors"])),
                             ("editors", "; ".join(data["editors"])), ("year", data["year"] or ""),
                             ("venue", data["venue"]), ("kind", data["kind"]),
                             ("verification", data["verification"]), ("topics", ", ".join(data["keywords"])),
                             ("url", data["fields"].get("url", "")), ("doi", data["fields"].get("doi", "")),
                             ("discrepancy", data["discrepancy"])):
            if value not in ("", None):
                lines += wrap(label, value)
    note = data["note"]
    lines.append("")
    if note is None:
        lines.append(click.style("Note", bold=True) + f": none (create one with `litcheck note new {data['key']}`)")
    else:
        lines.append(click.style("Note", bold=True) + f": {note['path']}")
        meta = note["meta"]
        for name in ("topics", "kind", "reliability", "status", "checked"):
            if meta.get(name) not in (None, "", []):
                value = ", ".join(map(str, meta[name])) if isinstance(meta[name], list) else meta[name]
                lines += wrap(name, value)
        lines.append("")
        lines += render_markdown(note["body"], width)
        if note["claims"]:
            lines.append("")
            lines.append(click.style(f"Claims register ({len(note['claims'])})", bold=True))
            for c in note["claims"]:
                head = f"  {c['id']} [{c['status']}] {c['where']}: "
                lines += textwrap.wrap(c["claim"], width, initial_indent=head, subsequent_indent="      ")
                if c["evidence"]:
                    lines += textwrap.wrap("evidence: " + c["evidence"], width, initial_indent="      ",
                                           subsequent_indent="      ")
    lines.append("")
    lines.append(click.style(f"Cited by ({len(data['cited_by'])})", bold=True))
    if not data["cited_by"]:
        lines.append("  nothing in the notes links here")
    for item in data["cited_by"]:
        where = ", ".join(f"line {l['line']}" + (f" ({l['locator']})" if l["locator"] else "") for l in item["links"])
        tag = " [article]" if item["article"] else ""
        lines += textwrap.wrap(f"{item['key']}{tag} — {item['title'] or '(no entry)'}; {where}", width,
                               initial_indent="  ", subsequent_indent="    ")
    if note is not None:
        lines.append("")
        lines.append(click.style(f"Related ({len(data['related'])})", bold=True))
        if not data["related"]:
            lines.append("  its note links to no other work")
        for item in data["related"]:
            title = item["title"] if item["in_library"] else "NOT IN THE LIBRARY"
            locs = f" ({'; '.join(item['locators'])})" if item["locators"] else ""
            lines += textwrap.wrap(f"{item['key']} — {title}{locs}", width, initial_indent="  ",
                                   subsequent_indent="    ")
    return "\n".join(lines) + "\n"
