"""Word (.docx) reading list; see document.py."""

from __future__ import annotations

from litcheck.listing.render.document import convert

FORMAT = "docx"
STYLED = True  # entries are formatted in a citation style
DOCUMENT = True  # a document people read: sections by topic unless asked otherwise


def render(reading, library, options) -> bytes:
    return convert(reading, library, options, "docx")
