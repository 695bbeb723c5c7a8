"""A parenthesis read as a citation: author-date "(Author, 2018; Org, 2019)", title first
"(Title, Author, 2018)", MLA "(Okafor 45)", a name with a year glued on, or a bare "(Org)"."""

from __future__ import annotations

import re

from litcheck.scan.citations.model import PUBLISHER_DATE, YEAR, Citation
from litcheck.scan.citations.orgs import COUNTRIES, NOT_SOURCES, is_acronym_definition
from litcheck.scan.document.model import SUPERSCRIPT_DIGITS

_ACRONYM_LOOKBACK = 600  # is_acronym_definition reads the 2n+6 words before an n-letter acronym
_AD_ITEM = re.compile(
    r"^(?P<pre>(?:see also|see|e\.g\.,?|cf\.|for example,?|as cited in|quoted in|cited in|in)\s+)?"
    r"(?P<names>[A-Z][^;]*?)"
    r"(?:,\s*|\s+)"
    r"(?P<year>" + YEAR + r"[a-z]?(?:/\d{2,4})?|n\.\s?d\.|forthcoming|in press)"
    r"(?P<loc>(?:,?\s*(?:pp?\.|para\.|paras\.|ch\.|chap\.|chapter|at|s\.|art\.|fig\.|figure|table|section|sec\.|"
    r"§|note|n\.|appendix)\s*[\w–\-, ]+|:\s*\d[\d–\-]*|,\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?(?:,\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?)*)?)\s*$", re.I)
_JOINED_YEAR = re.compile(r"^(?P<names>[A-Z][A-Za-z&\-]+?)(?P<year>" + YEAR + r")$")


# "Dupuy et al., 2014, 2015" / "Heiss, 2016a, b": one author's several works, each a citation of its own
_SEVERAL_YEARS = re.compile(r"^(?P<names>[^\d,]+(?:,\s*[^\d,]+)*?),?\s+(?P<years>" + YEAR + r"[a-z]?(?:\s*,\s*(?:" + YEAR
                            + r"[a-z]?|[a-z]\b))+)(?P<rest>(?:,\s*(?:p|pp|ch|chap|chapter|section|sec)\.?\s.*)?)$", re.I)


def _one_year_each(part: str) -> list[str]:
    """A part giving one author several years, as one part per year (a locator stays with the last)."""
    m = _SEVERAL_YEARS.match(part)
    if not m:
        return [part]
    years: list[str] = []
    for y in re.split(r"\s*,\s*", m.group("years")):
        years.append(y if y[:1].isdigit() else years[-1][:4] + y)
    out = [f"{m.group('names').strip()}, {y}" for y in years]
    out[-1] += m.group("rest")
    return out


# "int25-ilo?": a key with letters and digits or punctuation, then the question mark
_UNRESOLVED_KEY = re.compile(r"(?=[\w:.-]*[\d:_-])[A-Za-z][\w:.-]{1,60}\?")


_LAW_NAME_END = re.compile(r"\b(?:Act|Acts|Convention|Protocol|Directive|Regulation|Code|Law|Treaty|Charter|Declaration)"
                           r"(?:\s+of)?$")
# where and when a meeting was held, after its name: "the World Congress against ... (Stockholm, 1996)",
# "the Fourth World Conference on Women (Beijing, 1995)"
_EVENT_BEFORE = re.compile(r"\b(?:Congress|Conference|Summit|Meeting|Forum|Assembly|Games|Olympics|Cup|Symposium|Session|"
                           r"Convention)\b(?:\s+(?:on|against|for|of|to)\s+[^()]{0,120})?\s*$")
_PLACE_YEAR = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s*" + YEAR)

# what a one-word parenthesis glosses rather than cites: a name, or a numbered part of the text
_GLOSSED = re.compile(r"(?:\b[A-Z][\w.'’-]*|\b(?:Sections?|Articles?|Chapters?|Parts?|Annex|Appendix|Table|Figure)\s+[\d.]+[a-z]?)\s*$")


