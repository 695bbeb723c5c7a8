"""Ranked full-text search over entries and notes.

`search_library(library, query)` returns one `Hit` per matching key (entry, note, or both),
best first. Every query term must occur somewhere in the entry or its note (AND), matched at
the start of a word, case- and accent-insensitively ("traffick" finds "trafficking"); a
"quoted phrase" is one term. The score adds, per term, the weight of each field it occurs in
(title and key weigh most, note body least), scaled by how rare the term is in the library,
plus a bonus when the whole query occurs as a phrase in the title. `list --text` reuses this.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

WEIGHTS = {"key": 4.0, "title": 5.0, "author": 4.0, "editor": 3.0, "keywords": 3.0, "venue": 2.0,
           "discrepancy": 2.0, "year": 2.0, "note-meta": 1.5, "note": 1.0}
OTHER_FIELD = 1.0
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "institution", "publisher", "howpublished", "organization")


@dataclass(frozen=True)
class Match:
    """One line that matched: where it is and what it says."""

    source: str  # "entry" or "note"
    field: str  # BibTeX field name, "note-meta" (front matter) or "note" (body)
    file: str
    line: int
    text: str


@dataclass
class Hit:
    key: str
    score: float
    title: str = ""
    matches: list[Match] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"key": self.key, "score": self.score, "title": self.title,
                "matches": [m.__dict__.copy() for m in self.matches]}


def fold(text: str) -> str:
    """Lower-case, accents removed, whitespace collapsed: the form both sides are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def parse_query(query: str) -> list[str]:
    """Terms of a query: "quoted phrases" and single words, folded; empty terms dropped."""
    terms = [fold(p) for p in re.findall(r'"([^"]+)"', query)]
    rest = re.sub(r'"[^"]*"?', " ", query)
    terms += [fold(w) for w in re.findall(r"[\w'’.\-@/]+", rest)]
    return list(dict.fromkeys(t.strip(".-'’") for t in terms if t.strip(".-'’")))


def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term))


def _entry_fields(entry) -> list[tuple[str, str, int, str]]:
    """(weight class, field name, line, display text) for each field of an entry, and its key."""
    out = [("key", "key", entry.line, entry.key)]
    for name in entry.fields:
        text = entry.text(name) if name not in ("url", "doi", "keywords") else entry.get(name)
        if name in ("author", "editor"):
            text = "; ".join(n.display for n in (entry.authors if name == "author" else entry.editors)) or text
        weight = name if name in WEIGHTS else ("venue" if name in _VENUE_FIELDS else "other")
        out.append((weight, name, entry.line_of(name), text))
    return out


def search_library(library, query: str, limit: int | None = None) -> list[Hit]:
    """Hits for `query`, best first (ties by key); at most `limit` when given."""
    terms = parse_query(query)
    if not terms:
        return []
    patterns = [_pattern(t) for t in terms]
    keys = list(dict.fromkeys([*library.entries, *library.notes]))
    candidates = []
    doc_freq = dict.fromkeys(terms, 0)
    for key in keys:
        entry, note = library.get(key), library.note(key)
        parts = _entry_fields(entry) if entry else []
        if note is not None:
            parts += [("note-meta" if n < note.body_line else "note", "note", n, line) for n, line in note.text_lines()]
        blob = fold(" \x00 ".join(text for _, _, _, text in parts))
        present = [p.search(blob) is not None for p in patterns]
        for term, hit in zip(terms, present):
            doc_freq[term] += hit
        if all(present):
            candidates.append((key, entry, note, parts, [fold(text) for _, _, _, text in parts]))
    total = max(len(keys), 1)
    idf = {t: 1.0 + math.log((total + 1) / (doc_freq[t] + 1)) for t in terms}
    phrase = _pattern(" ".join(terms)) if len(terms) > 1 else None
    hits = []
    for key, entry, note, parts, folded in candidates:
        score = 0.0
        matches: list[Match] = []
        for (weight_class, name, line, text), low in zip(parts, folded):
            found = [t for t, p in zip(terms, patterns) if p.search(low)]
            if not found:
                continue
            weight = WEIGHTS.get(weight_class, OTHER_FIELD)
            score += sum(weight * idf[t] for t in found) * (1.0 + 0.25 * (len(found) - 1))
            source = "note" if weight_class in ("note", "note-meta") else "entry"
            file = note.path if source == "note" else entry.file
            matches.append(Match(source, weight_class if source == "note" else name, file, line,
                                 " ".join(text.split())))
        if phrase and entry is not None and phrase.search(fold(entry.title)):
            score += 10.0
        title = entry.title if entry else str(note.meta.get("title") or "") if note else ""
        # Lines that match the most terms first, then entry before note, then file order.
        matches.sort(key=lambda m: (-sum(1 for p in patterns if p.search(fold(m.text))), m.source != "entry", m.line))
        hits.append(Hit(key, round(score, 2), title, matches))
    hits.sort(key=lambda h: (-h.score, h.key))
    return hits[:limit] if limit else hits


def matching_keys(library, query: str) -> set[str]:
    """The keys `query` finds (for filters that only need membership)."""
    return {hit.key for hit in search_library(library, query)}
