"""The stored best hits of common one-word queries give the same ranked rows and scores as
FTS5's bm25 over every match, and are used only when they are certain."""

from __future__ import annotations

import random
from pathlib import Path

from litcheck.index import fulltext, tophits
from litcheck.library.core import load_library
from litcheck.listing.search import OTHER_FIELD, WEIGHTS, _weight_class, search_page

WORDS = ("fish fishery fisheries fishing salmon sal salt stock stocks assessment a an and at "
         "trout tuna river sea seal model modelling growth").split()


def _library(tmp_path: Path, entries: int = 400, notes: int = 30, note_step: int = 7):
    """A generated library: common words in every field, a few duplicated rows (ties), and
    notes (their body weight, 0.2, is not a multiple of 1/2)."""
    rng = random.Random(7)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, n)))

    bib, body = [], text(12)
    for i in range(entries):
        title = body if i % 50 == 0 else text(8)  # identical rows score the same: ties by row
        bib.append(f"@article{{w{i:04d},\n  title = {{{title}}},\n  author = {{{text(3).title()}, Ann}},\n"
                   f"  journal = {{{text(3)}}},\n  year = {{{2000 + i % 20}}},\n  keywords = {{{text(3)}}},\n"
                   f"  abstract = {{{text(40) if i % 3 else ''}}},\n}}\n")
    path = tmp_path / "lib.bib"
    path.write_text("\n".join(bib), encoding="utf-8")
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(0, notes * note_step, note_step):
        (folder / f"w{i:04d}.md").write_text(f"---\nkey: w{i:04d}\ntopics: [{rng.choice(WORDS)}]\n---\n\n"
                                             f"{text(30)}\n\n{text(30)}\n", encoding="utf-8")
    return load_library([path], folder)


def _bm25(conn, terms: list[str], limit: int):
    """The ranking as FTS5 gives it, every match scored (what `search` did before)."""
    expr = fulltext.match_expression(terms)
    weights = ", ".join(map(repr, fulltext.column_weights(WEIGHTS, OTHER_FIELD)))
    rows = conn.execute(f"SELECT docs.key, -bm25(fts, {weights}) AS s FROM fts JOIN docs ON docs.id = fts.rowid "
                        "WHERE fts MATCH ? ORDER BY s DESC, fts.rowid LIMIT ?", (expr, limit)).fetchall()
    return rows, conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expr,)).fetchone()[0]


def test_stored_best_hits_equal_bm25_over_every_match(tmp_path, small_lists):
    lib = _library(tmp_path)
    conn = fulltext.open_index(lib, _weight_class, fulltext.column_weights(WEIGHTS, OTHER_FIELD))
    prefixes = [p for (p,) in conn.execute("SELECT prefix FROM top_hits")]
    assert {"a", "f", "fish", "s", "sa", "sal"} <= set(prefixes)  # prefixes of many words, and words
    answered = 0
    for prefix in prefixes:
        for limit in (1, 3, 10, 12):
            found = tophits.top(conn, prefix, limit)
            expected = _bm25(conn, [prefix], limit)
            if found is not None:  # None: FTS5 answers (a tie at the end of the stored rows)
                answered += 1
                assert found == expected, (prefix, limit)
    assert answered >= 2 * len(prefixes)  # ties in g (years, short titles) at the end go to FTS5
    assert tophits.top(conn, "zzz", 5) is None and tophits.top(conn, "fish", 13) is None


def test_notes_weights_are_added_as_fts5_adds_them(tmp_path, small_lists):
    """Rows whose note body holds the word: their weighted counts include 0.2 per occurrence,
    where the sum's rounding depends on the order of the additions."""
    lib = _library(tmp_path, entries=150, notes=60, note_step=2)
    conn = fulltext.open_index(lib, _weight_class, fulltext.column_weights(WEIGHTS, OTHER_FIELD))
    with_notes = 0
    for (prefix,) in conn.execute("SELECT prefix FROM top_hits").fetchall():
        found = tophits.top(conn, prefix, 12)
        if found is not None:
            assert found == _bm25(conn, [prefix], 12), prefix
            with_notes += sum(1 for key, _ in found[0] if lib.note(key) is not None)
    assert with_notes >= 20


def test_no_lists_for_text_unicode61_would_split_otherwise(tmp_path, small_lists):
    lib_path = tmp_path / "lib.bib"
    lib_path.write_text("".join(f"@misc{{k{i}, title = {{Fish Ærø {i}}}}}\n" for i in range(60)), encoding="utf-8")
    lib = load_library([lib_path], None)
    conn = fulltext.open_index(lib, _weight_class, fulltext.column_weights(WEIGHTS, OTHER_FIELD))
    assert conn.execute("SELECT count(*) FROM top_hits").fetchone()[0] == 0
    assert [h.key for h in search_page(lib, "fish", 3)[0]] == ["k0", "k1", "k10"]
