"""citation-mismatch for an EU act credited to a body that makes no EU law (scan/eu_acts.py)."""

from __future__ import annotations

import pytest


def mismatches(scanner, text):
    return [f.message for f in scanner.scan_text(text + "\n").flags if f.rule == "citation-mismatch"]


@pytest.mark.parametrize("text, body", [
    ("On 1 March the Council of Europe adopted Regulation (EU) 2022/350 on broadcasting.", "Council of Europe"),
    ("Directive 2011/93/EU, adopted by the European Council, defines the offences.", "European Council"),
    ("The Council of Europe then passed Framework Decision 2008/913/JHA on racism.", "Council of Europe"),
])
def test_an_eu_act_credited_to_a_body_that_makes_no_eu_law(scanner, text, body):
    [message] = mismatches(scanner, text)
    assert f"credited to the {body}" in message and "Council of the European Union" in message


@pytest.mark.parametrize("text", [
    "On 1 March the Council of the European Union adopted Regulation (EU) 2022/350 on broadcasting.",
    "The Council of Europe adopted Recommendation CM/Rec(2022)16 on hate speech.",  # its own instrument
    "The European Council met in March, and the Commission adopted Regulation (EU) 2022/2065 later.",
    "The European Council on Refugees and Exiles welcomed Directive 2011/95/EU, which was adopted in 2011.",
])
def test_the_right_body_or_another_instrument_passes(scanner, text):
    assert mismatches(scanner, text) == []
