"""Compare library entries with the registries' records, and give each a plain verdict.

Verdicts, most serious first:
- `doi-other-work`: the entry's DOI is registered to a different work (a real DOI attached
  to the wrong title is the commonest pattern of fabricated references);
- `retracted` / `corrected`: the registry holds a retraction or correction notice for it;
- `differs`: the same work, but fields disagree (each difference with both values);
- `verified`: the record agrees;
- `not-found`: no registry record. Never "fake": grey literature (NGO and agency reports)
  is mostly absent from Crossref, so the library's own verification state speaks for it;
- `not-checkable`: nothing to look up by (no DOI or ISBN, and a kind of work — report,
  law, web page — that the registries do not hold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.online.fetch import Fetcher
from litcheck.online.records import Record
from litcheck.online.resolvers import as_doi, as_isbn, by_doi, crossref_search, fit, openlibrary_isbn, title_similarity

VERDICTS = ("doi-other-work", "retracted", "corrected", "differs", "verified", "not-found", "not-checkable")
SEARCHABLE_TYPES = {"article", "inproceedings", "incollection", "inbook", "book"}
SAME_TITLE = 0.85  # token-sort similarity above which two titles name the same work
CONFIDENT = 0.85  # fit of a title search hit to accept it as the entry's work


@dataclass
class Difference:
    field: str
    library: str
    registry: str


@dataclass
class Verdict:
    key: str
    verdict: str
    source: str = ""  # which registry answered
    differences: list[Difference] = field(default_factory=list)
    message: str = ""
    record: Record | None = None


def verify_entry(entry, fetcher: Fetcher) -> Verdict:
    doi = as_doi(entry.get("doi")) if entry.get("doi").strip() else None
    isbn = next(filter(None, (as_isbn(part) for part in re.split(r"[,;]\s*", entry.get("isbn")))), None)
    if doi:
        record = by_doi(fetcher, doi)
        if record is None:
            return Verdict(entry.key, "not-found", message=f"DOI {doi} is not registered with Crossref or OpenAlex")
        if title_similarity(entry.title, record.title) < SAME_TITLE:
            return Verdict(entry.key, "doi-other-work", record.source, record=record,
                           message=f"DOI {doi} is registered to another work: {record.title!r} ({record.year})")
        return _compared(entry, record)
    if isbn:
        record = openlibrary_isbn(fetcher, isbn)
        if record is None:
            return Verdict(entry.key, "not-found", message=f"ISBN {isbn} is not in Open Library")
        return _compared(entry, record)
    if entry.type.lower() not in SEARCHABLE_TYPES or not entry.title:
        return Verdict(entry.key, "not-checkable",
                       message=f"no DOI or ISBN, and registries do not hold {entry.type} works of this kind")
    first = entry.creators[0].family or entry.creators[0].literal if entry.creators else ""
    hits = sorted(((fit(r, entry.title, first, entry.year), r) for r in
                   crossref_search(fetcher, entry.title, first, entry.year)), key=lambda pair: -pair[0])
    if not hits or hits[0][0] < CONFIDENT:
        return Verdict(entry.key, "not-found", message="no confident match in Crossref for its title, author and year")
    return _compared(entry, hits[0][1])


def _compared(entry, record: Record) -> Verdict:
    differences = differences_between(entry, record)
    if record.retracted:
        verdict = "retracted"
    elif any(u.kind in ("correction", "erratum", "corrigendum") for u in record.updates):
        verdict = "corrected"
    else:
        verdict = "differs" if differences else "verified"
    notices = "; ".join(f"{u.kind} {u.doi} ({u.date})".strip() for u in record.updates)
    return Verdict(entry.key, verdict, record.source, differences, message=notices, record=record)


@dataclass
class Cited:
    """What a library entry or a citation states about a work ("" or None: not stated)."""
    title: str = ""
    year: int | None = None
    author: str = ""  # the first author's family name (or an organisation's name)
    venue: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""


def differences_between(entry, record: Record) -> list[Difference]:
    """The fields in which the entry and the record disagree (only fields both have)."""
    families = [n.family or n.literal for n in entry.creators]
    venue = entry.text("journal") or entry.text("journaltitle") or entry.text("booktitle")
    return compare(Cited(entry.title, entry.year, families[0] if families else "", venue,
                         entry.text("volume"), entry.text("number"), entry.text("pages")), record)


def compare(cited: Cited, record: Record) -> list[Difference]:
    """The fields in which `cited` and the record disagree, each with both values (only fields
    both give). A year is right when it is any year the registry dates the work (a paper
    online in 2020 and in print in 2021 may be cited with either); a venue may be abbreviated
    ("J. Adolesc. Health"); "1655-64" is the range 1655-1664."""
    from litcheck.library.latex import fold
    from litcheck.scan.resolve.scoring import venues_agree

    found = []
    if cited.title and record.title and title_similarity(cited.title, record.title) < 0.97:
        found.append(Difference("title", cited.title, record.title))
    if cited.year and record.year and cited.year not in (record.years or [record.year]):
        found.append(Difference("year", str(cited.year), str(record.year)))
    if cited.author and record.families and fold(cited.author) != fold(record.families[0]):
        found.append(Difference("author", cited.author, record.families[0]))
    venues = [re.sub(r"\([^()]*\)", " ", v).strip() for v in (cited.venue, record.venue)]  # "Criminology (Beverly Hills)"
    if all(venues) and not venues_agree(*venues) and title_similarity(*venues) < 0.8:
        found.append(Difference("journal", cited.venue, record.venue))
    for name, ours, theirs in (("volume", cited.volume, record.volume), ("number", cited.number, record.issue)):
        if ours and theirs and ours.strip().lower() != theirs.strip().lower():
            found.append(Difference(name, ours, theirs))
    if cited.pages and record.pages and not same_pages(cited.pages, record.pages):
        found.append(Difference("pages", cited.pages, record.pages))
    return found


def same_pages(a: str, b: str) -> bool:
    """Two page ranges agree: the same first page, and last pages equal or one abbreviating
    the other ("1655-64" and "1655-1664"); a single page agrees with a range it starts."""
    (first_a, *last_a), (first_b, *last_b) = (re.split(r"\s*[-\u2013\u2014]+\s*", x.strip().lower(), maxsplit=1)
                                              for x in (a, b))
    if first_a != first_b:
        return False
    if not last_a or not last_b:
        return True
    short, long_ = sorted((last_a[0], last_b[0]), key=len)
    return long_.endswith(short)


CORRECTABLE = {"title", "year", "volume", "number", "pages", "journal"}


def corrections(verdict: Verdict, fields: set[str]) -> dict[str, str]:
    """The registry's values for the chosen fields where they differ (for `verify --fix`)."""
    return {d.field: d.registry for d in verdict.differences if d.field in fields & CORRECTABLE}
