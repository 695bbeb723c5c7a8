"""PDF: the text layer, with page-bottom footnotes kept as notes.

pdfplumber (on pdfminer.six) gives every character with its font size and position, which is
what footnotes need and plain text extraction loses: a footnote marker is a digit set smaller
than the body text inside a body line (written here as a superscript digit, which the scanner
reads as a marker), and a footnote is a run of small-type lines below the last body line of
a page, opening with its number (written as a `[^n]:` definition in place, which the scanner
cuts out of the body). Paragraphs are separated where the gap between lines is clearly wider
than the line spacing; a line that ends in a hyphen is joined to the next.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from litcheck.scan.inputs import InputError

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
            pages = [[_line(line) for line in page.extract_text_lines(return_chars=True, strip=True)]
                     for page in pdf.pages]
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{name} is password-protected: save an unprotected copy and scan that") from None
    except Exception as exc:  # pdfminer raises many types for damaged files; all mean the same to a user
        if "password" in str(exc).lower() or type(exc).__name__.startswith("PDFPassword"):
            raise InputError(f"{name} is password-protected: save an unprotected copy and scan that") from None
        raise InputError(f"{name} is not a readable PDF ({type(exc).__name__}"
                         f"{': ' + str(exc)[:120] if str(exc) else ''})") from None
    sizes = Counter()
    for page in pages:
        for line in page:
            sizes.update(line["sizes"])
    if not sizes:
        raise InputError(f"{name} has no text layer (a scanned document?): run OCR on it first "
                         "(e.g. ocrmypdf) and scan the result")
    body_size = sizes.most_common(1)[0][0]
    return "\n\n".join(_page_text(page, body_size) for page in pages if page).rstrip() + "\n"


def _line(line) -> dict:
    chars = [c for c in line["chars"] if c["text"].strip()]
    return {"top": line["top"], "bottom": line["bottom"], "chars": line["chars"],
            "sizes": [round(c["size"], 1) for c in chars]}


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


def _page_text(page, body_size: float) -> str:
    small = [bool(line["sizes"]) and median(line["sizes"]) < SMALL * body_size for line in page]
    last_body = max((i for i, s in enumerate(small) if not s), default=-1)
    body = page[:last_body + 1]
    notes = page[last_body + 1:]
    paragraphs: list[list[str]] = []
    gaps = [b["top"] - a["top"] for a, b in zip(body, body[1:]) if b["top"] > a["top"]]
    step = median(gaps) if gaps else 0
    previous = None
    for line in body:
        text = _text(line, body_size, True)
        if previous is None or (step and line["top"] - previous["top"] > 1.4 * step):
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
