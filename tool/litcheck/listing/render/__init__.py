"""Renderers: a ReadingList (sections of entries) -> text in one output format.

Each format lives in its own module and is imported only when used, so pandas (CSV) and
rispy (RIS) cost nothing for the other formats.
"""

from __future__ import annotations

import importlib

# --format name -> module in this package (each exposes `render(reading, library, style) -> str`)
FORMATS = {
    "md": "md",
    "html": "html",
    "csv": "csv_",
    "bib": "bib",
    "ris": "ris",
    "csl-json": "csljson",
    "json": "json_",
}

# Formats that show entries formatted in a citation style.
STYLED = {"md", "html", "csv", "json"}


def render(reading, library, fmt: str, style: str | None = "apa") -> str:
    """Render `reading` in `fmt`; `style` (apa|chicago|harvard|oscola|None) for the styled formats."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"litcheck.listing.render.{FORMATS[fmt]}")
    return module.render(reading, library, style if fmt in STYLED else None)
