"""Reading other tools' exports (RIS, CSL-JSON) into new entries for `litcheck import`.

Both readers reduce a record to the same plain-text pieces (`_Record`) and share one mapping to
BibTeX (`_draft`), so an entry looks the same whichever tool it came from, and exporting an entry
with `litcheck list --format ris|csl-json` and importing it again keeps its type, names, title,
date and identifiers. Values stay plain text until `_draft` escapes them, exactly once.

A source's keywords and notes are dropped on purpose: `keywords` here is a controlled
vocabulary (a tool's free tags would only turn into vocabulary errors), and `note` holds the
library's own remarks about a work, not another tool's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from litcheck.library.bibfile import decode_bytes
from litcheck.editing.bibwrite import MONTH_MACROS, Draft, escape_latex
from litcheck.library.duplicates import DOI_RESOLVER

# RIS TY -> BibTeX type: the inverse of render/ris.py `_BY_TYPE`, restricted to types that classic
# BibTeX and Biber both know. Newspaper and magazine pieces are @article (the paper's name in
# `journal`), which is how BibTeX styles cite them. Web pages (ELEC), statutes, cases, data and
# anything unlisted are @misc: @online is Biber-only.
_RIS_TYPES = {"JOUR": "article", "EJOUR": "article", "NEWS": "article", "MGZN": "article",
              "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "incollection",
              "ECHAP": "incollection", "CPAPER": "inproceedings", "CONF": "proceedings",
              "RPRT": "techreport", "THES": "phdthesis", "UNPB": "unpublished", "PAMP": "booklet"}
# RIS TY -> source kind, only where the type alone says it. LEGAL is left out: the RIS standard
# means a regulation by it, while our own export writes treaties as LEGAL.
_RIS_KINDS = {"STAT": "law", "CASE": "court-decision", "NEWS": "news", "DATA": "dataset",
              "ELEC": "web-article", "WEB": "web-article", "BLOG": "web-article"}
# CSL type -> BibTeX type, the inverse of csl.py `_BY_ENTRY_TYPE`; unlisted types are @misc.
_CSL_TYPES = {"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
              "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
              "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished", "pamphlet": "booklet"}
# CSL type -> source kind, the inverse of csl.py `_BY_KIND` where that is one-to-one.
_CSL_KINDS = {"legislation": "law", "treaty": "treaty", "legal_case": "court-decision",
              "article-newspaper": "news", "dataset": "dataset", "webpage": "web-article",
              "post-weblog": "web-article"}

# Where a container title and a publisher go, by entry type (default: `series`, `publisher`).
# A journal's publisher is left out: styles do not print it and it is rarely right in exports.
_CONTAINER = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle",
              "misc": "howpublished", "booklet": "howpublished"}
_PUBLISHER = {"article": "", "unpublished": "", "techreport": "institution", "phdthesis": "school",
              "mastersthesis": "school", "misc": "howpublished", "booklet": "howpublished"}

_MASTERS = re.compile(r"master|\bM\.?\s?(?:A|Sc|Phil|Res)\b|\bLL\.?\s?M\b", re.IGNORECASE)
_PRESS_RELEASE = re.compile(r"press release", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_MONTH_NAME = re.compile(r"\b(" + "|".join(MONTH_MACROS) + r")[a-z]*\.?", re.IGNORECASE)
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_STANDARD_NUMBER = re.compile(r"\d[\d-]{6,}[\dXx]")
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_:.+-]*")
_SPLITS_NAME = re.compile(r"\sand\s|,", re.IGNORECASE)  # what BibTeX would read as a name or part boundary
_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  -", re.MULTILINE)


class _Skip(Exception):
    """A record that cannot be imported; the message becomes a problem."""


@dataclass
class _Record:
    """One source record in plain text: `text` holds title, container, publisher, address,
    volume, number, edition, series, pages, genre, doi, url, abstract and `sn` (ISBN/ISSN).
    Names are already BibTeX name text."""

    type: str
    kind: str = ""
    key: str | None = None
    text: dict[str, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    issued: list[int] = field(default_factory=list)
    accessed: list[int] = field(default_factory=list)


def _organisation(name: str) -> str:
    """Braced, so BibTeX never splits it into given and family names or at an inner `and`."""
    return "{" + escape_latex(name) + "}"


def _part(text: str) -> str:
    text = escape_latex(text)
    return "{" + text + "}" if _SPLITS_NAME.search(text) else text


def _person(family: str, given: str = "", particle: str = "", suffix: str = "") -> str:
    """BibTeX's `von Last, Jr, First`; a lone multi-word family name is an organisation."""
    if not (given or particle or suffix) and " " in family.strip():
        return _organisation(family)
    last = " ".join(_part(p) for p in (particle, family) if p.strip())
    return ", ".join(p for p in (last, _part(suffix) if suffix else "", _part(given) if given else "") if p)


