"""`litcheck list`: selection, ordering, grouping, CSL-JSON mapping, styles and every renderer.

Real-program checks of the exports (bibtex, biber, pandoc, chromium) are in test_clients.py.
"""

from __future__ import annotations

import io
import json
import re

import pytest

from list_library import KEYS, load, make_library
from litcheck.listing.csl import to_csl
from litcheck.listing.reading_lists import ReadingList, Section, build_listing, load_saved_list
from litcheck.listing.render import render
from litcheck.listing.select import Filters, SelectionError, group_entries, select, sort_entries, validate

STYLES = ["apa", "chicago", "harvard", "oscola"]


@pytest.fixture
def lib(tmp_path):
    return load(tmp_path)


def whole(lib, title="All"):
    return ReadingList(title, sections=[Section("", "", list(lib))])


def keys_of(entries):
    return [e.key for e in entries]


# --- selection -------------------------------------------------------------------------------

def test_filters_combine_and_repeat(lib):
    got, _ = select(lib, Filters(topics=["grooming", "recruitment"]))
    assert set(keys_of(got)) == {"smith2019script", "doe2022formula"}  # OR within --topic
    got, _ = select(lib, Filters(topics=["legislation"], kinds=["treaty"]))
    assert keys_of(got) == ["unga2000protocol"]  # AND across filters
    got, _ = select(lib, Filters(since=2020, until=2021))
    assert set(keys_of(got)) == {"unodc2020global", "unodc2020darknet", "europol2021page"}
    got, _ = select(lib, Filters(states=["partly"]))
    assert set(keys_of(got)) == {"unodc2020darknet", "doe2022formula"}


def test_org_filter_accepts_short_and_variant_names(lib):
    for name in ("UNODC", "United Nations Office on Drugs and Crime", "UN Office on Drugs and Crime"):
        got, _ = select(lib, Filters(orgs=[name]))
        assert set(keys_of(got)) == {"unodc2020global", "unodc2020darknet"}, name
    got, _ = select(lib, Filters(orgs=["Europol"]))
    assert keys_of(got) == ["europol2021page"]


def test_keys_keep_their_order_and_text_searches_notes(lib):
    got, _ = select(lib, Filters(keys=["doe2022formula", "usc2018fosta"]))
    assert keys_of(got) == ["doe2022formula", "usc2018fosta"]
    got, scores = select(lib, Filters(text="biennial"))  # only in the note body
    assert keys_of(got) == ["unodc2020global"] and scores["unodc2020global"] > 0


def test_unknown_values_are_errors_not_empty_lists(lib):
    for bad in (Filters(topics=["groomin"]), Filters(kinds=["blog"]), Filters(states=["true"]),
                Filters(keys=["nosuchkey"]), Filters(since=2022, until=2020)):
        with pytest.raises(SelectionError):
            validate(bad, lib)


def test_sorts(lib):
    entries = list(lib)
    assert keys_of(sort_entries(entries, "year"))[0] == "doe2022formula"
    assert keys_of(sort_entries(entries, "year"))[-1] == "unga2000protocol"
    titles = [e.title.casefold() for e in sort_entries(entries, "title")]
    assert titles == sorted(titles)
    by_author = keys_of(sort_entries(entries, "author"))
    assert by_author.index("doe2022formula") < by_author.index("europol2021page") < by_author.index("smith2019script")


def test_groups(lib):
    groups = dict(group_entries(sort_entries(list(lib), "author"), "topic"))
    assert "unga2000protocol" in keys_of(groups["Legislation"]) and "unga2000protocol" in keys_of(groups["Sex trafficking"])
    assert list(dict(group_entries(list(lib), "year")))[:2] == ["2022", "2021"]
    orgs = dict(group_entries(list(lib), "org"))
    assert set(keys_of(orgs["United Nations Office on Drugs and Crime"])) == {"unodc2020global", "unodc2020darknet"}
    kinds = dict(group_entries(list(lib), "kind"))
    assert keys_of(kinds["Treaties and conventions"]) == ["unga2000protocol"]
    chosen, _ = select(lib, Filters(topics=["legislation"]))
    restricted = dict(group_entries(chosen, "topic", only_topics=["legislation"]))
    assert list(restricted) == ["Legislation"]


# --- CSL-JSON ---------------------------------------------------------------------------------

