"""Look a work up by DOI, ISBN or title words, and score how well a record fits a citation.

One small interface over three registries: Crossref (DOI; bibliographic query), OpenAlex
(DOI; title search; open, no key) and Open Library (ISBN). Each returns `Record`s."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from litcheck.online.fetch import Fetcher
from litcheck.online.records import Record, from_crossref, from_openalex, from_openlibrary, record_draft

DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)


@dataclass
class Candidate:
    record: Record
    score: float  # 0..1: how well the record fits what was asked


def as_doi(text: str) -> str | None:
    match = DOI.match(text.strip())
    return match.group(1).lower() if match else None


def as_isbn(text: str) -> str | None:
    from litcheck.checks.entries import isbn_valid

    digits = re.sub(r"[\s-]", "", text.strip()).upper()
    if digits.startswith("ISBN"):
        digits = digits[4:].lstrip(":")
    return digits if isbn_valid(digits) else None


def crossref_doi(fetcher: Fetcher, doi: str) -> Record | None:
    data = fetcher.get_json(f"{fetcher.settings.crossref}/works/{quote(doi, safe='/')}")
    return from_crossref(data["message"]) if data and "message" in data else None


def crossref_search(fetcher: Fetcher, title: str, author: str = "", year: int | None = None, rows: int = 5) -> list[Record]:
    params = {"query.bibliographic": " ".join(filter(None, [title, str(year or "")])), "rows": rows}
    if author:
        params["query.author"] = author
    data = fetcher.get_json(f"{fetcher.settings.crossref}/works", params)
    return [from_crossref(item) for item in ((data or {}).get("message") or {}).get("items", [])]


def openalex_doi(fetcher: Fetcher, doi: str) -> Record | None:
    data = fetcher.get_json(f"{fetcher.settings.openalex}/works/https://doi.org/{quote(doi, safe='/')}")
    return from_openalex(data) if data else None


def openalex_search(fetcher: Fetcher, title: str, rows: int = 5) -> list[Record]:
    data = fetcher.get_json(f"{fetcher.settings.openalex}/works", {"search": title, "per-page": rows})
    return [from_openalex(work) for work in (data or {}).get("results", [])]


def openlibrary_isbn(fetcher: Fetcher, isbn: str) -> Record | None:
    data = fetcher.get_json(f"{fetcher.settings.openlibrary}/api/books",
                            {"bibkeys": f"ISBN:{isbn}", "jscmd": "data", "format": "json"})
    book = (data or {}).get(f"ISBN:{isbn}")
    return from_openlibrary(book) if book else None


def by_doi(fetcher: Fetcher, doi: str) -> Record | None:
    """Crossref first (it holds the publishers' own metadata and update notices), OpenAlex
    for DOIs from other agencies (DataCite and the like)."""
    return crossref_doi(fetcher, doi) or openalex_doi(fetcher, doi)


def title_similarity(a: str, b: str) -> float:
    """Token-sort similarity of two titles after folding case, accents and LaTeX, 0..1."""
    from rapidfuzz import fuzz

    from litcheck.library.latex import fold

    return fuzz.token_sort_ratio(fold(a), fold(b)) / 100


def fit(record: Record, title: str, author: str = "", year: int | None = None) -> float:
    """How well `record` fits a citation, 0..1: the title weighs most, then the first author
    and the year; a part the citation does not give is left out of the average."""
    from litcheck.library.latex import fold

    parts = [(0.7, title_similarity(title, record.title))]
    if author:
        wanted = fold(author).split()
        parts.append((0.15, float(any(fold(family) in wanted for family in record.families))))
    if year and record.year:
        parts.append((0.15, 1.0 if year == record.year else 0.5 if abs(year - record.year) == 1 else 0.0))
    return round(sum(w * v for w, v in parts) / sum(w for w, _ in parts), 3)


def lookup(fetcher: Fetcher, query: str, limit: int = 5) -> list[Candidate]:
    """Candidates for a DOI, an ISBN or title words, best first."""
    if doi := as_doi(query):
        record = by_doi(fetcher, doi)
        return [Candidate(record, 1.0)] if record else []
    if isbn := as_isbn(query):
        record = openlibrary_isbn(fetcher, isbn)
        return [Candidate(record, 1.0)] if record else []
    records = crossref_search(fetcher, query, rows=limit) + openalex_search(fetcher, query, rows=limit)
    best: dict[str, Candidate] = {}
    for record in records:
        candidate = Candidate(record, fit(record, query))
        key = record.doi or f"{record.source}:{record.title.lower()}"
        if key not in best or candidate.score > best[key].score:
            best[key] = candidate
    return sorted(best.values(), key=lambda c: -c.score)[:limit]


def registry_bibtex(fetcher, doi: str | None = None, isbn: str | None = None) -> tuple[str, str]:
    """BibTeX text (no key: `add` generates one) for the registry's record of a DOI or ISBN,
    and where it came from; a LitcheckError when the identifier is malformed or unknown."""
    from litcheck.editing.bibwrite import format_draft
    from litcheck.errors import LitcheckError

    if doi is not None:
        wanted = as_doi(doi)
        if wanted is None:
            raise LitcheckError(f"--doi {doi!r} is not a DOI (10.NNNN/...)")
        record, origin = by_doi(fetcher, wanted), f"the registry record of doi:{wanted}"
    else:
        wanted = as_isbn(isbn or "")
        if wanted is None:
            raise LitcheckError(f"--isbn {isbn!r} is not a valid ISBN-10 or ISBN-13")
        record, origin = openlibrary_isbn(fetcher, wanted), f"the Open Library record of isbn:{wanted}"
    if record is None:
        raise LitcheckError(f"no record found for {origin.split(' of ')[-1]}")
    return format_draft(record_draft(record), ""), origin