def _ris_name(name: str) -> str:
    """RIS writes people `Family, Given[, Suffix]` and organisations with no comma."""
    family, _, rest = name.partition(",")
    if not rest.strip():
        return _organisation(family) if family.strip() else ""
    given, _, suffix = rest.partition(",")
    return _person(family.strip(), given.strip(), suffix=suffix.strip())


def _ris_names(*lists: list[str]) -> list[str]:
    """AU and A1 (A2 and ED) are synonyms; a tool writing both must not double the names."""
    return [n for n in dict.fromkeys(map(_ris_name, (name for names in lists for name in names))) if n]


def _csl_name(name) -> str:
    if not isinstance(name, dict):
        raise _Skip("a name is not a JSON object")
    part = {k: _str(name.get(k)) for k in ("literal", "family", "given", "suffix",
                                            "dropping-particle", "non-dropping-particle")}
    if part["literal"]:
        return _organisation(part["literal"])
    if not part["family"]:  # a one-field name written as `given` only
        return _organisation(part["given"]) if part["given"] else ""
    particle = " ".join(p for p in (part["dropping-particle"], part["non-dropping-particle"]) if p)
    return _person(part["family"], part["given"], particle, part["suffix"])


def _str(value) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _key(value) -> str | None:
    """The source's id as a citation key, if it could be one (not a Zotero URL or a number)."""
    key = _str(value)
    return key if _KEY.fullmatch(key) and ".." not in key else None


def _parse_date(text: str) -> list[int]:
    """`2020/03/15/`, `2020-03`, `15 March 2020`, `2020///` -> [year, month?, day?]."""
    match = _DATE.search(text or "")
    if not match:
        return []
    parts = [int(p) for p in match.groups() if p]
    if len(parts) == 1 and (name := _MONTH_NAME.search(text)):
        parts.append(MONTH_MACROS.index(name.group(1).lower()) + 1)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    return parts if len(parts) < 3 or 1 <= parts[2] <= 31 else parts[:2]


def _csl_date(value) -> list[int]:
    """CSL dates: `date-parts` (first date of a range; parts may be strings), `raw`, `literal`."""
    if isinstance(value, dict):
        parts = value.get("date-parts")
        first = parts[0] if isinstance(parts, list) and parts else None
        if isinstance(first, list) and first and all(_str(p).isdigit() for p in first):
            return _parse_date("-".join(_str(p) for p in first[:3]))
        value = value.get("raw") or value.get("literal")
    return _parse_date(_str(value))


def _pages(text: str) -> str:
    return _DASHES.sub("--", text.strip())


def _standard_numbers(text: str) -> tuple[str, str]:
    """(ISBN, ISSN) found in an SN/ISBN/ISSN value, told apart by length: RIS SN holds either."""
    isbn = issn = ""
    for number in _STANDARD_NUMBER.findall(text):
        digits = number.replace("-", "").upper()
        if len(digits) == 8 and not issn:
            issn = f"{digits[:4]}-{digits[4:]}"
        elif len(digits) in (10, 13) and not isbn:
            isbn = number.upper()
    return isbn, issn


