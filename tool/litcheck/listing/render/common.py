"""What several renderers share: formatting every entry in a style, and per-entry facts."""

from __future__ import annotations

from litcheck.listing.styles import FORMATS, Formatted


def format_all(entries, style: str | None, formats=FORMATS) -> dict[str, Formatted]:
    """key -> Formatted. With a style, one pandoc citeproc run over all entries (so 2020a/2020b
    are assigned across the list); with none, a plain built-in line per entry."""
    if style:
        from litcheck.listing.csl import to_csl_items
        from litcheck.listing.styles import format_entries

        return format_entries(to_csl_items(entries), style, formats)
    return {e.key: _plain(e, formats) for e in entries}


def _plain(entry, formats) -> Formatted:
    """Author (year) Title. Venue. URL -- for --style none (fast, no external program)."""
    import html

    from litcheck.listing.csl import clean, entry_url
    from litcheck.listing.styles import md_escape

    who = entry.author_display() or ""
    year = str(entry.year) if entry.year else "n.d."
    parts = [f"{who} ({year})" if who else f"({year})", clean(entry.title)]
    if entry.venue:
        parts.append(entry.venue)
    text = ". ".join(p.strip(". ") for p in parts if p) + "."
    url = entry_url(entry)
    out = {}
    for f in formats:
        if f == "html":
            out[f] = html.escape(text, quote=False) + (f' <a href="{html.escape(url)}">{html.escape(url)}</a>'
                                                        if url.lower().startswith(("http://", "https://")) else "")
        elif f == "markdown":
            out[f] = md_escape(text) + (f" <{url}>" if url else "")
        else:
            out[f] = text + (f" {url}" if url else "")
    cite = {f: f"({who or entry.title}, {year})" for f in formats}
    return Formatted(out, cite)


def summary(library, key: str) -> str:
    note = library.note(key) if library is not None else None
    return note.summary if note is not None else ""
