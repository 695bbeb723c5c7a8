"""The cached index: the same Library as a fresh parse, rebuilt whenever anything changed,
never trusted when damaged, never written with --no-cache, always written atomically."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from litcheck.index import bibindex as cache
from litcheck.index.bibindex import BibIndex, CorruptIndex, LazyEntry, index_path
from litcheck.index.load import notes_index_path
from litcheck.index.store import cache_dir
from litcheck.cli import main
from litcheck.library.entry import Entry
from litcheck.library.core import load_library

DATA = Path(__file__).parent / "data"

NOTE = """---
key: plain2020a
topics: [csam]
---
## What it is

A note that cites [@Macros2021b, p. 3] and [@nowhere2000x].
"""

BAD_NOTE = """---
key: [unclosed
---
Body.
"""


@pytest.fixture
def lib_dir(tmp_path, monkeypatch):
    """A library (three .bib files, two notes) in tmp_path, and a private cache directory."""
    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    refs = tmp_path / "refs"
    refs.mkdir()
    shutil.copy(DATA / "macros-defs.bib", refs / "a-defs.bib")
    shutil.copy(DATA / "macros-use.bib", refs / "b-use.bib")
    shutil.copy(DATA / "parser-tricky.bib", refs / "c-tricky.bib")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "plain2020a.md").write_text(NOTE, encoding="utf-8")
    (notes / "broken.md").write_text(BAD_NOTE, encoding="utf-8")
    return tmp_path


def bibs(root: Path) -> list[Path]:
    return sorted((root / "refs").glob("*.bib"))


def load(root: Path, use_cache: bool = True):
    return load_library(bibs(root), root / "notes", use_cache=use_cache)


def snapshot(lib) -> tuple:
    """Everything a Library holds, as plain data (entries field by field)."""
    def entry(e):
        return (e.key, e.type, dict(e.fields), e.file, e.line, dict(e.field_lines), e.raw)

    return ([entry(e) for e in lib], [entry(e) for e in lib.shadowed], list(lib.problems),
            {k: (n.path, n.meta, n.body, n.body_line, n.links) for k, n in lib.notes.items()},
            lib.bib_files, lib.notes_dir, {k: v for k, v in lib.backlinks.items()})


def test_cached_library_equals_fresh_parse(lib_dir):
    fresh = load(lib_dir, use_cache=False)
    cold = load(lib_dir)  # parses and writes the index
    warm = load(lib_dir)  # reads it
    assert warm.cache_status == ["fresh"] * 3
    assert snapshot(fresh) == snapshot(cold) == snapshot(warm)
    assert all(isinstance(e, LazyEntry) for e in warm)
    assert all(fresh.get(e.key) == e and e == fresh.get(e.key) for e in warm)  # Entry == LazyEntry
    assert [p.check for p in warm.problems].count("front-matter-error") == 1
    assert warm.cache_key and warm.cache_key == cold.cache_key
    e = warm.get("Macros2021b")
    assert e.title.startswith("Macro Association") and e.year == 2021
    assert isinstance(pickle.loads(pickle.dumps(e)), Entry)
    assert dict(warm.entries) == dict(fresh.entries)


def test_warm_entries_are_created_lazily(lib_dir):
    load(lib_dir)
    warm = load(lib_dir)
    assert "last2011l" in warm.entries and len(warm.entries) == len(load(lib_dir, use_cache=False).entries)
    entry = warm.entries["last2011l"]
    assert entry.keywords == ["csam", "grooming", "statistics"]  # from the index header
    assert entry._fields is None  # ... without reading the entry's record
    assert entry.fields["title"] == "Last one" and entry._fields is not None


def test_bib_content_change_rebuilds_only_that_file(lib_dir):
    load(lib_dir)
    path = lib_dir / "refs" / "c-tricky.bib"
    path.write_text(path.read_text().replace("Last one", "Changed title, longer"), encoding="utf-8")
    lib = load(lib_dir)
    assert lib.cache_status == ["fresh", "fresh", "stale (parsed)"]
    assert lib.get("last2011l").title == "Changed title, longer"
    assert load(lib_dir).get("last2011l").title == "Changed title, longer"


def test_same_size_edit_with_old_mtime_is_caught_by_the_hash(lib_dir):
    load(lib_dir)
    path = lib_dir / "refs" / "c-tricky.bib"
    st = path.stat()
    path.write_text(path.read_text().replace("Last one", "Last two"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime: only the hash differs
    assert load(lib_dir).get("last2011l").title == "Last two"


def test_touched_but_unchanged_file_keeps_its_index(lib_dir):
    load(lib_dir)
    path = lib_dir / "refs" / "c-tricky.bib"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10**10))  # mtime changes, bytes do not
    lib = load(lib_dir)
    assert lib.cache_status[2] in ("touched", "fresh")
    assert BibIndex.open(index_path(path)).header["mtime_ns"] == st.st_mtime_ns - 10**10
    assert snapshot(lib)[0] == snapshot(load(lib_dir, use_cache=False))[0]


def test_changed_macro_file_reparses_the_file_that_uses_it(lib_dir):
    load(lib_dir)
    defs = lib_dir / "refs" / "a-defs.bib"
    defs.write_text(defs.read_text().replace("Journal of Fish Biology", "J. Fish Biol."), encoding="utf-8")
    lib = load(lib_dir)
    assert lib.cache_status[:2] == ["stale (parsed)", "macros changed (parsed)"]
    assert lib.get("fish2001a").get("journal") == "J. Fish Biol."


def test_file_added_and_removed(lib_dir):
    load(lib_dir)
    extra = lib_dir / "refs" / "d-extra.bib"
    extra.write_text("@misc{extra2024z, title = {Added}, year = {2024}}\n", encoding="utf-8")
    lib = load(lib_dir)
    assert lib.get("extra2024z") is not None and lib.cache_status[-1] == "new (parsed)"
    extra.unlink()
    lib = load(lib_dir)
    assert lib.get("extra2024z") is None and lib.cache_status == ["fresh"] * 3


def test_note_changed_added_removed(lib_dir):
    load(lib_dir)
    note = lib_dir / "notes" / "plain2020a.md"
    note.write_text(NOTE.replace("[@Macros2021b, p. 3]", "[@last2011l, p. 9]"), encoding="utf-8")
    lib = load(lib_dir)
    assert [l.key for l in lib.notes["plain2020a"].links] == ["last2011l", "nowhere2000x"]
    assert lib.cited_by("last2011l") == ["plain2020a"] and lib.cited_by("Macros2021b") == []
    (lib_dir / "notes" / "last2011l.md").write_text("---\nkey: last2011l\n---\nNew note.\n", encoding="utf-8")
    assert "last2011l" in load(lib_dir).notes
    (lib_dir / "notes" / "broken.md").unlink()
    lib = load(lib_dir)
    assert "broken" not in lib.notes and not [p for p in lib.problems if p.check == "front-matter-error"]
    assert snapshot(lib) == snapshot(load(lib_dir, use_cache=False))


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) - 7])
    elif how == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "wrong-version":
        at = len(cache.MAGIC)
        path.write_bytes(data[:at] + (cache.FORMAT + 1).to_bytes(4, "little") + data[at + 4:])
    elif how == "header-flipped":
        at = len(cache.MAGIC) + cache._HEAD.size + cache._DIGEST + 10
        path.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:])
    elif how == "record-flipped":
        path.write_bytes(data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:])


@pytest.mark.parametrize("how", ["truncated", "garbage", "empty", "wrong-version", "header-flipped"])
def test_corrupt_index_is_detected_and_rebuilt(lib_dir, how):
    fresh = snapshot(load(lib_dir, use_cache=False))
    load(lib_dir)
    target = index_path(lib_dir / "refs" / "c-tricky.bib")
    _damage(target, how)
    with pytest.raises(CorruptIndex):
        BibIndex.open(target)
    lib = load(lib_dir)
    assert lib.cache_status[2] == "corrupt (parsed)"
    assert snapshot(lib) == fresh
    BibIndex.open(target)  # rebuilt: valid again
    assert snapshot(load(lib_dir)) == fresh


def test_damaged_record_is_read_from_the_source_instead(lib_dir):
    fresh = snapshot(load(lib_dir, use_cache=False))
    load(lib_dir)
    target = index_path(lib_dir / "refs" / "c-tricky.bib")
    _damage(target, "record-flipped")  # the header still checks out; the last record does not
    lib = load(lib_dir)
    assert snapshot(lib) == fresh
    assert not target.exists() or BibIndex.open(target)  # the damaged index was dropped


def test_corrupt_notes_index_is_rebuilt(lib_dir):
    fresh = snapshot(load(lib_dir, use_cache=False))
    load(lib_dir)
    target = notes_index_path(lib_dir / "notes")
    target.write_bytes(target.read_bytes()[:40])
    assert snapshot(load(lib_dir)) == fresh
    assert snapshot(load(lib_dir)) == fresh


def test_no_cache_never_writes(lib_dir, monkeypatch):
    monkeypatch.delenv("LITCHECK_BIB", raising=False)
    monkeypatch.delenv("LITCHECK_NOTES", raising=False)
    args = ["--bib", str(lib_dir / "refs"), "--notes", str(lib_dir / "notes"), "--no-cache"]
    for command in (["check", *args], ["stats", *args]):
        CliRunner().invoke(main, command, catch_exceptions=False)
    load(lib_dir, use_cache=False)
    assert not (lib_dir / "cache").exists()
    CliRunner().invoke(main, ["check", *args[:-1]], catch_exceptions=False)
    assert any((lib_dir / "cache").rglob("*.idx"))


def test_index_is_written_atomically(lib_dir, monkeypatch):
    load(lib_dir)
    target = index_path(lib_dir / "refs" / "c-tricky.bib")
    before = target.read_bytes()
    path = lib_dir / "refs" / "c-tricky.bib"
    path.write_text(path.read_text() + "\n@misc{new2025n, title = {New}}\n", encoding="utf-8")

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    lib = load(lib_dir)  # the write fails: the command still works
    assert lib.get("new2025n") is not None
    assert target.read_bytes() == before  # the old index is intact, not half-written
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(lib_dir / "cache"))
    assert load(lib_dir).get("new2025n") is not None
    assert load(lib_dir).cache_status[2] == "fresh"


def test_cache_lives_outside_the_library_and_cache_command(lib_dir, monkeypatch):
    load(lib_dir)
    assert not list(lib_dir.joinpath("refs").rglob(".litcheck"))
    assert cache_dir() == lib_dir / "cache"
    runner = CliRunner()
    monkeypatch.delenv("LITCHECK_BIB", raising=False)
    out = runner.invoke(main, ["cache", "info", "--bib", str(lib_dir / "refs")], catch_exceptions=False).output
    assert "fresh" in out and str(lib_dir / "cache") in out
    assert "Examples:" in runner.invoke(main, ["cache", "--help"]).output
    out = runner.invoke(main, ["cache", "clear"], catch_exceptions=False).output
    assert out.startswith("removed 4 index file(s)")
    assert not list((lib_dir / "cache").rglob("*.idx"))


def test_unwritable_cache_directory_is_not_an_error(lib_dir, monkeypatch):
    blocker = lib_dir / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(blocker))
    assert snapshot(load(lib_dir)) == snapshot(load(lib_dir, use_cache=False))


def test_entry_map_behaves_like_a_dict(lib_dir):
    empty = lib_dir / "refs" / "0-empty.bib"
    empty.write_text("% nothing here\n", encoding="utf-8")
    fresh = load(lib_dir, use_cache=False)
    load(lib_dir)
    warm = load(lib_dir)
    entries = warm.entries
    assert len(entries) == len(fresh.entries) and list(entries) == list(fresh.entries)
    assert entries == fresh.entries and dict(entries.items()) == dict(fresh.entries)
    assert "plain2020a" in entries and entries.get("nope") is None
    entries["extra"] = Entry("extra", "misc", {"title": "x"})
    assert warm.get("extra").title == "x" and len(entries) == len(fresh.entries) + 1
    del entries["extra"]
    assert list(entries.values()) == list(fresh.entries.values())
    alone = load_library([empty], None)
    alone = load_library([empty], None)
    assert len(alone.entries) == 0 and list(alone.entries.values()) == [] and list(alone) == []


def test_a_few_lookups_by_key_agree_with_the_whole_map(tmp_path, monkeypatch):
    """`search` and `show` look up a few keys of a big library; however the entries are found,
    a key gives the same entry object every time, and a missing key is missing."""
    from litcheck.index import entrymap

    monkeypatch.setattr(entrymap, "EARLY_LOOKUPS", 16)
    bib = tmp_path / "many.bib"
    bib.write_text("".join(f"@misc{{k{i}, title = {{Work {i}}}, year = {{{2000 + i % 20}}}}}\n" for i in range(200)))
    load_library([bib], None)  # writes the index
    warm = load_library([bib], None)
    first = warm.get("k150")
    assert first.title == "Work 150" and warm.get("k150") is first and warm.get("absent") is None
    for i in range(entrymap.EARLY_LOOKUPS + 5):  # past the early lookups: the map is built
        assert warm.get(f"k{i}").title == f"Work {i}"
    assert warm.entries["k150"] is first and "k150" in warm.entries and "absent" not in warm.entries
    assert [e.key for e in warm] == [f"k{i}" for i in range(200)]
    assert dict(warm.entries.items())["k150"] is first
    again = load_library([bib], None)
    again.get("k3")
    assert list(again.entries.values())[3] is again.get("k3") and len(again.entries) == 200


def test_keys_are_found_without_reading_the_whole_key_list(tmp_path):
    """A warm `show`/`search` finds its keys by binary search in the index: keys that are
    prefixes of others, non-ASCII keys and absent keys on either side of the order all answer
    as the whole map does."""
    bib = tmp_path / "keys.bib"
    keys = ["b", "ba", "a2", "Zoë2020", "zoe2020", "é", "a10", "a1", "k:x/y"]
    bib.write_text("".join(f"@misc{{{k}, title = {{T {k}}}}}\n" for k in keys), encoding="utf-8")
    load_library([bib], None)
    warm = load_library([bib], None)
    for key in keys:
        assert key in warm.entries and warm.get(key).title == f"T {key}"
    for absent in ["", "0", "a", "bb", "zzz", "Zoë", "éé", "\U0001f600"]:
        assert absent not in warm.entries and warm.get(absent) is None
    assert [e.key for e in warm] == keys
    assert warm.get("Zoë2020").line == 4 and warm.get("é").type == "misc"


def test_damaged_key_column_is_read_from_the_source_instead(lib_dir):
    fresh = snapshot(load(lib_dir, use_cache=False))
    load(lib_dir)
    target = index_path(lib_dir / "refs" / "c-tricky.bib")
    index = BibIndex.open(target)
    offset, length, _ = index.header["columns"]["keys"]
    at = index._columns_at + offset + length // 2
    data = target.read_bytes()
    target.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:])
    BibIndex.open(target)  # the header checks out: the column is checked when it is read
    assert snapshot(load(lib_dir)) == fresh
    assert not target.exists()  # dropped, so the next load rebuilds it
    assert snapshot(load(lib_dir)) == fresh


REPLACED = """@article{one, title = {First}, year = 2001}
@article{two, title = {Second work}, year = 2002}
@book{three, title = {Third}, year = 2003}
"""


@pytest.mark.parametrize("warm", [False, True])
def test_raw_text_comes_from_the_file_that_was_checked(tmp_path, monkeypatch, warm):
    """A writer renames a new file over the source after the library was loaded: each entry's
    raw text and fields still come from the same bytes (the file as checked), not from the new
    file at the old offsets."""
    from litcheck.library.bibfile import parse_text

    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "refs.bib"
    path.write_text(REPLACED, encoding="utf-8")
    expected = {e.key: (e.raw, dict(e.fields)) for e in parse_text(REPLACED, str(path)).entries}
    if warm:
        load_library([path], None)  # builds the index: the next load is warm
    lib = load_library([path], None)
    entries = [lib.entries[key] for key in ("one", "two", "three")]
    assert all(isinstance(e, LazyEntry) for e in entries)
    new = tmp_path / "new.bib"
    new.write_text("% a longer preamble moves every entry\n" * 3 + REPLACED.replace("Second work", "Other"),
                   encoding="utf-8")
    os.replace(new, path)
    for e in entries:
        assert (e.raw, dict(e.fields)) == expected[e.key]
    assert load_library([path], None).entries["two"].title == "Other"  # a new load sees the new file


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files through /proc")
def test_loading_small_libraries_again_and_again_leaves_no_file_open(tmp_path, monkeypatch):
    """Each load holds its index mapped and its source open while used; once a small library is
    dropped both are closed (a long process, like the test suite, would run out of files)."""
    import gc

    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "refs.bib"
    path.write_text(REPLACED, encoding="utf-8")
    load_library([path], None)
    gc.collect()
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(30):
        library = load_library([path], None)
        assert [e.raw.split("{")[0] for e in library] == ["@article", "@article", "@book"]
        del library
    gc.collect()
    assert len(os.listdir("/proc/self/fd")) - before < 5