def _draft(rec: _Record, origin: str) -> Draft:
    """The shared mapping to BibTeX fields: where each piece goes depends on the entry type."""
    btype, kind, text = rec.type, rec.kind, rec.text
    genre = text.get("genre", "")
    if _PRESS_RELEASE.search(genre):  # our export writes press releases as GEN/report + genre
        btype, kind = "misc", "press-release"
    elif btype == "phdthesis" and _MASTERS.search(genre):
        btype = "mastersthesis"
    plain = {name: text.get(name, "") for name in ("title", "volume", "number", "edition", "series", "abstract")}
    plain["pages"] = _pages(text.get("pages", ""))
    if btype != "article":
        plain["address"] = text.get("address", "")
    if btype == "techreport":
        plain["type"] = genre
    container_field = _CONTAINER.get(btype, "series")
    publisher_field = _PUBLISHER.get(btype, "publisher")
    for name, value in ((container_field, text.get("container", "")), (publisher_field, text.get("publisher", ""))):
        if not (name and value):
            continue
        if not plain.get(name):
            plain[name] = value
        elif name == "howpublished" and value != plain[name]:  # a web page's site and its owner
            plain[name] += f", {value}"
    if rec.issued:
        plain["year"] = str(rec.issued[0])
        plain["month"] = MONTH_MACROS[rec.issued[1] - 1] if len(rec.issued) > 1 else ""
    plain["urldate"] = "-".join(f"{p:02d}" for p in rec.accessed)
    doi = DOI_RESOLVER.sub("", text.get("doi", "").strip())
    plain["doi"] = doi if _DOI.fullmatch(doi) else ""
    url = text.get("url", "")
    # Zotero repeats the DOI as a resolver link in UR/URL; styles would then print it twice.
    plain["url"] = "" if plain["doi"] and DOI_RESOLVER.sub("", url).lower() == plain["doi"].lower() else url
    plain["isbn"], plain["issn"] = _standard_numbers(text.get("sn", ""))

    fields = {}
    if rec.authors:
        fields["author"] = " and ".join(rec.authors)
    if rec.editors:
        fields["editor"] = " and ".join(rec.editors)
    fields.update({name: escape_latex(value, name) for name, value in plain.items() if value and value.strip()})
    if kind:
        fields["sourcekind"] = kind
    return Draft(btype, rec.key, fields, origin)


def read_ris(text: str, origin: str) -> tuple[list[Draft], list[str]]:
    """RIS text -> drafts, plus a problem message for each record that cannot be used."""
    import rispy

    # Blank lines mean nothing in RIS but make rispy append to (or crash on) the previous tag;
    # a missing final `ER` would make it drop the last record silently.
    text = "\n".join(line for line in text.lstrip("\ufeff").splitlines() if line.strip())
    tags = _RIS_TAG.findall(text)
    if "TY" not in tags:
        raise ValueError(f"{origin}: no RIS records found (no line starts with 'TY  - ')")
    if tags[-1] != "ER":
        text += "\nER  - "
    try:
        records = rispy.loads(text)
    except (KeyError, AttributeError, TypeError) as exc:  # rispy's failures on stray continuation lines
        raise ValueError(f"{origin}: not readable as RIS ({type(exc).__name__} {exc}); "
                         "look for an untagged line right after a 'TY  -' line") from None
    problems = []
    if len(records) != tags.count("TY"):
        problems.append(f"{origin}: {tags.count('TY')} records start with 'TY  -' but {len(records)} "
                        "were read; a record is missing its 'ER  -' line and was merged into another")
    return _drafts(records, _ris_record, origin, problems), problems


def _ris_record(ref: dict) -> _Record:
    def first(*names: str) -> str:
        return next((v.strip() for v in (ref.get(n) for n in names) if isinstance(v, str) and v.strip()), "")

    title = first("title", "primary_title")
    if not title:
        raise _Skip("no title (TI or T1)")
    ty = first("type_of_reference").upper()
    unknown = ref.get("unknown_tag") or {}
    dates = [d for d in map(_parse_date, (first("year"), first("publication_year"), first("date"))) if d]
    issued = dates[0][:1] if dates else []
    month = next((d[1] for d in dates if len(d) > 1 and d[0] == issued[0]), None) if dates else None
    pages = first("start_page")
    if first("end_page") and first("end_page") != pages:
        pages = f"{pages}-{first('end_page')}"
    urls = [u.strip() for u in ref.get("urls", []) if u.strip()]
    return _Record(
        type=_RIS_TYPES.get(ty, "misc"), kind=_RIS_KINDS.get(ty, ""), key=_key(first("id")),
        authors=_ris_names(ref.get("authors", []), ref.get("first_authors", [])),
        editors=_ris_names(ref.get("secondary_authors", []), unknown.get("ED", [])),
        issued=issued + ([month] if month else []), accessed=_parse_date(first("access_date")),
        text={"title": title, "container": first("secondary_title", "journal_name", "alternate_title3"),
              "publisher": first("publisher"), "address": first("place_published"), "volume": first("volume"),
              "number": first("number"), "edition": first("edition"), "series": first("tertiary_title"),
              "pages": pages, "genre": first("type_of_work"), "doi": first("doi"),
              "url": urls[0] if urls else "", "abstract": first("abstract", "notes_abstract"),
              "sn": first("issn")})