def parenthetical_citations(doc, sent, text, m, orgs, defined) -> list[Citation]:
    inner = m.group(1).strip()
    base = sent.start
    start, end = base + m.start(), base + m.end()
    before = text[max(0, m.start() - _ACRONYM_LOOKBACK):m.start()]  # bounded: linear on long text
    after = text[m.end():m.end() + 3]
    out: list[Citation] = []
    # (ACRONYM) or (ACRONYM 2018) right after what it abbreviates: a definition
    if _PLACE_YEAR.fullmatch(inner) and _EVENT_BEFORE.search(before) or PUBLISHER_DATE.fullmatch(inner):
        return out
    acr = re.fullmatch(r"([A-Z][A-Za-z&]*[A-Z])(?:[\s,]+(" + YEAR + r"))?", inner)
    if acr and is_acronym_definition(acr.group(1), before):
        return out
    if IBID.fullmatch(inner):  # "(ibid)": the work cited just before; find_citations fills in which
        return [Citation("author-date", m.group(0), start, end, sent.index)]
    parts = [q for p in _SOURCE_LABEL.sub("", inner).split(";") for q in _one_year_each(p.strip())]
    for part in parts:
        shown = m.group(0) if len(parts) == 1 else f"({part})"
        if _UNRESOLVED_KEY.fullmatch(part):  # pandoc's citeproc prints a key it cannot find as "key?"
            out.append(Citation("author-date", shown, start, end, sent.index, names=[part[:-1]]))
            continue
        c = _title_first_part(part, start, end, sent.index, shown) or \
            author_date_part(part, start, end, sent.index, shown) or _mla_part(part, start, end, sent.index, shown)
        if c:
            out.append(c)
    if out and len(out) == sum(1 for p in parts if p):
        return out
    if out:
        # a parenthetical that mixes a citation and prose: keep only clear citations
        return [c for c in out if c.year]
    # "(SESTA2018)": a name with a year glued on
    jm = _JOINED_YEAR.match(inner)
    if jm and not is_acronym_definition(jm.group("names"), before):
        return [Citation("author-date", m.group(0), start, end, sent.index, names=[jm.group("names")],
                         year=int(jm.group("year")), year_text=jm.group("year"))]
    # "(Org)" / "(Surname)" closing a clause: a citation without a year
    closes_clause = re.match(r"\s*(?:[.,;:!?]|$|[" + SUPERSCRIPT_DIGITS + r"]|\[)", after) is not None
    words = inner.split()
    if not closes_clause or not words or len(words) > 6:
        return out
    low = inner.lower().strip(".")
    if low in COUNTRIES or low in NOT_SOURCES or re.search(r"\d", inner):
        return out
    if re.fullmatch(r"[A-Z][A-Za-z&]*[A-Z]", inner):
        if inner in defined and not (orgs and orgs.find(inner)):
            return out  # a name the text defined earlier, used again: not a citation
        if doc.footnotes or doc.references and doc.references[0].label:
            return out  # a text citing by notes or numbers does not cite by a bare "(NWO)": an abbreviation
        if orgs and orgs.find(inner):
            return [Citation("author-date", m.group(0), start, end, sent.index, names=[inner])]
        if len(inner) >= 3 and inner.lower() not in NOT_SOURCES:
            return [Citation("author-date", m.group(0), start, end, sent.index, names=[inner])]
        return out
    org_hits = orgs.find(inner) if orgs else []
    if org_hits and org_hits[0][0] == 0 and org_hits[0][1] >= len(inner) - 1:
        return [Citation("author-date", m.group(0), start, end, sent.index, names=[inner])]
    if re.fullmatch(r"[A-Z][a-z'’\-]+(?:\s+(?:and|&)\s+[A-Z][a-z'’\-]+|\s+et\s+al\.?)?", inner):
        if _GLOSSED.search(before[-60:]):
            return out  # a gloss on a name or a part ("David Redfern (Substack)", "Corp. (Pagcor)", "Section 2 (Scope)")
        names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.?", inner) if n]
        return [Citation("author-date", m.group(0), start, end, sent.index, names=names, et_al="et al" in inner)]
    return out


IBID = re.compile(r"(?:ibid|ibidem)\.?(?:,?\s*(?:at\s+|pp?\.\s*)?\d[\d–-]*)?", re.I)
_SOURCE_LABEL = re.compile(r"^(?:Sources?|Data|Data source|Via|From)\s*:\s*", re.I)  # "(Source: NSPCC, 2024)" cites NSPCC
_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|June|July|"
                    r"August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter")


def author_date_part(part: str, start: int, end: int, sent_index: int, shown: str) -> Citation | None:
    am = _AD_ITEM.match(part)
    if not am:
        return None
    names_text = re.sub(r"(?<=\w)- (?=[A-Z])", "-", am.group("names").strip().rstrip(","))  # "Franchino-\nOlsen"
    names_text = re.sub(r"\bat(?= al\b)", "et", names_text)  # "(Hodel at al. 2014)": a slip for "et al."
    if len(names_text) > 120 or re.search(r"\d", names_text) or _MONTH.fullmatch(names_text):
        return None  # ("(Dec 2020)", "(March, 2021)": a date, not an author and year; "May" is also a surname)
    # every word must look like part of a name (capitalised, a particle, or a connector)
    words = re.findall(r"[\w'’.\-]+", names_text)
    connectors = {"and", "et", "al", "al.", "&", "of", "the", "for", "on", "de", "van", "von", "der", "den", "du",
                  "la", "le", "del", "dos", "da", "in", "against", "to", "und", "y"}
    if not words or any(not (w[0].isupper() or w.lower() in connectors or not w[0].isalpha()) for w in words):
        return None
    if len(words) > 12:
        return None
    if names_text.lower() in COUNTRIES or names_text.lower() in NOT_SOURCES or _LAW_NAME_END.search(names_text):
        return None  # (a law named with its year, "(Trafficking Victims Protection Act of 2000, s. 102)", needs no item)
    et_al = bool(re.search(r"\bet\s+al\.?", names_text))
    names = [n.strip(" ,.*_") for n in re.split(r"\s*(?:,|\band\b|&|\bet\s+al\.?)\s*", names_text) if n.strip(" ,.*_")]
    # "Smith, J." style initials are not separate names; "ICE" or "ODO" undotted is an acronym, a name
    names = [n for n in names if not re.fullmatch(r"(?:[A-Z]\.\s?){1,3}|[A-Z]", n)]
    year_text = am.group("year")
    year = int(year_text[:4]) if year_text[:1].isdigit() else None
    return Citation("author-date", shown, start, end, sent_index, names=names, year=year, year_text=year_text,
                    locator=(am.group("loc") or "").strip(" ,"), et_al=et_al)


