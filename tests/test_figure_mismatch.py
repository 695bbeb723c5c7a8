"""figure-mismatch against the scan test library, whose note on ilo2016counting records two
figures (108 million children in agricultural child labour, 71% of child labour in agriculture,
both for 2016)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "scan"
NOTE = "\n\n[^1]: International Labour Organization, *Counting the Hidden: Child Labour in Agriculture* (2016).\n"


@pytest.fixture(scope="module")
def scanner():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner
    from litcheck.scan.rules import select_rules

    return Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False), rules=select_rules(["figure-mismatch"]))


def flags(scanner, text):
    return [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "figure-mismatch"]


@pytest.mark.parametrize("text", [
    "The report counted 152 million children in child labour in agriculture.[^1]" + NOTE,
    "According to the ILO, 152 million children were in child labour in agriculture in 2016.\n",
    "In 2016, 60% of all child labour was in agriculture, the ILO estimated.\n",
])
def test_a_different_figure_for_the_same_measure_and_period_fires(scanner, text):
    found = flags(scanner, text)
    assert len(found) == 1 and found[0].keys == ["ilo2016counting"]
    assert "ilo2016counting" in found[0].message and ("p. 12" in found[0].message or "p. 13" in found[0].message)


def test_the_message_gives_the_recorded_figure_and_locator(scanner):
    found = flags(scanner, "According to the ILO, 152 million children were in child labour in agriculture in 2016.\n")
    assert found[0].message == ("'152 million' is credited to International Labour Organization, but the library records "
                                "estimated 108,000,000 children (children in child labour in agriculture; worldwide; 2016) "
                                "in ilo2016counting, p. 12")
    assert found[0].as_dict()["priority"] == 2


@pytest.mark.parametrize("text", [
    "The report counted 108 million children in child labour in agriculture.[^1]" + NOTE,  # the same
    "The report counted 108,000,000 children in child labour in agriculture.[^1]" + NOTE,
    "The report counted about 110 million children in child labour in agriculture.[^1]" + NOTE,  # rounded
    "The report counted more than 100 million children in child labour in agriculture.[^1]" + NOTE,  # a bound
    "In 2016, 71 per cent of child labour was in agriculture, the ILO estimated.\n",
    "According to the ILO, 152 million children were in child labour in agriculture in 2012.\n",  # another period
    "According to the ILO, 152 million children were in school in 2016.\n",  # another measure
    "The report counted 152 million children in child labour in agriculture.\n",  # credited to nobody
    "In 2016 the ILO found 108 million children in agricultural child labour, and 152 million in all.\n",
])
def test_agreeing_unattributed_or_different_figures_pass(scanner, text):
    assert flags(scanner, text) == []
