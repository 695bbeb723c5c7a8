"""PDF: the text layer, with page-bottom footnotes kept as notes.

pdfplumber (on pdfminer.six) gives every character with its font size and position, which is
what footnotes need and plain text extraction loses: a footnote marker is a digit set smaller
than the body text inside a body line (written here as a superscript digit, which the scanner
reads as a marker), and a footnote is a run of small-type lines below the last body line of
a page, opening with its number (written as a `[^n]:` definition in place, which the scanner
cuts out of the body). Paragraphs are separated where the gap between lines is clearly wider
than the document's line spacing; a line that ends in a hyphen is joined to the next.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from litcheck.scan.inputs.common import InputError

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SMALL = 0.85  # a character below this share of the body size is small type
MAX_PAGES = 2000
_NOTE_START = re.compile(r"^([0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\.?\s+(?=\S)")


def read_pdf(path, name):
    from litcheck.scan.document import parse_document

    return parse_document(pdf_to_text(path, name), name, "text")


def pdf_to_text(path, name) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"{name} has {len(pdf.pages)} pages, above the {MAX_PAGES} litcheck reads")
            pages = [[c for c in page.chars if c["text"].strip()] for page in pdf.pages]
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{name} is password-protected: save an unprotected copy and scan that") from None
    except Exception as exc:  # pdfminer raises many types for damaged files; all mean the same to a user
        if "password" in str(exc).lower() or type(exc).__name__.startswith("PDFPassword"):
            raise InputError(f"{name} is password-protected: save an unprotected copy and scan that") from None
        raise InputError(f"{name} is not a readable PDF ({type(exc).__name__}"
                         f"{': ' + str(exc)[:120] if str(exc) else ''})") from None
    sizes = Counter(round(c["size"], 1) for page in pages for c in page)
    if not sizes:
        raise InputError(f"{name} has no text layer (a scanned document?): run OCR on it first "
                         "(e.g. ocrmypdf) and scan the result")
    body_size = sizes.most_common(1)[0][0]
    lines = [_lines(page, body_size) for page in pages]
    step = _line_step(lines, body_size)
    return "\n\n".join(_page_text(page, body_size, step) for page in lines if page).rstrip() + "\n"


def _lines(chars, body_size: float) -> list[dict]:
    """Characters grouped into lines by baseline. A raised note marker has a baseline of its
    own, a little above its line's: small characters with no line of their own size at their
    height join the nearest line just below them."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: c["bottom"]):
        if rows and c["bottom"] - rows[-1][-1]["bottom"] <= 0.25 * c["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    merged: list[list[dict]] = []
    for i, row in enumerate(rows):
        marker = (all(c["size"] < SMALL * body_size for c in row) and len(row) <= 3
                  and i + 1 < len(rows) and rows[i + 1][0]["bottom"] - row[-1]["bottom"] < 0.7 * body_size
                  and any(c["size"] >= SMALL * body_size for c in rows[i + 1]))
        if marker:
            rows[i + 1].extend(row)
        else:
            merged.append(row)
    out = []
    for row in merged:
        row.sort(key=lambda c: c["x0"])
        out.append({"base": median(c["bottom"] for c in row), "chars": row, "sizes": [round(c["size"], 1) for c in row]})
    return out


def _line_step(pages, body_size: float) -> float:
    """The distance between two lines of one paragraph: the smallest gap between the baselines
    of consecutive body lines that is at least the font size."""
    body = [[line for line in page if not _small(line, body_size)] for page in pages]
    gaps = [b["base"] - a["base"] for page in body for a, b in zip(page, page[1:])]
    return min((g for g in gaps if g >= 0.9 * body_size), default=1.2 * body_size)


def _small(line, body_size: float) -> bool:
    return median(line["sizes"]) < SMALL * body_size


def _text(line, body_size: float, in_body: bool) -> str:
    """The line's text; inside body lines small raised digits become superscript digits."""
    out, previous_bottom = [], None
    for c in line["chars"]:
        ch = c["text"]
        if in_body and ch.isdigit() and c["size"] < SMALL * body_size:
            ch = ch.translate(SUPERSCRIPT)
        if previous_bottom is not None and c["x0"] - previous_bottom > c["size"] * 0.2 and out and out[-1] != " ":
            out.append(" ")
        out.append(ch)
        previous_bottom = c["x1"]
    return " ".join("".join(out).split())


def _page_text(page, body_size: float, step: float) -> str:
    small = [_small(line, body_size) for line in page]
    last_body = max((i for i, s in enumerate(small) if not s), default=-1)
    body = page[:last_body + 1]
    notes = page[last_body + 1:]
    paragraphs: list[list[str]] = []
    previous = None
    for line in body:
        text = _text(line, body_size, True)
        if previous is None or line["base"] - previous["base"] > 1.3 * step:
            paragraphs.append([text])
        elif paragraphs[-1][-1].endswith("-") and text[:1].islower():
            paragraphs[-1][-1] = paragraphs[-1][-1][:-1] + text
        else:
            paragraphs[-1].append(text)
        previous = line
    out = ["\n".join(p) for p in paragraphs]
    definitions: list[str] = []
    for line in notes:
        text = _text(line, body_size, False)
        m = _NOTE_START.match(text)
        if m:
            definitions.append(f"[^{m.group(1).translate(str.maketrans('⁰¹²³⁴⁵⁶⁷⁸⁹', '0123456789'))}]: "
                               + text[m.end():])
        elif definitions:
            definitions[-1] += " " + text
        else:
            out.append(text)  # small type that is not a note (a caption, a running footer)
    if definitions:
        out.append("\n".join(definitions))
    return "\n\n".join(out)
