"""Notes: parsing, links both ways, the note checks, and `litcheck note new`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from litcheck.checks import run_checks
from litcheck.library.core import load_library
from litcheck.library.notes import find_links, parse_note
from litcheck.editing.skeleton import NoteExists, UnsafeKey, create_note, note_path, render_skeleton

HOUSE = "sourcekind = {official-report}, verification = {confirmed}"
BIB = f"""
@techreport{{unodc2020global, author = {{{{United Nations Office on Drugs and Crime}}}},
  title = {{Global Report on Trafficking in Persons 2020}},
  institution = {{United Nations Office on Drugs and Crime}}, year = {{2020}},
  keywords = {{statistics, recruitment}}, {HOUSE}}}
@misc{{saxenandfrom, title = {{From Screens to Streets}}, year = {{2025}},
  keywords = {{recruitment}}, sourcekind = {{web-article}}, verification = {{confirmed}}}}
"""

NOTE_CHECKS = ["note-missing", "orphan-note", "broken-link", "note-key-mismatch", "figure-no-locator",
               "claim-status", "note-metadata", "front-matter-error"]


def note_text(key="unodc2020global", topics="[statistics, recruitment]", kind="official-report",
              status="confirmed", extra_meta="", body=None) -> str:
    if body is None:
        body = f"""
        ## What it is
        The fifth global report by UNODC.

        ## Key findings
        - 51,000 victims detected in 148 countries [@{key}, p. 31].
        - Traffickers moved online during 2020 [@{key}, ch. V].

        ## In the articles
        Cited by [@saxenandfrom].
        """
    front = f"---\nkey: {key}\ntopics: {topics}\nkind: {kind}\nreliability: high\nstatus: {status}\n{extra_meta}---\n"
    return front + textwrap.dedent(body).lstrip("\n")


ARTICLE_NOTE = note_text("saxenandfrom", "[recruitment]", "web-article", "confirmed", extra_meta="""\
claims:
  - id: c01
    claim: 2.7 million daily dark-web visitors.
    where: para 3
    cites: none
    status: unconfirmed
    evidence: No source given.
  - id: c02
    claim: Victims in 148 countries.
    where: fn 3
    cites: unodc2020global
    status: confirmed
    evidence: "[@unodc2020global, p. 31]"