def read_csl_json(text: str, origin: str) -> tuple[list[Draft], list[str]]:
    """CSL-JSON (a list of items or one item, as Zotero exports it) -> drafts and problems."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{origin}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    items = [data] if isinstance(data, dict) else data
    if not isinstance(items, list) or not any(isinstance(item, dict) for item in items):
        raise ValueError(f"{origin}: not CSL-JSON (expected an item object or a non-empty list of them)")
    problems: list[str] = []
    return _drafts(items, _csl_record, origin, problems), problems


def _drafts(items: list, to_record, origin: str, problems: list[str]) -> list[Draft]:
    """Draft every item; one that cannot be used becomes a problem naming its record number."""
    drafts = []
    for number, item in enumerate(items, start=1):
        where = f"{origin}, record {number}"
        try:
            drafts.append(_draft(to_record(item), where))
        except _Skip as exc:
            problems.append(f"{where}: {exc}; not imported")
    return drafts


def _csl_record(item) -> _Record:
    if not isinstance(item, dict):
        raise _Skip("not a JSON object")
    title = _str(item.get("title"))
    if not title:
        raise _Skip("no title")
    names = {}
    for role in ("author", "editor"):
        value = item.get(role) or []
        if not isinstance(value, list):
            raise _Skip(f"'{role}' is not a list of names")
        names[role] = [n for n in map(_csl_name, value) if n]
    ctype = _str(item.get("type"))
    return _Record(
        type=_CSL_TYPES.get(ctype, "misc"), kind=_CSL_KINDS.get(ctype, ""), key=_key(item.get("id")),
        authors=names["author"], editors=names["editor"],
        issued=_csl_date(item.get("issued")), accessed=_csl_date(item.get("accessed")),
        text={"title": title, "container": _str(item.get("container-title")), "publisher": _str(item.get("publisher")),
              "address": _str(item.get("publisher-place")), "volume": _str(item.get("volume")),
              "number": _str(item.get("issue")) or _str(item.get("number")), "edition": _str(item.get("edition")),
              "series": _str(item.get("collection-title")), "pages": _str(item.get("page")),
              "genre": _str(item.get("genre")), "doi": _str(item.get("DOI")), "url": _str(item.get("URL")),
              "abstract": _str(item.get("abstract")), "sn": f"{_str(item.get('ISBN'))} {_str(item.get('ISSN'))}"})


def read_export(path: Path | str) -> tuple[list[Draft], list[str]]:
    """Read an export file, choosing the reader by content (a mislabelled EndNote `.txt` is still
    RIS) and, when the first line does not tell, by extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".bib":
        raise ValueError(f"{path}: this is a BibTeX file; use the BibTeX path to import it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror})") from None
    text, problems = decode_bytes(data, str(path))
    if problems:
        raise ValueError(f"{problems[0].location()}: {problems[0].message}")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("@"):
        raise ValueError(f"{path}: looks like BibTeX; use the BibTeX path to import it")
    if first.startswith("TY  -"):
        return read_ris(text, str(path))
    if first[:1] in ("[", "{"):
        return read_csl_json(text, str(path))
    if suffix == ".ris":  # some databases put a header before the first record
        return read_ris(text, str(path))
    if suffix in (".json", ".csljson"):
        return read_csl_json(text, str(path))
    raise ValueError(f"{path}: neither RIS nor CSL-JSON (first line: {first[:60]!r})")
