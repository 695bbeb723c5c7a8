"""`litcheck check`: each problem class is reported on a small library that contains it."""

import json

import pytest

from litcheck.checks import run_checks
from litcheck.checks.entries import isbn_valid
from litcheck.library.core import load_library

from conftest import GOOD_ENTRY

HOUSE = "keywords = {statistics}, sourcekind = {official-report}, verification = {confirmed}"


def findings_for(write_bib, text, **kwargs):
    path = write_bib(text)
    lib = load_library([path], None, use_cache=False)
    return run_checks(lib, **kwargs)


def ids(findings):
    return sorted({f.check for f in findings})


def test_clean_library_has_no_findings(write_bib):
    assert findings_for(write_bib, GOOD_ENTRY) == []


@pytest.mark.parametrize("body, expected", [
    ("@article{a2020x, author = {Doe, Jane}, title = {T}, year = {2020}, " + HOUSE + "}", "missing-field"),
    ("@misc{a2020x, title = {T}, year = {20}, " + HOUSE + "}", "bad-date"),
    ("@misc{a2020x, title = {T}, year = {2020}, date = {2020-02-30}, " + HOUSE + "}", "bad-date"),
    ("@misc{a2020x, title = {T}, year = {2021}, date = {2020-02-03}, " + HOUSE + "}", "bad-date"),
    ("@misc{a2020x, title = {T}, year = {2020}, date = {3 March 2020}, " + HOUSE + "}", "bad-date"),
    ("@misc{a2020x, title = {T}, year = {2020}, doi = {10.1000}, " + HOUSE + "}", "bad-doi"),
    ("@misc{a2020x, title = {T}, year = {2020}, isbn = {978-0-306-40615-6}, " + HOUSE + "}", "bad-isbn"),
    ("@misc{a2020x, title = {T}, year = {2020}, url = {www.example.org/report}, " + HOUSE + "}", "bad-url"),
    ("@misc{a2020x, title = {T}, year = {2020}, keywords = {statistics, darkweb}, sourcekind = {news}, verification = {confirmed}}", "keyword-vocabulary"),
    ("@misc{a2020x, title = {T}, year = {2020}, keywords = {statistics}, sourcekind = {blog}, verification = {confirmed}}", "source-kind"),
    ("@misc{a2020x, title = {T}, year = {2020}, keywords = {statistics}, sourcekind = {news}}", "verification-state"),
    ("@misc{a2020x, author = {{UNODC}}, title = {T}, year = {2020}, " + HOUSE + "}", "org-variant"),
    ("@misc{a2020x, title = {T}, year = {2020}, publisher = {International Labour Office}, " + HOUSE + "}", "org-variant"),
    ("@misc{../evil, title = {T}, year = {2020}, " + HOUSE + "}", "unsafe-key"),
    ("@misc{a/b, title = {T}, year = {2020}, " + HOUSE + "}", "unsafe-key"),
    ("@online{a2020x, title = {T}, year = {2020}, " + HOUSE + "}", "unknown-type"),
    ("@misc{A2020_X, title = {T}, year = {2020}, " + HOUSE + "}", "key-style"),
])
def test_each_problem_class_is_reported(write_bib, body, expected):
    found = findings_for(write_bib, body)
    assert ids(found) == [expected], [f.message for f in found]
    assert all(f.file.endswith("lib.bib") and f.line >= 1 for f in found)


def test_valid_identifiers_pass(write_bib):
    body = ("@misc{a2020x, title = {T}, year = {2020}, date = {2020-02-29}, doi = {10.1000/xyz.123}, "
            "isbn = {978-0-306-40615-7}, url = {https://www.unodc.org/x}, " + HOUSE + "}")
    assert findings_for(write_bib, body) == []


def test_isbn_checksums():
    assert isbn_valid("0-306-40615-2") and isbn_valid("080442957X")
    assert not isbn_valid("0-306-40615-3") and not isbn_valid("12345")


def test_duplicate_keys_across_files(write_bib):
    a = write_bib("@misc{same2020x, title = {One}, year = {2020}, " + HOUSE + "}", "a.bib")
    b = write_bib("@misc{same2020x, title = {Another}, year = {2020}, " + HOUSE + "}", "b.bib")
    lib = load_library([a, b], None, use_cache=False)
    (dup,) = run_checks(lib)
    assert dup.check == "duplicate-key" and dup.file.endswith("b.bib") and "a.bib:1" in dup.message


def test_near_duplicate_found_and_suppressible_per_entry(write_bib):
    text = """
        @misc{ecpat2018towards, author = {{ECPAT International}}, title = {Towards a Global Indicator on Unidentified Victims},
          year = {2018}, keywords = {csam}, sourcekind = {ngo-report}, verification = {confirmed}}
        @misc{ecpat2018global, author = {{ECPAT International}}, title = {Towards a global indicator on unidentified victims.},
          year = {2018}, keywords = {csam}, sourcekind = {ngo-report}, verification = {confirmed}}
        @misc{other2018towards, author = {{ECPAT International}}, title = {Towards a Global Indicator on Unidentified Victims},
          year = {2019}, keywords = {csam}, sourcekind = {ngo-report}, verification = {confirmed}}
        """
    found = findings_for(write_bib, text)
    assert ids(found) == ["near-duplicate"]
    assert sorted(f.key for f in found) == ["ecpat2018global", "ecpat2018towards"]  # a different year is not flagged
    silenced = text.replace("verification = {confirmed}}\n        @misc{ecpat2018global",
                            "verification = {confirmed}, nocheck = {near-duplicate:ecpat2018global}}\n        @misc{ecpat2018global")
    left = findings_for(write_bib, silenced)
    assert [f.key for f in left] == ["ecpat2018global"]  # only the silenced entry's finding is gone


