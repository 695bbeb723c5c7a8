"""An in-text citation matched to an item of the document's own reference list, and how the two
disagree (another year, a surname spelt differently)."""

from __future__ import annotations

import re

from litcheck.scan.citations.model import YEAR, Citation
from litcheck.scan.resolve.references import parse_reference
from litcheck.scan.resolve.text import acronym, norm

_REPEATED_AUTHOR = re.compile(r"^\s*(?:[—–-]{2,}|_{3,})\s*[.,]?\s*")


def item_author(text: str) -> str:
    """The author part of a reference item: what comes before its year ("Nebraska Human Trafficking
    Task Force. (2023). 2023 report." -> "Nebraska Human Trafficking Task Force")."""
    return re.split(r"\s*(?:\(|\.\s+(?:\(?1[5-9]\d\d|\(?20\d\d|n\.d\.))", text, maxsplit=1)[0]


def reference_heads(doc) -> list[str]:
    """The normalised opening of each reference item, with a repeated-author dash ("———. 2014a.
    Title") replaced by the author of the item before it, so that it is matched by that name."""
    heads, author = [], ""
    for item in doc.references:
        m = _REPEATED_AUTHOR.match(item.text)
        text = (author + " " + item.text[m.end():]) if m and author else item.text
        if not m:
            author = item_author(item.text)
        heads.append(norm(text[:160]))
    return heads


# The year of a reference item: "(2016a)." in APA, ". 2014a." in Chicago author-date
_ITEM_YEAR = re.compile(r"\((" + YEAR + r")([a-z]?)[),]|(?<![\d/])(" + YEAR + r")([a-z]?)(?=[).,;:\s])")


def item_years(item) -> list[int]:
    head = item.text[:300]
    paren = re.search(r"\((" + YEAR + r")[a-z]?[),]", head)
    if paren:
        return [int(paren.group(1))]
    years = [int(m.group(3)) for m in _ITEM_YEAR.finditer(head) if m.group(3)]
    for m in _YEAR_SPAN.finditer(head):  # "CyberSafeKids Ireland, 2023-24.", "2019–2020": both years
        first = int(m.group(1))
        years += [y for y in (first, int(str(first)[:4 - len(m.group(2))] + m.group(2))) if y not in years]
    return years


_YEAR_SPAN = re.compile(r"(?<![\d/])(" + YEAR + r")\s*[-–/]\s*(\d{2}|" + YEAR + r")(?=[).,;:\s])")


def _year_suffix_agrees(c: Citation, item) -> bool:
    """"2016b" picks the item dated (2016b) or "2016b.", not 2016a; without a letter on either side, any."""
    suffix = c.year_text[4:5] if len(c.year_text) > 4 and c.year_text[4].isalpha() else ""
    m = _ITEM_YEAR.search(item.text[:300])
    letter = (m.group(2) or m.group(4)) if m else ""
    return not suffix or not letter or letter == suffix


# "(e.g., National Academies of Sciences, Engineering, and Medicine, 2020" -> the name before the year
_WRITTEN_NAME = re.compile(r"^\(?\s*(?:(?:see also|see|e\.g\.,?|cf\.|for example,?)\s+)?(?P<name>[^()\d;]{2,150}?)"
                           r",?\s+(?:" + YEAR + r"|n\.\s?d\.)", re.I)


def _written_name(text: str) -> str:
    """The citing name as written, folded ("Franchino- Olsen et al." -> "franchino olsen"): matched
    against the opening of reference items when the name is not one the name splitter keeps whole
    (a body with commas in its name, a surname broken at a line's hyphen)."""
    m = _WRITTEN_NAME.match(text)
    if not m:
        return ""
    return norm(re.sub(r"\bet\s+al\.?", "", m.group("name")))


def author_in_head(forms: set[str], head: str, exact: bool = True) -> bool:
    """Whether a reference item's normalised opening starts with (or names early) one of the
    citation's name forms; not `exact`: a surname spelt a little differently opens it."""
    from rapidfuzz import fuzz

    if exact:
        return any(head.startswith(f + " ") or head == f or f" {f} " in f" {head[:60]} " for f in forms)
    first_word = head.split(" ", 1)[0] if head else ""
    return any(f and f[0] == first_word[:1] and len(f) >= 4 and fuzz.ratio(f, first_word) >= 80 for f in forms)


# "Gezie, L.D. and Atinafu, A. (2021)", "Smith, J., & Jones, K. 2019.": an item by exactly two authors
_TWO_AUTHORS = re.compile(r"[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?-?){1,3},?\s+(?:and|&)\s+[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?-?){1,3}"
                          r"[\s,.]*\(?" + YEAR)


