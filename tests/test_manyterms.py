"""Queries of several terms answered from the stored best hits give the same rows, scores,
order and count as FTS5's bm25 over every match, and fall back to FTS5 when the lists cannot
decide."""

from __future__ import annotations

import itertools
import random

import pytest
from test_tophits import _bm25, _library

from litcheck.index import fulltext, manyterms, tophits
from litcheck.listing.search import OTHER_FIELD, WEIGHTS, _shown, _weight_class, search_page

WEIGHTS_BY_COLUMN = fulltext.column_weights(WEIGHTS, OTHER_FIELD)


def _many(conn, terms: list[str], limit, folded):
    return manyterms.top_of_many(conn, terms, WEIGHTS_BY_COLUMN, limit, folded, fulltext.match_expression)


def _open(lib):
    conn = fulltext.open_index(lib, _weight_class, WEIGHTS_BY_COLUMN)
    return conn, lambda keys: fulltext.folded_rows(lib, _weight_class, keys)


def test_several_terms_equal_bm25_over_every_match(tmp_path, small_lists, monkeypatch):
    lib = _library(tmp_path)
    conn, folded = _open(lib)
    read = []
    real = manyterms._scores_from_text
    monkeypatch.setattr(manyterms, "_scores_from_text", lambda *a: read.append(len(a[2])) or real(*a))
    prefixes = [p for (p,) in conn.execute("SELECT prefix FROM top_hits")]
    rare = ["stock", "trout", "seal", "model", "zzz", "tuna river", "fish salmon", "salmon fish"]
    queries = [list(q) for q in itertools.product(prefixes[::2] + rare, repeat=2)]
    queries += [list(q) for q in itertools.product(["fish", "a", "s", "sea", "stock", "sal", "tuna river"], repeat=3)]
    answered = enumerated = 0
    for terms in queries:
        for limit in (1, 5):
            found = _many(conn, terms, limit, folded)
            if found is not None:
                answered += 1
                enumerated += any(t in rare for t in terms)
                assert found == _bm25(conn, terms, limit), (terms, limit)
    assert answered >= 2000 and enumerated >= 500  # pairs of listed words, and listed with rare
    assert sum(read) >= 10_000  # rows whose shares came from their text


def test_what_the_lists_cannot_decide_goes_to_fts5(tmp_path, small_lists):
    lib = _library(tmp_path)
    conn, folded = _open(lib)
    assert _many(conn, ["fish", "a"], tophits.TOP + 1, folded) is None  # more than stored
    assert _many(conn, ["fish", "a"], None, folded) is None  # every match (list --text)
    assert _many(conn, ["fish"], 5, folded) is None  # one word: tophits.top
    assert _many(conn, ["fish", "ærø"], 5, folded) is None  # not unicode61's ASCII


def test_levels_decide_what_the_best_rows_alone_cannot(tmp_path, small_lists, monkeypatch):
    """Common words whose best rows overlap too little: every row's bounded share (a byte a row,
    `tophits._levels`) finds the few rows that can reach the shown ones, exactly as FTS5 ranks."""
    lib = _library(tmp_path)
    conn, folded = _open(lib)
    levelled = [p for (p,) in conn.execute("SELECT prefix FROM top_hits WHERE length(levels) > 0")]
    queries = [["stock", "trout"]] + [list(q) for q in itertools.product(levelled[::3] + ["tuna river"], repeat=2)]
    queries += [list(q) for q in itertools.product(["stock", "trout", "a", "sea", "fish"], repeat=3)]
    answers = {(tuple(q), limit): _many(conn, q, limit, folded) for q in queries for limit in (1, 5, 12)}
    real = manyterms._stored
    monkeypatch.setattr(manyterms, "_stored", lambda *a: (lambda row: row and (*row[:4], b""))(real(*a)))
    only_levels = 0
    for (terms, limit), found in answers.items():
        if found is not None:
            assert found == _bm25(conn, list(terms), limit), (terms, limit)
            only_levels += _many(conn, list(terms), limit, folded) is None
    assert answers[("stock", "trout"), 5] is not None and _many(conn, ["stock", "trout"], 5, folded) is None
    assert only_levels >= 1000 and sum(found is None for found in answers.values()) < len(answers) / 5


