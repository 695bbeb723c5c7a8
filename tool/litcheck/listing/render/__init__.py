"""Renderers: a ReadingList (sections of entries) -> text in one output format.

A format is one module of this package that declares `FORMAT = "name"` (its `--format` value),
`STYLED = True` if it shows entries formatted in a citation style, `DOCUMENT = True` if it is
a document people read (sectioned by topic by default), and a function
`render(reading, library, options)` (options being `common.Options`) returning text, or bytes
for a binary format such as docx. A data format may also declare `stream(reading, library,
options)`, yielding the same text in pieces entry by entry, so exporting a huge library never
holds the whole output (or every entry's data) in memory; its `render` joins the pieces.
Modules are discovered, so a new format is one new module.
Heavy libraries (pandas for CSV, rispy for RIS, pandoc) are imported inside `render`, so they
cost nothing for the other formats.
"""

from __future__ import annotations

import functools
from types import ModuleType


@functools.cache
def formats() -> dict[str, ModuleType]:
    """--format name -> the module that renders it (modules without FORMAT are helpers)."""
    from litcheck.registry import import_package_modules

    found = {m.FORMAT: m for m in import_package_modules(__name__) if hasattr(m, "FORMAT")}
    return dict(sorted(found.items()))


def names(flag: str) -> list[str]:
    """The formats that declare `flag` (STYLED or DOCUMENT) true."""
    return [name for name, module in formats().items() if getattr(module, flag, False)]


def render(reading, library, fmt: str, style: str | None = "apa", annotate: bool = False,
           keywords: bool = False):
    """Render `reading` in `fmt`; `style` (a style name, a CSL file or None) for the styled formats;
    `annotate` adds note summaries and `keywords` the topics to the data formats."""
    module, options = _chosen(fmt, style, annotate, keywords)
    return module.render(reading, library, options)


def stream(reading, library, fmt: str, style: str | None = "apa", annotate: bool = False,
           keywords: bool = False):
    """`render`, as an iterable of text pieces for the formats that stream (else the whole
    text, or bytes, at once)."""
    module, options = _chosen(fmt, style, annotate, keywords)
    if hasattr(module, "stream"):
        return module.stream(reading, library, options)
    return module.render(reading, library, options)


def early_refusal(fmt: str, style, include_unconfirmed: bool):
    """What `build_listing` runs over the selection before sorting it (see `select.select`): the
    style's refusal of more works than it can tell apart (`styles.refuse_unnamed`), so a million
    such entries are refused before a million entries are made and sorted. None when the format
    shows no style."""
    _, options = _chosen(fmt, style, False, False)
    if not options.style:
        return None

    def vet(entries) -> None:
        from litcheck.library.entry import released
        from litcheck.listing.csl import to_csl
        from litcheck.listing.styles import refuse_unnamed

        listed = (e for e in released(entries) if include_unconfirmed or e.status != "unconfirmed")
        refuse_unnamed((to_csl(e) for e in listed), options.style)
    return vet


def _chosen(fmt: str, style, annotate: bool, keywords: bool):
    from litcheck.listing.render.common import Options

    module = formats().get(fmt)
    if module is None:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(formats())}")
    return module, Options(style if getattr(module, "STYLED", False) else None, annotate, keywords)
