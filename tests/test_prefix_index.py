"""The full-text index's prefix indexes (`fulltext.PREFIXES`, one to four characters) change how
fast FTS5 finds the rows of a prefix, never which rows match or their bm25 scores; and a phrase
alone that the stored lists leave to FTS5 is counted once, not twice."""

from __future__ import annotations

import itertools
import sqlite3

from test_tophits import WORDS, _bm25, _library

from litcheck.index import fulltext
from litcheck.listing.search import OTHER_FIELD, WEIGHTS, _shown, _weight_class, search_page

WEIGHTS_BY_COLUMN = fulltext.column_weights(WEIGHTS, OTHER_FIELD)


def _built(lib, prefixes: str, monkeypatch) -> sqlite3.Connection:
    """The library's full-text index, built in memory with these prefix indexes."""
    monkeypatch.setattr(fulltext, "PREFIXES", prefixes)
    conn = sqlite3.connect(":memory:")
    fulltext._create(conn, lib, _weight_class, WEIGHTS_BY_COLUMN, None)
    return conn


def _every_match(conn, terms: list[str]) -> list[tuple[int, float]]:
    """(rowid, score) of every matching row, FTS5's bm25, best first (ties by row)."""
    weights = ", ".join(map(repr, WEIGHTS_BY_COLUMN))
    return conn.execute(f"SELECT rowid, -bm25(fts, {weights}) AS s FROM fts WHERE fts MATCH ? ORDER BY s DESC, rowid",
                        (fulltext.match_expression(terms),)).fetchall()


def test_four_character_prefixes_rank_as_without_their_index(tmp_path, small_lists, monkeypatch):
    lib = _library(tmp_path)
    with_four = _built(lib, "1 2 3 4", monkeypatch)
    without = _built(lib, "1 2 3", monkeypatch)
    assert "prefix='1 2 3 4'" in with_four.execute("SELECT sql FROM sqlite_master WHERE name = 'fts'").fetchone()[0]
    fours = sorted({w[:4] for w in WORDS if len(w) >= 4})  # fish, stoc, asse, mode, ...
    queries = [[p] for p in fours] + [[w, p] for w, p in itertools.product(["a", "sea", "fish"], fours)]
    queries += [[f"{w} {p}"] for w, p in itertools.product(WORDS, fours)]  # phrases ending in a prefix
    queries += [[f"{w} {p}", q] for w, p, q in itertools.product(["a", "and", "salmon"], fours, ["a", "s", "tuna"])]
    matched = 0
    for terms in queries:
        rows = _every_match(with_four, terms)
        assert rows == _every_match(without, terms), terms  # rows, scores and order, to the float
        matched += bool(rows)
        for limit in (1, 5):  # and `search`'s ranking, from the stored lists or from FTS5
            folded = lambda keys: fulltext.folded_rows(lib, _weight_class, keys)  # noqa: E731
            assert fulltext.ranked(with_four, terms, WEIGHTS_BY_COLUMN, limit, folded) == _bm25(with_four, terms, limit)
    assert matched >= 350  # of 385: the generated words are common


def test_a_phrase_left_to_fts5_is_counted_once(tmp_path, small_lists):
    """A phrase of common words in fewer than a fifth of the rows goes to FTS5 after the stored
    lists counted it; FTS5 then ranks without counting again, and the answer is bm25's."""
    lib = _library(tmp_path)
    conn = fulltext.open_index(lib, _weight_class, WEIGHTS_BY_COLUMN)
    folded = lambda keys: fulltext.folded_rows(lib, _weight_class, keys)  # noqa: E731
    rows = conn.execute("SELECT count(*) FROM docs").fetchone()[0]
    levelled = [p for (p,) in conn.execute("SELECT prefix FROM top_hits WHERE length(levels) > 0 AND length(prefix) > 1")]
    phrases = [f"{a} {b}" for a, b in itertools.product(levelled, repeat=2)
               if 0 < _bm25(conn, [f"{a} {b}"], 1)[1] * 5 < rows]
    assert len(phrases) >= 10
    for phrase in phrases:
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        found = fulltext.ranked(conn, [phrase], WEIGHTS_BY_COLUMN, 5, folded)
        conn.set_trace_callback(None)
        assert found == _bm25(conn, [phrase], 5), phrase
        assert sum("count(*)" in s for s in statements) == 1, (phrase, statements)
    hits, total = search_page(lib, f'"{phrases[0]}"', 5)
    rows_, count = _bm25(conn, [phrases[0]], 5)
    assert [(h.key, h.score) for h in hits] == [(key, _shown(score)) for key, score in rows_] and total == count
