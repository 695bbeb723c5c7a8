"""A cold load parses each .bib file straight into its index, entry by entry, and reads the
library from that index: the same library as a fresh parse, raw text exactly as written,
whatever the file's encoding, size or damage (memory figures: benchmarks/hostile.py)."""

from __future__ import annotations

import pytest

from litcheck import checks
from litcheck.checks import all_checks, run_checks
from litcheck.library import bibblocks
from litcheck.library.bibfile import parse_text
from litcheck.library.core import load_library


def entries(lib) -> list[tuple]:
    return [(e.key, e.type, dict(e.fields), e.line, dict(e.field_lines), e.raw) for e in lib]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_show_bib_gives_the_exact_bytes_after_a_cold_load(tmp_path, cache, run_cli):
    entry = '@article{zoë2020,\r\n  title = {Überblick — “quoted” 日本},\r\n  journal = J,\r\n}'
    data = ("\ufeff% a comment with ünïcode\r\n@string{J = {Journal of Ä}}\r\n" + entry
            + "\r\n\r\n@misc{plain2021, title = {After}}\r\n").encode("utf-8")
    path = tmp_path / "refs.bib"
    path.write_bytes(data)
    shown = run_cli("show", "zoë2020", "--bib", str(path), "--format", "bib")
    assert shown.exit_code == 0
    assert shown.stdout_bytes.decode("utf-8").rstrip("\n") == entry  # the cold run reads the index it wrote
    lib = load_library([path])
    assert lib.cache_status == ["fresh"] and lib.get("zoë2020").raw == entry
    assert lib.get("zoë2020").fields["journal"] == "Journal of Ä"
    assert data[data.index(b"@misc"):].decode().startswith(lib.get("plain2021").raw)


def test_cold_load_equals_a_fresh_parse_for_a_file_cut_short(tmp_path, cache, monkeypatch):
    """A file that stops after too many broken blocks: a macro defined only after that point
    is not seen, as when the file is parsed whole (the streamed reader resolves it again)."""
    monkeypatch.setattr(bibblocks, "MAX_FAILED_BLOCKS", 5)
    path = tmp_path / "cut.bib"
    path.write_text("@misc{early2020, publisher = late}\n" + "@{\n" * 20
                    + '@string{late = "Defined Too Late"}\n@misc{after2020, title = {x}}\n', encoding="utf-8")
    fresh = load_library([path], use_cache=False)
    cold = load_library([path])
    assert entries(cold) == entries(fresh)
    assert cold.get("early2020").fields["publisher"] == "late"
    assert [p.message for p in cold.problems] == [p.message for p in fresh.problems]


def test_a_file_parsed_in_parts_streams_the_same_entries(tmp_path, cache, monkeypatch):
    text = ("@string{org = {Example Institute}}\n"
            + "".join(f"@techreport{{k{i}, title = {{Report {i} ü}}, institution = org, year = {{20{i % 90:02d}}}}}\n"
                      for i in range(2_500))
            + "@misc{k7, title = {Again}}\n")
    path = tmp_path / "big.bib"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(bibblocks, "PARALLEL_MIN_CHARS", 0)  # parts in other processes
    cold = load_library([path])
    whole = parse_text(text, str(path), parallel=False)
    assert [(e.key, e.fields, e.line, e.raw) for e in cold] == [(e.key, e.fields, e.line, e.raw) for e in whole.entries]
    assert [p.message for p in cold.problems] == [p.message for p in whole.problems]
    assert "first defined at line 9" in cold.problems[0].message


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])  # latin-1: raw text kept in the records
def test_entries_made_in_the_other_process_are_those_of_a_whole_parse(tmp_path, cache, monkeypatch, encoding):
    """The later part's entries are resolved and made into records in a worker: macros of this
    file and of the file before, fields too long, repeated keys, as when parsed in one piece."""
    from litcheck.index.load import load_bib_files
    from litcheck.library import bibfile

    monkeypatch.setattr(bibfile, "MAX_FIELD_CHARS", 30)
    defs = tmp_path / "defs.bib"
    defs.write_text("@string{ext = {From Before}}\n", encoding="utf-8")
    text = ("@string{org = {Institut é}}\n"
            + "".join(f"@techreport{{k{i}, title = {{Report {i} é}}, institution = org{' # ext' if i > 1500 else ''},"
                      f" note = {{{'x' * (40 if i % 700 == 0 else 3)}}}, month = {'nomacro' if i == 2400 else 'jan'}}}\n"
                      for i in range(2_500))
            + "@misc{k2, title = {Again}}\n@misc{k2100, title = {And again}}\n")
    path = tmp_path / "big.bib"
    path.write_bytes(text.encode(encoding))
    monkeypatch.setattr(bibblocks, "PARALLEL_MIN_CHARS", 0)  # parts in other processes
    cold = load_library([defs, path])
    monkeypatch.setattr(bibblocks, "PARALLEL_MIN_CHARS", 10**12)
    whole = load_library([defs, path], use_cache=False)
    assert entries(cold) == entries(whole)
    assert cold.get("k2000").fields["institution"] == "Institut " + ("é" if encoding == "utf-8" else "\ufffd") + "From Before"
    assert [(p.message, p.line) for p in cold.problems] == [(p.message, p.line) for p in whole.problems]
    assert sum(p.check == "field-too-long" for p in cold.problems) == 4
    results, _ = load_bib_files([defs, path])
    assert list(results[1][1].header["external"].items()) == [("jan", None), ("ext", "From Before"), ("nomacro", None)]