""", body="""
## What it is
An article under review [@unodc2020global].
""")


@pytest.fixture
def make_library(tmp_path: Path):
    """Build a library from a .bib text and {key: note text}; returns the loaded Library."""

    def make(notes: dict[str, str] | None = None, bib: str = BIB, notes_dir: bool = True):
        bib_path = tmp_path / "lib.bib"
        bib_path.write_text(textwrap.dedent(bib), encoding="utf-8")
        folder = None
        if notes_dir:
            folder = tmp_path / "notes"
            folder.mkdir(exist_ok=True)
            for key, text in (notes or {}).items():
                (folder / f"{key}.md").write_text(text, encoding="utf-8")
        return load_library([bib_path], folder, use_cache=False)

    return make


def note_findings(lib, *ids):
    return run_checks(lib, select=ids or NOTE_CHECKS)


def clean_notes():
    return {"unodc2020global": note_text(), "saxenandfrom": ARTICLE_NOTE}


# --- parsing ---------------------------------------------------------------------------------

def test_front_matter_and_body_are_split_with_lines():
    note, problems = parse_note(note_text(), "n.md", "unodc2020global")
    assert problems == []
    assert note.meta["key"] == "unodc2020global"
    assert note.meta["topics"] == ["statistics", "recruitment"]
    assert note.body_line == 8
    assert note.body.startswith("## What it is")
    assert note.meta_lines["status"] == 6
    assert note.summary == "The fifth global report by UNODC."


def test_links_carry_key_locator_and_file_line():
    note, _ = parse_note(note_text(), "n.md", "unodc2020global")
    found = [(l.key, l.locator, l.line) for l in note.links]
    assert found == [("unodc2020global", "p. 31", 12), ("unodc2020global", "ch. V", 13),
                     ("saxenandfrom", "", 16)]


@pytest.mark.parametrize("text, expected", [
    ("see [@a2020x; @b2019y, art. 34]", [("a2020x", ""), ("b2019y", "art. 34")]),
    ("[see @a2020x, pp. 3-4]", [("a2020x", "pp. 3-4")]),
    ("[@a2020x p. 9]", [("a2020x", "p. 9")]),
    ("[@a2020x.]", [("a2020x", "")]),
    ("[@{odd.key}]", [("odd.key", "")]),
    ("mail [me at foo@bar.org]", []),
    ("[@user](https://example.org)", []),
    ("`[@incode]` and <!-- [@incomment, p. 1] --> only", []),
    ("[@a2020x,\n p. 31]", [("a2020x", "p. 31")]),
    ("[@a2020x,\n\n p. 31]", []),
])
def test_link_syntax(text, expected):
    assert [(l.key, l.locator) for l in find_links(text)] == expected


def test_wrapped_link_reports_the_line_of_its_key():
    links = find_links("intro\nsee [x;\n@b2019y, p. 2]", first_line=10)
    assert [(l.key, l.line) for l in links] == [("b2019y", 12)]


def test_unclosed_and_invalid_front_matter_are_located():
    _, problems = parse_note("---\nkey: a\n", "n.md", "a")
    assert [(p.check, p.line) for p in problems] == [("front-matter-error", 1)]
    note, problems = parse_note("---\nkey: a\ntopics: [x\nkind: y\n---\nbody", "n.md", "a")
    assert problems[0].check == "front-matter-error" and problems[0].line >= 3
    assert note.meta_error and note.body == "body"


def test_claim_lines_are_recorded():
    note, _ = parse_note(ARTICLE_NOTE, "n.md", "saxenandfrom")
    assert note.claim_lines == [8, 14]
    assert ARTICLE_NOTE.split("\n")[note.claim_lines[1] - 1].strip() == "- id: c02"


def test_key_findings_bullets_join_continuation_lines():
    note, _ = parse_note("## Key findings\n- one 5\n  continued\n- two\n\n## Other\n- not this\n", "n.md", "a")
    assert [(b.text, b.line) for b in note.section_bullets("Key findings")] == [("one 5 continued", 2), ("two", 4)]


# --- links both ways -------------------------------------------------------------------------

def test_links_resolve_both_ways(make_library):
    lib = make_library(clean_notes())
    assert lib.cited_by("unodc2020global") == ["saxenandfrom"]
    assert lib.cited_by("saxenandfrom") == ["unodc2020global"]
    assert lib.links_from("saxenandfrom") == ["unodc2020global"]
    # a note's links to itself are not backlinks
    assert all(src != "unodc2020global" for src, _ in lib.backlinks.get("unodc2020global", []))
    front = [l for _, l in lib.backlinks["unodc2020global"] if l.in_front_matter]
    assert [l.locator for l in front] == ["p. 31"]


# --- checks ----------------------------------------------------------------------------------

def test_clean_library_with_notes_has_no_note_findings(make_library):
    assert note_findings(make_library(clean_notes())) == []


def test_note_missing_fires_only_with_a_notes_folder(make_library, tmp_path):
    lib = make_library({"unodc2020global": note_text()})
    found = note_findings(lib, "note-missing")
    assert [(f.check, f.key, f.severity) for f in found] == [("note-missing", "saxenandfrom", "warning")]
    assert found[0].file.endswith("lib.bib") and found[0].line == 6  # the text opens with a blank line
    assert note_findings(make_library(notes_dir=False)) == []


def test_orphan_note(make_library):
    notes = clean_notes() | {"unodc2021globl": note_text("unodc2021globl")}
    found = [f for f in note_findings(make_library(notes), "orphan-note")]
    assert [(f.key, f.severity) for f in found] == [("unodc2021globl", "error")]


def test_broken_link_names_note_file_and_line(make_library):
    body = "## Related\n\nSee [@unodc2020global] and\n[@nosuch2020key, p. 4].\n"
    lib = make_library(clean_notes() | {"unodc2020global": note_text(body=body)})
    found = note_findings(lib, "broken-link")
    assert len(found) == 1
    f = found[0]
    assert (f.severity, f.key, f.line) == ("error", "unodc2020global", 11)
    assert f.file.endswith("unodc2020global.md") and "nosuch2020key" in f.message


def test_note_key_mismatch(make_library):
    lib = make_library(clean_notes() | {"unodc2020global": note_text().replace("key: unodc2020global", "key: unodc2020globa")})
    found = note_findings(lib, "note-key-mismatch")
    assert [(f.key, f.line, f.severity) for f in found] == [("unodc2020global", 2, "error")]


def test_note_without_key_is_a_mismatch(make_library):
    lib = make_library(clean_notes() | {"unodc2020global": note_text().replace("key: unodc2020global\n", "")})
    assert [f.check for f in note_findings(lib, "note-key-mismatch")] == ["note-key-mismatch"]


def test_figure_without_locator_warns_and_marked_one_is_info(make_library):
    body = """
    ## Key findings
    - 51,000 victims detected [@unodc2020global, p. 31].
    - Detections fell by 11% in 2020.
    - 2.7 million users a day (no locator)
    - COVID-19 moved recruitment online in 2020.
    - Cited generally [@unodc2020global] for 148 countries.
    """
    lib = make_library(clean_notes() | {"unodc2020global": note_text(body=body)})
    found = note_findings(lib, "figure-no-locator")
    assert [(f.line, f.severity) for f in found] == [(10, "warning"), (11, "info"), (13, "warning")]
    assert "11%" in found[0].message


def test_claim_status_problems(make_library):
    register = """\
claims:
  - id: c01
    claim: A.
    status: unconfirmed
  - id: c01
    claim: B.
    status: confirmed
  - id: c03
    claim: C.
    status: probably
  - claim: D.
    status: false
  - just a string
