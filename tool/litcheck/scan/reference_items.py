"""What a document's reference list and notes reveal about themselves, with no library at all.

A fact-checker reading a reference list queries an item nobody can trace (no year or date: which
edition, which version of a bill?), a page range that cannot exist ("40–16"), a pinpoint that lies
outside the pages the item itself gives ("Hyland 2001, 1" for an article on page 12), and one title
listed twice under different years. These need only the document, so they work on any article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from litcheck.scan.citations.model import YEAR
from litcheck.scan.citations.orgs import COUNTRIES

_DASH = r"\s*(?:-{1,3}|[–—])\s*"
# Where an item states its pages: "pp. 344–364", "p. 12", "8(4): 151–173", "15 (Sept. 2015), 61--66",
# "vol. 3, 40-16". A pair of years ("2010–2012") is a period, not pages.
_PAGES = re.compile(r"(?:\bpp?\.\s*|(?<=\))\s*[:,]\s*|(?<=\d)\s*:\s*|(?<=\d[*_])\s*[:,]\s*|,\s+)"
                    r"(?P<first>\d{1,5})(?:" + _DASH + r"(?P<last>\d{1,5}))?(?=\s*(?:[.,;)]|$|\s+(?:doi|https?|Publisher|\[)))",
                    re.I)
_YEARISH = re.compile(r"(?:1[6-9]|20)\d\d")
_DATED = re.compile(r"\b" + YEAR + r"(?:[a-z]|\b)|\bn\.\s?d\.|\bno date\b|\bforthcoming\b|\bin press\b|\bundated\b",
                    re.I)
# A locator after the year of a short author-date note: "Hyland 2001, 1", "Chuang 2006, 440-41".
_NOTE_LOCATOR = re.compile(r"^[^\d]{1,120}?\b" + YEAR + r"[a-z]?\s*[,:]\s*(?:pp?\.\s*)?(?P<loc>\d{1,5}(?:" + _DASH
                           + r"\d{1,5})?)\s*(?:[.;]|$)")


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
    """The pinpoint of a short author-date note ("Hyland 2001, 1. Then a remark" → "1"), or ""."""
    m = _NOTE_LOCATOR.match(piece_text)
    return m.group("loc") if m else ""


# DOIs that carry the year they were registered: Elsevier ("10.1016/j.chiabu.2019.104123"), Taylor
# & Francis ("10.1080/15564886.2019.1632012"), Frontiers ("10.3389/fpsyg.2020.01234"), Springer
# ("10.1007/s10611-017-9730-6": 017 is 2017) and arXiv ("10.48550/arXiv.2103.01234": March 2021).
_DOI_YEAR = re.compile(r"\b10\.(?:1016/j\.[a-z]+\.(?P<els>(?:19|20)\d\d)\.|1080/[\dX]{8}\.(?P<tf>(?:19|20)\d\d)\.|"
                       r"3389/f[a-z]+\.(?P<fr>20\d\d)\.|1007/s\d{5}-(?P<spr>0[0-3]\d|99\d)-|48550/arxiv\.(?P<arx>[0-3]\d)[01]\d\.)",
                       re.I)
PRINT_LAG = 2  # a print issue may follow the DOI's registration by a year or two, never precede it


def doi_year(text: str) -> tuple[str, int] | None:
    """(the DOI as written, the year it was registered) for the first dated DOI of `text`."""
    m = _DOI_YEAR.search(text)
    if m is None:
        return None
    if m.group("spr"):
        year = (2000 if m.group("spr")[0] == "0" else 1000) + int(m.group("spr"))
    elif m.group("arx"):
        year = 2000 + int(m.group("arx"))
    else:
        year = int(m.group("els") or m.group("tf") or m.group("fr"))
    end = re.search(r"[\s,;)\]>]|\.(?:\s|$)", text[m.start():])
    return text[m.start(): m.start() + end.start() if end else len(text)], year


def year_against_doi(years: list[int], text: str) -> tuple[str, int, int] | None:
    """(DOI, its year, the year given) when the item's year cannot be that DOI's: before it was
    registered, or more than PRINT_LAG years after (arXiv: only before, since a preprint is revised)."""
    found = doi_year(text)
    if found is None or not years:
        return None
    doi, registered = found
    given = years[0]
    late = given > registered + PRINT_LAG and "arxiv" not in doi.lower()
    return (doi, registered, given) if given < registered or late else None


# A news page's URL carries the day it was published: ".../2013/04/17/...", ".../2014/nov/28/..."
# (an archive's timestamp, web.archive.org/web/2018..., says when it was saved, not published).
_URL_DATE = re.compile(r"https?://(?!web\.archive\.org|archive\.)[^\s/]+/(?:[^\s]*?/)?(?P<y>(?:19|20)\d\d)/"
                       r"(?:0[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(?P<d>(?:0[1-9]|[12]\d|3[01])/)?", re.I)
# what only print has: "58(1)", "vol. 7", "pp. 7-38", "7-38": an edition whose year may differ from the web page's
_PRINT = re.compile(r"\b\d+\s*\(\d+\)|\bvol(?:ume)?\.?\s*\d|\bpp?\.\s*\d|\b\d+\s*[-–]\s*\d+\b|\bno\.\s*\d", re.I)
# An annual report's edition year in its title: "CyberTipline 2021 Report", "Global Estimates 2017"
_EDITION_YEAR = re.compile(r"\b(?P<y>(?:19|20)\d\d)\s+(?:Annual\s+)?(?:Report|Review|Estimates|Index|Survey|Data)\b|"
                           r"\b(?:Report|Review|Estimates|Index|Survey)\s+(?P<y2>(?:19|20)\d\d)\b")


def date_in_url(years: list[int], text: str) -> tuple[int, int] | None:
    """(year in the URL, year the item gives) when a dated news URL contradicts the item's year. An
    address filed by year and month only ("wired.com/2014/11/...") is read for a web page alone (no
    volume or pages; not a file's upload folder, "wp-content/uploads/2017/07/", "x.files.wordpress.com/2018/01/")."""
    m = _URL_DATE.search(text)
    if m is None or not years or int(m.group("y")) == years[0]:
        return None
    if not m.group("d") and (re.search(r"upload|files", m.group(0), re.I) or _PRINT.search(_LAW_YEAR_OR_URL.sub(" ", text))):
        return None
    return int(m.group("y")), years[0]


def edition_out_of_step(years: list[int], text: str) -> tuple[int, int] | None:
    """(edition year in the title, year the item gives) two or more years apart: an annual report
    is published in its year or the next, so the item dates another edition or a later access."""
    m = _EDITION_YEAR.search(text)
    if m is None or not years:
        return None
    edition = int(m.group("y") or m.group("y2"))
    return (edition, years[0]) if abs(years[0] - edition) >= 2 else None


def undated(text: str) -> bool:
    """The item states no year or date at all (nor says it has none: "n.d.", "forthcoming"). A year
    in a law's name or in a web address does not date it: "McClean, N. The Modern Slavery Act 2015.
    Scottish Financial News" says when the law was made, not when the post was written."""
    return not _DATED.search(_LAW_YEAR_OR_URL.sub(" ", text))


_LAW_YEAR_OR_URL = re.compile(r"\b(?:Act|Convention|Protocol|Directive|Regulation|Code|Law)\s+(?:of\s+)?(?:19|20)\d\d\b|"
                              r"(?:https?://|www\.)\S+")


@lru_cache(maxsize=1)
def _speller():
    """English word frequencies (pyspellchecker's bundled list): a maintained dictionary beats any
    word list we could keep by hand. Loaded only when a document has items to check (~0.4 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


# British and American spellings of one word are both right ("organisation", "behaviour", "programme")
_VARIANT = [("is", "iz"), ("ys", "yz"), ("our", "or"), ("tre", "ter"), ("mme", "m"), ("ence", "ense"), ("ll", "l"),
            ("ae", "e"), ("oe", "e"), ("ogue", "og")]


def _variants(a: str, b: str) -> bool:
    return any(a.replace(x, y) == b.replace(x, y) or a.replace(y, x) == b.replace(y, x) for x, y in _VARIANT)


def misspellings(words, known, venue_words=frozenset()) -> list[tuple[str, str]]:
    """(word, likely intended word) for words of a title or venue one letter away from a common
    English word and not words themselves ("Jounal", "trafficing"): a registry or library search on
    them fails. `known` holds words that are right whatever the dictionary says (the document's own
    prose, the library's vocabulary: "sextortion" is not a typo of "extortion"). A capitalised word
    counts only when the word it is near is one that journal and publisher names use (`venue_words`):
    "Jounal" is a typo, "Maher" is a name."""
    from rapidfuzz.distance import Levenshtein

    candidates = [w for w in words if len(w) >= 5 and w.isalpha() and not w.isupper() and w.lower() not in known]
    if not candidates:
        return []
    speller = _speller()
    out = []
    for w in candidates:
        low = w.lower()
        if low in speller:
            continue
        if w[0] == w[1] and w[0].isupper() and w[2:].islower() and low[1:] in speller:
            out.append((w, w[1:]))  # a capital typed twice: "HHard to see" (a name never opens so)
            continue
        fix = speller.correction(low)
        if fix and fix != low and Levenshtein.distance(low, fix) == 1 and not _variants(low, fix) \
                and speller.word_usage_frequency(fix) > 1e-6 and (w[0].islower() or fix in venue_words):
            out.append((w, fix))
    return out


# who wrote or edited the document itself, set after its sources: "Written by A. Zhu Edited by: S. Anand",
# "This report was written and submitted by ..."
_CREDIT = re.compile(r"(?i)(?:this\s+(?:report|article|post|paper|piece|essay|document|issue)\s+(?:was|is|has been)\s+)?"
                     r"(?:written|edited|compiled|prepared|translated|produced|authored)(?:\s+and\s+\w+)?\s+by\b")


def looks_like_reference(text: str) -> bool:
    """An item that cites a work (an author or a title and some more), not a remark or an archive
    number that happens to stand in a numbered list ("Response 1157.", "See Chapter 5.")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if len(words) < 3 or re.match(r"(?i)(?:see|for more|cf\.?|responses?|interview|coded|note)\b", text) or _CREDIT.match(text):
        return False
    capitals = sum(w[0].isupper() for w in words)
    if len(words) >= 14 and capitals < 0.25 * len(words) and not re.search(r"\d{4}|https?://|www\.", text):
        return False  # a remark in prose ("X can also be used to find ..."): no title, date or address
    return capitals >= 2


# ---------------------------------------------------------------------------------------------
# As flags (called by the citation-mismatch and inconsistent-duplicate rules)
# ---------------------------------------------------------------------------------------------

# A body's head noun read as a surname ("Service, L. A. W. R." for "Latin American Women's Rights
# Service"), or an author that is an initial alone ("Bernhardt, A., Milkman, R. T., & N. (2009)").
_BODY_NOUN = (r"(?:Service|Organi[sz]ation|Office|Council|Commission|Agency|Department|Ministry|Foundation|Institute|"
              r"Centre|Center|Network|Project|Coalition|Alliance|Union|Association|Committee|Bureau|Fund|Programme|"
              r"Program|Trust|Society|Group|Authority|Board|Forum|Watch|Campaign|Initiative|Partnership)")
_MANGLED_AUTHOR = re.compile(r"^(?P<body>" + _BODY_NOUN + r",\s+(?:[A-Z]\.\s?){2,})|"
                             r"^(?:[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?)+,\s+)+(?P<initial>&\s+[A-Z]\.)\s+\(\d{4}")


# A name garbled in extraction: a surname cut to one letter ("..., and S. S, “Title"), initials on both
# sides of a surname ("A. Akerlof, G, “The market"), an accent split from its letter ("Laferrie`re")
_GARBLED_NAME = re.compile(r"(?:^|,\s|\band\s|&\s)(?P<letter>(?:[A-Z]\.\s?)+[A-Z])(?=,\s|\s+and\s)|"
                           r"^(?P<both>(?:[A-Z]\.\s?)+[A-Z][\w'’-]+,\s+[A-Z])(?=,\s*[“\"])|"
                           r"(?P<accent>[A-Za-z]+[`´¨˜][a-z][\w-]*)")


def mangled_author(text: str) -> str | None:
    m = _MANGLED_AUTHOR.match(text) or _GARBLED_NAME.search(text, 0, 160)
    return None if m is None else next(g for g in m.groups() if g).strip()


_PLACES = COUNTRIES - {"turkey", "china", "japan", "jordan", "chad", "global", "us", "uk", "usa", "georgia", "guinea", "niger",
                       "mali", "congo", "benin"}  # (words with other senses)


def lowercased_place(text: str) -> str | None:
    """A country or region written in lower case in the item's words (not in an address)."""
    words = re.sub(r"\S*[/@]\S*|\b\S+\.(?:org|com|gov|int|net|edu)\S*", " ", text)
    for m in re.finditer(r"(?<![\w.'’-])([a-z]+)(?:['’]s)?(?![\w-])", words):
        if m.group(1) in _PLACES:
            return m.group(0)
    return None


# The date an item states for itself ("Author. 2020. Title", "Author (2020). Title") and a year in
# parentheses inside its title ("General comment No. 25 (2021) on ..."), not an access date.
_STATED_DATE = re.compile(r"(?:^|[\s(])((?:19|20)\d\d)[a-z]?\)?\.\s")
_TITLE_YEAR = re.compile(r"(?<=[A-Za-z0-9] )\(((?:19|20)\d\d)\)")
_ACCESS_WORDS = re.compile(r"(?i)(?:access|retriev|view|visit|updat|revis|original|publish|consult)\w*\W*$")


def titled_after_date(text: str) -> tuple[int, int, str] | None:
    """(stated year, later year in the title, the words around it) when the title names a year
    after the date the item gives: a work cannot be dated before a year its own title names."""
    stated = _STATED_DATE.search(text)
    if stated is None:
        return None
    for m in _TITLE_YEAR.finditer(text, stated.end()):
        if int(m.group(1)) > int(stated.group(1)) and not _ACCESS_WORDS.search(text[max(0, m.start() - 30):m.start()]):
            start = max(stated.end(), m.start() - 25)
            words = text[start:m.end()].split()
            return int(stated.group(1)), int(m.group(1)), " ".join(words[1:] if start > stated.end() else words)
    return None


# Text a template or a reference manager puts where the real value goes
_PLACEHOLDER = re.compile(r"[“\"‘']?\b(?:(?:Title|Name) of (?:the |your )?(?:paper|article|book|chapter|work|journal|conference)|"
                          r"(?:Paper|Article|Book|Chapter) [Tt]itle|[A-Z]\. Author|First Author|Author Name|Lorem ipsum|"
                          r"Firstname Lastname|Last[Nn]ame, First[Nn]ame|Journal [Nn]ame|Conference [Nn]ame|TODO|TBD|XXXX)\b")


def placeholder(text: str) -> str | None:
    """Template text left in an item ("S. Author", "Title of the paper"): no one can find that work."""
    m = _PLACEHOLDER.search(text)
    return m.group(0).strip("“\"‘'") if m else None


def note_reference_matches(ctx):
    """(label, piece, (item index, differences) or None) for every author-date note piece, when the
    document has a reference list."""
    if not ctx.doc.references:
        return []
    from litcheck.scan.resolve import name_forms
    from litcheck.scan.resolve.items import match_reference_item
    from litcheck.scan.works import note_citation

    out = []
    for label, pieces in ctx.note_pieces().items():
        for p in pieces:
            if p.kind == "author-date" and p.surnames:
                c = note_citation(p)
                out.append((label, p, match_reference_item(c, ctx.doc, name_forms(c.names[0], ctx.index))))
    return out


def self_contradicting_items(ctx):
    """citation-mismatch flags from the document alone: an item with no date, a misspelt title or
    venue word, a page range that ends before it starts, a year its news URL, edition or DOI
    contradicts, a pinpoint outside the item's pages."""
    from litcheck.cli.table import shorten
    from litcheck.scan.resolve.items import item_years

    places = {i: p for i, item in enumerate(ctx.doc.references) if (p := lowercased_place(item.text))}
    if len(places) >= 3:
        places = {}  # the whole list is in sentence case: its style, not one item's slip
    for i, item in enumerate(ctx.doc.references):
        if not looks_like_reference(item.text):
            continue
        years = item_years(item)
        if (template := placeholder(item.text)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} holds template text "
                                        f"('{template}'): a placeholder left in, not a work anyone can find",
                                        evidence=template)
            for c in ctx.citations:  # and every citation of it cites no identifiable work
                if c.via_reference == i or c.kind == "numeric" and item.label and item.label in c.labels:
                    yield ctx.flag("citation-mismatch", ctx.doc.sentences[c.sentence], f"{shorten(c.text, 60)} "
                                   f"cites reference item {i + 1}, which is template text ('{template}')", evidence=c.text)
        elif undated(item.text):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} gives no year or date: which "
                                        "edition, version or bill is cited cannot be told", evidence=item.text)
        elif (typos := misspellings(_title_words(item.text), _known_words(ctx), _venue_words(ctx))):
            shown = ", ".join(f"'{w}' ('{fix}'?)" for w, fix in typos[:3])
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} has {shown} in its title or "
                                        "venue: a search for the work under that spelling fails", evidence=typos[0][0])
        elif (bad := impossible_range(item.text)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} gives pages '{bad}', a range "
                                        "that ends before it starts", evidence=bad)
        elif (url := date_in_url(years, item.text)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} is dated {url[1]}, but its "
                                        f"URL carries the publication date {url[0]}", evidence=str(url[0]))
        elif (edition := edition_out_of_step(years, item.text)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} is the {edition[0]} edition "
                                        f"but is dated {edition[1]}: another edition, or an access date given as the "
                                        "work's", evidence=str(edition[1]))
        elif (author := mangled_author(item.text)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} gives the author as '{author}': "
                                        "a body's name split into a surname and initials, an author reduced to an "
                                        "initial, or a name garbled in extraction; the work cannot be found under it",
                                        evidence=author)
        elif (place := places.get(i)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} writes '{place}' in lower case: "
                                        "a place name lost its capital (a reference manager's sentence case), so the "
                                        "title is not as published", evidence=place)
        elif (later := titled_after_date(item.text)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} is dated {later[0]}, but its "
                                        f"title names {later[1]} ('{later[2]}'): the date or the work is wrong",
                                        evidence=later[2])
        elif (clash := year_against_doi(years, item.text)):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} is dated {clash[2]}, but its "
                                        f"DOI {clash[0]} was registered in {clash[1]}: the year or the DOI is "
                                        "another version's", evidence=clash[0])
    for label, note in ctx.doc.footnotes.items():
        if (bad := impossible_range(note.text)):
            yield ctx.flag_at_note("citation-mismatch", label, f"footnote {label} gives pages '{bad}', a range that "
                                   "ends before it starts", evidence=bad)
        elif (later := titled_after_date(note.text)):
            yield ctx.flag_at_note("citation-mismatch", label, f"footnote {label} is dated {later[0]}, but the title "
                                   f"it gives names {later[1]} ('{later[2]}'): the date or the work is wrong",
                                   evidence=later[2])
    by_label = {item.label: i for i, item in enumerate(ctx.doc.references) if item.label}
    for c in ctx.citations:
        index = c.via_reference if c.via_reference is not None and c.via_reference >= 0 else None
        if index is None and c.kind == "numeric" and len(c.labels) == 1:
            index = by_label.get(c.labels[0])
        if index is None or not c.locator:
            continue
        found = outside(c.locator, ctx.doc.references[index].text)
        if found:
            yield ctx.flag("citation-mismatch", ctx.doc.sentences[c.sentence],
                           f"{shorten(c.text, 60)} points to page {found[0]}, outside the pages its reference item "
                           f"{index + 1} gives ({found[1]})", evidence=c.text)
    for label, piece, match in note_reference_matches(ctx):
        loc = note_locator(piece.text)
        found = outside(loc, ctx.doc.references[match[0]].text) if match is not None and loc else None
        if found:
            yield ctx.flag_at_note("citation-mismatch", label, f"footnote {label} ('{piece.text}') points to page "
                                   f"{found[0]}, outside the pages its reference item {match[0] + 1} gives ({found[1]})",
                                   evidence=piece.text)


