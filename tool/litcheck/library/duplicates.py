"""Is this the same work as one already in the library?

Used by `add` and `import` (before a work joins the library) and by the `near-duplicate`
check (within the library), so both agree on what counts as the same work:

- the same DOI, or the same ISBN for two whole books (chapters share their book's ISBN) --
  except that a part (chapter, paper, article) with another title or other pages than the
  work holding that DOI is a different part of one book, since publishers often give a
  book's chapters the book's DOI;
- else a title at least 92% alike (word order ignored), the same year, a shared author
  surname when both name authors, and no identifying field (DOI, volume, issue, pages) that
  tells them apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from litcheck.library.latex import quick_fold
from litcheck.library.vocabulary import load_vocabulary

TITLE_CUTOFF = 92
_IDENTIFYING = ("doi", "volume", "number", "pages")
DOI_RESOLVER = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_PARTS = {"incollection", "inbook", "inproceedings", "conference", "article"}


def normal_doi(raw: str) -> str:
    return DOI_RESOLVER.sub("", raw.strip()).lower()


def normal_isbn(raw: str) -> str:
    """ISBN-13 digits (an ISBN-10 is converted), so the two forms of one ISBN compare equal."""
    digits = re.sub(r"[^0-9Xx]", "", raw).upper()
    if len(digits) == 10:
        core = "978" + digits[:9]
        check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(core)) % 10) % 10
        return core + str(check)
    return digits


def normal_title(raw: str) -> str:
    """Title words for comparison, from the raw value (LaTeX stripped, not decoded: fast)."""
    return " ".join(re.findall(r"[a-z0-9]+", quick_fold(raw)))


def surnames(entry) -> set[str]:
    """Family names, and organisations under their vocabulary name (UNODC = United Nations
    Office on Drugs and Crime)."""
    out = set()
    for name in entry.creators:
        if name.literal:
            org = load_vocabulary().canonical_org(name.literal)
            out.add((org.name if org else name.literal).casefold())
        else:
            out.add(name.family.casefold())
    return out


def told_apart(a, b) -> bool:
    """True when a field that identifies a printed item (DOI, volume, issue, pages) differs:
    same-titled items such as a journal's recurring 'Issue Information' are different works."""
    return any(_differs(a, b, f) for f in _IDENTIFYING)


def _differs(a, b, field: str) -> bool:
    """Both give `field` and the values differ beyond punctuation and case."""
    norm = lambda v: re.sub(r"[^0-9a-z]", "", v.lower())
    return bool(a.get(field) and b.get(field) and norm(a.get(field)) != norm(b.get(field)))


def authors_compatible(a, b) -> bool:
    """Both name authors and none is shared: different works. One without authors: maybe."""
    sa, sb = surnames(a), surnames(b)
    return not (sa and sb and not (sa & sb))


@dataclass
class Match:
    entry: object  # the Entry already in the library (or earlier in the same import)
    reason: str


def other_part(a, b) -> bool:
    """True when `a` and `b` share a DOI or ISBN yet are different parts of one book: one of
    them is a part (a chapter, a paper) and their titles are not alike or their pages differ."""
    if a.type not in _PARTS and b.type not in _PARTS:
        return False
    from rapidfuzz import fuzz

    alike = fuzz.token_sort_ratio(normal_title(a.get("title")), normal_title(b.get("title"))) >= TITLE_CUTOFF
    return _differs(a, b, "pages") or not alike


class DuplicateIndex:
    """Entries indexed by DOI, ISBN and year, to match candidate works one by one."""

    def __init__(self, entries=()):
        self.by_doi: dict[str, list] = defaultdict(list)
        self.by_isbn: dict[str, object] = {}
        self.by_year: dict[int | None, list[tuple[str, object]]] = defaultdict(list)
        for entry in entries:
            self.add(entry)

    def add(self, entry) -> None:
        if entry.get("doi"):
            self.by_doi[normal_doi(entry.get("doi"))].append(entry)
        if entry.get("isbn") and entry.type not in _PARTS:
            for part in re.split(r"[,;]\s*", entry.get("isbn")):
                if part.strip():
                    self.by_isbn.setdefault(normal_isbn(part), entry)
        if entry.get("title"):
            self.by_year[entry.year].append((normal_title(entry.get("title")), entry))

    def find(self, entry) -> Match | None:
        """The first existing work `entry` duplicates, with the evidence; None if it is new."""
        doi = normal_doi(entry.get("doi")) if entry.get("doi") else ""
        for other in self.by_doi.get(doi, []) if doi else []:
            if not other_part(entry, other):
                return Match(other, f"same DOI {doi}")
        if entry.get("isbn") and entry.type not in _PARTS:
            for part in re.split(r"[,;]\s*", entry.get("isbn")):
                isbn = normal_isbn(part) if part.strip() else ""
                if isbn and isbn in self.by_isbn:
                    return Match(self.by_isbn[isbn], f"same ISBN {part.strip()}")
        title = normal_title(entry.get("title"))
        candidates = self.by_year.get(entry.year, [])
        if not title or not candidates:
            return None
        from rapidfuzz import fuzz, process

        for _, score, i in process.extract_iter(title, [t for t, _ in candidates], scorer=fuzz.token_sort_ratio,
                                                score_cutoff=TITLE_CUTOFF):
            other = candidates[i][1]
            if authors_compatible(entry, other) and not told_apart(entry, other):
                year = entry.year or "no year"
                return Match(other, f"title {int(score)}% alike, same year ({year}), authors compatible")
        return None