_ORG_WORDS = re.compile(
    r"\b(?:Bureau|Office|Department|Ministry|Commission|Council|Association|Institute|Foundation|Project|"
    r"Organi[sz]ation|Agency|Trust|Network|International|Coalition|Alliance|Committee|University|Group|Society|"
    r"Federation|Police|Nations|Centre|Center|Service|Services|Fund|Court|Parliament|Senate|Congress|Board|"
    r"Authority|Unit|Programme|Program|Initiative|Forum|Watch|Campaign|Union|Corporation|Inc|Ltd|LLC)\b")
_YEAR_TAIL = re.compile(r",\s*(?P<year>" + YEAR + r"[a-z]?|n\.\s?d\.)\s*$")
_TITLE_START = "“\"‘'*_"


def _looks_like_name(text: str) -> bool:
    """1-6 capitalised words (particles allowed), no colon: an author or body, not a title."""
    words = text.split()
    if not 1 <= len(words) <= 6 or ":" in text:
        return False
    small = {"of", "the", "for", "on", "and", "&", "de", "van", "von", "der", "et", "al.", "al"}
    return all(w[:1].isupper() or w in small for w in words)


def _title_first_part(part: str, start: int, end: int, sent_index: int, shown: str) -> Citation | None:
    """"(Title of the Work, Author, 2018)" / "(Title of the Work, 2018)": a title first, then the
    author or body (optional), then the year. A title has at least three words and reads as a
    title (a colon, a small word such as "via" or "is", or no organisation word)."""
    ym = _YEAR_TAIL.search(part)
    if not ym:
        return None
    head = part[:ym.start()].strip(" ,")
    if re.search(r"\bet\s+al\b|,\s+(?:and|&)\s", head):
        return None  # "Franchino-Olsen et al.", "Sciences, Engineering, and Medicine": names, not a title
    title, author = head, ""
    if ", " in head:
        t, a = head.rsplit(", ", 1)
        if _looks_like_name(a) and len(t.split()) >= 3:
            title, author = t, a
    title = title.strip()
    words = title.split()
    chunks = [c for c in re.split(r",\s*|\s+(?:and|&)\s+", title) if c]
    if ":" not in title and all(_looks_like_name(c) and len(c.split()) <= 3 for c in chunks):
        return None  # "Smith, Jones and Brown": a list of authors
    if len(words) < 3 or not (title[:1].isupper() or title[:1] in _TITLE_START):
        return None
    small = {"of", "the", "for", "on", "and", "&", "de", "in", "to", "a", "an", "at", "by", "van", "von"}
    title_like = ":" in title or title[:1] in _TITLE_START or any(w[:1].islower() and w not in small for w in words) \
        or (not _ORG_WORDS.search(title) and (author or len(words) >= 4))
    if not title_like:
        return None
    year_text = ym.group("year")
    year = int(year_text[:4]) if year_text[:1].isdigit() else None
    names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.?", author) if n] if author else []
    return Citation("author-date", shown, start, end, sent_index, names=names, year=year, year_text=year_text,
                    et_al="et al" in author, title=title.strip(_TITLE_START + " ,"))


# MLA "(Okafor 45)", "(Okafor and Lindqvist 12-14)": a surname and a page, no year. Words that
# number parts of a document are not surnames.
_MLA = re.compile(r"^(?P<names>[A-Z][\w'’\-]{1,40}(?:\s+(?:and|&)\s+[A-Z][\w'’\-]{1,40}|\s+et\s+al\.)?)\s+(?P<page>\d{1,4}(?:[–-]\d{1,4})?)$")
_NOT_SURNAMES = {"table", "figure", "fig", "section", "article", "chapter", "part", "appendix", "block", "model", "step",
                 "phase", "wave", "study", "group", "level", "type", "page", "pages", "volume", "vol", "no", "number",
                 "item", "question", "box", "annex", "exhibit", "sample", "case", "cases", "version", "grade", "year",
                 "years", "age", "ages", "goal", "target", "paragraph", "rule", "title", "class", "room", "week", "day"}


def _mla_part(part: str, start: int, end: int, sent_index: int, shown: str) -> Citation | None:
    m = _MLA.match(part)
    if not m or m.group("names").split()[0].lower() in _NOT_SURNAMES or re.fullmatch(YEAR, m.group("page")):
        return None
    names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.", m.group("names")) if n]
    return Citation("author-date", shown, start, end, sent_index, names=names, locator=m.group("page"),
                    et_al="et al" in m.group("names"))