"""
    lib = make_library(clean_notes() | {"saxenandfrom": note_text("saxenandfrom", "[recruitment]", "web-article",
                                                                     extra_meta=register, body="")})
    found = note_findings(lib, "claim-status")
    messages = [(f.line, f.message) for f in found]
    assert all(f.severity == "error" for f in found)
    assert any(line == 14 and "'probably'" in m for line, m in messages)
    assert any(line == 17 and "no id" in m for line, m in messages)
    assert any("'c01' is used 2 times" in m for _, m in messages)
    assert any(line == 19 and "not a mapping" in m for line, m in messages)
    assert len(found) == 4


def test_note_metadata_vocabulary_and_disagreement(make_library):
    bad = note_text(topics="[statistics, darkweb]", kind="blog", status="partly").replace("reliability: high", "reliability: great")
    lib = make_library(clean_notes() | {"unodc2020global": bad})
    found = note_findings(lib, "note-metadata")
    text = " | ".join(f.message for f in found)
    assert "'darkweb' is not in the topic vocabulary" in text
    assert "differ from the entry's keywords" in text
    assert "kind 'blog' is not one of" in text
    assert "status 'partly' disagrees with the entry's verification 'confirmed'" in text
    assert "reliability 'great'" in text
    assert all(f.severity == "warning" for f in found)
    assert {f.line for f in found} == {3, 4, 5, 6}


def test_broken_front_matter_is_reported_once(make_library):
    lib = make_library(clean_notes() | {"unodc2020global": "---\nkey: [unclosed\n---\nbody\n"})
    assert [f.check for f in note_findings(lib)] == ["front-matter-error"]


# --- note new --------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["../evil", "a/b", "a\\b", "/etc/passwd", ".hidden", "", "a b", "x..y", "nul\x00"])
def test_note_path_refuses_unsafe_keys(tmp_path, key):
    with pytest.raises(UnsafeKey):
        note_path(tmp_path, key)


def test_note_path_stays_in_folder(tmp_path):
    assert note_path(tmp_path, "unodc2020global") == (tmp_path / "unodc2020global.md").resolve()


def test_skeleton_is_prefilled_and_passes_the_front_matter_checks(make_library):
    lib = make_library({})
    path = create_note(lib, "unodc2020global")
    assert path.parent == (Path(lib.notes_dir)).resolve()
    note, problems = parse_note(path.read_text(encoding="utf-8"), str(path), "unodc2020global")
    assert problems == [] and note.links == []
    assert note.meta["topics"] == ["statistics", "recruitment"]
    assert (note.meta["kind"], note.meta["status"]) == ("official-report", "confirmed")
    assert "# United Nations Office on Drugs and Crime: Global Report on Trafficking in Persons 2020 (2020)" in note.front_matter
    reloaded = make_library(None)
    assert note_findings(reloaded, "note-key-mismatch", "note-metadata", "broken-link", "figure-no-locator") == []


def test_skeleton_quotes_values_yaml_would_misread(make_library):
    lib = make_library({}, bib="@misc{true, title = {T}, year = {2020}, keywords = {yes}, sourcekind = {news}, verification = {confirmed}}")
    note, _ = parse_note(render_skeleton(lib.get("true")), "n.md", "true")
    assert note.meta["key"] == "true" and note.meta["topics"] == ["yes"]


def test_create_note_refuses_overwrite_and_unknown_keys(make_library):
    lib = make_library({"unodc2020global": "mine"})
    with pytest.raises(NoteExists):
        create_note(lib, "unodc2020global")
    assert (Path(lib.notes_dir) / "unodc2020global.md").read_text() == "mine"
    with pytest.raises(KeyError):
        create_note(lib, "nosuch2020key")


def test_cli_note_new(run_cli, make_library, tmp_path):
    make_library({})
    args = ["--bib", str(tmp_path / "lib.bib"), "--notes", str(tmp_path / "notes"), "--no-cache"]
    result = run_cli("note", "new", "unodc2020global", *args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "notes" / "unodc2020global.md").is_file()
    again = run_cli("note", "new", "unodc2020global", *args)
    assert again.exit_code == 1 and "not overwriting" in again.output
    unsafe = run_cli("note", "new", "../escaped", *args)
    assert unsafe.exit_code == 2 and not (tmp_path / "escaped.md").exists()
    unknown = run_cli("note", "new", "unodc2020globl", *args)
    assert unknown.exit_code == 2 and "did you mean unodc2020global" in unknown.output
    everything = run_cli("note", "new", "--all-missing", *args)
    assert everything.exit_code == 0 and "saxenandfrom.md" in everything.output
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["saxenandfrom.md", "unodc2020global.md"]
    assert "Example" in run_cli("note", "new", "--help").output


def test_cli_note_new_refuses_a_symlink_out_of_the_folder(run_cli, make_library, tmp_path):
    make_library({})
    outside = tmp_path / "outside.md"
    outside.write_text("keep")
    (tmp_path / "notes" / "unodc2020global.md").symlink_to(outside)
    result = run_cli("note", "new", "unodc2020global", "--bib", str(tmp_path / "lib.bib"),
                     "--notes", str(tmp_path / "notes"), "--no-cache")
    assert result.exit_code != 0 and outside.read_text() == "keep"
