"""Repeated keys are found through one table of row numbers shared by the reader, the index
builder and the editable document (`library.keytable`), not through sets of their own: the
same problems and counts as before, in less memory a key (figures: benchmarks/hostile.py)."""

from __future__ import annotations

import tracemalloc

import pytest

from litcheck.editing.bibdoc import BibDocument
from litcheck.library.bibfile import parse_text
from litcheck.library.core import load_library
from litcheck.library.keytable import KeyTable

REPEATS = """@misc{a, title = {First a}}
@misc{b, title = {B}}
@misc{a, title = {Second a}}

@misc{c, title = {C}}
@misc{a, title = {Third a}}
@misc{c, title = {Second c}}
"""


def test_the_table_finds_every_key_it_holds_and_only_those():
    table = KeyTable()
    keys = [f"key{i}" for i in range(5_000)]  # the table grows several times on the way
    assert all(table.add(k) for k in keys)
    assert not any(table.add(k) for k in keys[::7])
    assert table.keys == keys and len(table) == 5_000
    assert [table.row(k) for k in keys[::499]] == list(range(0, 5_000, 499))
    assert table.row("key5000") is None and "key4999" in table and "nokey" not in table
    assert table.row(None) is None and 3 not in table


def test_repeated_keys_name_the_line_of_the_first_definition(tmp_path):
    messages = [p.message for p in parse_text(REPEATS, "lib.bib").problems if p.check == "duplicate-key"]
    assert messages == [
        "key 'a' is defined again (first defined at line 1); only the first is used",
        "key 'a' is defined again (first defined at line 1); only the first is used",
        "key 'c' is defined again (first defined at line 5); only the first is used"]
    path = tmp_path / "lib.bib"
    path.write_text(REPEATS, encoding="utf-8")
    lib = load_library([path])  # the cold load streams the file into its index
    assert [p.message for p in lib.problems if p.check == "duplicate-key"] == messages
    assert [e.key for e in lib] == ["a", "b", "c"] and lib.get("a").title == "First a"


def test_a_document_knows_each_key_its_first_span_and_how_often_it_is_defined(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text(REPEATS, encoding="utf-8")
    doc = BibDocument.load(path)
    assert list(doc.spans) == ["a", "b", "c"] and len(doc.spans) == 3
    assert dict(doc.definitions) == {"a": 3, "b": 1, "c": 2}
    assert doc.entry_text("a") == "@misc{a, title = {First a}}"
    assert doc.entry_text("c") == "@misc{c, title = {C}}"
    assert "d" not in doc.spans and doc.spans.count("d") == 0


def _peak_of_load(tmp_path, count: int) -> int:
    path = tmp_path / f"tiny{count}.bib"
    path.write_text("".join(f"@misc{{k{i},}}\n" for i in range(count)), encoding="utf-8")
    tracemalloc.start()
    try:
        BibDocument.load(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_a_document_of_tiny_entries_holds_little_beside_each_key(tmp_path):
    """What `set` holds for each entry of a file it edits: its key, row, offsets and line, with
    the file's bytes and text (150 bytes a key here; before, with two sets and a second list of
    the keys as well: 250)."""
    _peak_of_load(tmp_path, 1_000)  # modules and tables made once per process
    small, large = _peak_of_load(tmp_path, 20_000), _peak_of_load(tmp_path, 40_000)
    assert large < 2.3 * small
    assert large / 40_000 < 200, f"{large / 40_000:.0f} bytes a key"
