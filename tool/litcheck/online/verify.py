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


def differences_between(entry, record: Record) -> list[Difference]:
    """The fields in which the entry and the record disagree (only fields both have)."""
    from litcheck.library.latex import fold

    found = []
    if title_similarity(entry.title, record.title) < 0.97:
        found.append(Difference("title", entry.title, record.title))
    if entry.year and record.year and entry.year != record.year:
        found.append(Difference("year", str(entry.year), str(record.year)))
    families = [n.family or n.literal for n in entry.creators]
    if families and record.families and fold(families[0]) != fold(record.families[0]):
        found.append(Difference("author", families[0], record.families[0]))
    venue = entry.text("journal") or entry.text("journaltitle") or entry.text("booktitle")
    if venue and record.venue and title_similarity(venue, record.venue) < 0.8:
        found.append(Difference("journal", venue, record.venue))
    for name, theirs in (("volume", record.volume), ("number", record.issue), ("pages", record.pages)):
        ours = entry.text(name)
        if ours and theirs and _norm_range(ours) != _norm_range(theirs):
            found.append(Difference(name, ours, theirs))
    return found


def _norm_range(text: str) -> str:
    return re.sub(r"\s*[-\u2013\u2014]+\s*", "-", text.strip().lower())


CORRECTABLE = {"title", "year", "volume", "number", "pages", "journal"}


def corrections(verdict: Verdict, fields: set[str]) -> dict[str, str]:
    """The registry's values for the chosen fields where they differ (for `verify --fix`)."""
    return {d.field: d.registry for d in verdict.differences if d.field in fields & CORRECTABLE}