def items_after_document(ctx):
    """citation-mismatch flags for works dated after the document's own header date
    (litcheck.scan.dating): the document's date, the item's, or the version cited is wrong."""
    from litcheck.scan.dating import document_date, later_than
    from litcheck.scan.resolve.items import item_years

    written = document_date(ctx.doc.text)
    if written is None:
        return
    shown = written.strftime("%-d %B %Y")
    for i, item in enumerate(ctx.doc.references):
        if looks_like_reference(item.text) and (when := later_than(written, item.text, next(iter(item_years(item)), None))):
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} is dated {when}, after the "
                                        f"document itself ({shown}): one of the two dates, or the version cited, is "
                                        "wrong", evidence=when)
    for label, note in ctx.doc.footnotes.items():
        if (when := later_than(written, note.text, None)):
            yield ctx.flag_at_note("citation-mismatch", label, f"footnote {label} cites a work dated {when}, after the "
                                   f"document itself ({shown})", evidence=when)


_SERIES = re.compile(r"\b(?:annual|yearbook|reports?|index|estimates|(?:19|20)\d\d)\b", re.I)  # a series's editions


def could_be_one_work(a, b) -> bool:
    """One work told two ways keeps its title (a wrong author) or its first author (a wrong title).
    Given under two years it must keep its title, since an author's works of different years
    share words ("CyberTipline Report", "2019 CyberTipline Reports by Country"); two year letters
    ("2017a", "2017b") say the document itself counts two works."""
    from litcheck.scan.resolve.scoring import title_sim
    from litcheck.scan.resolve.text import norm

    first = [{w.lower() for w in re.findall(r"[A-Za-z][\w'’-]+", re.split(r",|\band\b|&", p.authors or "")[0])} for p in (a, b)]
    if a.year != b.year and all(_SERIES.search(p.title) for p in (a, b)):
        return False  # two editions of an annual report
    similar = title_sim(norm(a.title), norm(b.title))
    years = _stated_year(a), _stated_year(b)
    if years[0] and years[1] and years[0] != years[1]:
        if years[0][1] and years[1][1]:
            return False  # "2017a" and "2017b": the document's own sign of two works
        return similar >= 0.8  # an author's works of two years: one work only if the title is kept
    return similar >= 0.5 or bool(first[0] & first[1]) and a.year == b.year


