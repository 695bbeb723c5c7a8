"""Commands that write (set, tag, tidy, add, import) and the guarantees behind them:
byte-exact round trips, refusal of broken libraries, locking, backups, atomic writes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from litcheck.editing.bibdoc import BibDocument, RefuseWrite, entry_layout
from litcheck.library.bibfile import parse_file, parse_text
from litcheck.editing.entryedit import remove_field, retag, set_field
from litcheck.editing.tidy import tidy_documents, tidy_entry
from litcheck.editing.writing import refuse_if_broken

LIBRARY = """\
% My library -- hand-kept since 2015.
@string{ unodc = "United Nations Office on Drugs and Crime" }

@techreport{unodc2020global,
  author = {{United Nations Office on Drugs and Crime}},
  title = {Global Report on Trafficking in Persons 2020},
  institution = unodc,
  year = 2020,
  month = dec,
  keywords = {statistics, recruitment},
  sourcekind = {official-report},
  verification = {confirmed},
  x-private = {my own field, kept},
}

@comment{ reading group notes: keep this block exactly }

@Article{Smith:2019,
    Author = "Smith, Jane and Doe, Ann",
    Title  = "Online Grooming: A {Review}",
    Journal= {Child Abuse {\\&} Neglect},
    Year   = {2019}, Volume = 12, Pages = {1--20},
    Keywords = {grooming},
    sourcekind = {peer-reviewed}, verification = {partly}
}
"""


@pytest.fixture
def lib(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text(LIBRARY, encoding="utf-8")
    return path


# --- round trips -----------------------------------------------------------------------------

def test_unchanged_document_renders_to_identical_bytes(tmp_path):
    data = ("\ufeff% bom and CRLF\r\n@string{x = {y}}\r\n@preamble{\"\\newcommand{\\noop}[1]{}\"}\r\n"
            "@article(paren2020, title = \"Quoted\" # x, year = 2020)\r\n\r\ntrailing free text").encode()
    path = tmp_path / "odd.bib"
    path.write_bytes(data)
    assert BibDocument.load(path).render() == data


def test_set_changes_only_that_value(lib, run_cli):
    before = lib.read_text()
    result = run_cli("set", "--bib", str(lib), "--backups", "0", "unodc2020global", "year", "2021")
    assert result.exit_code == 0, result.output
    after = lib.read_text()
    assert after == before.replace("  year = 2020,", "  year = {2021},")


def test_set_adds_field_in_the_entrys_own_layout_and_unset_restores_bytes(lib, run_cli):
    before = lib.read_text()
    assert run_cli("set", "--bib", str(lib), "Smith:2019", "doi", "10.1000/xyz").exit_code == 0
    after = lib.read_text()
    assert '    Keywords = {grooming},\n    sourcekind = {peer-reviewed}, verification = {partly},\n    doi' in after
    assert after.startswith(before[: before.index("@Article")])  # everything before: untouched
    assert run_cli("set", "--bib", str(lib), "Smith:2019", "doi", "--unset").exit_code == 0
    assert lib.read_text() == before


def test_set_refuses_unbalanced_braces_and_escapes_bare_specials(lib, run_cli):
    before = lib.read_bytes()
    bad = run_cli("set", "--bib", str(lib), "Smith:2019", "title", "Broken {value")
    assert bad.exit_code == 2 and "unbalanced" in bad.output and lib.read_bytes() == before
    ok = run_cli("set", "--bib", str(lib), "Smith:2019", "note", "Sex & Crime, 50% #1")
    assert ok.exit_code == 0
    assert r"note = {Sex \& Crime, 50\% \#1}" in lib.read_text()
    url = run_cli("set", "--bib", str(lib), "Smith:2019", "url", "https://example.org/a#b%20c")
    assert url.exit_code == 0 and "{https://example.org/a#b%20c}" in lib.read_text()


def test_set_unknown_key_or_bad_field_name_exits_2_and_writes_nothing(lib, run_cli):
    before = lib.read_bytes()
    assert run_cli("set", "--bib", str(lib), "nokey", "year", "2020").exit_code == 2
    assert run_cli("set", "--bib", str(lib), "Smith:2019", "bad field", "x").exit_code == 2
    assert lib.read_bytes() == before and not (lib.parent / ".litcheck-backups").exists()


def test_tag_adds_and_removes_topics_and_checks_the_vocabulary(lib, run_cli):
    assert run_cli("tag", "--bib", str(lib), "unodc2020global", "Smith:2019",
                   "--add", "csam", "--remove", "recruitment").exit_code == 0
    entries = {e.key: e for e in parse_file(lib).entries}
    assert entries["unodc2020global"].keywords == ["statistics", "csam"]
    assert entries["Smith:2019"].keywords == ["grooming", "csam"]
    before = lib.read_bytes()
    refused = run_cli("tag", "--bib", str(lib), "Smith:2019", "--add", "groming")
    assert refused.exit_code == 2 and "grooming" in refused.output and lib.read_bytes() == before


def test_field_edits_keep_trailing_comma_style():
    raw = "@misc{k,\n  title = {T},\n  year  = {2020}\n}"
    added = set_field(raw, "k", "note", "{N}")
    assert added == "@misc{k,\n  title = {T},\n  year  = {2020},\n  note  = {N}\n}"
    assert remove_field(added, "k", "note") == raw
    with_comma = "@misc{k,\n  title = {T},\n}"
    assert set_field(with_comma, "k", "year", "{2020}") == "@misc{k,\n  title = {T},\n  year = {2020},\n}"
    assert retag(raw, "k", ["a", "b"], []) == set_field(raw, "k", "keywords", "{a, b}")


# --- the real-world files --------------------------------------------------------------------

BENCH = Path(os.environ.get("LITCHECK_BENCH", Path(__file__).resolve().parents[1].parent / "shared" / "bench"))
BENCH_FILES = sorted(p for p in BENCH.glob("*.bib") if p.stat().st_size < 5_000_000) if BENCH.is_dir() else []


@pytest.mark.skipif(not BENCH_FILES, reason="../shared/bench not present")
@pytest.mark.parametrize("path", BENCH_FILES, ids=lambda p: p.name)
def test_real_file_round_trip_and_one_entry_edit(path):
    data = path.read_bytes()
    doc = BibDocument.load(path)
    if doc.blocking_problems():  # the GBK file, a repeated field: such a file is never rewritten
        with pytest.raises(RefuseWrite, match=rf"{re.escape(str(path))}:\d+"):
            refuse_if_broken(doc)
        return
    assert doc.render() == data
    editable = [k for k in doc.spans if entry_layout(doc.entry_text(k))]
    if not editable:
        return
    key = editable[len(editable) // 2]
    start, end = doc.spans[key]
    doc.replace_entry(key, set_field(doc.entry_text(key), key, "note", "{Edited by litcheck}"))
    out = doc.render().decode("utf-8-sig")
    text = data.decode("utf-8-sig")
    assert out[:start] == text[:start]  # every byte before the entry
    assert out.endswith(text[end:])  # and every byte after it
    before = {e.key: e.fields for e in parse_file(path).entries}

    reparsed = {e.key: e.fields for e in parse_text(out, str(path)).entries}
    assert reparsed[key]["note"] == "Edited by litcheck"
    assert {k: v for k, v in reparsed.items() if k != key} == {k: v for k, v in before.items() if k != key}


@pytest.mark.skipif(not BENCH_FILES, reason="../shared/bench not present")
@pytest.mark.parametrize("path", BENCH_FILES, ids=lambda p: p.name)
def test_tidy_on_real_files_keeps_every_value_and_is_idempotent(path):
    doc = BibDocument.load(path)
    if doc.blocking_problems():
        with pytest.raises(RefuseWrite):
            refuse_if_broken(doc)
        return
    before = {e.key: (e.type, e.fields) for e in doc.parsed.entries}
    result = tidy_documents([doc])
    out = doc.render().decode("utf-8-sig")
    after = {e.key: (e.type, e.fields) for e in parse_text(out, str(path)).entries}
    org_fixed = {k for _, k in result.changed}
    for key, (etype, fields) in before.items():
        a_type, a_fields = after[key]
        assert a_type == etype
        if key not in org_fixed:
            assert a_fields == fields
        else:  # values agree except where an organisation was respelled
            assert a_fields.keys() == fields.keys()
    for key in list(doc.spans)[:300]:  # tidying tidy text changes nothing
        once = tidy_entry(doc.entry_text(key))
        if once is not None:
            assert tidy_entry(once) == once


# --- tidy --------------------------------------------------------------------------------------

def test_tidy_layout_keeps_macros_comments_and_meaning(lib, run_cli):
    check = run_cli("tidy", "--bib", str(lib), "--check")
    assert check.exit_code == 1 and "Smith:2019: not tidy" in check.output
    assert run_cli("tidy", "--bib", str(lib)).exit_code == 0
    text = lib.read_text()
    assert text.startswith("% My library -- hand-kept since 2015.\n@string{ unodc = ")
    assert "@comment{ reading group notes: keep this block exactly }" in text
    assert "  institution  = unodc,\n" in text and "  month        = dec,\n" in text
    assert ("@article{Smith:2019,\n  author       = {Smith, Jane and Doe, Ann},\n"
            "  title        = {Online Grooming: A {Review}},\n") in text
    assert "  x-private    = {my own field, kept}\n}" in text
    assert run_cli("tidy", "--bib", str(lib), "--check").exit_code == 0


def test_tidy_ends_as_every_writing_command_does(lib, run_cli, tmp_path):
    """--dry-run prints the diff and writes nothing, as add, set, tag and import do; --check is a
    report, as `check` is: the untidy entries on stdout (or in -o FILE, all in one) and exit 1."""
    before = lib.read_text()
    dry = run_cli("tidy", "--bib", str(lib), "--dry-run")
    assert dry.exit_code == 0 and lib.read_text() == before
    assert f"--- {lib} (now)" in dry.output and "+  title        = {Online Grooming: A {Review}},\n" in dry.output
    report = tmp_path / "untidy.txt"
    check = run_cli("tidy", "--bib", str(lib), "--check", "--diff", "-o", str(report))
    assert check.exit_code == 1 and lib.read_text() == before
    text = report.read_text()
    assert f"--- {lib} (now)" in text and "Smith:2019: not tidy\n" in text and text.endswith(" to tidy\n")
    assert run_cli("tidy", "--bib", str(lib)).exit_code == 0 and lib.read_text() != before
    assert run_cli("tidy", "--bib", str(lib), "--dry-run").output == "tidy: nothing to change\n"


def test_tidy_respells_organisations_as_the_vocabulary_does():
    raw = "@techreport{k,\n  author = {{UN Office on Drugs and Crime} and Doe, J.},\n  institution = {International Labor Office},\n  title = {T},\n  year = {2020}\n}"
    tidy = tidy_entry(raw)
    assert "{{United Nations Office on Drugs and Crime} and Doe, J.}" in tidy
    assert "institution  = {International Labour Organization}" in tidy


def test_tidy_leaves_an_entry_it_cannot_lay_out_exactly(tmp_path, run_cli):
    path = tmp_path / "c.bib"
    path.write_text("@misc{k,\n  title = {T},\n  % a comment inside the entry\n  year = 2020\n}\n")
    result = run_cli("tidy", "--bib", str(path))
    assert result.exit_code == 0 and "left as it is" in result.output
    assert "% a comment inside the entry" in path.read_text()


def test_bundled_library_is_tidy(run_cli):
    result = run_cli("tidy", "--check")
    assert result.exit_code == 0, result.output


# --- add and import ----------------------------------------------------------------------------

def test_add_generates_key_and_refuses_duplicates(lib, run_cli):
    new = "@book{, author = {Bales, Kevin}, title = {Disposable People}, publisher = {UC Press}, year = {2012}}"
    result = run_cli("add", "--bib", str(lib), new)
    assert result.exit_code == 0, result.output
    assert "added bales2012disposable" in result.output
    again = run_cli("add", "--bib", str(lib), new.replace("{,", "{other2012,"))
    assert again.exit_code == 1 and "same work as 'bales2012disposable'" in again.output
    forced = run_cli("add", "--bib", str(lib), new.replace("{,", "{other2012,"), "--force")
    assert forced.exit_code == 0
    taken = run_cli("add", "--bib", str(lib), "@misc{other2012, title = {Unrelated}, year = 1999}")
    assert taken.exit_code == 1 and "already used" in taken.output


def test_add_reads_stdin_and_dry_run_writes_nothing(lib, run_cli, monkeypatch):
    from click.testing import CliRunner

    from litcheck.cli import main

    before = lib.read_bytes()
    text = "@misc{ecpat2021x, author = {{ECPAT}}, title = {A & B}, year = {2021}}"
    result = CliRunner().invoke(main, ["add", "--bib", str(lib), "--dry-run", "-"], input=text)
    assert result.exit_code == 0 and "+@misc{ecpat2021x," in result.output
    assert r"A \& B" in result.output  # a bare & is escaped
    assert lib.read_bytes() == before


def test_add_refuses_broken_input_with_line(lib, run_cli):
    result = run_cli("add", "--bib", str(lib), "@misc{ok2020, title = {fine}, year = 2020}\n@misc{bad2020, title = {open")
    assert result.exit_code == 2 and "<argument>:2" in result.output


def test_import_bibtex_reports_duplicates_and_renames_taken_keys(lib, tmp_path, run_cli):
    export = tmp_path / "export.bib"
    export.write_text(textwrap.dedent("""\
        @techreport{unodc2020global, author = {{UNODC}}, title = {Global report on trafficking in persons 2020},
          institution = {UNODC}, year = {2020}}
        @article{Smith:2019, author = {Jones, Tim}, title = {Something else entirely}, journal = {J}, year = {2019}}
        @article{a$(rm -rf x), author = {Roe, R.}, title = {Platform design and exploitation}, journal = {J}, year = {2022}}
        @article{dup2022, author = {Roe, R.}, title = {Platform Design and Exploitation}, journal = {J}, year = {2022}}
        """))
    dry = run_cli("import", "--bib", str(lib), str(export), "--dry-run")
    assert dry.exit_code == 0 and "nothing written" in dry.output
    result = run_cli("import", "--bib", str(lib), str(export), "--verbose")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "same work as 'unodc2020global'" in out
    assert "new, as jones2019something (its key 'Smith:2019' belongs to another entry" in out
    assert "new, as roe2022platform (its key 'a$(rm -rf x)' is not safe" in out
    assert "same work as 'roe2022platform' (earlier in this input)" in out
    keys = [e.key for e in parse_file(lib).entries]
    assert keys == ["unodc2020global", "Smith:2019", "jones2019something", "roe2022platform"]


# --- guarantees --------------------------------------------------------------------------------

def test_library_with_parse_error_is_never_rewritten(tmp_path, run_cli):
    path = tmp_path / "broken.bib"
    path.write_text("@misc{ok2020, title = {fine}, year = 2020}\n\n@misc{bad2021, title = {open, year = 2021}\n")
    before = path.read_bytes()
    for args in (["set", "ok2020", "year", "2021"], ["tidy"], ["tag", "ok2020", "--add", "csam"],
                 ["add", "@misc{n2020, title = {x}, year = 2020}"]):
        result = run_cli(*args[:1], "--bib", str(path), *args[1:])
        assert result.exit_code == 2, (args, result.output)
        assert f"{path}:3" in result.output and "does not rewrite" in result.output
    assert path.read_bytes() == before and not (tmp_path / ".litcheck-backups").exists()


def test_backups_made_once_per_run_and_pruned(lib, run_cli, monkeypatch):
    folder = lib.parent / ".litcheck-backups"
    original = lib.read_bytes()
    assert run_cli("set", "--bib", str(lib), "--backups", "2", "Smith:2019", "year", "2001").exit_code == 0
    (first,) = folder.iterdir()
    assert first.read_bytes() == original
    for year in ("2002", "2003", "2004"):
        assert run_cli("set", "--bib", str(lib), "--backups", "2", "Smith:2019", "year", year).exit_code == 0
    kept = sorted(folder.iterdir())
    assert len(kept) == 2 and "{2003}" in kept[-1].read_text()
    monkeypatch.setenv("LITCHECK_BACKUPS", "0")
    assert run_cli("set", "--bib", str(lib), "Smith:2019", "year", "2005").exit_code == 0
    assert len(list(folder.iterdir())) == 2


def test_file_permissions_survive_a_write(lib, run_cli):
    lib.chmod(0o640)
    assert run_cli("set", "--bib", str(lib), "Smith:2019", "year", "2001").exit_code == 0
    assert (lib.stat().st_mode & 0o777) == 0o640


def test_second_writer_waits_then_fails_clearly(lib, run_cli, monkeypatch):
    monkeypatch.setenv("LITCHECK_LOCK_TIMEOUT", "0.3")
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, sys, time
        h = open({str(lib.parent / '.litcheck.lock')!r}, 'a+b')
        fcntl.flock(h, fcntl.LOCK_EX)
        print('locked', flush=True)
        time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = lib.read_bytes()
        result = run_cli("set", "--bib", str(lib), "Smith:2019", "year", "2001")
        assert result.exit_code == 2 and "another litcheck process is writing" in result.output
        assert lib.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    assert run_cli("set", "--bib", str(lib), "Smith:2019", "year", "2001").exit_code == 0  # released on death


def test_file_changed_on_disk_during_the_edit_is_not_overwritten(lib):
    from litcheck.editing.bibdoc import RefuseWrite
    from litcheck.editing.writing import EditSession

    with pytest.raises(RefuseWrite, match="changed on disk"):
        with EditSession([lib], backups=0) as edit:
            doc = edit.document_of("Smith:2019")
            doc.replace_entry("Smith:2019", set_field(doc.entry_text("Smith:2019"), "Smith:2019", "year", "{1}"))
            lib.write_text(lib.read_text() + "\n% someone else's edit\n")
            edit.commit()
    assert lib.read_text().endswith("% someone else's edit\n")


def test_killed_mid_write_leaves_the_old_file_whole(lib):
    """SIGKILL the writer after the new bytes are written but before the rename."""
    before = lib.read_bytes()
    script = textwrap.dedent(f"""
        import os, signal
        import litcheck.editing.atomic as atomic
        real_fsync = os.fsync
        def die(fd):
            real_fsync(fd)
            os.kill(os.getpid(), signal.SIGKILL)
        atomic.os.fsync = die
        from litcheck.cli import main
        main(["set", "--bib", {str(lib)!r}, "--backups", "0", "Smith:2019", "title", "{{Half written}}"])
        """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == -9
    assert lib.read_bytes() == before
    assert [p.name for p in lib.parent.iterdir() if p.name.endswith(".tmp")]  # the abandoned temp file
    assert len(parse_file(lib).entries) == 2


def test_crlf_file_stays_crlf_after_edits(tmp_path, run_cli):
    path = tmp_path / "win.bib"
    path.write_bytes(b"@misc{a2020x,\r\n  title = {T},\r\n  year = 2020\r\n}\r\n")
    assert run_cli("set", "--bib", str(path), "a2020x", "note", "N").exit_code == 0
    assert run_cli("add", "--bib", str(path), "@misc{b2021y, title = {U}, year = 2021}").exit_code == 0
    data = path.read_bytes()
    assert b"\r\r" not in data and data.count(b"\n") == data.count(b"\r\n")
    assert [e.key for e in parse_file(path).entries] == ["a2020x", "b2021y"]


def test_import_ris_then_csl_json_adds_new_works_and_reports_the_rest(tmp_path, run_cli):
    data = Path(__file__).parent / "data" / "import"
    lib = tmp_path / "lib.bib"
    lib.write_text("")
    first = run_cli("import", "--bib", str(lib), str(data / "library.ris"))
    assert first.exit_code == 0, first.output
    assert "record 7: no title" in first.output and "9 records: 8 added, 0 duplicates left out, 0 updated, 1 unusable" in first.output
    after_ris = lib.read_text()
    parsed = parse_file(lib)
    assert parsed.problems == [] and len(parsed.entries) == 8
    again = run_cli("import", "--bib", str(lib), str(data / "library.ris"))
    assert "0 added, 8 duplicates left out" in again.output and lib.read_text() == after_ris
    csl = run_cli("import", "--bib", str(lib), str(data / "library.json"))
    assert csl.exit_code == 0 and "same work as 'rossi2019child'" in csl.output and "same ISBN" in csl.output
    assert lib.read_text().startswith(after_ris)  # appended: nothing before it moved


def test_a_key_defined_twice_is_not_edited_but_the_rest_of_the_library_is(tmp_path, run_cli):
    path = tmp_path / "dup.bib"
    path.write_text("@string{j = {J}}\n@string{j = {J}}\n@misc{a2020, title = {A}, year = 2020}\n"
                    "@misc{twice2020, title = {B}, year = 2020}\n@misc{twice2020, title = {C}, year = 2020}\n")
    refused = run_cli("set", "--bib", str(path), "twice2020", "year", "2021")
    assert refused.exit_code == 2 and "defined more than once" in refused.output
    assert run_cli("set", "--bib", str(path), "a2020", "year", "2021").exit_code == 0
    assert path.read_text().count("title = {C}") == 1 and "year = {2021}" in path.read_text()


def test_tidy_rename_keys_only_on_request_and_never_under_a_note(lib, tmp_path, run_cli):
    notes = tmp_path / "notes"
    notes.mkdir()
    assert run_cli("tidy", "--bib", str(lib), "--notes", str(notes)).exit_code == 0
    assert "@article{Smith:2019," in lib.read_text()  # plain tidy keeps keys
    (notes / "unodc2020global.md").write_text("---\nkey: unodc2020global\n---\nSee [@Smith:2019, p. 3].\n")
    kept = run_cli("tidy", "--bib", str(lib), "--notes", str(notes), "--rename-keys")
    assert "not renamed (notes use them): Smith:2019" in kept.output
    assert "@article{Smith:2019," in lib.read_text()
    (notes / "unodc2020global.md").unlink()
    renamed = run_cli("tidy", "--bib", str(lib), "--notes", str(notes), "--rename-keys")
    assert renamed.exit_code == 0 and "rename Smith:2019 -> smith2019online" in renamed.output
    assert [e.key for e in parse_file(lib).entries] == ["unodc2020global", "smith2019online"]


@pytest.mark.parametrize("key", ["../../etc/passwd", "a/b", "x;rm -rf ~", "`id`", "$(id)", "nul\x00key"])
def test_add_never_keeps_an_unsafe_key(lib, run_cli, key):
    result = run_cli("add", "--bib", str(lib), f"@misc{{{key}, author = {{Roe, R.}}, title = {{Safe keys}}, year = 2024}}")
    assert result.exit_code == 0, result.output
    assert "added roe2024safe" in result.output and "not safe as a file name" in result.output
    assert [e.key for e in parse_file(lib).entries][-1] == "roe2024safe"


def test_add_to_a_new_file_creates_it_and_an_existing_outsider_is_refused(lib, tmp_path, run_cli):
    new = tmp_path / "new.bib"
    result = run_cli("add", "--bib", str(lib), "--to", str(new), "@misc{, author = {Roe, R.}, title = {Fresh}, year = 2024}")
    assert result.exit_code == 0, result.output
    assert [e.key for e in parse_file(new).entries] == ["roe2024fresh"]
    outsider = tmp_path / "other" / "outside.bib"
    outsider.parent.mkdir()
    outsider.write_text("")
    refused = run_cli("add", "--bib", str(lib), "--to", str(outsider), "@misc{, title = {X}, year = 2024}")
    assert refused.exit_code == 2 and "not a file of the library" in refused.output and outsider.read_text() == ""


def test_a_symlinked_library_file_stays_a_symlink(lib, tmp_path, run_cli):
    link = tmp_path / "linked" / "lib.bib"
    link.parent.mkdir()
    link.symlink_to(lib)
    assert run_cli("set", "--bib", str(link), "Smith:2019", "year", "2001").exit_code == 0
    assert link.is_symlink() and "{2001}" in lib.read_text()
