"""The scanner on documents written for these tests (tests/data/scan/), against a small invented
library (lib.bib + notes/ with a claims register). Every rule, every citation shape and the
non-firing cases are asserted as exact (rule, line, keys) triples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "scan"


@pytest.fixture(scope="module")
def library():
    from litcheck.library.core import load_library

    return load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False)


@pytest.fixture(scope="module")
def scanner(library):
    from litcheck.scan.pipeline import Scanner

    return Scanner(library)


def flags_of(scanner, name):
    result = scanner.scan_path(DATA / name)
    return result, sorted((f.rule, f.line, tuple(f.keys)) for f in result.flags)


def test_footnoted_article(scanner):
    result, flags = flags_of(scanner, "footnoted.txt")
    assert flags == sorted([
        ("uncited-statistic", 3, ()),
        ("anachronism", 5, ("hartmann2012markets",)),
        ("anachronism", 7, ()),  # a 2020 report (note 3) cannot cover a rise up to 2021
        ("unresolved-footnote", 23, ()),  # at note 3 itself, naming the sentence of line 7
        ("vague-attribution", 9, ()),
        ("superlative", 11, ()),
        ("doubtful-source", 13, ("unodc2018silent",)),
        ("citation-mismatch", 25, ("lindqvist2021play",)),  # note 5's details, reported on note 5
        ("inconsistent-duplicate", 25, ("lindqvist2021play",)),
    ])
    # footnotes are separated from the body and resolved (3 is not in the library)
    keys = {label: m.key for label, m in result.resolution.footnotes.items()}
    assert keys == {"1": "lindqvist2021play", "2": "hartmann2012markets", "3": None,
                    "4": "unodc2018silent", "5": "lindqvist2021play"}
    assert all("Notes" not in s.text and "Northgate" not in s.text for s in result.doc.sentences)
    mismatch = next(f for f in result.flags if f.rule == "citation-mismatch")
    assert "year 2019 (library: 2021)" in mismatch.message and "volume 5 (library: 4)" in mismatch.message
    # a problem inside a note carries the note's text and line and names the sentence citing it
    assert mismatch.where == "footnote" and mismatch.sentence.startswith("⁵ Maja Lindqvist, 'Play and Predators:")
    assert mismatch.cited_by == [(15, "The same game-chat pattern was described again in later work.⁵")]


def test_author_date_article_with_reference_list(scanner):
    result, flags = flags_of(scanner, "authordate.md")
    assert flags == sorted([
        ("unresolved-footnote", 16, ()),  # Moreau 2017: in the reference list (line 16), not in the library
        ("doubtful-source", 6, ("unodc2018silent",)),  # (UNODC): the only UNODC work is unconfirmed
        ("citation-mismatch", 7, ("hartmann2012markets",)),  # right author, wrong year
        ("unresolved-footnote", 17, ()),  # Okafor (2020) narrative citation -> reference item 4 (line 17)
        ("date-mismatch", 9, ("eu2022digital",)),  # DSA 2020, library 2022
        ("dangling-citation", 10, ()),  # (Ng et al., 2018)
    ])
    by_text = {c.text: c for c in result.citations}
    assert by_text["(Europol, 2019)"].key == "europol2019hidden"
    assert by_text["(Lindqvist & Osei, 2021, p. 14)"].key == "lindqvist2021play"
    assert {c.names[0] for c in result.citations if c.kind == "author-date"} >= {"Hartmann", "Moreau", "Okafor", "UNODC", "Ng"}
    assert not any(c.text.startswith("(DSA") or c.text == "(GDPR)" for c in result.citations)  # acronym definitions
    assert len(result.doc.references) == 4


def test_markdown_footnotes_and_pandoc(scanner):
    result, flags = flags_of(scanner, "markdown.md")
    assert flags == sorted([
        ("dangling-citation", 8, ()),
        ("known-claim", 10, ()),
        ("vague-attribution", 10, ()),
        ("known-claim", 11, ()),
        ("uncited-statistic", 11, ()),
        ("vague-attribution", 11, ()),  # "are said to draw": nobody is named
        ("vague-attribution", 13, ()),
    ])
    kinds = {(c.kind, c.key) for c in result.citations}
    assert ("pandoc", "europol2019hidden") in kinds and ("footnote", "ilo2016counting") in kinds
    # the confirmed claim c03 (line 14) is not flagged; the false one carries its verdict and evidence
    msg = next(f.message for f in result.flags if f.rule == "known-claim" and f.line == 11)
    assert "(false)" in msg and "No measurement" in msg
    assert result.doc.sentences[0].line == 5  # front matter skipped


def test_pdf_dump_with_interleaved_footnotes(scanner):
    result, flags = flags_of(scanner, "pdfdump.txt")
    assert flags == sorted([
        ("unresolved-footnote", 7, ()),  # note 2 (line 7), cited on line 9
        ("citation-mismatch", 11, ("hartmann2012markets",)),  # "according to Europol" but fn 3 is Hartmann
        ("known-claim", 11, ()),
    ])
    first = result.doc.sentences[1]
    assert first.text.endswith("has grown each year.¹") and first.line == 3 and first.end_line == 9
    assert "Harbour" not in first.text


def test_numeric_citations(scanner):
    result, flags = flags_of(scanner, "numeric.txt")
    assert flags == [("dangling-citation", 3, ())]
    assert [c.key for c in result.citations] == ["lindqvist2021play", "hartmann2012markets", None]


def test_json_contract(run_cli):
    res = run_cli(*["scan", str(DATA / "footnoted.txt"), "--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes"),
                   "--no-cache", "--format", "json"])
    assert res.exit_code == 1, res.output  # errors present, --fail-on error
    data = json.loads(res.output)
    doc = data["documents"][0]
    assert doc["path"].endswith("footnoted.txt")
    fn = doc["footnotes"][0]
    assert set(fn) >= {"number", "text", "key", "score"} and fn["number"] == 1 and fn["key"] == "lindqvist2021play"
    cite = doc["citations"][0]
    assert set(cite) >= {"text", "kind", "key", "sentence"}
    flag = doc["flags"][0]
    assert set(flag) >= {"rule", "severity", "line", "sentence", "message", "keys"}
    assert flag["sentence"] == "Groomers contacted more than 4,300 children on one platform in 2021."


@pytest.mark.parametrize("args, code", [
    (["--fail-on", "error"], 1),
    (["--rules", "uncited-statistic,vague-attribution"], 0),
    (["--rules", "uncited-statistic", "--fail-on", "warning"], 1),
    (["--ignore", "citation-mismatch,anachronism,inconsistent-duplicate,date-mismatch,dangling-citation"], 0),
])
def test_exit_status_and_rule_selection(run_cli, args, code):
    res = run_cli(*["scan", str(DATA / "footnoted.txt"), "--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes"),
                   "--no-cache", *args])
    assert res.exit_code == code, res.output


def test_usage_and_input_errors(run_cli, tmp_path):
    lib = ["--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes"), "--no-cache"]
    assert run_cli(*["scan", str(tmp_path / "missing.txt"), *lib]).exit_code == 2
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    assert run_cli(*["scan", str(binary), *lib]).exit_code == 2
    assert run_cli(*["scan", str(DATA / "numeric.txt"), "--rules", "no-such-rule", *lib]).exit_code == 2


@pytest.mark.parametrize("fmt", ["text", "csv", "md"])
def test_other_formats(run_cli, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    res = run_cli(*["scan", str(DATA / "authordate.md"), "--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes"),
                   "--no-cache", "--format", fmt, "--output", str(out)])
    assert res.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "dangling-citation" in text and "\x1b[" not in text
    if fmt == "text":
        assert "line 10:" in text and "Summary (flags per rule):" in text
    if fmt == "csv":
        assert text.splitlines()[0].startswith("path,line,rule,severity")


def test_rules_command_lists_every_rule(run_cli):
    res = run_cli(*["rules", "--format", "json"])
    assert res.exit_code == 0
    rules = json.loads(res.output)
    assert [r["id"] for r in rules] == [
        "uncited-statistic", "vague-attribution", "dangling-citation", "unresolved-footnote", "citation-mismatch",
        "inconsistent-duplicate", "anachronism", "date-mismatch", "topic-mismatch", "doubtful-source",
        "superlative", "known-claim", "figure-mismatch"]
    severities = {r["id"]: r["severity"] for r in rules}
    assert severities["dangling-citation"] == "error" and severities["unresolved-footnote"] == "info"
    assert all(r["example_fires"] and r["example_passes"] for r in rules)
    text = run_cli(*["rules", "superlative"]).output
    assert "superlative  [warning]" in text and "does not fire" in text


def test_timeout_skips_only_the_document_over_budget(run_cli, monkeypatch):
    from litcheck.scan import pipeline

    clock = iter(range(0, 10_000, 7))  # each reading of the clock is 7 s later
    monkeypatch.setattr(pipeline.time, "monotonic", lambda: next(clock))
    deadline = pipeline.Deadline(10, "slow.txt")
    deadline.check()  # 7 s of 10: fine
    with pytest.raises(pipeline.ScanTimeout, match="slow.txt: not scanned: over the time budget of 10 s"):
        deadline.check()  # 14 s
    assert pipeline.Deadline(0, "x").end is None  # 0 = no limit

    real_check = pipeline.Deadline.check

    def check(self):  # the numeric document is "slow"; the other is scanned as usual
        if self.path.endswith("numeric.txt"):
            raise pipeline.ScanTimeout(f"{self.path}: not scanned: over the time budget of {self.seconds:g} s")
        real_check(self)

    monkeypatch.setattr(pipeline.Deadline, "check", check)
    monkeypatch.setattr(pipeline.time, "monotonic", lambda: 0.0)
    res = run_cli(*["scan", str(DATA / "numeric.txt"), str(DATA / "footnoted.txt"), "--bib", str(DATA / "lib.bib"),
                    "--notes", str(DATA / "notes"), "--no-cache", "--format", "json", "--timeout", "30",
                    "--jobs", "1"])  # one process: a stopped clock (time.monotonic patched) would stall a pool
    assert res.exit_code == 2
    assert "numeric.txt: not scanned: over the time budget of 30 s" in res.stderr
    assert [d["path"] for d in json.loads(res.stdout)["documents"]] == [str(DATA / "footnoted.txt")]


def test_author_date_document_checked_against_its_reference_list(scanner):
    result, flags = flags_of(scanner, "selfcheck-apa.md")
    problems = [f for f in flags if f[0] != "unresolved-footnote"]
    assert problems == sorted([
        ("anachronism", 3, ()),  # works of 2016 and 2018 for a claim about 2019
        ("anachronism", 3, ()),
        ("dangling-citation", 6, ()),  # (Kowalczyk, 2019): no reference item
        ("citation-mismatch", 8, ()),  # (Soto 2017): the item says 2018
        ("citation-mismatch", 9, ()),  # (Marchetti, 2014): the item spells it Marcheti
    ])
    by_text = {c.text: c for c in result.citations}
    # 2016a and 2016b pick their own items; a Section locator and a multi-word body are citations
    assert by_text["(Achterberg & Molnar, 2016a, p. 12)"].via_reference == 0
    assert by_text["Achterberg and Molnar (2016b)"].via_reference == 1
    assert by_text["(Brennan et al., 2020, Section 3)"].via_reference == 2
    assert by_text["The Regional Shelter Network (2021)"].names == ["Regional Shelter Network"]
    mismatch = next(f for f in result.flags if f.line == 8)
    assert "year 2017 (reference item 6, line 18: 2018)" in mismatch.message
    uncited = next(f for f in result.flags if f.line == 19)
    assert uncited.rule == "unresolved-footnote" and uncited.where == "reference" and "nothing in the text cites it" in uncited.message


def test_notes_checked_against_each_other_and_the_reference_list(scanner):
    result, flags = flags_of(scanner, "selfcheck-notes.md")
    assert [f for f in flags if f[0] != "unresolved-footnote"] == sorted([
        ("citation-mismatch", 7, ()),  # note 5: Gallagher and Chuang 2001, the list has 2012
        ("citation-mismatch", 7, ()),  # note 5 again: page 1002 is outside the item's 317–395
        ("dangling-citation", 8, ()),  # note 6: Lindgren 2015 is not in the list
    ])
    dangling = next(f for f in result.flags if f.rule == "dangling-citation")
    assert dangling.where == "footnote" and dangling.sentence == "[^6]: Lindgren 2015, 44." and dangling.cited_by[0][0] == 4


def test_short_forms_id_and_supra_linked_to_their_full_note(scanner):
    result, flags = flags_of(scanner, "selfcheck-legal.txt")
    assert [f for f in flags if f[0] != "unresolved-footnote"] == sorted([
        ("inconsistent-duplicate", 6, ()),  # note 2 (short form) spells Ybarr; note 1 Ybarra
        ("inconsistent-duplicate", 10, ()),  # note 6 (supra note 4) spells Okorro; note 4 Okoro
    ])
    # a marker after a space closes the sentence before it; signals are not titles
    second = next(s for s in result.doc.sentences if s.text.startswith("Later work"))
    assert second.text == "Later work repeated the finding. ²"
    from litcheck.scan.works import note_pieces

    pieces = note_pieces(result.doc)
    assert [(p.kind, p.target.label if p.target else None) for label in "123456" for p in pieces[label]] == [
        ("full", None), ("short", "1"), ("ibid", "1"), ("full", None), ("supra", "4"), ("supra", "4")]
    assert pieces["4"][0].parts.title == "Cash and Crime"


def test_titles_and_laws_named_in_the_prose_checked_against_their_notes(scanner):
    result, flags = flags_of(scanner, "selfcheck-prose.md")
    assert [f for f in flags if f[0] != "unresolved-footnote"] == sorted([
        ("citation-mismatch", 3, ()),  # the prose title differs from note 1's
        ("citation-mismatch", 4, ()),  # the prose year 2016; the reference item 2015
        ("date-mismatch", 5, ()),  # "was amended", but note 2 cites a bill
        ("date-mismatch", 9, ()),  # note 2 itself: "has been amended" while citing a bill
    ])
    titles = [c for c in result.citations if c.kind == "title"]
    assert [(c.title, c.year, c.names) for c in titles] == [
        ("Hidden Payment Review", 2019, []),
        ("Counting the Unseen: Shelter Intake in Three Regions", 2016, ["Achterberg"]),
        ("Forms That Ask", 2015, []),  # a short title of item 2 with the right year: no flag
    ]
    assert titles[0].via_note == "1" and titles[2].via_reference == 1


def test_repeated_author_dashes_and_chicago_years_in_a_reference_list(scanner):
    result, flags = flags_of(scanner, "selfcheck-dashes.md")
    assert [f for f in flags if f[0] != "unresolved-footnote"] == [("dangling-citation", 4, ())]  # no Kelso 2015
    assert len(result.doc.references) == 3  # "———. 2014b." is an item of its own
    by_text = {c.text: c for c in result.citations}
    assert by_text["(Kelso 2014a)"].via_reference == 0
    assert by_text["(Kelso 2014b, 12)"].via_reference == 1 and by_text["(Kelso 2014b, 12)"].locator == "12"


def test_notes_section_after_the_reference_list(scanner):
    result, flags = flags_of(scanner, "selfcheck-apa-notes.md")
    assert [f for f in flags if f[0] != "unresolved-footnote"] == [("citation-mismatch", 3, ())]  # Ruiz 2018 vs 2019
    assert [r.text[:6] for r in result.doc.references] == ["Okafor", "Ruiz, "]
    assert result.doc.footnotes["1"].text == "The survey asked about 2018 budgets only."  # a note, not an item
    assert not any(f.rule == "unresolved-footnote" and f.where == "footnote" for f in result.flags)  # a comment
    assert all(s.text != "***" for s in result.doc.sentences)  # a horizontal rule is not a sentence


def test_coverage_by_a_paragraph_about_one_source(scanner):
    text = ("Okafor studied shelters in Lagos.[^1] They counted 4,300 residents in 2019. Most were women.[^2]\n\n"
            "Shelters grew by 45% in a decade. The report describes them.[^3]\n\n"
            "[^1]: Tunde Okafor, *Fake Jobs, Real Harm* (Delta Books 2020).\n"
            "[^2]: Okafor, *supra* note 1, at 4.\n"
            "[^3]: Ilse Hartmann, *Markets in the Shadows* (Northgate Press 2012).\n")
    result = scanner.scan_text(text, fmt="markdown")
    ctx_flags = [(f.rule, f.sentence) for f in result.flags if f.rule == "uncited-statistic"]
    # between two notes citing one work: covered; before a paragraph's first citation: not
    assert ctx_flags == [("uncited-statistic", "Shelters grew by 45% in a decade.")]


def test_a_one_word_parenthesis_after_a_name_or_a_part_is_a_gloss_not_a_citation(scanner):
    text = ("An explainer by David Redfern (Substack) sets out the law. Gambling firms are licensed by the "
            "Amusement and Gaming Corp. (Pagcor). The services are defined in Section 2 (Scope). Victims are "
            "often blackmailed with threats of outing (Anderson).\n")
    cited = [c.text for c in scanner.scan_text(text).citations if c.kind == "author-date"]
    assert cited == ["(Anderson)"]


def test_an_unquoted_title_after_in_their_paper_is_checked_against_its_reference_item(scanner):
    text = ("Ibarra et al. outline the risks in their paper Locks on Every Door: Why Mandated Access Fails "
            "All Users (2016).\n\n"
            "In her book Quiet Ledgers of the Sea Varga traces the trade.\n\n"
            "In their report Counting the Unseen Achterberg and Lee describe intake.\n\n"
            "In a study Save the Children published, most users agreed.\n\n"
            "## References\n\n"
            "Ibarra, L., Chen, W., & Moss, K. (2016). Locks on every door: Why mandated access fails all users "
            "and services. Northgate Press.\n\n"
            "Varga, E. (2019). Quiet ledgers of the sea trade. Harbour Books.\n\n"
            "Achterberg, P., & Lee, S. (2016). Counting the unseen: Shelter intake in three regions. Delta.\n")
    result = scanner.scan_text(text, fmt="markdown")
    titles = [(c.title, c.year, c.via_reference) for c in result.citations if c.kind == "title"]
    assert titles == [("Locks on Every Door: Why Mandated Access Fails All Users", 2016, 0),  # not authors "Fails All Users"
                      ("Quiet Ledgers of the Sea", None, 1),  # the author's name after it is not the title's
                      ("Counting the Unseen", None, 2)]  # the title without its subtitle: a short form
    mismatches = sorted((f.line, f.message.split(" gives ")[-1].split(" (reference")[0]) for f in result.flags
                        if f.rule == "citation-mismatch")
    assert mismatches == [(1, "the title 'Locks on Every Door: Why Mandated Access Fails All Users'"),  # "and services" dropped
                          (3, "the title 'Quiet Ledgers of the Sea'")]  # "trade" dropped


def test_a_parenthetical_ibid_cites_the_author_date_citation_before_it(scanner):
    text = ("Analysts read 1% of the calls (Okafor 2019). The tool helped in 300 arrests (ibid).\n\n"
            "## References\n\nOkafor, T. (2019). Listening in. Delta Books.\n")
    result = scanner.scan_text(text, fmt="markdown")
    ibid = [c for c in result.citations if c.text == "(ibid)"]
    assert [(c.names, c.year, c.via_reference) for c in ibid] == [(["Okafor"], 2019, 0)]
    assert not [f for f in result.flags if f.rule in ("uncited-statistic", "dangling-citation")]
    alone = scanner.scan_text("The tool helped in 300 arrests (Ibid., p. 4).\n", fmt="markdown")
    assert [f.rule for f in alone.flags if f.severity != "info"] == ["dangling-citation"]  # nothing before it to cite


def test_an_acronym_one_letter_off_the_address_beside_it(scanner):
    text = ("Privacy law is moving fast.[^1] Data brokers are next.[^2]\n\n"
            "[^1]: Ana Ruiz, What Does AI Need?, IAAP (July 12, 2023), https://iapp.org/news/a/what-does-ai-need.\n"
            "[^2]: Tom Lee, Brokers, IAPP (May 2, 2023), https://iapp.org/news/a/brokers.\n")
    result = scanner.scan_text(text, fmt="markdown")
    flags = [(f.rule, f.where, f.evidence) for f in result.flags if f.rule == "citation-mismatch"]
    assert flags == [("citation-mismatch", "footnote", "IAAP")]  # the second note spells it as its address does


def test_a_link_whose_acronym_swaps_two_letters_of_its_address(scanner):
    text = ("According to a [2018 UNDOC report](https://www.unodc.org/documents/glotip/report.pdf), most victims "
            "were women. The [UNODC report](https://www.unodc.org/documents/other.pdf) says so too.\n")
    flags = [(f.rule, f.line, f.evidence) for f in scanner.scan_text(text).flags if f.rule == "citation-mismatch"]
    assert flags == [("citation-mismatch", 1, "UNDOC")]
