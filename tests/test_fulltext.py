"""The SQLite full-text index behind `search`: query syntax, and a cached file that is built
once per library state, never answers for stale data or code, and is never half-built."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from litcheck.index import fulltext
from litcheck.index.sqlitefile import path_for
from litcheck.index.store import cache_dir
from litcheck.library.core import load_library
from litcheck.listing.search import search_library, search_page

BIB = r"""
@article{mitchell2024tor,
  author = {Mitchell, Kimberly and M{\"u}ller, Jonas},
  title = {Tor Hidden Services and Child Abuse Forums},
  journal = {Journal of Online Safety},
  year = {2024},
}
@techreport{unodc2020global,
  author = {{United Nations Office on Drugs and Crime}},
  title = {Global Report on Trafficking in Persons 2020},
  institution = {UNODC},
  year = {2020},
}
"""


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "lib.bib"
    path.write_text(textwrap.dedent(BIB), encoding="utf-8")
    return path


def index_files() -> list[Path]:
    return sorted((cache_dir() / "derived").glob("*search*"))


def keys(lib, query: str) -> list[str]:
    return [h.key for h in search_library(lib, query)]


def test_match_expression_phrases_and_prefixes():
    assert fulltext.match_expression(["hidden services", "tor"]) == '"hidden services"* AND "tor"*'
    assert fulltext.match_expression(["10.1016/j.fish"]) == '"10 1016 j fish"*'
    assert fulltext.match_expression(["tor", "--"]) == ""


def test_phrases_prefixes_accents_and_all_terms(bib):
    lib = load_library([bib], None, use_cache=False)
    assert keys(lib, '"hidden serv"') == ["mitchell2024tor"]
    assert keys(lib, "hidden forums") == ["mitchell2024tor"]
    assert keys(lib, '"hidden forums"') == []
    assert keys(lib, "traffick") == ["unodc2020global"]
    assert keys(lib, "muller") == keys(lib, "Müller") == ["mitchell2024tor"]
    assert keys(lib, "rafficking") == [] and keys(lib, "tor persons") == []


def test_page_counts_every_match(bib):
    lib = load_library([bib], None, use_cache=False)
    hits, total = search_page(lib, "20", limit=1)  # both years start with 20
    assert len(hits) == 1 and total == 2


def test_index_file_is_built_once_and_then_only_read(bib, monkeypatch):
    lib = load_library([bib], None)
    assert keys(lib, "tor") == ["mitchell2024tor"]
    files = index_files()
    assert len(files) == 1 and files[0].suffix == ".sqlite"
    before = os.stat(files[0])

    def no_build(*args):
        raise AssertionError("rebuilt a fresh index")

    monkeypatch.setattr(fulltext, "_create", no_build)
    assert keys(load_library([bib], None), "hidden") == ["mitchell2024tor"]
    assert os.stat(files[0]).st_ino == before.st_ino and index_files() == files


def test_changed_library_or_code_rebuilds(bib, monkeypatch):
    assert keys(load_library([bib], None), "salmon") == []
    with open(bib, "a", encoding="utf-8") as out:
        out.write("@misc{fish2001, title = {Salmon runs}, year = {2001}}\n")
    assert keys(load_library([bib], None), "salmon") == ["fish2001"]
    inode = os.stat(index_files()[0]).st_ino
    monkeypatch.setattr("litcheck.index.fingerprint.code_fingerprint", lambda: "another version")
    assert keys(load_library([bib], None), "salmon") == ["fish2001"]
    assert os.stat(index_files()[0]).st_ino != inode and len(index_files()) == 1


def test_failed_build_leaves_no_file_and_still_answers(bib, monkeypatch):
    real = fulltext._create
    calls = []

    def failing(conn, *args):
        calls.append(1)
        if len(calls) == 1:  # the build into the cache file fails half-way
            conn.execute("CREATE TABLE half (x)")
            raise fulltext.sqlite3.OperationalError("disk full")
        return real(conn, *args)

    monkeypatch.setattr(fulltext, "_create", failing)
    assert keys(load_library([bib], None), "tor") == ["mitchell2024tor"]  # answered from memory
    assert index_files() == [] and not [p for p in (cache_dir() / "derived").iterdir() if p.name.endswith(".tmp")]


def test_planted_link_is_replaced_not_followed(bib, tmp_path):
    lib = load_library([bib], None)
    target = path_for(lib, "-search.sqlite")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    target.symlink_to(victim)
    assert keys(lib, "tor") == ["mitchell2024tor"]
    assert victim.read_text() == "keep me" and not target.is_symlink()


def _indexed_library(tmp_path: Path, count: int):
    """`count` works of about 3 kB of fields each, read through a warm library index."""
    abstract = "Words of an abstract about online exploitation and its study. " * 45
    path = tmp_path / f"lib{count}.bib"
    path.write_text("".join(f"@article{{w{i},\n  title = {{Title {i}}},\n  year = {{2020}},\n"
                            f"  abstract = {{{abstract}{i}}},\n}}\n\n" for i in range(count)), encoding="utf-8")
    load_library([path])
    return load_library([path])


def _peak_of_first_search(lib) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        keys(lib, "abstract")  # builds the full-text index, then answers
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_building_the_index_holds_one_entrys_fields_at_a_time(tmp_path):
    """The rows are made from entries read once and let go: the build's memory does not grow
    with the entries' fields (the 99k-entry file's first search held them all: 618 MB)."""
    _peak_of_first_search(_indexed_library(tmp_path, 100))  # modules and tables made once per process
    small, large = (_peak_of_first_search(_indexed_library(tmp_path, n)) for n in (1_000, 2_000))
    assert (large - small) / 1_000 < 1_500, f"{(large - small) / 1_000:.0f} bytes a work"
