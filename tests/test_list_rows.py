"""A big selection is kept as row numbers of the index (`listing.rows.RowList`) and sorted by
keys taken apart into arrays: the listing must be exactly the one a list of entries gives,
order of ties included, whatever batch the keys were made in (memory figures:
benchmarks/hostile.py and benchmarks/big_library.py)."""

from __future__ import annotations

import random

import pytest

from litcheck.library.core import load_library
from litcheck.library.paths import resolve_bib_paths, resolve_notes_dir
from litcheck.listing import rows as rows_module
from litcheck.listing.reading_lists import build_listing
from litcheck.listing.render import stream
from litcheck.listing.rows import RowList
from litcheck.listing.select import SORTS, Filters, _sort_key, select, sort_entries

from test_list_memory import CHOICES as _MEMORY_CHOICES
from test_list_memory import DATA_FORMATS as FORMATS

CHOICES = [*_MEMORY_CHOICES, (Filters(topics=["grooming"]), None, "none"), (Filters(), None, "none")]


def _text(lib, filters, sort, group_by, fmt, include_unconfirmed) -> str:
    reading = build_listing(lib, filters, sort, group_by)
    if not include_unconfirmed:
        reading.drop_unconfirmed()
    return "".join(stream(reading, lib, fmt, None, annotate=True, keywords=True))


@pytest.fixture(scope="module")
def bundled_as_one_file(tmp_path_factory):
    """The bundled library's entries in one .bib file (a selection of one indexed file can be
    row numbers), with the bundled notes."""
    path = tmp_path_factory.mktemp("one") / "all.bib"
    path.write_text("\n".join(p.read_text(encoding="utf-8") for p in resolve_bib_paths([])), encoding="utf-8")
    return path, resolve_notes_dir(None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_listing_of_row_numbers_is_the_listing_of_entries(fmt, bundled_as_one_file, monkeypatch):
    """Every selection made to count as big (row numbers, keys made 7 at a time) lists exactly
    as a whole parse does: sorts, groups, filters, unconfirmed works left out, every format."""
    path, notes = bundled_as_one_file
    whole = load_library([path], notes, use_cache=False)
    expected = {(i, unconfirmed): _text(whole, *choice, fmt, unconfirmed)
                for i, choice in enumerate(CHOICES) for unconfirmed in (True, False)}
    monkeypatch.setattr(rows_module, "KEPT_BYTES", 0)
    monkeypatch.setattr(rows_module, "SORT_BATCH", 7)
    indexed = load_library([path], notes)
    assert indexed.row_source() is not None
    assert isinstance(select(indexed, Filters())[0], RowList)
    for (i, unconfirmed), text in expected.items():
        assert text.strip()
        assert _text(indexed, *CHOICES[i], fmt, unconfirmed) == text, CHOICES[i]


def _tied_library(tmp_path, count: int):
    """`count` works with few distinct authors, years and titles (ties in every sort), in a
    shuffled order, some without author or year, names and titles that differ in case only."""
    rng = random.Random(11)
    authors = ["", "Doe, Jane", "doe, jane", "Ålund, Per", "Zed, A.", "{UNODC}", "Smith, B. and Doe, Jane"]
    titles = ["", "A study", "a study", "Études", "zebra", "The B"]
    lines = []
    for i in range(count):
        fields = [f"title = {{{t}}}" for t in [rng.choice(titles)] if t]
        fields += [f"author = {{{a}}}" for a in [rng.choice(authors)] if a]
        fields += [f"year = {{{y}}}" for y in [rng.choice(["", "1999", "2020", "2021"])] if y]
        lines.append(f"@misc{{w{i}, {', '.join(fields)}}}\n")
    path = tmp_path / "tied.bib"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("how", SORTS)
def test_sorted_row_numbers_keep_the_order_of_ties_across_batches(tmp_path, monkeypatch, how):
    """The order is `sorted`'s on the same keys, ties in library order, with batches of keys
    that end inside runs of equal keys."""
    path = _tied_library(tmp_path, 3_000)
    whole = load_library([path], use_cache=False)
    scores = {f"w{i}": float(i % 5) for i in range(0, 3_000, 3)}
    expected = [e.key for e in sorted(whole.entries.values(), key=_sort_key(how, scores))]
    monkeypatch.setattr(rows_module, "KEPT_BYTES", 0)
    for batch in (1, 250, 4096):
        monkeypatch.setattr(rows_module, "SORT_BATCH", batch)
        entries, _ = select(load_library([path]), Filters())
        assert isinstance(entries, RowList)
        ordered = sort_entries(entries, how, scores)
        assert isinstance(ordered, RowList)
        assert [e.key for e in ordered] == expected


def test_a_small_selection_stays_a_list_and_a_big_one_becomes_row_numbers(tmp_path, monkeypatch):
    path = _tied_library(tmp_path, 200)
    lib = load_library([path])
    entries, _ = select(lib, Filters())
    assert type(entries) is list and len(entries) == 200
    monkeypatch.setattr(rows_module, "KEPT_BYTES", 10_000)  # about 15 entries' worth
    entries, _ = select(lib, Filters())
    assert isinstance(entries, RowList)
    assert [e.key for e in entries] == [f"w{i}" for i in range(200)]
    assert [e.key for e in entries[5:8]] == ["w5", "w6", "w7"] and entries[-1].key == "w199"
    assert load_library([path], use_cache=False).row_source() is None  # parsed entries stay entries


def test_an_entry_with_a_huge_field_is_written_in_slices(tmp_path, monkeypatch):
    """A 3 MB title is written as slices of it (no piece of the export holds it whole, let
    alone its three copies: title, raw field, CSL title); the text is the same as when the
    entry is encoded at once."""
    from litcheck.cli import jsonout

    path = tmp_path / "big.bib"
    path.write_text("@misc{small, title = {A small one}, year = {2020}}\n"
                    "@misc{big, title = {" + "word \\& {W}ord " * 200_000 + "}, year = {2021}}\n", encoding="utf-8")
    lib = load_library([path])

    def pieces():
        return list(stream(build_listing(lib, Filters(), "title", "none"), lib, "json", None))

    sliced = pieces()
    assert max(map(len, sliced)) <= 2 * jsonout.BIG_TEXT
    monkeypatch.setattr(jsonout, "BIG_TEXT", 1 << 30)
    from litcheck.listing.render import json_
    monkeypatch.setattr(json_, "BIG_TEXT", 1 << 30)
    whole = pieces()
    assert max(map(len, whole)) > 3 * 2_000_000  # encoded at once: one piece with all three
    assert "".join(sliced) == "".join(whole)
