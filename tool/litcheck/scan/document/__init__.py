"""Read an article (plain text, Markdown, or HTML) into a `Document`: body sentences with exact
character offsets and 1-based line numbers, footnote texts and reference-list items kept apart.

How the text is read
--------------------
1. Footnote definitions (`[^n]: text`, a line opening with Unicode superscript digits such as
   `¹⁵ UNICEF, ...`, `<sup>` in HTML) and the items of a trailing reference / notes section are
   cut out of the body wherever they stand: at the end of the file, or interleaved with the body
   as in a PDF-to-text dump where each page's footnotes sit between two halves of a sentence.
2. Cut-out regions are *masked* (replaced by spaces, newlines kept) instead of removed, so every
   offset into the masked body is an offset into the original file and line numbers stay exact.
3. The masked body is cut into blocks (paragraphs, list items, headings). A block that stops
   without terminal punctuation and is followed by one that opens in lower case is joined to it:
   that is a sentence broken by a page break or by an interleaved footnote block.
4. Plain note numbers of PDF-extracted text ("certified. 12 This") are read as markers where
   they run in the notes' order (`plainmarks`).
5. Each block is split into sentences by `sentences.split_sentences`.

The stages live in sibling modules: `htmltext` (HTML to text), `regions` (non-body regions:
front matter, footnotes, reference lists), `plainmarks` (plain-number markers), `blocks` (body blocks and sentence kinds), `sentences`
(the segmenter); `model` holds the `Document` they fill.
"""

from __future__ import annotations

import re
from pathlib import Path

from litcheck.scan.document.blocks import split_body
from litcheck.scan.document.htmltext import html_to_text, inline_html
from litcheck.scan.document.model import Document, DocumentError
from litcheck.scan.document.plainmarks import mark_plain_notes
from litcheck.scan.document.regions import find_notes, mask_furniture


def read_document(path: str | Path) -> Document:
    """Read and parse a file. Raises DocumentError when it cannot be read as text."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise DocumentError(f"{path} is not a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not all UTF-8: a Windows-1252 file, or UTF-8 with pasted-in Windows-1252 passages.
        # Each byte sequence that is not UTF-8 is read as Windows-1252 and the rest as UTF-8,
        # so neither half turns into mojibake ("CafÃ©"); a byte neither can read is an error.
        import codecs

        codecs.register_error("litcheck-cp1252", _cp1252_for_invalid_utf8)
        try:
            text = raw.decode("utf-8-sig", errors="litcheck-cp1252")
        except UnicodeDecodeError:
            raise DocumentError(f"{path} is not UTF-8 or Windows-1252 text") from None
    suffix = p.suffix.lower()
    fmt = "markdown" if suffix in (".md", ".markdown", ".mdown") else "html" if suffix in (".html", ".htm", ".xhtml") else "text"
    return parse_document(text, str(path), fmt)


def _cp1252_for_invalid_utf8(exc: UnicodeError):
    """Decoding error handler: read the bytes that are not UTF-8 as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252"), exc.end


def _blank(text: str, mask: bytearray) -> str:
    """`text` with every character under `mask` but newlines made a space, built from runs of
    the mask (a list of the characters took eight bytes a character: 160 MB for a 20 MB text)."""
    pieces, at = [], 0
    for m in re.finditer(rb"\x01+|\x02+", mask):
        start, end = m.span()
        inside = mask[start] == 2  # lines cut out of a paragraph: newlines too (regions.INSIDE_PARAGRAPH)
        pieces += [text[at:start], _NOT_NEWLINE.sub(" ", text[start:end]) if "\n" in text[start:end] and not inside
                   else " " * (end - start)]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


_NOT_NEWLINE = re.compile(r"[^\n]")


# The most text one document may hold: about 330,000 words, a long book. Scanning keeps
# objects for every sentence, citation and flag, so memory grows with the text: 4 MB of short
# sentences each with two flags peaked at 284-296 MB, over the bound of twice the input plus
# 200 MB that every command keeps (issue 11); at this limit the densest shapes stay within it.
# A longer text is refused (split it) rather than let run.
MAX_DOCUMENT_CHARS = 2_000_000


def parse_document(text: str, path: str = "<string>", fmt: str = "text") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html" or (fmt == "text" and re.match(r"\s*(<!doctype html|<html)", text, re.I)):
        text = html_to_text(text)
        fmt = "html"
    elif "<" in text:
        text = inline_html(text)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentError(f"{path}: not scanned: {len(text):,} characters of text, above the "
                            f"{MAX_DOCUMENT_CHARS:,} one document may hold (split it)")
    doc = Document(path=path, text=text, masked=text, fmt=fmt)
    doc._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    mask = bytearray(len(text))  # 1 = not body
    mask_furniture(text, mask)
    find_notes(doc, mask)
    doc.masked = mark_plain_notes(_blank(text, mask), doc.footnotes)
    split_body(doc)
    return doc