_YEAR_SUFFIX = re.compile(r"(?<!\d)(" + YEAR + r")([a-z]?)(?![\da-z])")


def _stated_year(parts) -> tuple[int, str] | None:
    """The year an item gives, with its letter ("2017b" -> (2017, "b")): the parsed year, else
    the first year of the text, as author-year styles put it before the title."""
    for m in _YEAR_SUFFIX.finditer(parts.text):
        if parts.year is None or int(m.group(1)) == parts.year:
            return int(m.group(1)), m.group(2)
    return (parts.year, "") if parts.year else None


def repeated_titles(ctx):
    """inconsistent-duplicate flags: a title the reference list gives twice with different years."""
    from litcheck.scan.resolve.items import item_years
    from litcheck.scan.resolve.references import parse_reference
    from litcheck.scan.resolve.text import norm

    first: dict[str, tuple[int, list[int]]] = {}
    for i, item in enumerate(ctx.doc.references):
        title = norm(parse_reference(item.text).title)
        if len(title.split()) < 4:
            continue
        years = item_years(item)
        if title in first:
            j, earlier = first[title]
            if years and earlier and not set(years) & set(earlier):
                yield ctx.flag_at_reference("inconsistent-duplicate", i, f"reference item {i + 1} repeats the title of "
                                            f"item {j + 1} (line {ctx.doc.references[j].line}) with another year: "
                                            f"{years[0]} against {earlier[0]}", evidence=item.text)
            continue
        first[title] = (i, years)


