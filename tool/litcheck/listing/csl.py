"""Entry -> CSL-JSON: the input the citation engine (pandoc's citeproc) formats from.

We generate CSL-JSON ourselves rather than hand raw BibTeX to any engine, because BibTeX readers
lose what matters here: organisation authors (kept as `literal` names, never split into given and
family), `institution`/`howpublished`/`url`/`urldate`, and the kind of source (a law or treaty is
`@misc` in the .bib file but `legislation`/`treaty` in CSL). Dates are always `date-parts`.
"""

from __future__ import annotations

import re

from litcheck.library.entry import Entry
from litcheck.library.latex import to_text

_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_URL_MACRO = re.compile(r"\\url\{([^}]*)\}")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

# BibTeX entry type -> CSL type (for @misc the source kind decides, see `csl_type`).
_BY_ENTRY_TYPE = {
    "article": "article-journal",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "manual": "report",
    "unpublished": "manuscript",
}

# Source kind (vocabulary `kinds`) -> CSL type, where the kind says more than the entry type.
_BY_KIND = {
    "law": "legislation",
    "treaty": "treaty",
    "court-decision": "legal_case",
    "news": "article-newspaper",
    "web-article": "webpage",
    "dataset": "dataset",
    "press-release": "report",  # with genre "Press release": APA prints "[Press release]"
    "official-report": "report",
    "ngo-report": "report",
    "industry-report": "report",
    "working-paper": "report",
}


def clean(text: str) -> str:
    """Display text with TeX quote ligatures (``...'') turned into typographic quotes."""
    return text.replace("``", "\u201c").replace("''", "\u201d") if "``" in text or "''" in text else text


def parse_date(raw: str) -> list[int] | None:
    """`2000-11-15` / `2000-11` / `2000` (or the start of a `2019/2020` range) -> date parts."""
    match = _ISO_DATE.match(raw or "")
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        parts = parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        parts = parts[:2]
    return parts


def _month(raw: str) -> int | None:
    text = (raw or "").strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text[:3])


def issued_parts(entry: Entry) -> list[int] | None:
    """The date of the work: ISO `date` if given (laws, press releases), else `year` (+ `month`)."""
    parts = parse_date(entry.get("date"))
    if parts and (not entry.year or parts[0] == entry.year):
        return parts
    if entry.year:
        month = _month(entry.get("month"))
        return [entry.year, month] if month else [entry.year]
    return parts


def entry_url(entry: Entry) -> str:
    """The work's URL: `url`, else a `\\url{...}` inside `howpublished`."""
    url = entry.get("url").strip()
    if url:
        return url.replace("\\%", "%").replace("\\_", "_").replace("\\#", "#").replace("\\&", "&")
    match = _URL_MACRO.search(entry.get("howpublished"))
    return match.group(1) if match else ""


def howpublished_text(entry: Entry) -> str:
    """`howpublished` as display text, without any `\\url{...}` it carries."""
    return clean(to_text(_URL_MACRO.sub("", entry.get("howpublished")))).strip(" ,;")


def csl_type(entry: Entry) -> str:
    kind = entry.kind
    etype = entry.type.lower()
    if kind in ("law", "treaty", "court-decision", "news", "web-article", "dataset", "press-release"):
        return _BY_KIND[kind]
    if etype in _BY_ENTRY_TYPE:
        return _BY_ENTRY_TYPE[etype]
    if kind in _BY_KIND:
        return _BY_KIND[kind]
    if entry_url(entry):
        return "webpage"
    return "document"


def to_csl(entry: Entry) -> dict:
    """One entry as a CSL-JSON item (only variables that have a value)."""
    ctype = csl_type(entry)
    item: dict = {"id": entry.key, "type": ctype}

    def text(name: str) -> str:
        return clean(entry.text(name))

    how = howpublished_text(entry)

    authors = [n.csl() for n in entry.authors]
    editors = [n.csl() for n in entry.editors]
    if authors and ctype != "legislation":  # statutes are cited by title, not by legislature
        item["author"] = authors
    if editors:
        item["editor"] = editors

    if entry.title:
        item["title"] = clean(entry.title)
    issued = issued_parts(entry)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    accessed = parse_date(entry.get("urldate"))
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    url = entry_url(entry)
    if url:
        item["URL"] = url

    container = text("journal") or text("journaltitle") or text("booktitle")
    publisher = text("publisher") or text("institution") or text("school") or text("organization")

    if ctype in ("legislation", "legal_case"):
        container = container or how
    elif ctype == "treaty":
        # Styles disagree on where a treaty's source goes (APA/Chicago/Harvard: the container;
        # OSCOLA: the genre), so the free-text publication details go in both.
        if how:
            container = container or how
            item["genre"] = how
    elif ctype in ("webpage", "article-newspaper"):
        container = container or how or text("organization")
        publisher = "" if container == publisher else publisher
    elif ctype == "report" and entry.kind == "press-release":
        item["genre"] = how or "Press release"
    elif how and not publisher:
        publisher = how
    elif how and ctype in ("report", "document", "dataset"):
        item["note"] = how

    if container:
        item["container-title"] = container
    if publisher:
        item["publisher"] = publisher
    place = text("address") or text("location")
    if place:
        item["publisher-place"] = place

    if entry.get("type") and "genre" not in item:
        item["genre"] = text("type")
    elif ctype == "thesis" and "genre" not in item:
        item["genre"] = "PhD thesis" if entry.type.lower() == "phdthesis" else "Master's thesis"

    for bib_name, csl_name in (("volume", "volume"), ("edition", "edition"), ("series", "collection-title"),
                               ("chapter", "chapter-number"), ("doi", "DOI"), ("isbn", "ISBN"),
                               ("issn", "ISSN"), ("langid", "language"), ("language", "language")):
        if entry.get(bib_name) and csl_name not in item:
            item[csl_name] = text(bib_name)
    if entry.get("number"):
        item["issue" if ctype in ("article-journal", "article-newspaper", "article-magazine") else "number"] = text("number")
    if entry.get("pages"):
        item["page"] = text("pages")  # to_text already turned `--` into an en dash
    return item


def to_csl_items(entries) -> list[dict]:
    return [to_csl(e) for e in entries]