def test_csl_mapping(lib):
    report = to_csl(lib.get("unodc2020global"))
    assert report["type"] == "report"
    assert report["author"] == [{"literal": "United Nations Office on Drugs and Crime"}]
    assert report["publisher"] == "United Nations Office on Drugs and Crime"
    assert report["issued"] == {"date-parts": [[2020]]}
    law = to_csl(lib.get("usc2018fosta"))
    assert law["type"] == "legislation" and "author" not in law
    assert law["issued"] == {"date-parts": [[2018, 4, 11]]} and "115-164" in law["container-title"]
    treaty = to_csl(lib.get("unga2000protocol"))
    assert treaty["type"] == "treaty" and "2237 UNTS 319" in treaty["genre"]
    page = to_csl(lib.get("europol2021page"))
    assert page["type"] == "webpage" and page["URL"].startswith("https://www.europol.europa.eu/")
    assert page["accessed"] == {"date-parts": [[2024, 5, 1]]}
    article = to_csl(lib.get("smith2019script"))
    assert article["author"][1] == {"family": "Müller", "given": "Jörg"}
    assert article["issue"] == "2" and article["page"] == "10–25"


# --- styles through pandoc citeproc -----------------------------------------------------------

@pytest.mark.parametrize("style", STYLES)
def test_every_style_formats_every_entry(lib, style):
    from litcheck.listing.render.common import format_all

    out = format_all(list(lib), style, ("plain", "html", "markdown"))
    assert set(out) == set(KEYS)
    for key, f in out.items():
        assert f.reference["plain"], f"{style}: {key} has an empty reference"
        assert "Crime, U" not in f.reference["plain"] and "O. on D" not in f.reference["plain"]
    assert "Pub" in out["usc2018fosta"].reference["plain"]  # the law's citation details survive
    assert "2237" in out["unga2000protocol"].reference["plain"]


@pytest.mark.parametrize("style", ["apa", "chicago", "harvard"])
def test_same_body_same_year_is_disambiguated(lib, style):
    from litcheck.listing.render.common import format_all

    out = format_all(list(lib), style, ("plain",))
    refs = {out[k].reference["plain"] for k in ("unodc2020global", "unodc2020darknet")}
    assert any("2020a" in r for r in refs) and any("2020b" in r for r in refs)
    assert "2020a" in out["unodc2020darknet"].citation["plain"]  # Darknet sorts before Global


def test_harvard_uses_british_dates(lib):
    from litcheck.listing.render.common import format_all

    out = format_all([lib.get("europol2021page")], "harvard", ("plain",))
    assert "Accessed: 1 May 2024" in out["europol2021page"].reference["plain"]


# --- renderers --------------------------------------------------------------------------------

def test_markdown_is_annotated_and_escaped(lib):
    text = render(whole(lib), lib, "md", "apa")
    assert "The sixth biennial UNODC report" in text
    assert "*Verification: confirmed.*" in text and "*Verification: unconfirmed.*" in text
    assert "<script>" not in text and r"\<script\>" in text
    assert "(2020a)" in text and "(2020b)" in text


def test_html_is_self_contained_and_escaped(lib):
    text = render(whole(lib), lib, "html", "apa")
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;markup&lt;/b&gt; &amp; an ampersand" in text  # note summary escaped too
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=", text)  # nothing fetched
    assert text.count('<button class="copy"') == len(KEYS)
    assert 'id="filter"' in text
    assert "{{United Nations Office on Drugs and Crime}}" in text  # the BibTeX to copy


def test_csv_neutralises_formulas(lib):
    import pandas as pd

    text = render(whole(lib), lib, "csv", "apa")
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert len(frame) == len(KEYS)
    title = frame.loc[frame.key == "doe2022formula", "title"].item()
    assert title.startswith("'=HYPERLINK")
    for column in frame.columns:
        for value in frame[column]:
            assert not (isinstance(value, str) and value[:1] and value[:1] in "=+-@\t\r"), (column, value)
    assert frame.loc[frame.key == "unodc2020global", "year"].item() == 2020


def test_csv_neutralise_covers_every_trigger():
    from litcheck.listing.render.csv_ import neutralise

    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(bad) == "'" + bad
    assert neutralise("fine") == "fine" and neutralise(2020) == 2020


def test_bib_keeps_only_standard_fields(lib):
    text = render(whole(lib), lib, "bib")
    for custom in ("keywords", "sourcekind", "verification", "discrepancy", "nocheck"):
        assert not re.search(rf"^\s*{custom}\s*=", text, re.M), custom
    assert "author = {{United Nations Office on Drugs and Crime}}" in re.sub(r" +", " ", text)
    assert "@misc{usc2018fosta," in text and "key" in text.split("@misc{usc2018fosta,")[1].split("}\n")[0]


