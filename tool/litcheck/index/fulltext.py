"""The full-text index of a library: an SQLite FTS5 table, built once per library state.

Why SQLite: scoring every entry field by field in Python took seconds on 100,000 entries; FTS5
(in the standard library's sqlite3) answers a ranked query from an inverted index in
milliseconds, with phrases, prefixes and bm25 ranking built in.

One row per key (entry, note, or both) with one column per weight class of
`listing.search.WEIGHTS`, so bm25 weighs a title match above a note match. Text is folded
(`quick_fold`: LaTeX markup stripped, lower case) before the tokenizer, which also removes
accents. The table is contentless: it holds the index only, and the shown lines are taken from
the library itself.

The database lives in the cache folder (`index.store`), one file per library, and records the
digest it was built for (the library's `cache_key`, covering every .bib file and note, plus
`code_fingerprint`), so changed data or code never answers. It is built in a new temporary file
and renamed into place: a reader sees the old file or the new one, never a half-built one, and
opens it read-only and immutable (no locks, so readers never wait for each other or for a
builder). A library without a cache key (--no-cache) or without a usable cache folder gets the
same index in memory.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

FORMAT = "2"
# Column -> weight class of listing.search.WEIGHTS; "other" is every remaining field.
COLUMNS = ("key", "title", "author", "editor", "keywords", "venue", "discrepancy", "year", "note_meta", "note", "other")
_CLASS_OF = {"note_meta": "note-meta"}


def column_weights(weights: dict[str, float], other: float) -> list[float]:
    return [weights.get(_CLASS_OF.get(c, c), other) for c in COLUMNS]


def _rows(library, weight_class, keys):
    """(key, text per column) for each of `keys`, folded for matching (one fold per column,
    not per field: folding is most of the build time)."""
    from litcheck.library.latex import quick_fold

    columns = {c: i for i, c in enumerate(COLUMNS)}
    other = columns["other"]
    for key in keys:
        cols: list[list[str]] = [[] for _ in COLUMNS]
        cols[0].append(key)
        entry, note = library.get(key), library.note(key)
        if entry is not None:
            for name, value in entry.fields.items():
                cols[columns.get(weight_class(name).replace("-", "_"), other)].append(value)
        if note is not None:
            for n, line in note.text_lines():
                cols[columns["note_meta" if n < note.body_line else "note"]].append(line)
        # Fields of one class share a column, one per line; a phrase can therefore match the
        # end of one field and the start of the next (rare, and harmless for ranking).
        yield key, [quick_fold("\n".join(values)) if values else "" for values in cols]


def _create(conn: sqlite3.Connection, library, weight_class, digest: str, progress) -> None:
    conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    conn.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, key TEXT NOT NULL)")
    # No prefix indexes: they double the build time and help only one- to three-letter prefixes.
    conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5({', '.join(COLUMNS)}, content='', "
                 "tokenize='unicode61 remove_diacritics 2')")
    keys: list[str] = []  # streamed: the folded text of 100,000 entries is never held at once

    every = sorted(set(library.entries) | set(library.notes))

    def numbered():
        rows = _rows(library, weight_class, every)
        for key, cols in progress(rows, "indexing for search", len(every)) if progress else rows:
            keys.append(key)
            yield (len(keys), *cols)

    conn.executemany(f"INSERT INTO fts (rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})", numbered())
    conn.executemany("INSERT INTO docs (id, key) VALUES (?, ?)", enumerate(keys, 1))
    conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("digest", digest), ("format", FORMAT)])
    conn.commit()


def _digest(library) -> str:
    from litcheck.index.fingerprint import code_fingerprint

    digest = hashlib.blake2b(library.cache_key.encode(), digest_size=16)
    digest.update(f"\0{code_fingerprint()}\0{FORMAT}".encode())
    return digest.hexdigest()


def _path(library) -> Path:
    from litcheck.index.store import cache_dir, name_for

    which = "\0".join([*map(str, library.bib_files), str(library.notes_dir)])
    return cache_dir() / "derived" / name_for(Path(which), "-search.sqlite")


def _open_cached(path: Path, digest: str) -> sqlite3.Connection | None:
    """The database at `path` if it is a regular file of ours built for `digest`, read-only."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
            return None
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")
        row = conn.execute("SELECT value FROM meta WHERE name = 'digest'").fetchone()
        if row and row[0] == digest:
            return conn
        conn.close()
    except (OSError, sqlite3.Error):
        pass
    return None


def _build_file(path: Path, library, weight_class, digest: str, progress) -> bool:
    """Build into a new temporary file beside `path`, then rename it into place."""
    from litcheck.index.store import usable_folder

    folder = usable_folder(path.parent.name)
    if folder is None or folder != path.parent:
        return False
    tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600))
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            _create(conn, library, weight_class, digest, progress)
        finally:
            conn.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def open_index(library, weight_class, progress=None) -> sqlite3.Connection:
    """A connection to the library's full-text index, built first when missing or stale;
    `progress(items, label, total)`, when given, wraps the build (a progress bar on a terminal)."""
    if getattr(library, "cache_key", ""):
        path, digest = _path(library), _digest(library)
        conn = _open_cached(path, digest)
        if conn is None and _build_file(path, library, weight_class, digest, progress):
            conn = _open_cached(path, digest)
        if conn is not None:
            return conn
    conn = sqlite3.connect(":memory:")
    _create(conn, library, weight_class, "", progress)
    return conn


def match_expression(terms: list[str]) -> str:
    """The FTS5 query for folded `terms`: each a phrase of its words, the last word a prefix,
    all required. Empty when no term has a word (nothing can match)."""
    import re

    phrases = []
    for term in terms:
        words = re.findall(r"[^\W_]+", term)
        if not words:
            return ""
        phrases.append('"' + " ".join(words) + '"*')
    return " AND ".join(phrases)


def ranked(conn: sqlite3.Connection, terms: list[str], weights: list[float],
           limit: int | None = None) -> tuple[list[tuple[str, float]], int]:
    """(key, score) of the keys matching all `terms`, best first (ties by key; rows are numbered
    in key order), the first `limit` of them; and how many match in all."""
    expr = match_expression(terms)
    if not expr:
        return [], 0
    # bm25 of every match is the cost of a common query; keys are looked up for the shown rows only.
    sql = (f"SELECT docs.key, r.score FROM (SELECT rowid AS id, -bm25(fts, {', '.join(map(repr, weights))}) AS score "
           "FROM fts WHERE fts MATCH ?1 ORDER BY score DESC, rowid LIMIT ?2) AS r "
           "JOIN docs ON docs.id = r.id ORDER BY r.score DESC, r.id")
    rows = conn.execute(sql, (expr, limit or -1)).fetchall()
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    return rows, conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expr,)).fetchone()[0]
