"""Word (.docx) reading list; see document.py."""

from __future__ import annotations

from litcheck.listing.render.document import convert


def render(reading, library, options) -> bytes:
    return convert(reading, library, options, "docx")
