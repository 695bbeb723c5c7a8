"""Documentation that runs: every check's documented examples are fixtures. The "fires" library
produces that check's finding, the "passes" library does not (the same examples that
`litcheck check --list-checks` prints)."""

from __future__ import annotations

import json

import pytest

from litcheck.checks import all_checks, run_checks, write_sketch
from litcheck.library.core import load_library

CASES = [(c.id, which) for c in sorted(all_checks().values(), key=lambda c: c.id) for which in ("fires", "passes")]


@pytest.mark.parametrize("check_id, which", CASES)
def test_documented_example_behaves_as_documented(tmp_path, check_id, which):
    sketch = getattr(all_checks()[check_id], which)
    assert sketch, f"{check_id} documents no example that {which}"
    bibs, notes = write_sketch(sketch, tmp_path)
    found = run_checks(load_library(bibs, notes, use_cache=False), select=[check_id])
    assert bool(found) == (which == "fires"), found
    assert all(f.check == check_id and f.severity for f in found)


def test_every_check_says_why_it_matters():
    assert [c.id for c in all_checks().values() if not c.why] == []


def test_list_checks_prints_meaning_and_examples(run_cli):
    text = run_cli("check", "--list-checks", "--select", "doi-url").output
    assert text.startswith("doi-url  [warning]") and "fires:" in text and "does not fire:" in text
    assert "https://doi.org/10.1000/xyz123" in text
    data = json.loads(run_cli("check", "--list-checks", "--format", "json").output)
    assert {d["id"] for d in data} == set(all_checks())
    assert all(d["example_fires"] and d["example_passes"] and d["why"] for d in data)


def test_a_finding_takes_its_severity_from_the_registration(tmp_path):
    bibs, notes = write_sketch(all_checks()["key-style"].fires, tmp_path)
    (found,) = run_checks(load_library(bibs, notes, use_cache=False), select=["key-style"])
    assert found.severity == all_checks()["key-style"].severity == "info"
