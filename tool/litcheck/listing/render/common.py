"""What several renderers share: the export options, formatting every entry in a style, and the
marking of works that could not be verified."""

from __future__ import annotations

from dataclasses import dataclass

from litcheck.listing.styles import FORMATS, Formatted

# How a work whose verification is `unconfirmed` is marked when the user includes it
# (`--include-unconfirmed`): a visible tag before the formatted reference, and a sentence in the
# note field of the data formats, so a copied reference never passes for a checked one.
UNVERIFIED = "[unverified]"
UNVERIFIED_NOTE = "[unverified] litcheck could not confirm that this work exists as cited"


@dataclass(frozen=True)
class Options:
    """What the user chose beyond the format: the citation style (a name, a CSL file, or None for
    the plain built-in line), the note summaries as annotations, and the topic keywords."""

    style: object = "apa"  # a style name, a CSL file path, a resolved `styles.Style`, or None
    annotate: bool = False
    keywords: bool = False


def style_title(style) -> str:
    from litcheck.listing.styles import resolve_style

    return resolve_style(style).title if style else "a plain built-in format"


def unverified(entry) -> bool:
    return entry.status == "unconfirmed"


def format_all(entries, style, formats=FORMATS, cite: bool = True) -> dict[str, Formatted]:
    """key -> Formatted. With a style, pandoc citeproc over all entries (so 2020a/2020b are
    assigned across the list); with none, a plain built-in line per entry. Unverified works get
    the visible `[unverified]` tag in front of their reference."""
    if style:
        from litcheck.listing.csl import to_csl_items
        from litcheck.listing.styles import format_entries

        out = format_entries(to_csl_items(entries), style, formats, cite=cite)
    else:
        out = {e.key: _plain(e, formats) for e in entries}
    for entry in entries:
        if unverified(entry):
            ref = out[entry.key].reference
            for f in ref:
                ref[f] = f"{_TAG[f]} {ref[f]}"
    return out


_TAG = {"plain": UNVERIFIED, "markdown": "\\[unverified\\]",
        "html": f'<span class="unverified">{UNVERIFIED}</span>'}


def _plain(entry, formats) -> Formatted:
    """Author (year) Title. Venue. URL -- for --style none (fast, no external program)."""
    import html

    from litcheck.listing.csl import clean, entry_url
    from litcheck.listing.styles import md_escape, safe_href

    who = entry.author_display() or ""
    year = str(entry.year) if entry.year else "n.d."
    parts = [f"{who} ({year})" if who else f"({year})", clean(entry.title)]
    if entry.venue:
        parts.append(entry.venue)
    text = ". ".join(p.strip(". ") for p in parts if p) + "."
    url = entry_url(entry)
    href = safe_href(url) if url else None  # a link only to http(s), mailto or a DOI
    out = {}
    for f in formats:
        if f == "html":
            out[f] = html.escape(text, quote=False) + (f' <a href="{html.escape(href)}">{html.escape(href)}</a>'
                                                        if href else "")
        elif f == "markdown":
            out[f] = md_escape(text) + (f" <{href}>" if href else "")
        else:
            out[f] = text + (f" {url}" if url else "")
    cite = {f: f"({who or entry.title}, {year})" for f in formats}
    return Formatted(out, cite)
