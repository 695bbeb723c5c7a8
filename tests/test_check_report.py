"""`litcheck check` output: a count per check first, at most N findings of each listed (with
a count of the rest), ISSNs recognised in the isbn field, and rows that fit the terminal."""

from __future__ import annotations

import json
import re

from litcheck.checks.entries import issn_valid
from litcheck.library.findings import Finding, collect

HOUSE = "keywords = {statistics}, sourcekind = {official-report}, verification = {confirmed}"


def many(n: int, body: str, prefix: str = "w") -> str:
    """n works with unrelated titles (a shared title would make them near-duplicates)."""
    return "".join(f"@misc{{{prefix}{i}x, title = {{{'abcdefghijklmnopqrstuvwxyz'[i % 26] * (i + 1)}}}, {body}, {HOUSE}}}\n"
                   for i in range(n))


def test_summary_first_then_at_most_n_per_check(write_bib, run_cli):
    bib = write_bib(many(30, "year = {20}") + many(3, "year = {2020}, doi = {https://doi.org/10.1000/x}", "d"))
    result = run_cli("check", "--bib", str(bib), "--max-findings", "5")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("33 entries, 0 notes: 30 errors, 3 warnings")
    table = lines[2:6]
    assert table[0].split() == ["check", "severity", "count"]
    assert table[2].split() == ["bad-date", "error", "30"] and table[3].split() == ["doi-url", "warning", "3"]
    rows = [line.split()[1] for line in lines if re.match(r"^  \d+ ", line)]  # finding rows: line, check, ...
    assert rows.count("bad-date") == 5 and rows.count("doi-url") == 3
    assert "... 25 more bad-date findings not listed" in result.output
    everything = run_cli("check", "--bib", str(bib), "--max-findings", "0", "--format", "lines")
    assert len(everything.output.splitlines()) == 33


def test_json_has_every_count_and_the_listed_findings(write_bib, run_cli):
    bib = write_bib(many(30, "year = {20}"))
    data = json.loads(run_cli("check", "--bib", str(bib), "--format", "json").output)
    assert data["summary"] == [{"check": "bad-date", "severity": "error", "count": 30, "listed": 20}]
    assert len(data["problems"]) == 20 and data["not_listed"] == 10 and data["max_findings"] == 20
    full = json.loads(run_cli("check", "--bib", str(bib), "--format", "json", "--max-findings", "0").output)
    assert len(full["problems"]) == 30 and full["not_listed"] == 0


def test_collect_counts_everything_but_keeps_only_the_limit():
    findings = (Finding("c", "warning", f"m{i}", "f.bib", i) for i in range(100_000))
    report = collect(findings, "warning", 3)
    assert report.counts == {("c", "warning"): 100_000} and len(report.listed) == 3
    assert report.not_listed() == {"c": 99_997}
    below = collect([Finding("c", "info", "x")], "warning", 3)
    assert below.listed == [] and below.below_level == 1 and below.worst() == 0


def test_an_issn_in_the_isbn_field_is_called_an_issn(write_bib, run_cli):
    bib = write_bib(f"@misc{{a2020x, title = {{T}}, year = {{2020}}, isbn = {{1098-0121}}, {HOUSE}}}\n"
                    f"@misc{{b2020x, title = {{T}}, year = {{2020}}, isbn = {{1098-0122}}, {HOUSE}}}\n")
    out = run_cli("check", "--bib", str(bib), "--format", "lines").output
    assert "'1098-0121' is an ISSN, not an ISBN: move it to the issn field" in out
    assert "ISBN '1098-0122' has a wrong length or check digit" in out
    assert issn_valid("0317-8471") and issn_valid("1616-301X") and not issn_valid("0317-8472")


def test_rows_fit_the_terminal_width_and_json_keeps_the_full_text(write_bib, run_cli):
    long_url = "www.example.org/" + "very-long-path-segment/" * 10
    bib = write_bib(f"@misc{{a2020x, title = {{T}}, year = {{2020}}, url = {{{long_url}}}, {HOUSE}}}\n")
    for columns in ("60", "80", "120"):
        out = run_cli("check", "--bib", str(bib), env={"COLUMNS": columns}).output
        assert max(len(line) for line in out.splitlines() if line != str(bib)) <= int(columns), out
        assert f"\n{bib}\n" in out  # each file's full path heads its findings
    data = json.loads(run_cli("check", "--bib", str(bib), "--format", "json").output)
    assert long_url in data["problems"][0]["message"]
