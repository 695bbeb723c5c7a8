"""What a document's reference list and notes reveal about themselves, with no library at all.

A fact-checker reading a reference list queries an item nobody can trace (no year or date: which
edition, which version of a bill?), a page range that cannot exist ("40–16"), a pinpoint that lies
outside the pages the item itself gives ("Hyland 2001, 1" for an article on page 12), and one title
listed twice under different years. These need only the document, so they work on any article.
"""

from __future__ import annotations

import re

_DASH = r"\s*(?:-{1,3}|[–—])\s*"
# Where an item states its pages: "pp. 344–364", "p. 12", "8(4): 151–173", "15 (Sept. 2015), 61--66",
# "vol. 3, 40-16". A pair of years ("2010–2012") is a period, not pages.
_PAGES = re.compile(r"(?:\bpp?\.\s*|(?<=\))\s*[:,]\s*|(?<=\d)\s*:\s*|(?<=\d[*_])\s*[:,]\s*|,\s+)"
                    r"(?P<first>\d{1,5})(?:" + _DASH + r"(?P<last>\d{1,5}))?(?=\s*(?:[.,;)]|$|\s+(?:doi|https?|Publisher|\[)))",
                    re.I)
_YEARISH = re.compile(r"(?:1[6-9]|20)\d\d")
_DATED = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)(?:[a-z]|\b)|\bn\.\s?d\.|\bno date\b|\bforthcoming\b|\bin press\b|\bundated\b",
                    re.I)
# A locator after the year of a short author-date note: "Hyland 2001, 1", "Chuang 2006, 440-41".
_NOTE_LOCATOR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[a-z]?\s*[,:]\s*(?:pp?\.\s*)?(?P<loc>\d{1,5}(?:" + _DASH + r"\d{1,5})?)\s*\.?\s*$")


def _expand(first: str, last: str) -> int:
    """The last page of a range written short ("1143–57" is 1143–1157)."""
    if len(last) < len(first):
        return int(first[:len(first) - len(last)] + last)
    return int(last)


def page_span(text: str) -> tuple[int, int, str] | None:
    """(first, last, as written) of the pages an item gives, or None when it gives none."""
    single = None
    for m in _PAGES.finditer(text):
        first, last = m.group("first"), m.group("last")
        lead = m.group(0).lstrip(" ,")[:1].lower()
        if last and _YEARISH.fullmatch(first) and _YEARISH.fullmatch(last) and lead != "p":
            continue
        if first == "0":
            continue
        if last:  # a range is pages; a lone number after a comma is more often a volume ("Journal, 4, 12–30")
            return int(first), _expand(first, last), m.group(0).strip(" ,:")
        if single is None and lead in ("p", ":"):
            single = (int(first), int(first), m.group(0).strip(" ,:"))
    return single


def impossible_range(text: str) -> str | None:
    """A page range in `text` that ends before it starts, as written."""
    span = page_span(text)
    if span and span[1] < span[0]:
        return span[2]
    return None


def locator_pages(locator: str) -> list[int]:
    """The pages a pinpoint names ("p. 18", "pp. 5–7", "440-41"); none for a section or a chapter."""
    if re.search(r"[§¶]|\b(?:s|ss|sec|section|ch|chap|chapter|para|art|fn|n|note)\.?\s*\d", locator, re.I):
        return []
    pages = []
    for m in re.finditer(r"(\d{1,5})(?:" + _DASH + r"(\d{1,5}))?", locator):
        pages.append(int(m.group(1)))
        if m.group(2):
            pages.append(_expand(m.group(1), m.group(2)))
    return pages


def outside(locator: str, item_text: str) -> tuple[str, str] | None:
    """(pinpoint, item's pages) when every page the pinpoint names lies outside the item's range."""
    span = page_span(item_text)
    pages = locator_pages(locator)
    if not span or not pages or span[1] < span[0]:
        return None
    first, last, written = span
    if all(p < first or p > last for p in pages):
        return locator.strip(), written
    return None


def note_locator(piece_text: str) -> str:
    """The pinpoint of a short author-date note ("Hyland 2001, 1" → "1"), or ""."""
    m = _NOTE_LOCATOR.search(piece_text)
    return m.group("loc") if m else ""


def undated(text: str) -> bool:
    """The item states no year or date at all (nor says it has none: "n.d.", "forthcoming")."""
    return not _DATED.search(text)


def looks_like_reference(text: str) -> bool:
    """An item that cites a work (an author or a title and some more), not a remark or an archive
    number that happens to stand in a numbered list ("Response 1157.", "See Chapter 5.")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if len(words) < 3 or re.match(r"(?i)(?:see|for more|cf\.?|responses?|interview|coded|note)\b", text):
        return False
    return sum(w[0].isupper() for w in words) >= 2