def test_parse_error_is_a_finding(write_bib):
    found = findings_for(write_bib, "@misc{x2020a, title = {Open, year = {2020}\n")
    assert ids(found) == ["parse-error"] and found[0].line == 1


def test_cli_exit_codes_and_formats(write_bib, run_cli, tmp_path):
    good = write_bib(GOOD_ENTRY, "good.bib")
    result = run_cli("check", "--bib", str(good))
    assert result.exit_code == 0 and "no problems" in result.output

    bad = write_bib("@misc{x2020a, title = {T}, year = {20}, " + HOUSE + "}", "bad.bib")
    result = run_cli("check", "--bib", str(bad), "--format", "lines")
    assert result.exit_code == 1
    assert result.output.strip() == f"{bad}:1: bad-date: year '20' is not a four-digit year"

    result = run_cli("check", "--bib", str(bad), "--format", "json")
    data = json.loads(result.output)
    assert data["entries"] == 1 and data["problems"][0]["check"] == "bad-date" and data["problems"][0]["key"] == "x2020a"

    assert run_cli("check", "--bib", str(tmp_path / "nope.bib")).exit_code == 2
    assert run_cli("check", "--bib", str(good), "--select", "no-such-check").exit_code == 2


def test_bib_folder_and_environment_variable(write_bib, run_cli, tmp_path):
    write_bib(GOOD_ENTRY, "one.bib")
    write_bib(GOOD_ENTRY.replace("unodc2020global", "unodc2020globalb").replace("2020}", "2021}"), "two.bib")
    result = run_cli("stats", "--format", "json", env={"LITCHECK_BIB": str(tmp_path)})
    assert json.loads(result.output)["entries"] == 2
    result = run_cli("stats", "--bib", str(tmp_path / "one.bib"), "--format", "json")
    assert json.loads(result.output)["entries"] == 1


def test_malformed_input_never_shows_a_traceback_or_writes(write_bib, run_cli, tmp_path):
    path = write_bib("@misc{a/../b, title = {Unbalanced, year = {2020}\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli("check", "--bib", str(path), "--no-cache")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and f"{path}\n" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_level_hides_notices_but_counts_them(write_bib, run_cli):
    path = write_bib("@misc{A2020_X, title = {T}, year = {2020}, " + HOUSE + "}")  # key-style is an info
    result = run_cli("check", "--bib", str(path))
    assert result.exit_code == 0 and "no problems found (1 below the reporting level" in result.output
    result = run_cli("check", "--bib", str(path), "--level", "info", "--format", "lines")
    assert result.output.startswith(f"{path}:1: key-style:")
    assert run_cli("check", "--bib", str(path), "--fail-on", "info").exit_code == 1


def test_foreign_library_is_not_held_to_house_fields(write_bib):
    """A library with no sourcekind/verification anywhere gets integrity checks only."""
    found = findings_for(write_bib, "@article{Doe:2020:ABC, author = {Doe, Jane}, title = {T}, journal = {J}, year = {2020}}")
    assert ids(found) == ["key-style"]  # ':' is legal in a file name; only a style notice


def test_doi_with_resolver_prefix_is_a_warning_not_malformed(write_bib):
    found = findings_for(write_bib, "@misc{a2020x, title = {T}, year = {2020}, doi = {https://doi.org/10.1000/xyz}, " + HOUSE + "}")
    assert ids(found) == ["doi-url"] and "'10.1000/xyz'" in found[0].message


def test_same_title_told_apart_by_volume_or_pages(write_bib):
    text = """
        @article{anon2024issuea, author = {Anonymous}, title = {Issue Information}, journal = {J}, volume = {5}, year = {2024}, %s}
        @article{anon2024issueb, author = {Anonymous}, title = {Issue Information}, journal = {J}, volume = {6}, year = {2024}, %s}
        @article{anon2024issuec, author = {Anonymous}, title = {Issue information}, journal = {J}, volume = {6}, year = {2024}, %s}
        """ % (HOUSE, HOUSE, HOUSE)
    found = findings_for(write_bib, text)
    assert sorted(f.key for f in found) == ["anon2024issueb", "anon2024issuec"]  # same volume: flagged


def test_check_results_are_cached_until_the_library_changes(write_bib, monkeypatch):
    import litcheck.checks as checks

    path = write_bib("@misc{x2020a, title = {T}, year = {20}, " + HOUSE + "}")
    first = checks.check_report(load_library([path], None))
    assert [f.check for f in first.listed] == ["bad-date"]

    def must_not_run(*args, **kwargs):
        raise AssertionError("an unchanged library must be answered from the cache")

    real = checks.iter_findings
    monkeypatch.setattr(checks, "iter_findings", must_not_run)
    assert checks.check_report(load_library([path], None)) == first

    monkeypatch.setattr(checks, "iter_findings", real)
    path.write_text("@misc{x2020a, title = {T}, year = {2020}, " + HOUSE + "}\n", encoding="utf-8")
    assert checks.check_report(load_library([path], None)).listed == []
