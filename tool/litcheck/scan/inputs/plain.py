"""Plain text and Markdown: read as they are (the scanner's own reader decodes and parses them)."""

from __future__ import annotations


def read_text(path, name):
    from litcheck.scan.document import read_document

    return read_document(path)
