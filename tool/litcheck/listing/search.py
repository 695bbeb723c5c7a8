"""Ranked full-text search over entries and notes.

`search_library(library, query)` returns one `Hit` per matching key (entry, note, or both),
best first. Every query term must occur somewhere in the entry or its note (AND), matched at
the start of a word, case- and accent-insensitively ("traffick" finds "trafficking"); a
"quoted phrase" is one term. Matching and ranking run on the library's SQLite FTS5 index
(`index.fulltext`): bm25, with each field weighted by `WEIGHTS` (title, key and author weigh
most, note body least), so a rare term counts more than a common one and many mentions in a
long note count less than one in a title. `list --text` reuses this.

Only the hits actually shown find their matching lines (`Hit.matches`), by matching the terms
against their fields with LaTeX markup stripped by a regular expression; only those lines are
decoded for display (pylatexenc would make decoding every entry slow).
"""

from __future__ import annotations

import re

from litcheck.library.latex import fold, quick_fold

# bm25 weights per field. bm25 saturates a term's (weighted) frequency, so many mentions add
# little; the note weights are kept well below one so that a note naming an author thirty
# times still ranks below the work that author wrote.
WEIGHTS = {"key": 4.0, "title": 5.0, "author": 4.0, "editor": 3.0, "keywords": 3.0, "venue": 2.0,
           "discrepancy": 2.0, "year": 2.0, "note-meta": 0.5, "note": 0.2}
OTHER_FIELD = 1.0
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "institution", "publisher", "howpublished", "organization")
_VERBATIM_FIELDS = ("url", "doi", "keywords", "file", "eprint")


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

    def head(self, width: int) -> str:
        """The text, cut to `width` characters with "…" when longer (a line of the text output).
        Of a long author list only the names that fill the line are parsed: a work with
        hundreds of authors took milliseconds to show."""
        if self._text is None and self.field in ("author", "editor"):
            from litcheck.library.names import first_names

            shown = ""
            for name in first_names(self._entry.get(self.field)):
                shown = f"{shown}; {name.display}" if shown else name.display
                line = " ".join(shown.split())  # the start of `text`, whatever follows
                if len(line) > width:
                    return line[:width - 1] + "…"
        text = self.text
        return text if len(text) <= width else text[:width - 1] + "…"

    def as_dict(self) -> dict:
        return {"source": self.source, "field": self.field, "file": self.file, "line": self.line, "text": self.text}

    def __repr__(self) -> str:
        return f"Match({self.source!r}, {self.field!r}, {self.file!r}, {self.line})"


class Hit:
    """A key that matched, its score, and its matching fields and lines (best first, found on
    first read: only the hits shown need them)."""

    __slots__ = ("key", "score", "_matches", "_terms", "_entry", "_note")

    def __init__(self, key: str, score: float, terms: list[str], entry=None, note=None):
        self.key, self.score, self._terms, self._entry, self._note = key, score, terms, entry, note
        self._matches = None

    @property
    def matches(self) -> list[Match]:
        if self._matches is None:
            self._matches = _matches(self._entry, self._note, self._terms)
        return self._matches

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
    return search_page(library, query, limit)[0]


def search_page(library, query: str, limit: int | None = None, progress=None) -> tuple[list[Hit], int]:
    """The first `limit` hits for `query` (all when None), and how many keys match in all.

    The matching keys and their ranking come from the library's full-text index
    (`index.fulltext`: SQLite FTS5, bm25 with the field weights above); a hit's matching lines
    are found afterwards, for the hits that are shown. `progress` wraps the first build of the
    index (a progress bar on a terminal)."""
    terms = parse_query(query)
    rows, total = _ranked(library, terms, limit, progress)
    return [Hit(key, _shown(score), terms, library.get(key), library.note(key)) for key, score in rows], total


def search_scores(library, query: str) -> dict[str, float]:
    """key -> score of every key matching `query`, best first, as `search_page` ranks and shows
    them; no entry is read (`list --text` selects and sorts by these)."""
    return {key: _shown(score) for key, score in _ranked(library, parse_query(query), None)[0]}


def _ranked(library, terms: list[str], limit: int | None, progress=None) -> tuple[list, int]:
    from litcheck.index.fulltext import column_weights, folded_rows, open_index, ranked

    if not terms:
        return [], 0
    weights = column_weights(WEIGHTS, OTHER_FIELD)
    conn = open_index(library, _weight_class, weights, progress)
    try:
        return ranked(conn, terms, weights, limit, lambda keys: folded_rows(library, _weight_class, keys))
    finally:
        conn.close()


def _shown(score: float) -> float:
    """bm25 scores are small when every term is common (FTS5 then gives a term almost no
    weight); keep three significant digits rather than rounding them all to 0."""
    return float(f"{score:.3g}")


def _matches(entry, note, terms: list[str]) -> list[Match]:
    """The fields and note lines holding a query term: lines with the most terms first, then
    the weightiest field, then file order."""
    patterns = [_pattern(t) for t in terms]
    matches: list[Match] = []
    for weight_class, name, file, line, folded, display in _units(entry, note):
        found = sum(1 for p in patterns if p.search(folded))
        if found:
            source = "note" if weight_class in ("note", "note-meta") else "entry"
            matches.append(Match(source, name, file, line, found, display, entry, WEIGHTS.get(weight_class, OTHER_FIELD)))
    matches.sort(key=lambda m: (-m.terms, -m.weight, m.source != "entry", m.line))
    return matches


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
            out.append(f"    {path}:{m.line}: {m.head(110)}")
    more = f" (showing {len(hits)})" if total > len(hits) else ""
    out.append(f"\n{total} match{'es' if total != 1 else ''}{more}")
    return "\n".join(out) + "\n"
