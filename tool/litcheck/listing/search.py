"""Ranked full-text search over entries and notes.

`search_library(library, query)` returns one `Hit` per matching key (entry, note, or both),
best first. Every query term must occur somewhere in the entry or its note (AND), matched at
the start of a word, case- and accent-insensitively ("traffick" finds "trafficking"); a
"quoted phrase" is one term. The score adds, per term, the weight of the best field it occurs
in (title and key weigh most, note body least) plus a little for each further occurrence,
scaled by how rare the term is in the library; a field holding several terms, and the whole
query as a phrase in the title, add a bonus. `list --text` reuses this.

Speed: matching runs on the raw field values with LaTeX markup stripped by a regular
expression (M{\\"u}ller reads muller), never on fully decoded text: decoding (pylatexenc) is
what would make a search of a 100,000-entry library slow. Only the lines actually shown
(`Match.text`, `Hit.title`) are decoded, when first read.
"""

from __future__ import annotations

import math
import re

from litcheck.library.latex import fold, quick_fold

WEIGHTS = {"key": 4.0, "title": 5.0, "author": 4.0, "editor": 3.0, "keywords": 3.0, "venue": 2.0,
           "discrepancy": 2.0, "year": 2.0, "note-meta": 1.5, "note": 1.0}
OTHER_FIELD = 1.0
PHRASE_IN_TITLE = 10.0
REPEAT, MAX_REPEATS = 0.2, 10  # what each further occurrence of a term adds, and how many count
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "institution", "publisher", "howpublished", "organization")
_VERBATIM_FIELDS = ("url", "doi", "keywords", "file", "eprint")

_SEP = " \x00 "  # between fields: no term or phrase can match across it


class Match:
    """One field or note line that matched: where it is, and (decoded on first read) its text."""

    __slots__ = ("source", "field", "file", "line", "terms", "weight", "_text", "_entry")

    def __init__(self, source: str, field: str, file: str, line: int, terms: int, text: str | None = None,
                 entry=None, weight: float = OTHER_FIELD):
        self.source = source  # "entry" or "note"
        self.field = field  # BibTeX field name, "key", "note-meta" (front matter) or "note" (body)
        self.file = file
        self.line = line
        self.terms = terms  # how many query terms it holds
        self.weight = weight  # how much a match in this field counts
        self._text = text
        self._entry = entry

    @property
    def text(self) -> str:
        if self._text is None:
            entry, name = self._entry, self.field
            if name == "key":
                value = entry.key
            elif name in ("author", "editor"):
                value = "; ".join(n.display for n in (entry.authors if name == "author" else entry.editors))
            elif name in _VERBATIM_FIELDS:
                value = entry.get(name)
            else:
                value = entry.text(name)
            self._text = " ".join(value.split())
        return self._text

    def as_dict(self) -> dict:
        return {"source": self.source, "field": self.field, "file": self.file, "line": self.line, "text": self.text}

    def __repr__(self) -> str:
        return f"Match({self.source!r}, {self.field!r}, {self.file!r}, {self.line})"


class Hit:
    """A key that matched, its score, and its matching fields and lines (best first)."""

    __slots__ = ("key", "score", "matches", "_entry", "_note")

    def __init__(self, key: str, score: float, matches: list[Match], entry=None, note=None):
        self.key, self.score, self.matches, self._entry, self._note = key, score, matches, entry, note

    @property
    def title(self) -> str:
        if self._entry is not None:
            return self._entry.title
        return str(self._note.meta.get("title") or "") if self._note is not None else ""

    def as_dict(self) -> dict:
        return {"key": self.key, "score": self.score, "title": self.title,
                "matches": [m.as_dict() for m in self.matches]}

    def __repr__(self) -> str:
        return f"Hit({self.key!r}, {self.score})"


def parse_query(query: str) -> list[str]:
    """Terms of a query: "quoted phrases" and single words, folded; empty terms dropped."""
    terms = [fold(p) for p in re.findall(r'"([^"]+)"', query)]
    rest = re.sub(r'"[^"]*"?', " ", query)
    terms += [fold(w) for w in re.findall(r"[\w'’.\-@/]+", rest)]
    return list(dict.fromkeys(t.strip(".-'’") for t in terms if t.strip(".-'’")))


