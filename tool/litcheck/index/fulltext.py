"""The full-text index of a library: an SQLite FTS5 table, built once per library state.

Why SQLite: scoring every entry field by field in Python took seconds on 100,000 entries; FTS5
(in the standard library's sqlite3) answers a ranked query from an inverted index in
milliseconds, with phrases, prefixes and bm25 ranking built in.

One row per key (entry, note, or both) with one column per weight class of
`listing.search.WEIGHTS`, so bm25 weighs a title match above a note match. Text is folded
(`quick_fold`: LaTeX markup stripped, lower case) before the tokenizer, which also removes
accents. The table is contentless: it holds the index only, and the shown lines are taken from
the library itself.

The database lives in the cache folder, one file per library, built and opened as
`index.sqlitefile` says (valid only for the library's content and litcheck's code; built in a
temporary file and renamed; opened read-only). A library without a cache key (--no-cache) or
without a usable cache folder gets the same index in memory.
"""

from __future__ import annotations

import sqlite3

FORMAT = "6"
# Prefix indexes for one- to four-character prefixes: FTS5 otherwise merges the posting lists
# of every word a short prefix starts (`"1 1"`: 0.18 s on the 99k-entry bench file, 0.03 s with
# them; `a b c` as a fallback 0.4 s). One to three doubled the index's size and build time (first
# search of a library state: 11 → 23 s there). Four: a word of four letters is the last word of
# many phrases, and starts many words (`fish`: 1,040 words; the phrase `"the fish"*` 14 ms to
# match without, 5 ms with); it adds about 13 % to the index (242 → 274 MB). Longer prefixes
# start fewer words, and FTS5 merges them in a few milliseconds.
PREFIXES = "1 2 3 4"
# Column -> weight class of listing.search.WEIGHTS; "other" is every remaining field.
COLUMNS = ("key", "title", "author", "editor", "keywords", "venue", "discrepancy", "year", "note_meta", "note", "other")
_CLASS_OF = {"note_meta": "note-meta"}


def column_weights(weights: dict[str, float], other: float) -> list[float]:
    return [weights.get(_CLASS_OF.get(c, c), other) for c in COLUMNS]


def folded_rows(library, weight_class, keys):
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
            entry = entry.transient()  # its fields go when the row is made, not kept on the library's entry
            for name, value in entry.fields.items():
                cols[columns.get(weight_class(name).replace("-", "_"), other)].append(value)
        if note is not None:
            for n, line in note.text_lines():
                cols[columns["note_meta" if n < note.body_line else "note"]].append(line)
        # Fields of one class share a column, one per line; a phrase can therefore match the
        # end of one field and the start of the next (rare, and harmless for ranking).
        yield key, [quick_fold("\n".join(values)) if values else "" for values in cols]


def _create(conn: sqlite3.Connection, library, weight_class, weights, progress) -> None:
    from litcheck.index.tophits import Collector

    conn.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, key TEXT NOT NULL)")
    conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5({', '.join(COLUMNS)}, content='', "
                 f"prefix='{PREFIXES}', tokenize='unicode61 remove_diacritics 2')")
    keys: list[str] = []  # streamed: the folded text of 100,000 entries is never held at once

    every = sorted(set(library.entries) | set(library.notes))
    collector = Collector(len(every), len(COLUMNS))

    def numbered():
        rows = folded_rows(library, weight_class, every)
        for key, cols in progress(rows, "indexing for search", len(every)) if progress else rows:
            keys.append(key)
            collector.add(cols)
            yield (len(keys), *cols)

    conn.executemany(f"INSERT INTO fts (rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})", numbered())
    conn.executemany("INSERT INTO docs (id, key) VALUES (?, ?)", enumerate(keys, 1))
    conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    collector.store(conn, weights)
    conn.commit()


def open_index(library, weight_class, weights: list[float], progress=None) -> sqlite3.Connection:
    """A connection to the library's full-text index (ranking with the column `weights`),
    built first when missing or stale; `progress(items, label, total)`, when given, wraps the
    build (a progress bar on a terminal)."""
    from litcheck.index.sqlitefile import open_or_build

    return open_or_build(library, "-search.sqlite", FORMAT,
                         lambda conn: _create(conn, library, weight_class, weights, progress))


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
           limit: int | None = None, folded=None) -> tuple[list[tuple[str, float]], int]:
    """(key, score) of the keys matching all `terms`, best first (ties by key; rows are numbered
    in key order), the first `limit` of them; and how many match in all. `folded(keys)`, when
    given, yields the keys' indexed text (`folded_rows`), which lets a query of several common
    words be answered from the stored best hits (`index.manyterms`)."""
    expr = match_expression(terms)
    if not expr:
        return [], 0
    counted: list[int] = []  # how many match, when the stored lists counted them but could not rank
    if len(terms) == 1 and " " not in terms[0]:
        from litcheck.index.tophits import top

        found = top(conn, terms[0], limit)
        if found is not None:
            return found
    elif folded is not None:  # several terms, or a phrase
        from litcheck.index.manyterms import top_of_many

        found = top_of_many(conn, terms, weights, limit, folded, match_expression, counted)
        if found is not None:
            return found
    # bm25 of every match is the cost of a common query; keys are looked up for the shown rows only.
    score = f"-bm25(fts, {', '.join(map(repr, weights))})"
    if limit is None:
        sql = (f"SELECT docs.key, r.score FROM (SELECT rowid AS id, {score} AS score FROM fts WHERE fts MATCH ?) AS r "
               "JOIN docs ON docs.id = r.id ORDER BY r.score DESC, r.id")
        rows = conn.execute(sql, (expr,)).fetchall()
        return rows, len(rows)
    # SQLite keeps the best `limit` while FTS5 scores the matches, and counts them in the same
    # pass (no row of every match reaches Python: a phrase in all 99,132 rows of the bench file
    # took 117 ms that way, 76 ms this way). Counted already, they are not counted again.
    ranked_sql = f"SELECT rowid AS id, {score} AS s FROM fts WHERE fts MATCH ?"
    if counted:
        best = conn.execute(f"{ranked_sql} ORDER BY s DESC, id LIMIT ?", (expr, limit)).fetchall()
        total = counted[0]
    else:
        best = conn.execute(f"SELECT id, s, count(*) OVER () FROM ({ranked_sql}) ORDER BY s DESC, id LIMIT ?",
                            (expr, limit)).fetchall()
        total = best[0][2] if best else 0
        best = [(rowid, value) for rowid, value, _ in best]
    if not best:
        return [], 0
    keys = dict(conn.execute(f"SELECT id, key FROM docs WHERE id IN ({', '.join('?' * len(best))})", [r for r, _ in best]))
    return [(keys[rowid], value) for rowid, value in best], total