PRIVATE = ("Curators' remark", "One article gives 2017", "near-duplicate", "official-report", "confirmed")


@pytest.mark.parametrize("fmt", ["bib", "csl-json", "ris"])
def test_exports_carry_only_bibliographic_data(lib, fmt):
    text = render(whole(lib), lib, fmt)
    for private in PRIVATE:
        assert private not in text, (fmt, private)
    assert "sex-trafficking" not in text  # topics only when asked
    assert "978-92-1-130411-4" in text
    assert "148 countries" not in text  # the note's summary only with --annotate
    asked = render(whole(lib), lib, fmt, annotate=True, keywords=True)
    assert "sex-trafficking" in asked
    assert "read it with Darknet Cybercrime Threats (United Nations Office on Drugs and Crime, 2020, p. 4)." in asked
    assert "[@" not in asked and "*Darknet" not in asked  # citations as text, Markdown flattened


def test_isbn_and_annotation_go_in_their_own_fields(lib):
    import rispy

    bib = render(whole(lib), lib, "bib", annotate=True)
    record = bib.split("@techreport{unodc2020global,")[1].split("\n}")[0]
    assert re.search(r"^\s*isbn\s*=\s*\{978-92-1-130411-4\},$", record, re.M)
    assert re.search(r"^\s*annote\s*=\s*\{The sixth biennial", record, re.M)
    assert "addendum" not in bib and not re.search(r"^\s*note\s*=", record, re.M)
    items = {i["id"]: i for i in json.loads(render(whole(lib), lib, "csl-json", annotate=True))}
    assert items["unodc2020global"]["ISBN"] == "978-92-1-130411-4"
    assert items["unodc2020global"]["annote"].startswith("The sixth biennial")
    records = {r["id"]: r for r in rispy.loads(render(whole(lib), lib, "ris"))}
    assert records["unodc2020global"]["issn"] == "978-92-1-130411-4"  # RIS SN holds ISBN or ISSN


def test_note_summaries_render_markdown_and_citations(lib):
    html = render(whole(lib), lib, "html", "apa")
    assert ("read it with <em>Darknet Cybercrime Threats</em> (United Nations Office on Drugs and Crime, "
            "2020, p. 4).</p>") in html
    import pandas as pd

    frame = pd.read_csv(io.StringIO(render(whole(lib), lib, "csv", "apa")), keep_default_na=False)
    summary = frame.loc[frame.key == "unodc2020global", "summary"].item()
    assert summary.endswith("read it with Darknet Cybercrime Threats (United Nations Office on Drugs and Crime, 2020, p. 4).")
    md = render(whole(lib), lib, "md", "apa")
    assert "*Darknet Cybercrime Threats* (United Nations Office on Drugs and Crime, 2020, p. 4)." in md


def test_readable_citations():
    from types import SimpleNamespace

    from litcheck.library.entry import Entry
    from litcheck.listing.render.summaries import readable_citations

    works = {"a2012x": Entry("a2012x", "article", {"author": "Webster, S. and Davidson, J. and Bifulco, A.", "year": "2012"}),
             "b2010y": Entry("b2010y", "book", {"author": "Roe, R. and {ECPAT International}", "year": "2010"})}
    library = SimpleNamespace(get=works.get)
    text = "See [@a2012x, p. 3; @b2010y] and [@missing]; a [link](https://x.org) stays."
    assert readable_citations(text, library) == (
        "See (Webster et al., 2012, p. 3; Roe and ECPAT International, 2010) and (missing); a [link](https://x.org) stays.")


def test_bib_downgrades_incomplete_entries():
    from litcheck.library.entry import Entry
    from litcheck.listing.render.bib import entry_bibtex

    entry = Entry("x2020y", "article", {"author": "Doe, J.", "title": "T", "year": "2020", "publisher": "P"})
    out = entry_bibtex(entry)
    assert out.startswith("@misc{x2020y,") and "howpublished" in out  # no journal -> misc, venue kept


def test_ris_reads_back_with_rispy(lib):
    import rispy

    text = render(whole(lib), lib, "ris")
    assert not re.search(r"^\d+\.$", text, re.M)  # no rispy "1." header lines
    records = {r["id"]: r for r in rispy.loads(text)}
    assert set(records) == set(KEYS)
    assert records["unodc2020global"]["authors"] == ["United Nations Office on Drugs and Crime"]
    assert records["smith2019script"]["authors"] == ["Smith, Jane", "Müller, Jörg"]
    assert records["usc2018fosta"]["type_of_reference"] == "STAT"
    assert records["europol2021page"]["access_date"] == "2024/05/01/"