def test_many_common_words_are_decided_by_their_summed_levels(tmp_path, small_lists, monkeypatch):
    """Four to seven common words (`a b c d e f`): a row outside the stored lists is bounded by
    the sum of its levels, so the few rows that can reach the shown ones are found and the
    answer is FTS5's. Bounded word by word, too many rows passed and FTS5 answered (about a
    second on the 99k-entry bench file, where such a query passed 20,000 candidates)."""
    lib = _library(tmp_path)
    conn, folded = _open(lib)
    levelled = [p for (p,) in conn.execute("SELECT prefix FROM top_hits WHERE length(levels) > 0")]
    monkeypatch.setattr(manyterms, "_MAX_CANDIDATES", 100)  # as 20,000 of 99,132 rows: a small library's pressure
    rng = random.Random(19)
    answered = 0
    for i in range(120):
        terms = rng.sample(levelled, 4 + i % 4)
        for limit in (1, 5, 12):
            found = _many(conn, terms, limit, folded)
            if found is not None:
                answered += 1
                assert found == _bm25(conn, terms, limit), (terms, limit)
    assert answered >= 180  # of 360; bounded word by word: 137


def test_text_that_disagrees_with_the_index_is_not_trusted(tmp_path, small_lists):
    lib = _library(tmp_path)
    conn, folded = _open(lib)
    assert _many(conn, ["salmon", "a"], 5, folded) is not None
    blank = lambda keys: ((key, [""] * len(fulltext.COLUMNS)) for key in keys)  # noqa: E731
    assert _many(conn, ["salmon", "a"], 5, blank) is None


@pytest.mark.parametrize("module, name, query, limit", [(tophits, "top", "fish", 10),
                                                      (manyterms, "top_of_many", "salmon a", 5)])
def test_search_answers_common_words_from_the_lists(tmp_path, small_lists, monkeypatch, module, name, query, limit):
    lib = _library(tmp_path)
    answers = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a: answers.append(real(*a)) or answers[-1])
    hits, total = search_page(lib, query, limit)
    assert len(answers) == 1 and answers[0] is not None
    rows, count = _bm25(_open(lib)[0], query.split(), limit)
    assert [(h.key, h.score) for h in hits] == [(key, _shown(score)) for key, score in rows] and total == count


@pytest.mark.parametrize("few", [8_000, 30])  # every matching row bounded, or the stored rows and the levels
def test_phrases_of_common_words_equal_bm25_over_every_match(tmp_path, small_lists, monkeypatch, few):
    """A phrase whose words are all common is bounded by its words' g and scored from the rows'
    text (overlapping occurrences counted as FTS5 counts them); alone, with other terms, or
    matching nothing, the answer is FTS5's, or FTS5 answers."""
    monkeypatch.setattr(manyterms, "_MAX_CANDIDATES", few)
    lib = _library(tmp_path)
    conn, folded = _open(lib)
    levelled = [p for (p,) in conn.execute("SELECT prefix FROM top_hits WHERE length(levels) > 0 AND length(prefix) > 1")]
    rng = random.Random(5)
    queries = [["a a"], ["fish a"], ["a fish"], ["sea a"], ["a fish", "s"], ["a sea", "fish", "a"], ["stock a", "zzz"],
               ["fish a", "sea"]]
    queries += [[" ".join(rng.sample(levelled, 2))] + rng.sample(levelled, i % 3) for i in range(150)]
    answered = empty = 0
    for terms in queries:
        for limit in (1, 5, 12):
            found = _many(conn, terms, limit, folded)
            if found is not None:
                answered += 1
                empty += found == ([], 0)
                assert found == _bm25(conn, terms, limit), (terms, limit)
    assert answered >= (150 if few > 30 else 60) and empty >= 3


def test_search_of_a_phrase_is_answered_from_the_lists(tmp_path, small_lists, monkeypatch):
    lib = _library(tmp_path)
    conn, folded = _open(lib)
    phrase = next(p for p in ("a s", "fish a", "salmon a", "a salmon", "stock a") if (_many(conn, [p], 5, folded) or ([], 0))[1] > 5)
    answers = []
    real = manyterms.top_of_many
    monkeypatch.setattr(manyterms, "top_of_many", lambda *a: answers.append(real(*a)) or answers[-1])
    hits, total = search_page(lib, f'"{phrase}"', 5)
    assert len(answers) == 1 and answers[0] is not None and total > 5
    rows, count = _bm25(conn, [phrase], 5)
    assert [(h.key, h.score) for h in hits] == [(key, _shown(score)) for key, score in rows] and total == count
