"""`litcheck list` holds one entry's fields at a time: selection, sorting and the renderers
read each entry through the index, keep what they need (keys, sort keys) and drop the rest,
so the output is the same as from a library parsed whole, and the memory of a listing grows
with its sort keys, not with the entries' fields (figures: benchmarks/big_library.py)."""

from __future__ import annotations

import tracemalloc

import pytest

from litcheck.library.core import load_library
from litcheck.library.paths import resolve_bib_paths, resolve_notes_dir
from litcheck.index.bibindex import BibIndex
from litcheck.listing import display, reading_lists
from litcheck.listing import rows as rows_module
from litcheck.listing.reading_lists import build_listing
from litcheck.listing.render import early_refusal, stream
from litcheck.listing.select import Filters
from litcheck.listing.styles import EngineError

DATA_FORMATS = ["json", "csv", "csl-json", "bib", "biblatex", "ris", "md", "html"]
CHOICES = [  # (filters, sort, group by)
    (Filters(), "author", "topic"),
    (Filters(), "year", "org"),
    (Filters(since=2015), "oldest", "kind"),
    (Filters(text="grooming"), None, "none"),
    (Filters(orgs=["UNODC"]), "title", "year"),
]


def _bundled(use_cache: bool):
    return load_library(resolve_bib_paths([]), resolve_notes_dir(None), use_cache=use_cache)


def _text(lib, filters, sort, group_by, fmt, include_unconfirmed=False) -> str:
    reading = build_listing(lib, filters, sort, group_by)
    if not include_unconfirmed:
        reading.drop_unconfirmed()
    return "".join(stream(reading, lib, fmt, None, annotate=True, keywords=True))


@pytest.mark.parametrize("fmt", DATA_FORMATS)
def test_a_listing_read_through_the_index_is_the_listing_of_a_whole_parse(fmt):
    """Entries read from the index are read once per step and let go (sort key, org group,
    rendered record); the bundled library then lists exactly as when every entry is held."""
    whole, indexed = _bundled(use_cache=False), _bundled(use_cache=True)
    for filters, sort, group_by in CHOICES:
        expected = _text(whole, filters, sort, group_by, fmt, include_unconfirmed=True)
        assert expected.strip()
        assert _text(indexed, filters, sort, group_by, fmt, include_unconfirmed=True) == expected
    assert _text(indexed, Filters(), "author", "topic", fmt) == _text(whole, Filters(), "author", "topic", fmt)


def _library(tmp_path, count: int):
    """`count` works, each with about 3 kB of fields (an abstract, authors, a title)."""
    abstract = "Words of an abstract about online exploitation and its study. " * 45
    path = tmp_path / f"lib{count}.bib"
    path.write_text("".join(
        f"@article{{w{i},\n  author = {{Author{i % 97}, Ann and Other{i % 13}, Bo}},\n"
        f"  title = {{Title {i} of a study}},\n  journal = {{Journal {i % 7}}},\n  year = {{{1990 + i % 35}}},\n"
        f"  abstract = {{{abstract}{i}}},\n}}\n\n" for i in range(count)), encoding="utf-8")
    load_library([path])  # the index is written; the listing below is a warm one
    return load_library([path])


def _peak_of_listing(lib) -> int:
    tracemalloc.start()
    try:
        reading = build_listing(lib, Filters(), "author", "none")
        for _ in stream(reading, lib, "json", None):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_a_listing_holds_sort_keys_not_fields(tmp_path, monkeypatch):
    """Twice the works cost about twice the memory, and far less a work than its 3 kB of
    fields (400 bytes a work; the listing held every entry's fields before: 4.9 kB a work).
    Selections whose stored records exceed `KEPT_BYTES` (16 MB) are held so; these are made
    to exceed a smaller one."""
    monkeypatch.setattr(rows_module, "KEPT_BYTES", 1 << 20)
    _peak_of_listing(_library(tmp_path, 200))  # modules and tables made once per process
    small, large = _peak_of_listing(_library(tmp_path, 1_000)), _peak_of_listing(_library(tmp_path, 2_000))
    assert large < 2.3 * small
    assert (large - small) / 1_000 < 1_500, f"{(large - small) / 1_000:.0f} bytes a work"


def test_a_style_refuses_unnamed_works_before_they_are_sorted(tmp_path, monkeypatch):
    """A million works without author, editor or title are refused before the listing makes
    and sorts an entry for each (which alone went over the memory bound)."""
    path = tmp_path / "unnamed.bib"
    path.write_text("".join(f"@misc{{k{i},}}\n" for i in range(2_100)), encoding="utf-8")
    lib = load_library([path])
    monkeypatch.setattr(reading_lists, "sort_entries", lambda *a: pytest.fail("sorted before the refusal"))
    with pytest.raises(EngineError, match="2,100 works have neither"):
        build_listing(lib, Filters(), "author", "none", vet=early_refusal("json", "apa", False))
    assert early_refusal("bib", "apa", False) is None  # a format without a style refuses nothing


def test_the_cli_refuses_unnamed_works_in_one_line(tmp_path, run_cli):
    path = tmp_path / "unnamed.bib"
    path.write_text("".join(f"@misc{{k{i},}}\n" for i in range(2_100)), encoding="utf-8")
    result = run_cli("list", "--bib", str(path), "--notes", str(tmp_path), "--format", "json")
    assert result.exit_code == 2
    assert "2,100 works have neither an author, editor nor title (e.g. k0, k1, k2)" in result.stderr
    assert result.stdout == ""
    listed = run_cli("list", "--bib", str(path), "--notes", str(tmp_path), "--format", "json", "--style", "none")
    assert listed.exit_code == 0 and listed.stdout.count('"key": "k') == 2_100


def test_a_small_selection_reads_each_record_once(tmp_path, monkeypatch):
    """Under `KEPT_BYTES` of records the fields read for sorting stay for the renderer (a
    search's few thousand works are read once); over it they are read again when rendered."""
    lib = _library(tmp_path, 300)
    # Names and titles are computed, not kept (as `display` keeps them), so that the sort
    # reads the records; test_display_values covers the kept values.
    monkeypatch.setattr(display, "of", display.compute)
    reads = []
    record = BibIndex.record
    monkeypatch.setattr(BibIndex, "record", lambda self, row: reads.append(row) or record(self, row))
    listed = "".join(stream(build_listing(lib, Filters(), "author", "none"), lib, "md", None))
    assert sorted(reads) == list(range(300))
    reads.clear()
    monkeypatch.setattr(rows_module, "KEPT_BYTES", 100_000)
    assert "".join(stream(build_listing(lib, Filters(), "author", "none"), lib, "md", None)) == listed
    assert sorted(reads) == sorted(list(range(300)) * 2)
