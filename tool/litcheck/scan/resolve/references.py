"""A footnote or reference item parsed into author, title, year, venue, volume and publisher; a
note citing several works split into one part each."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass

from litcheck.scan.citations.model import YEAR
from litcheck.scan.resolve.text import YEAR_RE


@dataclass(slots=True)
class RefParts:
    text: str
    authors: str = ""
    title: str = ""
    year: int | None = None  # the publication year the reference states (not a year inside the title)
    venue: str = ""
    volume: str = ""
    publisher: str = ""


QUOTED = re.compile(r"\*\*?([^*]{3,}?)\*\*?|(?<![\w])_([^_]{3,}?)_(?![\w])|‘([^’]{3,}?)’|“([^”]{3,}?)”|\"([^\"]{3,}?)\"|(?<![\w])'([^']{6,}?)'(?![\w])")


# Introductory signals of legal and academic citation: they say how a source supports the text and
# are never part of its author or title ("*See* Cade Metz, *Title*" is by Metz, titled Title).
SIGNAL = re.compile(
    r"^[*_]{0,2}(?:see,? e\.g\.,?|see also|see generally|see, ?e\.g\.|but see|but cf\.|cf\.|compare|contra|accord|"
    r"e\.g\.,?|see)(?![\w])[*_]{0,2},?[ ]*+(?:[*_]{1,2}(?=\s))?[ ]*+", re.I)


def strip_signal(text: str) -> str:
    """The citation without its leading signal (See, See also, Cf., But see, e.g.). An emphasis
    that opened before the signal and goes on into the title is kept open."""
    m = SIGNAL.match(text)
    if not m:
        return text
    rest = text[m.end():]
    signal = m.group(0)
    # "*See Title,* Venue": the italics open before the signal and close after the title
    if signal[:1] in "*_" and signal.rstrip()[-1:] not in "*_":
        rest = signal[0] + rest
    return rest


# APA: "Author, A. (2018). Title. Venue, 4, 12." (the title may be italic: the stars are dropped)
# (an author may carry its abbreviation, "International Labour Organization (ILO) (2013) Title";
# a title with no full stop ends at a web address)
_APA = re.compile(r"^(?P<auth>(?:[^()]|\([A-Z][A-Za-z&.]{1,11}\)){1,150}?)\s*\((?P<year>" + YEAR + r")[a-z]?(?:,[^)]{0,40})?\)"
                  r"(?:\.|(?=\s+[A-Z*_“\"‘]))\s*(?P<title>.+?[^A-Z])(?:\.\s*|\s+(?=https?://|www\.))(?P<rest>.*)$")


# Parsed notes and items, kept while one document is scanned (`parsing_memo`): resolution, work
# clustering and three rules each parse the same notes, and on a document of tens of thousands of
# notes the parsing was most of the scan. None outside a scan; the parts are read-only. (Splitting
# a note into works is cheap and not kept: the lists cost more memory than they save time.)
_MEMO: dict | None = None


@contextmanager
def parsing_memo():
    """Keep every note and item parsed in the block, then drop them (one document's worth)."""
    global _MEMO
    outer, _MEMO = _MEMO, {} if _MEMO is None else _MEMO
    try:
        yield
    finally:
        _MEMO = outer


def parse_reference(text: str) -> RefParts:
    if _MEMO is None:
        return _parse_reference(text)
    parts = _MEMO.get(text)
    if parts is None:
        parts = _MEMO[text] = _parse_reference(text)
    return parts


def _parse_reference(text: str) -> RefParts:
    t = strip_signal(" ".join(text.split()).strip())
    parts = RefParts(t)
    apa = _APA.match(t)
    m = None if apa and len(apa.group("auth")) < 150 and not QUOTED.search(apa.group("auth")) else QUOTED.search(t)
    if m:
        title = next(g for g in m.groups() if g)
        before, after = t[:m.start()], t[m.end():]
        parts.authors = before.strip(" ,.;:")
        parts.title = title.strip(" ,.")
        # Chicago author-date: "Surname, First. 2012. *Title*": the year stands between author and title
        chicago = _YEAR_AFTER_AUTHOR.search(parts.authors)
        if chicago:
            parts.authors = parts.authors[:chicago.start()].strip(" ,.;:")
        # a second italic segment after a quoted title is the venue (journal)
        m2 = QUOTED.search(after)
        if m2:
            parts.venue = next(g for g in m2.groups() if g).strip(" ,.")
        _tail(parts, after, have_venue=bool(m2))
        if chicago:
            parts.year = int(chicago.group(1))  # an access date or a reprint year later on is not it
        return parts
    if apa and len(apa.group("auth")) < 150 and not QUOTED.search(apa.group("auth")):
        parts.authors = apa.group("auth").strip(" ,.*_")
        parts.year = int(apa.group("year"))
        parts.title = apa.group("title").strip(" *_")
        rest = apa.group("rest")
        vm = re.match(r"^(?P<venue>[^,\d]+),?\s*(?P<vol>\d+)?", rest)
        if vm:
            parts.venue = vm.group("venue").strip(" ,.")
            parts.volume = vm.group("vol") or ""
        return parts
    # "Author, Title (Year)" / "Title (Year) arts 34-36" without italics or quotes
    m = re.match(r"^(?P<head>.+?)\s*\((?P<paren>[^()]*" + YEAR + r"[^()]*)\)(?P<after>.*)$", t)
    head = m.group("head") if m else t
    comma = head.split(", ", 1)
    if len(comma) == 2 and len(comma[0].split()) <= 6 and not re.search(r"\b(?:Act|Convention|Protocol|Regulation|Directive)\b", comma[0]):
        parts.authors, parts.title = comma[0].strip(), comma[1].strip(" ,.")
    else:
        parts.title = head.strip(" ,.")
    if m:
        _tail(parts, "(" + m.group("paren") + ")" + m.group("after"), have_venue=False)
    else:
        ys = YEAR_RE.findall(t)
        title_years = YEAR_RE.findall(parts.title)
        outside = [y for y in ys if y not in title_years]
        if outside:
            parts.year = int(outside[-1])
        elif ys and (law := _LAW_YEAR_AT_END.search(t)) and law.group(1) == ys[-1]:
            parts.year = int(ys[-1])
    return parts


_YEAR_AFTER_AUTHOR = re.compile(r"(?:^|[.,]\s*)(" + YEAR + r")[a-z]?$")
# "... Act of 2000": the year that ends a law's name (one fixed pattern; a pattern built per
# year overflowed re's cache of compiled patterns on a document citing hundreds of years)
_LAW_YEAR_AT_END = re.compile(r"(?:Act|Convention|Protocol|Regulation|Directive|Law|Code)\W*(?:of\s+)?(\d+)\W*$")


def _tail(parts: RefParts, after: str, have_venue: bool) -> None:
    paren = re.search(r"\(([^()]*?)(" + YEAR + r")[^()]*\)", after)
    if paren:
        parts.year = int(paren.group(2))
        pub = paren.group(1).strip(" ,")
        if pub and not re.fullmatch(r"[\d\s,.-]*", pub):
            parts.publisher = pub
        rest = after[paren.end():]
    else:
        ys = YEAR_RE.findall(after)
        if ys:
            parts.year = int(ys[-1])
        rest = after
    vol = re.match(r"^\s*(\d{1,4})\s+(?=\D)", rest) or re.search(r"\bvol(?:ume)?\.?\s*(\d+)", rest, re.I)
    if vol:
        parts.volume = vol.group(1)
    if not have_venue:
        venue = re.sub(r"\b\d+\b", " ", rest)
        venue = re.sub(r"[*_()\[\]]", " ", venue)
        venue = re.sub(r"\b(?:arts?|pp?|para|paras|s|ss)\b\.?", " ", venue)
        venue = " ".join(venue.split()).strip(" ,.;:–-")
        if len(venue) > 2:
            parts.venue = venue


_SPLITTERS = re.compile(r"[()\[\];]")


def split_works(text: str, min_words: int = 2) -> list[RefParts]:
    """A note may cite several works separated by ';' (outside italics and quotes). Pieces of
    fewer than `min_words` words are dropped ("Id." is one word: pass 1 to keep it)."""
    t = " ".join(text.split())
    pieces, depth, start = [], 0, 0
    for m in _SPLITTERS.finditer(t):  # only brackets and ';' matter: the loop visits those alone
        ch = m.group(0)
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            pieces.append(t[start:m.start()])
            start = m.end()
    pieces.append(t[start:])
    in_italic = t.count("*") % 2 == 1
    pieces = [p.strip() for p in pieces if len(p.strip().split()) >= min_words]
    if in_italic is False and len(pieces) > 1:
        # "*A 1930; B 1999*": the italics span the ';' - re-open them per piece
        fixed = []
        for p in pieces:
            if p.count("*") % 2 == 1:
                p = p.replace("*", "")
            fixed.append(p)
        pieces = fixed
    return [parse_reference(p) for p in pieces] or [parse_reference(t)]
