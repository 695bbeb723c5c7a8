"""When a document was written, read from its own header, and the works it cites that are dated
after it. A post dated 28 April 2021 cannot cite a page of 30 April 2021 as its source, nor a
2016 manuscript a 2018 book: either the document's date or the item's is wrong, or the item is a
later version than the one the author read.

The header date is trusted only when it is unambiguous: a line of its own among the first lines
(or an author line ending in it), and the only such line in the document (a file that gathers
several dated posts has several). Dates of access ("accessed 21 December 2016") say when a page
was read, not when it was published, and are left out.
"""

from __future__ import annotations

import datetime as dt
import re

# "jan" -> 1 ... "dec" -> 12: a month by its first three letters (url_dates reads addresses with it)
MONTH_NUMBERS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MON = (r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
        r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)")
_DATE = re.compile(
    r"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))|"
    r"(?P<us>(?P<um>[01]\d)-(?P<ud>[0-3]\d)-(?P<uy>(?:19|20)\d\d))|"
    r"(?:(?P<d1>[0-3]?\d)\s+" + _MON.replace("mon", "m1") + r",?\s+(?P<y1>(?:19|20)\d\d))|"
    r"(?:" + _MON.replace("mon", "m2") + r"\s+(?P<d2>[0-3]?\d),?\s+(?P<y2>(?:19|20)\d\d))")
# "(2021, April 30)" in APA
_APA_DATE = re.compile(r"\((?P<y>(?:19|20)\d\d),\s*" + _MON + r"\s+(?P<d>[0-3]?\d)\)")
_ACCESSED = re.compile(r"(?:accessed|retrieved|last (?:visited|accessed|updated|modified)|viewed|consulted|archived)"
                       r"(?:\s+on)?:?\s*(?:from\s+)?[^.;\]]{0,40}", re.I)
_UNDATED_OK = re.compile(r"\b(?:forthcoming|in press|under review|in preparation)\b", re.I)
_HEADER_LINES = 6


def _to_date(m) -> dt.date | None:
    try:
        if m.group("iso"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("us"):
            return dt.date(int(m.group("uy")), int(m.group("um")), int(m.group("ud")))
        if m.group("m1"):
            return dt.date(int(m.group("y1")), MONTH_NUMBERS[m.group("m1")[:3].lower()], int(m.group("d1")))
        return dt.date(int(m.group("y2")), MONTH_NUMBERS[m.group("m2")[:3].lower()], int(m.group("d2")))
    except ValueError:  # "31 February": not a date
        return None


def _header_date(line: str):
    """The date a header line consists of (alone, or closing an author line), else None."""
    line = line.strip(" *_#\t")
    m = _DATE.search(line)
    if m is None or len(line) > 120 or m.end() < len(line.rstrip(" .)")) - 1:
        return None
    return _to_date(m)


def document_date(text: str) -> dt.date | None:
    """The date in the document's header, when exactly one line of the document is such a date."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    header = [d for d in (_header_date(ln) for ln in lines[:_HEADER_LINES]) if d]
    if len(header) != 1:
        return None
    others = sum(1 for ln in lines[_HEADER_LINES:] if len(ln) < 120 and _header_date(ln))
    return header[0] if others == 0 else None


def published(text: str) -> tuple[dt.date | None, int | None]:
    """(full date, year) an item or note gives for its work, access dates left out."""
    text = _ACCESSED.sub(" ", text)
    if _UNDATED_OK.search(text):
        return None, None
    m = _APA_DATE.search(text)
    if m:
        try:
            return dt.date(int(m.group("y")), MONTH_NUMBERS[m.group("mon")[:3].lower()], int(m.group("d"))), int(m.group("y"))
        except ValueError:
            return None, int(m.group("y"))
    m = _DATE.search(text)
    full = _to_date(m) if m else None
    return full, None


def later_than(doc_date: dt.date, item_text: str, year: int | None) -> str | None:
    """How the item is dated after the document ("30 April 2021", "2023"), or None."""
    full, apa_year = published(item_text)
    if _UNDATED_OK.search(item_text):
        return None
    if full is not None and full > doc_date:
        return full.strftime("%-d %B %Y")
    year = apa_year or year
    if full is None and year is not None and year > doc_date.year:
        return str(year)
    return None