def _pattern(term: str) -> re.Pattern:
    """`term` at the start of a word; the words of a phrase may be separated by any whitespace."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in term.split()))


def _weight_class(name: str) -> str:
    if name in WEIGHTS:
        return name
    return "venue" if name in _VENUE_FIELDS else "other"


def _units(entry, note) -> list[tuple[str, str, str, int, str, object]]:
    """(weight class, field, file, line, folded text, display text or None) of an entry and note."""
    units = []
    if entry is not None:
        units.append(("key", "key", entry.file, entry.line, entry.key.lower(), entry.key))
        units += [(_weight_class(name), name, entry.file, entry.line_of(name), quick_fold(value), None)
                  for name, value in entry.fields.items()]
    if note is not None:
        units += [("note-meta" if n < note.body_line else "note", "note-meta" if n < note.body_line else "note",
                   note.path, n, fold(line), " ".join(line.split())) for n, line in note.text_lines() if line.strip()]
    return units


def search_library(library, query: str, limit: int | None = None) -> list[Hit]:
    """Hits for `query`, best first (ties by key); at most `limit` when given."""
    terms = parse_query(query)
    if not terms:
        return []
    patterns = [_pattern(t) for t in terms]
    keys = list(dict.fromkeys([*library.entries, *library.notes]))
    doc_freq = dict.fromkeys(terms, 0)
    candidates = []
    for key in keys:
        entry, note = library.get(key), library.note(key)
        # One fold of all fields joined (the separator survives folding), not one per field.
        quick = quick_fold(_SEP.join([key, *entry.fields.values()])) if entry else ""
        if note is not None:
            quick += _SEP + fold(_SEP.join(line for _, line in note.text_lines()))
        present = [all(w in quick for w in t.split()) and p.search(quick) is not None for t, p in zip(terms, patterns)]
        for term, found in zip(terms, present):
            doc_freq[term] += found
        if all(present):
            candidates.append((key, entry, note))
    total = max(len(keys), 1)
    idf = {t: 1.0 + math.log((total + 1) / (doc_freq[t] + 1)) for t in terms}
    phrase = _pattern(" ".join(terms)) if len(terms) > 1 else None
    hits = []
    for key, entry, note in candidates:
        weights: dict[str, list[float]] = {t: [] for t in terms}
        together = 0.0  # bonus for one field or line holding several terms
        title_phrase = False
        matches: list[Match] = []
        for weight_class, name, file, line, folded, display in _units(entry, note):
            found = [t for t, p in zip(terms, patterns) if p.search(folded)]
            if not found:
                continue
            weight = WEIGHTS.get(weight_class, OTHER_FIELD)
            for t in found:
                weights[t].append(weight)
            together = max(together, weight * 0.5 * (len(found) - 1))
            title_phrase = title_phrase or bool(phrase and name == "title" and phrase.search(folded))
            source = "note" if weight_class in ("note", "note-meta") else "entry"
            matches.append(Match(source, name, file, line, len(found), display, entry, weight))
        # Per term: its best field counts in full, further occurrences a little (capped), so
        # a long note that mentions a name often does not outrank the work that name wrote.
        score = sum(idf[t] * (max(w) + REPEAT * min(len(w) - 1, MAX_REPEATS)) for t, w in weights.items() if w)
        score += together + (PHRASE_IN_TITLE if title_phrase else 0.0)
        # Lines holding the most terms first, then the weightiest field, then file order.
        matches.sort(key=lambda m: (-m.terms, -m.weight, m.source != "entry", m.line))
        hits.append(Hit(key, round(score, 2), matches, entry, note))
    hits.sort(key=lambda h: (-h.score, h.key))
    return hits[:limit] if limit else hits


def render_hits(hits, total: int, max_lines: int) -> str:
    """Each hit's key, score and title, then its first `max_lines` matching lines (paths relative
    to the working directory when inside it), then the total."""
    import os

    import click

    if not hits:
        return "no matches\n"
    cwd = os.getcwd()
    out = []
    for hit in hits:
        out.append(click.style(hit.key, bold=True) + f"  {hit.score:g}  {hit.title}".rstrip())
        for m in hit.matches[:max_lines]:
            path = m.file
            if path and os.path.isabs(path) and not os.path.relpath(path, cwd).startswith(".."):
                path = os.path.relpath(path, cwd)
            text = m.text if len(m.text) <= 110 else m.text[:109] + "…"
            out.append(f"    {path}:{m.line}: {text}")
    more = f" (showing {len(hits)})" if total > len(hits) else ""
    out.append(f"\n{total} match{'es' if total != 1 else ''}{more}")
    return "\n".join(out) + "\n"
