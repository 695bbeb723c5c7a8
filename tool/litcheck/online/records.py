"""Registry answers -> `Record`: one shape for Crossref, OpenAlex and Open Library works."""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field

_TAG = re.compile(r"<[^<>]{0,200}>")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
RETRACTING = {"retraction", "withdrawal", "removal", "partial_retraction"}


@dataclass
class Update:
    """A notice about the work: a correction, retraction, expression of concern …"""
    kind: str
    doi: str = ""
    date: str = ""


@dataclass
class Record:
    source: str  # crossref | openalex | openlibrary
    title: str = ""
    authors: list[str] = field(default_factory=list)  # "Family, Given" (or an organisation's name)
    year: int | None = None
    years: list[int] = field(default_factory=list)  # every year the registry dates it (print, online, issued)
    venue: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    isbn: list[str] = field(default_factory=list)
    kind: str = ""
    publisher: str = ""
    updates: list[Update] = field(default_factory=list)
    retracted: bool = False

    @property
    def families(self) -> list[str]:
        return [a.split(",")[0].strip() for a in self.authors]

    def as_dict(self) -> dict:
        return asdict(self)


def clean(text) -> str:
    """Registry text as plain text: markup such as <scp> or <i> dropped, entities decoded."""
    return " ".join(html.unescape(_TAG.sub("", str(text or ""))).split())


def inverted(full_name: str) -> str:
    """'John Miedema' -> 'Miedema, John'; registries other than Crossref give display names
    only, and the last word is their best guess at a family name."""
    parts = clean(full_name).split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else " ".join(parts)


def from_crossref(message: dict) -> Record:
    authors = [", ".join(filter(None, [clean(a.get("family")), clean(a.get("given"))])) or clean(a.get("name"))
               for a in message.get("author") or []]
    date = next((message[k] for k in ("published-print", "published-online", "published", "issued")
                 if (message.get(k) or {}).get("date-parts", [[None]])[0][0]), {})
    years = sorted({(message.get(k) or {}).get("date-parts", [[None]])[0][0]
                    for k in ("published-print", "published-online", "published", "issued")} - {None})
    updates = [Update(str(u.get("type", "")).lower(), u.get("DOI", ""),
                      "-".join(f"{part:02d}" for part in (u.get("updated") or {}).get("date-parts", [[]])[0]))
               for u in message.get("updated-by") or []]
    return Record(
        source="crossref", title=clean((message.get("title") or [""])[0]), authors=[a for a in authors if a],
        year=(date.get("date-parts") or [[None]])[0][0], years=years, venue=clean((message.get("container-title") or [""])[0]),
        volume=str(message.get("volume", "")), issue=str(message.get("issue", "")), pages=str(message.get("page", "")),
        doi=str(message.get("DOI", "")).lower(), isbn=list(message.get("ISBN") or []), kind=message.get("type", ""),
        publisher=clean(message.get("publisher", "")), updates=updates,
        retracted=any(u.kind in RETRACTING for u in updates))


def from_openalex(work: dict) -> Record:
    biblio = work.get("biblio") or {}
    first, last = biblio.get("first_page"), biblio.get("last_page")
    pages = f"{first}-{last}" if first and last and first != last else str(first or "")
    source = ((work.get("primary_location") or {}).get("source") or {})
    doi = str(work.get("doi") or "")
    return Record(
        source="openalex", title=clean(work.get("title") or work.get("display_name")),
        authors=[inverted((a.get("author") or {}).get("display_name", "")) for a in work.get("authorships") or []],
        year=work.get("publication_year"), years=[work["publication_year"]] if work.get("publication_year") else [],
        venue=clean(source.get("display_name", "")),
        volume=str(biblio.get("volume") or ""), issue=str(biblio.get("issue") or ""), pages=pages,
        doi=re.sub(r"^https?://(dx\.)?doi\.org/", "", doi).lower(), kind=work.get("type", ""),
        retracted=bool(work.get("is_retracted")),
        updates=[Update("retraction")] if work.get("is_retracted") else [])


def from_openlibrary(book: dict) -> Record:
    identifiers = book.get("identifiers") or {}
    year = _YEAR.search(str(book.get("publish_date", "")))
    return Record(
        source="openlibrary", title=clean(book.get("title")),
        authors=[inverted(a.get("name", "")) for a in book.get("authors") or []],
        year=int(year.group()) if year else None, years=[int(year.group())] if year else [],
        publisher=", ".join(clean(p.get("name", "")) for p in book.get("publishers") or []),
        isbn=[*identifiers.get("isbn_13", []), *identifiers.get("isbn_10", [])], kind="book")


_TYPES = {"journal-article": "article", "article": "article", "book": "book", "monograph": "book",
          "edited-book": "book", "book-chapter": "incollection", "proceedings-article": "inproceedings",
          "report": "techreport", "dissertation": "phdthesis"}


def record_draft(record: Record):
    """A record as a new library entry (`Draft`) for `lookup --format bibtex` and `add --doi`."""
    from litcheck.editing.bibwrite import Draft, escape_latex

    entry_type = _TYPES.get(record.kind, "misc")
    venue_field = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle"}.get(entry_type)
    people = " and ".join(escape_latex(a) if "," in a else "{" + escape_latex(a) + "}" for a in record.authors)
    values = {"title": record.title, "year": str(record.year or ""),
              venue_field or "howpublished": record.venue, "volume": record.volume, "number": record.issue,
              "pages": record.pages.replace("-", "--"), "publisher": record.publisher, "doi": record.doi,
              "isbn": ", ".join(record.isbn[:1])}
    fields = {"author": people} if people else {}
    fields.update({name: escape_latex(value, name) for name, value in values.items() if value})
    return Draft(entry_type, None, fields, origin=f"{record.source} record")

