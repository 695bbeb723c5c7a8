"""What several renderers share: the export options, formatting every entry in a style, and the
marking of works that could not be verified."""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from litcheck.library.entry import released
from litcheck.listing import display
from litcheck.listing.csl import clean
from litcheck.listing.styles import FORMATS, Formatted, md_escape, safe_href

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


def records(head: str, entries, record) -> Iterator[str]:
    """`head`, then `record(entry)` for each entry, an empty line between records: the text
    export formats, written one record at a time."""
    if head:
        yield head
    for i, entry in enumerate(released(entries)):
        yield ("\n" if i else "") + record(entry)


def style_title(style) -> str:
    from litcheck.listing.styles import resolve_style

    return resolve_style(style).title if style else "a plain built-in format"


def unverified(entry) -> bool:
    return entry.status == "unconfirmed"


def format_all(entries, style, formats=FORMATS, cite: bool = True) -> Mapping[str, Formatted]:
    """key -> Formatted. With a style, pandoc citeproc over all entries (so 2020a/2020b are
    assigned across the list); with none, a plain built-in line per entry, made when asked.
    Unverified works get the visible `[unverified]` tag in front of their reference."""
    if not style:
        return _PlainLines(entries, formats)
    from litcheck.listing.csl import to_csl, to_csl_items
    from litcheck.listing.styles import format_entries, refuse_unnamed

    refuse_unnamed((to_csl(e) for e in released(entries)), style)  # before every work's data is made
    items = to_csl_items(released(entries))
    refuse_oversized(entries, items)
    out = format_entries(items, style, formats, cite=cite)
    for entry in entries:
        _tag(entry, out[entry.key])
    return out


class _PlainLines(Mapping):
    """key -> the plain built-in line of `--style none`, made when a renderer asks for it:
    cheap to make, and 100,000 of them held at once are not (nor their entries: a list of row
    numbers finds the entry of a key when asked)."""

    def __init__(self, entries, formats):
        from litcheck.listing.rows import RowList

        if isinstance(entries, RowList):
            self._entries, self._find = entries, entries.finder()
        else:
            by_key = {e.key: e for e in entries}
            self._entries, self._find = by_key.values(), by_key.__getitem__
        self._formats = formats

    def __getitem__(self, key: str) -> Formatted:
        entry = self._find(key)
        return _tag(entry, _plain(entry.transient(), self._formats))

    def __iter__(self):
        return (e.key for e in self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _tag(entry, formatted: Formatted) -> Formatted:
    if unverified(entry):
        ref = formatted.reference
        for f in ref:
            ref[f] = f"{_TAG[f]} {ref[f]}"
    return formatted


# The most text of one work the citation engine is given. pandoc needs about 40 bytes of memory
# per character of its input (a 50 MB title took it over 2 GB); real works, even papers with
# thousands of authors, stay far below this.
MAX_ENGINE_CHARS = 1_000_000


def refuse_oversized(entries, items) -> None:
    """Stop before running the engine when one work's data is absurdly large (EngineError,
    naming the entry, its file and line, and its largest field)."""
    from litcheck.listing.styles import EngineError

    for entry, item in zip(entries, items):
        sizes = {name: len(value) if isinstance(value, str) else len(repr(value)) for name, value in item.items()}
        if sum(sizes.values()) > MAX_ENGINE_CHARS:
            largest = max(sizes, key=sizes.get)
            raise EngineError(f"entry {entry.key} ({entry.file}, line {entry.line}) is too large for a citation "
                              f"style: {sizes[largest]:,} characters in {largest} (the limit is "
                              f"{MAX_ENGINE_CHARS:,} per work)")


_TAG = {"plain": UNVERIFIED, "markdown": "\\[unverified\\]",
        "html": f'<span class="unverified">{UNVERIFIED}</span>'}


def _plain(entry, formats) -> Formatted:
    """Author (year) Title. Venue. URL -- for --style none (fast, no external program; its
    modules are imported with this one, not once per work: that was a third of its time)."""
    shown = display.of(entry)  # names and decoded text, stored for an indexed file's entries
    who = shown.who
    year = str(entry.year) if entry.year else "n.d."
    parts = [f"{who} ({year})" if who else f"({year})", clean(shown.title)]
    if shown.venue:
        parts.append(shown.venue)
    text = ". ".join(p.strip(". ") for p in parts if p) + "."
    url = shown.url
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
    cite = {f: f"({who or shown.title}, {year})" for f in formats}
    return Formatted(out, cite)