def test_csl_json_and_json(lib):
    items = json.loads(render(whole(lib), lib, "csl-json"))
    assert {i["id"] for i in items} == set(KEYS)
    data = json.loads(render(whole(lib), lib, "json", "apa"))
    by_key = {e["key"]: e for e in data["entries"]}
    assert by_key["unodc2020global"]["note"]["summary"].startswith("The sixth biennial")
    assert by_key["unodc2020global"]["fields"]["verification"] == "confirmed"
    assert "2020b" in by_key["unodc2020global"]["reference"]


# --- saved lists ------------------------------------------------------------------------------

SAVED = """
title: Test course
introduction: |
  For testing.
style: harvard
sections:
  - heading: Start here
    commentary: The two UNODC reports.
    keys: [unodc2020global, unodc2020darknet]
  - heading: Law
    commentary: Laws and treaties.
    filter: {kind: [law, treaty]}
    sort: year
"""


def test_saved_list(tmp_path, lib):
    folder = tmp_path / "notes" / "lists"
    folder.mkdir()
    (folder / "course.yaml").write_text(SAVED, encoding="utf-8")
    reading = load_saved_list(lib, "course", folder)
    assert reading.style == "harvard"
    assert [s.heading for s in reading.sections] == ["Start here", "Law"]
    assert keys_of(reading.sections[0].entries) == ["unodc2020global", "unodc2020darknet"]
    assert keys_of(reading.sections[1].entries) == ["usc2018fosta", "unga2000protocol"]
    narrowed = load_saved_list(lib, "course", folder, narrow=Filters(states=["partly"]))
    assert [keys_of(s.entries) for s in narrowed.sections] == [["unodc2020darknet"], []]
    assert "No works in the library match" in render(narrowed, lib, "md", None)


def test_saved_list_section_of_unconfirmed_works_says_why_it_is_empty(tmp_path, lib):
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "c.yaml").write_text("title: C\nsections:\n  - heading: Not found as cited\n"
                                   "    keys: [smith2019script]\n", encoding="utf-8")
    reading = load_saved_list(lib, "c", folder)
    assert reading.drop_unconfirmed() == 1
    assert [s.heading for s in reading.sections] == ["Not found as cited"]  # a saved list keeps its sections
    text = render(reading, lib, "md", None)
    assert "The one work of this section could not be confirmed as cited and is left out" in text
    assert "--include-unconfirmed lists it" in text
    assert "could not be confirmed as cited" in render(reading, lib, "html", None)


def test_saved_list_errors_name_the_file(tmp_path, lib):
    from litcheck.listing.reading_lists import ListError

    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "bad.yaml").write_text("title: x\nsections:\n  - heading: a\n    keys: [nope]\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"bad.yaml: section 1: no entry with key nope"):
        load_saved_list(lib, "bad", folder)
    with pytest.raises(ListError, match="no saved reading list 'missing'"):
        load_saved_list(lib, "missing", folder)


# --- the command ------------------------------------------------------------------------------

def test_cli_default_is_whole_library_grouped_by_topic(tmp_path, run_cli):
    bib, notes = make_library(tmp_path)
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes))
    assert result.exit_code == 0, result.output
    assert "## Legislation" in result.output and "## Recruitment" in result.output
    assert all(f"`{k}`" in result.output for k in KEYS if k != "smith2019script")


def test_cli_leaves_out_unconfirmed_works_and_says_so(tmp_path, run_cli):
    bib, notes = make_library(tmp_path)
    for fmt in ("md", "bib", "csl-json", "ris", "csv"):
        result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--format", fmt, "--style", "apa")
        assert result.exit_code == 0, result.output
        assert "smith2019script" not in result.stdout and "Grooming on" not in result.stdout, fmt
        assert "left out 1 unconfirmed work" in result.stderr and "--include-unconfirmed" in result.stderr
        assert "## Grooming" not in result.stdout  # its only work is unconfirmed: no empty group
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--include-unconfirmed")
    assert "smith2019script" in result.stdout and "left out" not in result.stderr
    asked = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--verified", "unconfirmed", "--format", "bib")
    assert "@article{smith2019script," in asked.stdout  # asked for by state: listed, and marked


