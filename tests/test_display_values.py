"""The display values of a listing without a style (names, decoded title and venue, URL) are
kept per indexed .bib file and read back: the output is the same with and without them, a
second listing computes none, and values stored for other content or damaged files are not
used."""

from __future__ import annotations

from test_list_memory import CHOICES, DATA_FORMATS, _bundled, _text

from litcheck.index.store import cache_dir
from litcheck.listing import display


def _counting(monkeypatch) -> list:
    computed = []
    real = display.compute
    monkeypatch.setattr(display, "compute", lambda e: computed.append(e.key) or real(e))
    return computed


def _listings() -> list[str]:
    lib = _bundled(use_cache=True)
    out = [_text(lib, filters, sort, group_by, fmt, include_unconfirmed=True)
           for filters, sort, group_by in CHOICES for fmt in DATA_FORMATS]
    display.save()
    return out


def test_stored_values_give_the_same_listings_and_are_read_back(monkeypatch):
    computed = _counting(monkeypatch)
    whole = _bundled(use_cache=False)  # parsed: nothing stored, every value computed
    expected = [_text(whole, filters, sort, group_by, fmt, include_unconfirmed=True)
                for filters, sort, group_by in CHOICES for fmt in DATA_FORMATS]
    computed.clear()
    assert _listings() == expected
    assert len(set(computed)) > 50  # the bundled library's works, each computed once
    assert len(computed) == len(set(computed))
    computed.clear()
    assert _listings() == expected  # a new load: its values are read from the stored files
    assert computed == []


def test_values_of_other_content_or_damaged_files_are_not_used(monkeypatch, tmp_path, write_bib, run_cli):
    path = write_bib("@article{a1, author = {Zed, Ann}, title = {First}, journal = {J}, year = {2001}}\n"
                     "@article{a2, author = {Abel, Bo}, title = {Second}, journal = {J}, year = {2002}}\n")
    first = run_cli("list", "--bib", str(path), "--style", "none", "--sort", "author")
    assert first.output.index("Abel") < first.output.index("Zed")
    stored = list((cache_dir() / "derived").glob("*-display.sqlite"))
    assert len(stored) == 1
    path.write_text(path.read_text().replace("Zed, Ann", "Aaron, Ann"))  # same rows, other names
    second = run_cli("list", "--bib", str(path), "--style", "none", "--sort", "author")
    assert "Aaron" in second.output and "Zed" not in second.output
    assert second.output.index("Aaron") < second.output.index("Abel")
    stored[0].write_bytes(b"not a database")
    computed = _counting(monkeypatch)
    third = run_cli("list", "--bib", str(path), "--style", "none", "--sort", "author")
    assert third.output == second.output and len(computed) == 2
