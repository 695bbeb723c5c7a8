"""Key figures as data: parsing and validating notes' `figures:`, `litcheck figures`, the check."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import GOOD_ENTRY
from litcheck.checks import run_checks
from litcheck.library.core import load_library
from litcheck.library.figures import collect_figures

BIB = GOOD_ENTRY + """@techreport{ilo2022global,
  author = {{International Labour Organization}},
  title = {Global Estimates of Modern Slavery},
  institution = {International Labour Organization},
  year = {2022},
  keywords = {forced-labour, statistics},
  sourcekind = {official-report},
  verification = {confirmed},
}
"""

NOTE = """---
key: {key}
topics: [{topics}]
kind: official-report
reliability: high
status: confirmed
figures:
{figures}---
## What it is
A report.
"""

UNODC = """  - value: 51000
    unit: victims
    measure: victims of trafficking detected
    scope: 148 countries
    period: "2018"
    locator: p. 31
"""
ILO = """  - value: 27600000
    unit: people
    measure: people in forced labour
    scope: worldwide
    period: "2021"
    locator: p. 2
    qualifier: estimated
  - value: 22.5
    unit: percent
    measure: share of forced labour imposed by state authorities
    scope: worldwide
    period: "2016-2021"
    locator: sec. 2.1
"""


@pytest.fixture
def library(tmp_path):
    def make(ilo_figures=ILO):
        (tmp_path / "lib.bib").write_text(BIB, encoding="utf-8")
        notes = tmp_path / "notes"
        notes.mkdir(exist_ok=True)
        (notes / "unodc2020global.md").write_text(NOTE.format(key="unodc2020global", topics="statistics, recruitment",
                                                              figures=UNODC), encoding="utf-8")
        (notes / "ilo2022global.md").write_text(NOTE.format(key="ilo2022global", topics="forced-labour, statistics",
                                                            figures=ilo_figures), encoding="utf-8")
        return load_library([tmp_path / "lib.bib"], notes, use_cache=False)

    return make


def test_figures_are_read_with_their_lines_and_filtered(library):
    lib = library()
    figures = collect_figures(lib)
    assert [(f.key, f.value, f.unit, f.period, f.line) for f in figures] == [
        ("ilo2022global", 27600000, "people", "2021", 8), ("ilo2022global", 22.5, "percent", "2016-2021", 15),
        ("unodc2020global", 51000, "victims", "2018", 8)]
    assert figures[0].shown == "estimated 27,600,000 people" and figures[1].years == (2016, 2021)
    assert [f.key for f in collect_figures(lib, topic="recruitment")] == ["unodc2020global"]
    assert [f.value for f in collect_figures(lib, key="ilo2022global", text="forced labour state")] == [22.5]
    assert [f.value for f in collect_figures(lib, text="modern slavery")] == [27600000, 22.5]  # the work's title
    assert collect_figures(lib, text="cybertipline") == []


@pytest.mark.parametrize("item, field, message", [
    ("  - value: 27.6 million\n", "value", "`value` must be a number, not '27.6 million' (write it without commas"),
    ("  - period: 2021\n", "period", "`period` must be a quoted string"),
    ("  - period: \"spring 2021\"\n", "period", "is not a year"),
    ("  - period: \"2021-2016\"\n", "period", "ends before it starts"),
    ("  - locator: \"\"\n", "locator", "`locator` is missing or empty"),
    ("  - qualifier: roughly\n", "qualifier", "`qualifier` 'roughly' is not one of: about, almost"),
    ("  - source: p. 4\n", "source", "unknown field(s) source"),
])
def test_malformed_figures_are_errors_naming_file_and_line(library, item, field, message):
    good = ILO.split("\n")[:7]  # the first figure, well formed
    fields = {line.strip("- ").split(":")[0]: line for line in good if line.strip()}
    bad_name = item.strip("- \n").split(":")[0]
    fields[bad_name] = "    " + item.strip("- \n")
    lines = list(fields.values())
    lines[0] = "  - " + lines[0].strip().lstrip("- ")
    lib = library("\n".join(lines) + "\n")
    findings = [f for f in run_checks(lib, ["figure-format"])]
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.file.endswith("ilo2022global.md") and message in finding.message
    text = open(finding.file, encoding="utf-8").read().split("\n")
    assert text[finding.line - 1].strip().lstrip("- ").startswith(field + ":")
    assert collect_figures(lib, key="ilo2022global") == []  # a malformed figure is never used


def test_well_formed_figures_pass_the_check(library):
    assert run_checks(library(), ["figure-format"]) == []


def test_figures_command(run_cli, library, tmp_path):
    library()
    args = ["--bib", str(tmp_path / "lib.bib"), "--notes", str(tmp_path / "notes")]
    result = run_cli("figures", *args, "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert {"key", "value", "unit", "measure", "period", "locator"} <= set(items[0])
    assert len(items) == 3
    out = tmp_path / "figures.csv"
    result = run_cli("figures", *args, "--text", "victims", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["key"], r["value"], r["locator"]) for r in rows] == [("unodc2020global", "51000", "p. 31")]
    table = run_cli("figures", *args).output
    assert "27,600,000 people" in table and "3 figures from 2 works" in table
    assert run_cli("figures", *args, "--key", "nokey").exit_code == 2
    assert run_cli("figures", *args, "--topic", "nonsense").exit_code == 2