def test_unconfirmed_works_are_marked_in_every_format(lib):
    unverified = "[unverified] litcheck could not confirm"
    md = render(whole(lib), lib, "md", "apa")
    line = next(line for line in md.splitlines() if "Grooming on" in line)
    assert line.startswith("- \\[unverified\\] Smith")
    html = render(whole(lib), lib, "html", "apa")
    assert '<span class="unverified">[unverified]</span> Smith' in html
    csv_text = render(whole(lib), lib, "csv", "apa")
    assert "\"[unverified] Smith, J." in csv_text
    assert '"reference": "[unverified] Smith' in render(whole(lib), lib, "json", "apa")
    bib = render(whole(lib), lib, "bib").split("@article{smith2019script,")[1].split("\n}")[0]
    assert re.search(r"note\s*=\s*\{\[unverified\] litcheck could not confirm", bib)
    items = {i["id"]: i for i in json.loads(render(whole(lib), lib, "csl-json"))}
    assert items["smith2019script"]["note"].startswith(unverified)
    assert "note" not in items["unodc2020darknet"]  # a partly confirmed work is not marked
    import rispy

    records = {r["id"]: r for r in rispy.loads(render(whole(lib), lib, "ris"))}
    assert any(n.startswith(unverified) for n in records["smith2019script"]["notes"])


def test_cli_formats_and_output_file(tmp_path, run_cli):
    bib, notes = make_library(tmp_path)
    for fmt in ("md", "html", "csv", "bib", "ris", "csl-json", "json"):
        out = tmp_path / f"out.{fmt}"
        result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--topic", "legislation",
                         "--format", fmt, "--style", "oscola", "--output", str(out))
        assert result.exit_code == 0, (fmt, result.output)
        text = out.read_text(encoding="utf-8")
        assert "usc2018fosta" in text and "unodc2020global" not in text, fmt
    assert not list(tmp_path.glob(".out.*.tmp"))  # atomic writes leave no temp files


def test_cli_errors_exit_2(tmp_path, run_cli):
    bib, notes = make_library(tmp_path)
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--topic", "nosuch")
    assert result.exit_code == 2 and "unknown topic" in result.output
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--from", "nosuch")
    assert result.exit_code == 2 and "no saved reading list" in result.output


def test_cli_from_saved_list_and_saved_index(tmp_path, run_cli):
    bib, notes = make_library(tmp_path)
    (notes / "lists").mkdir()
    (notes / "lists" / "course.yaml").write_text(SAVED, encoding="utf-8")
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--from", "course")
    assert result.exit_code == 0, result.output
    assert "# Test course" in result.output and "## Law" in result.output
    assert "(2020a)" in result.output  # Harvard, the list's own style
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--saved")
    assert "course\tTest course" in result.output


def test_cli_keys_sort_and_style_none(tmp_path, run_cli):
    bib, notes = make_library(tmp_path)
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--keys", "usc2018fosta,doe2022formula",
                     "--style", "none")
    assert result.exit_code == 0, result.output
    assert result.output.index("usc2018fosta") < result.output.index("doe2022formula")
    assert "##" not in result.output  # --keys lists are flat


def test_list_does_not_import_pandas_for_markdown(tmp_path):
    import subprocess
    import sys

    bib, notes = make_library(tmp_path)
    code = ("import sys; from click.testing import CliRunner; from litcheck.cli import main; "
            f"r = CliRunner().invoke(main, ['list', '--bib', {str(bib)!r}, '--notes', {str(notes)!r}, '--style', 'none']); "
            "assert r.exit_code == 0, r.output; print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the bundled library ----------------------------------------------------------------------

def _bundled():
    from litcheck.library.core import load_library
    from litcheck.library.paths import checkout_root, resolve_bib_paths, resolve_notes_dir

    root = checkout_root()
    if not list((root / "refs").glob("*.bib")):
        pytest.skip("the bundled refs/ holds no .bib files yet")
    return load_library(resolve_bib_paths([]), resolve_notes_dir(None), use_cache=False)


def test_bundled_saved_lists_resolve():
    from litcheck.listing.reading_lists import lists_dir, saved_lists

    lib = _bundled()
    paths = saved_lists(lists_dir(lib))
    assert len(paths) >= 3, "three saved reading lists ship in notes/lists/"
    for path in paths:
        reading = load_saved_list(lib, path.stem)
        assert reading.entries(), f"{path.name} selects nothing"
        for section in reading.sections:
            assert section.heading and section.commentary, f"{path.name}: every section has a heading and commentary"


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "bib", "ris", "csl-json", "json"])
def test_bundled_library_renders(fmt):
    lib = _bundled()
    reading = build_listing(lib, Filters(), "author", "topic")
    text = render(reading, lib, fmt, "apa")
    assert text.strip()
