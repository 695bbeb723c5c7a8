"""The scanner's index of the library kept in SQLite (index.scanindex): a scan answers the same
whether the index was just built, read back from the cache, or never cached; a changed library
or a damaged file is never used."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

from litcheck.index.sqlitefile import path_for
from litcheck.library.core import load_library
from litcheck.scan.pipeline import Scanner

DATA = Path(__file__).parent / "data" / "scan"
DOCUMENTS = ["footnoted.txt", "authordate.md", "markdown.md", "numeric.txt", "registry-cited.md"]


def scans(library) -> str:
    scanner = Scanner(library)
    return json.dumps([scanner.scan_path(DATA / name).as_dict() for name in DOCUMENTS], sort_keys=True)


def data(work) -> list:
    return [getattr(work, f.name) for f in dataclasses.fields(work) if f.compare]


def copy_library(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copy(DATA / "lib.bib", tmp_path / "lib.bib")
    shutil.copytree(DATA / "notes", tmp_path / "notes")
    return tmp_path / "lib.bib", tmp_path / "notes"


def test_stored_index_answers_as_the_built_one(tmp_path):
    bib, notes = copy_library(tmp_path)
    fresh = scans(load_library([bib], notes, use_cache=False))
    assert scans(load_library([bib], notes)) == fresh  # builds and stores the index
    library = load_library([bib], notes)
    assert path_for(library, "-scan.sqlite").is_file()
    index = Scanner(library).index
    assert type(index.works).__name__ == "StoredWorks"  # read from the file, not rebuilt
    assert scans(library) == fresh
    built = Scanner(load_library([bib], notes, use_cache=False)).index
    assert list(index.works) == list(built.works) and len(index.works) == len(built.works)
    for key, work in built.works.items():
        assert data(index.works[key]) == data(work) and index.get(key).entry is library.get(key)
    assert index.by_token.get("zzzz-absent") is None and index.by_creator.get("zzzz-absent", set()) == set()
    some = next(iter(built.by_token))
    assert index.by_token[some] == built.by_token[some]


def test_changed_library_is_not_answered_from_the_old_index(tmp_path):
    bib, notes = copy_library(tmp_path)
    scans(load_library([bib], notes))
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text + "\n@misc{zz2023new, author = {Quill, Ada}, title = {A Wholly New Survey}, year = {2023}}\n",
                   encoding="utf-8")
    library = load_library([bib], notes)
    assert "zz2023new" in Scanner(library).index.works
    assert scans(library) == scans(load_library([bib], notes, use_cache=False))


def test_damaged_index_file_is_rebuilt_not_trusted(tmp_path):
    bib, notes = copy_library(tmp_path)
    fresh = scans(load_library([bib], notes, use_cache=False))
    library = load_library([bib], notes)
    scans(library)
    target = path_for(library, "-scan.sqlite")
    target.write_bytes(os.urandom(target.stat().st_size))
    assert scans(load_library([bib], notes)) == fresh
    assert scans(load_library([bib], notes)) == fresh
