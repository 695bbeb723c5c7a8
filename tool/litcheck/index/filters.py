"""The filter index of a library: the small fields `list` filters on, as SQLite tables with
indexes, so a filter is one query.

    entries (row, key, kind, state, year)   indexed on kind, state and year
    keywords (keyword, row)                  one row per keyword of an entry, indexed on keyword

`kind` and `state` are the entry's `sourcekind` and `verification` stripped and lower-cased,
`year` its year as `list --since/--until` reads it (`year`, else `date`; NULL when neither has
one), keywords as `split_list` splits them. Built from the library's columns (the index's, for
a big library: no entry's record is read), once per library state and litcheck version, as
`index.sqlitefile` builds and opens its databases (in memory for a library without a cache).
A filter then reads only the matching rows: under 5 ms on 100,000 entries, where testing every
entry's columns in Python took 10-30 ms.
"""

from __future__ import annotations

import sqlite3

FORMAT = "1"


def _create(conn: sqlite3.Connection, library) -> None:
    from litcheck.library.entry import split_list, year_in

    conn.execute("CREATE TABLE entries (row INTEGER PRIMARY KEY, key TEXT NOT NULL, kind TEXT NOT NULL, "
                 "state TEXT NOT NULL, year INTEGER)")
    conn.execute("CREATE TABLE keywords (keyword TEXT NOT NULL, row INTEGER NOT NULL)")
    columns = [library.column(name) for name in ("keywords", "sourcekind", "verification", "year", "date")]
    conn.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?)",
                     ((row, key, (kind or "").strip().lower(), (state or "").strip().lower(), year_in(year, date))
                      for row, (key, _, kind, state, year, date) in enumerate(zip(library.entries, *columns))))

    def keywords():
        for row, raw in enumerate(columns[0]):
            for item in dict.fromkeys(split_list(raw or "")):
                yield item, row

    conn.executemany("INSERT INTO keywords VALUES (?, ?)", keywords())
    for table, column in (("entries", "kind"), ("entries", "state"), ("entries", "year"), ("keywords", "keyword")):
        conn.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
    conn.commit()


def open_filters(library) -> sqlite3.Connection:
    """A connection to the library's filter index, built first when missing or stale."""
    from litcheck.index.sqlitefile import open_or_build

    return open_or_build(library, "-filters.sqlite", FORMAT, lambda conn: _create(conn, library))


def passing_keys(library, topics=(), kinds=(), states=(), low: int | None = None,
                 high: int | None = None) -> dict[str, None]:
    """Keys of the entries with any of `topics` as a keyword, any of `kinds` as source kind and
    any of `states` as verification state (each compared lower-case; an empty one does not
    filter), and a year from `low` to `high` when either is given; in library order."""
    where, args = [], []
    for values, test in ((topics, "row IN (SELECT row FROM keywords WHERE keyword IN ({}))"),
                         (kinds, "kind IN ({})"), (states, "state IN ({})")):
        wanted = sorted({v.lower() for v in values})
        if wanted:
            where.append(test.format(", ".join("?" * len(wanted))))
            args += wanted
    if low is not None or high is not None:
        where.append("year BETWEEN ? AND ?")
        args += [-10**9 if low is None else low, 10**9 if high is None else high]
    conn = open_filters(library)
    try:
        sql = "SELECT key FROM entries" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY row"
        return dict.fromkeys(key for (key,) in conn.execute(sql, args))
    finally:
        conn.close()
