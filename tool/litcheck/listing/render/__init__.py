"""Renderers: a ReadingList (sections of entries) -> text in one output format.

Each format lives in its own module and is imported only when used, so pandas (CSV) and
rispy (RIS) cost nothing for the other formats.
"""

from __future__ import annotations

import importlib

# --format name -> module in this package (each exposes `render(reading, library, options)`,
# options being `common.Options`, returning text, or bytes for the binary docx and odt)
FORMATS = {
    "md": "md",
    "html": "html",
    "csv": "csv_",
    "bib": "bib",
    "biblatex": "biblatex",
    "ris": "ris",
    "csl-json": "csljson",
    "json": "json_",
    "docx": "docx",
    "odt": "odt",
}

# Formats that show entries formatted in a citation style.
STYLED = {"md", "html", "csv", "json", "docx", "odt"}


def render(reading, library, fmt: str, style: str | None = "apa", annotate: bool = False,
           keywords: bool = False):
    """Render `reading` in `fmt`; `style` (a style name, a CSL file or None) for the styled formats;
    `annotate` adds note summaries and `keywords` the topics to the data formats."""
    from litcheck.listing.render.common import Options

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"litcheck.listing.render.{FORMATS[fmt]}")
    options = Options(style if fmt in STYLED else None, annotate, keywords)
    return module.render(reading, library, options)