def _title_words(text: str) -> list[str]:
    """The words of an item's title and venue (author names are left out: names are not typos)."""
    from litcheck.scan.resolve.references import parse_reference

    parts = parse_reference(re.sub(r"<?(?:https?://|www\.)\S+", " ", text))  # an address is not a title
    words = re.sub(r"(?<=[a-z])- (?=[a-z])", "", f"{parts.title} {parts.venue}")  # "exper- imental": a PDF line's hyphen
    # a word with a capital inside ("ProPublica", "ePrint") is a brand, not a misspelling
    return [w for w in re.findall(r"[A-Za-z][A-Za-z]+", words) if not re.search(r"[a-z][A-Z]", w)]


def _known_words(ctx) -> set[str]:
    """Words right in this document whatever the dictionary says: those of its own prose and of the
    library's titles."""
    known = getattr(ctx, "_known_words", None)
    if known is None:
        known = {w.lower() for w in re.findall(r"[A-Za-z]+", ctx.doc.masked)}
        known |= {t for w in ctx.index.works.values() for t in w.title_tokens}
        ctx._known_words = known
    return known


def _venue_words(ctx) -> set[str]:
    """The words of the library's journal and publisher names ("journal", "review", "international")."""
    words = getattr(ctx, "_venue_words", None)
    if words is None:
        words = ctx._venue_words = {t for w in ctx.index.works.values() for t in re.findall(r"[a-z]+", w.venue or "")}
    return words