def item_diffs(c: Citation, doc, i: int, spelt: bool = False) -> list[str]:
    """How a citation disagrees with the reference item it points to: another year, a surname
    spelt differently (`spelt`), "et al." for a work by two authors (every style names both)."""
    item = doc.references[i]
    where = f"reference item {i + 1}, line {item.line}"
    out = []
    years = item_years(item)
    if c.year is not None and years and c.year not in years:
        out.append(f"year {c.year_text or c.year} ({where}: {years[0]})")
    if spelt:
        out.append(f"author '{c.names[0] if c.names else c.title}' ({where}: "
                   f"'{item.text.split(',')[0].split('(')[0].strip(' .')}')")
    two = _TWO_AUTHORS.match(item.text)
    if c.et_al and two:
        out.append(f"'et al.' for a work by two authors ({where}: '{two.group(0)[:-4].rstrip(' (,.')}')")
    return out


def _initials_of(item) -> str:
    """The initials of an item's author of two words or more ("nspcc"), else ""."""
    author = item_author(item.text)
    return acronym(author).lower() if len(author.split()) >= 2 else ""


def _by_author_and_topic(written: str, year: int, doc) -> int | None:
    """The one item a citation such as "Reuters BlackRock 2024" or "ETI Unilever 2024" points to:
    machine-written text names a source by its author (or the author's initials) and then a word
    of the item's title. The item by that author, of that year, whose text has every other word."""
    words = written.split()
    found = set()
    for i, item in enumerate(doc.references):
        if year not in item_years(item):
            continue
        author, initials = norm(item_author(item.text)), _initials_of(item)
        text = set(norm(item.text).split())
        for k in range(1, len(words)):
            lead = " ".join(words[:k])
            if (lead == author or len(lead) >= 2 and lead == initials) and all(w in text for w in words[k:]):
                found.add(i)
    return found.pop() if len(found) == 1 else None


def match_reference_item(c: Citation, doc, forms: set[str]) -> tuple[int, list[str]] | None:
    """The reference-list item an in-text citation points to, and how they disagree.

    By author and year first; then by title ("(Title, Author, Year)"); then by author alone or a
    surname spelt a little differently. A match found other than by author and year carries the
    differences (another year, a differently spelt surname): the document contradicts itself."""
    from rapidfuzz import fuzz

    heads = reference_heads(doc)
    if c.anchor:  # a link to the item's anchor says which item is meant
        i = doc.anchored_item(c.anchor)
        if i is None:
            return None
        known = c.names and (author_in_head(forms, heads[i]) or c.names[0].lower() in doc.references[i].text[:200].lower())
        return i, item_diffs(c, doc, i, spelt=bool(forms) and not known)
    written = _written_name(c.text)
    if written and len(written) >= 4:
        forms = forms | {written}  # the name as the citation writes it: "National Academies of Sciences, Engineering, and Medicine"

    def by_author(i, exact=True):
        return author_in_head(forms, heads[i], exact)

    # a body cited by its initials ("(NSPCC, 2024)" for "National Society for the Prevention of ...")
    initials = {i for i, item in enumerate(doc.references) if written and _initials_of(item) == written}
    same_author = [i for i in range(len(heads)) if forms and by_author(i) or i in initials]
    dated = [i for i in same_author
             if c.year is None or (c.year in item_years(doc.references[i]) and _year_suffix_agrees(c, doc.references[i]))]
    if dated:  # (with two such items, "et al." may be right for the other one)
        return dated[0], item_diffs(c, doc, dated[0]) if len(dated) == 1 else []
    if c.title:
        t = norm(c.title)
        scored = [(fuzz.token_set_ratio(t, norm(parse_reference(item.text).title or item.text[:200])), i)
                  for i, item in enumerate(doc.references)]
        best = max(scored, default=(0, None))
        if best[0] >= 85:
            i = best[1]
            return i, item_diffs(c, doc, i, spelt=bool(forms) and not by_author(i) and by_author(i, exact=False))
    if c.title and not c.names:
        # "(Nebraska Human Trafficking Task Force Report, 2023)": a body's name with a word added
        t = norm(c.title)
        bodies = [i for i, item in enumerate(doc.references)
                  if len(a := norm(item_author(item.text)).split()) >= 2 and t.startswith(" ".join(a) + " ")]
        dated = [i for i in bodies if c.year in item_years(doc.references[i])] or bodies
        if dated:
            return dated[0], item_diffs(c, doc, dated[0], spelt=True)
    if c.year is not None and written and (topical := _by_author_and_topic(written, c.year, doc)) is not None:
        return topical, []
    if len(same_author) == 1:
        return same_author[0], item_diffs(c, doc, same_author[0])
    if c.year is not None and forms:
        close = [i for i in range(len(heads)) if by_author(i, exact=False) and c.year in item_years(doc.references[i])]
        if len(close) == 1:
            return close[0], item_diffs(c, doc, close[0], spelt=True)
    return None

