"""`litcheck show`, `search` and `claims`, through their plain functions and the CLI."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest

from litcheck.library.claims import collect_claims, render_claims, status_counts
from litcheck.listing.details import entry_details, render_details, suggest_keys
from litcheck.library.core import load_library
from litcheck.listing.search import parse_query, search_library

from conftest import GOOD_ENTRY

BIB = GOOD_ENTRY + """@article{mitchell2024tor,
  author = {Mitchell, Kimberly and M{\\"u}ller, Jonas},
  title = {Tor Hidden Services and Child Abuse Forums},
  journal = {Journal of Online Safety},
  year = {2024},
  keywords = {dark-web, csam},
  sourcekind = {peer-reviewed},
  verification = {partly},
  discrepancy = {The article gives the year as 2019.},
}
@misc{saxenandfrom,
  title = {From Screens to Streets},
  year = {2025},
  keywords = {recruitment},
  sourcekind = {web-article},
  verification = {confirmed},
}
"""

WORK_NOTE = """---
key: unodc2020global
topics: [statistics, recruitment]
kind: official-report
reliability: high
status: confirmed
checked: Title and year against the UNODC catalogue.
---
## What it is
The fifth global report on trafficking in persons.

## Key findings
- 51,000 victims detected in 148 countries [@unodc2020global, p. 31].

## Related
[@mitchell2024tor]
"""

ARTICLE_NOTE = """---
key: saxenandfrom
topics: [recruitment]
kind: web-article
reliability: low
status: confirmed
claims:
  - id: c01
    claim: 2.7 million daily dark-web visitors.
    where: para 3
    cites: none
    status: unconfirmed
    evidence: No source given.
  - id: c02
    claim: Victims were detected in 148 countries.
    where: fn 3
    cites: unodc2020global
    status: confirmed
    evidence: "[@unodc2020global, p. 31]"
  - id: c03
    claim: Tor forums grew tenfold in 2019.
    where: para 9
    cites: fn 8
    status: false
    evidence: "[@mitchell2024tor, p. 4] gives no such growth figure"
---
## What it is
An article under review.
"""


@pytest.fixture
def paths(tmp_path: Path):
    (tmp_path / "lib.bib").write_text(textwrap.dedent(BIB), encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "unodc2020global.md").write_text(WORK_NOTE, encoding="utf-8")
    (notes / "saxenandfrom.md").write_text(ARTICLE_NOTE, encoding="utf-8")
    return tmp_path / "lib.bib", notes


@pytest.fixture
def lib(paths):
    return load_library([paths[0]], paths[1], use_cache=False)


@pytest.fixture
def cli(run_cli, paths):
    return lambda *args: run_cli(*args, "--bib", str(paths[0]), "--notes", str(paths[1]), "--no-cache")


# --- show ------------------------------------------------------------------------------------

def test_entry_details_gathers_entry_note_backlinks_and_related(lib):
    data = entry_details(lib, "unodc2020global")
    assert data["type"] == "techreport" and data["year"] == 2020
    assert data["authors"] == ["United Nations Office on Drugs and Crime"]
    assert data["note"]["meta"]["reliability"] == "high"
    assert data["note"]["summary"] == "The fifth global report on trafficking in persons."
    cited = {c["key"]: c for c in data["cited_by"]}
    assert list(cited) == ["saxenandfrom"]
    assert cited["saxenandfrom"]["article"] is True
    assert [l["locator"] for l in cited["saxenandfrom"]["links"]] == ["p. 31"]
    assert [(r["key"], r["in_library"]) for r in data["related"]] == [("mitchell2024tor", True)]


def test_render_details_is_readable_text(lib):
    import click

    text = click.unstyle(render_details(entry_details(lib, "mitchell2024tor"), width=80))
    assert "Mitchell, Kimberly; Müller, Jonas" in text
    assert "The article gives the year as 2019." in text
    assert "Note: none" in text and "litcheck note new mitchell2024tor" in text
    assert "unodc2020global" in text.split("Cited by")[1]


def test_show_cli_formats(cli):
    text = cli("show", "unodc2020global")
    assert text.exit_code == 0
    assert "• 51,000 victims detected" in text.output and "<!--" not in text.output
    data = json.loads(cli("show", "saxenandfrom", "--format", "json").output)
    assert [c["id"] for c in data["note"]["claims"]] == ["c01", "c02", "c03"]
    bib = cli("show", "mitchell2024tor", "--format", "bib").output
    assert bib.startswith("@article{mitchell2024tor,") and "Journal of Online Safety" in bib


def test_show_unknown_key_suggests_and_exits_2(cli, lib):
    assert suggest_keys(lib, "unodc2021global")[0] == "unodc2020global"
    result = cli("show", "unodc2021global")
    assert result.exit_code == 2 and "did you mean unodc2020global" in result.output


# --- search ----------------------------------------------------------------------------------

def test_parse_query_keeps_phrases():
    assert parse_query('"Hidden Services" Tor') == ["hidden services", "tor"]


def test_search_ranks_title_above_note_mentions(lib):
    hits = search_library(lib, "tor")
    assert [h.key for h in hits] == ["mitchell2024tor", "saxenandfrom"]
    assert hits[0].score > hits[1].score
    assert [m.field for m in hits[1].matches] == ["note-meta"]
    first = hits[0].matches[0]
    assert first.source == "entry" and first.line > 0 and "Tor" in first.text


def test_search_requires_every_term_and_folds_accents(lib):
    assert [h.key for h in search_library(lib, "muller hidden")] == ["mitchell2024tor"]
    assert search_library(lib, "muller persons") == []


def test_search_reports_note_lines(lib, paths):
    hits = search_library(lib, "tenfold")
    assert [h.key for h in hits] == ["saxenandfrom"]
    match = hits[0].matches[0]
    note_lines = (paths[1] / "saxenandfrom.md").read_text().split("\n")
    assert match.source == "note" and "tenfold" in note_lines[match.line - 1]


def test_search_word_start_matching(lib):
    assert {h.key for h in search_library(lib, "traffick")} >= {"unodc2020global"}
    assert search_library(lib, "rafficking") == []


def test_search_cli(cli):
    result = cli("search", "year", "2019", "--format", "json")
    data = json.loads(result.output)
    assert [h["key"] for h in data["hits"]] == ["mitchell2024tor"]
    assert data["hits"][0]["matches"][0]["line"] > 0
    text = cli("search", "hidden", "services")
    assert text.exit_code == 0 and text.output.startswith("mitchell2024tor")
    assert cli("search", "nothingmatchesthis").exit_code == 1


# --- claims ----------------------------------------------------------------------------------

def test_collect_claims_rows_and_filters(lib):
    claims = collect_claims(lib)
    assert [(c.article, c.id, c.status) for c in claims] == [
        ("saxenandfrom", "c01", "unconfirmed"), ("saxenandfrom", "c02", "confirmed"),
        ("saxenandfrom", "c03", "false")]
    assert claims[1].cites == "unodc2020global" and claims[1].keys == ("unodc2020global",)
    assert claims[0].line == 8
    assert [c.id for c in collect_claims(lib, statuses=["false", "unconfirmed"])] == ["c01", "c03"]
    assert collect_claims(lib, article="unodc2020global") == []
    assert [c.id for c in collect_claims(lib, topic="dark-web")] == ["c03"]
    assert [c.id for c in collect_claims(lib, topic="statistics")] == ["c02"]
    assert status_counts(claims) == {"confirmed": 1, "false": 1, "unconfirmed": 1}


def test_render_claims_formats(lib):
    claims = collect_claims(lib)
    rows = list(csv.DictReader(io.StringIO(render_claims(claims, "csv"))))
    assert rows[2]["evidence"] == "[@mitchell2024tor, p. 4] gives no such growth figure"
    md = render_claims(claims, "md").splitlines()
    assert md[0].startswith("| article | id |") and len(md) == 5
    assert json.loads(render_claims(claims, "json"))[0]["claim"] == "2.7 million daily dark-web visitors."


def test_claims_cli(cli):
    result = cli("claims", "--status", "false", "--format", "json")
    assert [c["id"] for c in json.loads(result.output)] == ["c03"]
    table = cli("claims")
    assert table.exit_code == 0 and "3 claims in 1 register" in table.output
    assert cli("claims", "--article", "nosuch").exit_code == 2


def test_many_mentions_in_a_note_do_not_outrank_the_work_itself(paths):
    bib, notes = paths
    chatter = "\n".join(f"Mitchell again, point {i}." for i in range(30))
    (notes / "saxenandfrom.md").write_text(ARTICLE_NOTE + chatter + "\n", encoding="utf-8")
    lib = load_library([bib], notes, use_cache=False)
    hits = search_library(lib, "mitchell")
    assert [h.key for h in hits][:2] == ["mitchell2024tor", "saxenandfrom"]
    assert len(hits[1].matches) >= 30


def test_claims_cli_rejects_unknown_topic(cli):
    result = cli("claims", "--topic", "darkweb")
    assert result.exit_code == 2 and "unknown topic 'darkweb'" in result.output


def test_show_a_note_without_entry(cli, paths):
    (paths[1] / "orphan2020note.md").write_text("---\nkey: orphan2020note\n---\nSee [@mitchell2024tor].\n")
    data = json.loads(cli("show", "orphan2020note", "--format", "json").output)
    assert data["in_library"] is False and [r["key"] for r in data["related"]] == ["mitchell2024tor"]
    assert cli("show", "orphan2020note", "--format", "bib").exit_code == 2
    cited = json.loads(cli("show", "mitchell2024tor", "--format", "json").output)["cited_by"]
    assert [c["key"] for c in cited] == ["orphan2020note", "saxenandfrom", "unodc2020global"]