def test_checks_run_together_report_what_each_reports_alone(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(checks, "ENTRY_BATCH", 2)  # batches end between entries of a check's findings
    path = tmp_path / "refs.bib"
    path.write_text(
        "@article{Bad_Key, title = {T}, year = {20x1}, doi = {https://doi.org/10.1000/x1}}\n"
        "@report{good2020, title = {Online Recruitment of Minors}, year = {2020}, url = {www.example.org}}\n"
        "@misc{good2020b, title = {Online recruitment of minors}, year = {2020}, nocheck = {bad-url}}\n"
        "@book{book2019, title = {B}, isbn = {123}, year = {2019}, url = {ftp://x}}\n"
        "@misc{good2020, title = {Shadowed}}\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    lib = load_library([path], tmp_path / "notes")
    together = run_checks(lib)
    alone = sorted((f for c in all_checks() for f in run_checks(lib, select=[c])),
                   key=lambda f: (f.file, f.line, f.check, f.key))
    assert together == alone
    assert {"key-style", "bad-date", "doi-url", "missing-field", "bad-isbn", "bad-url", "near-duplicate",
            "duplicate-key", "note-missing", "unknown-type"} <= {f.check for f in together}


def test_an_editable_document_knows_every_entry_as_a_whole_parse_does(tmp_path):
    """`set` reads a file as a stream (where each entry is, its problems and macros) and parses
    the entries themselves only when a command needs them all."""
    from litcheck.editing.bibdoc import BibDocument
    from litcheck.library.bibblocks import scan_text

    text = ("@string{pub = {Example Press}}\n"
            + "".join(f"@book{{k{i % 30}, title = {{T{i}}}, publisher = pub}}\n" for i in range(40))
            + "@misc{broken, title = {x}, title = {y}}\n")
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    doc = BibDocument.load(path)
    spans, definitions = {}, {}
    for block in scan_text(text):
        if block[0] == "E":
            spans.setdefault(block[2], (block[4], block[5]))
            definitions[block[2]] = definitions.get(block[2], 0) + 1
    assert list(doc.spans) == list(spans) and dict(doc.spans) == spans  # past the first lookups too
    assert dict(doc.definitions) == definitions and doc.definitions["k3"] == 2 and "k99" not in doc.spans
    whole = parse_text(text, str(path))
    assert doc.problems == whole.problems and doc.strings == whole.strings == {"pub": "Example Press"}
    assert [p.check for p in doc.blocking_problems()] == ["duplicate-field"]
    assert doc.parsed.entries == whole.entries
    assert doc.entry_text("k5") == "@book{k5, title = {T5}, publisher = pub}"
