"""Every rule's documented examples are real (issue 12 item 3): scanned against the example
library, each "fires" example produces that rule's finding and each "passes" example does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcheck.scan.rules import EXAMPLE_LIBRARY, all_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scanner():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    bib = ROOT / EXAMPLE_LIBRARY
    return Scanner(load_library([bib], bib.parent / "notes", use_cache=False))


@pytest.mark.parametrize("rule_id", list(all_rules()))
def test_documented_examples_behave_as_documented(scanner, rule_id):
    r = all_rules()[rule_id]
    fired = [f for f in scanner.scan_text(r.fires, fmt="markdown").flags if f.rule == rule_id]
    assert fired, f"the 'fires' example of {rule_id} does not fire:\n{r.fires}"
    passed = [f for f in scanner.scan_text(r.passes, fmt="markdown").flags if f.rule == rule_id]
    assert not passed, f"the 'passes' example of {rule_id} fires: {passed[0].message}"
